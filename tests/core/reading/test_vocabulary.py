"""Status words, won and lost stage names, and a deal's stage and status read together."""

from __future__ import annotations

from salespipe.core.model import Status
from salespipe.core.reading.vocabulary import parse_status


def test_parse_status_vocabulary() -> None:
    assert parse_status("Gagnée") is Status.WON
    assert parse_status("EN COURS") is Status.OPEN
    assert parse_status("Sans suite") is Status.LOST
    assert parse_status("") is None
