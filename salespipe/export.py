"""``salespipe export``: a workbook in, the files a CRM's import wizard takes out.

The one library call behind the command is :func:`export_workbook`. It reads the
workbook (never modified), reads or creates the two map files (``stage_map.csv``
and ``owners.csv``, in the output folder unless given elsewhere), plans the export
with :func:`salespipe.core.crm.plan.plan_export`, and, unless ``check`` is set or
a blocking problem remains, writes every import file (split at the CRM's caps),
``rejects.csv``, ``warnings.csv`` and ``summary.txt``. Files for people (maps,
rejects, warnings) are ``;``-separated UTF-8 with a BOM, as French Excel opens them.

For Pipedrive, which updates records only through its own IDs, it also reads the
user's exports of Pipedrive (``pipedrive_ids*.csv`` in the output folder, or
``crm_ids_path``) into the ``{salespipe ID: Pipedrive ID}`` map the core takes.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from salespipe.core.bulk import gc_paused
from salespipe.core.crm.csv_text import write_sheet_csv
from salespipe.core.crm.ids import KIND_PLURALS, CrmIdMap, read_crm_ids, recognised_headers
from salespipe.core.crm.maps import (
    owners_rows,
    read_owners,
    read_stage_map,
    stage_map_rows,
)
from salespipe.core.crm.plan import ExportPlan, SourceExtras, plan_export, plan_file_parts
from salespipe.core.crm.profiles import PROFILES, CrmProfile
from salespipe.core.errors import ConfigError, SourceError, TableNotFoundError
from salespipe.core.model import DEFAULT_MAX_TOUCHES, fold
from salespipe.core.reading.parsing import parse_text
from salespipe.core.reading.pipeline import Grid, Pipeline, PipelineOptions, load_pipeline
from salespipe.core.reading.tables import locate_table
from salespipe.files import SPREADSHEET_SUFFIXES, read_csv_grid, read_grids

STAGE_MAP_FILE = "stage_map.csv"
OWNERS_FILE = "owners.csv"
REJECTS_FILE = "rejects.csv"
WARNINGS_FILE = "warnings.csv"
SUMMARY_FILE = "summary.txt"
#: The CRM's own exports read for its record IDs, in the output folder (Pipedrive).
CRM_IDS_PATTERN = "{crm}_ids*"
#: Exit code of ``salespipe export`` when a blocking problem stops it.
BLOCKED_EXIT = 2

_SHEETS_SOURCE = re.compile(r"^(https?://|docs\.google\.com/)|^[A-Za-z0-9_-]{40,50}$")
#: Headers (folded) of the columns the export reads besides the core's deal fields.
SIREN_HEADERS = ("siren", "siret", "n siren", "n siret", "no siren", "no siret", "numero siren",
                 "numero siret", "siren siret", "siret siren")  # fmt: skip
WEBSITE_HEADERS = ("site web", "site internet", "website", "site", "web", "url", "domaine",
                   "domain", "site web de la societe")  # fmt: skip


@dataclass
class MapFile:
    """One map file: where it is and what this run did with it."""

    path: Path
    state: str  # "created", "updated" (rows appended), "reused", "proposed" (--check)


@dataclass
class ExportResult:
    """What ``salespipe export`` did: the plan, the files written, the map files."""

    plan: ExportPlan
    out_dir: Path
    check: bool
    stage_map: MapFile
    owners: MapFile
    files: list[tuple[Path, int]] = field(default_factory=list)
    crm_id_files: list[Path] = field(default_factory=list)  # the CRM's exports read for IDs

    @property
    def blocked(self) -> bool:
        return bool(self.plan.blocking)

    @property
    def exit_code(self) -> int:
        return BLOCKED_EXIT if self.blocked else 0

    def summary(self) -> str:
        """The text the command prints: files and counts, rejects and warnings by code."""
        return "\n".join(_summary_lines(self)) + "\n"


def export_workbook(
    source: str | Path,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    options: PipelineOptions | None = None,
    **choices: Any,
) -> ExportResult:
    """Export the workbook ``source`` for ``crm`` into the folder ``out_dir``
    (``choices``: those of :func:`export_pipeline`).

    With ``check``, or while a blocking problem remains (a stage without target, an
    owner without e-mail), no import file is written; ``check`` writes nothing at
    all, a real run writes the completed map files for the user to fill in. Raises
    SourceError for an unreadable file (a Google Sheets URL is told to use
    :func:`export_grids` through ``salespipe export``), ConfigError for an unknown CRM or
    a malformed map file.
    """
    _profile(crm)  # an unknown CRM is refused before the workbook is read
    source_path = _source_path(source)
    with gc_paused():
        grids = read_grids(source_path)
        return export_grids(
            grids, source_path.name, crm, out_dir, as_of=as_of, options=options, **choices
        )


def export_grids(
    grids: Mapping[str, Grid],
    title: str,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    options: PipelineOptions | None = None,
    **choices: Any,
) -> ExportResult:
    """Export sheets already read (a workbook's, or a Google spreadsheet's tabs as
    ``values.batchGet`` returns them) for ``crm``; see :func:`export_workbook`."""
    _profile(crm)
    with gc_paused():
        pipeline = load_pipeline(grids, title, options)
        return export_pipeline(
            pipeline,
            grids.get(pipeline.sheets.get("deals", "")),
            crm,
            out_dir,
            as_of=as_of,
            options=options,
            **choices,
        )


def export_pipeline(
    pipeline: Pipeline,
    grid: Grid | None,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    check: bool = False,
    options: PipelineOptions | None = None,
    stage_map_path: str | Path | None = None,
    owners_path: str | Path | None = None,
    lang: str = "fr",
    max_rows: int | None = None,
    max_touches: int = DEFAULT_MAX_TOUCHES,
    crm_ids_path: str | Path | Sequence[str | Path] | None = None,
) -> ExportResult:
    """:func:`export_workbook` for a pipeline already parsed; ``grid`` is its pipeline
    sheet (to quote rejected rows as typed, and to read SIREN and website columns).

    ``crm_ids_path`` (Pipedrive only): one or more files exported from Pipedrive with
    its ID and the ``salespipe ID`` columns (default: ``pipedrive_ids*.csv`` in
    ``out_dir``, if any; an empty sequence means the default). Records found in them
    get Pipedrive's ID, so that the import updates them; ConfigError for another CRM
    or a malformed file, SourceError for a file given that does not exist.
    """
    profile = _profile(crm)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; -o must name a folder for the export files")
    stage_file = Path(stage_map_path) if stage_map_path else out / STAGE_MAP_FILE
    owners_file = Path(owners_path) if owners_path else out / OWNERS_FILE
    id_files = crm_id_files(profile, out, crm_ids_path)
    crm_ids = read_crm_id_files(id_files) if id_files else None
    with gc_paused():
        plan = plan_export(
            pipeline,
            profile,
            as_of=as_of,
            stage_map=_read_map(stage_file, read_stage_map),
            owners=_read_map(owners_file, read_owners),
            extras=source_extras(grid, pipeline, options),
            source_grid=grid,
            lang=lang,
            max_touches=max_touches,
            crm_ids=crm_ids,
        )
        result = ExportResult(
            plan, out, check, _map_state(stage_file, plan.stage_map_added, check),
            _map_state(owners_file, plan.owners_added, check), crm_id_files=id_files,
        )  # fmt: skip
        if check:
            return result
        out.mkdir(parents=True, exist_ok=True)
        _write_maps(result)
        if not result.blocked:
            write_export(result, max_rows)
    return result


def _profile(crm: str) -> CrmProfile:
    profile = PROFILES.get(crm.lower())
    if profile is None:
        raise ConfigError(f"unknown CRM '{crm}'; choose one of {', '.join(PROFILES)}")
    return profile


def is_spreadsheet_reference(source: str) -> bool:
    """True for a Google Sheets URL or key that is not the name of an existing file."""
    return not Path(source).exists() and bool(_SHEETS_SOURCE.search(source))


def _source_path(source: str | Path) -> Path:
    """The workbook to read; a Google Sheets URL or key is refused with what to do."""
    text = str(source)
    if is_spreadsheet_reference(text):
        raise SourceError(
            f"{text} is a Google spreadsheet, not a file: run `salespipe export` with "
            "--credentials FILE (or --config sync.toml) to read it"
        )
    return Path(text)


# --- columns the core does not read ----------------------------------------------------


def source_extras(
    grid: Grid | None, pipeline: Pipeline, options: PipelineOptions | None
) -> dict[int, SourceExtras]:
    """SIREN/SIRET and website of each deal row, from columns named like them."""
    sheet = pipeline.sheets.get("deals")
    if grid is None or not sheet:
        return {}
    try:
        table = locate_table(
            grid, "deals", sheet, mapping=(options or PipelineOptions()).deal_mapping
        )
    except TableNotFoundError:
        return {}
    header = grid[table.header_row - 1]
    used = {c.index for c in table.columns.values()}
    siren = _column(header, SIREN_HEADERS, used)
    website = _column(header, WEBSITE_HEADERS, used)
    if siren is None and website is None:
        return {}
    extras: dict[int, SourceExtras] = {}
    for deal in pipeline.deals:
        row = grid[deal.row - 1]
        values = [parse_text(row[i]) if i is not None and i < len(row) else None
                  for i in (siren, website)]  # fmt: skip
        if any(values):
            extras[deal.row] = SourceExtras(*values)
    return extras


def _column(header: Sequence[Any], names: Sequence[str], used: set[int]) -> int | None:
    for index, cell in enumerate(header):
        if index not in used and isinstance(cell, str) and fold(cell) in names:
            return index
    return None


# --- map files -------------------------------------------------------------------------


def _read_map(path: Path, reader: Any) -> list[Any]:
    if not path.exists():
        return []
    return list(reader(read_csv_grid(path.read_bytes()), path.name))


def _map_state(path: Path, added: int, check: bool) -> MapFile:
    if not path.exists():
        return MapFile(path, "proposed" if check else "created")
    if added:
        return MapFile(path, "proposed" if check else "updated")
    return MapFile(path, "reused")


def _write_maps(result: ExportResult) -> None:
    plan = result.plan
    if result.stage_map.state != "reused":
        write_sheet_file(result.stage_map.path, stage_map_rows(plan.stage_map))
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


# --- the CRM's own IDs (Pipedrive) -------------------------------------------------------


def crm_id_files(
    profile: CrmProfile, out: Path, given: str | Path | Sequence[str | Path] | None
) -> list[Path]:
    """The ID files to read: those given, else ``<crm>_ids*.csv`` (or ``.xlsx``…) in
    ``out`` for a CRM that updates through its own IDs."""
    paths = [Path(given)] if isinstance(given, (str, Path)) else [Path(p) for p in given or ()]
    if paths:
        if not profile.system_ids:
            raise ConfigError(
                f"--crm-ids is for Pipedrive only: {profile.label} updates records through "
                "the salespipe ID columns themselves (see docs/crm_export.md)"
            )
        for path in paths:
            if not path.is_file():
                raise SourceError("file_not_found", path=str(path))
        return paths
    if not profile.system_ids or not out.is_dir():
        return []
    suffixes = (".csv", *SPREADSHEET_SUFFIXES)
    pattern = CRM_IDS_PATTERN.format(crm=profile.name)
    return sorted(p for p in out.glob(pattern) if p.suffix.lower() in suffixes and p.is_file())


def read_crm_id_files(paths: Sequence[Path]) -> CrmIdMap:
    """The ``{salespipe ID: CRM ID}`` map of the CRM's export files, read as downloaded
    or as Excel saves them; ConfigError naming the file, row and value if malformed."""
    found = CrmIdMap()
    for path in paths:
        read_crm_ids(read_id_grid(path), path.name, into=found)
    return found


def read_id_grid(path: Path) -> list[list[Any]]:
    """One export file of the CRM as a grid: a workbook's first sheet, or a CSV file
    (UTF-8 with or without BOM, else Windows-1252; ``,``, ``;`` or tab, told apart by
    the ID headers rather than guessed, as free text may hold any of them)."""
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        sheets = list(read_grids(path).values())
        return [list(row) for row in sheets[0]] if sheets else []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    best: tuple[int, int, str] = (-1, -1, ",")
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next((row for row in reader if any(c.strip() for c in row)), [])
        best = max(best, (recognised_headers(header), len(header), delimiter))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=best[2]))


# --- the export files ------------------------------------------------------------------


def write_export(result: ExportResult, max_rows: int | None = None) -> None:
    """Write every import file of the plan (split at the caps), then the rejects,
    warnings and summary; files of an earlier export with the same names go first."""
    plan, out = result.plan, result.out_dir
    for spec in plan.profile.files:
        _remove_old_parts(out, spec.stem)
        parts = plan_file_parts(plan, spec, max_rows)
        width = len(str(len(parts)))
        for number, (text, rows) in enumerate(parts, start=1):
            name = f"{spec.stem}.csv" if len(parts) == 1 else f"{spec.stem}_{number:0{width}d}.csv"
            _write_text(out / name, text, plan.profile.encoding)
            result.files.append((out / name, rows))
    write_sheet_file(out / REJECTS_FILE, rejects_rows(plan))
    result.files.append((out / REJECTS_FILE, len(plan.rejects)))
    write_sheet_file(out / WARNINGS_FILE, warnings_rows(plan))
    result.files.append((out / WARNINGS_FILE, len(plan.findings)))
    _write_text(out / SUMMARY_FILE, result.summary(), "utf-8")


def _remove_old_parts(out: Path, stem: str) -> None:
    pattern = re.compile(rf"{re.escape(stem)}(?:_\d+)?\.csv")
    for path in out.glob(f"{stem}*.csv"):
        if pattern.fullmatch(path.name):
            path.unlink()


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


# --- the summary -----------------------------------------------------------------------


def _summary_lines(result: ExportResult) -> list[str]:
    plan = result.plan
    account = plan.account
    lines = [
        f"{plan.profile.label} export of {plan.source}",
        f"  Sheet '{account.sheet}': {account.read} rows = {account.exported} exported + "
        f"{account.rejected} rejected + {account.blank} blank",
    ]
    lines += _counts("Rejected rows by reason", Counter(r.code for r in plan.rejects))
    lines += _counts("Warnings by code", Counter(f.code for f in plan.findings))
    lines += _map_lines(result)
    lines += _crm_id_lines(result)
    stage_map, owners = result.stage_map.path, result.owners.path
    if plan.blocking:
        lines.append("Blocking problems:")
        lines += [f"  {b.message}" for b in plan.blocking]
        if result.check and "proposed" in (result.stage_map.state, result.owners.state):
            lines.append(f"Nothing written (--check). Run without --check to write {stage_map} "
                         f"and {owners}, complete them, then export again.")  # fmt: skip
        else:
            lines.append(f"No import file written: complete {stage_map} and {owners}, "
                         "then export again.")  # fmt: skip
        return lines
    if result.check:
        lines.append("No blocking problem. Nothing written (--check); the export would write:")
        lines += _file_lines((f"{spec.stem}.csv", len(plan.records(spec)))
                             for spec in plan.profile.files)  # fmt: skip
        return lines
    lines.append(f"Files written to {result.out_dir}:")
    lines += _file_lines((p.name, n) for p, n in result.files)
    return lines


def _counts(title: str, counts: Mapping[str, int]) -> list[str]:
    if not counts:
        return [f"{title}: none"]
    width = max(len(code) for code in counts)
    return [f"{title}:"] + [f"  {code:<{width}}  {n}" for code, n in sorted(counts.items())]


def _file_lines(files: Iterable[tuple[str, int]]) -> list[str]:
    items = list(files)
    width = max((len(name) for name, _ in items), default=0)
    return [f"  {name:<{width}}  {rows} row{'s' * (rows != 1)}" for name, rows in items]


def _map_lines(result: ExportResult) -> list[str]:
    stage_map, owners = result.stage_map, result.owners
    return [
        f"Stage map: {stage_map.path} ({_state(stage_map.state, 'check the proposed stages')})",
        f"Owner map: {owners.path} ({_state(owners.state, 'add each owner e-mail')})",
    ]


def _crm_id_lines(result: ExportResult) -> list[str]:
    """Which records the import will update (their CRM ID is known) or create."""
    report = result.plan.crm_ids
    if report is None:
        return []
    files = ", ".join(str(p) for p in result.crm_id_files) or "given"
    aside = f", {report.without_id} row{'s' * (report.without_id != 1)} without salespipe ID"
    lines = [f"{result.plan.profile.label} IDs: {files} ({report.ids} "
             f"ID{'s' * (report.ids != 1)}{aside if report.without_id else ''})"]  # fmt: skip
    for kind, plural in KIND_PLURALS.items():
        if kind in report.to_update:
            update, create = report.to_update[kind], report.to_create[kind]
            lines.append(f"  {plural} to update: {update}, to create: {create}")
        else:
            lines.append(f"  {plural}: no IDs given (imported as before)")
    if report.not_exported:
        lines.append(f"  IDs matching no exported record: {report.not_exported} "
                     "(see warnings.csv, crm_id_not_exported)")  # fmt: skip
    if any(report.to_create.values()):
        lines.append("  After this import, export the IDs from Pipedrive again: the records "
                     "it creates are not in these files yet.")  # fmt: skip
    return lines


def _state(state: str, todo: str) -> str:
    return {
        "created": f"created: {todo}",
        "updated": f"rows added: {todo}",
        "reused": "reused",
        "proposed": "not written: --check",
    }[state]
