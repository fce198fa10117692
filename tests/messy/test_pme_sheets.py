"""Eleven pipeline sheets as French PMEs write them (tests/messy/pme_sheets.py), read with
no mapping: each gives its hand-worked headline figures, and none is reported as lacking
the columns of those figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.api import report_on_workbook
from salespipe.core.reading.tables import locate_table
from salespipe.core.report import Report
from salespipe.files import read_grids
from tests.messy.pme_sheets import AS_OF, PME_SHEETS, PmeSheet

NAMES = [builder.__name__ for builder in PME_SHEETS]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[PmeSheet, Report]]:
    folder: Path = tmp_path_factory.mktemp("pme")
    built = {}
    for builder in PME_SHEETS:
        case = builder(folder)
        built[builder.__name__] = (case, report_on_workbook(case.path, AS_OF))
    return built


def test_at_least_ten_sheets() -> None:
    assert len(PME_SHEETS) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_the_pipeline_is_found_where_the_user_put_it(
    sheets: dict[str, tuple[PmeSheet, Report]], name: str
) -> None:
    case, report = sheets[name]
    assert report.sheets["deals"] == case.sheet
    deals = next(a for a in report.accounts if a.sheet == case.sheet)
    assert deals.balanced and deals.used == case.totals.deals
    table = locate_table(read_grids(case.path)[case.sheet], "deals", case.sheet)
    assert table.header_row == case.header_row
    assert report.missing_columns is None, report.missing_columns
    assert report.ignored_columns[case.sheet] == ()  # every header recognised


@pytest.mark.parametrize("name", NAMES)
def test_the_headline_figures_without_a_mapping(
    sheets: dict[str, tuple[PmeSheet, Report]], name: str
) -> None:
    case, report = sheets[name]
    s, want = report.summary, case.totals
    assert (s.deals, s.open_deals, s.won_deals, s.lost_deals) == (
        want.deals, case.open_deals, case.won_deals, case.lost_deals
    )  # fmt: skip
    assert s.open_amount == pytest.approx(want.open_amount)
    assert s.weighted_open == pytest.approx(want.weighted_open)
    assert s.won_amount == pytest.approx(want.won_amount)
    assert s.period_forecast == pytest.approx(want.period_forecast)
    assert s.win_rate == pytest.approx(want.win_rate)


def test_weighted_amount_columns_are_never_the_amount() -> None:
    from salespipe.core.reading.tables import _field_for_header

    for header in ("CA pondéré", "Montant pondéré", "CA pondéré (€)", "Pondéré"):
        assert _field_for_header("deals", header) is None, header


def test_every_mapping_field_is_documented() -> None:
    from salespipe.core.reading.tables import ALIASES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "mapping.md").read_text("utf-8")
    for kind, fields in ALIASES.items():
        assert f"### `[{kind}]`" in doc
        for field in fields:
            assert f"| `{field}` |" in doc, (kind, field)
