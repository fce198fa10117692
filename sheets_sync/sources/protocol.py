"""What the sync job needs of a source: read the user's tabs, write the managed ones.

Two sources implement it: the Google Sheets gateway
(:class:`sheets_sync.google.gateway.SheetsGateway`) and a local workbook
(:class:`sheets_sync.sources.local.LocalWorkbookSource`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol

from salespipe.core.report_tables import CellFormat


class SyncSource(Protocol):
    """Where a sync reads the user's tabs and writes the managed ones."""

    title: str
    history_key: str  # what the history store files this source's states under

    def titles(self) -> list[str]:
        """Names of the tabs present."""
        ...

    def made_by_salespipe(self, name: str) -> bool | None:
        """Whether the tab ``name`` is known to be one salespipe created (True), known not
        to be (False: a person's, whatever its first row says), or the source cannot
        tell (None: its content decides)."""
        ...

    def read_tabs(
        self, names: Sequence[str], first_rows: Mapping[str, int] | None = None
    ) -> dict[str, Any]:
        """The named tabs' grids and the first rows of the ``first_rows`` tabs (name -> how
        many rows; where the source has such tabs), in one read."""
        ...

    def write_tabs(
        self,
        values_by_tab: Mapping[str, Sequence[Sequence[Any]]],
        *,
        cell_formats: Mapping[str, Sequence[CellFormat]] | None = None,
        reformat: Collection[str] = (),
        fixed_layout: Collection[str] = (),
    ) -> None:
        """Every managed tab, in one write, with the number formats of its cells (set
        again on the ``reformat`` tabs, whose layout moved; the ``fixed_layout`` tabs keep
        their rows in place, so their formats stay right while values change)."""
        ...
