"""What a sync writes to Google Sheets (the emulator, real gspread): typed values a person's
own formulas can compute with, formats, and writes in proportion to what changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from gspread.utils import absolute_range_name, rowcol_to_a1

from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.job import managed_layouts, run_sync
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator

MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité"]
WRITES = ("spreadsheets.batchUpdate",)
DAY = {"type": "DATE", "pattern": "dd/mm/yyyy"}


def serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


@pytest.fixture
def pipeline(demo: Path) -> dict[str, list[list[Any]]]:
    grids = read_grids(demo)
    return {name: as_google_returns(grids[name]) for name in USER_TABS}


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, pipeline: dict[str, list[list[Any]]]) -> str:
    return sheets_emulator.create_spreadsheet(
        "Suivi commercial", pipeline, locale="fr_FR", value_input="RAW"
    )


def sync(emulator: SheetsEmulator, key: str, credentials: Path, **settings: Any) -> dict[str, int]:
    """One run of `salespipe sync --no-history`; the Sheets requests it made."""
    emulator.stats.reset()
    run_sync(SyncSettings(**settings), connect(emulator, key, credentials), AS_OF)
    calls = dict(emulator.stats.by_endpoint())
    calls.pop("oauth2.token", None)
    return calls


def row_of(rows: list[list[Any]], label: str) -> int:
    """The 1-based row whose column A is ``label``."""
    return next(n for n, row in enumerate(rows, start=1) if row and row[0] == label)


def test_dates_months_rates_and_euros_are_numbers_a_formula_can_use(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sync(sheets_emulator, key, service_account_file)
    board = "'Tableau de bord'"
    values = sheets_emulator.get_values(key, board)
    shown = sheets_emulator.get_values(key, board, render="FORMATTED_VALUE")

    def cell(label: str) -> tuple[Any, Any, Any]:
        n = row_of(values, label)
        fmt = sheets_emulator.number_format(key, f"{board}!B{n}")
        return values[n - 1][1], shown[n - 1][1], fmt

    # Dates among numbers: serials (days since 30/12/1899) with a format of their own.
    assert cell("Date du rapport") == (serial(AS_OF), "23/11/2026", DAY)
    assert cell("Début de période") == (serial(date(2026, 10, 1)), "01/10/2026", DAY)
    assert cell("Fin de période") == (serial(date(2026, 12, 31)), "31/12/2026", DAY)
    assert cell("Affaires") == (239, "239", None)  # the number next to them stays a number
    # 52 won of 116 decided deals: a rate, shown in percent.
    rate, text, fmt = cell("Taux de réussite")
    assert rate == pytest.approx(52 / 116) and text == "44.8 %"
    assert fmt == {"type": "PERCENT", "pattern": "0.0 %"}
    amount, _, fmt = cell("Pipeline en cours")
    assert amount == 3512600.5 and fmt is not None and fmt["type"] == "CURRENCY"
    # The forecast's months: the 1st of each month, shown « mmm yyyy ».
    first = row_of(values, "Mois") + 1
    assert values[first - 1][0] == serial(date(2026, 2, 1))
    assert shown[first - 1][0] == "Feb 2026"  # the emulator's month names are English
    assert sheets_emulator.number_format(key, f"{board}!A{first}") == {
        "type": "DATE",
        "pattern": "mmm yyyy",
    }
    # The demo's deals close from February 2026 to May 2027, none in March 2026.
    months = [row[0] for row in values[first - 1 :] if isinstance(row[0], int)]
    expected = [(2026, m) for m in (2, *range(4, 13))] + [(2027, m) for m in range(1, 6)]
    assert months == [serial(date(y, m, 1)) for y, m in expected]
    assert values[first - 1 + len(months)][0] == "(sans date)"  # text stays text


def test_salespipes_tabs_have_their_header_frozen_and_columns_fitted(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sync(sheets_emulator, key, service_account_file)
    spreadsheet = sheets_emulator.spreadsheet(key)
    for title in MANAGED:
        sheet = spreadsheet.find_sheet(title)
        assert sheet is not None and sheet.grid.get("frozenRowCount") == 1
        widths = [sheet.col_meta.get(c, {}).get("pixelSize") for c in range(sheet.col_count)]
        assert all(widths), title
    relances = spreadsheet.find_sheet("Relances")
    assert relances is not None
    # « Affaire » (long deal names) is wider than « Ligne » (row numbers).
    assert relances.col_meta[2]["pixelSize"] > relances.col_meta[0]["pixelSize"]
    pipeline = spreadsheet.find_sheet("Pipeline")
    assert pipeline is not None and not pipeline.grid.get("frozenRowCount")  # the user's


@pytest.mark.parametrize(
    ("lang", "states"),
    [
        ("fr", {"en retard", "cette semaine", "plus tard"}),
        ("en", {"overdue", "this week", "later"}),
    ],
)
def test_follow_up_states_are_in_the_sheets_language(
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    lang: str,
    states: set[str],
) -> None:
    sync(sheets_emulator, key, service_account_file, lang=lang)
    tab = "Relances" if lang == "fr" else "Follow-ups"
    rows = sheets_emulator.get_values(key, tab)
    column = rows[0].index("État" if lang == "fr" else "State")
    assert states <= {row[column] for row in rows[1:]}


def earlier_versions_tabs(emulator: SheetsEmulator, key: str) -> None:
    """Turn the managed tabs into what an earlier version wrote: dates as text
    (``23/11/2026``), months as text (``2026-02``), no frozen header, no fitted widths."""
    spreadsheet = emulator.spreadsheet(key)
    for title in MANAGED:
        sheet = spreadsheet.find_sheet(title)
        assert sheet is not None
        quoted = f"'{title}'"
        values = emulator.get_values(key, quoted)
        for r, row in enumerate(values, start=1):
            for c, value in enumerate(row, start=1):
                fmt = emulator.number_format(key, f"{quoted}!{rowcol_to_a1(r, c)}")
                if fmt and fmt["type"] == "DATE" and isinstance(value, int):
                    day = date.fromordinal(date(1899, 12, 30).toordinal() + value)
                    text = f"{day:%Y-%m}" if fmt["pattern"] == "mmm yyyy" else f"{day:%d/%m/%Y}"
                    row[c - 1] = text
        emulator.set_values(key, f"{quoted}!A1", values, value_input="RAW")
        grid = {"sheetId": sheet.sheet_id, "gridProperties": {"frozenRowCount": 0}}
        emulator.apply(
            key,
            {
                "repeatCell": {
                    "range": {"sheetId": sheet.sheet_id},
                    "cell": {"userEnteredFormat": {}},
                    "fields": "userEnteredFormat.numberFormat",
                }
            },
            {
                "updateSheetProperties": {
                    "properties": grid,
                    "fields": "gridProperties.frozenRowCount",
                }
            },
        )


def test_tabs_an_earlier_version_wrote_with_text_dates_are_typed_in_three_requests(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sync(sheets_emulator, key, service_account_file)
    typed = {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED}
    earlier_versions_tabs(sheets_emulator, key)
    board = sheets_emulator.get_values(key, "'Tableau de bord'")
    assert board[row_of(board, "Date du rapport") - 1][1] == "23/11/2026"
    assert board[row_of(board, "Mois")][0] == "2026-02"

    calls = sync(sheets_emulator, key, service_account_file)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1, "spreadsheets.batchUpdate": 1}
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED} == typed
    shown = sheets_emulator.get_values(key, "'Tableau de bord'", render="FORMATTED_VALUE")
    assert shown[row_of(board, "Date du rapport") - 1][1] == "23/11/2026"
    assert shown[row_of(board, "Mois")][0] == "Feb 2026"
    assert sheets_emulator.number_format(key, "Relances!G2") == DAY
    relances = sheets_emulator.spreadsheet(key).find_sheet("Relances")
    assert relances is not None and relances.grid.get("frozenRowCount") == 1
    # Upgraded once: the next run finds nothing to write.
    assert sync(sheets_emulator, key, service_account_file) == {
        "spreadsheets.get": 1,
        "values.batchGet": 1,
    }


def edit_deals(emulator: SheetsEmulator, key: str, count: int) -> None:
    """A person edits ``count`` deals (the first ones): a new name and a new amount."""
    rows = emulator.get_values(key, "Pipeline")
    header = next(n for n, row in enumerate(rows) if row and row[0] == "ID")
    name, amount = rows[header].index("Affaire"), rows[header].index("Montant HT")
    edited = 0
    for n, row in enumerate(rows[header + 1 :], start=header + 2):
        if edited == count:
            break
        if len(row) <= amount or not row[name]:
            continue  # a blank or short row of the demo's mess
        emulator.set_values(key, f"Pipeline!B{n}", [[f"{row[name]} (v2)"]], value_input="RAW")
        emulator.set_values(key, f"Pipeline!J{n}", [[12345.5 + n]], value_input="RAW")
        assert name == 1 and amount == 9  # columns B and J
        edited += 1


def written_bytes(emulator: SheetsEmulator) -> int:
    return sum(emulator.stats.bytes_received(endpoint) for endpoint in WRITES)


def from_scratch(emulator: SheetsEmulator, key: str, credentials: Path) -> dict[str, Any]:
    """The managed tabs a first run writes on a copy of the spreadsheet's user tabs."""
    user = {t: emulator.get_values(key, absolute_range_name(t)) for t in USER_TABS}
    copy = emulator.create_spreadsheet("Suivi commercial", user, locale="fr_FR", value_input="RAW")
    sync(emulator, copy, credentials)
    return {t: emulator.get_values(copy, f"'{t}'") for t in MANAGED}


def test_a_run_sends_only_what_changed(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """239 deals. Today's full rewrite of every managed cell, measured on the same tabs,
    against runs where nothing, 2 deals (1 %) and every deal changed."""
    sync(sheets_emulator, key, service_account_file)
    gateway = connect(sheets_emulator, key, service_account_file)
    result = run_sync(SyncSettings(), gateway, AS_OF)
    tables = {name: rows for name, (rows, _) in managed_layouts(result.report, "fr").items()}
    sheets_emulator.stats.reset()
    full = connect(sheets_emulator, key, service_account_file)  # has not read the tabs
    full.write_tabs(tables)
    full_bytes = written_bytes(sheets_emulator)
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate") == 1 and full_bytes > 20_000

    assert sync(sheets_emulator, key, service_account_file) == {
        "spreadsheets.get": 1,
        "values.batchGet": 1,
    }
    assert written_bytes(sheets_emulator) == 0

    edit_deals(sheets_emulator, key, 2)
    calls = sync(sheets_emulator, key, service_account_file)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1, "spreadsheets.batchUpdate": 1}
    one_percent = written_bytes(sheets_emulator)
    assert 0 < one_percent < full_bytes * 0.05
    expected = from_scratch(sheets_emulator, key, service_account_file)
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED} == expected

    edit_deals(sheets_emulator, key, 239)
    calls = sync(sheets_emulator, key, service_account_file)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1, "spreadsheets.batchUpdate": 1}
    every = written_bytes(sheets_emulator)
    assert one_percent < every < full_bytes
    expected = from_scratch(sheets_emulator, key, service_account_file)
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED} == expected


def follow_up(emulator: SheetsEmulator, key: str, count: int) -> list[str]:
    """A person logs a call on ``count`` open deals: next follow-up in a week (column O).
    Returns their IDs."""
    rows = emulator.get_values(key, "Pipeline")
    header = next(n for n, row in enumerate(rows) if row and row[0] == "ID")
    status, due = rows[header].index("Statut"), rows[header].index("Prochaine relance")
    assert due == 14  # column O
    done: list[str] = []
    for n, row in enumerate(rows[header + 1 :], start=header + 2):
        if len(done) < count and len(row) > status and row[status] == "en cours":
            emulator.set_values(key, f"Pipeline!O{n}", [[serial(AS_OF) + 7]], value_input="RAW")
            done.append(row[0])
    return done


def test_lines_that_move_in_relances_are_moved_not_rewritten(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """« Relances » is sorted by state and due date: two deals followed up leave their
    places, and every line between would shift. The run deletes and inserts those two
    lines instead of rewriting the ones in between, in the same three requests."""
    sync(sheets_emulator, key, service_account_file)
    before = sheets_emulator.get_values(key, "Relances")
    moved = follow_up(sheets_emulator, key, 2)
    calls = sync(sheets_emulator, key, service_account_file)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1, "spreadsheets.batchUpdate": 1}
    sent = sheets_emulator.stats.bytes_received("spreadsheets.batchUpdate")
    after = sheets_emulator.get_values(key, "Relances")
    assert after == from_scratch(sheets_emulator, key, service_account_file)["Relances"]
    ids = [row[1] for row in after]
    assert sorted(ids) == sorted(row[1] for row in before)  # same deals, two moved
    assert [i for i in ids if i not in moved] == [row[1] for row in before if row[1] not in moved]
    # Both now due in a week (30/11/2026), among the later ones; every date still a date.
    assert {after[ids.index(i)][6] for i in moved} == {serial(AS_OF) + 7}
    for n in range(2, len(after) + 1):
        assert sheets_emulator.number_format(key, f"Relances!G{n}") == DAY
    # A fraction of rewriting every managed cell, about 26 kB here (what each run sent).
    assert sent < 8_000


def test_moves_whose_answer_was_lost_are_not_made_twice(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """The batch went through but its answer was lost: whether the lines moved is unknown,
    so the retry writes « Relances » whole rather than moving lines again."""
    sync(sheets_emulator, key, service_account_file)
    follow_up(sheets_emulator, key, 2)
    sheets_emulator.faults.drop(endpoint="spreadsheets.batchUpdate", after_processing=True)
    calls = sync(sheets_emulator, key, service_account_file)
    assert calls["spreadsheets.batchUpdate"] == 2
    expected = from_scratch(sheets_emulator, key, service_account_file)
    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED} == expected


def test_dates_among_numbers_keep_their_format_as_rows_move(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """« Historique », newest first: an « Avant » column holds a date (a close date that
    slipped) or an amount; a new line pushes both down, and each keeps the right format."""
    gateway = connect(sheets_emulator, key, service_account_file)
    gateway.read_tabs(USER_TABS)
    header = ["Date", "Affaire", "Avant"]
    slipped = [date(2026, 11, 20), "AFF-0001", date(2026, 12, 15)]
    requoted = [date(2026, 11, 19), "AFF-0002", 30000.0]
    gateway.write_tabs({"Historique": [header, slipped, requoted]})
    assert sheets_emulator.number_format(key, "Historique!C2") == DAY
    assert sheets_emulator.number_format(key, "Historique!C3") is None
    newest = [date(2026, 11, 23), "AFF-0003", 4500.0]
    again = connect(sheets_emulator, key, service_account_file)
    again.read_tabs(USER_TABS, first_rows={"Historique": 100})
    sheets_emulator.stats.reset()
    again.write_tabs({"Historique": [header, newest, slipped, requoted]})
    assert sheets_emulator.stats.by_endpoint() == {"spreadsheets.batchUpdate": 1}
    shown = sheets_emulator.get_values(key, "Historique", render="FORMATTED_VALUE")
    assert [row[2] for row in shown] == ["Avant", "4500", "15/12/2026", "30000"]
    assert sheets_emulator.number_format(key, "Historique!C2") is None
    assert sheets_emulator.number_format(key, "Historique!C3") == DAY


def test_an_english_sheet_is_typed_the_same(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    sync(sheets_emulator, key, service_account_file, lang="en")
    board = sheets_emulator.get_values(key, "Dashboard")
    assert board[row_of(board, "Report date") - 1][1] == serial(AS_OF)
    assert sheets_emulator.number_format(key, f"Dashboard!B{row_of(board, 'Report date')}") == DAY


def test_table_tabs_get_a_filter_once_and_keep_the_persons_criteria(
    sheets_emulator: SheetsEmulator, key: str, service_account_file: Path
) -> None:
    """Relances and Contrôle qualité are one table each: a filter on the whole tab (an
    unbounded range, so it follows the rows later runs add), as the local workbook has; the
    dashboard, made of sections, has none. The filter is set when the tab is created, never
    again: criteria a person chose survive the next runs."""
    sync(sheets_emulator, key, service_account_file)
    spreadsheet = sheets_emulator.spreadsheet(key)
    for title in ("Relances", "Contrôle qualité"):
        sheet = spreadsheet.find_sheet(title)
        assert sheet is not None and "basicFilter" in sheet.extras, title
        assert sheet.extras["basicFilter"]["range"]["sheetId"] == sheet.sheet_id
    dashboard = spreadsheet.find_sheet("Tableau de bord")
    assert dashboard is not None and "basicFilter" not in dashboard.extras
    relances = spreadsheet.find_sheet("Relances")
    assert relances is not None
    chosen = {"columnIndex": 3, "filterCriteria": {"hiddenValues": ["Sophie Petit"]}}
    relances.extras["basicFilter"]["filterSpecs"] = [chosen]
    sync(sheets_emulator, key, service_account_file)
    assert relances.extras["basicFilter"]["filterSpecs"] == [chosen]
