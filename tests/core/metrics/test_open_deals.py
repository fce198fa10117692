"""The open deals' columns shared by the follow-ups and the rotting deals."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from salespipe.core.metrics.followups import followups, open_followups
from salespipe.core.metrics.open_deals import OpenDeals
from salespipe.core.metrics.rotting import open_rotting_deals, rotting_deals
from salespipe.core.model import StageTable
from tests.core.factories import many_open_deals

STAGES = StageTable.default()
AS_OF = date(2026, 5, 6)
NAMES = ["Suspect", "Rendez-vous", "Proposition envoyée", "Négociation"]


@pytest.mark.parametrize("rotting_first", [False, True])
def test_shared_columns_give_each_metric_what_it_gives_alone(rotting_first: bool) -> None:
    deals = many_open_deals(600, NAMES)
    opened = OpenDeals(deals)
    if rotting_first:
        rotting = open_rotting_deals(opened, STAGES, AS_OF)
        due = open_followups(opened, STAGES, AS_OF)
    else:
        due = open_followups(opened, STAGES, AS_OF)
        rotting = open_rotting_deals(opened, STAGES, AS_OF)
    assert rotting == rotting_deals(deals, STAGES, AS_OF)
    assert due == followups(deals, STAGES, AS_OF)
    assert rotting and due  # the data has both (many deals idle past their stage)


def test_a_shared_column_cannot_be_changed_in_place() -> None:
    opened = OpenDeals(many_open_deals(5, NAMES))
    for column in (opened.rows, opened.stage_entered, opened.last_contact):
        with pytest.raises(ValueError, match="read-only"):
            column[0] = column[1]
    # a computation on a column gives a new, writable array
    later = np.fmax(opened.stage_entered, opened.last_contact)
    later[0] = later[1]
