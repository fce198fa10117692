"""RowBuilder: the deals of a sheet in, companies, contacts, deals and tasks of one CRM out."""

from __future__ import annotations

from datetime import date

from salespipe.core.crm.maps import OwnerEntry, suggested_stage_map
from salespipe.core.crm.profiles import HUBSPOT, PIPEDRIVE, SALESFORCE, CrmProfile
from salespipe.core.crm.row_builder import RowBuilder
from salespipe.core.model import StageTable
from tests.core.factories import make_deal

STAGES = StageTable.default()
SEPT_1 = date(2026, 9, 1)
DEALS = [
    make_deal(2, name=None, company="ACME", contact="Marie Dupont", email="marie@acme.fr",
              owner="Marie", stage="Rendez-vous", next_followup=date(2026, 11, 25)),
    make_deal(3, deal_id=None, name=None, company=None),  # nothing to call it by
    make_deal(4, company=None, contact=None),  # no company, no contact
    make_deal(5, deal_id=None, name="Audit", company="Beta", created=SEPT_1),
    make_deal(6, deal_id=None, name="Audit", company="Beta", created=SEPT_1, owner="Paul"),
    make_deal(7, company="ACME SAS", contact="Marie Dupont", email="MARIE@acme.fr"),  # « En pause »
]  # fmt: skip


def built(profile: CrmProfile) -> tuple[RowBuilder, list[tuple[str, dict[str, str]] | None]]:
    builder = RowBuilder(
        profile,
        STAGES,
        "Pipeline",
        "fr",
        date(2026, 11, 23),
        suggested_stage_map(STAGES, ["En pause"], profile),
        [OwnerEntry("Marie", "marie@acme.fr", "Marie")],
        {7: "En pause"},
        {},
    )
    rejected = [builder.add_deal(deal, None) for deal in DEALS]
    builder.finish(5)
    return builder, rejected


def test_deals_that_cannot_be_exported_are_rejected_with_the_reason() -> None:
    _, rejected = built(HUBSPOT)
    assert rejected == [None, ("deal_without_name", {"crm": "HubSpot"}), None, None, None, None]
    _, rejected = built(PIPEDRIVE)  # a Pipedrive deal needs an organisation or a person
    assert rejected[1:3] == [
        ("deal_without_name", {"crm": "Pipedrive"}),
        ("deal_without_company_or_contact", {"crm": "Pipedrive"}),
    ]


def test_companies_and_contacts_of_several_deals_are_merged() -> None:
    builder, _ = built(HUBSPOT)
    assert [c.company_name for c in builder.companies] == ["ACME", "Beta"]
    assert [(c.full_name, c.email) for c in builder.contacts] == [("Marie Dupont", "marie@acme.fr")]
    acme, beta = (c.company_id for c in builder.companies)
    marie = builder.contacts[0].contact_id
    assert builder.deals.column("company_id") == [acme, "", beta, beta, acme]
    assert builder.deals.column("contact_id") == [marie, "", "", "", marie]
    assert builder.companies[0].company_domain == "acme.fr"  # from Marie's e-mail


def test_deal_rows_and_the_findings_on_them() -> None:
    builder, _ = built(HUBSPOT)
    deals = builder.deals
    assert deals.column("row") == ["2", "4", "5", "6", "7"]
    assert deals.column("deal_name") == ["ACME", "Affaire 4", "Audit", "Audit", "Affaire 7"]
    assert deals.column("stage") == [
        "presentationscheduled",
        "appointmentscheduled",
        "appointmentscheduled",
        "appointmentscheduled",
        "",
    ]
    assert deals.column("owner") == ["marie@acme.fr", "", "", "", ""]
    assert builder.findings == [
        (2, "Affaire", None, "deal_name_defaulted", {"name": "ACME"}),
        (5, "Affaire", "Audit", "deal_key_repeated", {}),
        (6, "Affaire", "Audit", "deal_key_repeated", {}),
    ]


def test_what_blocks_the_export_is_counted() -> None:
    builder, _ = built(HUBSPOT)
    assert builder.unmapped_stages == {"En pause": 1}
    assert builder.owner_deals == {"Marie": 1, "Paul": 1}
    deal_5, deal_6 = builder.deals.column("deal_id")[2:4]
    assert builder.repeated_deal_ids == {deal_5, deal_6}  # same company, name and date


def test_tasks_follow_the_deals_with_a_follow_up_date() -> None:
    builder, _ = built(HUBSPOT)
    deal_id = builder.deals.column("deal_id")[0]
    assert builder.tasks.column("task_id") == [deal_id.replace("sp_d_", "sp_t_")]
    assert builder.tasks.column("subject") == ["Relance n°1 : ACME"]
    assert builder.tasks.column("contact_id") == [builder.contacts[0].contact_id]


def test_salesforce_gets_next_steps_close_dates_and_primary_contact_roles() -> None:
    builder, _ = built(SALESFORCE)
    deals = builder.deals
    assert deals.column("next_step") == ["Relance n°1 le 25/11/2026", "", "", "", ""]
    assert deals.column("close_date") == ["2026-11-23"] * 5
    assert deals.column("is_primary") == ["true"] * 5
    roles = deals.where("contact_id")
    assert roles.column("row") == ["2", "7"]
    defaulted = [f[0] for f in builder.findings if f[3] == "close_date_defaulted"]
    assert defaulted == [2, 4, 5, 6, 7]
