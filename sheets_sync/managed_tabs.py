"""The managed tabs: their names, their header rows, and the guard that keeps a person's
own tab from being overwritten because it happens to have a managed tab's name.

A French team may well keep a « Relances » or « Historique » tab of its own, or import
the template, whose « Tableau de bord » and « Relances » hold formulas. Before writing,
the job reads every existing tab with a managed name whole (:data:`WHOLE_TAB`, in the
same values.batchGet as the user's tabs: the write then sends only the cells that
changed) and refuses to write unless the tab is empty or its row 1 is the header
salespipe writes for that tab, in either language. A source that knows tab ids (Google
Sheets) also says whether salespipe created the tab
(:func:`sheets_sync.google.tabs.made_by_salespipe`): one it did not must be empty,
whatever its row 1 says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from salespipe.core.errors import ConfigError
from salespipe.core.metrics.history import HistoryReport, Slippage
from salespipe.core.report import Report
from salespipe.core.report_tables import (
    FORECAST_TITLE,
    MANAGED_TABS,
    followup_table,
    history_table,
    index,
    quality_table,
    summary_table,
)
from salespipe.core.texts import LANGS, both

#: Columns added at the end of a managed tab since it was first written: a tab headed as an
#: earlier version wrote it (without them) is still salespipe's. « Relances » gained
#: « Relance calculée depuis » (the rule of each date).
ADDED_COLUMNS = {"followups": 1}
#: Rows to read of an existing managed-name tab: all of them (a spreadsheet holds at most
#: ten million cells; the read asks for the tab's own row count).
WHOLE_TAB = 10_000_000
_NO_HISTORY = HistoryReport(None, 0, [], [], Slippage(0, 0), 0)


def managed_kinds(with_history: bool) -> list[str]:
    """The kinds of managed tabs a run writes (« Historique » only with a history)."""
    return [kind for kind in MANAGED_TABS if kind != "history" or with_history]


def header(report: Report, kind: str, lang: str) -> list[str]:
    """Row 1 of the managed tab of ``kind`` in ``lang``, as salespipe writes it."""
    i = index(lang)
    report = replace(report, followups=[], issues=[])  # headers only: build no rows
    if kind == "dashboard":
        return summary_table(report, i).headers
    if kind == "followups":
        return followup_table(report, i).headers
    if kind == "quality":
        return quality_table(report, lang).headers
    return history_table(_NO_HISTORY, i).headers


def refuse_duplicate_names(names: Mapping[str, str]) -> None:
    """Two managed tabs may not share a name (Google compares titles regardless of case)."""
    seen: dict[str, str] = {}
    for kind, name in names.items():
        other = seen.setdefault(name.casefold(), kind)
        if other != kind:
            raise ConfigError("sync_tab_names_clash", other=other, kind=kind, name=name)


def refuse_foreign_tabs(
    report: Report,
    heads: Mapping[str, tuple[str, Sequence[Sequence[Any]]]],
    made_here: Callable[[str], bool | None] = lambda _name: None,
) -> None:
    """ConfigError for the first tab of ``heads`` (kind -> (name, its first rows)) that is
    neither empty nor headed as salespipe heads that kind of tab, in French or English.
    A tab the source knows salespipe did not create (``made_here`` is False: another
    sheet id; it was read whole) must be empty: a person's « Indicateur | Valeur » is
    theirs."""
    for kind, (name, rows) in heads.items():
        if not _filled(rows):
            continue
        first = _first_row(rows)
        ours = made_here(name) is not False and first
        if ours and any(_ours(first, header(report, kind, lang), kind) for lang in LANGS):
            continue
        raise _foreign(name, first)


def refuse_unless_empty(name: str, rows: Sequence[Sequence[Any]]) -> None:
    """ConfigError ``sync_foreign_tab`` unless the tab ``name`` (its ``rows``, read whole)
    is empty: a tab salespipe did not read as its own, found under a managed name right
    before a write (its own was deleted meanwhile and a person's renamed to that name),
    is written only when nothing in it would be lost, as at read time."""
    if _filled(rows):
        raise _foreign(name, _first_row(rows))


def _filled(rows: Sequence[Sequence[Any]]) -> list[int]:
    """The indexes of the rows holding anything but blanks."""
    return [n for n, row in enumerate(rows) if any(str(v).strip() for v in row)]


def _first_row(rows: Sequence[Sequence[Any]]) -> list[str]:
    """Row 1, trimmed; empty when row 1 is blank (the tab's content starts lower)."""
    filled = _filled(rows)
    return _trimmed(rows[0]) if filled and filled[0] == 0 else []


def _foreign(name: str, first: list[str]) -> ConfigError:
    shown = ", ".join(first[:4]) + ("…" if len(first) > 4 else "") if first else None
    return ConfigError("sync_foreign_tab", name=name, shown=shown or both("sync.blank"))


def _ours(first: list[str], expected: list[str], kind: str) -> bool:
    """Whether row 1 is the header salespipe writes for ``kind``, now or before the columns
    of :data:`ADDED_COLUMNS` were added."""
    added = ADDED_COLUMNS.get(kind, 0)
    return first == expected or (added > 0 and first == expected[:-added])


def layout_moved(before: Sequence[Sequence[Any]], after: Sequence[Sequence[Any]]) -> bool:
    """Whether the dashboard's sections start on other rows than in the tab as it is: its
    column A differs before the last section (the months, open-ended formats) begins."""

    def labels(rows: Sequence[Sequence[Any]]) -> list[str]:
        column = [str(row[0]).strip() if row else "" for row in rows]
        end = next((n for n, label in enumerate(column) if label in FORECAST_TITLE), None)
        return column if end is None else column[: end + 1]

    return labels(before) != labels(after)


def _trimmed(row: Sequence[Any]) -> list[str]:
    out = [str(v).strip() for v in row]
    while out and not out[-1]:
        out.pop()
    return out
