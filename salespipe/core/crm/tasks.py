"""The follow-up tasks of one export: one per deal with a follow-up due.

Follow-ups are the report's (:func:`salespipe.core.metrics.followups.followups`):
the same dates, the same touch numbers. Each task's ID derives from its deal's, so
that it is as stable. A deal file with a "next step" field (Salesforce, Zoho) gets
the same follow-up as text; a CRM without a task file (Salesforce, Zoho) gets that
text only, no task table.
"""

from __future__ import annotations

from salespipe.core.crm.deal_rows import PendingDeal
from salespipe.core.crm.field_values import RowContext, french_date
from salespipe.core.crm.map_lookup import NO_OWNER, MapLookup
from salespipe.core.crm.records import IdMaker, Table
from salespipe.core.metrics.followups import followups
from salespipe.core.model import StageTable


def followup_tasks(
    context: RowContext,
    lookup: MapLookup,
    stages: StageTable,
    pending: list[PendingDeal],
    max_touches: int,
    next_step: bool,
) -> tuple[Table, dict[int, str]]:
    """The task table, and the "next step" text of each deal with a follow-up, by sheet
    row; the table is empty when the profile has no task file (only the steps are
    made), both are when it has neither a task file nor ``next_step``."""
    task_file = context.profile.file("tasks") is not None
    if not task_file and not next_step:
        return Table({}, 0), {}
    scheduled = followups([p.deal for p in pending], stages, context.as_of, max_touches)
    due = {f.row: f for f in scheduled if f.due is not None}
    tasks = [p for p in pending if p.deal.row in due]
    items = [due[p.deal.row] for p in tasks]
    numbers = [f.touches + 1 for f in items]
    if context.lang == "en":
        steps = [f"Follow-up #{n} on {f.due}" for n, f in zip(numbers, items, strict=True)]
    else:
        steps = [
            f"Relance n°{n} le {french_date(f.due)}" for n, f in zip(numbers, items, strict=True)
        ]
    steps_by_row = {p.deal.row: step for p, step in zip(tasks, steps, strict=True)}
    # looked up first here, as for the task file: a CRM user's finding (text escaped)
    # names the same row whether the CRM has a task file or not
    owners = [lookup.owner(p.deal.owner, p.deal.row) if p.deal.owner else NO_OWNER for p in tasks]
    if not task_file:
        return Table({}, 0), steps_by_row
    quiet, date_of = context.text.quiet, context.date_of
    names = [quiet(p.name) for p in tasks]
    if context.lang == "en":
        subjects = [f"Follow-up #{n}: {name}" for n, name in zip(numbers, names, strict=True)]
    else:
        subjects = [f"Relance n°{n} : {name}" for n, name in zip(numbers, names, strict=True)]
    deal_ids = [p.deal_id for p in tasks]
    derive = IdMaker("t").derived
    columns = context.with_constants(
        {
            "task_id": [derive(i) for i in deal_ids],
            "deal_id": deal_ids,
            "contact_id": [p.contact.contact_id if p.contact else "" for p in tasks],
            "subject": subjects,
            "due_date": [date_of(f.due) for f in items],
            "owner": [o[0] for o in owners],
            "owner_email": [o[1] for o in owners],
            "deal_name": names,
            "company_name": [p.company.company_name if p.company else "" for p in tasks],
            "contact_full_name": [p.contact.full_name if p.contact else "" for p in tasks],
        },
        ("tasks",),
    )
    return Table(columns, len(tasks)), steps_by_row
