"""The emulator answers real gspread/google-auth calls as Google's Sheets API v4 does.

Every test goes through gspread's public API (or plain HTTP for what gspread hides) and
names, in its docstring, the endpoint or behaviour it checks: Google's reference page for
it, or Google's answer recorded in gspread's cassettes (docs/sources.md).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import gspread
import pytest
import requests
from google.auth.exceptions import RefreshError
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account
from gspread.exceptions import APIError, SpreadsheetNotFound

from tests.support.sheets_auth import DRIVE, SPREADSHEETS
from tests.support.sheets_emulator import PRIVATE_SPREADSHEET_ID, SheetsEmulator
from tests.support.sheets_fixtures import (
    gspread_client,
    make_service_account_key,
    register_oauth_user,
    write_service_account_file,
)

BLOCK = [["A1", "B1", "", "D1"], ["", "b2", "", ""], ["", "", "", ""], ["A4", "B4", "", "D4"]]
MIXED = [["=4/2", "2020-01-01", "string", 53], ["=3/2", 0.12, "1999-01-02", ""]]


@pytest.fixture
def sh(gc: gspread.Client) -> gspread.Spreadsheet:
    """A new spreadsheet made through gspread (Drive files.create), as a user's script would."""
    return gc.create("Suivi commercial")


# ---------------------------------------------------------------- 2.1 spreadsheets.get


def test_new_spreadsheet_metadata(gc: gspread.Client, sh: gspread.Spreadsheet) -> None:
    """spreadsheets.get: 44-character id starting with 1, one Sheet1 (id 0) of 1000x26."""
    assert len(sh.id) == 44 and sh.id[0] == "1"
    meta = sh.fetch_sheet_metadata()
    assert set(meta) == {"spreadsheetId", "properties", "sheets", "spreadsheetUrl"}
    assert meta["properties"]["locale"] == "en_US"
    assert meta["sheets"] == [
        {
            "properties": {
                "sheetId": 0,
                "title": "Sheet1",
                "index": 0,
                "sheetType": "GRID",
                "gridProperties": {"rowCount": 1000, "columnCount": 26},
            }
        }
    ]
    assert gc.open_by_url(f"https://docs.google.com/spreadsheets/d/{sh.id}/edit#gid=0").id == sh.id


def test_unknown_spreadsheet_is_not_found(gc: gspread.Client) -> None:
    """Recorded error: 404 NOT_FOUND, which gspread turns into SpreadsheetNotFound."""
    with pytest.raises(SpreadsheetNotFound) as info:
        gc.open_by_key("test")
    cause = info.value.__cause__
    assert isinstance(cause, APIError) and cause.code == 404
    assert cause.error["status"] == "NOT_FOUND"


def test_unshared_spreadsheet_is_permission_denied(
    gc: gspread.Client, sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """Recorded error: 403 PERMISSION_DENIED; open_by_key raises PermissionError from APIError."""
    with pytest.raises(PermissionError) as info:
        gc.open_by_key(PRIVATE_SPREADSHEET_ID)
    assert isinstance(info.value.__cause__, APIError) and info.value.__cause__.code == 403
    sheets_emulator.deny_access(sh.id)
    with pytest.raises(APIError) as denied:
        sh.values_get("Sheet1!A1")
    assert denied.value.code == 403
    assert denied.value.error == {
        "code": 403,
        "message": "The caller does not have permission",
        "status": "PERMISSION_DENIED",
    }


def test_field_mask_keeps_empty_containers(sh: gspread.Spreadsheet) -> None:
    """spreadsheets.get: a mask keeps the containers on its path, even empty."""
    assert sh.fetch_sheet_metadata({"fields": "namedRanges"}) == {}
    assert sh.fetch_sheet_metadata({"fields": "sheets.properties.tabColorStyle"}) == {
        "sheets": [{"properties": {}}]
    }


# ---------------------------------------------------------------- 2.2 values.get


def test_reads_trim_blank_cells_and_rows(sh: gspread.Spreadsheet) -> None:
    """values.get: trailing blanks trimmed, inner blank rows are [], range echoed."""
    ws = sh.sheet1
    ws.update(BLOCK, "A1")
    answer = sh.values_get("'Sheet1'!A1:D4")
    assert answer == {
        "range": "Sheet1!A1:D4",
        "majorDimension": "ROWS",
        "values": [["A1", "B1", "", "D1"], ["", "b2"], [], ["A4", "B4", "", "D4"]],
    }
    assert ws.get_values() == [
        ["A1", "B1", "", "D1"],
        ["", "b2", "", ""],
        ["", "", "", ""],
        ["A4", "B4", "", "D4"],
    ]


def test_empty_range_has_no_values_key(sh: gspread.Spreadsheet) -> None:
    """values.get: no data -> no ``values`` key, range and majorDimension still there."""
    assert sh.values_get("'Sheet1'!A1") == {"range": "Sheet1!A1", "majorDimension": "ROWS"}
    assert sh.sheet1.acell("A1").value is None


@pytest.mark.parametrize(
    ("requested", "echo"),
    [
        ("'Sheet1'", "Sheet1!A1:Z1000"),
        ("'Sheet1'!A1:C", "Sheet1!A1:C1000"),
        ("Sheet1!A1:1", "Sheet1!A1:Z1"),
        ("Sheet1!D4:A1", "Sheet1!A1:D4"),
        ("Sheet1!A1:A1", "Sheet1!A1"),
        ("Sheet1!$B$2:$C$3", "Sheet1!B2:C3"),
        ("A1:B2", "Sheet1!A1:B2"),
    ],
)
def test_range_echo_is_normalised(sh: gspread.Spreadsheet, requested: str, echo: str) -> None:
    """values.get: whole sheet, open-ended, row, reversed, single-cell ranges."""
    assert sh.values_get(requested)["range"] == echo


def test_sheet_names_are_quoted_in_echoes(sh: gspread.Spreadsheet) -> None:
    """values.get: quoted when not a plain identifier or cell-like; '' doubles."""
    sh.add_worksheet("Plan d'actions", rows=10, cols=5)
    sh.add_worksheet("D3", rows=10, cols=5)
    sh.add_worksheet("Étapes", rows=10, cols=5)
    assert sh.values_get("'Plan d''actions'!A1")["range"] == "'Plan d''actions'!A1"
    assert sh.values_get("D3!A1:B2")["range"] == "'D3'!A1:B2"
    assert sh.values_get("Étapes")["range"] == "'Étapes'!A1:E10"


def test_bad_ranges_are_400(sh: gspread.Spreadsheet) -> None:
    """Error: unknown sheet -> ``Unable to parse range``; outside the grid -> grid limits."""
    with pytest.raises(APIError) as unknown:
        sh.values_get("'Pipeline'!A1")
    assert unknown.value.code == 400
    assert unknown.value.error["message"] == "Unable to parse range: 'Pipeline'!A1"
    assert unknown.value.error["status"] == "INVALID_ARGUMENT"
    with pytest.raises(APIError) as outside:
        sh.values_get("Sheet1!AA1")
    assert "exceeds grid limits. Max rows: 1000, max columns: 26" in outside.value.error["message"]


def test_columns_major_dimension(sh: gspread.Spreadsheet) -> None:
    """values.get: majorDimension=COLUMNS transposes, trimming each column."""
    sh.sheet1.update([["a", "b"], ["c", ""], ["e", ""]], "A1")
    answer = sh.values_get("'Sheet1'!A1:B", params={"majorDimension": "COLUMNS"})
    assert answer["range"] == "Sheet1!A1:B1000"
    assert answer["values"] == [["a", "c", "e"], ["b"]]


# ---------------------------------------------------------------- 4.1 render and input options


def test_value_render_options(sh: gspread.Spreadsheet) -> None:
    """Cell values: UNFORMATTED numbers (ints without .0), FORMULA, FORMATTED_STRING."""
    ws = sh.sheet1
    ws.update(MIXED, "A1", value_input_option="USER_ENTERED")
    assert ws.get(value_render_option="UNFORMATTED_VALUE") == [
        [2, 43831, "string", 53],
        [1.5, 0.12, 36162],
    ]
    assert ws.get(value_render_option="FORMULA") == [
        ["=4/2", 43831, "string", 53],
        ["=3/2", 0.12, 36162],
    ]
    assert ws.get(
        value_render_option="UNFORMATTED_VALUE", date_time_render_option="FORMATTED_STRING"
    ) == [
        [2, "2020-01-01", "string", 53],
        [1.5, 0.12, "1999-01-02"],
    ]
    formatted = [["2", "2020-01-01", "string", "53"], ["1.5", "0.12", "1999-01-02"]]
    assert ws.get() == formatted
    assert (
        ws.get(value_render_option="FORMATTED_VALUE", date_time_render_option="SERIAL_NUMBER")
        == formatted
    )


def test_raw_input_keeps_text_as_text(sh: gspread.Spreadsheet) -> None:
    """Cell values: RAW never parses strings (no formula injection); numbers stay numbers."""
    ws = sh.sheet1
    ws.update(
        [["=SUM(A1:A2)", "0042", "2020-01-01", "'0042", 42, True]], "A1", value_input_option="RAW"
    )
    assert ws.get(value_render_option="FORMULA") == [
        ["=SUM(A1:A2)", "0042", "2020-01-01", "'0042", 42, True]
    ]
    assert ws.get() == [["=SUM(A1:A2)", "0042", "2020-01-01", "'0042", "42", "TRUE"]]


def test_user_entered_input_parses_like_the_ui(sh: gspread.Spreadsheet) -> None:
    """Cell values: numbers, grouping, percent, booleans, apostrophe, en_US dates."""
    ws = sh.sheet1
    row = ["0042", "2,000,000.01", "30%", "TRUE", "'0042", "1/3/2024", "12,5", "= 1 / 1024"]
    ws.update([row], "A1", value_input_option="USER_ENTERED")
    assert ws.get(value_render_option="UNFORMATTED_VALUE") == [
        [42, 2000000.01, 0.3, True, "0042", 45294, "12,5", 0.0009765625]
    ]
    assert ws.get() == [
        ["42", "2,000,000.01", "30%", "TRUE", "0042", "1/3/2024", "12,5", "0.0009765625"]
    ]


def test_user_entered_follows_the_spreadsheet_locale(sh: gspread.Spreadsheet) -> None:
    """Cell values: in fr_FR a comma is the decimal mark and dates are day first (inferred)."""
    sh.update_locale("fr_FR")
    ws = sh.sheet1
    ws.update([["12,5", "1/3/2024", "12 500,50"]], "A1", value_input_option="USER_ENTERED")
    assert ws.get(value_render_option="UNFORMATTED_VALUE") == [[12.5, 45352, 12500.5]]


# ------------------------------------------------- 2.3-2.7 batch reads, writes, append, clear


def test_batch_get_keeps_request_order(sh: gspread.Spreadsheet) -> None:
    """values.batchGet: one ValueRange per range, in order, with its own echo."""
    ws = sh.sheet1
    ws.update(BLOCK, "A1")
    ranges = ws.batch_get(["A1:B1", "B4:D4", "F1:F2"], value_render_option="UNFORMATTED_VALUE")
    assert [r.range for r in ranges] == ["Sheet1!A1:B1", "Sheet1!B4:D4", "Sheet1!F1:F2"]
    assert [list(r) for r in ranges] == [[["A1", "B1"]], [["B4", "", "D4"]], []]


def test_update_reports_what_was_written(sh: gspread.Spreadsheet) -> None:
    """values.update: updatedRange is anchor + extent; nulls skipped and uncounted."""
    ws = sh.sheet1
    assert ws.update([["a1", "B2"]], "A1:B2")["updatedRange"] == "Sheet1!A1:B1"
    ragged = ws.update([["A1", "B1", "C1"], [1, 2, 3, 4]], "A1:D2")
    assert (ragged["updatedRange"], ragged["updatedColumns"], ragged["updatedCells"]) == (
        "Sheet1!A1:D2",
        4,
        7,
    )
    holes = ws.update([["x", None], [None, None], [None, "y"]], "A1")
    assert (holes["updatedRange"], holes["updatedRows"], holes["updatedCells"]) == (
        "Sheet1!A1:B3",
        2,
        2,
    )
    assert ws.get("A1:B2") == [["x", "B1"], ["1", "2"]]


def test_writes_that_do_not_fit_are_refused(sh: gspread.Spreadsheet) -> None:
    """values.update: data larger than the range asked, or past the grid (update never grows it)."""
    ws = sh.add_worksheet("Petit", rows=2, cols=2)
    with pytest.raises(APIError) as larger:
        ws.update([["a"], ["b"], ["c"]], "A1:A2")
    assert "but tried writing to row [3]" in larger.value.error["message"]
    with pytest.raises(APIError) as past:
        ws.update([["a", "b", "c"]], "A1")
    assert (
        past.value.error["message"]
        == "Range (Petit!A1:C1) exceeds grid limits. Max rows: 2, max columns: 2"
    )


def test_body_type_errors_come_first(sh: gspread.Spreadsheet) -> None:
    """Recorded error: a non-list ``values`` is a 400 with a field violation."""
    with pytest.raises(APIError) as info:
        sh.values_update("nonsense!!", params={"valueInputOption": "RAW"}, body={"values": "X"})
    error = info.value.error
    assert (
        error["message"]
        == "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), \"X\""
    )
    assert error["details"][0]["fieldViolations"][0]["field"] == "data.values"


def test_values_batch_update_totals(sh: gspread.Spreadsheet) -> None:
    """values.batchUpdate: one call, totals over all ranges, one response each."""
    answer = sh.values_batch_update(
        {
            "valueInputOption": "RAW",
            "data": [
                {"range": "'Sheet1'!A1:D1", "values": [["A1", "B1", "", "D1"]]},
                {"range": "'Sheet1'!A4:D4", "values": [["A4", "B4", "", "D4"]]},
            ],
        }
    )
    totals = {k: answer[k] for k in answer if k.startswith("total")}
    assert totals == {
        "totalUpdatedRows": 2,
        "totalUpdatedColumns": 4,
        "totalUpdatedCells": 8,
        "totalUpdatedSheets": 1,
    }
    assert [r["updatedRange"] for r in answer["responses"]] == ["Sheet1!A1:D1", "Sheet1!A4:D4"]


def test_values_batch_update_is_all_or_nothing(sh: gspread.Spreadsheet) -> None:
    """values.batchUpdate: a bad range names its index and nothing of the batch is written."""
    body = {
        "valueInputOption": "RAW",
        "data": [
            {"range": "Sheet1!A1", "values": [["kept?"]]},
            {"range": "Nowhere!A1", "values": [["x"]]},
        ],
    }
    with pytest.raises(APIError) as info:
        sh.values_batch_update(body)
    assert info.value.error["message"] == "Invalid data[1]: Unable to parse range: Nowhere!A1"
    assert sh.sheet1.acell("A1").value is None


def test_append_finds_the_table_and_grows_the_grid(sh: gspread.Spreadsheet) -> None:
    """values.append: no tableRange at first, then the table grows; rows are added."""
    ws = sh.add_worksheet("Historique", rows=2, cols=3)
    first = ws.append_rows([["a", "b", "c"]])
    assert "tableRange" not in first and first["updates"]["updatedRange"] == "Historique!A1:C1"
    second = ws.append_rows([["d", "e", "f"], ["g", "h", "i"]])
    assert second["tableRange"] == "Historique!A1:C1"
    assert second["updates"]["updatedRange"] == "Historique!A2:C3"
    sh.sheet1.update([["x", "", "z"]], "A1")
    quirk = sh.values_append("Sheet1", {"valueInputOption": "RAW"}, {"values": [["x", "", "z"]]})
    assert (quirk["tableRange"], quirk["updates"]["updatedRange"]) == ("Sheet1!C1", "Sheet1!C2:E2")
    assert sh.worksheet("Historique").row_count == 3


def test_clear_and_batch_clear(sh: gspread.Spreadsheet) -> None:
    """values.clear: cleared ranges echoed normalised; values gone."""
    ws = sh.sheet1
    ws.update(BLOCK, "A1")
    assert ws.batch_clear(["A1:B1", "C2:E2"])["clearedRanges"] == ["Sheet1!A1:B1", "Sheet1!C2:E2"]
    assert ws.clear()["clearedRange"] == "Sheet1!A1:Z1000"
    assert sh.values_get("Sheet1") == {"range": "Sheet1!A1:Z1000", "majorDimension": "ROWS"}


# ---------------------------------------------------------------- 2.8 spreadsheets.batchUpdate


def test_add_and_delete_worksheets(sh: gspread.Spreadsheet) -> None:
    """batchUpdate: random positive sheet ids, next free index, deleteSheet replies {}."""
    added = [sh.add_worksheet(f"Onglet {i}", rows=1, cols=1) for i in (1, 2)]
    assert [w.index for w in added] == [1, 2]
    assert all(0 < w.id < 2**31 for w in added)
    assert sh.del_worksheet(added[0])["replies"] == [{}]
    assert [(w.title, w.index) for w in sh.worksheets()] == [("Sheet1", 0), ("Onglet 2", 1)]


def test_structural_errors(sh: gspread.Spreadsheet) -> None:
    """batchUpdate: errors name the request; duplicate title and last-sheet removal refused."""
    with pytest.raises(APIError) as hide:
        sh.sheet1.hide()
    assert hide.value.error["message"] == (
        "Invalid requests[0].updateSheetProperties: You can't hide all the sheets in a document."
    )
    with pytest.raises(APIError) as dup:
        sh.add_worksheet("sheet1", rows=1, cols=1)
    assert dup.value.error["message"].startswith(
        'Invalid requests[0].addSheet: A sheet with the name "sheet1"'
    )
    with pytest.raises(APIError) as last:
        sh.del_worksheet(sh.sheet1)
    assert last.value.code == 400


def test_batch_update_is_atomic(sh: gspread.Spreadsheet) -> None:
    """batchUpdate: requests apply in order and a failing one cancels the whole batch."""
    body = {
        "requests": [
            {"addSheet": {"properties": {"title": "Tableau de bord"}}},
            {"deleteSheet": {"sheetId": 12345}},
        ]
    }
    with pytest.raises(APIError) as info:
        sh.batch_update(body)
    assert info.value.error["message"] == "Invalid requests[1].deleteSheet: No grid with id: 12345"
    assert [w.title for w in sh.worksheets()] == ["Sheet1"]


def test_update_cells_on_a_deleted_tab_is_refused_as_google_does(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """updateCells addressed to a sheet id no tab has (deleted since it was read): 400
    INVALID_ARGUMENT « No grid with id », the whole batch refused, whatever the titles."""
    sh.batch_update(
        {"requests": [{"addSheet": {"properties": {"title": "Relances", "sheetId": 5}}}]}
    )
    sh.batch_update({"requests": [{"deleteSheet": {"sheetId": 5}}]})
    sh.batch_update(
        {"requests": [{"addSheet": {"properties": {"title": "Relances", "sheetId": 9}}}]}
    )
    cell = {"values": [{"userEnteredValue": {"stringValue": "salespipe"}}]}
    write = {
        "range": {
            "sheetId": 5,
            "startRowIndex": 0,
            "endRowIndex": 1,
            "startColumnIndex": 0,
            "endColumnIndex": 1,
        },
        "rows": [cell],
        "fields": "userEnteredValue",
    }
    grow = {
        "properties": {"sheetId": 9, "gridProperties": {"rowCount": 5}},
        "fields": "gridProperties.rowCount",
    }
    with pytest.raises(APIError) as info:
        sh.batch_update({"requests": [{"updateSheetProperties": grow}, {"updateCells": write}]})
    assert info.value.code == 400
    assert info.value.error["status"] == "INVALID_ARGUMENT"
    assert info.value.error["message"] == "Invalid requests[1].updateCells: No grid with id: 5"
    assert sh.worksheet("Relances").row_count == 1000  # the request before it not applied
    assert sheets_emulator.get_values(sh.id, "Relances") == []


def test_resize_rename_and_number_format(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """batchUpdate: grid resize and title via updateSheetProperties; repeatCell formats."""
    ws = sh.sheet1
    ws.resize(rows=10, cols=3)
    ws.update_title("Relances")
    ws.update([[46000, 0.25]], "A1", value_input_option="RAW")
    ws.format("A1", {"numberFormat": {"type": "DATE", "pattern": "dd/mm/yyyy"}})
    ws.format("B1", {"numberFormat": {"type": "PERCENT", "pattern": "0%"}})
    assert ws.get("A1:B1") == [["09/12/2025", "25%"]]
    assert ws.get("A1:B1", value_render_option="UNFORMATTED_VALUE") == [[46000, 0.25]]
    assert sh.values_get("Relances")["range"] == "Relances!A1:C10"
    assert sheets_emulator.number_format(sh.id, "Relances!A1") == {
        "type": "DATE",
        "pattern": "dd/mm/yyyy",
    }


def test_a_percent_anywhere_in_a_pattern_scales_by_100(sh: gspread.Spreadsheet) -> None:
    """Google's number formats: « % » multiplies by 100 wherever it stands (« 0.0 % »)."""
    ws = sh.sheet1
    ws.update([[0.448, 0.5]], "A1", value_input_option="RAW")
    ws.format("A1", {"numberFormat": {"type": "PERCENT", "pattern": "0.0 %"}})
    ws.format("B1", {"numberFormat": {"type": "NUMBER", "pattern": '0.0 "%"'}})  # quoted: text
    assert ws.get("A1:B1") == [["44.8 %", "0.5 %"]]


def test_update_cells_of_values_keeps_formats_and_notes(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """updateCells with ``fields: userEnteredValue``: values replaced or cleared (an empty
    CellData), text never a formula, the cells' formats and notes left alone."""
    ws = sh.sheet1
    ws.update([[46000, "x", 3]], "A1", value_input_option="RAW")
    ws.format("A1", {"numberFormat": {"type": "DATE", "pattern": "dd/mm/yyyy"}})
    ws.insert_note("B1", "une note")
    values = [
        {"userEnteredValue": {"numberValue": 46001}},
        {"userEnteredValue": {"stringValue": "=1+1"}},
        {},
    ]
    grid = {"sheetId": ws.id, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0}
    grid["endColumnIndex"] = 3
    sh.batch_update(
        {
            "requests": [
                {
                    "updateCells": {
                        "range": grid,
                        "rows": [{"values": values}],
                        "fields": "userEnteredValue",
                    }
                }
            ]
        }
    )
    assert ws.get("A1:C1") == [["10/12/2025", "=1+1"]]
    assert ws.get_note("B1") == "une note"
    assert sheets_emulator.number_format(sh.id, "A1") == {"type": "DATE", "pattern": "dd/mm/yyyy"}


# ---------------------------------------------------------------- auth (3.2, 3.3)


def test_bearer_token_is_required(sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator) -> None:
    """Error: no token or an unknown one -> 401 UNAUTHENTICATED in Google's body."""
    url = f"{sheets_emulator.url}/v4/spreadsheets/{sh.id}"
    for headers in ({}, {"Authorization": "Bearer not-issued"}):
        answer = requests.get(url, headers=headers, timeout=5)
        assert answer.status_code == 401
        assert answer.json()["error"]["status"] == "UNAUTHENTICATED"
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_rejected_token_without_refresh_is_a_refresh_error(sheets_emulator: SheetsEmulator) -> None:
    """google-auth: a bare token it cannot refresh surfaces as RefreshError, not APIError."""
    creds = user_credentials.Credentials(token="forged")
    gc = gspread_client(creds, sheets_emulator)
    sid = sheets_emulator.create_spreadsheet("Pipeline")
    with pytest.raises(RefreshError):
        gc.open_by_key(sid)


def test_expired_token_is_refreshed(
    gc: gspread.Client, sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """google-auth: refreshes once on 401 (a new JWT grant) and the call succeeds."""
    tokens_before = sheets_emulator.stats.count("oauth2.token")
    sheets_emulator.expire_tokens()
    assert gc.open_by_key(sh.id).title == "Suivi commercial"
    assert sheets_emulator.stats.count("oauth2.token") == tokens_before + 1
    assert sheets_emulator.stats.count("spreadsheets.get", status=401) == 1


def test_unknown_signing_key_is_refused(tmp_path: Path, sheets_emulator: SheetsEmulator) -> None:
    """Token endpoint: a JWT signed by a key the emulator does not know -> invalid_grant."""
    registered = make_service_account_key()
    path = write_service_account_file(tmp_path / "sa.json", registered, sheets_emulator)
    impostor = make_service_account_key()
    sheets_emulator.register_service_account(registered.email, impostor.public_key_pem)
    creds = service_account.Credentials.from_service_account_file(str(path), scopes=[SPREADSHEETS])
    with pytest.raises(RefreshError) as info:
        gspread_client(creds, sheets_emulator).open_by_key(sheets_emulator.create_spreadsheet())
    assert "Invalid JWT Signature" in str(info.value)
    assert "PRIVATE KEY" not in str(info.value)


def test_spreadsheets_scope_cannot_use_drive(
    service_account_file: Path, sheets_emulator: SheetsEmulator
) -> None:
    """Error: insufficient scopes -> 403; the spreadsheets scope alone still reads sheets."""
    creds = service_account.Credentials.from_service_account_file(
        str(service_account_file), scopes=[SPREADSHEETS]
    )
    gc = gspread_client(creds, sheets_emulator)
    with pytest.raises(APIError) as info:
        gc.create("Nouveau")
    assert info.value.code == 403
    assert info.value.error["message"] == "Request had insufficient authentication scopes."
    assert gc.open_by_key(sheets_emulator.create_spreadsheet("Pipeline")).title == "Pipeline"


def test_oauth_user_credentials(sheets_emulator: SheetsEmulator) -> None:
    """OAuth user credentials: the refresh-token grant, then ordinary calls."""
    info = register_oauth_user(sheets_emulator)
    creds = user_credentials.Credentials.from_authorized_user_info(info, [SPREADSHEETS, DRIVE])
    gc = gspread_client(creds, sheets_emulator)
    assert gc.create("Plan").sheet1.title == "Sheet1"
    assert sheets_emulator.stats.records[-1].identity == "marie@pme.example"


# ---------------------------------------------------------------- faults and counters


def test_429_is_retried_by_gspread_backoff_client(
    service_account_file: Path, sheets_emulator: SheetsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quota: two 429s then success, through gspread's BackOffHTTPClient (2 s, 4 s)."""
    waits: list[float] = []
    monkeypatch.setattr(gspread.http_client.time, "sleep", waits.append)
    creds = service_account.Credentials.from_service_account_file(
        str(service_account_file), scopes=[SPREADSHEETS]
    )
    gc = gspread_client(creds, sheets_emulator, http_client=gspread.BackOffHTTPClient)
    sid = sheets_emulator.create_spreadsheet("Pipeline", {"Pipeline": [["ID"], ["A1"]]})
    sheets_emulator.faults.fail(429, times=2, retry_after=1, endpoint="values.get")
    assert gc.open_by_key(sid).sheet1.get_values() == [["ID"], ["A1"]]
    assert waits == [2, 4]  # gspread's own schedule; it ignores Retry-After
    statuses = [r.status for r in sheets_emulator.stats.records if r.endpoint == "values.get"]
    assert statuses == [429, 429, 200]


def test_injected_429_carries_google_body_and_retry_after(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """Error: RESOURCE_EXHAUSTED with ErrorInfo details, plus the Retry-After asked for."""
    sheets_emulator.faults.fail(429, retry_after=7)
    with pytest.raises(APIError) as info:
        sh.values_get("Sheet1!A1")
    assert info.value.code == 429
    assert info.value.error["status"] == "RESOURCE_EXHAUSTED"
    assert info.value.error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert info.value.response.headers["Retry-After"] == "7"
    assert sh.values_get("Sheet1!A1")["range"] == "Sheet1!A1"


@pytest.mark.parametrize(("status", "code"), [(500, 500), (503, 503), (502, -1)])
def test_server_errors(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator, status: int, code: int
) -> None:
    """gspread: 5xx bodies are Google's JSON, except 502's HTML page, which gspread reads as -1."""
    sheets_emulator.faults.fail(status)
    with pytest.raises(APIError) as info:
        sh.values_get("Sheet1!A1")
    assert info.value.code == code
    assert info.value.response.status_code == status


def test_quota_per_minute(sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator) -> None:
    """Quota: over the per-user read quota -> 429; writes are counted apart."""
    ws = sh.sheet1
    sheets_emulator.quota.reads_per_minute = 2
    sh.values_get("Sheet1!A1")
    sh.values_get("Sheet1!A1")
    with pytest.raises(APIError) as info:
        sh.values_get("Sheet1!A1")
    assert info.value.error["details"][0]["metadata"]["quota_limit_value"] == "2"
    ws.update([["write ok"]], "A1")


def test_slow_answer_and_client_timeout(
    gc: gspread.Client, sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """Quota: gspread's set_timeout bounds the wait; the slow write is still carried out."""
    ws = sh.sheet1
    gc.set_timeout(0.2)
    sheets_emulator.faults.delay(1.0, endpoint="values.update")
    with pytest.raises(requests.exceptions.ReadTimeout):
        ws.update([["late"]], "A1")
    for _ in range(100):  # the delayed write lands about 1 s later; wait at most 5 s
        if sheets_emulator.get_values(sh.id, "Sheet1!A1") == [["late"]]:
            break
        threading.Event().wait(0.05)
    assert sheets_emulator.get_values(sh.id, "Sheet1!A1") == [["late"]]


@pytest.mark.parametrize("after_processing", [False, True])
def test_dropped_connection(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator, after_processing: bool
) -> None:
    """Faults: the connection closes without an answer, before or after the write is done."""
    sheets_emulator.faults.drop(endpoint="values.update", after_processing=after_processing)
    with pytest.raises(requests.exceptions.ConnectionError):
        sh.sheet1.update([["maybe"]], "A1")
    expected = [["maybe"]] if after_processing else []
    assert sheets_emulator.get_values(sh.id, "Sheet1!A1") == expected


#: Google's answer to a body over 10 MiB, whatever the endpoint (the Sheets API's recorded
#: in github.com/jlolling/talendcomp_tGoogleSheet issue 1, the same front end's elsewhere).
TOO_LARGE = {
    "error": {
        "code": 400,
        "message": "Request payload size exceeds the limit: 10485760 bytes.",
        "status": "INVALID_ARGUMENT",
    }
}


@pytest.mark.parametrize("over", [0, 1])
def test_a_body_over_10_mib_is_refused_as_google_does(
    gc: gspread.Client, sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator, over: int
) -> None:
    """Limits: a batchUpdate body of exactly 10 485 760 bytes is carried out; one byte
    more is refused with Google's 400 INVALID_ARGUMENT, before anything is done."""
    text = b'{"requests": [{"updateCells": {"range": {"sheetId": 0}, "rows": [], "fields": "*"}}]}'
    body = text + b" " * (10_485_760 + over - len(text))  # JSON allows trailing blanks
    url = f"{gspread.urls.SPREADSHEETS_API_V4_BASE_URL}/{sh.id}:batchUpdate"
    headers = {"Content-Type": "application/json"}
    sheets_emulator.stats.reset()
    if not over:
        assert gc.http_client.request("post", url, data=body, headers=headers).status_code == 200
        return
    with pytest.raises(APIError) as info:
        gc.http_client.request("post", url, data=body, headers=headers)
    assert info.value.response.status_code == 400
    assert info.value.response.json() == TOO_LARGE
    assert sheets_emulator.stats.count("spreadsheets.batchUpdate", status=400) == 1
    assert sheets_emulator.stats.bytes_received("spreadsheets.batchUpdate") == 10_485_761


def test_every_endpoint_refuses_a_body_over_10_mib(
    sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator
) -> None:
    """Limits: values.update, values:batchUpdate and values:append refuse it too, and
    nothing of it is written (gspread sends these bodies as it sends any)."""
    rows = [["x" * 1000] * 10] * 1100  # 11 000 cells of 1 000 characters: 11 MB of JSON
    for write in (
        lambda: sh.values_update("Sheet1!A1", {"valueInputOption": "RAW"}, {"values": rows}),
        lambda: sh.values_append("Sheet1!A1", {"valueInputOption": "RAW"}, {"values": rows}),
        lambda: sh.values_batch_update(
            {"valueInputOption": "RAW", "data": [{"range": "Sheet1!A1", "values": rows}]}
        ),
    ):
        with pytest.raises(APIError) as info:
            write()
        assert info.value.response.json() == TOO_LARGE
    assert sheets_emulator.get_values(sh.id, "Sheet1") == []


def test_counters_and_hooks(sh: gspread.Spreadsheet, sheets_emulator: SheetsEmulator) -> None:
    """Counters per endpoint and bytes received; a hook runs just before a matching call."""
    ws = sh.sheet1
    sheets_emulator.stats.reset()
    seen: list[Any] = []
    sheets_emulator.before(
        "values.update", lambda: seen.append(sheets_emulator.get_values(sh.id, "Sheet1"))
    )
    ws.update([["x" * 100]], "A1")
    sh.values_batch_get(["Sheet1!A1", "Sheet1!B1"])
    assert seen == [[]]
    assert sheets_emulator.stats.by_endpoint() == {"values.update": 1, "values.batchGet": 1}
    assert sheets_emulator.stats.count() == 2
    assert sheets_emulator.stats.bytes_received("values.update") > 100


def test_stop_joins_threads_and_frees_the_port() -> None:
    """The emulator's threads end with it, even with a keep-alive connection open."""
    with SheetsEmulator() as emulator:
        url = emulator.url
        session = requests.Session()
        assert session.get(url + "/", timeout=5).status_code == 404
    assert not [t for t in threading.enumerate() if t.name == "sheets-emulator"]
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(url + "/", timeout=2)
