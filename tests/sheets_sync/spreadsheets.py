"""The demo workbook as a Google spreadsheet on the emulator, and a gateway onto it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sheets_sync.google.gateway import RetryPolicy, SheetsGateway, open_spreadsheet
from sheets_sync.google.values import to_sheet_value
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import LoopbackAdapter

AS_OF = date(2026, 11, 23)
USER_TABS = ["Pipeline", "Étapes", "Plan d'actions"]


def as_google_returns(grid: list[list[Any]]) -> list[list[Any]]:
    """Cells as an UNFORMATTED_VALUE read gives them: serial dates, numbers, "" blanks."""
    return [[to_sheet_value(v) for v in row] for row in grid]


def connect(emulator: SheetsEmulator, key: str, credentials: Path) -> SheetsGateway:
    policy = RetryPolicy(attempts=2, timeout=5.0, sleep=lambda _: None)
    return open_spreadsheet(key, credentials, retry=policy, transport=LoopbackAdapter(emulator.url))
