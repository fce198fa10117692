"""Pipedrive follow-ups never create a deal, and closed deals carry their won/lost time.

Pipedrive has no duplicate identifier for deals (its help, "How to avoid duplicates
during an import"): an activity row that names its deal by ``Deal - Title`` creates a
new deal. So a follow-up goes on its deal's own row (``Activity - …`` columns of
``pipedrive_deals.csv``, imported with the deal that it creates) unless the deal's
Pipedrive ID is known from a previous import, in which case it goes to
``pipedrive_activities.csv`` with that ID and nothing else naming the deal.

The sample (tests/export/sample.py) has two follow-ups: « Site vitrine » (3rd touch,
due 13/11/2026) and « Chatbot » (2nd touch, due 17/11/2026); « Audit » won on
15/10/2026, « Formation » lost without a date.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from salespipe.export import ExportResult, export_workbook
from tests.export.checks import check_import_file
from tests.export.sample import AS_OF
from tests.export.test_pipedrive_ids import DEAL_ID, _again, _deals_export, _write, first

__all__ = ["first"]  # the fixture: the sample exported once, maps completed

ACTIVITY = ("Activity - Subject", "Activity - Type", "Activity - Due date")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def test_first_export_puts_follow_ups_on_the_deal_rows(first: ExportResult) -> None:
    out = first.out_dir
    # no follow-up for the activities file: it is written with its header only (so that
    # an earlier export's file never stays behind), and nothing in it creates a deal
    assert _rows(out / "pipedrive_activities.csv") == []
    deals = _rows(out / "pipedrive_deals.csv")
    assert [(d["Deal - Title"], *(d[h] for h in ACTIVITY)) for d in deals if d[ACTIVITY[0]]] == [
        ("Site vitrine", "Relance n°3 : Site vitrine", "call", "2026-11-13"),
        ("Chatbot", "Relance n°2 : Chatbot", "call", "2026-11-17"),
    ]
    site = deals[0]
    # the deal's owner, as owners.csv names the Pipedrive user (here as typed)
    assert (site["Activity - Assigned to user"], site["Deal - Owner"]) == ("Marie", "Marie")
    assert site["Activity - Done"] == "0"
    for spec in first.plan.profile.files:
        check_import_file(out / f"{spec.stem}.csv", spec, first.plan.profile)
    summary = first.summary()
    assert "2 relances sur la ligne de leur affaire (pipedrive_deals.csv)" in summary


def test_closed_deals_carry_their_won_or_lost_time(first: ExportResult) -> None:
    deals = {d["Deal - Title"]: d for d in _rows(first.out_dir / "pipedrive_deals.csv")}
    assert (deals["Audit"]["Deal - Won time"], deals["Audit"]["Deal - Lost time"]) == (
        "2026-10-15",
        "",
    )
    assert (deals["Formation"]["Deal - Won time"], deals["Formation"]["Deal - Lost time"]) == (
        "",
        "",
    )
    assert all(not d["Deal - Won time"] and not d["Deal - Lost time"]
               for t, d in deals.items() if t not in ("Audit", "Formation"))  # fmt: skip
    missing = [f for f in first.plan.findings if f.code == "close_time_missing"]
    assert [(f.row, f.column) for f in missing] == [(7, "Date de clôture prévue")]
    assert "import" in missing[0].message


def test_known_deals_get_their_follow_ups_by_pipedrive_id_only(first: ExportResult) -> None:
    """All deals but « Logiciel » known: both follow-ups go to the activities file, with
    the deal's Pipedrive ID and no column that could create a deal or a contact."""
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first), ",", bom=False)
    result = _again(first)
    assert result.outcome == "ok"
    activities = _rows(result.out_dir / "pipedrive_activities.csv")
    assert list(activities[0]) == [
        "Activity - Subject",
        "Activity - Type",
        "Activity - Due date",
        "Activity - Assigned to user",
        "Activity - Done",
        DEAL_ID,
    ]
    assert [(a["Activity - Subject"], a[DEAL_ID]) for a in activities] == [
        ("Relance n°3 : Site vitrine", "101"),
        ("Relance n°2 : Chatbot", "105"),
    ]
    deals = _rows(result.out_dir / "pipedrive_deals.csv")
    assert ACTIVITY[0] not in deals[0]  # no follow-up left for a deal row: columns left out
    assert "2 relances dans pipedrive_activities.csv" in result.summary()


def test_a_follow_up_of_a_deal_still_to_create_stays_on_its_row(first: ExportResult) -> None:
    """« Chatbot » and « Logiciel » not in Pipedrive yet: Chatbot's follow-up is created
    with it, from its deal row; Site vitrine's goes by ID."""
    _write(first.out_dir / "pipedrive_ids.csv", _deals_export(first, skip=2), ";", bom=True)
    result = _again(first)
    activities = _rows(result.out_dir / "pipedrive_activities.csv")
    assert [(a["Activity - Subject"], a[DEAL_ID]) for a in activities] == [
        ("Relance n°3 : Site vitrine", "101")
    ]
    deals = _rows(result.out_dir / "pipedrive_deals.csv")
    assert [(d["Deal - Title"], d[DEAL_ID], d[ACTIVITY[0]]) for d in deals if d[ACTIVITY[0]]] == [
        ("Chatbot", "", "Relance n°2 : Chatbot")
    ]
    summary = result.summary()
    assert "1 relance sur la ligne de son affaire" in summary
    assert "1 relance dans pipedrive_activities.csv" in summary


def test_english_summary(tmp_path: Path, first: ExportResult) -> None:
    source = first.out_dir.parent / "pipeline.xlsx"
    result = export_workbook(source, "pipedrive", first.out_dir, as_of=AS_OF, lang="en")
    assert "2 follow-ups on their deal's row (pipedrive_deals.csv)" in result.summary()
