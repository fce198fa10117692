"""The template's spilling UDF cells are dynamic-array formulas, as Excel 365 writes them:
an array formula whose cell points to the XLDAPR cell metadata of ``xl/metadata.xml``.
LibreOffice (and Excel 2019 and older) read the same workbook as without them."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from salespipe.template import build_template, sample_data, template_path, write_template
from salespipe.template.dynamic_arrays import METADATA_PART, mark_dynamic
from tests.template.libreoffice import make_profile, recalculate
from tests.workbooks import formula_text

SPILLING = {"REQUIRED_PROSPECTS", "FUNNEL", "OVERDUE_FOLLOWUPS", "DATA_QUALITY"}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XDA = "{http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray}"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _marked_cells(parts: dict[str, bytes]) -> dict[str, str]:
    """``{function name: cell}`` of every cell with ``cm="1"``, checking its formula form."""
    found = {}
    for name, data in parts.items():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        root = ElementTree.fromstring(data)  # well-formed after the rewrite
        for cell in root.iter(f"{MAIN}c"):
            if cell.get("cm") is None:
                continue
            formula = cell.find(f"{MAIN}f")
            assert cell.get("cm") == "1"
            assert formula is not None and formula.get("t") == "array"
            assert formula.get("ref") == cell.get("r")
            match = re.match(r"([A-Z_]+)\(", formula.text or "")
            assert match is not None
            found[match.group(1)] = str(cell.get("r"))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("dynamic")
    return {
        "committed": template_path(),
        "en": write_template(base / "en.xlsx", "en"),
        "sample": write_template(base / "sample.xlsx", sample_as_of=date(2026, 11, 23)),
    }


@pytest.mark.parametrize("which", ["committed", "en", "sample"])
def test_the_spilling_cells_are_dynamic_array_formulas(built: dict[str, Path], which: str) -> None:
    parts = _parts(built[which])
    assert _marked_cells(parts) == {
        "REQUIRED_PROSPECTS": "C12",
        "FUNNEL": "C18",
        "OVERDUE_FOLLOWUPS": "C40",
        "DATA_QUALITY": "B16",
    }
    metadata = ElementTree.fromstring(parts[METADATA_PART])
    (kind,) = metadata.iter(f"{MAIN}metadataType")
    assert kind.get("name") == "XLDAPR"
    (properties,) = metadata.iter(f"{XDA}dynamicArrayProperties")
    assert properties.get("fDynamic") == "1"
    (record,) = metadata.iter(f"{MAIN}rc")
    assert (record.get("t"), record.get("v")) == ("1", "0")  # cm="1": the first record
    relationships = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Type", "").rsplit("/", 1)[-1]: r.get("Target") for r in relationships}
    assert targets["sheetMetadata"] == "metadata.xml"
    assert len({r.get("Id") for r in relationships}) == len(list(relationships))
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/xl/metadata.xml"' in types and "sheetMetadata+xml" in types


def test_the_other_udf_cells_stay_plain_formulas(built: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(built["committed"])["Analyse Python"]
    kinds = {
        str(formula_text(c.value)).split("(")[0][1:]: type(c.value).__name__
        for row in sheet.iter_rows()
        for c in row
        if str(formula_text(c.value)).startswith("=")
    }
    assert {name for name, kind in kinds.items() if kind == "ArrayFormula"} == SPILLING - {
        "DATA_QUALITY"
    }
    assert kinds["FORECAST_WEIGHTED"] == "str"


def test_marking_twice_changes_nothing(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    before = _parts(path)
    assert mark_dynamic(path) == 0
    assert _parts(path) == before


def test_libreoffice_reads_the_workbook_as_without_the_metadata(tmp_path: Path) -> None:
    """The sample template, dynamic or as openpyxl saved it, recalculated by LibreOffice:
    every sheet shows the same values (the UDF cells #NAME? in both, without the add-in)."""
    dynamic = write_template(tmp_path / "dynamic.xlsx", sample_as_of=date(2026, 11, 23))
    plain = tmp_path / "plain.xlsx"
    build_template("fr", sample_data(date(2026, 11, 23))).save(plain)
    out = recalculate([dynamic, plain], tmp_path / "out", make_profile(tmp_path / "profile"))

    def values(path: Path) -> dict[str, list[tuple[object, ...]]]:
        book = openpyxl.load_workbook(path, data_only=True)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}

    seen, expected = values(out[dynamic]), values(out[plain])
    assert seen == expected
    python = seen["Analyse Python"]
    assert any(row[0] == "FUNNEL" and row[2] == "#NAME?" for row in python)
