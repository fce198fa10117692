"""`salespipe sync` as a person runs it: options, several spreadsheets, --every, the lock.

Local workbooks stand for the spreadsheets (same job, same history store, same locks);
the scheduled mode runs in a real child process stopped by a real SIGTERM.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl import load_workbook

from salespipe.cli import main
from salespipe.core.errors import ConfigError
from salespipe.sample import build_demo_workbook
from salespipe.settings import SyncSettings, load_all_settings
from sheets_sync.runner import default_lock_directory, source_identity
from sheets_sync.schedule import RunLock, lock_path_for

AS_OF = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_google_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SPREADSHEET", "CREDENTIALS", "WORKBOOK", "OUTPUT", "TARGET", "MAPPING"):
        monkeypatch.delenv(f"SALESPIPE_{name}", raising=False)


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(args)
        raise SystemExit(0)
    return int(info.value.code or 0)


def english_pipeline(path: Path) -> Path:
    """A sheet read through a mapping that names its columns (« Enjeu (€) », « Phase »)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pipeline"
    ws.append(["Ref", "Opportunité", "Phase", "Enjeu (€)", "Clôture"])
    ws.append(["X1", "Site", "Négociation", 10_000, date(2026, 12, 10)])
    ws.append(["X2", "ERP", "Rendez-vous", 20_000, date(2026, 12, 20)])
    wb.save(path)
    return path


def test_mapping_no_history_and_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], own_data_directory: Path
) -> None:
    book = english_pipeline(tmp_path / "crm.xlsx")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[deals]\ndeal_id = "Ref"\nname = "Opportunité"\nstage = "Phase"\n'
        'amount = "Enjeu (€)"\nexpected_close = "Clôture"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    args = [
        "sync",
        str(book),
        "-o",
        str(out),
        "--as-of",
        "2026-11-23",
        "--mapping",
        str(mapping),
        "--no-history",
        "--progress",
    ]
    assert run_cli(args) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("crm.xlsx : lu Pipeline (2 affaires, ")
    assert "history" not in printed.out
    assert (
        "  lecture de Pipeline…\n" in printed.err and "  écriture de Tableau de bord" in printed.err
    )
    sheets = load_workbook(out)
    assert sheets.sheetnames == ["Tableau de bord", "Relances", "Contrôle qualité"]
    rows = {r[0]: r[1] for r in sheets["Tableau de bord"].iter_rows(values_only=True) if r[0]}
    assert rows["Pipeline pondéré"] == pytest.approx(10_000 * 0.8 + 20_000 * 0.4)
    assert not (own_data_directory / "salespipe" / "history.sqlite").exists()


def config_of_two(tmp_path: Path, first: Path, second: Path) -> Path:
    config = tmp_path / "sync.toml"
    config.write_text(
        f'[sync]\ntarget = 100000\nhistory = "h.sqlite"\n\n'
        f'[[sync.spreadsheets]]\nname = "Paris"\nworkbook = "{first.name}"\n'
        f'output = "paris-out.xlsx"\n\n'
        f'[[sync.spreadsheets]]\nname = "Lyon"\nworkbook = "{second.name}"\n'
        f'output = "lyon-out.xlsx"\ntarget = 50000\n',
        encoding="utf-8",
    )
    return config


def test_several_spreadsheets_in_one_config(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "lyon.xlsx"
    build_demo_workbook(other, AS_OF, lang="fr", seed=7)
    config = config_of_two(tmp_path, demo, other)
    settings = load_all_settings(config, {}, environ={})
    assert [(s.name, s.target, s.history) for s in settings] == [
        ("Paris", 100_000.0, tmp_path / "h.sqlite"),
        ("Lyon", 50_000.0, tmp_path / "h.sqlite"),
    ]
    assert run_cli(["sync", "--config", str(config), "--as-of", "2026-11-23"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" : ")[0] for line in lines] == ["suivi.xlsx", "lyon.xlsx"]
    assert (tmp_path / "paris-out.xlsx").is_file() and (tmp_path / "lyon-out.xlsx").is_file()


def test_one_failing_spreadsheet_does_not_stop_the_others(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_of_two(tmp_path, tmp_path / "missing.xlsx", demo)
    assert run_cli(["sync", "--config", str(config), "--as-of", "2026-11-23"]) == 1
    printed = capsys.readouterr()
    assert printed.err.startswith("Error: Paris: File not found: ")
    assert printed.out.startswith("suivi.xlsx : lu Pipeline")
    assert (tmp_path / "lyon-out.xlsx").is_file()


def test_a_workbook_with_a_config_of_several_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_of_two(tmp_path, demo, demo)
    assert run_cli(["sync", str(demo), "--config", str(config)]) == 1
    assert "workbook cannot be given" in capsys.readouterr().err


def test_a_spreadsheet_locked_by_another_run_is_skipped(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another process is syncing this workbook (cron fired twice): this run skips it."""
    identity = source_identity(SyncSettings(workbook=demo))
    path = lock_path_for(identity, default_lock_directory())
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        out = tmp_path / "out.xlsx"
        assert run_cli(["sync", str(demo), "-o", str(out), "--as-of", "2026-11-23"]) == 0
        # the sync's language: French by default
        assert "sautée, une exécution est encore en cours" in capsys.readouterr().out
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert RunLock(path).acquire()  # the OS released it with its holder


HOLD_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1], timeout=0)
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_every_and_as_of_do_not_go_together(demo: Path) -> None:
    assert run_cli(["sync", str(demo), "--every", "15m", "--as-of", "2026-11-23"]) == 2


def test_a_bad_schedule_is_one_line(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["sync", str(demo), "--every", "sometimes"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "'sometimes'" in err and len(err.splitlines()) == 1


def test_every_runs_then_stops_cleanly_on_sigterm(demo: Path, tmp_path: Path) -> None:
    """A real `salespipe sync --every 1h` process: it runs at once, logs the next run,
    and a SIGTERM ends it with exit code 0 and a « stopped » line."""
    out = tmp_path / "out.xlsx"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "salespipe.cli",
        "sync",
        str(demo),
        "-o",
        str(out),
        "--every",
        "1h",
    ]
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stderr is not None
        seen: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = child.stderr.readline()
            seen.append(line)
            if "prochaine exécution à" in line or not line:
                break
        # the sync's language (French by default), as its run lines
        assert any("prochaine exécution à" in line and "(toutes les 1 h)" in line
                   for line in seen), seen  # fmt: skip
        child.send_signal(signal.SIGTERM)
        stdout, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == 0, stderr
    assert "SIGTERM reçu : arrêt après l'exécution en cours" in stderr
    assert stderr.rstrip().endswith("arrêté")
    assert "suivi.xlsx : lu Pipeline" in stdout and out.is_file()
    first = seen[0]
    assert first[:4].isdigit() and first[10] == " "  # every line of a long run is dated


def test_the_garbage_collector_runs_again_after_a_sync(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A run once is built with the collector paused, and frozen before it runs again (the
    # command ends); a failed spreadsheet among several leaves the collector on too.
    gc.unfreeze()
    out = tmp_path / "out.xlsx"
    args = ["sync", str(demo), "-o", str(out), "--as-of", "2026-11-23", "--no-history"]
    assert run_cli(args) == 0 and out.is_file()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.unfreeze()
    config = config_of_two(tmp_path, tmp_path / "missing.xlsx", demo)
    assert run_cli(["sync", "--config", str(config), "--as-of", "2026-11-23"]) == 1
    assert gc.isenabled()
    assert "suivi.xlsx : lu Pipeline" in capsys.readouterr().out  # the other one ran


def test_export_picks_the_spreadsheet_of_a_config_of_several(tmp_path: Path) -> None:
    from sheets_sync.runner import choose_spreadsheet

    paris, lyon = "1" + "P" * 43, "1" + "L" * 43
    config = tmp_path / "sync.toml"
    config.write_text(
        f'[sync]\ncredentials = "sa.json"\n\n[[sync.spreadsheets]]\nname = "Paris"\n'
        f'spreadsheet = "{paris}"\npipeline_tab = "Affaires"\n\n'
        f'[[sync.spreadsheets]]\nname = "Lyon"\nspreadsheet = "{lyon}"\n',
        encoding="utf-8",
    )
    every = load_all_settings(config, {}, environ={})
    url = f"https://docs.google.com/spreadsheets/d/{paris}/edit#gid=0"
    assert choose_spreadsheet(every, url).pipeline_tab == "Affaires"  # Paris's own settings
    other = choose_spreadsheet(every, "1" + "X" * 43)
    assert (other.spreadsheet, other.credentials) == ("1" + "X" * 43, tmp_path / "sa.json")
    with pytest.raises(ConfigError) as several:
        choose_spreadsheet(every, None)
    assert re.search(r"several spreadsheets \(Paris \(1PPP", several.value.message("en"))
    assert re.search(r"plusieurs classeurs \(Paris \(1PPP", str(several.value))
