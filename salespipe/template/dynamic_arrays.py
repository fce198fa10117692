"""Dynamic-array formulas: the template's spilling UDF cells, as Excel 365 writes them.

openpyxl writes a formula either plain (Excel 365 then shows it as ``=@FUNNEL(…)``, the
implicit intersection of a legacy formula: one value, no spill) or as a legacy array
formula (``<f t="array" ref="C18">``). Excel marks a dynamic-array formula by an array
formula whose cell points (``cm="1"``) to a cell-metadata record of type ``XLDAPR``
carrying ``dynamicArrayProperties fDynamic="1"``, stored in the ``xl/metadata.xml`` part
(relationship type ``…/sheetMetadata``). That is the form written here after openpyxl's
save, as XlsxWriter's ``write_dynamic_array_formula`` and SheetJS's ``write_xlmeta_xml``
write it ([MS-XLSX] 2.6.x ``dynamicArrayProperties``; ECMA-376 Part 1 §18.9 metadata).
Excel 2019 and older, and LibreOffice, ignore the metadata and show the array formula's
first value.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

METADATA_PART = "xl/metadata.xml"
METADATA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
METADATA_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata"
)
#: The one cell-metadata record: index 1 (``cm`` counts from 1) is a dynamic array.
METADATA_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" '
    'copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" '
    'clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
    '<futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>'
    "</futureMetadata>"
    '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'
)

#: A cell element whose formula is an array formula (its attributes in group 1).
_ARRAY_CELL = re.compile(r'<c ([^>]*)>(?=<f [^>]*t="array")')


def _marked(match: re.Match[str]) -> str:
    attributes = match.group(1)
    return match.group(0) if " cm=" in f" {attributes}" else f'<c {attributes} cm="1">'


def put_spilling_formula(ws: Worksheet, coordinate: str, formula: str) -> None:
    """Write ``formula`` (``=FUNNEL(…)``) at ``coordinate`` as an array formula of that one
    cell; :func:`mark_dynamic` then makes it a dynamic-array formula in the saved file."""
    ws[coordinate] = ArrayFormula(coordinate, formula)


def mark_dynamic(path: Path) -> int:
    """Make every array formula of the workbook at ``path`` a dynamic-array formula: add the
    metadata part, its relationship and content type, and ``cm="1"`` on those cells.

    Returns the number of cells marked. The file is rewritten in place; entries keep their
    order, names and dates. A workbook that already has a metadata part is left as it is
    (returns 0).
    """
    with zipfile.ZipFile(path) as archive:
        if METADATA_PART in archive.namelist():
            return 0
        entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
    marked = 0
    out: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in entries:
        name = info.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            text, count = _ARRAY_CELL.subn(_marked, data.decode("utf-8"))
            marked += count
            data = text.encode("utf-8")
        elif name == "[Content_Types].xml":
            data = _with_content_type(data.decode("utf-8")).encode("utf-8")
        elif name == "xl/_rels/workbook.xml.rels":
            data = _with_relationship(data.decode("utf-8")).encode("utf-8")
        out.append((info, data))
    if marked == 0:
        return 0
    metadata = zipfile.ZipInfo(METADATA_PART, date_time=entries[0][0].date_time)
    metadata.compress_type = zipfile.ZIP_DEFLATED
    out.append((metadata, METADATA_XML.encode("utf-8")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in out:
            archive.writestr(info, data)
    return marked


def _with_content_type(xml: str) -> str:
    override = f'<Override PartName="/{METADATA_PART}" ContentType="{METADATA_TYPE}"/>'
    return xml.replace("</Types>", override + "</Types>", 1)


def _with_relationship(xml: str) -> str:
    ids = {int(n) for n in re.findall(r'Id="rId(\d+)"', xml)}
    free = max(ids, default=0) + 1
    relationship = (
        f'<Relationship Id="rId{free}" Type="{METADATA_RELATIONSHIP}" Target="metadata.xml"/>'
    )
    return xml.replace("</Relationships>", relationship + "</Relationships>", 1)
