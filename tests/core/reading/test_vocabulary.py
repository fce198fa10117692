"""Status words, won and lost stage names, and a deal's stage and status read together."""

from __future__ import annotations

from salespipe.core.model import StageTable, Status
from salespipe.core.quality import Severity
from salespipe.core.reading.vocabulary import (
    LOST_WORDS,
    STATUS_WORDS,
    WON_WORDS,
    StageStatusResolver,
    parse_status,
)


def test_parse_status_vocabulary() -> None:
    assert parse_status("Gagnée") is Status.WON
    assert parse_status("EN COURS") is Status.OPEN
    assert parse_status("Sans suite") is Status.LOST
    assert parse_status("") is None


def test_won_and_lost_stage_names_never_include_a_signature_stage() -> None:
    assert {"gagne", "signe", "closed won"} <= WON_WORDS
    assert {"perdu", "abandonne", "closed lost"} <= LOST_WORDS
    assert "signature" not in WON_WORDS  # « Signature » is a stage at 90 % before winning
    assert STATUS_WORDS["ok"] is Status.WON and STATUS_WORDS["ko"] is Status.LOST


def test_stage_and_status_are_read_together_once_per_pair() -> None:
    resolver = StageStatusResolver(StageTable.default())
    stage, status, findings = resolver.resolve("Negociaton", "perdu")
    assert (stage and stage.name, status) == ("Négociation", Status.LOST)
    assert findings == (
        ("stage", "Negociaton", "stage_corrected", Severity.INFO, {"stage": "Négociation"}),
    )
    assert resolver.resolve("Negociaton", "perdu") is resolver.resolve("Negociaton", "perdu")


def test_a_terminal_stage_wins_over_a_stale_status() -> None:
    resolver = StageStatusResolver(StageTable.default())
    stage, status, findings = resolver.resolve("Gagné", "en cours")
    assert (stage and stage.name, status) == ("Gagné", Status.WON)
    assert findings == (
        (
            "status",
            "en cours",
            "status_stage_conflict",
            Severity.WARNING,
            {"stage": "Gagné", "status": "won"},
        ),
    )
    assert resolver.resolve("Perdu", None)[1:] == (Status.LOST, ())


def test_unknown_stage_and_status_are_reported_and_the_deal_stays_open() -> None:
    resolver = StageStatusResolver(StageTable.default())
    stage, status, findings = resolver.resolve("En pause", "peut-être")
    assert (stage, status) == (None, Status.OPEN)
    known = (
        "Suspect, Prospect qualifié, Rendez-vous, Proposition envoyée, Négociation, Gagné, Perdu"
    )
    assert findings == (
        ("stage", "En pause", "unknown_stage", Severity.WARNING, {"known": known}),
        ("status", "peut-être", "unknown_status", Severity.WARNING, {"status": "open"}),
    )
