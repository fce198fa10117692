"""The count of a sheet's lost cells past the cap, read from the grid itself: reported once
however the cell carrying it is read, on the first cell without an issue of its own."""

from __future__ import annotations

from salespipe.core.reading.lost_cells import (
    CappedGrid,
    ErrorCell,
    LostCellCap,
    MoreLostCells,
    more_in,
)
from salespipe.core.reading.pipeline import load_pipeline


def _grid(total_label: str) -> CappedGrid:
    """Row 2's amount ``#N/A`` (read); row 3 ``#REF!`` alone (a blank row); row 4 a
    totals row whose amount carries the count (5 more after it, in Montant HT, rows not
    kept); row 5 a deal."""
    more = MoreLostCells("#N/A", 5)
    rows = [
        ["Affaire", "Société", "Montant HT", "Étape"],
        ["Site", "ACME", ErrorCell("#N/A"), "Négociation"],
        [ErrorCell("#REF!"), "", "", ""],
        [total_label, None, more, None],
        ["ERP", "Beta", 7000.0, "Négociation"],
    ]
    lost = [(2, 3, rows[1][2]), (3, 1, rows[2][0]), (4, 3, more)]
    return CappedGrid(rows, lost, 5, {3: 5, 4: -5})  # the 5 more in column 3


def test_a_count_carried_by_a_totals_row_names_the_first_cell_not_detailed() -> None:
    """8 lost cells: row 2's detailed; row 3's (blank row), row 4's (totals row) and the
    5 after it counted, on row 3: « #REF! » and 6 more. The rows are counted as before."""
    pipeline = load_pipeline({"Pipeline": _grid("Total")})
    lost = [(i.row, i.column, i.value, i.code, dict(i.params)) for i in pipeline.issues
            if i.code in ("excel_error", "lost_cells_more")]  # fmt: skip
    assert lost == [
        (2, "Montant HT", "#N/A", "excel_error", {}),
        (3, "Affaire", "#REF!", "lost_cells_more", {"more": 6, "limit": "1 000"}),
    ]
    account = pipeline.accounts[0]
    assert (account.read, account.used, account.blank, account.totals) == (4, 2, 1, 1)


def test_a_count_whose_cell_is_read_is_reported_once() -> None:
    """Row 4 is a deal this time: its amount, the cell carrying the count, is parsed (it
    gave the issue by itself); still one count, on row 3, for the same 7 cells."""
    pipeline = load_pipeline({"Pipeline": _grid("Salon")})
    counts = [(i.row, i.column, dict(i.params)) for i in pipeline.issues
              if i.code == "lost_cells_more"]  # fmt: skip
    assert counts == [(3, "Affaire", {"more": 6, "limit": "1 000"})]
    assert pipeline.accounts[0].used == 3


def test_the_cells_past_the_cap_are_counted_by_column() -> None:
    """Limit 3; rows 2 to 4 alike, a cell repeated over B:C and one in E: B2, C2, E2 kept,
    B3 the next one; the 5 others are C3 and C4 (column 3), E3 and E4 (column 5), B4
    (column 2). Cell by cell: C1 the next one, then D1 (twice: once) and E1."""
    cap: LostCellCap[str] = LostCellCap(limit=3)
    cap.add_rows(2, 3, [(2, 2, "a"), (5, 1, "b")])
    by_column = [more_in(cap.more_columns, [column]) for column in range(1, 7)]
    assert (cap.more, by_column) == (5, [0, 1, 2, 0, 2, 0])
    assert more_in(cap.more_columns, [2, 3, 5]) == 5
    cells: LostCellCap[str] = LostCellCap(limit=2)
    for column in (1, 2, 3, 4, 4, 5):
        cells.add(1, column, "x")
    assert [more_in(cells.more_columns, [column]) for column in range(1, 7)] == [0, 0, 0, 1, 1, 0]
