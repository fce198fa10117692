"""The target figures of the report as sales tools show them: attainment, what remains to
win, the coverage of what remains, and the pipeline needed for it.

The small pipeline of tests/workbooks.py, as of 23/11/2026 (quarter 01/10 – 31/12/2026):
A4 won 20 000 € on 15/10; A1, A2, A3 open at 50 000 € and 30 % each, closing 15/12,
20/12 and 30/11: 150 000 € open, 45 000 € weighted; the quarter's forecast 65 000 €.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from salespipe.api import read_pipeline, report_on_workbook
from salespipe.core.metrics.targets import required_pipeline
from salespipe.formats.text import render_text
from salespipe.sample import build_demo_workbook
from tests.workbooks import write_small_pipeline

AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_pipeline(tmp_path_factory.mktemp("targets") / "small.xlsx")


def test_a_half_met_target(workbook: Path) -> None:
    """Target 40 000 €: 20 000 won = 50 % attained, forecast 65 000 / 40 000 = 162.5 %;
    20 000 € remain, covered 150 000 / 20 000 = 750 % by the open amounts and
    45 000 / 20 000 = 225 % weighted."""
    s = report_on_workbook(workbook, AS_OF, target=40_000).summary
    assert (s.won_in_period, s.open_in_period, s.weighted_open_in_period) == (
        20_000,
        150_000,
        pytest.approx(45_000),
    )
    assert s.attainment == pytest.approx(0.5)
    assert s.forecast_attainment == pytest.approx(1.625)
    assert s.remaining_target == 20_000 and not s.target_reached
    assert s.coverage == pytest.approx(7.5)
    assert s.weighted_coverage == pytest.approx(2.25)


def test_a_target_already_met(workbook: Path) -> None:
    """Target 15 000 €: 20 000 won = 133.3 % attained; nothing remains (−5 000 €), so no
    coverage ratio and no pipeline needed; the report says « objectif atteint »."""
    report = report_on_workbook(workbook, AS_OF, target=15_000)
    s = report.summary
    assert s.attainment == pytest.approx(20_000 / 15_000)
    assert s.forecast_attainment == pytest.approx(65_000 / 15_000)
    assert s.remaining_target == -5_000 and s.target_reached
    assert s.coverage is None and s.weighted_coverage is None
    assert report.required_pipeline == []
    french = render_text(report, "fr", False)
    assert "Objectif atteint : 5\u202f000 € au-delà" in french
    assert "atteinte 133,3 %" in french
    assert "Target reached: €5,000 above it" in render_text(report, "en", False)


def test_the_pipeline_needed_is_for_what_remains(workbook: Path, tmp_path: Path) -> None:
    """On the demo company (as of 05/11/2026, target 800 000 €, 482 400 € won in the
    quarter), the deals needed at each stage are those for the 317 600 € that remain,
    fewer than for the whole target; the text report says so and gives its unit."""
    demo = tmp_path / "demo.xlsx"
    build_demo_workbook(demo, date(2026, 12, 5))
    day = date(2026, 11, 5)
    pipeline = read_pipeline(demo)
    report = report_on_workbook(demo, day, target=800_000)
    assert report.summary.won_in_period == 482_400
    assert report.summary.remaining_target == 317_600
    needed = required_pipeline(317_600, pipeline.deals, pipeline.stages)
    whole = required_pipeline(800_000, pipeline.deals, pipeline.stages)
    assert report.required_pipeline == needed and len(needed) == 5
    assert all(n < w for (_, n), (_, w) in zip(needed, whole, strict=True))
    text = render_text(report, "fr", False)
    assert "Pipeline nécessaire pour le reste à gagner (affaires à avoir à chaque étape)" in text
    assert "Reste à gagner : 317\u202f600 € ; couverture" in text
    half_met = render_text(report_on_workbook(workbook, AS_OF, target=40_000), "en", False)
    assert "Remaining: €20,000; coverage 750.0% (weighted 225.0%)" in half_met


def test_no_target_no_target_figures(workbook: Path) -> None:
    s = report_on_workbook(workbook, AS_OF).summary
    assert s.won_in_period == 20_000  # still shown: what was won in the period
    assert (s.attainment, s.remaining_target, s.coverage, s.weighted_coverage) == (None,) * 4
    assert not s.target_reached
