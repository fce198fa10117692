"""From the grids of a whole workbook to a parsed pipeline: deals, stages, actions.

The input is a mapping ``sheet name -> grid`` (rows of cell values, row 1
first), as any front end can produce it: openpyxl/calamine for files, gspread
for Google Sheets, xlwings for an open Excel workbook. No I/O happens here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from salespipe.core.errors import ConfigError, InputError, TableNotFoundError
from salespipe.core.metrics.cadence import parse_cadence
from salespipe.core.model import Action, Deal, Stage, StageTable, fold
from salespipe.core.quality import Issue
from salespipe.core.reading.actions import parse_actions
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.lost_count import with_lost_cells_count
from salespipe.core.reading.missing_columns import MissingColumns, missing_columns
from salespipe.core.reading.rows import RowAccount
from salespipe.core.reading.stages import parse_stages
from salespipe.core.reading.tables import LocatedTable, TableKind, locate_table, not_found_params

Grid = Sequence[Sequence[Any]]

# Sheet names people give each table, folded.
SHEET_ALIASES: dict[TableKind, tuple[str, ...]] = {
    "deals": ("pipeline", "pipe", "affaires", "opportunites", "deals", "suivi commercial",
              "suivi des affaires", "prospects", "ventes", "opportunities", "sales pipeline"),
    "stages": ("etapes", "stages", "etapes du pipeline", "etapes de vente", "pipeline stages"),
    "actions": ("plan d actions", "plan d action", "plan actions", "action plan", "actions",
                "plan commercial", "plan d actions commerciales"),
}  # fmt: skip


@dataclass(frozen=True)
class PipelineOptions:
    """Which sheets to read and how to name their columns; None means "find it"."""

    deals_sheet: str | None = None
    stages_sheet: str | None = None
    actions_sheet: str | None = None
    deal_mapping: Mapping[str, str] | None = None
    stage_mapping: Mapping[str, str] | None = None
    action_mapping: Mapping[str, str] | None = None


@dataclass
class Pipeline:
    """Everything parsed from a workbook, with every issue and the row accounting."""

    source: str
    deals: list[Deal]
    stages: StageTable
    actions: list[Action]
    issues: list[Issue] = field(default_factory=list)
    accounts: list[RowAccount] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)  # kind -> sheet name used
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The headline columns (amount, stage, close date) the pipeline table lacks, if any.
    missing: MissingColumns | None = None
    #: sheet -> field -> header as typed: the columns recognised (or mapped) in each table.
    columns: dict[str, dict[str, str]] = field(default_factory=dict)


#: The tables of a column mapping file.
MAPPING_TABLES = ("deals", "stages", "actions", "sheets")


def mapping_options(
    mapping: Mapping[str, Any], deals_sheet: str | None = None, **sheets: str | None
) -> PipelineOptions:
    """PipelineOptions from a column mapping as its TOML file reads: tables ``[deals]``,
    ``[stages]``, ``[actions]`` (field = header or column letter) and ``[sheets]``
    (deals/stages/actions = sheet name). ``deals_sheet`` and ``sheets`` (``stages_sheet``,
    ``actions_sheet``) win over ``[sheets]``. Raises ConfigError for a table that is not
    field = text pairs."""
    tables: dict[str, dict[str, str]] = {}
    for name, table in mapping.items():
        if name not in MAPPING_TABLES:  # [dealz]: every field would be guessed silently
            raise ConfigError("mapping_unknown_table", name=name, tables=", ".join(MAPPING_TABLES))
        if not isinstance(table, Mapping):
            raise ConfigError("mapping_not_a_table", name=name)
        tables[name] = {str(f): str(c) for f, c in table.items()}
    named = tables.get("sheets", {})
    return PipelineOptions(
        deals_sheet=deals_sheet or named.get("deals"),
        stages_sheet=sheets.get("stages_sheet") or named.get("stages"),
        actions_sheet=sheets.get("actions_sheet") or named.get("actions"),
        deal_mapping=tables.get("deals") or None,
        stage_mapping=tables.get("stages") or None,
        action_mapping=tables.get("actions") or None,
    )


def find_sheet(names: Sequence[str], kind: TableKind) -> str | None:
    """The sheet whose folded name is one of ``kind``'s usual names (exact, then prefix)."""
    folded = {fold(n): n for n in names}
    for alias in SHEET_ALIASES[kind]:
        if alias in folded:
            return folded[alias]
    for alias in SHEET_ALIASES[kind]:
        for key, name in folded.items():
            if key.startswith(alias):
                return name
    return None


def _require_sheet(grids: Mapping[str, Grid], name: str, source: str) -> Grid:
    for key in grids:
        if key == name or fold(key) == fold(name):
            return grids[key]
    raise InputError("sheet_not_found", sheet=name, source=source, sheets=", ".join(grids) or "-")


def load_pipeline(
    grids: Mapping[str, Grid], source: str = "classeur", options: PipelineOptions | None = None
) -> Pipeline:
    """Parse deals, stages and the action plan from a workbook's grids.

    The deals table is required: raises TableNotFoundError (or InputError for a
    named sheet that does not exist) when none is found. A missing stage sheet
    means the default stages; a missing action plan means no actions.
    """
    options = options or PipelineOptions()
    pipeline = Pipeline(source, [], StageTable.default(), [])
    _load_stages(grids, source, options, pipeline)
    deals_sheet, table = _locate_deals(grids, source, options)
    parsed = parse_deals(table, pipeline.stages)
    pipeline.deals = parsed.records
    pipeline.issues.extend(_counted(grids, source, table, parsed.issues))
    pipeline.accounts.append(parsed.account)
    pipeline.sheets["deals"] = deals_sheet
    pipeline.ignored_columns[deals_sheet] = table.ignored_headers
    pipeline.missing = missing_columns(table, pipeline.stages)
    pipeline.columns[deals_sheet] = _recognised(table)
    _load_actions(grids, source, options, pipeline)
    return pipeline


def _locate_deals(
    grids: Mapping[str, Grid], source: str, options: PipelineOptions
) -> tuple[str, LocatedTable]:
    """The pipeline table: the named sheet, else the sheet named like a pipeline if it
    holds one, else the sheet whose table recognises the most deal columns. When no
    sheet has a table with an amount, a stage or a status column, the same search
    again for a table whose rows are named (deal, company or ID) but whose figures'
    columns are not recognised: it is read, and the report says loudly what it lacks
    (:attr:`Pipeline.missing`)."""
    mapping = options.deal_mapping
    if options.deals_sheet:
        grid = _require_sheet(grids, options.deals_sheet, source)
        try:
            table = locate_table(grid, "deals", options.deals_sheet, mapping=mapping)
        except TableNotFoundError as strict:
            try:
                table = locate_table(grid, "deals", options.deals_sheet, mapping=mapping,
                                     loose=True)  # fmt: skip
            except TableNotFoundError:
                raise strict from None
        return options.deals_sheet, table
    if not grids:
        raise InputError("no_sheets", source=source)
    found = _deal_tables(grids, mapping, loose=False) or _deal_tables(grids, mapping, loose=True)
    if not found:
        params = not_found_params("", "deals")
        params.pop("sheet")
        raise TableNotFoundError(
            "no_pipeline_table", source=source, sheets=", ".join(grids), **params
        )
    return max(found, key=lambda item: len(item[1].columns))


def _deal_tables(
    grids: Mapping[str, Grid], mapping: Mapping[str, str] | None, *, loose: bool
) -> list[tuple[str, LocatedTable]]:
    """The sheet named like a pipeline when it holds a table, else every sheet's table."""
    named = find_sheet(list(grids), "deals")
    if named is not None:
        try:
            return [(named, locate_table(grids[named], "deals", named, mapping=mapping,
                                         loose=loose))]  # fmt: skip
        except TableNotFoundError:
            pass
    found: list[tuple[str, LocatedTable]] = []
    for name, grid in grids.items():
        try:
            found.append((name, locate_table(grid, "deals", name, mapping=mapping, loose=loose)))
        except TableNotFoundError:
            continue
    return found


def _optional_table(
    grids: Mapping[str, Grid],
    source: str,
    kind: TableKind,
    named: str | None,
    mapping: Mapping[str, str] | None,
) -> LocatedTable | None:
    """The stages or actions table: from the sheet the user named (which must hold
    one), else from a sheet with the usual name, else None."""
    name = named or find_sheet(list(grids), kind)
    if name is None:
        return None
    grid = _require_sheet(grids, name, source)
    try:
        return locate_table(grid, kind, name, mapping=mapping)
    except TableNotFoundError:
        if named:
            raise
        return None


def _load_stages(
    grids: Mapping[str, Grid], source: str, options: PipelineOptions, pipeline: Pipeline
) -> None:
    table = _optional_table(grids, source, "stages", options.stages_sheet, options.stage_mapping)
    if table is None:
        return
    parsed = parse_stages(table, parse_cadence)
    pipeline.issues.extend(_counted(grids, source, table, parsed.issues))
    pipeline.accounts.append(parsed.account)
    if parsed.records:
        pipeline.stages = with_outcome_stages(parsed.records)
        pipeline.sheets["stages"] = table.sheet
        pipeline.columns[table.sheet] = _recognised(table)


def with_outcome_stages(stages: Sequence[Stage]) -> StageTable:
    """A table of the user's stages, in order, with the default won and lost stages
    appended when the user listed only the open ones.

    A user stage with a default stage's name keeps the default's aliases, so « RDV »
    still means « Rendez-vous » when the Étapes sheet lists « Rendez-vous » (but a
    user stage « Devis » does not take « Proposition envoyée »'s aliases).
    """
    defaults = StageTable.default()
    ordered = [_with_default_aliases(s, defaults) for s in sorted(stages, key=lambda s: s.order)]
    last = max((s.order for s in ordered), default=0)
    if not any(s.is_won for s in ordered) and defaults.won_stage:
        ordered.append(replace(defaults.won_stage, order=last + 1))
    if not any(s.is_lost for s in ordered) and defaults.lost_stage:
        ordered.append(replace(defaults.lost_stage, order=last + 2))
    return StageTable(tuple(ordered))


def _with_default_aliases(stage: Stage, defaults: StageTable) -> Stage:
    default = defaults.get(stage.name)
    if default is None or stage.aliases or fold(default.name) != fold(stage.name):
        return stage  # only a default's own name carries its aliases: no guessing
    return replace(stage, aliases=default.aliases)


def _load_actions(
    grids: Mapping[str, Grid], source: str, options: PipelineOptions, pipeline: Pipeline
) -> None:
    table = _optional_table(grids, source, "actions", options.actions_sheet, options.action_mapping)
    if table is None:
        return
    parsed = parse_actions(table)
    pipeline.actions = parsed.records
    pipeline.issues.extend(_counted(grids, source, table, parsed.issues))
    pipeline.accounts.append(parsed.account)
    pipeline.sheets["actions"] = table.sheet
    pipeline.ignored_columns[table.sheet] = table.ignored_headers
    pipeline.columns[table.sheet] = _recognised(table)


def _counted(
    grids: Mapping[str, Grid], source: str, table: LocatedTable, issues: list[Issue]
) -> list[Issue]:
    """The table's issues with its sheet's count of lost cells past the cap, reported
    whatever happened to the cells (:mod:`salespipe.core.reading.lost_count`)."""
    return with_lost_cells_count(_require_sheet(grids, table.sheet, source), table, issues)


def _recognised(table: LocatedTable) -> dict[str, str]:
    """field -> header as typed, in the sheet's column order."""
    ordered = sorted(table.columns.values(), key=lambda c: c.index)
    return {column.field: column.header for column in ordered}
