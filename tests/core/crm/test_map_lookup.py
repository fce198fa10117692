"""Where a deal goes in the CRM: its stage-map row, its pipeline and stage, its owner."""

from __future__ import annotations

from datetime import date

import pytest

from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.map_lookup import NO_OWNER, MapLookup
from salespipe.core.crm.maps import BLANK_STAGE, OwnerEntry, StageMapEntry, suggested_stage_map
from salespipe.core.crm.profiles import HUBSPOT, ODOO, PIPEDRIVE, CrmProfile
from salespipe.core.model import Deal, StageTable, Status
from tests.core.factories import make_deal

STAGES = StageTable.default()
MARIE = OwnerEntry("Marie", "marie@acme.fr", "Marie Dupont")


def lookup(profile: CrmProfile, stage_map: list[StageMapEntry] | None = None) -> MapLookup:
    """The map a first run proposes (with « En pause » unknown on row 9), Marie's e-mail."""
    context = RowContext.create(profile, "fr", date(2026, 11, 23))
    if stage_map is None:
        stage_map = suggested_stage_map(STAGES, ["En pause"], profile)
    return MapLookup(context, STAGES, stage_map, [MARIE], {9: "En pause"})


DEALS = [
    make_deal(2, stage="Négociation", status=Status.WON),
    make_deal(3, stage="Négociation", status=Status.LOST),
    make_deal(4, stage="Rendez-vous"),
    make_deal(9),  # its stage « En pause » is not in the stage table
    make_deal(10),
    make_deal(11, status=Status.WON),
]


@pytest.mark.parametrize(
    ("profile", "keys"),
    [
        # Outcome stages: won and lost deals go to the won and lost stages.
        (HUBSPOT, ["Gagné", "Perdu", "Rendez-vous", "En pause", BLANK_STAGE, "Gagné"]),
        # Pipedrive keeps the stage reached (the status says won or lost).
        (
            PIPEDRIVE,
            ["Négociation", "Négociation", "Rendez-vous", "En pause", BLANK_STAGE, "Gagné"],
        ),
        # Odoo: won to the won stage, lost keeps where it was lost.
        (ODOO, ["Gagné", "Négociation", "Rendez-vous", "En pause", BLANK_STAGE, "Gagné"]),
    ],
)
def test_the_stage_map_row_of_each_deal_per_crm(profile: CrmProfile, keys: list[str]) -> None:
    assert [lookup(profile).stage_key(d) for d in DEALS] == keys


def test_pipeline_and_stage_come_from_the_map_and_unmapped_stages_are_counted() -> None:
    found = lookup(HUBSPOT)
    extra = make_deal(12, stage=None)
    assert [found.stage(d) for d in [*DEALS, make_deal(9, deal_id="D9b"), extra]] == [
        ("default", "closedwon"),
        ("default", "closedlost"),
        ("default", "presentationscheduled"),
        ("", ""),
        ("default", "appointmentscheduled"),
        ("default", "closedwon"),
        ("", ""),
        ("default", "appointmentscheduled"),
    ]
    assert found.unmapped_stages == {"En pause": 2}


def test_a_stage_missing_from_the_map_blocks_like_a_blank_target() -> None:
    found = lookup(HUBSPOT, [StageMapEntry("Rendez-vous", "Ventes", " qualifiedtobuy ")])
    deals: list[Deal] = [make_deal(2, stage="Rendez-vous"), make_deal(3, stage="Suspect")]
    assert [found.stage(d) for d in deals] == [("Ventes", "qualifiedtobuy"), ("", "")]
    assert found.unmapped_stages == {"Suspect": 1}


def test_owner_by_email_or_by_name_as_the_crm_matches_users() -> None:
    by_email, by_name = lookup(HUBSPOT), lookup(PIPEDRIVE)
    assert by_email.owner("marie", 2) == ("marie@acme.fr", "marie@acme.fr", "Marie Dupont")
    assert by_name.owner("marie", 2) == ("Marie Dupont", "marie@acme.fr", "Marie Dupont")
    # Not in the owner map: no e-mail, the name as typed.
    assert by_email.owner("Paul", 3) == ("", "", "Paul")
    assert by_name.owner("Paul", 3) == ("Paul", "", "Paul")
    assert by_email.owner(None, 4) == by_email.owner("", 4) == NO_OWNER == ("", "", "")


def test_an_owner_name_is_escaped_and_reported_once_per_export() -> None:
    found = lookup(PIPEDRIVE)
    assert found.owner("=Bob", 4) == ("'=Bob", "", "'=Bob")
    assert found.owner("=Bob", 5) == ("'=Bob", "", "'=Bob")
    assert found.context.findings == [(4, "Commercial", "=Bob", "formula_escaped", {"char": "="})]
