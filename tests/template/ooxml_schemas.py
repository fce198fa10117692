"""Validate every part of a workbook against the ECMA-376 Transitional schemas (lxml XMLSchema).

The schemas are in ``tests/template/ooxml_schemas/`` (source and licence in its README).
Each XML part is validated by the schema of its content type, as ``[Content_Types].xml``
declares it; ``.rels`` parts and ``[Content_Types].xml`` by the Open Packaging
Conventions schemas. A part whose content type has no schema here is reported, never
skipped silently; the binary VBA project is the one part that is not XML.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path, PurePosixPath

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "ooxml_schemas"
_DUBLIN_CORE = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/"
_XML = "http://www.w3.org/XML/1998/namespace"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "application/vnd.openxmlformats-officedocument."

#: content type -> the schema file of its root element
SCHEMA_OF_TYPE = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.sheet.main+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.worksheet+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.styles+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.sharedStrings+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.table+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.sheetMetadata+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.calcChain+xml": "sml.xsd",
    _OFFICE + "spreadsheetml.comments+xml": "sml.xsd",
    _OFFICE + "drawing+xml": "dml-spreadsheetDrawing.xsd",
    _OFFICE + "drawingml.chart+xml": "dml-chart.xsd",
    _OFFICE + "theme+xml": "dml-main.xsd",
    _OFFICE + "extended-properties+xml": "shared-documentPropertiesExtended.xsd",
    "application/vnd.openxmlformats-package.core-properties+xml": "opc-coreProperties.xsd",
    "application/vnd.openxmlformats-package.relationships+xml": "opc-relationships.xsd",
}
CONTENT_TYPES_SCHEMA = "opc-contentTypes.xsd"
#: binary parts, checked otherwise (the VBA project byte for byte)
NOT_XML = {"application/vnd.ms-office.vbaProject"}


class _OfflineDublinCore(etree.Resolver):
    """opc-coreProperties.xsd imports the Dublin Core schemas by URL: the local stand-ins."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.startswith(_DUBLIN_CORE):
            local = SCHEMAS / "dublin_core" / url.rsplit("/", 1)[-1]
            return self.resolve_filename(str(local), context)
        return None


@cache
def schema(name: str) -> etree.XMLSchema:
    """The compiled schema of one file of ``ooxml_schemas/`` (with what it imports)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineDublinCore())
    target = etree.parse(str(SCHEMAS / name), parser).getroot().get("targetNamespace")
    # The XML namespace first, from the local xml.xsd: some schemas import it without a
    # location, which libxml2 cannot resolve offline.
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{_XML}" schemaLocation="xml.xsd"/>'
        f'<xs:import namespace="{target}" schemaLocation="{name}"/></xs:schema>'
    )
    document = etree.fromstring(wrapper, parser, base_url=str(SCHEMAS / "wrapper.xsd"))
    return etree.XMLSchema(document)


def content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """``{part name: content type}`` of every part, by Override then by Default extension."""
    root = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {
        d.get("Extension").lower(): d.get("ContentType") for d in root.iter(f"{_TYPES}Default")
    }
    overrides = {
        o.get("PartName").lstrip("/"): o.get("ContentType") for o in root.iter(f"{_TYPES}Override")
    }
    found = {}
    for name in archive.namelist():
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        suffix = PurePosixPath(name).name.rsplit(".", 1)[-1].lower()  # ".rels" too
        found[name] = overrides.get(name) or defaults.get(suffix, "(none)")
    return found


def schema_errors(path: Path) -> dict[str, list[str]]:
    """``{part: [error, …]}`` for every part of the workbook at ``path`` that is not valid
    (an empty dict when all are); a part without a schema here is an error too."""
    errors: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        checks = {"[Content_Types].xml": CONTENT_TYPES_SCHEMA}
        for name, kind in content_types(archive).items():
            if kind in NOT_XML:
                continue
            if kind not in SCHEMA_OF_TYPE:
                errors[name] = [f"no schema for content type {kind}"]
                continue
            checks[name] = SCHEMA_OF_TYPE[kind]
        for name, schema_file in checks.items():
            validator = schema(schema_file)
            document = etree.fromstring(archive.read(name))
            if not validator.validate(document):
                errors[name] = [
                    f"line {e.line}: {e.message}" for e in list(validator.error_log)[:5]
                ]
    return errors
