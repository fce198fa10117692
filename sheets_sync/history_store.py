"""The history store: each sync run's deal states in a local SQLite file.

One file can hold the history of several spreadsheets and workbooks (``source`` tells
them apart). A state is stored only when it differs from the deal's last stored state
(:func:`salespipe.core.metrics.history.changed_states`), so a run on unchanged data stores
nothing and two runs leave the file as one did. What the states mean is computed by
:mod:`salespipe.core.metrics.history`; this module only keeps them.

The default file is ``history.sqlite`` in the user's data directory (platformdirs:
``~/.local/share/salespipe`` on Linux, ``~/Library/Application Support/salespipe`` on
macOS, ``%LOCALAPPDATA%\\salespipe`` on Windows).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from platformdirs import user_data_path

from salespipe.core.errors import ConfigError
from salespipe.core.metrics.deal_states import (
    STATE_FIELDS,
    DealState,
    Observation,
    Snapshot,
    changed_states,
)
from salespipe.core.texts import Bilingual, both, index, text

SCHEMA_VERSION = 1
_COLUMNS = ", ".join(STATE_FIELDS)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS observation (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    observed_on TEXT NOT NULL,
    key TEXT NOT NULL, deal_id TEXT, name TEXT, company TEXT, owner TEXT, stage TEXT,
    status TEXT NOT NULL, amount REAL, expected_close TEXT
);
CREATE INDEX IF NOT EXISTS observation_by_deal ON observation (source, key, seq);
PRAGMA user_version = {SCHEMA_VERSION};
"""


def default_history_path() -> Path:
    """``history.sqlite`` in the user's data directory (not created here)."""
    return user_data_path("salespipe", appauthor=False) / "history.sqlite"


@dataclass(frozen=True)
class Recorded:
    """What one run added: states stored, and why nothing was stored when it was refused."""

    stored: int
    untracked: int
    skipped: Bilingual | None = None
    first: bool = False  # the first run of this source: every deal's state stored

    def describe(self, lang: str = "fr") -> str:
        """``historique commencé (239 affaires)``, ``historique : 3 affaires changées``,
        ``historique : aucun changement`` (or in English), or why nothing was stored."""
        if self.skipped:
            return self.skipped[index(lang)]
        if self.first:
            return text("sync.history.started", lang, count=self.stored)
        if self.stored:
            return text("sync.history.changed", lang, count=self.stored)
        return text("sync.history.unchanged", lang)


class HistoryStore:
    """An open history file; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30.0)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self._db.close()
                raise ConfigError("history_file_newer", path=str(self.path), version=version)
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                "history_file_unusable", path=str(self.path), reason=str(exc)
            ) from None
        except OSError as exc:
            raise ConfigError(
                "history_file_not_created", path=str(self.path), reason=str(exc)
            ) from None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ reading

    def observations(self, source: str, until: date | None = None) -> list[Observation]:
        """Every stored state of ``source`` (up to ``until`` included), oldest first."""
        limit = (until or date.max).isoformat()
        try:
            rows = self._db.execute(
                f"SELECT seq, observed_on, {_COLUMNS} FROM observation "
                "WHERE source = ? AND observed_on <= ? ORDER BY seq",
                (source, limit),
            ).fetchall()
        except sqlite3.Error as exc:
            raise ConfigError(
                "history_file_unreadable", path=str(self.path), reason=str(exc)
            ) from None
        try:
            return [
                Observation(row[0], date.fromisoformat(row[1]), _state(row[2:])) for row in rows
            ]
        except (ValueError, TypeError):  # a row edited by hand: say which, never a traceback
            raise self._unreadable_row(rows) from None

    def _unreadable_row(self, rows: list[Any]) -> ConfigError:
        """The error naming the first stored row whose date is not ``YYYY-MM-DD``."""
        for row in rows:
            for column, value in (("observed_on", row[1]), ("expected_close", row[2 + _CLOSE])):
                try:
                    if value or column == "observed_on":
                        date.fromisoformat(value)
                except (ValueError, TypeError):
                    return ConfigError("history_row_unreadable", path=str(self.path), seq=row[0],
                                       column=column, value=repr(value))  # fmt: skip
        return ConfigError("history_file_unreadable", path=str(self.path), reason="?")

    # ------------------------------------------------------------------ writing

    def record(self, source: str, on: date, current: Snapshot) -> Recorded:
        """Store the states of ``current`` that changed since the last run (see
        :meth:`update`)."""
        return self.update(source, on, current)[0]

    def update(
        self, source: str, on: date, current: Snapshot, *, store: bool = True
    ) -> tuple[Recorded, list[Observation]]:
        """Store the states of ``current`` that changed since the last run, in one
        transaction, and return what was stored with every observation of ``source`` up
        to ``on`` (the run's own included): one read of the history per run.

        A run dated before the history's last one stores nothing (the history never goes
        back in time), nor one with ``store`` false (a run dated in the future, which would
        freeze the history until that day): ``skipped`` says so, and the observations stop
        at ``on``.
        """
        seen = self.observations(source)
        last = max((o.observed_on for o in seen), default=None)
        reason = None
        if not store:
            reason = both("sync.history.future", day=on.isoformat())
        elif last is not None and on < last:
            reason = both("sync.history.past", day=on.isoformat(), last=last.isoformat())
        if reason:
            kept = [o for o in seen if o.observed_on <= on]
            return Recorded(0, current.untracked, reason), kept
        latest = {o.state.key: o.state for o in seen}  # ordered by seq: the last one wins
        changed = changed_states(latest, current.states)
        self._insert(source, on, changed)
        top = max((o.seq for o in seen), default=0)
        seen += [Observation(top + n, on, state) for n, state in enumerate(changed, start=1)]
        return Recorded(len(changed), current.untracked, first=not latest), seen

    def _insert(self, source: str, on: date, states: Iterable[DealState]) -> None:
        rows = [(source, on.isoformat(), *_row(state)) for state in states]
        marks = ", ".join("?" * (len(STATE_FIELDS) + 2))
        try:
            with self._db:  # one transaction: a run stores all its changes or none
                self._db.executemany(
                    f"INSERT INTO observation (source, observed_on, {_COLUMNS}) VALUES ({marks})",
                    rows,
                )
        except sqlite3.Error as exc:  # locked for 30 s by another program, disk full...
            raise ConfigError("history_not_stored", path=str(self.path), reason=str(exc)) from None


def _row(state: DealState) -> tuple[object, ...]:
    values = list(astuple(state))
    close = STATE_FIELDS.index("expected_close")
    values[close] = state.expected_close.isoformat() if state.expected_close else None
    return tuple(values)


_CLOSE = STATE_FIELDS.index("expected_close")


def _state(row: tuple[Any, ...] | sqlite3.Row) -> DealState:
    """A stored row as a DealState (positional: tens of thousands per run)."""
    values = list(row)
    close = values[_CLOSE]
    values[_CLOSE] = date.fromisoformat(close) if close else None
    return DealState(*values)
