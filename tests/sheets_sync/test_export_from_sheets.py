"""`salespipe export` on a Google spreadsheet: the same files as on the same workbook.

The sample pipeline of the export tests is typed into the emulator's spreadsheet (dates
as Google returns them, serial numbers); it is read with real gspread in one
values.batchGet and exported for every CRM; each file equals, byte for byte, the one
exported from the workbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.cli import main
from salespipe.export import export_grids, export_workbook
from salespipe.files import read_grids
from salespipe.settings import SyncSettings
from sheets_sync.google.gateway import RetryPolicy, open_spreadsheet
from sheets_sync.runner import read_spreadsheet
from sheets_sync.sources.protocol import SyncSource
from tests.export.sample import AS_OF, CRMS, complete_maps, write_sample
from tests.sheets_sync.spreadsheets import as_google_returns
from tests.support.sheets_emulator import SheetsEmulator
from tests.support.sheets_fixtures import LoopbackAdapter


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "pipeline.xlsx")


@pytest.fixture
def key(sheets_emulator: SheetsEmulator, sample: Path) -> str:
    tabs = {"Pipeline": as_google_returns(read_grids(sample)["Pipeline"])}
    return sheets_emulator.create_spreadsheet(
        "pipeline.xlsx", tabs, locale="fr_FR", value_input="RAW"
    )


def files(folder: Path) -> dict[str, bytes]:
    """Every file of an export; the summary names its folder, so that is made neutral."""
    found = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    found["summary.txt"] = found["summary.txt"].replace(str(folder).encode(), b"OUT")
    return found


@pytest.mark.parametrize("crm", CRMS)
def test_a_spreadsheet_exports_as_its_workbook_does(
    crm: str,
    sheets_emulator: SheetsEmulator,
    key: str,
    service_account_file: Path,
    sample: Path,
    tmp_path: Path,
) -> None:
    from_file, from_sheet = tmp_path / "file", tmp_path / "sheet"
    complete_maps(sample, crm, from_file)
    for name in ("stage_map.csv", "owners.csv"):
        from_sheet.mkdir(exist_ok=True)
        (from_sheet / name).write_bytes((from_file / name).read_bytes())
    expected = export_workbook(sample, crm, from_file, as_of=AS_OF)

    def connect(settings: SyncSettings) -> SyncSource:
        policy = RetryPolicy(attempts=2, timeout=5.0, sleep=lambda _: None)
        return open_spreadsheet(
            str(settings.spreadsheet),
            service_account_file,
            retry=policy,
            transport=LoopbackAdapter(sheets_emulator.url),
        )

    sheets_emulator.stats.reset()
    title, grids, options = read_spreadsheet(SyncSettings(spreadsheet=key), connect)
    calls = sheets_emulator.stats.by_endpoint()
    calls.pop("oauth2.token", None)
    assert calls == {"spreadsheets.get": 1, "values.batchGet": 1}  # nothing written
    got = export_grids(grids, title, crm, from_sheet, as_of=AS_OF, options=options)
    assert not got.blocked and not expected.blocked
    assert files(from_sheet) == files(from_file)
    assert got.summary() == expected.summary().replace(str(from_file), str(from_sheet))


def test_a_spreadsheet_source_needs_credentials(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SALESPIPE_CREDENTIALS", raising=False)
    monkeypatch.chdir(tmp_path)
    url = "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd/edit"
    with pytest.raises(SystemExit) as info:
        main(["export", url, "--crm", "zoho", "-o", "out"])
    err = capsys.readouterr().err
    assert info.value.code == 1 and err.count("\n") == 1
    assert "no credentials file" in err and not (tmp_path / "out").exists()


def test_a_stages_tab_named_otherwise_is_found_as_in_a_workbook(
    sheets_emulator: SheetsEmulator, service_account_file: Path, tmp_path: Path
) -> None:
    """« Etapes » (no accent) holds the team's own stage « Démo »: the spreadsheet is read
    with it, as the same workbook would be."""
    pipeline = [
        ["ID", "Affaire", "Société", "Étape", "Montant HT"],
        ["D1", "Site", "ACME", "Démo", 900],
    ]
    stages = [["Étape", "Ordre", "Probabilité"], ["Démo", 1, 0.5], ["Signé", 2, 1]]
    key = sheets_emulator.create_spreadsheet(
        "Équipe", {"Pipeline": pipeline, "Etapes": stages}, locale="fr_FR", value_input="RAW"
    )

    def connect(settings: SyncSettings) -> SyncSource:
        return open_spreadsheet(
            str(settings.spreadsheet),
            service_account_file,
            transport=LoopbackAdapter(sheets_emulator.url),
        )

    title, grids, options = read_spreadsheet(SyncSettings(spreadsheet=key), connect)
    assert list(grids) == ["Pipeline", "Etapes"] and options.stages_sheet == "Etapes"
    result = export_grids(
        grids, title, "generic", tmp_path / "out", as_of=AS_OF, options=options, check=True
    )
    assert [e.source_stage for e in result.plan.stage_map][:2] == ["Démo", "Signé"]
