"""Follow-up functions: OVERDUE_FOLLOWUPS, NEXT_FOLLOWUP."""

from __future__ import annotations

from datetime import date

import xlwings as xw

from salespipe.core.errors import InputError
from salespipe.core.metrics.cadence import gaps, next_followup, parse_cadence
from salespipe.core.metrics.followups import overdue_followups
from salespipe.core.model import DEFAULT_CADENCE, Cadence
from salespipe.core.reading.parsing import CellError, parse_int
from xlplugin import deal_ranges as read
from xlplugin.arguments import cell_range, date_cell, single
from xlplugin.failures import ArgumentError, cause, cell_safe
from xlplugin.functions.wizard import (
    AS_OF,
    CATEGORY,
    STAGE_TABLE,
    Cell,
    Range,
    Result,
    cell_arg,
    range_arg,
)
from xlplugin.spills import followup_rows


def _as_of(value: Cell) -> date:
    # The adapter, not the core, reads the clock (the core takes as_of as a parameter).
    return date_cell(value, "as_of") or date.today()


@xw.func(category=CATEGORY)
@range_arg("deals_table", "Le tableau des affaires avec sa ligne d'en-tête (ex. Pipeline!A:V).")
@cell_arg("as_of", AS_OF)
@range_arg("stage_table", STAGE_TABLE)
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


def _cadence(value: Range) -> Cadence:
    """A cadence typed as ``J+2, J+5, J+12`` or ``+0, +1, +3``, as one number (a gap), or as
    a range of day counts (gaps after the last contact)."""
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
            except InputError as exc:
                why = cause("bad_cadence", raw, why=exc.params.get("why", ""))
                raise ArgumentError("udf_unreadable", where="cadence", why=why) from exc
        steps = [step] if (step := _whole(raw, "cadence")) is not None else []
    if not steps:
        raise ArgumentError("udf_no_cadence_step")
    return gaps(steps)


@xw.func(category=CATEGORY)
@cell_arg("last_contact", "Date du dernier contact.")
@cell_arg("touches", "Nombre de relances déjà faites (vide = 0).")
@range_arg(
    "cadence",
    "Facultatif. « J+2, J+5, J+12 » (jours depuis l'entrée dans l'étape), « +0, +1, +3, +7 » "
    "ou une plage de nombres (jours après le dernier contact) ; par défaut +0, +1, +3, +7, "
    "+7, +7, +7, +90.",
)
@cell_arg(
    "stage_entered",
    "Facultatif. Date d'entrée dans l'étape, pour une cadence J+n ; vide = dernier contact "
    "+ l'écart entre deux J+n.",
)
@cell_safe
def NEXT_FOLLOWUP(
    last_contact: Cell, touches: Cell, cadence: Range = None, stage_entered: Cell = None
) -> Result:
    """Date de la prochaine relance, reportée au jour ouvré suivant : entrée dans l'étape + J+n
    de la relance suivante (cadence J+n), sinon dernier contact + l'écart de la cadence.
    """
    last = date_cell(last_contact, "last_contact")
    done = _whole(single(touches, "touches"), "touches")
    entered = date_cell(stage_entered, "stage_entered")
    return next_followup(last, done, _cadence(cadence), stage_entered=entered)
