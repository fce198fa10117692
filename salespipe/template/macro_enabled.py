"""The macro-enabled template (``salespipe template --xlsm``), built on xlwings' quickstart.

``xlwings quickstart`` copies ``quickstart.xlsm`` out of the installed xlwings package
(``xlwings/cli.py``, ``quickstart()``). Its VBA project (``xl/vbaProject.bin``, BSD-3-Clause
like the rest of xlwings) already references the xlwings add-in, which is what spares a
user the *Alt+F11 > Tools > References* step; it holds the document modules
``ThisWorkbook``, ``Sheet1``, ``Sheet2`` (empty) and ``Module1`` (xlwings' ``SampleCall``).

The project is carried over as it is: openpyxl writes the part ``xl/vbaProject.bin``, its
``bin`` content type, the workbook's ``…/relationships/vbaProject`` relationship and the
macro-enabled main content type when ``Workbook.vba_archive`` holds the source archive
(``openpyxl/writer/excel.py`` ``_merge_vba``). The workbook and sheets get the VBA code names
Excel gives them (``ThisWorkbook``, ``Sheet1``…), as XlsxWriter does with
``add_vba_project``, so that the project's document modules find their sheets.

The quickstart workbook is found through xlwings' installed files, without importing xlwings
(the library never imports a front end's package).
"""

from __future__ import annotations

import zipfile
from importlib import metadata
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

from salespipe.core.errors import ConfigError

VBA_PART = "xl/vbaProject.bin"
VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_ENABLED_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
QUICKSTART = "xlwings/quickstart.xlsm"


def quickstart_workbook() -> Path:
    """The ``quickstart.xlsm`` of the installed xlwings.

    Raises ConfigError (``template_xlsm_needs_xlwings``) when xlwings is not installed or
    ships no such file.
    """
    try:
        found = metadata.distribution("xlwings").locate_file(QUICKSTART)
    except metadata.PackageNotFoundError:
        raise ConfigError("template_xlsm_needs_xlwings") from None
    path = Path(str(found))
    if not path.is_file():
        raise ConfigError("template_xlsm_needs_xlwings")
    return path


def attach_vba_project(workbook: Workbook, source: Path) -> None:
    """Make ``workbook`` save as a macro-enabled workbook carrying ``source``'s VBA project
    (byte for byte) and its code names."""
    archive = zipfile.ZipFile(BytesIO(source.read_bytes()))  # kept open: read at save time
    if VBA_PART not in archive.namelist():
        raise ConfigError("template_xlsm_needs_xlwings")
    workbook.vba_archive = archive
    workbook.code_name = "ThisWorkbook"
    for number, sheet in enumerate(workbook.worksheets, start=1):
        sheet.sheet_properties.codeName = f"Sheet{number}"
