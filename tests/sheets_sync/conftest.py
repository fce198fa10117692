"""Fixtures for the Google Sheets tests: the emulator and real gspread/google-auth clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import gspread
import pytest
from google.oauth2 import service_account

from tests.support.sheets_auth import DRIVE, SPREADSHEETS
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import (
    ServiceAccountKey,
    gspread_client,
    make_service_account_key,
    write_service_account_file,
)


@pytest.fixture
def sheets_emulator() -> Iterator[SheetsEmulator]:
    """A fresh emulator on a free 127.0.0.1 port, stopped (threads joined) after the test."""
    with SheetsEmulator() as emulator:
        yield emulator


@pytest.fixture(scope="session")
def service_account_key() -> ServiceAccountKey:
    """One RSA key for the whole session (generated here, never committed)."""
    return make_service_account_key()


@pytest.fixture
def service_account_file(
    tmp_path: Path, sheets_emulator: SheetsEmulator, service_account_key: ServiceAccountKey
) -> Path:
    """The service-account JSON a user downloads, its token_uri the emulator's /token."""
    return write_service_account_file(
        tmp_path / "service-account.json", service_account_key, sheets_emulator
    )


@pytest.fixture
def gc(sheets_emulator: SheetsEmulator, service_account_file: Path) -> gspread.Client:
    """A real gspread client with real service-account credentials (Sheets and Drive scopes)."""
    credentials = service_account.Credentials.from_service_account_file(
        str(service_account_file), scopes=[SPREADSHEETS, DRIVE]
    )
    return gspread_client(credentials, sheets_emulator)
