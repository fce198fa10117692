"""The deal table: each field formatted for the CRM, only the fields its files use."""

from __future__ import annotations

from datetime import date

from salespipe.core.crm.deal_rows import PendingDeal, deal_columns, deal_key
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.map_lookup import MapLookup
from salespipe.core.crm.maps import OwnerEntry, suggested_stage_map
from salespipe.core.crm.profiles import HUBSPOT, SALESFORCE, ZOHO, CrmProfile
from salespipe.core.crm.records import CompanyRow, ContactRow
from salespipe.core.model import StageTable, Status
from tests.core.factories import make_deal

STAGES = StageTable.default()
ACME = CompanyRow("sp_c_1", "ACME", company_domain="acme.fr")
MARIE = ContactRow(
    "sp_p_1", "Marie", "Dupont", "Marie Dupont", "marie@acme.fr", "", "sp_c_1", "ACME"
)
PENDING = [
    PendingDeal(
        make_deal(2, stage="Négociation", amount=12500.5, probability=0.3, owner="Marie",
                  source="Salon", notes="Rappeler", close=date(2026, 12, 15)),
        "sp_d_1", "Affaire 2", ACME, MARIE,
    ),
    PendingDeal(
        make_deal(3, stage="Perdu", status=Status.LOST, lost_reason="Prix", notes="=trop cher"),
        "sp_d_2", "Affaire 3", None, None,
    ),
]  # fmt: skip


def columns(profile: CrmProfile) -> tuple[dict[str, list[str]], RowContext]:
    context = RowContext.create(profile, "fr", date(2026, 11, 23))
    owners = [OwnerEntry("Marie", "marie@acme.fr", "Marie")]
    lookup = MapLookup(context, STAGES, suggested_stage_map(STAGES, [], profile), owners, {})
    fields = {
        c.field for f in profile.files for c in f.columns if f.entity in ("deals", "contact_roles")
    }
    steps = {2: "Relance n°1 le 25/11/2026"}
    return deal_columns(context, lookup, PENDING, fields, steps), context


def test_hubspot_deals_have_iso_dates_dot_decimals_and_their_ids() -> None:
    cols, context = columns(HUBSPOT)
    assert cols == {
        "deal_id": ["sp_d_1", "sp_d_2"],
        "deal_name": ["Affaire 2", "Affaire 3"],
        "pipeline": ["default", "default"],
        "stage": ["contractsent", "closedlost"],
        "owner": ["marie@acme.fr", ""],
        "company_id": ["sp_c_1", ""],
        "contact_id": ["sp_p_1", ""],
        "company_domain": ["acme.fr", ""],
        "contact_email": ["marie@acme.fr", ""],
        "row": ["2", "3"],
        "amount": ["12500.50", ""],
        "close_date": ["2026-12-15", ""],
        "notes": ["Rappeler", "'=trop cher"],
        "lost_reason": ["", "Prix"],
    }
    assert context.findings == [(3, "Notes", "=trop cher", "formula_escaped", {"char": "="})]


def test_a_required_close_date_is_the_export_date_and_reported() -> None:
    cols, context = columns(ZOHO)
    assert cols["close_date"] == ["12/15/2026", "11/23/2026"]  # Zoho reads month first
    assert context.findings[0] == (
        3,
        "Date de clôture prévue",
        None,
        "close_date_defaulted",
        {"crm": "Zoho CRM", "date": "2026-11-23"},
    )


def test_without_a_lost_reason_field_the_description_holds_notes_and_reason() -> None:
    cols, _ = columns(SALESFORCE)
    assert cols["description"] == ["Rappeler", "'=trop cher\nRaison de perte : Prix"]
    assert cols["probability"] == ["30", ""]
    assert cols["next_step"] == ["Relance n°1 le 25/11/2026", ""]
    assert cols["source"] == ["Salon", ""]
    assert "company_domain" not in cols  # no Salesforce file names it


def test_the_deal_key_is_the_sheet_id_else_company_name_and_creation_date() -> None:
    assert deal_key(make_deal(2, deal_id="AB-1")) == "id:ab-1"
    no_id = make_deal(
        2, deal_id=None, company="ACME SAS", name="Site Web", created=date(2026, 9, 1)
    )
    assert deal_key(no_id) == "row:acme sas|site web|2026-09-01"
    assert deal_key(make_deal(3, deal_id=None, name=None)) == "row:||"
