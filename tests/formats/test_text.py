"""The terminal report: how rates are printed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from salespipe.core.model import StageTable, Status
from salespipe.core.reading.pipeline import Pipeline
from salespipe.core.report import build_report
from salespipe.formats.text import TextRenderer, render_text
from tests.core.factories import make_deal

AS_OF = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (0.0025, "0.25%", "0,25 %"),  # 100 × 0.0025 = 0.25: below 1 %, two decimals
        (0.0005, "0.05%", "0,05 %"),  # 0.05: the second decimal is not 0
        (0.001, "0.1%", "0,1 %"),  # 0.10: its second decimal is 0, one is enough
        (0.125, "12.5%", "12,5 %"),  # 12.5 ≥ 1 %: one decimal
        (0.448, "44.8%", "44,8 %"),
        (1.0, "100.0%", "100,0 %"),
        (0.0, "0.0%", "0,0 %"),
        (0.00999, "1.0%", "1,0 %"),  # 0.999 rounds to 1.00: no longer below 1 %
        (None, "-", "-"),
    ],
)
def test_rates_show_enough_decimals_to_read_as_typed(
    value: float | None, english: str, french: str
) -> None:
    assert TextRenderer("en").pct(value) == english
    assert TextRenderer("fr").pct(value) == french


def _small_rates() -> Pipeline:
    """1 deal won (in June, before the period) and 399 lost at « Suspect », 1 open:

    - win rate 1 / (1 + 399) = 0.25 %; Suspect's decided-deals conversion 1 moved on /
      (1 + 399 lost at) = 0.25 %, and so to won; stage-to-stage 1 / 401 = 0.249… % → 0.25 %;
    - the open deal, 250 € at 20 % (50 € weighted), closes in the quarter; nothing won in
      it, so 100 000 € remain: coverage 250 / 100 000 = 0.25 %, weighted 50 / 100 000 =
      0.05 %; attainment 0 / 100 000 = 0.0 %, forecast 50 / 100 000 = 0.05 %.
    """
    deals = [make_deal(2, stage="Gagné", status=Status.WON, amount=5_000, close=date(2026, 6, 5))]
    deals += [
        make_deal(row, stage="Suspect", status=Status.LOST, amount=1_000) for row in range(3, 402)
    ]
    deals.append(
        make_deal(
            402,
            stage="Suspect",
            status=Status.OPEN,
            amount=250,
            probability=0.2,
            close=date(2026, 12, 15),
        )
    )
    return Pipeline("rates.xlsx", deals, StageTable.default(), [])


EXPECTED = {
    "en": (
        [
            "Win rate: 0.25%",
            "(attainment 0.0%), forecast 0.05% of target",
            "coverage 0.25% (weighted 0.05%)",
        ],
        ["0.25%", "0.25%", "0.25%"],
    ),
    "fr": (
        [
            "Taux de réussite : 0,25 %",
            "(atteinte 0,0 %), prévision 0,05 % de l'objectif",
            "couverture 0,25 % (pondérée 0,05 %)",
        ],
        ["0,25 %", "0,25 %", "0,25 %"],
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_prints_small_rates_as_typed(lang: str) -> None:
    """Headline (win rate, attainment, coverage) and funnel (Suspect's three rates)."""
    report = build_report(_small_rates(), AS_OF, target=100_000)
    s = report.summary
    assert s.win_rate == pytest.approx(0.0025)
    assert (s.coverage, s.weighted_coverage) == (pytest.approx(0.0025), pytest.approx(0.0005))
    assert (s.attainment, s.forecast_attainment) == (0, pytest.approx(0.0005))
    lines = render_text(report, lang).splitlines()
    headline = "\n".join(lines[:10])
    phrases, suspect = EXPECTED[lang]
    assert [p for p in phrases if p not in headline] == []
    suspect_line = next(line for line in lines if line.lstrip().startswith("Suspect "))
    assert re.split(r"\s{2,}", suspect_line.strip())[-3:] == suspect


def test_row_and_deal_counts_agree_with_their_number_in_french() -> None:
    """French takes the singular for 0 and 1: « 1 écartée », « 0 vide », « 2 lues »."""
    r = TextRenderer("fr")
    assert [r.n(n, "rejected") for n in (0, 1, 2)] == ["0 écartée", "1 écartée", "2 écartées"]
    assert r.n(1, "totals") == "1 ligne de total" and r.n(3, "read") == "3 lues"
    assert [r.n(n, "won") for n in (1, 5)] == ["1 gagnée", "5 gagnées"]
    english = TextRenderer("en")
    assert [english.n(n, "totals") for n in (0, 1, 2)] == [
        "0 totals rows",
        "1 totals row",
        "2 totals rows",
    ]


def test_a_wide_table_fits_the_terminal_and_keeps_every_word() -> None:
    from salespipe.formats.text import _table

    headers = ["Owner", "Deal", "row", "business days late", "due from"]
    rows = [
        ["Julien Bernard", "Conseil transformation digitale – phase 2 (Pharmacie Rousseau)",
         "151", "17", "last contact + gap"],
        ["Camille Martin", "Téléphonie IP (Vignobles André SAS)", "80", "17", "date typed"],
    ]  # fmt: skip
    wide = _table(headers, rows)
    assert max(len(line) for line in wide) > 80
    fitted = _table(headers, rows, 60)
    assert max(len(line) for line in fitted) <= 60
    text = " ".join(" ".join(fitted).split())
    assert "…" in text  # the longest deal, past three lines, ends in « … »
    for word in ("Julien", "Bernard", "Camille", "Vignobles", "André", "SAS)", "151", "80"):
        assert word in text
    # the figures stay whole and right-aligned: 17 sits under « late »
    late = next(line for line in fitted if " late " in line)
    row = next(line for line in fitted if " 151 " in line)
    assert row.index("17") + 2 == late.index("late") + 4


def test_a_table_that_fits_is_unchanged() -> None:
    from salespipe.formats.text import _table

    rows = [["Paul", "€20,000"], ["Marie", "€0"]]
    assert _table(["", "won"], rows, 80) == _table(["", "won"], rows)


def test_the_demo_report_fits_80_columns(tmp_path: Path) -> None:
    from datetime import date as day

    from salespipe.api import report_on_workbook
    from salespipe.sample import build_demo_workbook

    book = build_demo_workbook(tmp_path / "demo.xlsx", day(2026, 11, 23)).path
    report = report_on_workbook(book, day(2026, 11, 23), target=400_000)
    for lang in ("fr", "en"):
        out = render_text(report, lang, width=80)
        tables = [line for line in out.splitlines() if "  " in line.strip()]
        assert tables and max(len(line) for line in tables) <= 80, lang


def test_every_data_quality_code_of_the_corpus_is_said_in_words(tmp_path: Path) -> None:
    """The report's count by code reads « montant illisible (bad_amount) : 1 » in French,
    the code kept for the JSON and the docs: every code the messy corpus produces has its
    label in both languages."""
    from salespipe.core.texts import CATALOGUE, code_label
    from tests.messy.corpus import CASES

    codes = set()
    for number, build in enumerate(CASES):
        folder = tmp_path / str(number)
        folder.mkdir()
        codes |= {key[3] for key in build(folder).issues}
    assert {"bad_amount", "totals_row", "unknown_stage"} <= codes
    assert sorted(c for c in codes if f"quality.code.{c}" not in CATALOGUE) == []
    assert code_label("bad_amount", "fr", "quality.code.") == "montant illisible (bad_amount)"
    assert code_label("bad_amount", "en", "quality.code.") == "unreadable amount (bad_amount)"
    assert code_label("no_such_code", "fr", "quality.code.") == "no_such_code"
