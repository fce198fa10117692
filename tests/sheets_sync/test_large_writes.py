"""A write too large for one request: Google refuses a body over 10 MiB (400 « Request
payload size exceeds the limit: 10485760 bytes. »), so a write whose JSON would exceed the
gateway's budget goes in several spreadsheets.batchUpdate, and ends as one request would.

Real gspread and google-auth over HTTP to the emulator, which refuses such a body as
Google does. The demo pipeline's write is a few dozen kB: a budget lowered to a few kB
splits it as a 50 000-deal first run (18 MB) is split under the real one; one test writes
a true 11 MB tab.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from gspread.utils import absolute_range_name

from salespipe.core.errors import SourceError
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.google.batch_write import REQUEST_BUDGET, body_size, split_requests
from sheets_sync.google.gateway import RetryPolicy, SheetsGateway
from sheets_sync.job import run_sync
from tests.sheets_sync.spreadsheets import AS_OF, USER_TABS, as_google_returns, connect
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_faults import delete_tab, tab_edits
from tests.support.sheets_http import REQUEST_LIMIT

MANAGED = ["Tableau de bord", "Relances", "Contrôle qualité"]
WRITE = "spreadsheets.batchUpdate"
#: Small enough to split the demo's first write (71 kB) in several parts, large enough for
#: the first to carry every structure and format request (10 kB) and the dashboard's
#: values (12 kB), which come first, as under the real budget.
SMALL_BUDGET = 24_000


@pytest.fixture
def user_tabs(demo: Path) -> dict[str, list[list[Any]]]:
    grids = read_grids(demo)
    return {name: as_google_returns(grids[name]) for name in USER_TABS}


def new_spreadsheet(emulator: SheetsEmulator, tabs: dict[str, list[list[Any]]]) -> str:
    return emulator.create_spreadsheet("Suivi commercial", tabs, locale="fr_FR", value_input="RAW")


def gateway(emulator: SheetsEmulator, key: str, credentials: Path, budget: int) -> SheetsGateway:
    sheet = connect(emulator, key, credentials)
    sheet.request_budget = budget
    return sheet


def managed_state(emulator: SheetsEmulator, key: str) -> dict[str, Any]:
    """Everything the managed tabs hold: properties (id, size, frozen rows), cells with
    their values and formats, filters, row and column properties."""
    with emulator.lock:
        sheets = {s.title: s for s in emulator.spreadsheet(key).sheets if s.title in MANAGED}
        return copy.deepcopy(
            {
                title: {
                    "props": {k: v for k, v in s.props.items() if k != "index"},
                    "rows": s.rows,
                    "extras": s.extras,
                    "row_meta": s.row_meta,
                    "col_meta": s.col_meta,
                }
                for title, s in sheets.items()
            }
        )


def write_sizes(emulator: SheetsEmulator) -> list[int]:
    """The body of each write request received, in bytes."""
    return [r.bytes_in for r in emulator.stats.records if r.endpoint == WRITE]


def one_request_run(
    emulator: SheetsEmulator, tabs: dict[str, list[list[Any]]], credentials: Path
) -> dict[str, Any]:
    """The managed tabs a first run writes in one request (the default budget)."""
    key = new_spreadsheet(emulator, tabs)
    emulator.stats.reset()
    run_sync(SyncSettings(), connect(emulator, key, credentials), AS_OF)
    assert len(write_sizes(emulator)) == 1
    return managed_state(emulator, key)


def test_a_first_run_over_the_budget_is_split_and_ends_as_one_request_would(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    expected = one_request_run(sheets_emulator, user_tabs, service_account_file)
    whole = write_sizes(sheets_emulator)[0]
    key = new_spreadsheet(sheets_emulator, user_tabs)
    sheets_emulator.stats.reset()
    run_sync(
        SyncSettings(), gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET), AS_OF
    )

    assert managed_state(sheets_emulator, key) == expected
    sizes = write_sizes(sheets_emulator)
    assert len(sizes) >= 3 and max(sizes) <= SMALL_BUDGET
    # The same requests, cut by rows: a few hundred bytes more for the repeated ranges.
    assert whole < sum(sizes) < whole + 600 * len(sizes)
    assert sheets_emulator.stats.count(WRITE, status=200) == len(sizes)


def test_a_run_that_fits_still_makes_one_write(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """Below the budget nothing changes: open, read, one write; nothing when nothing changed."""
    key = new_spreadsheet(sheets_emulator, user_tabs)
    for writes in (1, 0):
        sheets_emulator.stats.reset()
        sheet = gateway(sheets_emulator, key, service_account_file, REQUEST_BUDGET)
        run_sync(SyncSettings(), sheet, AS_OF)
        assert sheets_emulator.stats.count(WRITE) == writes


def test_the_budget_is_measured_on_the_bytes_gspread_sends(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """body_size of the parts planned equals, byte for byte, what the emulator received:
    the budget is a bound on the real body, not an estimate."""
    key = new_spreadsheet(sheets_emulator, user_tabs)
    sent: list[list[dict[str, Any]]] = []
    sheet = gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET)
    batch_update = sheet.http.batch_update

    def recording(key: str, body: Any) -> Any:
        sent.append(body["requests"])
        return batch_update(key, body)

    sheet.http.batch_update = recording  # type: ignore[method-assign]
    sheets_emulator.stats.reset()
    run_sync(SyncSettings(), sheet, AS_OF)

    assert [body_size(part) for part in sent] == write_sizes(sheets_emulator)
    first, *rest = sent
    kinds = [next(iter(r)) for r in first]
    # every structure and format request in the first part, before any value
    assert kinds.count("addSheet") == len(MANAGED) and "updateCells" in kinds
    assert max(i for i, k in enumerate(kinds) if k != "updateCells") < kinds.index("updateCells")
    assert "updateSheetProperties" not in kinds[kinds.index("updateCells") :]
    # the next ones: values, each addressed by sheet id; the column fitting, then the
    # freezing of row 1 (the mark of a tab written to the end) last
    for part in rest[:-1]:
        assert {next(iter(r)) for r in part} == {"updateCells"}
    last = [next(iter(r)) for r in rest[-1]]
    fitted = last.index("autoResizeDimensions")
    assert set(last[:fitted]) <= {"updateCells"}
    assert last[fitted:] == ["autoResizeDimensions"] * 3 + ["updateSheetProperties"] * 3
    assert {r["updateSheetProperties"]["fields"] for r in rest[-1][fitted + 3 :]} == {
        "gridProperties.frozenRowCount"
    }
    ids = set(sheets_emulator.sheet_ids(key).values())
    assert {
        r["updateCells"]["range"]["sheetId"] for p in sent for r in p if "updateCells" in r
    } <= ids


def test_an_update_split_by_rows_keeps_every_row_once_in_order() -> None:
    """Hand-worked: 10 rows of one cell « row n » (each row 60 bytes of JSON) under a
    budget that holds 4 of them a batch: 4 + 4 + 2 rows, ranges 0-4, 4-8, 8-10."""
    rows = [{"values": [{"userEnteredValue": {"stringValue": f"row {n}"}}]} for n in range(10)]
    grid = {"sheetId": 7, "startRowIndex": 0, "endRowIndex": 10}
    update = {"updateCells": {"range": grid, "rows": rows, "fields": "userEnteredValue"}}
    shell = body_size([{"updateCells": {"range": grid, "rows": [], "fields": "userEnteredValue"}}])
    budget = shell + 4 * 60 + 3 * 2 + 40  # four rows and their separators, plus the slack
    parts = split_requests([], [update], [], budget=budget)

    assert [[r["updateCells"]["range"] for r in p] for p in parts] == [
        [{"sheetId": 7, "startRowIndex": 0, "endRowIndex": 4}],
        [{"sheetId": 7, "startRowIndex": 4, "endRowIndex": 8}],
        [{"sheetId": 7, "startRowIndex": 8, "endRowIndex": 10}],
    ]
    assert [row for p in parts for r in p for row in r["updateCells"]["rows"]] == rows
    assert all(body_size(p) <= budget for p in parts)
    # within the budget, one part as before
    assert split_requests([], [update], [], budget=body_size([update])) == [[update]]


def test_a_later_part_whose_answer_is_lost_is_sent_again(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    expected = one_request_run(sheets_emulator, user_tabs, service_account_file)
    key = new_spreadsheet(sheets_emulator, user_tabs)
    # queued while the first part is carried out: the second part is done, its answer lost
    sheets_emulator.before(
        WRITE, lambda: sheets_emulator.faults.drop(endpoint=WRITE, after_processing=True)
    )
    sheets_emulator.stats.reset()
    run_sync(
        SyncSettings(), gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET), AS_OF
    )

    assert managed_state(sheets_emulator, key) == expected
    dropped = [r for r in sheets_emulator.stats.records if r.endpoint == WRITE and not r.status]
    assert len(dropped) == 1


def test_a_tab_deleted_between_parts_stops_with_a_message_and_the_next_run_repairs(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """The first part created the tabs and wrote some values; « Relances » is deleted
    before the second: Google refuses it (400 « No grid with id »). The run stops and says
    that the tabs are partly written; the next run reads them and writes what is missing
    (their row 1 not frozen yet, it also sets their formats and fits their columns)."""
    expected = one_request_run(sheets_emulator, user_tabs, service_account_file)
    key = new_spreadsheet(sheets_emulator, user_tabs)
    edits: list[Callable[[], None]] = [
        lambda: None,
        tab_edits(sheets_emulator, key, delete_tab("Relances")),
    ]
    sheets_emulator.before(WRITE, lambda: edits.pop(0)(), times=2)
    sheet = gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET)
    with pytest.raises(SourceError) as error:
        run_sync(SyncSettings(), sheet, AS_OF)

    assert error.value.code == "sheets_write_incomplete"
    parts = error.value.params["parts"]
    assert parts >= 3
    assert str(error.value) == (
        "L'écriture dans le classeur « Suivi commercial » s'est arrêtée après 1 envoi(s) sur "
        f"{parts} : l'onglet « Relances » de salespipe a été supprimé pendant l'écriture. "
        "Les onglets de salespipe n'y sont écrits qu'en partie ; la prochaine "
        "synchronisation les relit et écrit ce qui manque."
    )
    assert error.value.message("en").startswith(
        "The write to the spreadsheet « Suivi commercial » stopped after 1 of "
        f"{parts} batches: salespipe's tab « Relances » was deleted during the write."
    )
    assert "Relances" not in sheets_emulator.sheet_ids(key)
    assert managed_state(sheets_emulator, key) != expected

    run_sync(
        SyncSettings(), gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET), AS_OF
    )
    assert managed_state(sheets_emulator, key) == expected


def test_a_partly_written_tab_is_completed_by_the_next_run(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """Any failure of a later part (here Google unavailable at every try) says so; the
    next run's diff writes what the tabs lack."""
    expected = one_request_run(sheets_emulator, user_tabs, service_account_file)
    whole = write_sizes(sheets_emulator)[0]
    key = new_spreadsheet(sheets_emulator, user_tabs)
    sheets_emulator.before(WRITE, lambda: sheets_emulator.faults.fail(503, times=2, endpoint=WRITE))
    with pytest.raises(SourceError) as error:
        run_sync(
            SyncSettings(), gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET), AS_OF
        )
    assert error.value.code == "sheets_write_incomplete"
    assert "après 1 envoi(s) sur" in str(error.value) and "HTTP 503" in str(error.value)

    sheets_emulator.stats.reset()
    run_sync(
        SyncSettings(), gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET), AS_OF
    )
    assert managed_state(sheets_emulator, key) == expected
    # what the first part wrote is not sent again
    assert sum(write_sizes(sheets_emulator)) < whole - SMALL_BUDGET // 2


# ---------------------------------------------------------------- true size


#: A note as people write them, accents included (each « é » is 6 bytes of JSON: gspread's
#: body escapes non-ASCII characters).
NOTE = "Relancé par téléphone, devis révisé à envoyer après la réunion de lundi. " * 10


def big_tab(rows: int) -> list[list[Any]]:
    """A tab whose first write is over 10 MiB of JSON: 5 text cells a row, one a long note."""
    header = ["Date", "Affaire", "Société", "Étape", "Note"]
    body = [
        [f"2026-11-{n % 28 + 1:02d}", f"D{n:05d}", f"Société {n % 997}", "Rendez-vous", NOTE]
        for n in range(rows)
    ]
    return [header, *body]


@pytest.mark.slow
def test_a_true_size_write_stays_under_googles_limit(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """14 MB of JSON (10 000 rows with long notes): in one request, which the emulator
    refuses as Google does (nothing written); under the default budget, two batches, each
    under 8 MiB, and the tab holds every row."""
    rows = big_tab(10_000)
    key = new_spreadsheet(sheets_emulator, user_tabs)
    once = RetryPolicy(attempts=1, timeout=60.0, sleep=lambda _: None)

    unsplit = gateway(sheets_emulator, key, service_account_file, 2 * REQUEST_LIMIT)
    unsplit.retry = once
    with pytest.raises(SourceError) as error:
        unsplit.write_tabs({"Historique": rows})
    assert error.value.code == "sheets_refused"
    assert str(error.value) == (
        "Google Sheets a refusé la requête spreadsheets.batchUpdate : Request payload size "
        "exceeds the limit: 10485760 bytes."
    )
    (refused,) = write_sizes(sheets_emulator)
    assert REQUEST_LIMIT < refused < 15_000_000
    assert "Historique" not in sheets_emulator.sheet_ids(key)

    sheets_emulator.stats.reset()
    sheet = gateway(sheets_emulator, key, service_account_file, REQUEST_BUDGET)
    sheet.retry = once
    sheet.write_tabs({"Historique": rows})
    sizes = write_sizes(sheets_emulator)
    assert len(sizes) == 2 and max(sizes) <= REQUEST_BUDGET < REQUEST_LIMIT
    assert sizes[0] > REQUEST_BUDGET - 2_000  # the first batch is filled
    assert sheets_emulator.get_values(key, absolute_range_name("Historique")) == rows


def test_a_tab_deleted_before_a_split_write_is_created_again(
    sheets_emulator: SheetsEmulator,
    user_tabs: dict[str, list[list[Any]]],
    service_account_file: Path,
) -> None:
    """The re-plan of a write refused for a tab deleted since the read (400 « No grid with
    id » on the first batch: nothing written) still works when the write is split: the
    tab is created again and the whole write goes in several batches."""
    next_day = AS_OF + timedelta(days=1)
    fresh = new_spreadsheet(sheets_emulator, user_tabs)
    run_sync(SyncSettings(), connect(sheets_emulator, fresh, service_account_file), next_day)
    expected = {t: sheets_emulator.get_values(fresh, f"'{t}'") for t in MANAGED}
    key = new_spreadsheet(sheets_emulator, user_tabs)
    run_sync(SyncSettings(), connect(sheets_emulator, key, service_account_file), AS_OF)
    sheets_emulator.before(WRITE, tab_edits(sheets_emulator, key, delete_tab("Relances")))
    sheets_emulator.stats.reset()
    sheet = gateway(sheets_emulator, key, service_account_file, SMALL_BUDGET)
    run_sync(SyncSettings(), sheet, next_day)

    assert {t: sheets_emulator.get_values(key, f"'{t}'") for t in MANAGED} == expected
    sizes = write_sizes(sheets_emulator)
    assert sheets_emulator.stats.count(WRITE, status=400) == 1
    assert len(sizes) >= 4 and max(sizes) <= SMALL_BUDGET
