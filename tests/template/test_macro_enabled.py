"""``write_template(..., macro_enabled=True)``: the template as an .xlsm carrying the VBA
project of xlwings' quickstart workbook, with ``xlwings.conf`` pointing at xlplugin.udfs."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from salespipe.core.errors import ConfigError
from salespipe.template import build_template, write_template
from salespipe.template import macro_enabled as xlsm
from tests.template.libreoffice import make_profile, recalculate

AS_OF = date(2026, 11, 23)
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(
        tmp_path_factory.mktemp("xlsm") / "plan.xlsm", sample_as_of=AS_OF, macro_enabled=True
    )


def test_the_vba_project_of_xlwings_quickstart_is_carried_over_intact(written: Path) -> None:
    with zipfile.ZipFile(xlsm.quickstart_workbook()) as source:
        original = source.read(xlsm.VBA_PART)
    with zipfile.ZipFile(written) as archive:
        assert archive.read(xlsm.VBA_PART) == original  # byte for byte
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        types = etree.fromstring(archive.read("[Content_Types].xml"))
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    (vba,) = [r for r in rels.iter(f"{RELS}Relationship") if r.get("Type") == xlsm.VBA_RELATIONSHIP]
    assert vba.get("Target") == "vbaProject.bin"
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{TYPES}Default")}
    assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{TYPES}Override")}
    assert overrides["/xl/workbook.xml"] == xlsm.MACRO_ENABLED_TYPE
    # the project's document modules ThisWorkbook, Sheet1, Sheet2 find their objects
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert workbook.find(f"{main}workbookPr").get("codeName") == "ThisWorkbook"


def test_the_xlsm_opens_in_openpyxl_with_its_macros_and_the_conf(written: Path) -> None:
    book = openpyxl.load_workbook(written, keep_vba=True)
    assert book.vba_archive is not None and xlsm.VBA_PART in book.vba_archive.namelist()
    assert [ws.sheet_properties.codeName for ws in book.worksheets][:2] == ["Sheet1", "Sheet2"]
    assert book.sheetnames == build_template().sheetnames
    conf = book["xlwings.conf"]
    # xlwings.bas GetConfigFromSheet: keys from A1 down to the last filled cell, values in
    # column B, looked up upper-cased (GetConfig("UDF MODULES"))
    keys = {}
    row = 1
    while conf.cell(row=row, column=1).value:
        keys[str(conf.cell(row=row, column=1).value).upper()] = conf.cell(row=row, column=2).value
        row += 1
    assert keys == {"UDF MODULES": "xlplugin.udfs"}
    # the same cells as the .xlsx: the sample's deals are all there
    assert book["Pipeline"]["A241"].value == "AFF-0240"


def test_libreoffice_recalculates_the_xlsm_like_the_xlsx(written: Path, tmp_path: Path) -> None:
    plain = write_template(tmp_path / "plain.xlsx", sample_as_of=AS_OF)
    out = recalculate([written, plain], tmp_path / "out", make_profile(tmp_path / "profile"))

    def values(path: Path) -> dict[str, list[tuple[object, ...]]]:
        book = openpyxl.load_workbook(path, data_only=True)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}

    seen, expected = values(out[written]), values(out[plain])
    assert seen == expected
    dashboard = seen["Tableau de bord"]
    assert any(isinstance(v, (int, float)) and v > 0 for row in dashboard for v in row)


def test_without_xlwings_the_xlsm_is_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """xlwings installed without its quickstart file (or not at all): a ConfigError in both
    languages, and nothing written."""
    monkeypatch.setattr(xlsm, "QUICKSTART", "xlwings/no-such-file.xlsm")
    with pytest.raises(ConfigError) as refused:
        write_template(tmp_path / "plan.xlsm", macro_enabled=True)
    assert "installez xlwings" in str(refused.value)
    assert 'pip install "salespipe[excel]"' in refused.value.message("en")
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_without_a_vba_project_is_not_taken_as_the_source(tmp_path: Path) -> None:
    plain = write_template(tmp_path / "plain.xlsx")
    with pytest.raises(ConfigError):
        xlsm.attach_vba_project(build_template(), plain)
