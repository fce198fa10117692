"""What a write sends: the rectangles of cells that differ from the tab as read."""

from __future__ import annotations

from sheets_sync.google.changes import Block, changed_blocks, row_moves, same, typed_over_text

TAB = [
    ["Affaire", "Montant", "Relance"],
    ["Site web", 50000, 46350],
    ["ERP", 12500, 46351],
    ["Audit", 8000, 46352],
]


def test_an_unchanged_tab_sends_nothing() -> None:
    """Google trims trailing blanks and gives integral numbers without ``.0``."""
    read_back = [
        ["Affaire", "Montant", "Relance"],
        ["Site web", 50000, 46350],
        ["ERP", 12500, 46351],
    ]
    to_write: list[list[str | int | float | bool]] = [
        ["Affaire", "Montant", "Relance", ""],
        ["Site web", 50000.0, 46350],
        ["ERP", 12500, 46351.0],
    ]
    assert changed_blocks(read_back, to_write) == []


def test_one_changed_cell_is_one_one_cell_block() -> None:
    new = [list(row) for row in TAB]
    new[2][1] = 13000
    assert changed_blocks(TAB, new) == [Block(2, 1, [[13000]])]


def test_consecutive_rows_make_one_block_over_their_changed_columns() -> None:
    new = [list(row) for row in TAB]
    new[1][0] = "Site web (refonte)"
    new[2][2] = 46360
    assert changed_blocks(TAB, new) == [
        Block(1, 0, [["Site web (refonte)", 50000, 46350], ["ERP", 12500, 46360]])
    ]


def test_rows_apart_make_blocks_apart() -> None:
    new = [list(row) for row in TAB]
    new[1][1] = 51000
    new[3][1] = 9000
    assert changed_blocks(TAB, new) == [Block(1, 1, [[51000]]), Block(3, 1, [[9000]])]


def test_rows_and_cells_no_longer_written_are_blanked() -> None:
    new = [list(row) for row in TAB[:2]]
    new[1] = ["Site web", 50000]
    # Rows 2 to 4 all change: one block, over the columns any of them changes.
    assert changed_blocks(TAB, new) == [
        Block(1, 0, [["Site web", 50000, ""], ["", "", ""], ["", "", ""]])
    ]


def test_a_value_of_another_kind_is_a_change() -> None:
    assert not same("1", 1) and not same(True, 1) and not same("", 0)
    assert same(3, 3.0) and same("", None) and same(False, False)


def test_a_number_over_text_tells_an_earlier_versions_text_date() -> None:
    earlier = [["Indicateur", "Valeur"], ["Date du rapport", "23/11/2026"]]
    now: list[list[str | int | float | bool]] = [
        ["Indicateur", "Valeur"],
        ["Date du rapport", 46349],
    ]
    blocks = changed_blocks(earlier, now)
    assert blocks == [Block(1, 1, [[46349]])]
    assert typed_over_text(earlier, blocks)
    assert not typed_over_text([["Indicateur", "Valeur"], ["Date du rapport", 46348]], blocks)


def test_a_line_that_moved_is_deleted_and_inserted_not_the_lines_between() -> None:
    """« A » moves from row 2 to row 4: insert a blank row above « D » (index 4 as read),
    then delete row index 1 (bottom-up, so each index holds as read); one row to write."""
    head, a, b, c, d = ["Affaire", "Montant"], ["A", 1], ["B", 2], ["C", 3], ["D", 4]
    moved = row_moves([head, a, b, c, d], [head, b, c, a, d])
    assert moved.moves == [("insert", 4, 5), ("delete", 1, 2)]
    assert moved.blocks == [Block(3, 0, [["A", 1]])]
    assert changed_blocks([head, a, b, c, d], [head, b, c, a, d]) == [
        Block(1, 0, [["B", 2], ["C", 3], ["A", 1]])
    ]


def test_rows_replaced_by_more_rows_are_written_over_then_inserted() -> None:
    head = ["Affaire"]
    moved = row_moves([head, ["A"], ["Z"]], [head, ["B"], ["C"], ["Z"]])
    assert moved.moves == [("insert", 2, 3)]
    assert moved.blocks == [Block(1, 0, [["B"], ["C"]])]


def test_no_moves_when_no_line_below_the_header_stays() -> None:
    head = ["Affaire"]
    moved = row_moves([head, ["A"], ["B"]], [head, ["C"], ["D"], ["E"]])
    assert moved.moves == []
    assert moved.blocks == [Block(1, 0, [["C"], ["D"], ["E"]])]
