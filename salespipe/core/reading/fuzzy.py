"""Typo-tolerant matching of a folded text against known labels (headers, stage names).

The score is rapidfuzz's ``fuzz.ratio``: the normalised Indel similarity, 100 × (1 −
(len(a) + len(b) − 2 × LCS) / (len(a) + len(b))), LCS being the longest common
subsequence. rapidfuzz computes it in C++ when it is installed; without it (xlwings Lite
runs Python in the browser through Pyodide, which has no rapidfuzz build) the same score
comes from the pure-Python LCS below, with the same choice on ties (the first of the best),
so both give the same matches (a property test compares them).

A text much longer than every choice cannot reach the cutoff (the similarity is at most
2 × the shorter length / the sum of the lengths), so it is not scored at all: a 200 MB cell
costs nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_extract_one: Any
_ratio: Any
try:
    from rapidfuzz import fuzz as _fuzz
    from rapidfuzz import process as _process
except ImportError:  # pragma: no cover - exercised by the Pyodide-like test run
    _extract_one = _ratio = None
else:
    _extract_one, _ratio = _process.extractOne, _fuzz.ratio


def has_rapidfuzz() -> bool:
    """Whether rapidfuzz's compiled matcher is used."""
    return _extract_one is not None


def ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio(a, b)`` (0 to 100), in pure Python."""
    total = len(a) + len(b)
    if total == 0:
        return 100.0
    distance = total - 2 * _lcs_length(a, b)
    return 100.0 * (1.0 - distance / total)


def _lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (one DP row, O(len(a) × len(b)))."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            if ch == other:
                current.append(previous[j - 1] + 1)
            else:
                current.append(max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def best_match(query: str, choices: Sequence[str], cutoff: float) -> str | None:
    """The choice closest to ``query`` scoring at least ``cutoff`` (0-100), else None; the
    first one on a tie, as ``rapidfuzz.process.extractOne``."""
    reachable = _reachable(query, choices, cutoff)
    if not reachable:
        return None
    if _extract_one is not None:
        found = _extract_one(query, reachable, scorer=_ratio, score_cutoff=cutoff)
        return str(found[0]) if found else None
    best, best_score = None, cutoff
    for choice in reachable:
        score = ratio(query, choice)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = choice, score
    return best


def _reachable(query: str, choices: Sequence[str], cutoff: float) -> list[str]:
    """The choices whose length lets them reach ``cutoff`` against ``query``, in order."""
    size = len(query)
    return [c for c in choices if 200.0 * min(size, len(c)) >= cutoff * (size + len(c))]
