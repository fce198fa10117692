"""« Mode d'emploi »: the first sheet, what to do step by step (texts:
``template.guide.*`` in :mod:`salespipe.core.texts.template`)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from salespipe.template.lang import Lang
from salespipe.template.styles import BOLD, TITLE, WRAP, header, print_setup, widths

#: The steps in row order, from row 4: a title in A, what to do in B.
GUIDE_STEPS = (
    "settings",
    "stages",
    "pipeline",
    "actions",
    "followups",
    "dashboard",
    "managed",
    "print",
    "python",
    "cli",
)
GUIDE_FIRST = 4
#: Characters per line of column B, to size each row for its wrapped text.
_LINE = 95


def write_guide(ws: Worksheet, L: Lang) -> None:
    """The title, one sentence on the workbook, then a row per step; printed portrait."""
    ws["A1"] = L.t("guide.title")
    ws["A1"].font = TITLE
    ws["A2"] = L.t("guide.intro")
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:B2")
    ws.row_dimensions[2].height = 32
    header(ws, 3, 1, L.t("guide.step"))
    header(ws, 3, 2, L.t("guide.what"))
    for row, key in enumerate(GUIDE_STEPS, start=GUIDE_FIRST):
        ws[f"A{row}"] = L.t(f"guide.{key}")
        ws[f"A{row}"].font = BOLD
        ws[f"A{row}"].alignment = WRAP
        text = L.t(f"guide.{key}.text")
        ws[f"B{row}"] = text
        ws[f"B{row}"].alignment = WRAP
        ws.row_dimensions[row].height = 16 * (len(text) // _LINE + 1) + 6
    widths(ws, {"A": 22, "B": 100})
    last = GUIDE_FIRST + len(GUIDE_STEPS) - 1
    print_setup(ws, f"A1:B{last}", landscape=False)
