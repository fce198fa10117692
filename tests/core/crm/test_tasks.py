"""Follow-up tasks: one per open deal with a follow-up date, titled and dated for the CRM."""

from __future__ import annotations

from datetime import date

from salespipe.core.crm.deal_rows import PendingDeal
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.map_lookup import MapLookup
from salespipe.core.crm.maps import OwnerEntry
from salespipe.core.crm.profiles import HUBSPOT, PIPEDRIVE, ZOHO, CrmProfile
from salespipe.core.crm.records import CompanyRow, ContactRow, Table
from salespipe.core.crm.tasks import followup_tasks
from salespipe.core.model import StageTable, Status
from tests.core.factories import make_deal

STAGES = StageTable.default()
NOV_25, DEC_1 = date(2026, 11, 25), date(2026, 12, 1)
PENDING = [
    PendingDeal(
        make_deal(2, stage="Négociation", owner="Marie", next_followup=NOV_25, touches=2),
        "sp_d_023a8c51743a", "=Site web",
        CompanyRow("sp_c_1", "ACME"), ContactRow("sp_p_1", "Marie", "Dupont", "Marie Dupont"),
    ),
    PendingDeal(make_deal(3, stage="Rendez-vous", next_followup=DEC_1), "sp_d_5e753ebf361f",
                "Affaire 3", None, None),
    PendingDeal(make_deal(4, stage="Gagné", status=Status.WON, next_followup=NOV_25),
                "sp_d_3", "Affaire 4", None, None),  # won: nothing to follow up
    PendingDeal(make_deal(5, stage="Rendez-vous"), "sp_d_4", "Affaire 5", None, None),  # no date
]  # fmt: skip


def tasks(
    profile: CrmProfile, lang: str = "fr", next_step: bool = False
) -> tuple[Table, dict[int, str], RowContext]:
    context = RowContext.create(profile, lang, date(2026, 11, 23))
    lookup = MapLookup(context, STAGES, [], [OwnerEntry("Marie", "marie@acme.fr", "Marie")], {})
    table, steps = followup_tasks(context, lookup, STAGES, PENDING, 5, next_step)
    return table, steps, context


def test_hubspot_tasks_in_french() -> None:
    table, steps, context = tasks(HUBSPOT)
    assert table.records() == [
        {
            "task_id": "sp_t_023a8c51743a",  # the deal's hash under the task prefix
            "deal_id": "sp_d_023a8c51743a",
            "contact_id": "sp_p_1",
            "subject": "Relance n°3 : '=Site web",
            "due_date": "2026-11-25",
            "owner": "marie@acme.fr",
            "owner_email": "marie@acme.fr",
            "deal_name": "'=Site web",
            "company_name": "ACME",
            "contact_full_name": "Marie Dupont",
            "task_type": "CALL",
            "task_status": "NOT_STARTED",
        },
        {
            "task_id": "sp_t_5e753ebf361f",
            "deal_id": "sp_d_5e753ebf361f",
            "contact_id": "",
            "subject": "Relance n°1 : Affaire 3",
            "due_date": "2026-12-01",
            "owner": "",
            "owner_email": "",
            "deal_name": "Affaire 3",
            "company_name": "",
            "contact_full_name": "",
            "task_type": "CALL",
            "task_status": "NOT_STARTED",
        },
    ]
    assert steps == {2: "Relance n°3 le 25/11/2026", 3: "Relance n°1 le 01/12/2026"}
    assert context.findings == []  # the deal row reports the escaped name, not its task


def test_english_subjects_and_the_owner_by_name() -> None:
    table, steps, _ = tasks(PIPEDRIVE, "en")
    assert table.column("subject") == ["Follow-up #3: '=Site web", "Follow-up #1: Affaire 3"]
    assert table.column("owner") == ["Marie", ""]
    assert table.column("done") == ["0", "0"]
    assert steps == {2: "Follow-up #3 on 2026-11-25", 3: "Follow-up #1 on 2026-12-01"}


def test_a_crm_without_task_file_gets_next_step_texts_only_when_its_deals_take_them() -> None:
    table, steps, _ = tasks(ZOHO, "fr", next_step=False)
    assert (len(table), steps) == (0, {})
    table, steps, _ = tasks(ZOHO, "fr", next_step=True)
    assert steps == {2: "Relance n°3 le 25/11/2026", 3: "Relance n°1 le 01/12/2026"}
    assert len(table) == 0  # no task file: the follow-ups are the texts, no task table
