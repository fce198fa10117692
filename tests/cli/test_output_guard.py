"""No command writes or deletes a file it reads (issue 15, "the user's files touched"):
each case below overwrote or deleted the user's file before the one guard
(salespipe.output_guard) stood in front of every output path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salespipe.cli import main
from salespipe.cli.exit_codes import MAPS_TO_FILL
from tests.workbooks import write_small_pipeline

AS_OF = ["--as-of", "2026-11-23"]
CSV_PIPELINE = (
    "ID;Affaire;Société;Commercial;Étape;Statut;Montant HT;Date de création\r\n"
    "A1;Site web;ACME;Marie;Proposition envoyée;en cours;50000;01/09/2026\r\n"
    "A2;CRM;Beta;Paul;Négociation;en cours;30000;15/09/2026\r\n"
).encode("utf-8-sig")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_data_directory: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SPREADSHEET", "CREDENTIALS", "WORKBOOK", "OUTPUT", "TARGET", "MAPPING"):
        monkeypatch.delenv(f"SALESPIPE_{name}", raising=False)
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
        raise SystemExit(0)
    return int(info.value.code or 0), capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- report and demo ---------------------------------------------------------------------


def test_report_refuses_an_output_hard_linked_to_its_workbook(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = write_small_pipeline(here / "pipeline.xlsx")
    os.link(workbook, here / "copy.xlsx")  # another name, the same file
    before = snapshot(here)
    code, err = run(["report", "pipeline.xlsx", "--format", "xlsx", "-o", "copy.xlsx", *AS_OF],
                    capsys)  # fmt: skip
    assert code == 2
    assert "copy.xlsx is a file salespipe reads (pipeline.xlsx)" in err
    assert "salespipe never writes to it" in err
    assert snapshot(here) == before


def test_report_xlsx_without_output_never_replaces_a_workbook_of_the_default_name(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "salespipe-report.xlsx")
    before = snapshot(here)
    code, err = run(["report", "salespipe-report.xlsx", "--format", "xlsx", *AS_OF], capsys)
    assert code == 2
    assert "salespipe-report.xlsx is a file salespipe reads" in err
    assert snapshot(here) == before


def test_report_refuses_to_write_over_its_column_mapping(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "pipeline.xlsx")
    (here / "columns.toml").write_text('[deals]\namount = "Montant HT"\n', encoding="utf-8")
    before = snapshot(here)
    code, err = run(["report", "pipeline.xlsx", "--mapping", "columns.toml", "-o", "columns.toml",
                     *AS_OF], capsys)  # fmt: skip
    assert code == 2
    assert "columns.toml is a file salespipe reads" in err
    assert snapshot(here) == before


def test_demo_refuses_a_report_written_over_its_own_workbook(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(["demo", "--workbook", "demo.xlsx", "--format", "xlsx", "-o", "demo.xlsx",
                     *AS_OF], capsys)  # fmt: skip
    assert code == 2
    assert "demo.xlsx is a file salespipe reads" in err
    assert snapshot(here) == {}


# --- export ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "rejects.csv",  # rewritten by every export
        "hubspot_deals.csv",  # HubSpot's deals file
        "hubspot_deals_2.csv",  # a part of an earlier split export: it was deleted
        "summary.txt",
    ],
)
def test_export_into_its_workbooks_folder_never_touches_a_workbook_named_like_an_output(
    name: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / name).write_bytes(CSV_PIPELINE)
    code, err = run(["export", name, "--crm", "hubspot", "-o", ".", *AS_OF], capsys)
    assert code == 1
    assert f"{name} is a file salespipe reads ({name}); salespipe never writes to it" in err
    assert snapshot(here) == {name: CSV_PIPELINE}  # nothing written, nothing deleted


def test_export_check_says_so_too_and_writes_nothing(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "rejects.csv").write_bytes(CSV_PIPELINE)
    code, err = run(["export", "rejects.csv", "--crm", "pipedrive", "-o", ".", "--check", *AS_OF],
                    capsys)  # fmt: skip
    assert code == 1
    assert "rejects.csv is a file salespipe reads" in err
    assert snapshot(here) == {"rejects.csv": CSV_PIPELINE}


def test_export_refuses_a_map_file_that_is_the_workbook(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "pipeline.xlsx")
    os.link(here / "pipeline.xlsx", here / "owners.xlsx")
    before = snapshot(here)
    code, err = run(["export", "pipeline.xlsx", "--crm", "hubspot", "-o", "out",
                     "--owners", "owners.xlsx", *AS_OF], capsys)  # fmt: skip
    assert code == 1
    assert "owners.xlsx is a file salespipe reads (pipeline.xlsx)" in err
    assert snapshot(here) == before
    assert not (here / "out").exists()


def test_an_export_beside_its_workbook_still_runs(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "suivi.csv").write_bytes(CSV_PIPELINE)
    code, _ = run(["export", "suivi.csv", "--crm", "hubspot", "-o", ".", *AS_OF], capsys)
    assert code == MAPS_TO_FILL  # the owners' e-mails are missing: the maps are written
    assert (here / "suivi.csv").read_bytes() == CSV_PIPELINE
    assert sorted(snapshot(here)) == ["owners.csv", "stage_map.csv", "suivi.csv"]


# --- sync --------------------------------------------------------------------------------


def test_sync_never_writes_its_history_into_the_workbook(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "empty.csv").write_bytes(b"")  # an empty file is an empty SQLite database
    code, err = run(["sync", "empty.csv", "--history", "empty.csv", *AS_OF], capsys)
    assert code == 1
    assert "empty.csv is a file salespipe reads (empty.csv)" in err
    assert snapshot(here) == {"empty.csv": b""}


def test_sync_never_writes_its_history_into_a_file_that_is_not_one(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "pipeline.xlsx")
    (here / "notes.txt").write_text("mes notes\n", encoding="utf-8")
    before = snapshot(here)
    code, err = run(["sync", "pipeline.xlsx", "--history", "notes.txt", *AS_OF], capsys)
    assert code == 1
    assert "Cannot use the history file notes.txt: file is not a database" in err
    assert {k: v for k, v in snapshot(here).items() if k in before} == before


def test_sync_refuses_an_output_hard_linked_to_its_workbook(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "pipeline.xlsx")
    os.link(here / "pipeline.xlsx", here / "tabs.xlsx")
    before = snapshot(here)
    code, err = run(["sync", "pipeline.xlsx", "-o", "tabs.xlsx", "--no-history", *AS_OF], capsys)
    assert code == 1
    assert "tabs.xlsx is a file salespipe reads (pipeline.xlsx)" in err
    assert snapshot(here) == before


def test_sync_refuses_an_output_over_its_column_mapping(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(here / "pipeline.xlsx")
    (here / "columns.toml").write_text('[deals]\namount = "Montant HT"\n', encoding="utf-8")
    before = snapshot(here)
    code, err = run(["sync", "pipeline.xlsx", "--mapping", "columns.toml", "-o", "columns.toml",
                     "--no-history", *AS_OF], capsys)  # fmt: skip
    assert code == 1
    assert "columns.toml is a file salespipe reads" in err
    assert snapshot(here) == before


# --- template ----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_template_refuses_a_pipe_at_once(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(here / "pipe")  # opening it to write would wait for a reader forever
    code, err = run(["template", "-o", "pipe", "--force"], capsys)
    assert code == 2
    assert "pipe exists and is not a regular file" in err
