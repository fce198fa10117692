"""TOML files as Windows editors save them (issue 15): Notepad and Excel's "UTF-8" write a
byte-order mark, which tomllib refuses; the sync configuration and the column mappings
are read with it or without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.cli import main
from salespipe.settings import load_all_settings
from tests.workbooks import write_small_pipeline

BOM = b"\xef\xbb\xbf"


def test_a_sync_configuration_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    config = tmp_path / "sync.toml"
    config.write_bytes(BOM + '[sync]\nworkbook = "suivi.xlsx"\ntarget = "250 000 €"\n'.encode())
    [settings] = load_all_settings(config, environ={})
    assert settings.workbook == tmp_path / "suivi.xlsx"
    assert settings.target == 250_000.0


def test_a_column_mapping_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    mapping = tmp_path / "columns.toml"
    mapping.write_bytes(BOM + '[deals]\namount = "CA estimé"\n'.encode())
    [settings] = load_all_settings(None, {"mapping": mapping}, environ={})
    options = settings.pipeline_options({"deals": "Pipeline"})
    assert options.deal_mapping == {"amount": "CA estimé"}


def test_report_reads_a_mapping_with_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_small_pipeline(tmp_path / "small.xlsx")
    mapping = tmp_path / "columns.toml"
    mapping.write_bytes(BOM + b'[deals]\namount = "Montant HT"\n')
    with pytest.raises(SystemExit) as info:
        main(["report", str(tmp_path / "small.xlsx"), "--mapping", str(mapping),
              "--as-of", "2026-11-23"])  # fmt: skip
        raise SystemExit(0)
    assert info.value.code == 0
    assert "Open pipeline: €150,000 (weighted €45,000)" in capsys.readouterr().out  # A1-A3


def test_a_windows_path_in_double_quotes_says_how_to_write_it(tmp_path: Path) -> None:
    """« credentials = "C:\\Users\\marie\\…" »: TOML reads \\U as an escape; the message says to
    use single quotes or forward slashes, both of which work."""
    from salespipe.core.errors import ConfigError

    config = tmp_path / "sync.toml"
    config.write_text('[sync]\ncredentials = "C:\\Users\\marie\\cle.json"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_all_settings(config, environ={})
    assert error.value.code == "settings_windows_path"
    assert "entre apostrophes ('C:\\Users\\marie\\cle.json')" in str(error.value)
    for fixed in ("'C:\\Users\\marie\\cle.json'", '"C:/Users/marie/cle.json"'):
        config.write_text(f"[sync]\ncredentials = {fixed}\n", encoding="utf-8")
        [settings] = load_all_settings(config, environ={})
        assert str(settings.credentials).replace("\\", "/").endswith("C:/Users/marie/cle.json")
