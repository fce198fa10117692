"""`salespipe export` as a user runs it: first run, maps, --check, re-runs, splitting."""

from __future__ import annotations

import csv
import gc
import io
import re
from pathlib import Path

import openpyxl
import orjson
import pytest

from salespipe.cli import options
from salespipe.cli.exit_codes import BLOCKED, MAPS_TO_FILL
from salespipe.core.crm.csv_text import render_parts
from salespipe.core.crm.profiles import HUBSPOT
from salespipe.export import OWNERS_FILE, STAGE_MAP_FILE
from tests.export.checks import read_sheet_file
from tests.export.sample import OWNERS, write_sample
from tests.support.cli_run import run as _run

FIRST_RUN = """\
HubSpot export of pipeline.xlsx
  Sheet 'Pipeline': 10 rows = 6 exported + 3 rejected + 1 blank
Rejected rows by reason:
  deal without a name (deal_without_name)  1
  duplicate ID (duplicate_id)              1
  totals row (totals_row)                  1
Warnings by code:
  conflicting contact (contact_conflict)   1
  invalid e-mail (email_invalid)           1
  formula escaped (formula_escaped)        3
  text like a formula (formula_like_text)  1
  invalid phone (phone_invalid)            1
  invalid SIREN (siren_invalid)            2
Stage map: out/stage_map.csv (created: check the proposed stages)
Owner map: out/owners.csv (created: add each owner e-mail)
Values of the sheet that no HubSpot file carries:
  Probability (1 deal): HubSpot computes the probability from the stage
  Created date (6 deals): HubSpot dates each record the day of the import (a system field)
  Last contact (2 deals): used to date the next follow-up, exported as a task or next step
  Source (4 deals): HubSpot has no standard field for it: create a custom field and take \
the column of the generic export (deals.csv) if you need it
Blocking problems:
  stage 'Relance téléphonique' (1 deal) has no target stage in stage_map.csv
  owner 'Marie' (3 deals) has no e-mail in owners.csv
  owner 'Paul' (3 deals) has no e-mail in owners.csv
No import file written: complete out/stage_map.csv and out/owners.csv, then export again.
"""

EXPORTED_TAIL = """\
Stage map: out/stage_map.csv (reused)
Owner map: out/owners.csv (reused)
Values of the sheet that no HubSpot file carries:
  Probability (1 deal): HubSpot computes the probability from the stage
  Created date (6 deals): HubSpot dates each record the day of the import (a system field)
  Last contact (2 deals): used to date the next follow-up, exported as a task or next step
  Source (4 deals): HubSpot has no standard field for it: create a custom field and take \
the column of the generic export (deals.csv) if you need it
Files written to out:
  hubspot_companies.csv  4 rows
  hubspot_contacts.csv   4 rows
  hubspot_deals.csv      6 rows
  hubspot_tasks.csv      2 rows
  rejects.csv            3 rows
  warnings.csv           9 rows
Import guide (read it before importing): out/README-IMPORT.md
Test files (the first 5 deals, to import first): hubspot_companies_test.csv, \
hubspot_contacts_test.csv, hubspot_deals_test.csv
"""

USER_LANG = options.user_lang  # imported before tests/conftest.py replaces it

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


def test_check_before_anything_writes_nothing_and_says_the_maps_are_to_fill(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run([*ARGS, "--check"], capsys)
    assert code == MAPS_TO_FILL
    assert "Nothing written (--check)" in out
    assert not (workdir / "out").exists()


def test_first_run_writes_the_maps_only_then_the_export(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(ARGS, capsys)
    assert (code, out) == (MAPS_TO_FILL, FIRST_RUN)
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


def _map_rows(path: Path) -> list[list[str]]:
    """The stage map's rows, its three columns (the fourth lists the CRM's stages)."""
    return [row[:3] for row in read_sheet_file(path) if row[0]]


def _deal_ids(folder: Path) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO((folder / "hubspot_deals.csv").read_text("utf-8"))))
    return {r["Deal name"]: r["Deal salespipe ID"] for r in rows}


def test_a_new_stage_blocks_and_is_appended_to_the_map(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    kept = _map_rows(workdir / "out" / STAGE_MAP_FILE)
    workbook = openpyxl.load_workbook(workdir / "pipeline.xlsx")
    workbook["Pipeline"]["H5"] = "Attente budget"
    workbook.save(workdir / "pipeline.xlsx")
    code, out, _ = _run(ARGS, capsys)
    assert code == MAPS_TO_FILL  # a row was added to the map: for the user to fill
    assert "stage 'Attente budget' (1 deal) has no target stage" in out
    assert "Stage map: out/stage_map.csv (rows added: check the proposed stages)" in out
    now = _map_rows(workdir / "out" / STAGE_MAP_FILE)
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


def test_maps_left_incomplete_block_the_export_with_its_own_exit_code(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _run(ARGS, capsys)
    assert code == MAPS_TO_FILL  # the first run's stop: the maps are to fill, no error
    stage_map = workdir / "out" / STAGE_MAP_FILE
    text = stage_map.read_bytes().decode("utf-8-sig")
    filled = text.replace(
        "Relance téléphonique;default;", "Relance téléphonique;default;qualifiedtobuy"
    )
    stage_map.write_bytes(filled.encode("utf-8-sig"))
    code, out, _ = _run(ARGS, capsys)  # the owners' e-mails are still missing
    assert code == BLOCKED
    assert "owner 'Marie' (3 deals) has no e-mail in owners.csv" in out
    assert not (workdir / "out" / "hubspot_deals.csv").exists()


def test_without_lang_the_export_speaks_the_users_language_throughout(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(options, "user_lang", USER_LANG)  # the real rule, not the tests'
    for name in ("SALESPIPE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # no language in the locale: French
    args = [a for a in ARGS if a not in ("--lang", "en")]
    code, out, _ = _run(args, capsys)
    assert code == MAPS_TO_FILL
    assert out.startswith("Export HubSpot de pipeline.xlsx\n  Feuille « Pipeline » : 10 lignes")
    assert "commercial « Marie » (3 affaires) sans e-mail dans owners.csv" in out
    monkeypatch.setenv("SALESPIPE_LANG", "en")
    code, out, _ = _run(args, capsys)
    assert out.startswith("HubSpot export of pipeline.xlsx\n  Sheet 'Pipeline': 10 rows")
    assert "owner 'Marie' (3 deals) has no e-mail in owners.csv" in out


def test_the_garbage_collector_runs_again_after_an_export(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The export is built with the collector paused, and what it built is frozen before
    # the collector runs again (the command ends): a program that runs exports in-process
    # keeps its collector, after an export as after a failed one.
    gc.unfreeze()
    _run(ARGS, capsys)
    _complete_maps(workdir / "out")
    code, _, _ = _run(ARGS, capsys)
    assert code == 0 and (workdir / "out" / "hubspot_deals.csv").is_file()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.unfreeze()
    code, _, _ = _run([a if a != "pipeline.xlsx" else "missing.xlsx" for a in ARGS], capsys)
    assert code == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing frozen by a failure


def _spoil(path: Path) -> None:
    """What people type: an amount « à voir » (A2), a 31 February (B1), and an unreadable
    amount on the duplicate row a1, which rejects.csv already lists."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    header = next(r for r in rows if any(c.value == "Montant HT" for c in r))
    column = {c.value: c.column - 1 for c in header}
    by_id = {r[0].value: r for r in rows if r[0].value in ("A2", "B1", "a1")}
    by_id["A2"][column["Montant HT"]].value = "à voir"
    by_id["B1"][column["Date de clôture prévue"]].value = "31/02/2026"
    by_id["a1"][column["Montant HT"]].value = "?"
    book.save(path)


def test_the_summary_counts_the_reading_problems_no_file_gives(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The sample's own reading problems are all given by the export itself (an invalid
    # e-mail in warnings.csv, an unknown stage in stage_map.csv, rejected rows): no line.
    assert "Data quality" not in _run(ARGS, capsys)[1]
    _spoil(workdir / "pipeline.xlsx")
    _, out, _ = _run(ARGS, capsys)
    assert "Data quality when reading: 2 problems not listed above" in out
    assert "`salespipe report --full`" in out
    _, out, _ = _run([*ARGS[:-1], "fr"], capsys)
    assert "Qualité des données à la lecture : 2 problèmes non repris ci-dessus" in out
    _, out, _ = _run([*ARGS, "--format", "json"], capsys)
    assert orjson.loads(out)["quality_by_code"] == {"bad_amount": 1, "bad_date": 1}
