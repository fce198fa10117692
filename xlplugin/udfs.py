"""salespipe's Excel functions (UDFs) and macros, through xlwings.

Each function is a thin adapter: cell values in, one core call, cell values out,
so a cell shows the figure ``salespipe report`` prints, to the cent. In Excel:
xlwings ribbon, « UDF Modules » = ``xlplugin.udfs``, then « Import Functions »
(docs/excel.md).

How xlwings reads this module (on Windows; elsewhere the decorators do nothing):

- a function's docstring is the description the function wizard shows and each
  ``doc=`` of ``@xw.arg`` the help of one argument; Excel keeps 255 characters
  of each, so they are short and in French;
- a parameter's type hint becomes its xlwings converter. The hints are therefore
  ``Any`` aliases: Excel may send anything, and a union (``X | None``) is not a
  converter;
- range arguments are read with :data:`~xlplugin.arguments.RANGE` (always 2-D,
  Excel errors as text), single cells with :data:`~xlplugin.arguments.CELL`;
- spilling functions return a 2-D list with a French header row; Excel 365 and
  2021 spill it natively (no legacy ``expand`` option).

Every function is wrapped in :func:`~xlplugin.failures.cell_safe`: bad input comes
back as ``#SALESPIPE! <what and where>`` in the cell, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import xlwings as xw

from salespipe.core.metrics.cycle import sales_cycle
from salespipe.core.metrics.followups import next_followup, overdue_followups, parse_cadence
from salespipe.core.metrics.forecast import deal_probability, weighted_forecast
from salespipe.core.metrics.funnel import conversion_rate, pipeline_coverage, stage_funnel
from salespipe.core.metrics.funnel import win_rate as core_win_rate
from salespipe.core.metrics.targets import required_prospects
from salespipe.core.model import DEFAULT_CADENCE, Deal, StageTable, fold
from salespipe.core.quality import Issue
from salespipe.core.reading.actions import parse_actions
from salespipe.core.reading.deals import parse_deals
from salespipe.core.reading.parsing import CellError, parse_int, parse_percent
from salespipe.core.reading.stages import parse_stages
from salespipe.core.reading.tables import TableKind
from salespipe.core.texts import text
from xlplugin import deals as read
from xlplugin import macros
from xlplugin.arguments import (
    CELL,
    RANGE,
    CellRange,
    cell_range,
    date_cell,
    number_cell,
    required,
    single,
    table_grid,
    text_cell,
)
from xlplugin.failures import ArgumentError, cause, cell_safe
from xlplugin.spills import followup_rows, funnel_rows, quality_rows

#: One argument as xlwings hands it over (2-D list for ranges, else a cell value).
Range = Any
#: A single-cell argument: None, float, str, bool, datetime or an Excel error text.
Cell = Any
#: What a UDF returns: a number, a date, a text, None (blank) or a 2-D list (spill).
Result = Any

#: Category of the functions in Excel's function wizard.
CATEGORY = "salespipe"

F = TypeVar("F", bound=Callable[..., Any])


def _range(name: str, doc: str) -> Callable[[F], F]:
    decorate: Callable[[F], F] = xw.arg(name, doc=doc, **RANGE)
    return decorate


def _cell(name: str, doc: str) -> Callable[[F], F]:
    decorate: Callable[[F], F] = xw.arg(name, doc=doc, **CELL)
    return decorate


# --- argument help shared by several functions ----------------------------------------

_AMOUNTS = "Montants HT, une affaire par ligne. Colonne entière acceptée (ex. G:G) ; vides ignorés."
_KINDS = (
    "Probabilité (30 %, 0,3) ou étape (Négociation) de chaque affaire ; ou deux colonnes "
    "côte à côte, étape et probabilité : la probabilité saisie l'emporte."
)
_CLOSES = "Facultatif. Dates de clôture prévues (réelles pour les affaires gagnées)."
_START = "Facultatif. Premier jour de la période (inclus) ; demande close_dates."
_END = "Facultatif. Dernier jour de la période (inclus) ; demande close_dates."
_STAGE_TABLE = (
    "Facultatif. Table des étapes avec sa ligne d'en-tête (Étape, Ordre, Probabilité…), "
    "comme l'onglet Étapes ; par défaut Suspect 10 % … Négociation 80 %, Gagné, Perdu."
)
_STATUSES = "Facultatif. Statuts (en cours, gagné, perdu) ; sinon déduit de l'étape."
_OVERRIDES = (
    "Facultatif. Probabilités saisies sur les affaires (colonne Probabilité) ; vide = celle "
    "de l'étape."
)
_STAGES = "Étape atteinte par chaque affaire (la plus avancée), une par ligne."
_AS_OF = "Facultatif. Date du jour du calcul ; par défaut aujourd'hui (AUJOURDHUI())."


# --- small readers ----------------------------------------------------------------------


def _columns(value: Range, label: str, amounts: CellRange) -> list[CellRange]:
    """A stage-or-probability argument: one column or row, or two columns side by side
    (stage and probability of each deal: as many rows as ``amounts`` has cells)."""
    two = isinstance(value, list) and value and len(value[0]) == 2 and not amounts.across
    if two and len(value) == amounts.size:
        first = cell_range([[row[0]] for row in value], f"{label} (colonne 1)")
        second = cell_range([[row[1]] for row in value], f"{label} (colonne 2)")
        return [first, second]
    return [cell_range(value, label)]


def _optional(value: Range, label: str) -> CellRange | None:
    return None if value is None else cell_range(value, label)


def _pipeline_deals(
    stages: StageTable,
    amounts: Range,
    kinds: Range,
    closes: Range,
    statuses: Range,
    probabilities: Range,
) -> list[Deal]:
    money = cell_range(amounts, "amounts")
    return read.deals_from_columns(
        stages,
        amounts=money,
        stage_or_probability=_columns(kinds, "probabilities_or_stages", money),
        closes=_optional(closes, "close_dates"),
        statuses=_optional(statuses, "statuses"),
        overrides=_optional(probabilities, "probabilities"),
    )


def _stage_deals(
    stages: StageTable, column: Range, statuses: Range, amounts: Range = None
) -> list[Deal]:
    return read.deals_from_columns(
        stages,
        stage_or_probability=[cell_range(column, "stages")],
        statuses=_optional(statuses, "statuses"),
        amounts=_optional(amounts, "amounts"),
        probabilities=False,
    )


def _period(start: Cell, end: Cell, closes: Range) -> tuple[date | None, date | None]:
    first, last = date_cell(start, "period_start"), date_cell(end, "period_end")
    if (first or last) and closes is None:
        raise ArgumentError("udf_period_without_close_dates")
    return first, last


def _as_of(value: Cell) -> date:
    # The adapter, not the core, reads the clock (the core takes as_of as a parameter).
    return date_cell(value, "as_of") or date.today()


def _known(stages: StageTable) -> str:
    return ", ".join(stages.names)


# --- forecast and coverage --------------------------------------------------------------


def _pipeline_arguments(func: F) -> F:
    """The help of the arguments FORECAST_WEIGHTED and PIPELINE_COVERAGE share."""
    helps = (
        _range("amounts", _AMOUNTS),
        _range("probabilities_or_stages", _KINDS),
        _range("close_dates", _CLOSES),
        _cell("period_start", _START),
        _cell("period_end", _END),
        _range("stage_table", _STAGE_TABLE),
        _range("statuses", _STATUSES),
        _range("probabilities", _OVERRIDES),
    )
    for describe in helps:
        func = describe(func)
    return func


@xw.func(category=CATEGORY)
@_pipeline_arguments
@cell_safe
def FORECAST_WEIGHTED(
    amounts: Range,
    probabilities_or_stages: Range,
    close_dates: Range = None,
    period_start: Cell = None,
    period_end: Cell = None,
    stage_table: Range = None,
    statuses: Range = None,
    probabilities: Range = None,
) -> Result:
    """Prévision pondérée en € : gagné 100 %, perdu 0, en cours montant × probabilité (saisie,
    sinon celle de l'étape), pour les affaires qui se clôturent dans la période.
    """
    stages = read.stage_table(stage_table)
    deals = _pipeline_deals(
        stages, amounts, probabilities_or_stages, close_dates, statuses, probabilities
    )
    start, end = _period(period_start, period_end, close_dates)
    return weighted_forecast(deals, stages, start, end)


@xw.func(category=CATEGORY)
@_cell("target", "Objectif de chiffre d'affaires de la période, en €.")
@_pipeline_arguments
@cell_safe
def PIPELINE_COVERAGE(
    amounts: Range,
    probabilities_or_stages: Range,
    target: Cell,
    close_dates: Range = None,
    period_start: Cell = None,
    period_end: Cell = None,
    stage_table: Range = None,
    statuses: Range = None,
    probabilities: Range = None,
) -> Result:
    """Couverture de l'objectif : valeur pondérée des affaires en cours qui se clôturent dans
    la période, divisée par l'objectif (format %).
    """
    stages = read.stage_table(stage_table)
    deals = _pipeline_deals(
        stages, amounts, probabilities_or_stages, close_dates, statuses, probabilities
    )
    start, end = _period(period_start, period_end, close_dates)
    goal = required(number_cell(target, "target"), "target")
    coverage = pipeline_coverage(deals, stages, goal, start, end)
    if coverage is None:
        raise ArgumentError("udf_target_not_positive", target=f"{goal:g}")
    return coverage


# --- funnel, conversion, win rate -------------------------------------------------------


@xw.func(category=CATEGORY)
@_range("stages", _STAGES)
@_cell("from_stage", "Étape de départ (ex. Rendez-vous).")
@_cell("to_stage", "Étape d'arrivée, après celle de départ (ex. Gagné).")
@_range("stage_table", _STAGE_TABLE)
@_range("statuses", _STATUSES)
@cell_safe
def CONVERSION_RATE(
    stages: Range,
    from_stage: Cell,
    to_stage: Cell,
    stage_table: Range = None,
    statuses: Range = None,
) -> Result:
    """Taux de conversion d'une étape à une autre : produit des conversions de chaque étape
    entre les deux (passées / (passées + perdues)), comme l'entonnoir.
    """
    table = read.stage_table(stage_table)
    deals = _stage_deals(table, stages, statuses)
    start = required(text_cell(from_stage, "from_stage"), "from_stage")
    stop = required(text_cell(to_stage, "to_stage"), "to_stage")
    try:
        rate = conversion_rate(deals, table, start, stop)
    except KeyError as exc:
        label = "from_stage" if exc.args[0] == start else "to_stage"
        why = cause("unknown_stage", exc.args[0], known=_known(table))
        raise ArgumentError("udf_unreadable", where=label, why=why) from exc
    except ValueError as exc:
        raise ArgumentError("udf_not_a_funnel_path", start=start, stop=stop) from exc
    if rate is None:
        raise ArgumentError("udf_rate_unknown_between")
    return rate


@xw.func(category=CATEGORY)
@_range("stages", _STAGES)
@_range("statuses", _STATUSES)
@_range("stage_table", _STAGE_TABLE)
@_range("amounts", "Facultatif. Montants HT, pour la colonne « Montant en cours ».")
@cell_safe
def FUNNEL(
    stages: Range, statuses: Range = None, stage_table: Range = None, amounts: Range = None
) -> Result:
    """Entonnoir (tableau) : par étape, affaires atteintes, passées, perdues, en cours,
    conversion et conversion cumulée vers gagné.
    """
    table = read.stage_table(stage_table)
    return funnel_rows(stage_funnel(_stage_deals(table, stages, statuses, amounts), table))


@xw.func(category=CATEGORY)
@_range("statuses", "Statut de chaque affaire (en cours, gagné, perdu).")
@_range("stages", "Facultatif. Étapes : une affaire à l'étape Gagné ou Perdu est décidée.")
@_range("stage_table", _STAGE_TABLE)
@cell_safe
def WIN_RATE(statuses: Range, stages: Range = None, stage_table: Range = None) -> Result:
    """Taux de réussite : affaires gagnées / (gagnées + perdues), quelle que soit leur étape."""
    table = read.stage_table(stage_table)
    deals = read.deals_from_columns(
        table,
        statuses=cell_range(statuses, "statuses"),
        stage_or_probability=[cell_range(stages, "stages")] if stages is not None else [],
        probabilities=False,
    )
    rate = core_win_rate(deals)
    if rate is None:
        raise ArgumentError("udf_rate_unknown")
    return rate


@xw.func(category=CATEGORY)
@_range("stage", "Nom d'étape, ou une colonne d'étapes (le résultat déborde alors en colonne).")
@_range("stage_table", _STAGE_TABLE)
@cell_safe
def STAGE_PROBABILITY(stage: Range, stage_table: Range = None) -> Result:
    """Probabilité par défaut d'une étape (format %), lue dans la table des étapes ; accents,
    majuscules et petites fautes tolérés.
    """
    table = read.stage_table(stage_table)
    column = cell_range(stage, "stage")
    deals = read.deals_from_columns(table, stage_or_probability=[column], probabilities=False)
    by_row = {d.row: deal_probability(d, table) for d in deals}
    values = [by_row.get(position + 1) for position in range(column.size)]
    if column.size == 1:
        if values[0] is None and deals:  # one name asked for: say it is not a stage
            why = cause("unknown_stage", column.values[0], known=_known(table))
            raise ArgumentError("udf_unreadable", where="stage", why=why)
        return values[0]
    return [values] if column.across else [[v] for v in values]


# --- follow-ups ---------------------------------------------------------------------------


@xw.func(category=CATEGORY)
@_range("deals_table", "Le tableau des affaires avec sa ligne d'en-tête (ex. Pipeline!A:V).")
@_cell("as_of", _AS_OF)
@_range("stage_table", _STAGE_TABLE)
@cell_safe
def OVERDUE_FOLLOWUPS(deals_table: Range, as_of: Cell = None, stage_table: Range = None) -> Result:
    """Relances en retard (tableau) : qui, quoi, depuis quand, les plus en retard d'abord
    (jours ouvrés, fériés français).
    """
    table = read.stage_table(stage_table)
    deals = read.deals_from_table(deals_table, "deals_table", table).records
    return followup_rows(overdue_followups(deals, table, _as_of(as_of)))


def _whole(raw: Cell, label: str) -> int | None:
    try:
        return parse_int(raw)
    except CellError as exc:
        raise ArgumentError("udf_unreadable", where=label, why=cause(exc.code, raw)) from exc


def _cadence(value: Range) -> tuple[int, ...]:
    """A cadence typed as ``J+2, J+5, J+12``, as one number, or as a range of day counts."""
    if value is None:
        return DEFAULT_CADENCE
    if isinstance(value, list) and sum(len(row) for row in value) > 1:
        steps = [s for s in cell_range(value, "cadence").parsed(parse_int) if s is not None]
    else:
        raw = single(value, "cadence")
        if raw is None:
            return DEFAULT_CADENCE
        if isinstance(raw, str):
            try:
                return parse_cadence(raw)
            except ValueError as exc:
                why = cause("bad_cadence", raw)
                raise ArgumentError("udf_unreadable", where="cadence", why=why) from exc
        steps = [step] if (step := _whole(raw, "cadence")) is not None else []
    if not steps:
        raise ArgumentError("udf_no_cadence_step")
    return tuple(steps)


@xw.func(category=CATEGORY)
@_cell("last_contact", "Date du dernier contact.")
@_cell("touches", "Nombre de relances déjà faites (vide = 0).")
@_range(
    "cadence",
    "Facultatif. Cadence en jours : « J+2, J+5, J+12 » ou une plage de nombres ; par défaut 0, "
    "1, 3, 7, 7, 7, 7, 90.",
)
@cell_safe
def NEXT_FOLLOWUP(last_contact: Cell, touches: Cell, cadence: Range = None) -> Result:
    """Date de la prochaine relance : dernier contact + l'écart de la cadence pour le nombre de
    relances faites, reporté au jour ouvré suivant.
    """
    last = date_cell(last_contact, "last_contact")
    done = _whole(single(touches, "touches"), "touches")
    return next_followup(last, done, _cadence(cadence))


# --- targets and cycle ------------------------------------------------------------------


def _rates(value: Range) -> tuple[list[tuple[str, float]], CellRange, bool]:
    """(level name, rate) pairs top first; whether names were given (a 2-column range)."""
    named = isinstance(value, list) and len(value) > 1 and value[0] and len(value[0]) == 2
    column = cell_range([[row[1]] for row in value] if named else value, "rates")
    names = cell_range([[row[0]] for row in value], "rates") if named else None
    rates = column.parsed(parse_percent)
    pairs: list[tuple[str, float]] = []
    for position, rate in enumerate(rates):
        if rate is None or rate <= 0:
            raise ArgumentError("udf_rate_not_positive", where=column.where(position))
        label = names.values[position] if names and position < len(names.values) else None
        name = str(label) if label is not None else text("excel.level", "fr", number=position + 1)
        pairs.append((name, rate))
    if not pairs:
        raise ArgumentError("udf_no_rates")
    return pairs, column, bool(named)


@xw.func(category=CATEGORY)
@_cell("target", "Nombre de ventes visé (ex. 15 par mois).")
@_range(
    "rates",
    "Taux de conversion de chaque niveau vers le suivant, du haut de l'entonnoir à la vente "
    "(ex. 20 % puis 0,25 %) ; ou deux colonnes : nom du niveau et taux.",
)
@cell_safe
def REQUIRED_PROSPECTS(target: Cell, rates: Range) -> Result:
    """Contacts nécessaires à chaque niveau pour faire l'objectif, arrondis au-dessus ; le
    premier chiffre est le nombre à toucher en haut de l'entonnoir.
    """
    goal = required(number_cell(target, "target"), "target")
    if goal < 0:
        raise ArgumentError("udf_target_negative", target=f"{goal:g}")
    pairs, column, named = _rates(rates)
    needed = required_prospects(goal, pairs)
    if named:
        return [[name, count] for name, count in needed]
    counts = [count for _, count in needed]
    return [counts] if column.across else [[count] for count in counts]


_STATISTICS: dict[str, str] = {
    "moyenne": "mean_days",
    "mean": "mean_days",
    "mediane": "median_days",
    "median": "median_days",
    "min": "min_days",
    "minimum": "min_days",
    "max": "max_days",
    "maximum": "max_days",
    "nombre": "count",
    "count": "count",
}


@xw.func(category=CATEGORY)
@_range("created_dates", "Dates de création des affaires.")
@_range("close_dates", "Dates de signature (clôture) des affaires.")
@_range(
    "statuses",
    "Facultatif. Statuts : seules les affaires gagnées comptent ; sans statuts ni étapes, "
    "toutes les lignes sont des affaires gagnées.",
)
@_cell("statistic", "Facultatif. moyenne (par défaut), médiane, min, max ou nombre.")
@_range("stages", "Facultatif. Étapes : une affaire à l'étape Gagné est gagnée, même sans statut.")
@_range("stage_table", _STAGE_TABLE)
@cell_safe
def SALES_CYCLE_DAYS(
    created_dates: Range,
    close_dates: Range,
    statuses: Range = None,
    statistic: Cell = None,
    stages: Range = None,
    stage_table: Range = None,
) -> Result:
    """Cycle de vente en jours, de la création à la signature des affaires gagnées : moyenne,
    médiane, min, max ou nombre d'affaires.
    """
    deals = read.deals_from_columns(
        read.stage_table(stage_table),
        created=cell_range(created_dates, "created_dates"),
        closes=cell_range(close_dates, "close_dates"),
        statuses=_optional(statuses, "statuses"),
        stage_or_probability=[cell_range(stages, "stages")] if stages is not None else [],
        status_word=None if stages is not None else "gagné",
        probabilities=False,
    )
    name = fold(text_cell(statistic, "statistic") or "moyenne")
    if name not in _STATISTICS:
        raise ArgumentError("udf_unknown_statistic")
    stats = sales_cycle(deals)
    if stats.count == 0:
        raise ArgumentError("udf_no_won_deal_with_dates")
    return getattr(stats, _STATISTICS[name])


# --- data quality ---------------------------------------------------------------------------


def _table_issues(grid: list[list[Any]], stages: StageTable) -> list[Issue]:
    """Issues of the deals, action-plan or stage table in ``grid`` (tried in that order)."""
    kinds: tuple[TableKind, ...] = ("deals", "actions", "stages")
    for kind in kinds:
        try:
            table = read.locate(grid, kind, "table")
        except ArgumentError:
            if kind == kinds[-1]:
                raise
            continue
        if kind == "deals":
            return parse_deals(table, stages).issues
        if kind == "actions":
            return parse_actions(table).issues
        return parse_stages(table, parse_cadence).issues
    raise AssertionError("unreachable")


@xw.func(category=CATEGORY)
@_range(
    "table",
    "Le tableau à contrôler avec sa ligne d'en-tête : affaires (Pipeline), plan d'actions ou "
    "étapes.",
)
@_range("stage_table", _STAGE_TABLE)
@cell_safe
def DATA_QUALITY(table: Range, stage_table: Range = None) -> Result:
    """Contrôle qualité (tableau) : chaque problème trouvé (étape inconnue, date ou montant
    illisible, doublon, e-mail invalide…) avec sa ligne, sa colonne, sa valeur et la raison.
    """
    stages = read.stage_table(stage_table)
    return quality_rows(_table_issues(table_grid(table, "table"), stages))


# --- macros -------------------------------------------------------------------------------


@xw.script
def refresh_dashboard() -> None:
    """Recalcule les onglets « … (Python) » (synthèse, prévision, entonnoir, relances, qualité)."""
    macros.refresh_dashboard(xw.Book.caller(), date.today())


@xw.script
def export_crm() -> None:
    """Exporte les affaires du classeur ouvert en CSV pour un CRM, à côté du classeur."""
    macros.export_crm(xw.Book.caller(), date.today())
