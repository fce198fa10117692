"""Check that a change to reading leaves every figure and every message as it was.

Three steps, the first two on the code *before* the change, the last on the code after:

    python bench/check_equivalence.py build  DIR      # write the corpus files into DIR once
    python bench/check_equivalence.py record DIR OUT  # the outputs of every file, as JSON
    python bench/check_equivalence.py compare BEFORE AFTER

``build`` writes the test suite's messy workbooks (``tests/messy/corpus.py``), the
template datasets typed in and recalculated by LibreOffice (``tests/template/datasets.py``),
the demo workbook, the benchmark workbooks of 1 000, 10 000 and 100 000 deals
(``bench/make_data.py``), and a copy of every corpus workbook converted by LibreOffice to
.ods and .xls (so that the readers of those formats are compared too). ``record`` runs
what ``salespipe report --format json`` runs on each file (``report_on_workbook``, as of
2026-11-23, target 1 000 000 €) and keeps the JSON report, every data-quality issue with
its French and English message, the row accounts and the deals; or the error's message
when the file cannot be reported on. ``compare`` says which files differ, and where.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
AS_OF = date(2026, 11, 23)
TARGET = 1_000_000.0
BENCH_SIZES = (1000, 10_000, 100_000)


def _importable() -> None:
    for folder in (str(REPO_DIR), str(BENCH_DIR)):
        if folder not in sys.path:
            sys.path.insert(0, folder)


def build(folder: Path) -> None:
    """Every input file into ``folder``, and ``manifest.json``: file -> reading options."""
    _importable()
    from make_data import deals_workbook

    from salespipe.sample.workbook import build_demo_workbook
    from salespipe.template import build_template, sample_data, template_path
    from tests.messy.corpus import build_corpus
    from tests.template.datasets import SAMPLE_AS_OF, all_datasets
    from tests.template.filling import fill_template

    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {}
    (folder / "messy").mkdir(exist_ok=True)
    corpus = build_corpus(folder / "messy")
    for case in corpus.cases.values():
        manifest[str(case.path.relative_to(folder))] = _options(case.options)
    for error in corpus.errors.values():
        manifest[str(error.path.relative_to(folder))] = None
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sources = {
            ("fr", False): template_path(),
            ("en", False): base / "template_en.xlsx",
            ("fr", True): base / "template_sample.xlsx",
        }
        build_template("en").save(sources[("en", False)])
        build_template("fr", sample_data(SAMPLE_AS_OF)).save(sources[("fr", True)])
        typed = folder / "datasets"
        typed.mkdir(exist_ok=True)
        filled = [
            fill_template(sources[(ds.lang, ds.sample)], ds, typed / f"{ds.name}.xlsx")
            for ds in all_datasets()
        ]
        _soffice(filled, folder / "recalculated", "xlsx", base / "profile")
        spreadsheets = sorted((folder / "messy").glob("*.xlsx"))
        _soffice(spreadsheets, folder / "ods", "ods", base / "profile")
        _soffice(spreadsheets, folder / "xls", "xls", base / "profile")
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_file() and key not in manifest and path.name != "manifest.json":
            manifest[key] = _options(None)
    for key in list(manifest):  # the converted copies are read with their source's options
        source = f"messy/{Path(key).stem}.xlsx"
        if key.startswith(("ods/", "xls/")) and source in manifest:
            manifest[key] = manifest[source]
    for lang in ("fr", "en"):
        demo = folder / f"demo_{lang}.xlsx"
        build_demo_workbook(demo, AS_OF, lang=lang)
        manifest[demo.name] = _options(None)
    for n in BENCH_SIZES:
        target = folder / "bench" / f"deals_{n}.xlsx"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(deals_workbook(n, 1), target)
        manifest[str(target.relative_to(folder))] = _options(None)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"{len(manifest)} files in {folder}")


def _soffice(files: list[Path], outdir: Path, to: str, profile: Path) -> None:
    """Convert ``files`` with LibreOffice (recalculated on load) into ``outdir``."""
    from tests.template.libreoffice import make_profile

    outdir.mkdir(parents=True, exist_ok=True)
    if not profile.exists():
        make_profile(profile)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice is needed to build the LibreOffice files")
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
        *(str(f) for f in files),
    ]
    subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)


def _options(options: Any) -> dict[str, Any] | None:
    if options is None:
        return {}
    return {f.name: getattr(options, f.name) for f in fields(options)}


def record(folder: Path, out: Path) -> None:
    """The outputs of every file of ``folder``'s manifest, written to ``out`` as JSON."""
    _importable()
    from salespipe.api import read_pipeline, report_on_workbook
    from salespipe.core.errors import SalespipeError
    from salespipe.core.reading.pipeline import PipelineOptions
    from salespipe.formats.json import render_json

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    outputs: dict[str, Any] = {}
    for key, raw in manifest.items():
        path = folder / key
        options = PipelineOptions(**raw) if raw else None
        try:
            report = report_on_workbook(path, AS_OF, target=TARGET, options=options)
            pipeline = read_pipeline(path, options)
        except SalespipeError as exc:
            outputs[key] = {"error": type(exc).__name__, "fr": str(exc), "code": exc.code}
            continue
        outputs[key] = {
            "report_json": json.loads(render_json(report, "fr")),
            "issues": [i.to_dict("fr") | {"en": i.message("en")} for i in pipeline.issues],
            "accounts": [a.to_dict() for a in pipeline.accounts],
            "deals": [_plain(asdict(d)) for d in pipeline.deals],
            "stages": [_plain(asdict(s)) for s in pipeline.stages.stages],
            "actions": [_plain(asdict(a)) for a in pipeline.actions],
            "sheets": pipeline.sheets,
            "ignored_columns": {k: list(v) for k, v in pipeline.ignored_columns.items()},
        }
    out.write_text(json.dumps(outputs, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"{len(outputs)} files recorded in {out}")


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """A record's fields with types kept in the comparison (1.0 and 1 differ)."""
    return {k: [type(v).__name__, v if isinstance(v, str | int | float | None) else str(v)]
            for k, v in record.items()}  # fmt: skip


def compare(before: Path, after: Path) -> int:
    """0 when every file gives the same outputs; else 1, with the first differences."""
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differing = 0
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        differing += 1
        a, b = old.get(key) or {}, new.get(key) or {}
        parts = [p for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
        print(f"DIFFERS {key}: {', '.join(parts)}")
        for where, x, y in list(_differences(a, b, ""))[:3]:
            print(f"  {where}: before {_short(x)}, after {_short(y)}")
    print(f"{len(old)} files before, {len(new)} after; {differing} differ")
    return 1 if differing else 0


_MISSING = "<missing>"


def _differences(a: Any, b: Any, where: str) -> Any:
    """(path, before, after) of every leaf that differs between two JSON values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in [*a, *(k for k in b if k not in a)]:
            if a.get(k, _MISSING) != b.get(k, _MISSING):
                yield from _differences(a.get(k, _MISSING), b.get(k, _MISSING), f"{where}/{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                yield from _differences(x, y, f"{where}[{i}]")
    else:
        yield where, a, b


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 160 else text[:157] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("build").add_argument("folder", type=Path)
    rec = sub.add_parser("record")
    rec.add_argument("folder", type=Path)
    rec.add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.step == "build":
        build(args.folder)
        return 0
    if args.step == "record":
        record(args.folder, args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
