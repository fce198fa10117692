"""Typo-tolerant matching gives rapidfuzz's matches with or without rapidfuzz installed."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salespipe.core.reading import fuzzy
from salespipe.core.reading.fuzzy import best_match, ratio

words = st.text(alphabet="abcdeé ", max_size=12)


def test_the_compiled_matcher_is_used_when_installed() -> None:
    without = os.environ.get("SALESPIPE_TEST_WITHOUT", "")
    assert fuzzy.has_rapidfuzz() is ("rapidfuzz" not in without)


def test_hand_worked_scores() -> None:
    # "negociaton" vs "negociation": LCS 10 of 10 + 11 letters: 100 × 20 / 21.
    assert ratio("negociaton", "negociation") == pytest.approx(100 * 20 / 21)
    assert ratio("", "") == 100.0
    assert ratio("abc", "") == 0.0
    assert ratio("rdv", "rdv") == 100.0


def test_the_closest_choice_above_the_cutoff_the_first_on_a_tie(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fuzzy, "_extract_one", None)  # the pure-Python path
    choices = ["prospect qualifie", "negociation", "negociations"]
    assert best_match("negociaton", choices, 80) == "negociation"
    assert best_match("xyz", choices, 80) is None
    assert best_match("ab", ["ac", "ad"], 50) == "ac"  # both 50: the first


def test_a_huge_cell_is_not_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A multi-megabyte cell cannot be within 80 % of a short label: no work at all (the pure
    O(n × m) loop would otherwise take minutes)."""
    monkeypatch.setattr(fuzzy, "_extract_one", None)
    assert best_match("montant " * 500_000, ["montant ht", "montant"], 80) is None


@given(words, words)
def test_ratio_is_rapidfuzz_ratio(a: str, b: str) -> None:
    rapidfuzz = pytest.importorskip("rapidfuzz")
    assert ratio(a, b) == pytest.approx(rapidfuzz.fuzz.ratio(a, b), abs=1e-9)


@given(words, st.lists(words, max_size=6), st.sampled_from([50, 80, 90]))
def test_best_match_is_rapidfuzz_extract_one(query: str, choices: list[str], cutoff: int) -> None:
    rapidfuzz = pytest.importorskip("rapidfuzz")
    found = rapidfuzz.process.extractOne(
        query, choices, scorer=rapidfuzz.fuzz.ratio, score_cutoff=cutoff
    )
    expected = found[0] if found else None
    assert best_match(query, choices, cutoff) == expected
    saved = fuzzy._extract_one
    try:
        fuzzy._extract_one = None
        assert best_match(query, choices, cutoff) == expected
    finally:
        fuzzy._extract_one = saved
