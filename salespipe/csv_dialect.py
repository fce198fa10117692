"""How a CSV file is written, as people have them: its encoding and its delimiter.

csv.Sniffer guesses from the values and guesses wrong on real files: a semicolon file
whose first cell holds a quoted paragraph with commas is read as comma-separated, and
cells wrapped in apostrophes make ``'`` the quote character (``'t Hooft BV`` then
swallows the rest of its row). Here the quote is always ``"`` (what Excel and
LibreOffice write) and the delimiter is the candidate found the same number of times,
outside double quotes, on the most of the first records.
"""

from __future__ import annotations

import codecs
from collections import Counter

CANDIDATES = (";", ",", "\t", "|")
_SAMPLE_CHARS = 64_000
_SAMPLE_RECORDS = 50


def decode(data: bytes) -> str:
    """The text of ``data``: UTF-16 or UTF-8 after a byte-order mark (Excel's « Texte
    Unicode » is UTF-16), else UTF-8, else Windows-1252 (French Excel's « CSV »)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def record_counts(sample: str) -> list[Counter[str]]:
    """For each record of ``sample`` (a line end inside double quotes does not end one;
    ``\\r``, ``\\n`` and ``\\r\\n`` all do), how many of each candidate it holds outside
    double quotes. Blank records are left out."""
    records: list[Counter[str]] = []
    counts: Counter[str] = Counter()
    quoted = filled = False
    for char in sample:
        if char == '"':
            quoted = not quoted  # "" inside quotes toggles twice: still quoted
        elif quoted:
            continue
        elif char in "\r\n":
            if filled:
                records.append(counts)
                if len(records) == _SAMPLE_RECORDS:
                    return records
            counts, filled = Counter(), False
            continue
        elif char in CANDIDATES:
            counts[char] += 1
        filled = filled or not char.isspace()
    if filled:
        records.append(counts)
    return records


def delimiter(text: str) -> str:
    """The candidate seen the same non-zero number of times on the most records; on a
    tie, the one seen more often per record, then the first of ``; , tab |``. A file of
    one column has none: ``;``."""
    records = record_counts(text[:_SAMPLE_CHARS])
    best, best_score = ";", (0, 0)
    for candidate in CANDIDATES:
        per_record = Counter(counts[candidate] for counts in records if counts[candidate])
        if not per_record:
            continue
        times, agreeing = per_record.most_common(1)[0]
        score = (agreeing, times)
        if score > best_score:
            best, best_score = candidate, score
    return best
