"""Every workbook ``salespipe template`` writes is valid against the ECMA-376 Transitional
schemas, part by part: workbook, worksheets (their strings are inline), styles, tables, drawings,
charts, theme, the dynamic-array metadata, document properties, content types and
relationships (``tests/template/ooxml_schemas.py``)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from salespipe.template import template_path, write_template
from tests.template.ooxml_schemas import content_types, schema_errors

AS_OF = date(2026, 11, 23)
WRITTEN: dict[str, dict[str, Any]] = {
    "fr.xlsx": {},
    "en.xlsx": {"lang": "en"},
    "fr-sample.xlsx": {"sample_as_of": AS_OF},
    "en-sample.xlsx": {"lang": "en", "sample_as_of": AS_OF},
    "fr.xlsm": {"macro_enabled": True},
    "en-sample.xlsm": {"lang": "en", "sample_as_of": AS_OF, "macro_enabled": True},
}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("schemas")
    built = {name: write_template(base / name, **options) for name, options in WRITTEN.items()}
    return {"committed": template_path(), **built}


@pytest.mark.parametrize("name", ["committed", *WRITTEN])
def test_every_part_is_valid(workbooks: dict[str, Path], name: str) -> None:
    path = workbooks[name]
    assert schema_errors(path) == {}
    with zipfile.ZipFile(path) as archive:
        kinds = set(content_types(archive).values())
    # the parts the brief names are all there, so all were validated
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    assert {
        office + "worksheet+xml",
        office + "styles+xml",
        office + "sheetMetadata+xml",
        office + "table+xml",
        "application/vnd.openxmlformats-package.relationships+xml",
    } <= kinds
    main = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    assert (main in kinds) == name.endswith(".xlsm")
    assert (office + "sheet.main+xml" in kinds) == (not name.endswith(".xlsm"))


def _rewritten(source: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info, data)
    return target


def test_the_validation_catches_a_metadata_part_out_of_order(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    """The check is not vacuous: cell metadata given the wrong record type (``t`` must be an
    unsigned int) and a cell with an unknown attribute are reported with their part."""
    source = workbooks["fr.xlsx"]
    broken = _rewritten(source, tmp_path / "a.xlsx", "xl/metadata.xml", b'<rc t="1"', b'<rc t="x"')
    errors = schema_errors(broken)
    assert list(errors) == ["xl/metadata.xml"]
    assert "'t'" in errors["xl/metadata.xml"][0]
    with zipfile.ZipFile(source) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    broken = _rewritten(source, tmp_path / "b.xlsx", sheet, b"<c r=", b'<c spill="1" r=')
    assert list(schema_errors(broken)) == [sheet]


def test_a_part_without_a_schema_is_reported(workbooks: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "extra.xlsx"
    with zipfile.ZipFile(workbooks["fr.xlsx"]) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            out.writestr(info, archive.read(info.filename))
        out.writestr("xl/unknown.dat", b"?")
    assert schema_errors(target) == {"xl/unknown.dat": ["no schema for content type (none)"]}
