"""Datasets typed as the template's drop-downs and formats allow, messy all the same.

Each one exercises what native formulas must get right: blanks and blank rows, unknown
stages, lost deals at each stage, won deals without a close date, stage/status
conflicts, probability overrides (0 %, 100 %, typed as 30), duplicate IDs, touches past
the maximum, typed follow-up dates (weekends included), public holidays, rotting deals,
a user-made stage table, and every way the action plan gives its weeks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tests.template.filling import Dataset

ALICE, BOB = "Alice Martin", "Bob Durand"


def deal(
    deal_id: str, stage: str | None, status: str | None = None, amount: Any = None, **fields: Any
) -> dict[str, Any]:
    """A Pipeline row: ID, name, company, stage, status, amount, then any other field."""
    return {
        "deal_id": deal_id,
        "name": f"Affaire {deal_id}",
        "company": f"Société {deal_id}",
        "stage": stage,
        "status": status,
        "amount": amount,
        **fields,
    }


def _outcomes() -> Dataset:
    """Blanks, outcomes, conflicts, overrides, duplicates; report date the Monday after 1 May."""
    c = {"owner": ALICE}
    deals: list[dict[str, Any] | None] = [
        deal("D01", "Suspect", "en cours", 10_000, expected_close=date(2026, 5, 20), **c,
             last_contact=date(2026, 4, 28), touches=1),
        deal("D02", "Prospect qualifié", None, 25_000.5, owner=BOB,
             expected_close=date(2026, 6, 30)),
        deal("D03", "Rendez-vous", "en cours", 40_000, probability=0,
             expected_close=date(2026, 4, 1), **c),
        deal("D04", "Proposition envoyée", "en cours", None, expected_close=date(2026, 5, 10), **c),
        deal("D05", "Négociation", "en cours", 80_000, probability=0.95, owner=BOB,
             expected_close=date(2026, 7, 1)),
        deal("D06", "Gagné", None, 12_000, expected_close=date(2026, 4, 15), **c),
        deal("D07", "Négociation", "gagné", 30_000, expected_close=date(2026, 3, 31), owner=BOB),
        deal("D08", "Gagné", "en cours", 5_000, expected_close=date(2026, 5, 2), **c),
        deal("D09", "Gagné", "gagné", 7_000, owner=BOB),
        deal("D10", "Rendez-vous", "perdu", 9_000, expected_close=date(2026, 2, 10), **c),
        deal("D11", "Suspect", "perdu", None, owner=BOB),
        deal("D12", "Perdu", None, 4_000, expected_close=date(2026, 4, 20), **c),
        deal("D13", "En pause", "perdu", 2_000, owner=BOB),
        deal("D14", "En pause", "en cours", 15_000, probability=0.5,
             expected_close=date(2026, 5, 31), **c),
        deal("D15", "Standby", "en cours", 20_000, expected_close=date(2026, 6, 2), owner=BOB),
        deal("D16", None, "en cours", 6_000, expected_close=date(2026, 6, 3), **c),
        deal("D17", None, None, 10_000, probability=0.3, expected_close=date(2026, 6, 15)),
        None,
        deal("D18", "Suspect", "en cours", 3_000, expected_close=date(2026, 5, 5)),
        deal("D19", "Négociation", "en cours", 50_000, owner="Zoé Extérieure",
             expected_close=date(2026, 6, 1)),
        deal("D05", "Suspect", "en cours", 99_999, **c),  # duplicate ID: left out
        deal("D21", "négociation", "en cours", 12_345.67, owner=BOB,
             expected_close=datetime(2026, 5, 29, 17, 30)),
        deal("D22", "Rendez-vous ", "en cours", 1_000, expected_close=date(2026, 6, 10), **c),
        deal("D23", "Proposition envoyée", "en cours", 20_000, probability=30,
             expected_close=date(2026, 6, 20), **c),
        deal("D24", "Proposition envoyée", "en cours", 10_000, probability=1,
             expected_close=date(2026, 6, 21), owner=BOB),
        deal("D25", "Proposition envoyée", "signé", 8_000, expected_close=date(2026, 5, 12), **c),
        deal("D26", "Négociation", "abandonné", 18_000, expected_close=date(2026, 4, 2), owner=BOB),
        deal("D27", "Rendez-vous", "à relancer", 4_500, expected_close=date(2026, 9, 9), **c),
        deal("D28", "Perdu", "gagné", 3_300, expected_close=date(2026, 4, 8), owner=BOB),
        deal("D29", "Rendez-vous", "en cours", 0, expected_close=date(2026, 12, 31), **c),
        deal("D30", "Suspect", "gagné", 2_500, expected_close=date(2025, 11, 30), owner=BOB),
        deal("D31", "Négociation", "peut-être", 7_700, expected_close=date(2026, 6, 12), **c),
        None,
        None,
        {"name": "Sans ID ni étape", "amount": 1_234, "expected_close": date(2026, 6, 6)},
    ]  # fmt: skip
    return Dataset("outcomes", date(2026, 5, 4), 150_000, deals, owners=(ALICE, BOB))


def _followups() -> Dataset:
    """Cadence steps around holidays (1, 8, 14 and 25 May 2026), a Saturday report date,
    typed dates on a weekend, nurture past 7 touches, rotting with each idle-since date."""
    o, s = "en cours", "Suspect"
    deals: list[dict[str, Any] | None] = [
        deal("F01", s, o, 1_000, last_contact=date(2026, 4, 30), touches=1),
        deal("F02", s, o, 1_000, last_contact=date(2026, 5, 13), touches=2),
        deal("F03", s, o, 1_000, last_contact=date(2026, 5, 15), touches=0),
        deal("F04", "Rendez-vous", o, 1_000, last_contact=date(2026, 5, 7), touches=3),
        deal("F05", s, o, 1_000, last_contact=date(2026, 5, 1), touches=7),
        deal("F06", s, o, 1_000, last_contact=date(2026, 3, 1), touches=8,
             next_followup=date(2026, 5, 20)),
        deal("F07", s, o, 1_000, last_contact=date(2026, 1, 5), touches=12),
        deal("F08", s, o, 1_000, last_contact=date(2026, 5, 16)),
        deal("F09", s, o, 1_000),
        deal("F10", s, o, 1_000, next_followup=date(2026, 5, 17)),
        deal("F11", s, o, 1_000, next_followup=date(2026, 5, 16), touches=9),
        deal("F12", s, o, 1_000, next_followup=date(2026, 4, 10), touches=2),
        deal("F13", "Négociation", o, 1_000, last_contact=date(2026, 2, 1), touches=6),
        deal("F14", s, o, 1_000, last_contact=date(2026, 5, 24), touches=1),
        deal("F15", s, o, 1_000, last_contact=date(2026, 5, 22), touches=0),
        deal("F16", s, o, 1_000, last_contact=date(2025, 12, 24), touches=4),
        deal("F17", s, "gagné", 1_000, last_contact=date(2026, 1, 1), touches=1),
        deal("F18", s, "perdu", 1_000, last_contact=date(2026, 1, 1), touches=1),
        deal("R01", s, o, 500, stage_entered=date(2026, 4, 1), last_contact=date(2026, 5, 12),
             touches=2),
        deal("R02", "Prospect qualifié", o, 500, last_contact=date(2026, 5, 1),
             created=date(2026, 1, 1)),
        deal("R03", "Rendez-vous", o, 500, created=date(2026, 3, 1)),
        deal("R04", "Négociation", o, 500, stage_entered=date(2025, 1, 1)),
        deal("R05", "Proposition envoyée", o, 500, stage_entered=date(2026, 4, 16)),
        deal("R06", "Proposition envoyée", o, 500, stage_entered=date(2026, 4, 15)),
        deal("R07", "En pause", o, 500, stage_entered=date(2025, 1, 1)),
        deal("R08", "Prospect qualifié", o, 500, created=datetime(2026, 4, 25, 9, 15)),
    ]  # fmt: skip
    stages = [
        ("Suspect", 1, 0.1, 14), ("Prospect qualifié", 2, 0.2, 21), ("Rendez-vous", 3, 0.4, 21),
        ("Proposition envoyée", 4, 0.6, 30), ("Négociation", 5, 0.8, None), ("Gagné", 6, 1, None),
        ("Perdu", 7, 0, None),
    ]  # fmt: skip
    return Dataset("followups", date(2026, 5, 16), 10_000, deals, stages=stages)


def _custom_stages() -> Dataset:
    """A stage table of the user's own: rows out of order, a probability typed as 15, one
    missing, won and lost stages named « Signé » and « Abandonné »; idle-time cases."""
    stages = [
        ("Découverte", 2, 15, 10), ("Premier contact", 1, 0.05, 7), ("Démo", 3, None, 14),
        ("Offre", 4, 0.5, None), ("Signé", 5, None, None), ("Abandonné", 6, None, None),
    ]  # fmt: skip
    d = date(2026, 8, 20)
    deals: list[dict[str, Any] | None] = [
        deal("C01", "Premier contact", None, 2_000, expected_close=date(2026, 9, 1), owner=ALICE),
        deal("C02", "Découverte", None, 5_000, expected_close=date(2026, 8, 31), owner=ALICE),
        deal("C03", "Démo", None, 8_000, expected_close=date(2026, 7, 1), owner=BOB),
        deal("C04", "Démo", None, 8_000, probability=0.45, expected_close=date(2026, 9, 30)),
        deal("C05", "Offre", None, 20_000, probability=45, expected_close=date(2026, 10, 1)),
        deal("C06", "Offre", None, 12_000, expected_close=date(2026, 8, 1), owner=BOB),
        deal("C07", "Signé", None, 15_000, expected_close=date(2026, 7, 15), owner=ALICE),
        deal("C08", "Signé", None, 9_000, expected_close=date(2026, 8, 10), owner=BOB),
        deal("C09", "Abandonné", None, 4_000, expected_close=date(2026, 7, 2)),
        deal("C10", "Démo", "perdu", 6_000, expected_close=date(2026, 6, 2), owner=ALICE),
        deal("C11", "Premier contact", "perdu", 1_000, owner=BOB),
        deal("C12", "Gagné", None, 7_000, expected_close=date(2026, 8, 3), owner=ALICE),
        deal("C13", "Offre", "gagné", 11_000, expected_close=date(2026, 9, 3), owner=BOB),
        deal("C14", "Découverte", "perdu", 2_500, expected_close=date(2026, 8, 4)),
        deal("C15", "Premier contact", None, 3_000, probability=0, created=date(2026, 8, 1),
             expected_close=date(2026, 9, 10), owner=ALICE),
        deal("C16", "Découverte", None, 4_000, probability=1, stage_entered=date(2026, 8, 1),
             expected_close=date(2026, 9, 11), owner=BOB),
        # Idle time (« Premier contact »: 7 days): 45 days in stage, contacted yesterday;
        # entered 10 days ago, last contact 40 days ago; created 15 days ago, nothing else;
        # no date at all.
        deal("I01", "Premier contact", None, 1_000, stage_entered=date(2026, 7, 6),
             last_contact=date(2026, 8, 19), owner=ALICE),
        deal("I02", "Premier contact", None, 1_000, stage_entered=date(2026, 8, 10),
             last_contact=date(2026, 7, 11), owner=BOB),
        deal("I03", "Premier contact", None, 1_000, created=date(2026, 8, 5), owner=ALICE),
        deal("I04", "Premier contact", None, 1_000, owner=BOB),
    ]  # fmt: skip
    return Dataset("custom_stages", d, 100_000, deals, stages=stages, owners=(BOB, ALICE))


def _action_plan() -> Dataset:
    """Weeks from the grid (x, X, 1), from start/end (numbers and « S20 »), start only, end
    only, ranges across the new year (into 2027, and from 2025 into the plan year's
    January, one from a week 53 that 2025 lacks), other years, week 53, no budget, no
    owner, an owner not listed."""

    def a(name: str, owner: str | None, budget: Any, **fields: Any) -> dict[str, Any]:
        return {"action": name, "type": "Phoning", "owner": owner, "budget": budget, **fields}

    actions = [
        a("Grille janvier", ALICE, 3_000, weeks={1: "x", 2: "x", 3: "x"}),
        a("Grille marques", BOB, 1_000, weeks={5: "X", 6: 1}),
        a("Plage mars-avril", BOB, 5_000, start_week=10, end_week=14),
        a("Plage texte", ALICE, 3_000, start_week="S20", end_week="S22"),
        a("Début seul", ALICE, 700, start_week=40),
        a("Fin seule", BOB, 400, end_week=12),
        a("Plage sur le nouvel an", BOB, 900, start_week=50, end_week=3),
        a("Relance d'hiver 2025", ALICE, 1_200, start_week="S51", end_week="S2", year=2025),
        a("S53 absente en 2025", BOB, 200, start_week=53, end_week=2, year=2025),
        a("Année passée", ALICE, 5_200, start_week=1, end_week=52, year=2025),
        a("Semaine 53", BOB, 200, weeks={52: "x", 53: "x"}),
        a("Semaine 53 en 2025", BOB, 300, year=2025, weeks={53: "x"}),
        a("Sans budget", ALICE, None, start_week=5, end_week=6),
        a("Sans responsable", None, 800, start_week=30, end_week=31),
        a("Toute l'année", "Marketing", 1_200, start_week=1, end_week=53),
        a("Fin d'année", ALICE, 100, start_week=52, end_week=53),
        a("Année suivante", BOB, 450, year=2027, weeks={1: "x"}),
        a("Budget nul", ALICE, 0, start_week=10, end_week=10, planned_count=5, done_count=2),
    ]
    deals: list[dict[str, Any] | None] = [
        deal("P01", "Rendez-vous", None, 10_000, expected_close=date(2026, 7, 1), owner=ALICE,
             source="Plage mars-avril"),
        deal("P02", "Gagné", None, 20_000, expected_close=date(2026, 5, 1), owner=BOB,
             source="Grille janvier"),
    ]  # fmt: skip
    return Dataset(
        "action_plan",
        date(2026, 6, 15),
        50_000,
        deals,
        actions=actions,
        owners=(ALICE, BOB),
        action_owners=(ALICE, BOB),
    )


NEW_YEAR_BUDGET = 6_000


def _new_year() -> Dataset:
    """One action from S50 to S3 typed for the plan year 2026, 6 000 €: seven ISO weeks,
    four in December 2026 and three in January 2027 (tests/core/metrics/test_action_budget.py
    works them out; test_libreoffice.py checks the report and the dashboard)."""
    actions = [
        {"action": "Salon fin d'année", "type": "Salon", "owner": ALICE,
         "budget": NEW_YEAR_BUDGET, "start_week": "S50", "end_week": "S3"},
    ]  # fmt: skip
    return Dataset(
        "new_year",
        date(2026, 12, 1),
        10_000,
        actions=actions,
        owners=(ALICE,),
        action_owners=(ALICE,),
    )


def _english() -> Dataset:
    """The English template: English stage names and statuses, French words accepted too."""
    deals: list[dict[str, Any] | None] = [
        deal("E01", "Lead", "open", 5_000, expected_close=date(2027, 2, 1), owner=ALICE,
             last_contact=date(2027, 1, 4), touches=2),
        deal("E02", "Meeting", "open", 15_000, expected_close=date(2027, 3, 31), owner=BOB),
        deal("E03", "Proposal sent", None, 30_000, probability=0.7,
             expected_close=date(2027, 1, 15), owner=ALICE),
        deal("E04", "Won", None, 12_000, expected_close=date(2027, 1, 5), owner=BOB),
        deal("E05", "Negotiation", "won", 40_000, expected_close=date(2026, 12, 20)),
        deal("E06", "Meeting", "lost", 3_000, expected_close=date(2026, 11, 2), owner=ALICE),
        deal("E07", "Qualified prospect", "gagné", 6_000, expected_close=date(2027, 2, 2)),
        deal("E08", "Lost", None, 1_000, owner=BOB),
        deal("E09", "Negotiation", "open", 22_000, expected_close=date(2027, 6, 1),
             stage_entered=date(2026, 10, 1), owner=BOB),
    ]  # fmt: skip
    actions = [
        {"action": "Trade show", "owner": ALICE, "budget": 4_000, "weeks": {10: "x", 11: "x"}},
        {"action": "LinkedIn", "owner": BOB, "budget": 1_000, "start_week": "W5",
         "end_week": "W8"},
    ]  # fmt: skip
    return Dataset(
        "english",
        date(2027, 1, 10),
        80_000,
        deals,
        actions=actions,
        owners=(ALICE, BOB),
        action_owners=(ALICE, BOB),
        lang="en",
    )


SAMPLE_AS_OF = date(2026, 11, 23)


def all_datasets() -> list[Dataset]:
    """The sample, the empty template and the messy-but-typed datasets."""
    return [
        Dataset("sample", SAMPLE_AS_OF, 400_000, sample=True),
        Dataset("empty", date(2026, 11, 23)),
        _outcomes(),
        _followups(),
        _custom_stages(),
        _action_plan(),
        _new_year(),
        _english(),
    ]
