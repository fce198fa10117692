"""Done vs planned counts of the action plan."""

from __future__ import annotations

from salespipe.core.metrics.action_progress import (
    ActionProgress,
    ProgressTotals,
    done_vs_planned,
    progress_totals,
)
from tests.core.factories import make_action


def test_done_vs_planned_in_input_order() -> None:
    actions = [
        make_action(2, "Phoning", owner="Alice", planned_count=10.0, done_count=4.0),
        make_action(3, "Salon", planned_count=5.0),
        make_action(4, "Emailing", done_count=2.0),
        make_action(5, "Webinaire", planned_count=0.0, done_count=1.0),
    ]
    assert done_vs_planned(actions) == [
        ActionProgress(2, "Phoning", "Alice", 10.0, 4.0, 0.4),
        ActionProgress(3, "Salon", None, 5.0, None, None),
        ActionProgress(4, "Emailing", None, None, 2.0, None),
        ActionProgress(5, "Webinaire", None, 0.0, 1.0, None),
    ]
    assert progress_totals(actions) == ProgressTotals(planned=15.0, done=7.0, ratio=7.0 / 15.0)


def test_progress_totals_of_nothing() -> None:
    assert progress_totals([]) == ProgressTotals(planned=0.0, done=0.0, ratio=None)
