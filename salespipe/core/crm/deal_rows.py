"""The deal table of one export: every field the deal files use, built column by column."""

from __future__ import annotations

from typing import NamedTuple

from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.map_lookup import NO_OWNER, MapLookup
from salespipe.core.crm.maps import XML_ID
from salespipe.core.crm.records import CompanyRow, ContactRow
from salespipe.core.model import LOST, WON, Deal, Status, fold


class PendingDeal(NamedTuple):
    """A deal taken for export, waiting for the tables to be built."""

    deal: Deal
    deal_id: str
    name: str  # the deal's name, else its company's, contact's or ID
    company: CompanyRow | None
    contact: ContactRow | None


def deal_key(deal: Deal) -> str:
    """What a deal's external ID is made from: its ID in the sheet, else its company,
    name and creation date (the same deal gets the same ID on every export)."""
    if deal.deal_id:
        return "id:" + deal.deal_id.casefold()
    created = deal.created.isoformat() if deal.created else ""
    return f"row:{fold(deal.company or '')}|{fold(deal.name or '')}|{created}"


def deal_columns(
    context: RowContext,
    lookup: MapLookup,
    pending: list[PendingDeal],
    fields: set[str],
    steps: dict[int, str],
) -> dict[str, list[str]]:
    """Every field of the deal files, column by column (only those the files use).

    ``fields``: the fields the profile's deal files name; ``steps``: the next-step
    text of each deal with a follow-up, by sheet row.
    """
    deals = [p.deal for p in pending]
    rows = [d.row for d in deals]
    text, column, date_of = context.text, context.column, context.date_of
    cols: dict[str, list[str]] = {"deal_id": [p.deal_id for p in pending]}
    cols["deal_name"] = [
        text(p.name, r, column["name"]) for p, r in zip(pending, rows, strict=True)
    ]
    stages = [lookup.stage(d) for d in deals]
    cols["pipeline"] = [s[0] for s in stages]
    cols["stage"] = [s[1] for s in stages]
    if "stage_xml_id" in fields:
        _stage_xml_id_columns(context, cols)
    owners = [lookup.owner(d.owner, d.row) if d.owner else NO_OWNER for d in deals]
    for index, name in enumerate(("owner", "owner_email", "owner_name")):
        if name in fields:
            cols[name] = [o[index] for o in owners]
    companies = [p.company for p in pending]
    contacts = [p.contact for p in pending]
    cols["company_id"] = [c.company_id if c else "" for c in companies]
    cols["contact_id"] = [c.contact_id if c else "" for c in contacts]
    for name, attr in (("company_name", "company_name"), ("company_domain", "company_domain")):
        if name in fields:
            cols[name] = [getattr(c, attr) if c else "" for c in companies]
    for name, attr in (
        ("contact_email", "email"),
        ("contact_full_name", "full_name"),
        ("contact_phone", "phone"),
    ):
        if name in fields:
            cols[name] = [getattr(c, attr) if c else "" for c in contacts]
    if "contact_lookup_email" in fields:
        cols["contact_lookup_email"] = _contact_lookup(context, pending)
    if "partner_id" in fields:
        cols["partner_id"] = [
            p or c for p, c in zip(cols["contact_id"], cols["company_id"], strict=True)
        ]
    cols["row"] = [str(r) for r in rows]  # also what the tests trace rows by
    if "sheet_id" in fields:
        cols["sheet_id"] = [text(d.deal_id, d.row, column["deal_id"]) for d in deals]
    if "status" in fields:
        cols["status"] = [d.status.value for d in deals]
    if "active" in fields:
        cols["active"] = ["0" if d.status is LOST else "1" for d in deals]
    # + 0.0: a -0 typed in the sheet is 0.00, not "-0.00"
    cols["amount"] = ["" if d.amount is None else f"{d.amount + 0.0:.2f}" for d in deals]
    if "probability" in fields:
        if context.profile.probability_always:
            cols["probability"] = [_probability(context, lookup, d) for d in deals]
        else:
            cols["probability"] = [
                "" if d.probability is None else str(round(d.probability * 100)) for d in deals
            ]
    if "won_time" in fields:
        cols["won_time"] = [_closed_time(context, d, WON) for d in deals]
        cols["lost_time"] = [_closed_time(context, d, LOST) for d in deals]
    cols["close_date"] = [
        date_of(d.expected_close) if d.expected_close else _default_close(context, d) for d in deals
    ]
    if "created_date" in fields:
        cols["created_date"] = [date_of(d.created) if d.created else "" for d in deals]
    if "source" in fields:
        cols["source"] = [text(d.source, d.row, column["source"]) for d in deals]
    for name in ("segment", "temperature"):
        if name in fields:
            cols[name] = [text(getattr(d, name), d.row, column[name]) for d in deals]
    for name in ("last_contact", "next_followup", "stage_entered"):
        if name in fields:
            cols[name] = [date_of(getattr(d, name)) for d in deals]
    if "touches" in fields:
        cols["touches"] = ["" if d.touches is None else str(d.touches) for d in deals]
    if "next_step" in fields:
        cols["next_step"] = [steps.get(r, "") for r in rows]
    _notes_columns(context, deals, fields, cols)
    return cols


def _contact_lookup(context: RowContext, pending: list[PendingDeal]) -> list[str]:
    """The contact's e-mail, by which the CRM's deal import finds the contact (Zoho); a
    deal whose contact has none is linked through its company only (reported)."""
    values = []
    column = context.column["contact"]
    for p in pending:
        contact = p.contact
        if contact is not None and not contact.email:
            params = {"crm": context.profile.label, "name": contact.full_name}
            context.findings.append((p.deal.row, column, None, "contact_not_linked", params))
        values.append(contact.email if contact else "")
    return values


def _stage_xml_id_columns(context: RowContext, cols: dict[str, list[str]]) -> None:
    """``stage_xml_id`` for every deal when each target stage is one of the CRM's default
    stages (by name) or an XML ID typed in the map, ``stage_name`` blank; otherwise every
    deal by name. Never both on one row: Odoo refuses a row that fills ``stage_id`` and
    ``stage_id/id`` as ambiguous (``ir_fields._referencing_subfield``)."""
    known = dict(context.profile.stage_xml_ids)
    names = cols["stage"]
    ids = [known.get(fold(n)) or (n if XML_ID.fullmatch(n) else "") for n in names]
    blank = [""] * len(names)
    if all(ids):
        cols["stage_xml_id"], cols["stage_name"] = ids, blank
    else:
        cols["stage_xml_id"], cols["stage_name"] = blank, names


def _closed_time(context: RowContext, deal: Deal, status: Status) -> str:
    """The day a deal was won (or lost): its close date; "" for another status, and for
    a closed deal without a date (reported: the CRM would date it the day of import)."""
    if deal.status is not status:
        return ""
    if deal.expected_close:
        return context.date_of(deal.expected_close)
    params = {"crm": context.profile.label, "status": status.value}
    column = context.column["expected_close"]
    context.findings.append((deal.row, column, None, "close_time_missing", params))
    return ""


def _probability(context: RowContext, lookup: MapLookup, deal: Deal) -> str:
    """The percentage a CRM that turns a blank into 0 gets: 100 won, 0 lost, else the
    deal's own, else its stage's; 0 for a stage the stage table does not know (reported)."""
    if deal.status is WON:
        return "100"
    if deal.status is LOST:
        return "0"
    probability = deal.probability
    if probability is None and deal.stage:
        stage = lookup.stages.get(deal.stage)
        probability = stage.probability if stage else None
    if probability is None:
        label = lookup.stage_key(deal)
        column = context.column["stage"]
        params = {"stage": label, "crm": context.profile.label}
        context.findings.append((deal.row, column, label, "probability_defaulted", params))
        return "0"
    return str(round(probability * 100))


def _notes_columns(
    context: RowContext, deals: list[Deal], fields: set[str], cols: dict[str, list[str]]
) -> None:
    """Notes, lost reason, and the description that holds both (CRMs without a
    lost-reason field)."""
    text, column = context.text, context.column
    notes = [text(d.notes, d.row, column["notes"]) if d.notes else "" for d in deals]
    reasons = [
        text(d.lost_reason, d.row, column["lost_reason"]) if d.lost_reason else "" for d in deals
    ]
    cols["notes"], cols["lost_reason"] = notes, reasons
    if "description" in fields:
        label = "Lost reason" if context.lang == "en" else "Raison de perte"
        cols["description"] = [
            "\n".join(x for x in (n, f"{label} : {r}") if x) if r else n
            for n, r in zip(notes, reasons, strict=True)
        ]


def _default_close(context: RowContext, deal: Deal) -> str:
    """The export date for a CRM that requires a close date (reported), else ""."""
    profile = context.profile
    if not profile.close_date_required:
        return ""
    params = {"crm": profile.label, "date": context.as_of.isoformat()}
    context.findings.append(
        (deal.row, context.column["expected_close"], None, "close_date_defaulted", params)
    )
    return context.date_of(context.as_of)
