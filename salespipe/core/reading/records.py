"""Turn a located table into deals, stages or actions, plus the issues found.

Every row below the header ends in exactly one place, counted in a
:class:`RowAccount`: used (possibly with warnings about single cells), rejected
(an ``error`` issue says why), a recognised totals row or repeated header row
(an ``info`` issue), or blank. ``read == used + rejected + totals + blank +
headers`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

from salespipe.core.bulk import gc_paused
from salespipe.core.model import (
    Action,
    Deal,
    Stage,
    StageTable,
    Status,
    fold,
)
from salespipe.core.quality import Issue, Severity, issue
from salespipe.core.reading.parsing import (
    CellError,
    is_blank,
    parse_amount,
    parse_column,
    parse_date,
    parse_int,
    parse_mark,
    parse_number,
    parse_percent,
    parse_text,
    parse_week,
)
from salespipe.core.reading.tables import LocatedTable


@dataclass
class RowAccount:
    """Where every row below the header went."""

    sheet: str
    read: int = 0
    used: int = 0
    rejected: int = 0
    totals: int = 0
    blank: int = 0
    headers: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.used + self.rejected + self.totals + self.blank + self.headers

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "read": self.read,
            "used": self.used,
            "rejected": self.rejected,
            "totals": self.totals,
            "blank": self.blank,
            "headers": self.headers,
        }


T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """Records parsed from one table, the issues found, and the row accounting."""

    records: list[T]
    issues: list[Issue]
    account: RowAccount
    table: LocatedTable | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --- shared row walking -----------------------------------------------------

_TOTAL_WORDS = re.compile(r"^(sous total|total|totaux|grand total|somme|sum|subtotal)\b")


# Fields a totals row leaves blank (unless the "Total" label itself stands there):
# a deal for the client « Total Énergies » has a stage, a sub-total line has none.
_TOTALS_BLANK_FIELDS = {
    "deals": ("stage", "status", "probability", "email", "expected_close"),
    "actions": ("owner", "type", "start_week", "end_week"),
}


_TOTAL_HEADS = ("tot", "sou", "som", "sum", "sub", "gra", "tôt")


def _is_totals_row(table: LocatedTable, row: Sequence[Any]) -> bool:
    """A « Total » / « Sous-total … » line: label first, and none of the row's key fields."""
    first = row[0] if row else None
    label_index: int | None = 0
    if not (isinstance(first, str) and first.strip()):
        label_index = next((i for i, v in enumerate(row) if isinstance(v, str) and v.strip()), None)
    if label_index is None:
        return False
    label = row[label_index]
    if not label.lstrip()[:3].lower().startswith(_TOTAL_HEADS):
        return False  # the common case, decided without folding
    if not _TOTAL_WORDS.match(fold(label)):
        return False
    for name in _TOTALS_BLANK_FIELDS.get(table.kind, ()):
        column = table.columns.get(name)
        if column and column.index != label_index and not is_blank(_cell(row, column.index)):
            return False
    return True


def _is_repeated_header(table: LocatedTable, row: Sequence[Any]) -> bool:
    """The header row pasted again below (blocks of rows copied one under another)."""
    headers = table.folded_headers
    first_index, first_header = headers[0]
    first = _cell(row, first_index)
    if not (
        isinstance(first, str)
        and fold(first.lstrip()[:1]) == first_header[:1]  # cheap filter before folding
        and fold(first) == first_header
    ):
        return False  # the common case, decided on one cell
    matches = sum(
        isinstance(v := _cell(row, i), str) and fold(v) == header for i, header in headers
    )
    return matches >= max(2, len(headers) // 2 + 1)


def _trim_trailing_blank(rows: list[tuple[int, Sequence[Any]]]) -> list[tuple[int, Sequence[Any]]]:
    end = len(rows)
    while end and all(is_blank(v) for v in rows[end - 1][1]):
        end -= 1
    return rows[:end]


def _cell(row: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    return row[index]


def _skipped(reader: _RowReader, row: Sequence[Any], account: RowAccount) -> bool:
    """Count and report a totals row or a repeated header row; True when skipped."""
    if _is_totals_row(reader.table, row):
        account.totals += 1
        reader.report(None, None, "totals_row", Severity.INFO)
        return True
    if _is_repeated_header(reader.table, row):
        account.headers += 1
        reader.report(None, None, "repeated_header", Severity.INFO)
        return True
    return False


class _RowReader:
    """Reads typed fields of one row and records an issue for each bad cell."""

    __slots__ = ("issues", "row", "row_number", "table")

    def __init__(self, table: LocatedTable, issues: list[Issue]) -> None:
        self.table = table
        self.issues = issues
        self.row: Sequence[Any] = ()
        self.row_number = 0

    def raw(self, name: str) -> Any:
        column = self.table.columns.get(name)
        return _cell(self.row, column.index if column else None)

    def get(self, name: str, parse: Callable[[Any], Any]) -> Any:
        column = self.table.columns.get(name)
        if column is None:
            return None
        value = _cell(self.row, column.index)
        if value is None:
            return None
        try:
            return parse(value)
        except CellError as exc:
            self.issues.append(
                issue(
                    self.table.sheet, self.row_number, column.header, value, exc.code, **exc.params
                )
            )
            return None

    def report(
        self, name: str | None, value: Any, code: str, severity: Severity, **params: Any
    ) -> None:
        header = self.table.header_of(name) if name else None
        self.issues.append(
            issue(self.table.sheet, self.row_number, header, value, code, severity, **params)
        )


# --- stages in a deal row --------------------------------------------------


class _StageMatcher:
    """Stage names as typed → (stage, corrected), remembered for the table being read."""

    def __init__(self, stages: StageTable) -> None:
        self.choices = stages.labels()
        self.seen: dict[str, tuple[Stage | None, bool]] = {}

    def match(self, text: str) -> tuple[Stage | None, bool]:
        """Exact match after folding, else a close typo match (reported as corrected)."""
        found = self.seen.get(text)
        if found is None:
            found = self.seen[text] = self._match(text)
        return found

    def _match(self, text: str) -> tuple[Stage | None, bool]:
        folded = fold(text)
        exact = self.choices.get(folded)
        if exact is not None:
            return exact, False
        best = process.extractOne(folded, list(self.choices), scorer=fuzz.ratio, score_cutoff=80)
        return (self.choices[best[0]], True) if best else (None, False)


STATUS_WORDS: dict[str, Status] = {}
for _status, _words in {
    Status.OPEN: (
        "en cours",
        "ouvert",
        "ouverte",
        "open",
        "actif",
        "active",
        "in progress",
        "a relancer",
        "en attente",
        "encours",
        "ec",
        "pending",
    ),
    Status.WON: (
        "gagne",
        "gagnee",
        "won",
        "signe",
        "signee",
        "closed won",
        "conclu",
        "conclue",
        "vendu",
        "vendue",
        "win",
        "ok",
    ),
    Status.LOST: (
        "perdu",
        "perdue",
        "lost",
        "abandonne",
        "abandonnee",
        "closed lost",
        "refuse",
        "refusee",
        "sans suite",
        "ko",
        "annule",
        "annulee",
    ),
}.items():
    for _word in _words:
        STATUS_WORDS[_word] = _status


def parse_status(value: Any) -> Status | None:
    """Status from its French or English wording; None for blank or unknown."""
    text = parse_text(value)
    return STATUS_WORDS.get(fold(text)) if text else None


# --- e-mail ------------------------------------------------------------------

# A conservative shape every address of which email-validator also accepts; only
# addresses outside it are handed to the library, which is ~30 µs a call.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9]+(?:[._+-][a-z0-9]+)*@(?:[a-z0-9]+(?:-+[a-z0-9]+)*\.)+[a-z]{2,24}", re.IGNORECASE
)
_SPECIAL_TLDS = tuple("." + d for d in SPECIAL_USE_DOMAIN_NAMES)


def _plainly_valid(address: str) -> bool:
    """True for an address of the conservative shape email-validator always accepts."""
    return bool(
        len(address) <= 254
        and _PLAIN_EMAIL.fullmatch(address)
        and len(address.partition("@")[0]) <= 64
        and not address.lower().endswith(_SPECIAL_TLDS)
    )


def email_problem(address: str) -> str | None:
    """Why ``address`` is not a valid e-mail address (syntax only), or None."""
    if _plainly_valid(address):
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def email_problems(addresses: Sequence[str | None]) -> dict[int, str]:
    """Position → reason for every invalid address of a column (blanks are fine)."""
    suspects = [i for i, a in enumerate(addresses) if a is not None and not _plainly_valid(a)]
    problems = {i: email_problem(addresses[i]) for i in suspects}  # type: ignore[arg-type]
    return {i: why for i, why in problems.items() if why}


# --- deals -----------------------------------------------------------------


# Fields read cell by cell with one parser each; stage and status are reconciled per row.
_DEAL_FIELDS: dict[str, Callable[[Any], Any]] = {
    "deal_id": parse_text,
    "name": parse_text,
    "company": parse_text,
    "contact": parse_text,
    "email": parse_text,
    "phone": parse_text,
    "owner": parse_text,
    "amount": parse_amount,
    "probability": parse_percent,
    "created": parse_date,
    "expected_close": parse_date,
    "last_contact": parse_date,
    "next_followup": parse_date,
    "touches": parse_int,
    "source": parse_text,
    "segment": parse_text,
    "temperature": parse_text,
    "lost_reason": parse_text,
    "notes": parse_text,
    "stage_entered": parse_date,
}


# Deal's positional fields around stage and status (a test checks the order).
_FIELDS_BEFORE_STAGE = ("deal_id", "name", "company", "contact", "email", "phone", "owner")
_FIELDS_AFTER_STATUS = tuple(f for f in _DEAL_FIELDS if f not in _FIELDS_BEFORE_STAGE)


def parse_deals(table: LocatedTable, stages: StageTable) -> Parsed[Deal]:
    """Deals from a located Pipeline table; see the module docstring for the accounting.

    Issues come sorted by row, then by column from left to right.
    """
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = _RowReader(table, issues)
    with gc_paused():
        data_rows = _deal_rows(table, reader, account)
        cells = _transpose(table, data_rows)
        columns = _parse_columns(table, data_rows, cells, issues)
        deals = _build_deals(reader, stages, data_rows, cells, columns)
    account.used = len(deals)
    return Parsed(deals, _in_sheet_order(issues, table), account, table)


def _build_deals(
    reader: _RowReader,
    stages: StageTable,
    rows: list[tuple[int, Sequence[Any]]],
    cells: dict[str, Sequence[Any]],
    columns: dict[str, list[Any]],
) -> list[Deal]:
    resolver = _StageStatusResolver(stages)
    invalid_emails = email_problems(columns["email"])
    before = zip(*(columns[f] for f in _FIELDS_BEFORE_STAGE), strict=True)
    after = zip(*(columns[f] for f in _FIELDS_AFTER_STATUS), strict=True)
    deals: list[Deal] = []
    for position, ((row_number, row), raw_stage, raw_status, head, tail) in enumerate(
        zip(rows, cells["stage"], cells["status"], before, after, strict=True)
    ):
        reader.row, reader.row_number = row, row_number
        stage, status, findings = resolver.resolve(raw_stage, raw_status)
        for name, value, code, severity, params in findings:
            reader.report(name, value, code, severity, **params)
        if position in invalid_emails:
            email = columns["email"][position]
            reason = invalid_emails[position]
            reader.report("email", email, "invalid_email", Severity.WARNING, reason=reason)
        deal = Deal(  # type: ignore[call-arg]  # positional, in field order (tested)
            row_number, *head, stage.name if stage else None, status, *tail
        )
        _check_deal(reader, deal, stages, raw_stage)
        deals.append(deal)
    return deals


def _deal_rows(
    table: LocatedTable, reader: _RowReader, account: RowAccount
) -> list[tuple[int, Sequence[Any]]]:
    """The rows holding deals; blank, totals, repeated-header and duplicate rows are
    counted and reported instead.

    The common row (a filled first cell that is neither a « Total » label nor the
    first header again) is recognised without a function call: this loop runs once
    per row of the sheet.
    """
    seen_ids: dict[str, int] = {}
    seen_rows: dict[tuple[Any, ...], int] = {}
    kept: list[tuple[int, Sequence[Any]]] = []
    header_index, header = table.folded_headers[0]
    id_column = table.columns.get("deal_id")
    id_index = id_column.index if id_column else -1
    rows = _trim_trailing_blank(table.rows)
    account.read += len(rows)
    for row_number, row in rows:
        first = row[0] if row else None
        plain = (
            type(first) is str
            and first[:1].isalnum()
            and not first[:3].lower().startswith(_TOTAL_HEADS)
            and not _may_be_header(row, header_index, header)
        )
        if not plain:
            if _row_is_blank(row):
                account.blank += 1
                continue
            reader.row, reader.row_number = row, row_number
            if _skipped(reader, row, account):
                continue
        raw_id = row[id_index] if 0 <= id_index < len(row) else None
        reader.row, reader.row_number = row, row_number
        if _is_duplicate(reader, row, raw_id, seen_ids, seen_rows):
            account.rejected += 1
            continue
        kept.append((row_number, row))
    return kept


def _may_be_header(row: Sequence[Any], index: int, folded_header: str) -> bool:
    cell = row[index] if index < len(row) else None
    return type(cell) is str and fold(cell.lstrip()[:1]) == folded_header[:1]


def _row_is_blank(row: Sequence[Any]) -> bool:
    if row and row[0] is not None and not is_blank(row[0]):
        return False  # the common case: a first cell filled in
    return all(is_blank(value) for value in row)


def _transpose(
    table: LocatedTable, rows: list[tuple[int, Sequence[Any]]]
) -> dict[str, Sequence[Any]]:
    """The raw cells of every known field, column by column (None past a short row).

    One ``zip(*rows)`` in C: several times faster than a comprehension per column on
    100 000 real rows, whose cells lie scattered in memory.
    """
    width = max((c.index for c in table.columns.values()), default=-1) + 1
    grid = [r if len(r) == width else _fit(r, width) for _, r in rows]
    transposed = list(zip(*grid, strict=True)) if grid else [()] * width
    cells: dict[str, Sequence[Any]] = {}
    for name in (*_DEAL_FIELDS, "stage", "status"):
        column = table.columns.get(name)
        cells[name] = transposed[column.index] if column else (None,) * len(rows)
    return cells


def _fit(row: Sequence[Any], width: int) -> Sequence[Any]:
    """The row cut or padded with None to ``width`` cells."""
    return row[:width] if len(row) > width else [*row, *([None] * (width - len(row)))]


def _parse_columns(
    table: LocatedTable,
    rows: list[tuple[int, Sequence[Any]]],
    cells: dict[str, Sequence[Any]],
    issues: list[Issue],
) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    for name, parse in _DEAL_FIELDS.items():
        columns[name], errors = parse_column(cells[name], parse)
        if errors:
            header = table.columns[name].header
            issues.extend(
                issue(table.sheet, rows[position][0], header, value, error.code, **error.params)
                for position, value, error in errors
            )
    return columns


def _in_sheet_order(issues: list[Issue], table: LocatedTable) -> list[Issue]:
    """Issues by row, then column position (row-level issues first); stable otherwise."""
    position = {c.header: c.index for c in table.columns.values()}
    return sorted(issues, key=lambda i: (i.row, position.get(i.column, -1) if i.column else -1))


def _is_duplicate(
    reader: _RowReader,
    row: Sequence[Any],
    raw_id: Any,
    seen_ids: dict[str, int],
    seen_rows: dict[tuple[Any, ...], int],
) -> bool:
    """True (and reported) for a row whose ID, or whole content when it has no ID,
    was seen on an earlier row."""
    deal_id = parse_text(raw_id)
    if deal_id:
        key = deal_id.casefold()
        if key in seen_ids:
            reader.report(
                "deal_id", deal_id, "duplicate_id", Severity.ERROR, first_row=seen_ids[key]
            )
            return True
        seen_ids[key] = reader.row_number
        return False
    content = tuple(None if is_blank(v) else v for v in row)
    if content in seen_rows:
        reader.report(None, None, "duplicate_row", Severity.ERROR, first_row=seen_rows[content])
        return True
    seen_rows[content] = reader.row_number
    return False


Finding = tuple[str, Any, str, Severity, dict[str, Any]]  # field, value, code, severity, params


class _StageStatusResolver:
    """(stage cell, status cell) → (stage, status, findings), remembered per pair.

    Real sheets repeat a handful of stage/status pairs, so each distinct pair is
    reconciled once: stage matched (exact, then typo-tolerant), status read, and
    contradictions decided in favour of a terminal stage (Gagné/Perdu).
    """

    def __init__(self, stages: StageTable) -> None:
        self.matcher = _StageMatcher(stages)
        self.known = ", ".join(s.name for s in stages.stages)
        self.seen: dict[tuple[Any, Any], tuple[Stage | None, Status, tuple[Finding, ...]]] = {}

    def resolve(
        self, raw_stage: Any, raw_status: Any
    ) -> tuple[Stage | None, Status, tuple[Finding, ...]]:
        key = (raw_stage, raw_status)
        found = self.seen.get(key)
        if found is None:
            findings: list[Finding] = []
            stage = self._stage(raw_stage, findings)
            status = self._status(stage, raw_status, findings)
            found = self.seen[key] = (stage, status, tuple(findings))
        return found

    def _stage(self, raw: Any, findings: list[Finding]) -> Stage | None:
        label = parse_text(raw)
        if label is None:
            return None
        stage, corrected = self.matcher.match(label)
        if stage is None:
            findings.append(
                ("stage", raw, "unknown_stage", Severity.WARNING, {"known": self.known})
            )
        elif corrected:
            findings.append(("stage", raw, "stage_corrected", Severity.INFO, {"stage": stage.name}))
        return stage

    @staticmethod
    def _status(stage: Stage | None, raw: Any, findings: list[Finding]) -> Status:
        from_stage = (
            Status.WON
            if stage and stage.is_won
            else Status.LOST
            if stage and stage.is_lost
            else None
        )
        if is_blank(raw):
            return from_stage or Status.OPEN
        status = parse_status(raw)
        if status is None:
            assumed = from_stage or Status.OPEN
            findings.append(
                ("status", raw, "unknown_status", Severity.WARNING, {"status": assumed.value})
            )
            return assumed
        if from_stage is not None and status is not from_stage:
            # "Gagné" in the stage column is the stronger signal than a stale status.
            params = {"stage": stage.name if stage else "", "status": from_stage.value}
            findings.append(("status", raw, "status_stage_conflict", Severity.WARNING, params))
            return from_stage
        return status


def _check_deal(reader: _RowReader, deal: Deal, stages: StageTable, raw_stage: Any) -> None:
    if not (deal.name or deal.company or deal.deal_id):
        reader.report(None, None, "missing_name", Severity.WARNING)
    if deal.stage is None and deal.status is Status.OPEN and is_blank(raw_stage):
        reader.report("stage", None, "missing_stage", Severity.WARNING)
    if deal.status is Status.WON and deal.expected_close is None:
        reader.report("expected_close", None, "won_without_close_date", Severity.WARNING)
    if deal.status is Status.LOST:
        stage = stages.get(deal.stage) if deal.stage else None
        if stage is None or stage.is_lost:  # where it was lost is unknown
            reader.report("stage", raw_stage, "lost_stage_unknown", Severity.INFO)
    if deal.created and deal.expected_close and deal.expected_close < deal.created:
        reader.report(
            "expected_close",
            deal.expected_close.isoformat(),
            "close_before_created",
            Severity.WARNING,
        )


def _data_rows(reader: _RowReader, account: RowAccount) -> Iterator[Sequence[Any]]:
    """The rows of a small table that hold data, with ``reader`` set on each; blank,
    totals and repeated-header rows are counted and reported instead."""
    for row_number, row in _trim_trailing_blank(reader.table.rows):
        account.read += 1
        if _row_is_blank(row):
            account.blank += 1
            continue
        reader.row, reader.row_number = row, row_number
        if not _skipped(reader, row, account):
            yield row


# --- stage table -------------------------------------------------------------

# Names that make a user's stage the won or lost outcome. Not "signature": many
# pipelines have a « Signature » stage at 90 % before the deal is won.
WON_WORDS = {"gagne", "gagnee", "won", "signe", "signee", "closed won", "vendu"}
LOST_WORDS = {"perdu", "perdue", "lost", "closed lost", "abandonne", "abandonnee"}


def parse_stages(
    table: LocatedTable, cadence_parser: Callable[[str], tuple[int, ...]]
) -> Parsed[Stage]:
    """A stage table from a located Étapes table.

    Rows without a probability get none (0 %) and a warning; won and lost stages
    are recognised by their names. ``cadence_parser`` turns "J+2, J+5" into days.
    """
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = _RowReader(table, issues)
    stages: list[Stage] = []
    for _ in _data_rows(reader, account):
        name = reader.get("name", parse_text)
        if name is None:
            reader.report("name", None, "row_unusable", Severity.ERROR)
            account.rejected += 1
            continue
        stages.append(_parse_stage(reader, name, len(stages) + 1, cadence_parser))
        account.used += 1
    return Parsed(stages, issues, account, table)


def _parse_stage(
    reader: _RowReader, name: str, position: int, cadence_parser: Callable[[str], tuple[int, ...]]
) -> Stage:
    order = reader.get("order", parse_number)
    probability = reader.get("probability", parse_percent)
    expected_days = reader.get("expected_days", parse_int)
    cadence = None
    raw_cadence = parse_text(reader.raw("cadence"))
    if raw_cadence:
        try:
            cadence = cadence_parser(raw_cadence)
        except ValueError:
            reader.report("cadence", raw_cadence, "bad_cadence", Severity.WARNING)
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


# --- action plan -------------------------------------------------------------


def parse_actions(table: LocatedTable) -> Parsed[Action]:
    """Action-plan rows from a located Plan d'actions table (with an optional week grid)."""
    issues: list[Issue] = []
    account = RowAccount(table.sheet)
    reader = _RowReader(table, issues)
    actions: list[Action] = []
    for row in _data_rows(reader, account):
        actions.append(_parse_action(reader, row))
        account.used += 1
    return Parsed(actions, issues, account, table)


def _parse_action(reader: _RowReader, row: Sequence[Any]) -> Action:
    name = reader.get("action", parse_text)
    if name is None:
        reader.report("action", None, "missing_action", Severity.WARNING)
    start = reader.get("start_week", parse_week)
    end = reader.get("end_week", parse_week)
    if start is not None and end is not None and end < start:
        reader.report("end_week", end, "week_range_reversed", Severity.WARNING)
        end = None
    grid = tuple(
        sorted(w for i, w in reader.table.week_columns.items() if parse_mark(_cell(row, i)))
    )
    year = reader.get("year", parse_int)
    return Action(
        row=reader.row_number,
        action=name or f"(ligne {reader.row_number})",
        type=reader.get("type", parse_text),
        owner=reader.get("owner", parse_text),
        budget=reader.get("budget", parse_amount),
        start_week=start,
        end_week=end,
        weeks=grid,
        year=year,
        target=reader.get("target", parse_text),
        planned_count=reader.get("planned_count", parse_number),
        done_count=reader.get("done_count", parse_number),
        lever=reader.get("lever", parse_text),
        expected_revenue=reader.get("expected_revenue", parse_amount),
    )
