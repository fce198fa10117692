"""The stage table (Étapes sheet): names, order, probabilities, expected days, cadences."""

from __future__ import annotations

from collections.abc import Callable

from salespipe.core.errors import InputError
from salespipe.core.model import Cadence, Stage, fold
from salespipe.core.quality import Issue, Severity
from salespipe.core.reading.parsing import parse_int, parse_number, parse_percent, parse_text
from salespipe.core.reading.rows import Parsed, RowAccount, RowReader, data_rows
from salespipe.core.reading.tables import LocatedTable
from salespipe.core.reading.vocabulary import LOST_WORDS, WON_WORDS


def parse_stages(table: LocatedTable, cadence_parser: Callable[[str], Cadence]) -> Parsed[Stage]:
    """A stage table from a located Étapes table.

    Rows without a probability get none (0 %) and a warning; won and lost stages
    are recognised by their names. ``cadence_parser`` turns "J+2, J+5" into a :class:`Cadence`.
    """
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = RowReader(table, issues)
    stages: list[Stage] = []
    for _ in data_rows(reader, account):
        name = reader.get("name", parse_text)
        if name is None:
            reader.report("name", None, "row_unusable", Severity.ERROR)
            account.rejected += 1
            continue
        stages.append(_parse_stage(reader, name, len(stages) + 1, cadence_parser))
        account.used += 1
    return Parsed(stages, issues, account, table)


def _parse_stage(
    reader: RowReader, name: str, position: int, cadence_parser: Callable[[str], Cadence]
) -> Stage:
    order = reader.get("order", parse_number)
    probability = reader.get("probability", parse_percent)
    expected_days = reader.get("expected_days", parse_int)
    cadence = None
    raw_cadence = parse_text(reader.raw("cadence"))
    if raw_cadence:
        try:
            cadence = cadence_parser(raw_cadence)
        except InputError as exc:
            why = exc.params.get("why", "")
            reader.report("cadence", raw_cadence, "bad_cadence", Severity.WARNING, why=why)
    folded = fold(name)
    is_won = folded in WON_WORDS
    is_lost = folded in LOST_WORDS
    if probability is None:
        probability = 1.0 if is_won else 0.0
        if not (is_won or is_lost):
            reader.report("probability", None, "missing_probability", Severity.WARNING)
    return Stage(
        name=name,
        order=int(order) if order is not None else position,
        probability=probability,
        expected_days=expected_days,
        cadence=cadence,
        is_won=is_won,
        is_lost=is_lost,
    )
