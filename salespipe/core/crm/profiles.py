"""What each CRM's import wizard takes: files, exact headers, formats, caps. Data only.

One :class:`CrmProfile` per CRM, built from each CRM's import documentation (the pages
listed in docs/sources.md; markers [V] the vendor's own page or source, [V3] a
third-party page only, [I] inferred); where a fact is [V3] or [I] the safest format
is chosen and docs/crm_export.md says why. Each file
is one :class:`FileSpec`: which records it holds and its :class:`Column` list, each
column naming the canonical field it takes (an attribute of the row records of
:mod:`salespipe.core.crm.plan`) and its kind:

- ``text``: free text a person typed; tidied and, when it starts with a formula
  character, prefixed with ``'`` (OWASP) and reported;
- typed kinds, validated by format so that they never start with a formula
  character, except ``phone``: ``id`` (``sp_d_…``), ``email``, ``domain``, ``digits``,
  ``amount`` (``12500.50``), ``number`` (0-100), ``date`` (the profile's format),
  ``code`` (one of ``values``), ``crm_id`` (the CRM's own record ID, digits, read
  from the CRM's export) and ``phone`` (E.164, ``+33…``: the only typed value that
  starts with a trigger, harmless because it is ``+`` and digits only).

A CRM that updates records only through its own record ID (Pipedrive) lists
:class:`SystemIdColumn` entries: columns appended to its files when the user gives
the IDs read back from the CRM (:meth:`CrmProfile.with_system_ids`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Literal

Kind = Literal[
    "text", "id", "email", "domain", "digits", "phone", "amount", "number", "date", "code", "crm_id"
]
Entity = Literal["companies", "contacts", "deals", "tasks", "contact_roles"]
DateStyle = Literal["iso", "us"]

STATUSES = ("open", "won", "lost")


@dataclass(frozen=True)
class Column:
    """One column of an import file: its exact header, the field it holds, its kind."""

    header: str
    field: str
    kind: Kind = "text"
    required: bool = False
    values: tuple[str, ...] = ()  # the allowed values of a ``code`` column


@dataclass(frozen=True)
class FileSpec:
    """One import file: its name (without ``.csv``), the records it holds, its columns."""

    stem: str
    entity: Entity
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)


@dataclass(frozen=True)
class SystemIdColumn:
    """A column of the CRM's own record ID, appended to file ``stem`` when IDs are given.

    ``kind`` is the record whose ID it holds, as the letter of salespipe's IDs:
    ``d`` deal, ``p`` person, ``c`` company (organisation).
    """

    stem: str
    kind: str
    column: Column


@dataclass(frozen=True)
class StageSuggestion:
    """The stages of the CRM's out-of-the-box pipeline, proposed in a new stage map."""

    pipeline: str
    open_stages: tuple[str, ...]
    won: str
    lost: str


@dataclass(frozen=True)
class CustomField:
    """A field to create in the CRM before the first import (the import guide lists it):
    the record type as the CRM's settings name it, the field's exact name, its type and
    the flag that makes re-imports update (unique value, External ID), in the CRM's own
    words; ``flag`` is "" for a field without one."""

    record: str
    name: str
    kind: str
    flag: str = ""


@dataclass(frozen=True)
class CrmProfile:
    """Everything that differs from one CRM's import to another's.

    ``outcome_stages``: won and lost deals go to the CRM's won/lost stage
    (HubSpot, Salesforce, Zoho, and Odoo for won deals); otherwise they keep the
    stage they reached, with a status column (Pipedrive) or ``active`` = 0 (Odoo's
    lost deals). ``owner_by``: the owner column holds the user's e-mail or the
    user's name in the CRM. ``max_rows`` counts data rows, header excluded.
    ``replacements``: characters the importer refuses in data, with what is
    written instead. ``needs_company_or_contact``: deals without both are rejected.
    ``close_date_required``: a missing close date is filled with the export date.
    ``system_ids``: the CRM updates only through its own record IDs; the columns that
    carry them once read back from the CRM's export.
    ``probability_always``: every deal gets a probability (its own, else its stage's; 100
    won, 0 lost), as the CRM turns a blank into 0 (Odoo).
    ``stage_xml_ids``: the CRM's stable IDs of its default stages, by folded stage name
    (English and French); with it, deals go by ``stage_xml_id`` when every target stage
    has one, else all by name (Odoo).
    ``drop_empty_columns``: a column blank on every row is left out of its file, as the
    importer would blank that field of every record it updates (Odoo).
    ``followups_by_crm_id``: the task file holds only follow-ups whose deal has the CRM's
    own ID; the others go on their deal's row, as the CRM has no duplicate key for deals
    and a task row naming its deal otherwise would create one (Pipedrive).
    ``stage_values``: the stages of the CRM's out-of-the-box pipeline as (the value
    written, its label in the CRM's UI, "" when the same): listed in ``stage_map.csv``,
    and a target stage that is none of them (value or label) is warned about.
    ``pipeline_values``: the CRM's out-of-the-box pipeline the same way, where its value
    is not its label (HubSpot's ``default``, « Sales Pipeline »): listed in
    ``stage_map.csv``, and a target pipeline that is neither is warned about.
    ``custom_fields``: the fields to create before the first import (import guide).
    ``insert_only``: the files (stems) the importer only creates records from, with no key
    to update by: an import of them twice creates their records twice, so they get no
    test file (import guide).
    """

    name: str
    label: str
    files: tuple[FileSpec, ...]
    suggestion: StageSuggestion
    encoding: str = "utf-8"
    delimiter: str = ","
    lineterminator: str = "\n"
    date_style: DateStyle = "iso"
    max_rows: int | None = None
    max_bytes: int | None = None
    outcome_stages: bool = True
    lost_keeps_stage: bool = False
    owner_by: Literal["email", "name"] = "email"
    needs_company_or_contact: bool = False
    close_date_required: bool = False
    last_name_required: bool = False
    replacements: tuple[tuple[str, str], ...] = ()
    system_ids: tuple[SystemIdColumn, ...] = ()
    probability_always: bool = False
    stage_xml_ids: tuple[tuple[str, str], ...] = ()
    drop_empty_columns: bool = False
    followups_by_crm_id: bool = False
    stage_values: tuple[tuple[str, str], ...] = ()
    pipeline_values: tuple[tuple[str, str], ...] = ()
    custom_fields: tuple[CustomField, ...] = ()
    insert_only: tuple[str, ...] = ()

    def file(self, entity: Entity) -> FileSpec | None:
        return next((f for f in self.files if f.entity == entity), None)

    def with_system_ids(self, kinds: Collection[str]) -> CrmProfile:
        """This profile with the system-ID columns of ``kinds`` appended (last, so
        that every other column keeps its place)."""
        extra: dict[str, list[Column]] = {}
        for item in self.system_ids:
            if item.kind in kinds:
                extra.setdefault(item.stem, []).append(item.column)
        files = tuple(
            replace(f, columns=f.columns + tuple(extra.get(f.stem, ()))) for f in self.files
        )
        return replace(self, files=files)

    def without_columns(self, dropped: Mapping[str, Collection[str]]) -> CrmProfile:
        """This profile without the columns ``dropped`` names, by file stem and header."""
        files = tuple(
            replace(f, columns=tuple(c for c in f.columns if c.header not in dropped[f.stem]))
            if f.stem in dropped
            else f
            for f in self.files
        )
        return replace(self, files=files)


def _c(
    header: str,
    field: str,
    kind: Kind = "text",
    required: bool = False,
    values: tuple[str, ...] = (),
) -> Column:
    return Column(header, field, kind, required, values)


# --- HubSpot: labels, one object per file, deals file associating its contact and company

_HS_COMPANY_ID = _c("Company salespipe ID", "company_id", "id")
_HS_CONTACT_ID = _c("Contact salespipe ID", "contact_id", "id")

HUBSPOT = CrmProfile(
    name="hubspot",
    label="HubSpot",
    files=(
        FileSpec("hubspot_companies", "companies", (
            _c("Company salespipe ID", "company_id", "id", True),
            _c("Company name", "company_name", required=True),
            _c("Company domain name", "company_domain", "domain"),
            _c("Phone number", "company_phone", "phone"),
            _c("SIREN", "siren", "digits"),
        )),
        FileSpec("hubspot_contacts", "contacts", (
            _c("Contact salespipe ID", "contact_id", "id", True),
            _c("First name", "first_name"),
            _c("Last name", "last_name"),
            _c("Email", "email", "email"),
            _c("Phone number", "phone", "phone"),
            _c("Company name", "company_name"),
            _HS_COMPANY_ID,
        )),
        FileSpec("hubspot_deals", "deals", (
            _c("Deal salespipe ID", "deal_id", "id", True),
            _c("Deal name", "deal_name", required=True),
            _c("Pipeline", "pipeline", required=True),
            _c("Deal stage", "stage", required=True),
            _c("Amount", "amount", "amount"),
            _c("Close date", "close_date", "date"),
            _c("Deal owner", "owner", "email"),
            _c("Closed lost reason", "lost_reason"),
            _c("Deal description", "notes"),
            _HS_CONTACT_ID,
            _c("Email", "contact_email", "email"),
            _HS_COMPANY_ID,
            _c("Company domain name", "company_domain", "domain"),
        )),
        FileSpec("hubspot_tasks", "tasks", (
            _c("Task title", "subject", required=True),
            _c("Due date", "due_date", "date", True),
            _c("Task type", "task_type", "code", values=("CALL",)),
            _c("Task status", "task_status", "code", values=("NOT_STARTED",)),
            _c("Assigned to", "owner", "email"),
            _c("Deal salespipe ID", "deal_id", "id", True),
        )),
    ),
    suggestion=StageSuggestion(
        "default",
        ("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
         "decisionmakerboughtin", "contractsent"),
        "closedwon",
        "closedlost",
    ),
    max_rows=1_048_575,  # [V] 1,048,576 rows per file, header included
    max_bytes=20_000_000,  # [V] 20 MB on free tools (512 MB on paid plans): the safest
    # Written: the internal IDs. [V] developers.hubspot.com pipelines: every account has
    # a default pipeline whose ID is "default"; the stage IDs as the API returns them.
    # [I] whether the import wizard takes the IDs, the labels or both (its docs do not
    # say); [V] it checks the first 1,000 rows for invalid enumeration options before
    # anything is imported, so a refusal shows at the mapping step: then type the labels
    # below in stage_map.csv. [V3] the seven stage labels (Appointment scheduled … Closed
    # lost); [V] the pipeline's label in HubSpot's own CLI skill example,
    # `{"id":"default","label":"Sales Pipeline"}`. See docs/crm_export.md.
    stage_values=(
        ("appointmentscheduled", "Appointment scheduled"),
        ("qualifiedtobuy", "Qualified to buy"),
        ("presentationscheduled", "Presentation scheduled"),
        ("decisionmakerboughtin", "Decision maker bought-in"),
        ("contractsent", "Contract sent"),
        ("closedwon", "Closed won"),
        ("closedlost", "Closed lost"),
    ),
    pipeline_values=(("default", "Sales Pipeline"),),
    custom_fields=(
        CustomField("Companies", "Company salespipe ID", "Single-line text",
                    "Require unique values for this property"),
        CustomField("Contacts", "Contact salespipe ID", "Single-line text",
                    "Require unique values for this property"),
        CustomField("Deals", "Deal salespipe ID", "Single-line text",
                    "Require unique values for this property"),
        CustomField("Companies", "SIREN", "Single-line text"),
    ),
    # [V] a task import only creates tasks (no unique property to update by)
    insert_only=("hubspot_tasks",),
)  # fmt: skip


# --- Pipedrive: "Item - Field" headers, person and organisation linked in the deal row

PIPEDRIVE = CrmProfile(
    name="pipedrive",
    label="Pipedrive",
    files=(
        FileSpec("pipedrive_organizations", "companies", (
            _c("Organization - Name", "company_name", required=True),
            _c("Organization - salespipe ID", "company_id", "id", True),
            _c("Organization - SIREN", "siren", "digits"),
        )),
        FileSpec("pipedrive_people", "contacts", (
            _c("Person - Name", "full_name", required=True),
            _c("Person - First name", "first_name"),
            _c("Person - Last name", "last_name"),
            _c("Person - Email", "email", "email"),
            _c("Person - Phone", "phone", "phone"),
            _c("Organization - Name", "company_name"),
            _c("Person - salespipe ID", "contact_id", "id", True),
        )),
        FileSpec("pipedrive_deals", "deals", (
            _c("Deal - Title", "deal_name", required=True),
            _c("Deal - Value", "amount", "amount"),
            _c("Deal - Currency", "currency", "code", values=("EUR",)),
            _c("Deal - Pipeline", "pipeline", required=True),
            _c("Deal - Stage", "stage", required=True),
            _c("Deal - Status", "status", "code", True, STATUSES),
            _c("Deal - Expected close date", "close_date", "date"),
            _c("Deal - Owner", "owner"),
            _c("Deal - Lost reason", "lost_reason"),
            _c("Deal - Won time", "won_time", "date"),
            _c("Deal - Lost time", "lost_time", "date"),
            _c("Deal - salespipe ID", "deal_id", "id", True),
            _c("Organization - Name", "company_name"),
            _c("Person - Name", "contact_full_name"),
            _c("Person - Email", "contact_email", "email"),
            _c("Person - Phone", "contact_phone", "phone"),
            _c("Note - Content", "notes"),
            # the next follow-up of a deal Pipedrive does not know yet, created with it
            _c("Activity - Subject", "next_subject"),
            _c("Activity - Type", "next_type", "code", values=("call",)),
            _c("Activity - Due date", "next_due", "date"),
            _c("Activity - Assigned to user", "next_owner"),
            _c("Activity - Done", "next_done", "code", values=("0",)),
        )),
        # only follow-ups whose deal has a Pipedrive ID: nothing here names a deal
        # otherwise (a deal title would create a deal on every row)
        FileSpec("pipedrive_activities", "tasks", (
            _c("Activity - Subject", "subject", required=True),
            _c("Activity - Type", "task_type", "code", values=("call",)),
            _c("Activity - Due date", "due_date", "date", True),
            _c("Activity - Assigned to user", "owner"),
            _c("Activity - Done", "done", "code", values=("0",)),
        )),
    ),
    suggestion=StageSuggestion(
        "Pipeline",
        ("Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"),
        "Negotiations Started",
        "Qualified",
    ),
    max_rows=49_999,  # [V3] 50,000 rows per file; header counted to be safe
    max_bytes=50_000_000,  # [V3] 50 MB
    outcome_stages=False,
    owner_by="name",
    needs_company_or_contact=True,
    followups_by_crm_id=True,
    stage_values=tuple((s, "") for s in ("Qualified", "Contact Made", "Demo Scheduled",
                                         "Proposal Made", "Negotiations Started")),
    custom_fields=(
        CustomField("Organization", "salespipe ID", "Text"),
        CustomField("Person", "salespipe ID", "Text"),
        CustomField("Deal", "salespipe ID", "Text"),
        CustomField("Organization", "SIREN", "Text"),
    ),
    # an activity row has no key to update it by: each import creates it again
    insert_only=("pipedrive_activities",),
    # [V] updates go through the record's own ID; [V3] the mapping field is named
    # "Pipedrive System ID - Person" (similar fields for other items); [I] the same
    # header auto-matches, and a deal ID in an activity row links it to that deal.
    system_ids=(
        SystemIdColumn("pipedrive_organizations", "c",
                       _c("Pipedrive System ID - Organization", "crm_id", "crm_id")),
        SystemIdColumn("pipedrive_people", "p",
                       _c("Pipedrive System ID - Person", "crm_id", "crm_id")),
        SystemIdColumn("pipedrive_deals", "d",
                       _c("Pipedrive System ID - Deal", "crm_id", "crm_id")),
        SystemIdColumn("pipedrive_activities", "d",
                       _c("Pipedrive System ID - Deal", "deal_crm_id", "crm_id")),
    ),
)  # fmt: skip


# --- Salesforce: API names for Data Loader / Bulk API, one object per file ---------------

_SF_ID = "Salespipe_Id__c"

SALESFORCE = CrmProfile(
    name="salesforce",
    label="Salesforce",
    files=(
        FileSpec("salesforce_accounts", "companies", (
            _c(_SF_ID, "company_id", "id", True),
            _c("Name", "company_name", required=True),
            _c("Website", "company_domain", "domain"),
            _c("Phone", "company_phone", "phone"),
            _c("SIREN__c", "siren", "digits"),
        )),
        FileSpec("salesforce_contacts", "contacts", (
            _c(_SF_ID, "contact_id", "id", True),
            _c("FirstName", "first_name"),
            _c("LastName", "last_name", required=True),
            _c("Email", "email", "email"),
            _c("Phone", "phone", "phone"),
            _c(f"Account.{_SF_ID}", "company_id", "id"),
        )),
        FileSpec("salesforce_opportunities", "deals", (
            _c(_SF_ID, "deal_id", "id", True),
            _c("Name", "deal_name", required=True),
            _c("StageName", "stage", required=True),
            _c("CloseDate", "close_date", "date", True),
            _c("Amount", "amount", "amount"),
            _c("Probability", "probability", "number"),
            _c("Owner.Email", "owner", "email"),
            _c(f"Account.{_SF_ID}", "company_id", "id"),
            _c("LeadSource", "source"),
            _c("NextStep", "next_step"),
            _c("Description", "description"),
        )),
        FileSpec("salesforce_contact_roles", "contact_roles", (
            _c(f"Opportunity.{_SF_ID}", "deal_id", "id", True),
            _c(f"Contact.{_SF_ID}", "contact_id", "id", True),
            _c("IsPrimary", "is_primary", "code", True, ("true",)),
        )),
    ),
    suggestion=StageSuggestion(
        "",
        ("Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote",
         "Negotiation/Review"),
        "Closed Won",
        "Closed Lost",
    ),
    max_rows=50_000,  # [V3] the Import Wizard's 50,000 records, also fine for Data Loader
    max_bytes=100_000_000,  # [V] Bulk API 2.0 about 100 MB; [V3] Wizard 100 MB
    close_date_required=True,
    last_name_required=True,
    # [V3] the StageName picklist of a new org's Opportunity
    stage_values=tuple((s, "") for s in (
        "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
        "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
        "Negotiation/Review", "Closed Won", "Closed Lost")),
    custom_fields=(
        CustomField("Account", _SF_ID, "Text(20)", "External ID + Unique"),
        CustomField("Contact", _SF_ID, "Text(20)", "External ID + Unique"),
        CustomField("Opportunity", _SF_ID, "Text(20)", "External ID + Unique"),
        CustomField("Account", "SIREN__c", "Text(9)"),
    ),
    # contact roles have no External ID: loaded by insert (sf data import bulk)
    insert_only=("salesforce_contact_roles",),
)  # fmt: skip


# --- Odoo: technical field names, External ID column ``id`` for updates -----------------

ODOO = CrmProfile(
    name="odoo",
    label="Odoo CRM",
    files=(
        FileSpec("odoo_companies", "companies", (
            _c("id", "company_id", "id", True),
            _c("name", "company_name", required=True),
            _c("is_company", "is_company", "code", True, ("1",)),
            _c("website", "company_domain", "domain"),
            _c("phone", "company_phone", "phone"),
            _c("company_registry", "siren", "digits"),
        )),
        FileSpec("odoo_contacts", "contacts", (
            _c("id", "contact_id", "id", True),
            _c("name", "full_name", required=True),
            _c("email", "email", "email"),
            _c("phone", "phone", "phone"),
            _c("parent_id/id", "company_id", "id"),
        )),
        FileSpec("odoo_opportunities", "deals", (
            _c("id", "deal_id", "id", True),
            _c("name", "deal_name", required=True),
            _c("type", "lead_type", "code", True, ("opportunity",)),
            _c("partner_id/id", "partner_id", "id"),
            _c("email_from", "contact_email", "email"),
            _c("phone", "contact_phone", "phone"),
            _c("expected_revenue", "amount", "amount"),
            _c("probability", "probability", "number", True),
            _c("date_deadline", "close_date", "date"),
            # One of the two, never both in one file (docs/crm_export.md#odoo-crm)
            _c("stage_id/id", "stage_xml_id"),
            _c("stage_id", "stage_name"),
            _c("user_id", "owner"),
            _c("active", "active", "code", True, ("1", "0")),
            _c("lost_reason_id", "lost_reason"),
            _c("source_id", "source"),
            _c("description", "description"),
        )),
    ),
    suggestion=StageSuggestion("", ("Nouveau", "Qualifié", "Proposition"), "Gagné", "Nouveau"),
    max_rows=10_000,  # [V] large files time out, import in batches; [I] 10,000 rows
    outcome_stages=True,
    lost_keeps_stage=True,
    owner_by="name",
    probability_always=True,
    # [V] addons/crm/data/crm_stage_data.xml: New, Qualified, Proposition, Won;
    # [I] their French names as Odoo translates them
    stage_xml_ids=(
        ("new", "crm.stage_lead1"), ("nouveau", "crm.stage_lead1"),
        ("qualified", "crm.stage_lead2"), ("qualifie", "crm.stage_lead2"),
        ("proposition", "crm.stage_lead3"),
        ("won", "crm.stage_lead4"), ("gagne", "crm.stage_lead4"),
    ),
    drop_empty_columns=True,
    stage_values=(
        ("crm.stage_lead1", "Nouveau / New"),
        ("crm.stage_lead2", "Qualifié / Qualified"),
        ("crm.stage_lead3", "Proposition"),
        ("crm.stage_lead4", "Gagné / Won"),
    ),
)  # fmt: skip


# --- Zoho CRM: field labels, MM/dd/yyyy dates ------------------------------------------

ZOHO = CrmProfile(
    name="zoho",
    label="Zoho CRM",
    files=(
        FileSpec("zoho_accounts", "companies", (
            _c("salespipe ID", "company_id", "id", True),
            _c("Account Name", "company_name", required=True),
            _c("Website", "company_domain", "domain"),
            _c("Phone", "company_phone", "phone"),
            _c("SIREN", "siren", "digits"),
        )),
        FileSpec("zoho_contacts", "contacts", (
            _c("salespipe ID", "contact_id", "id", True),
            _c("First Name", "first_name"),
            _c("Last Name", "last_name", required=True),
            _c("Email", "email", "email"),
            _c("Phone", "phone", "phone"),
            _c("Account Name", "company_name"),
        )),
        FileSpec("zoho_deals", "deals", (
            _c("salespipe ID", "deal_id", "id", True),
            _c("Deal Name", "deal_name", required=True),
            _c("Account Name", "company_name"),
            # [V3] the deal import looks the contact up by its e-mail
            _c("Contact Name", "contact_lookup_email", "email"),
            _c("Pipeline", "pipeline", required=True),
            _c("Stage", "stage", required=True),
            _c("Amount", "amount", "amount"),
            _c("Closing Date", "close_date", "date", True),
            _c("Probability", "probability", "number"),
            _c("Deal Owner", "owner", "email"),
            _c("Lead Source", "source"),
            _c("Next Step", "next_step"),
            _c("Description", "description"),
        )),
    ),
    suggestion=StageSuggestion(
        "Standard",
        ("Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote",
         "Negotiation/Review"),
        "Closed Won",
        "Closed Lost",
    ),
    date_style="us",  # [V3] MM/dd/yyyy; other formats are ignored
    max_rows=1_000,  # [V] 1,000 records per batch on the Free edition: works on every edition
    max_bytes=5_000_000,  # [V3] older docs: 5 MB per file
    needs_company_or_contact=True,
    close_date_required=True,
    last_name_required=True,
    # [V3] older docs: '"' (except as delimiter), '|', '<' and '>' are refused in data.
    replacements=(('"', "”"), ("|", "/"), ("<", "‹"), (">", "›")),
    # [I] the Standard pipeline's stages of a new Zoho CRM account
    stage_values=tuple((s, "") for s in (
        "Qualification", "Needs Analysis", "Value Proposition", "Identify Decision Makers",
        "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
        "Closed Lost to Competition")),
    # [V] help.zoho.com: "Do not allow duplicate values" makes a field unique, and the
    # import's "Find duplicates using" lists the unique fields
    custom_fields=(
        CustomField("Accounts", "salespipe ID", "Single Line", "Do not allow duplicate values"),
        CustomField("Contacts", "salespipe ID", "Single Line", "Do not allow duplicate values"),
        CustomField("Deals", "salespipe ID", "Single Line", "Do not allow duplicate values"),
        CustomField("Accounts", "SIREN", "Single Line"),
    ),
)  # fmt: skip


# --- generic: salespipe's canonical schema, one record type per file ------------------

GENERIC = CrmProfile(
    name="generic",
    label="generic CSV",
    files=(
        FileSpec("companies", "companies", (
            _c("company_ext_id", "company_id", "id", True),
            _c("company_name", "company_name", required=True),
            _c("company_domain", "company_domain", "domain"),
            _c("siren", "siren", "digits"),
            _c("phone", "company_phone", "phone"),
        )),
        FileSpec("contacts", "contacts", (
            _c("contact_ext_id", "contact_id", "id", True),
            _c("first_name", "first_name"),
            _c("last_name", "last_name"),
            _c("full_name", "full_name"),
            _c("email", "email", "email"),
            _c("phone", "phone", "phone"),
            _c("company_ext_id", "company_id", "id"),
        )),
        FileSpec("deals", "deals", (
            _c("deal_ext_id", "deal_id", "id", True),
            _c("source_id", "sheet_id"),
            _c("source_row", "row", "number", True),
            _c("deal_name", "deal_name", required=True),
            _c("company_ext_id", "company_id", "id"),
            _c("primary_contact_ext_id", "contact_id", "id"),
            _c("pipeline", "pipeline"),
            _c("stage", "stage", required=True),
            _c("status", "status", "code", True, STATUSES),
            _c("amount", "amount", "amount"),
            _c("currency", "currency", "code", True, ("EUR",)),
            _c("probability_pct", "probability", "number"),
            _c("expected_close_date", "close_date", "date"),
            _c("created_date", "created_date", "date"),
            _c("owner_email", "owner_email", "email"),
            _c("owner_name", "owner_name"),
            _c("source", "source"),
            _c("segment", "segment"),
            _c("temperature", "temperature"),
            _c("last_contact_date", "last_contact", "date"),
            _c("touches", "touches"),
            _c("next_followup_date", "next_followup", "date"),
            _c("stage_entered_date", "stage_entered", "date"),
            _c("lost_reason", "lost_reason"),
            _c("notes", "notes"),
        )),
        FileSpec("activities", "tasks", (
            _c("activity_ext_id", "task_id", "id", True),
            _c("deal_ext_id", "deal_id", "id", True),
            _c("contact_ext_id", "contact_id", "id"),
            _c("type", "task_type", "code", True, ("call",)),
            _c("subject", "subject", required=True),
            _c("due_date", "due_date", "date", True),
            _c("done", "done", "code", True, ("0",)),
            _c("owner_email", "owner_email", "email"),
        )),
    ),
    suggestion=StageSuggestion("", (), "", ""),  # the sheet's own stage names
    outcome_stages=False,
)  # fmt: skip


PROFILES: dict[str, CrmProfile] = {
    p.name: p for p in (HUBSPOT, PIPEDRIVE, SALESFORCE, ODOO, ZOHO, GENERIC)
}
