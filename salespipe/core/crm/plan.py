"""Export a parsed pipeline for a CRM's import wizard: plan the rows, then write them.

:func:`plan_export` turns a :class:`~salespipe.core.reading.pipeline.Pipeline` into an
:class:`ExportPlan` for one :class:`~salespipe.core.crm.profiles.CrmProfile`:
companies and contacts deduplicated, every deal row either in the deals file or
in the rejects with a reason, follow-up tasks, the stage and owner maps completed,
and the blocking problems (stages without target, owners without e-mail) that stop
a real export. :func:`write_plan_file` writes one file of the plan to a text
stream; nothing here opens a file or reads the clock (``as_of`` is a parameter).

Row accounting, checked by the tests for every CRM on every messy workbook: the
rows of the pipeline sheet below its header are ``read == blank + exported +
rejected``; the rejects are the core's (duplicates, totals rows, repeated headers,
with the core's message) and the export's own (no name, no company or contact
where the CRM needs one).

For a CRM that updates only through its own record IDs (Pipedrive), ``crm_ids``
gives the IDs read back from its export (:mod:`salespipe.core.crm.ids`): the
plan's profile then has the system-ID columns, records found get their ID (to
update), the others none (to create), and each ID matching no exported record is
a ``crm_id_not_exported`` finding naming the ID file's row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, TextIO

from salespipe.core.crm.cleaning import clean_email
from salespipe.core.crm.companies import SourceExtras
from salespipe.core.crm.csv_text import render_parts, write_import_csv
from salespipe.core.crm.ids import KIND_NAMES, CrmIdEntry, CrmIdMap, CrmIdReport, apply_crm_ids
from salespipe.core.crm.maps import (
    OwnerEntry,
    StageMapEntry,
    completed_owners,
    completed_stage_map,
    owner_key,
    pipeline_known,
    stage_known,
    suggested_stage_map,
)
from salespipe.core.crm.profiles import Column, CrmProfile, FileSpec
from salespipe.core.crm.records import CompanyRow, ContactRow, Table
from salespipe.core.crm.row_builder import RowBuilder
from salespipe.core.errors import ConfigError
from salespipe.core.model import DEFAULT_MAX_TOUCHES
from salespipe.core.quality import Severity
from salespipe.core.reading.missing_columns import MissingColumns
from salespipe.core.reading.parsing import parse_text
from salespipe.core.reading.pipeline import Grid, Pipeline
from salespipe.core.reading.rows import RowAccount
from salespipe.core.texts import both, counted, display_value, placed

__all__ = [
    "Blocking",
    "CrmIdMap",
    "CrmIdReport",
    "ExportAccount",
    "ExportPlan",
    "Finding",
    "Reject",
    "SourceExtras",
    "plan_export",
    "write_plan_file",
]

#: The deal values an import file may leave out: deal attribute → the fields of the
#: profile's deal files that carry it, and the reason given when none does
#: (``crm.not_exported.<reason>``).
CARRIERS: dict[str, tuple[tuple[str, ...], str]] = {
    "probability": (("probability",), "probability"),
    "created": (("created_date",), "created"),
    "stage_entered": (("stage_entered",), "created"),
    "last_contact": (("last_contact",), "followup"),
    "next_followup": (("next_step", "next_subject", "subject", "next_followup"), "followup"),
    "touches": (("touches", "next_step", "next_subject", "subject"), "followup"),
    "source": (("source",), "no_field"),
    "segment": (("segment",), "no_field"),
    "temperature": (("temperature",), "no_field"),
    "lost_reason": (("lost_reason", "description"), "no_field"),
    "notes": (("notes", "description"), "no_field"),
}

#: The two alternative columns of a deal's stage (Odoo): the rows fill one, never both.
STAGE_ALTERNATIVES = {"stage_xml_id": "stage_name", "stage_name": "stage_xml_id"}

#: The fields that carry a deal's next follow-up, in a task file or on the deal.
_FOLLOWUP_FIELDS = ("subject", "next_subject", "next_step")

#: Core issue codes of rows that are not deals (left out by the sheet reader).
CORE_REJECT_CODES = ("duplicate_id", "duplicate_row", "totals_row", "repeated_header")


@dataclass(frozen=True)
class Finding:
    """A value changed or left out while the row itself is exported (warnings.csv)."""

    sheet: str
    row: int
    column: str | None
    value: Any
    code: str
    message: str


@dataclass(frozen=True)
class Reject:
    """A row of the pipeline sheet that is in no import file, and why (rejects.csv)."""

    sheet: str
    row: int
    code: str
    message: str
    deal_id: str = ""
    deal_name: str = ""
    content: str = ""


@dataclass(frozen=True)
class Blocking:
    """A problem that stops the export until a map file is completed."""

    code: str
    subject: str
    deals: int
    message: str


@dataclass(frozen=True)
class ExportAccount:
    """Where the rows of the pipeline sheet went: ``read == blank + exported + rejected``."""

    sheet: str
    read: int
    blank: int
    exported: int
    rejected: int

    @property
    def balanced(self) -> bool:
        return self.read == self.blank + self.exported + self.rejected


@dataclass
class ExportPlan:
    """Everything one export writes, before anything is written."""

    profile: CrmProfile
    companies: list[CompanyRow]
    contacts: list[ContactRow]
    deals: Table
    tasks: Table
    rejects: list[Reject]
    findings: list[Finding]
    blocking: list[Blocking]
    stage_map: list[StageMapEntry]
    owners: list[OwnerEntry]
    account: ExportAccount
    stage_map_added: int = 0
    owners_added: int = 0
    source: str = ""
    crm_ids: CrmIdReport | None = None  # when the CRM's own record IDs were given
    lang: str = "fr"
    #: (follow-ups on their deal's row, follow-ups in the task file), for a profile with
    #: ``followups_by_crm_id``
    followups: tuple[int, int] | None = None
    #: file stem → headers left out because blank on every row (``drop_empty_columns``)
    dropped_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: deal attribute no file of this CRM carries → (deals exported with a value, reason)
    not_exported: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: the reading's errors and warnings by code that no file or summary line of the export
    #: already gives (see :func:`_quality_by_code`): counted in the summary, detailed by
    #: ``salespipe report --full``
    quality_by_code: dict[str, int] = field(default_factory=dict)
    #: The headline columns the pipeline table lacks: the summary says so first.
    missing: MissingColumns | None = None

    def records(self, spec: FileSpec) -> Sequence[Any] | Table:
        """The records the file ``spec`` holds: objects, or a table of columns."""
        if spec.entity == "companies":
            return self.companies
        if spec.entity == "contacts":
            return self.contacts
        if spec.entity == "deals":
            return self.deals
        if spec.entity == "tasks":
            return self.tasks
        return self.deals.where("contact_id")  # contact_roles

    def rows(self, spec: FileSpec) -> list[tuple[str, ...]]:
        """The data rows of file ``spec``: one tuple of final strings per record."""
        return list(self.iter_rows(spec))

    def iter_rows(self, spec: FileSpec) -> Iterator[tuple[str, ...]]:
        """The data rows of file ``spec``, one at a time (no list of 100 000 tuples)."""
        records = self.records(spec)
        if isinstance(records, Table):
            return records.rows(spec.fields)
        getter: Callable[[Any], Any] = attrgetter(*spec.fields)
        if len(spec.fields) == 1:
            return ((getter(r),) for r in records)
        return map(getter, records)


def plan_export(
    pipeline: Pipeline,
    profile: CrmProfile,
    *,
    as_of: date,
    stage_map: Sequence[StageMapEntry] = (),
    owners: Sequence[OwnerEntry] = (),
    extras: Mapping[int, SourceExtras] | None = None,
    source_grid: Grid | None = None,
    lang: str = "fr",
    max_touches: int = DEFAULT_MAX_TOUCHES,
    crm_ids: CrmIdMap | Mapping[str, str] | None = None,
    stage_map_name: str = "stage_map.csv",
) -> ExportPlan:
    """Plan the export of ``pipeline`` for ``profile``; see the module docstring.

    ``stage_map`` and ``owners`` are the map files' entries (empty on a first run:
    the plan proposes complete ones). ``extras`` holds, by sheet row, values of
    columns the core does not read (SIREN, website). ``source_grid`` is the pipeline
    sheet's grid, to quote rejected rows as typed. ``as_of`` dates the follow-ups
    and fills close dates the CRM requires. ``crm_ids``: ``{salespipe ID: CRM ID}``
    (or a :class:`CrmIdMap` read from the CRM's export), for a profile with
    ``system_ids`` only (ConfigError otherwise). A target stage of the map that is not
    one of the CRM's default stages is a ``stage_not_in_crm`` finding naming
    ``stage_map_name``'s row (a customised pipeline may have it: not blocking), a
    target pipeline that is not its default one a ``pipeline_not_in_crm`` finding.
    """
    ids = _id_map(crm_ids, profile)
    if ids is not None:
        profile = profile.with_system_ids(ids.kinds)
    sheet = pipeline.sheets.get("deals", "")
    unknown = _unknown_stage_labels(pipeline, sheet)
    suggested = suggested_stage_map(pipeline.stages, list(dict.fromkeys(unknown.values())), profile)
    stage_entries, stage_added = completed_stage_map(stage_map, suggested)
    owner_names = dict.fromkeys(d.owner for d in pipeline.deals if d.owner)
    owner_entries, owners_added = completed_owners(owners, owner_names)
    rejects = _core_rejects(pipeline, sheet, lang, source_grid)
    invalid_emails = {
        i.row: str(dict(i.params).get("reason", ""))
        for i in pipeline.issues
        if i.code == "invalid_email" and i.sheet == sheet
    }
    builder = RowBuilder(
        profile,
        pipeline.stages,
        sheet,
        lang,
        as_of,
        stage_entries,
        owner_entries,
        unknown,
        invalid_emails,
    )
    for deal in pipeline.deals:
        rejected = builder.add_deal(deal, (extras or {}).get(deal.row))
        if rejected:
            code, params = rejected
            rejects.append(
                _reject(sheet, deal.row, code, params, lang, source_grid, deal.deal_id, deal.name)
            )
    builder.finish(max_touches)
    rejects.sort(key=lambda r: r.row)
    account = _account(pipeline, sheet, len(builder.deals), len(rejects))
    findings = [
        Finding(
            sheet,
            row,
            column,
            value,
            code,
            placed(code, lang, sheet=sheet, row=row, column=column, value=value, **params),
        )
        for row, column, value, code, params in builder.findings
    ]
    findings.sort(key=lambda f: f.row)
    findings += _unknown_targets(stage_entries, profile, stage_map_name, lang)
    id_report = None
    if ids is not None:
        id_report, unused = apply_crm_ids(
            ids,
            builder.companies,
            builder.contacts,
            builder.deals,
            builder.tasks,
            builder.repeated_deal_ids,
        )
        findings += [_unused_id(k, e, profile, lang) for k, e in unused]
    followups = None
    if profile.followups_by_crm_id:
        builder.tasks, followups = _place_followups(builder.deals, builder.tasks)
    plan = ExportPlan(
        profile=profile,
        companies=builder.companies,
        contacts=builder.contacts,
        deals=builder.deals,
        tasks=builder.tasks,
        rejects=rejects,
        findings=findings,
        blocking=_blocking(builder, owner_entries, lang),
        stage_map=stage_entries,
        owners=owner_entries,
        account=account,
        stage_map_added=stage_added,
        owners_added=owners_added,
        source=pipeline.source,
        crm_ids=id_report,
        lang=lang,
        followups=followups,
        missing=pipeline.missing,
    )
    plan.not_exported = _not_exported(pipeline, profile, builder.deals)
    plan.quality_by_code = _quality_by_code(pipeline, rejects)
    if followups is not None and not followups[0]:
        # no follow-up on a deal row: no blank activity columns beside the deals
        deals = profile.file("deals")
        assert deals is not None
        names = {c.header for c in deals.columns if c.field in NEXT_FIELDS}
        plan.profile = plan.profile.without_columns({deals.stem: names})
    if profile.drop_empty_columns:
        _drop_empty_columns(plan)
    return plan


#: The deal-row fields of the next follow-up, and the task fields they come from.
NEXT_FIELDS = {
    "next_subject": "subject",
    "next_type": "task_type",
    "next_due": "due_date",
    "next_owner": "owner",
    "next_done": "done",
}


def _not_exported(
    pipeline: Pipeline, profile: CrmProfile, deals: Table
) -> dict[str, tuple[int, str]]:
    """The deal values typed in the sheet that no file of ``profile`` carries: how many
    exported deals have one, and why the CRM gets none (summary, import guide)."""
    fields = {c.field for f in profile.files for c in f.columns}
    exported = set(map(int, deals.column("row")))
    kept = [d for d in pipeline.deals if d.row in exported]
    found: dict[str, tuple[int, str]] = {}
    for name, (carriers, reason) in CARRIERS.items():
        if fields.intersection(carriers):
            continue
        count = len(kept) - list(map(attrgetter(name), kept)).count(None)
        if reason == "followup" and not fields.intersection(_FOLLOWUP_FIELDS):
            reason = "no_followups"  # no task file nor next step (Odoo)
        if count:
            found[name] = (count, reason)
    return found


def _place_followups(deals: Table, tasks: Table) -> tuple[Table, tuple[int, int]]:
    """Each follow-up whose deal has the CRM's own ID stays in the task table (the task
    file names the deal by that ID only); the others go on their deal's row
    (``next_…`` fields), so that no task row can create a deal. The tasks kept, and
    (on deal rows, kept)."""
    crm_ids = dict(zip(deals.column("deal_id"), deals.column("crm_id"), strict=True))
    task_deals = tasks.column("deal_id")
    on_rows = {d: i for i, d in enumerate(task_deals) if not crm_ids.get(d)}
    # each deal's task index looked up once, for the five fields
    indices = [on_rows.get(d, -1) for d in deals.column("deal_id")]
    for name, source in NEXT_FIELDS.items():
        values = [*tasks.column(source), ""]  # index -1: no follow-up on this row
        deals.columns[name] = [values[i] for i in indices]
    keep = [i for i, d in enumerate(task_deals) if d not in on_rows]
    kept = Table({k: [v[i] for i in keep] for k, v in tasks.columns.items()}, len(keep))
    return kept, (len(on_rows), len(keep))


def _drop_empty_columns(plan: ExportPlan) -> None:
    """Leave out of each non-empty file the columns blank on every row: Odoo's importer
    writes False for a blank cell (``ir.fields.converter.for_model``), so such a column
    would blank that field of every record a re-import updates. Required columns stay.
    The ones reported (``dropped_columns``) leave out the unused one of two alternative
    columns (``stage_id`` when stages go by ``stage_id/id``): it held nothing to lose."""
    dropped: dict[str, tuple[str, ...]] = {}
    reported: dict[str, tuple[str, ...]] = {}
    for spec in plan.profile.files:
        records = plan.records(spec)
        if not len(records):
            continue
        blank = tuple(
            c for c in spec.columns if not c.required and not any(_values(records, c.field))
        )
        if blank:
            dropped[spec.stem] = tuple(c.header for c in blank)
            shown = tuple(c.header for c in blank if not _alternative_used(spec, c, blank))
            if shown:
                reported[spec.stem] = shown
    if dropped:
        plan.profile = plan.profile.without_columns(dropped)
        plan.dropped_columns = reported


def _alternative_used(spec: FileSpec, column: Column, blank: Sequence[Column]) -> bool:
    """Whether ``column`` is one of two alternative columns whose other one is filled."""
    other = STAGE_ALTERNATIVES.get(column.field)
    return other is not None and any(c.field == other and c not in blank for c in spec.columns)


def _deals(count: int, lang: str) -> str:
    """« 1 affaire », « 3 affaires »: a count of deals in a message."""
    return counted("crm.count.deals", count, lang)


def _values(records: Sequence[Any] | Table, name: str) -> Iterator[str]:
    if isinstance(records, Table):
        return iter(records.column(name))
    return (getattr(r, name) for r in records)


def _id_map(ids: CrmIdMap | Mapping[str, str] | None, profile: CrmProfile) -> CrmIdMap | None:
    if ids is None:
        return None
    if not profile.system_ids:
        raise ConfigError("crm_ids_not_supported", crm=profile.label)
    return ids if isinstance(ids, CrmIdMap) else CrmIdMap.from_ids(ids)


def _unknown_targets(
    entries: Sequence[StageMapEntry], profile: CrmProfile, name: str, lang: str
) -> list[Finding]:
    """A finding per stage-map cell whose target is not a pipeline or stage the CRM has
    by default."""
    findings = []
    for index, entry in enumerate(entries, start=2):
        row = entry.row or index  # the file's row when the entry was read from it
        for column, target, known, code in (
            ("target_pipeline", entry.target_pipeline.strip(), pipeline_known,
             "pipeline_not_in_crm"),
            ("target_stage", entry.target_stage.strip(), stage_known, "stage_not_in_crm"),
        ):  # fmt: skip
            if target and not known(profile, target):
                message = placed(code, lang, sheet=name, row=row, column=column, in_file=True,
                                 value=target, crm=profile.label)  # fmt: skip
                findings.append(Finding(name, row, column, target, code, message))
    return findings


def _unused_id(salespipe_id: str, entry: CrmIdEntry, profile: CrmProfile, lang: str) -> Finding:
    """An ID of the map that matches no record of this export (a deal deleted from the
    sheet, a company whose key changed): reported, never dropped silently."""
    kind = both(f"crm.kind.{KIND_NAMES[salespipe_id[3]]}")
    message = placed(
        "crm_id_not_exported",
        lang,
        sheet=entry.source or None,
        row=entry.row,
        column=entry.column,
        in_file=True,
        kind=kind,
        value=salespipe_id,
        crm=profile.label,
        crm_id=entry.crm_id,
    )
    return Finding(
        entry.source, entry.row, entry.column, salespipe_id, "crm_id_not_exported", message
    )


#: Reading issues the export gives itself: an invalid e-mail in warnings.csv
#: (``email_invalid``), an unknown stage as a row of stage_map.csv.
EXPORT_OWN_CODES = frozenset(("invalid_email", "unknown_stage"))


def _quality_by_code(pipeline: Pipeline, rejects: Sequence[Reject]) -> dict[str, int]:
    """The reading's errors and warnings by code (an unreadable amount, an error cell, a
    probability out of range…) that the export does not give itself: those of a row in
    rejects.csv (which says why the row is out) and :data:`EXPORT_OWN_CODES` aside."""
    rejected = {(r.sheet, r.row) for r in rejects}
    counts = Counter(
        item.code
        for item in pipeline.issues
        if item.severity is not Severity.INFO
        and item.code not in EXPORT_OWN_CODES
        and (item.sheet, item.row) not in rejected
    )
    return dict(sorted(counts.items()))


def _unknown_stage_labels(pipeline: Pipeline, sheet: str) -> dict[int, str]:
    """Row → stage label as typed, for deals whose stage the stage table does not know."""
    labels: dict[int, str] = {}
    for item in pipeline.issues:
        if item.code == "unknown_stage" and item.sheet == sheet:
            text = parse_text(item.value)
            if text:
                labels[item.row] = text
    return labels


def _core_rejects(pipeline: Pipeline, sheet: str, lang: str, grid: Grid | None) -> list[Reject]:
    """The rows the sheet reader left out (duplicates, totals, repeated headers)."""
    rejects: dict[int, Reject] = {}
    for item in pipeline.issues:
        if item.sheet == sheet and item.code in CORE_REJECT_CODES and item.row not in rejects:
            rejects[item.row] = Reject(
                sheet, item.row, item.code, item.message(lang), content=_content(grid, item.row)
            )
    return list(rejects.values())


def _reject(
    sheet: str,
    row: int,
    code: str,
    params: dict[str, Any],
    lang: str,
    grid: Grid | None,
    deal_id: str | None,
    name: str | None,
) -> Reject:
    message = placed(code, lang, sheet=sheet, row=row, **params)
    return Reject(sheet, row, code, message, deal_id or "", name or "", _content(grid, row))


def _content(grid: Grid | None, row: int) -> str:
    """The row's non-blank cells as typed, joined by `` | ``, to see what was left out."""
    if grid is None or not 0 < row <= len(grid):
        return ""
    cells = (parse_text(display_value(v)) for v in grid[row - 1])
    return " | ".join(c for c in cells if c)


def _account(pipeline: Pipeline, sheet: str, exported: int, rejected: int) -> ExportAccount:
    core = next((a for a in pipeline.accounts if a.sheet == sheet), RowAccount(sheet))
    return ExportAccount(sheet, core.read, core.blank, exported, rejected)


def _blocking(builder: RowBuilder, owners: Sequence[OwnerEntry], lang: str) -> list[Blocking]:
    """Stages without a target and owners without a valid e-mail, by number of deals."""
    problems: list[Blocking] = []
    for label, count in builder.unmapped_stages.items():
        message = placed("unmapped_stage", lang, subject=label, deals=_deals(count, lang))
        problems.append(Blocking("unmapped_stage", label, count, message))
    by_key = {owner_key(e.owner): e for e in owners}
    for owner, count in builder.owner_deals.items():
        entry = by_key.get(owner_key(owner))
        email = entry.email if entry else ""
        if not email:
            message = placed("owner_without_email", lang, subject=owner, deals=_deals(count, lang))
            problems.append(Blocking("owner_without_email", owner, count, message))
            continue
        reason = clean_email(email)[1]
        if reason:
            message = placed("owner_email_invalid", lang, subject=owner, email=email, reason=reason)
            problems.append(Blocking("owner_email_invalid", owner, count, message))
    return problems


def write_plan_file(
    stream: TextIO, plan: ExportPlan, spec: FileSpec, rows: Sequence[Sequence[str]] | None = None
) -> int:
    """Write file ``spec`` of ``plan`` (header and rows) to ``stream``; the row count."""
    data = plan.rows(spec) if rows is None else rows
    write_import_csv(stream, spec.headers, data, plan.profile)
    return len(data)


def plan_file_parts(
    plan: ExportPlan, spec: FileSpec, max_rows: int | None = None
) -> list[tuple[str, int]]:
    """File ``spec`` of ``plan`` as CSV texts split at the profile's row and size caps."""
    rows = plan.iter_rows(spec)
    return render_parts(spec.headers, rows, plan.profile, max_rows=max_rows)
