"""The files an export writes: the import files (split at the CRM's caps), their test
files (``*_test.csv``: the first deals), the import guide, the two map files a person
edits, rejects.csv, warnings.csv and summary.txt, each written whole to a temporary name
then renamed, so an interrupted export never leaves half a file."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salespipe.core.crm.csv_text import write_sheet_csv
from salespipe.core.crm.import_guide import (
    guide_name,
    has_test_file,
    import_guide,
    test_plan,
    test_stem,
)
from salespipe.core.crm.maps import owners_rows, stage_map_rows
from salespipe.core.crm.plan import ExportPlan, plan_file_parts
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.errors import ConfigError
from salespipe.core.texts import LANGS
from salespipe.export.result import MapFile

if TYPE_CHECKING:
    from salespipe.export.result import ExportResult

STAGE_MAP_FILE = "stage_map.csv"
OWNERS_FILE = "owners.csv"
REJECTS_FILE = "rejects.csv"
WARNINGS_FILE = "warnings.csv"
SUMMARY_FILE = "summary.txt"


def read_map(path: Path, reader: Any) -> list[Any]:
    """The entries of a map file (``reader``: read_stage_map or read_owners); none when it
    does not exist yet. ConfigError ``map_file_unreadable`` for a file that is no CSV."""
    if not path.exists():
        return []
    try:
        grid = read_map_grid(path.read_bytes())
    except csv.Error as exc:
        raise ConfigError("map_file_unreadable", name=path.name, reason=str(exc)) from None
    return list(reader(grid, path.name))


def read_map_grid(data: bytes) -> list[list[str]]:
    """A map file's rows, as :func:`write_sheet_file` wrote them or a spreadsheet saved
    them: UTF-8 (BOM or not) else Windows-1252; the delimiter is the one of the header
    row (``;``, ``,`` or tab: its column names hold none), the quote is always ``"``.

    Not :func:`salespipe.files.read_csv_grid`, whose sniffer guesses from the values and
    takes the ``'`` of ``'@Sophie`` for a quote, or the ``,`` inside a quoted label for
    the delimiter: any text written to a map file reads back as it was.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=header.count) if header else ";"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"'))


def map_state(path: Path, added: int, check: bool) -> MapFile:
    if not path.exists():
        return MapFile(path, "proposed" if check else "created")
    if added:
        return MapFile(path, "proposed" if check else "updated")
    return MapFile(path, "reused")


def write_maps(result: ExportResult) -> None:
    plan = result.plan
    if result.stage_map.state != "reused":
        write_sheet_file(result.stage_map.path, stage_map_rows(plan.stage_map, plan.profile))
    if result.owners.state != "reused":
        write_sheet_file(result.owners.path, owners_rows(plan.owners))


def write_sheet_file(path: Path, rows: Iterable[Sequence[Any]]) -> None:
    """Write a file for people (map, rejects, warnings): UTF-8 with BOM, ``;``, escaped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8-sig", newline="") as stream:
        write_sheet_csv(stream, rows)
    partial.replace(path)


def _write_text(path: Path, text: str, encoding: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding=encoding, newline="") as stream:
        stream.write(text)
    partial.replace(path)


def write_export(result: ExportResult, max_rows: int | None = None) -> None:
    """Write every import file of the plan (split at the caps) and its test file, then
    the rejects, warnings, import guide and summary; files of an earlier export with the
    same names go first (and the guide of the other language)."""
    plan, out = result.plan, result.out_dir
    sample = test_plan(plan)
    result.test_deals = len(sample.deals)
    for spec in plan.profile.files:
        _remove_old_parts(out, spec.stem)
        parts = plan_file_parts(plan, spec, max_rows)
        width = len(str(len(parts)))
        for number, (text, rows) in enumerate(parts, start=1):
            name = f"{spec.stem}.csv" if len(parts) == 1 else f"{spec.stem}_{number:0{width}d}.csv"
            _write_text(out / name, text, plan.profile.encoding)
            result.files.append((out / name, rows))
        test = out / f"{test_stem(spec.stem)}.csv"
        # a test file only when it is smaller than the full one, holds rows, and a second
        # import of those rows updates them (not for an insert-only file)
        ((text, rows),) = plan_file_parts(sample, spec)
        if len(plan.deals) > len(sample.deals) and rows and has_test_file(spec, plan):
            _write_text(test, text, plan.profile.encoding)
            result.test_files.append(test)
        elif test.exists():
            test.unlink()
    imports = [(p.name, n) for p, n in result.files]
    write_sheet_file(out / REJECTS_FILE, rejects_rows(plan))
    result.files.append((out / REJECTS_FILE, len(plan.rejects)))
    write_sheet_file(out / WARNINGS_FILE, warnings_rows(plan))
    result.files.append((out / WARNINGS_FILE, len(plan.findings)))
    for lang in LANGS:
        if lang != plan.lang and (out / guide_name(lang)).exists():
            (out / guide_name(lang)).unlink()
    result.guide = out / guide_name(plan.lang)
    tests = [p.name for p in result.test_files]
    guide = import_guide(plan, imports, tests, result.test_deals if tests else 0)
    _write_text(result.guide, guide, "utf-8")
    _write_text(out / SUMMARY_FILE, result.summary(), "utf-8")


def _old_parts(out: Path, stem: str) -> list[Path]:
    """The files of an earlier export of ``stem`` in ``out``: ``stem.csv``, ``stem_2.csv``…"""
    if not out.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(stem)}(?:_\d+)?\.csv")
    return [path for path in out.glob(f"{stem}*.csv") if pattern.fullmatch(path.name)]


def _remove_old_parts(out: Path, stem: str) -> None:
    for path in _old_parts(out, stem):
        path.unlink()


def touched_paths(profile: CrmProfile, out: Path, maps: Iterable[Path]) -> list[Path]:
    """Every file an export may write or delete: the map files, each import file, its
    test file and the parts of an earlier export it replaces, the import guide (in
    either language), rejects, warnings and summary (checked
    against the files read before anything is written: salespipe.output_guard)."""
    paths = list(maps)
    for spec in profile.files:
        paths += [out / f"{spec.stem}.csv", *_old_parts(out, spec.stem)]
        paths.append(out / f"{test_stem(spec.stem)}.csv")
    paths += [out / guide_name(lang) for lang in LANGS]
    return paths + [out / name for name in (REJECTS_FILE, WARNINGS_FILE, SUMMARY_FILE)]


def rejects_rows(plan: ExportPlan) -> list[list[Any]]:
    """rejects.csv: every row of the pipeline sheet in no import file, and why."""
    rows: list[list[Any]] = [["sheet", "row", "reason", "message", "deal_id", "deal_name",
                              "content"]]  # fmt: skip
    rows += [[r.sheet, r.row, r.code, r.message, r.deal_id, r.deal_name, r.content]
             for r in plan.rejects]  # fmt: skip
    return rows


def warnings_rows(plan: ExportPlan) -> list[list[Any]]:
    """warnings.csv: every value changed or left out in an exported row."""
    rows: list[list[Any]] = [["sheet", "row", "column", "value", "code", "message"]]
    rows += [[f.sheet, f.row, f.column, f.value, f.code, f.message] for f in plan.findings]
    return rows
