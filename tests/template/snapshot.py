"""Everything a workbook holds that a person or a spreadsheet app sees, as plain data.

openpyxl writes timestamps into docProps and the zip, so two builds never have the same
bytes; two builds with the same contents have the same snapshot.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl

from tests.workbooks import formula_text


def _sheet(ws: Any) -> dict[str, Any]:
    cells = {
        cell.coordinate: (formula_text(cell.value), cell.number_format)
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None or cell.number_format != "General"
    }
    validations = sorted(
        (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, dv.errorStyle)
        for dv in ws.data_validations.dataValidation
    )
    formatting = sorted(
        (str(rng.sqref), rule.type, tuple(rule.formula or ()), rule.priority)
        for rng in ws.conditional_formatting
        for rule in rng.rules
    )
    return {
        "state": ws.sheet_state,
        "freeze": ws.freeze_panes,
        "cells": cells,
        "validations": validations,
        "formatting": formatting,
        "tables": sorted((t.displayName, t.ref) for t in ws.tables.values()),
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
    }


def snapshot(path: Path) -> dict[str, Any]:
    """Sheet names in order, each sheet's cells (values, formulas, number formats),
    validations, conditional formats, tables, merged cells, widths and state; the
    charts' XML (openpyxl does not read charts back), as trees."""
    wb = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        charts = {
            n: _xml_tree(archive.read(n)) for n in archive.namelist() if n.startswith("xl/charts/")
        }
    return {
        "sheets": wb.sheetnames,
        "content": {ws.title: _sheet(ws) for ws in wb.worksheets},
        "charts": charts,
    }


def _xml_tree(data: bytes) -> Any:
    """An XML part as nested (tag, attributes, text, children): the same whichever
    serialiser openpyxl wrote it with (lxml when installed, et_xmlfile otherwise: they
    place namespace declarations and spaces differently)."""

    def node(element: ElementTree.Element) -> Any:
        return (
            element.tag,
            tuple(sorted(element.attrib.items())),
            (element.text or "").strip(),
            tuple(node(child) for child in element),
        )

    return node(ElementTree.fromstring(data))
