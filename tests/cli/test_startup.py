"""What a command loads before it answers: `salespipe --help` and a JSON or text report do
not import openpyxl (the report workbook's writer), nor `--help` numpy (the metrics'), nor
any command pandas or pyarrow. Each is imported where it is used (salespipe/cli/
report_command.py, export_command.py), so a user does not wait for libraries the command
never runs; docs/benchmarks.md « Start-up » has the figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from salespipe.cli import exit_codes

ROOT = Path(__file__).resolve().parents[2]

#: Runs ``salespipe ARGS`` as the console script does, then writes its exit code and every
#: module loaded by then to the file named first.
_PROGRAM = """\
import json, sys
from salespipe.cli import main
out, *args = sys.argv[1:]
try:
    main(args)
    code = 0
except SystemExit as exc:
    code = exc.code or 0
with open(out, "w", encoding="utf-8") as file:
    json.dump({"code": code, "modules": sorted(sys.modules)}, file)
"""

#: Heavy libraries no command ever needs.
NEVER = {"pandas", "pyarrow"}
#: What writes or reads a workbook through openpyxl (lxml: openpyxl's XML writer).
OPENPYXL = {"openpyxl", "lxml"}
#: What reads a workbook and computes the metrics.
READING_AND_METRICS = {"numpy", "python_calamine", "salespipe.core.report"}


def _salespipe(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    """``salespipe ARGS`` in a fresh interpreter: its exit code, the top-level modules and
    salespipe modules it had loaded at the end, and its stdout."""
    record = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(record), *args],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert record.exists(), done.stderr
    seen = json.loads(record.read_text(encoding="utf-8"))
    names = {m for m in seen["modules"] if "." not in m or m.startswith("salespipe.")}
    return seen["code"], names, done.stdout


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["export", "--help"]])
def test_help_loads_neither_openpyxl_nor_numpy(tmp_path: Path, args: list[str]) -> None:
    code, loaded, out = _salespipe(tmp_path, *args)
    assert code == exit_codes.OK
    assert "Usage:" in out or "Utilisation :" in out
    assert loaded & (NEVER | OPENPYXL | READING_AND_METRICS) == set()


@pytest.mark.parametrize(("fmt", "name"), [("json", "report.json"), ("text", "report.txt")])
def test_a_json_or_text_report_does_not_load_openpyxl(
    small_pipeline: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    args = ["--as-of", "2026-11-23", "--format", fmt, "-o", str(out), "--lang", "en"]
    code, loaded, _ = _salespipe(tmp_path, "report", str(small_pipeline), *args)
    assert code == exit_codes.OK
    report = out.read_text(encoding="utf-8")
    if fmt == "json":  # the small pipeline's figures, worked by hand in tests/workbooks.py
        assert json.loads(report)["summary"]["weighted_open"] == pytest.approx(45_000)
    else:
        assert "Overdue follow-ups: 1" in report
    assert loaded & (NEVER | OPENPYXL) == set()
    assert loaded >= READING_AND_METRICS  # the record sees what the command did load


def test_a_crm_export_does_not_load_openpyxl(small_pipeline: Path, tmp_path: Path) -> None:
    out = tmp_path / "crm"
    code, loaded, _ = _salespipe(tmp_path, "export", str(small_pipeline), "--crm", "hubspot",
                                 "-o", str(out), "--as-of", "2026-11-23")  # fmt: skip
    assert code == exit_codes.MAPS_TO_FILL  # the first run writes the maps to fill
    assert (out / "stage_map.csv").exists()
    assert loaded & (NEVER | OPENPYXL) == set()


def test_the_record_sees_a_lazy_import_when_it_happens(
    small_pipeline: Path, tmp_path: Path
) -> None:
    """Not vacuous: the xlsx report does import openpyxl, and the record shows it."""
    out = tmp_path / "report.xlsx"
    code, loaded, _ = _salespipe(tmp_path, "report", str(small_pipeline), "--as-of",
                                 "2026-11-23", "--format", "xlsx", "-o", str(out))  # fmt: skip
    assert code == exit_codes.OK
    assert out.stat().st_size > 0
    assert loaded >= OPENPYXL
    assert loaded & NEVER == set()
