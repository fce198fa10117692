"""Row walking: totals rows, repeated headers and blank rows counted, data rows handed on."""

from __future__ import annotations

from typing import Any

from salespipe.core.quality import Issue, Severity
from salespipe.core.reading.rows import (
    RowAccount,
    RowReader,
    cell,
    data_rows,
    row_is_blank,
    trim_trailing_blank,
)
from salespipe.core.reading.tables import locate_table

HEADER = ["Action", "Type", "Responsable", "Semaine début"]


def walk(rows: list[list[Any]]) -> tuple[list[Any], RowAccount, list[Issue]]:
    issues: list[Issue] = []
    account = RowAccount("Plan")
    reader = RowReader(locate_table([HEADER, *rows], "actions", "Plan"), issues)
    return [row[0] for row in data_rows(reader, account)], account, issues


def test_totals_repeated_headers_and_blank_rows_are_counted_not_handed_on() -> None:
    firsts, account, issues = walk(
        [
            ["Salon", "Événement", "Marie", 2],
            ["Total Énergies : visite", "Visite", "Paul", 3],  # a client, not a total
            ["Sous-total", None, None, None],
            HEADER,  # the block below was pasted with its header
            [None, "", "  ", None],
            ["Webinaire", None, None, None],
            [None, None, None, None],  # trailing blank rows are not read at all
            [None, None, None, None],
        ]
    )
    assert firsts == ["Salon", "Total Énergies : visite", "Webinaire"]
    assert account.to_dict() == {
        "sheet": "Plan",
        "read": 6,
        "used": 0,
        "rejected": 0,
        "totals": 1,
        "blank": 1,
        "headers": 1,
    }
    assert [(i.row, i.column, i.code, i.severity) for i in issues] == [
        (4, None, "totals_row", Severity.INFO),
        (5, None, "repeated_header", Severity.INFO),
    ]


def test_the_account_balances_once_the_reader_counts_what_it_used() -> None:
    firsts, account, _ = walk([["Salon", None, None, None], ["Total", None, None, None]])
    assert not account.balanced
    account.used = len(firsts)
    assert account.balanced


def test_blank_cells_and_short_rows() -> None:
    assert row_is_blank([None, "", "  "]) and row_is_blank([])
    assert not row_is_blank([None, 0])
    assert cell(["a"], 3) is None and cell(["a"], None) is None and cell(["a", "b"], 1) == "b"
    assert trim_trailing_blank([(2, ["a"]), (3, [None]), (4, ["", None])]) == [(2, ["a"])]
