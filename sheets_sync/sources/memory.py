"""A spreadsheet held in memory as a sync source: grids in, managed tabs written in place.

It behaves as a Google spreadsheet does for the job (tabs matched regardless of case, the
first rows of existing managed-name tabs readable for the guard, managed tabs replaced
in place, a person's tab refused) without a network or a file: for tests of the job and
for a Python user who already holds the sheets (``{tab: rows}``, e.g. from pandas).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from salespipe.core.errors import SourceError
from salespipe.core.reading.pipeline import Grid
from salespipe.core.report_tables import CellFormat


class InMemorySource:
    """Tabs as ``{name: rows}``; :attr:`reads` and :attr:`writes` count the calls, as the
    gateway counts requests, and :attr:`formats` keeps the last cell formats per tab."""

    def __init__(self, tabs: Mapping[str, Grid], title: str = "classeur en mémoire") -> None:
        self.tabs: dict[str, list[list[Any]]] = {
            name: [list(row) for row in rows] for name, rows in tabs.items()
        }
        self.title = title
        self.history_key = f"memory:{title}"
        self.user_tabs: set[str] = set()
        self.formats: dict[str, list[CellFormat]] = {}
        self.reformatted: set[str] = set()
        self.reads = 0
        self.writes = 0

    def _find(self, name: str) -> str | None:
        folded = name.casefold()
        return next((tab for tab in self.tabs if tab.casefold() == folded), None)

    def titles(self) -> list[str]:
        """The tabs' names, in order."""
        return list(self.tabs)

    def made_by_salespipe(self, name: str) -> bool | None:
        """No tab ids here: the tab's content decides."""
        return None

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Grid]:
        """The named tabs (SourceError names a missing one and the tabs present) and the
        first rows of the ``first_rows`` tabs that exist, in one read."""
        self.reads += 1
        out: dict[str, Grid] = {}
        for name in names:
            actual = self._find(name)
            if actual is None:
                raise SourceError(
                    "sheet_not_found", sheet=name, source=self.title, sheets=", ".join(self.tabs)
                )
            out[name] = [list(row) for row in self.tabs[actual]]
            self.user_tabs.add(actual.casefold())
        for name, count in (first_rows or {}).items():
            actual = self._find(name)
            if actual is not None:
                out[name] = [list(row) for row in self.tabs[actual][:count]]
        return out

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        *,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
        reformat: Collection[str] = (),
        fixed_layout: Collection[str] = (),
    ) -> None:
        """Every managed tab replaced (or added at the end), in one write; a tab read as
        the user's is never written (the job checks first: this is the last guard)."""
        clash = [name for name in values_by_tab if name.casefold() in self.user_tabs]
        if clash:
            raise ValueError(f"user tabs are never written: {', '.join(clash)}")
        self.writes += 1
        for name, rows in values_by_tab.items():
            self.tabs[self._find(name) or name] = [list(row) for row in rows]
            self.formats[name] = list((cell_formats or {}).get(name, ()))
        self.reformatted.update(reformat)
