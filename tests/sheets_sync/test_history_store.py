"""The SQLite history store, on a real file: changes only, one transaction, refusals."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from salespipe.core.errors import ConfigError
from salespipe.core.metrics.deal_states import snapshot
from salespipe.core.model import Deal, Status
from sheets_sync.history_store import HistoryStore, default_history_path

DAY = date(2026, 11, 23)


def deals(*stages: str) -> list[Deal]:
    return [
        Deal(
            row=n + 2,
            deal_id=f"D{n}",
            name=f"Affaire {n}",
            stage=stage,
            status=Status.OPEN,
            amount=1000.0 * (n + 1),
            expected_close=date(2026, 12, 15),
        )
        for n, stage in enumerate(stages)
    ]


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def test_two_runs_on_unchanged_data_leave_the_file_as_one_did(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with HistoryStore(path) as store:
        first = store.record("sheets:abc", DAY, snapshot(deals("Suspect", "Rendez-vous")))
    after_one = dump(path)
    with HistoryStore(path) as store:
        again = store.record("sheets:abc", DAY, snapshot(deals("Suspect", "Rendez-vous")))
        week = store.record(
            "sheets:abc", date(2026, 11, 30), snapshot(deals("Suspect", "Rendez-vous"))
        )
    assert (first.stored, again.stored, week.stored) == (2, 0, 0)
    assert dump(path) == after_one
    assert any('INSERT INTO "observation"' in line for line in after_one)


def test_changes_are_stored_and_read_back_in_order(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        store.record("file:/a.xlsx", DAY, snapshot(deals("Suspect", "Rendez-vous")))
        moved = store.record(
            "file:/a.xlsx", date(2026, 11, 30), snapshot(deals("Prospect qualifié", "Rendez-vous"))
        )
        store.record("sheets:other", DAY, snapshot(deals("Négociation")))
        seen = store.observations("file:/a.xlsx")
        until = store.observations("file:/a.xlsx", until=DAY)
    assert moved.stored == 1
    assert [(o.observed_on, o.state.deal_id, o.state.stage) for o in seen] == [
        (DAY, "D0", "Suspect"),
        (DAY, "D1", "Rendez-vous"),
        (date(2026, 11, 30), "D0", "Prospect qualifié"),
    ]
    last = seen[-1].state  # dates come back as dates
    assert (last.key, last.expected_close) == ("id:d0", date(2026, 12, 15))
    assert len(until) == 2  # another source's states are not mixed in, nor later runs


def test_a_run_dated_before_the_last_one_stores_nothing(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite") as store:
        store.record("s", DAY, snapshot(deals("Suspect")))
        back = store.record("s", date(2026, 11, 1), snapshot(deals("Négociation")))
        assert back.stored == 0 and back.skipped is not None and "2026-11-23" in back.skipped.fr
        assert back.skipped.en.startswith("history not updated: 2026-11-01 is before its last run")
        assert [o.state.stage for o in store.observations("s")] == ["Suspect"]
        week = store.update("s", date(2026, 11, 30), snapshot(deals("Rendez-vous")))
        assert week[0].stored == 1 and [o.state.stage for o in week[1]] == [
            "Suspect",
            "Rendez-vous",
        ]
        assert week[1] == store.observations("s")  # what update returns is what is stored
        _, until = store.update("s", date(2026, 11, 25), snapshot(deals("Négociation")))
        assert [o.state.stage for o in until] == ["Suspect"]


def test_unusable_files_are_a_clear_config_error(tmp_path: Path) -> None:
    garbage = tmp_path / "not-a-db.sqlite"
    garbage.write_bytes(b"this is no database" * 100)
    with pytest.raises(ConfigError) as unusable:
        HistoryStore(garbage)
    assert unusable.value.message("en").startswith("Cannot use the history file")
    assert str(unusable.value).startswith("Impossible d'utiliser le fichier d'historique")
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ConfigError) as newer_error:
        HistoryStore(newer)
    assert "newer salespipe" in newer_error.value.message("en")
    assert "salespipe plus récent" in str(newer_error.value)


def test_the_default_file_is_in_the_users_data_directory(own_data_directory: Path) -> None:
    assert default_history_path() == own_data_directory / "salespipe" / "history.sqlite"
    with HistoryStore(default_history_path()) as store:  # folders created on first use
        assert store.path.parent.is_dir()


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("observed_on = '23/11/2026' WHERE seq = 2", "(seq 2): observed_on is '23/11/2026'"),
        ("expected_close = 'bientôt' WHERE seq = 1", "(seq 1): expected_close is 'bientôt'"),
        ("expected_close = '2026-02-30' WHERE seq = 2", "(seq 2): expected_close is '2026-02-30'"),
    ],
)
def test_a_row_edited_by_hand_is_named_not_a_traceback(
    tmp_path: Path, edit: str, said: str
) -> None:
    path = tmp_path / "h.sqlite"
    with HistoryStore(path) as store:
        store.record("file:/a.xlsx", DAY, snapshot(deals("Suspect", "Rendez-vous")))
    with sqlite3.connect(path) as db:  # what a person does in a database browser
        db.execute(f"UPDATE observation SET {edit}")
    db.close()
    with HistoryStore(path) as store, pytest.raises(ConfigError) as error:
        store.observations("file:/a.xlsx")
    assert error.value.code == "history_row_unreadable"
    assert error.value.message("en") == (
        f"History file {path} has an unreadable row {said}, not a YYYY-MM-DD date. Correct "
        "it, or move the file away to start a new history (or run with --no-history)."
    )
