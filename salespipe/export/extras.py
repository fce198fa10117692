"""Columns of the pipeline sheet the core does not read but a CRM wants: SIREN/SIRET and
website, found by their headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salespipe.core.crm.plan import SourceExtras
from salespipe.core.errors import TableNotFoundError
from salespipe.core.model import fold
from salespipe.core.reading.parsing import parse_text
from salespipe.core.reading.pipeline import Grid, Pipeline, PipelineOptions
from salespipe.core.reading.tables import locate_table

#: Headers (folded) of the columns the export reads besides the core's deal fields.
SIREN_HEADERS = ("siren", "siret", "n siren", "n siret", "no siren", "no siret", "numero siren",
                 "numero siret", "siren siret", "siret siren")  # fmt: skip
WEBSITE_HEADERS = ("site web", "site internet", "website", "site", "web", "url", "domaine",
                   "domain", "site web de la societe")  # fmt: skip


def source_extras(
    grid: Grid | None, pipeline: Pipeline, options: PipelineOptions | None
) -> dict[int, SourceExtras]:
    """SIREN/SIRET and website of each deal row, from columns named like them."""
    sheet = pipeline.sheets.get("deals")
    if grid is None or not sheet:
        return {}
    try:
        table = locate_table(
            grid, "deals", sheet, mapping=(options or PipelineOptions()).deal_mapping
        )
    except TableNotFoundError:
        return {}
    header = grid[table.header_row - 1]
    used = {c.index for c in table.columns.values()}
    siren = _column(header, SIREN_HEADERS, used)
    website = _column(header, WEBSITE_HEADERS, used)
    if siren is None and website is None:
        return {}
    extras: dict[int, SourceExtras] = {}
    for deal in pipeline.deals:
        row = grid[deal.row - 1]
        values = [parse_text(row[i]) if i is not None and i < len(row) else None
                  for i in (siren, website)]  # fmt: skip
        if any(values):
            extras[deal.row] = SourceExtras(*values)
    return extras


def _column(header: Sequence[Any], names: Sequence[str], used: set[int]) -> int | None:
    for index, cell in enumerate(header):
        if index not in used and isinstance(cell, str) and fold(cell) in names:
            return index
    return None
