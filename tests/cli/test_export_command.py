"""`salespipe export` as a user runs it: first run, maps, --check, re-runs, splitting."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from salespipe.cli import main
from salespipe.core.crm.csv_text import render_parts
from salespipe.core.crm.profiles import HUBSPOT
from salespipe.export import OWNERS_FILE, STAGE_MAP_FILE
from tests.export.checks import read_sheet_file
from tests.export.sample import OWNERS, write_sample

FIRST_RUN = """\
HubSpot export of pipeline.xlsx
  Sheet 'Pipeline': 10 rows = 6 exported + 3 rejected + 1 blank
Rejected rows by reason:
  deal_without_name  1
  duplicate_id       1
  totals_row         1
Warnings by code:
  contact_conflict   1
  email_invalid      1
  formula_escaped    3
  formula_like_text  1
  phone_invalid      1
  siren_invalid      2
Stage map: out/stage_map.csv (created: check the proposed stages)
Owner map: out/owners.csv (created: add each owner e-mail)
Blocking problems:
  stage 'Relance téléphonique' (1 deal(s)) has no target stage in stage_map.csv
  owner 'Marie' (3 deal(s)) has no e-mail in owners.csv
  owner 'Paul' (3 deal(s)) has no e-mail in owners.csv
No import file written: complete out/stage_map.csv and out/owners.csv, then export again.
"""

EXPORTED_TAIL = """\
Stage map: out/stage_map.csv (reused)
Owner map: out/owners.csv (reused)
Files written to out:
  hubspot_companies.csv  4 rows
  hubspot_contacts.csv   4 rows
  hubspot_deals.csv      6 rows
  hubspot_tasks.csv      2 rows
  rejects.csv            3 rows
  warnings.csv           9 rows
"""

ARGS = [
    "export",
    "pipeline.xlsx",
    "--crm",
    "hubspot",
    "-o",
    "out",
    "--as-of",
    "2026-11-23",
    "--lang",
    "en",
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_sample(tmp_path / "pipeline.xlsx")
    return tmp_path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def _complete_maps(folder: Path) -> None:
    """What the user does between the first and the second run."""
    stage_map = folder / STAGE_MAP_FILE
    text = stage_map.read_bytes().decode("utf-8-sig")
    stage_map.write_bytes(
        text.replace(
            "Relance téléphonique;default;", "Relance téléphonique;default;qualifiedtobuy"
        ).encode("utf-8-sig")
    )
    # saved by French Excel as "CSV (séparateur : point-virgule)": cp1252, no BOM
    lines = ["owner;email;crm_user"] + [f"{o.owner};{o.email};{o.crm_user}" for o in OWNERS]
    (folder / OWNERS_FILE).write_bytes("\r\n".join(lines).encode("cp1252"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_check_before_anything_writes_nothing_and_exits_2(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([*ARGS, "--check"], capsys)
    assert code == 2
    assert "Nothing written (--check)" in out
    assert not (workdir / "out").exists()


def test_first_run_writes_the_maps_only_then_the_export(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(ARGS, capsys)
    assert (code, out) == (2, FIRST_RUN)
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [OWNERS_FILE, STAGE_MAP_FILE]
    assert read_sheet_file(workdir / "out" / OWNERS_FILE) == [
        ["owner", "email", "crm_user"],
        ["Marie", "", "Marie"],
        ["Paul", "", "Paul"],
    ]
    _complete_maps(workdir / "out")
    before = _snapshot(workdir / "out")
    code, out, _ = _run([*ARGS, "--check"], capsys)
    assert code == 0 and "No blocking problem" in out
    assert _snapshot(workdir / "out") == before
    code, out, _ = _run(ARGS, capsys)
    assert code == 0
    assert out.endswith(EXPORTED_TAIL)
    assert (workdir / "out" / "summary.txt").read_text(encoding="utf-8") == out
    # the user's map files are read, never rewritten when nothing is missing
    assert (workdir / "out" / OWNERS_FILE).read_bytes() == before[OWNERS_FILE]


def test_a_second_export_gives_the_same_files_and_ids(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    _run(ARGS, capsys)
    first = _snapshot(workdir / "out")
    _run(ARGS, capsys)
    assert _snapshot(workdir / "out") == first


def test_ids_do_not_move_when_rows_are_inserted(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    _run(ARGS, capsys)
    before = _deal_ids(workdir / "out")
    workbook = openpyxl.load_workbook(workdir / "pipeline.xlsx")
    sheet = workbook["Pipeline"]
    sheet.insert_rows(4)
    sheet["A4"], sheet["B4"], sheet["G4"], sheet["H4"] = "Z9", "Nouveau", "Paul", "Suspect"
    workbook.save(workdir / "pipeline.xlsx")
    code, _, _ = _run(ARGS, capsys)
    assert code == 0
    after = _deal_ids(workdir / "out")
    assert set(before.items()) <= set(after.items())
    assert "Nouveau" in after


def _deal_ids(folder: Path) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO((folder / "hubspot_deals.csv").read_text("utf-8"))))
    return {r["Deal name"]: r["Deal salespipe ID"] for r in rows}


def test_a_new_stage_blocks_and_is_appended_to_the_map(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    kept = read_sheet_file(workdir / "out" / STAGE_MAP_FILE)
    workbook = openpyxl.load_workbook(workdir / "pipeline.xlsx")
    workbook["Pipeline"]["H5"] = "Attente budget"
    workbook.save(workdir / "pipeline.xlsx")
    code, out, _ = _run(ARGS, capsys)
    assert code == 2
    assert "stage 'Attente budget' (1 deal(s)) has no target stage" in out
    assert "Stage map: out/stage_map.csv (rows added: check the proposed stages)" in out
    now = read_sheet_file(workdir / "out" / STAGE_MAP_FILE)
    assert now[: len(kept)] == kept
    assert now[len(kept) :] == [["Attente budget", "default", ""]]
    assert not (workdir / "out" / "hubspot_deals.csv").exists()


def test_split_files_replace_the_previous_ones(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    code, out, _ = _run([*ARGS, "--max-rows", "4"], capsys)
    assert code == 0
    assert re.search(r"hubspot_deals_1\.csv +4 rows", out)
    assert re.search(r"hubspot_deals_2\.csv +2 rows", out)
    _run(ARGS, capsys)
    names = {p.name for p in (workdir / "out").iterdir()}
    assert "hubspot_deals.csv" in names and "hubspot_deals_1.csv" not in names


@pytest.mark.parametrize(
    "source",
    [
        "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd/edit",
        "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd",
    ],
)
def test_google_sheets_source_is_read_from_google_with_credentials(
    source: str, workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A URL or key is a spreadsheet, not a missing file; without credentials, one line
    says so (the export itself is tested against the emulator in tests/sheets_sync)."""
    monkeypatch.delenv("SALESPIPE_CREDENTIALS", raising=False)
    code, out, err = _run(["export", source, "--crm", "zoho", "-o", "out"], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "a spreadsheet is configured but no credentials file" in err


def test_output_that_is_a_file_is_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "out").write_text("not a folder")
    code, _, err = _run(ARGS, capsys)
    assert code == 1 and "must name a folder" in err


def test_parts_respect_the_size_cap_and_keep_every_row_in_order() -> None:
    rows = [(f"sp_d_{i:012x}", f"Affaire n°{i} – « spéciale »", "é" * (i % 7)) for i in range(500)]
    headers = ("id", "name", "extra")
    parts = render_parts(headers, rows, HUBSPOT, max_bytes=4_000)
    assert len(parts) > 5
    read_back: list[list[str]] = []
    for text, count in parts:
        assert len(text.encode("utf-8")) <= 4_000
        parsed = list(csv.reader(io.StringIO(text, newline="")))
        assert tuple(parsed[0]) == headers and len(parsed) == count + 1
        read_back += parsed[1:]
    assert read_back == [list(r) for r in rows]
    assert [n for _, n in render_parts(headers, rows, HUBSPOT, max_rows=200)] == [200, 200, 100]
