"""Errors that stop an export: a message code each, told in French and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from salespipe.core.errors import ConfigError, SourceError
from salespipe.export import export_workbook
from tests.export.sample import AS_OF, write_sample


def test_an_unknown_crm_is_named_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        export_workbook(tmp_path / "nope.xlsx", "Sellsy", tmp_path / "out", as_of=AS_OF)
    assert str(refused.value) == (
        "CRM inconnu « Sellsy » ; choisissez parmi hubspot, pipedrive, salesforce, odoo, "
        "zoho, generic"
    )
    assert refused.value.message("en") == (
        "unknown CRM 'Sellsy'; choose one of hubspot, pipedrive, salesforce, odoo, zoho, generic"
    )


def test_an_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    source = write_sample(tmp_path / "pipeline.xlsx")
    taken = tmp_path / "out.csv"
    taken.write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        export_workbook(source, "hubspot", taken, as_of=AS_OF)
    assert str(refused.value) == (
        f"{taken} est un fichier : -o doit nommer un dossier pour les fichiers d'import"
    )
    assert refused.value.message("en") == (
        f"{taken} is a file; -o must name a folder for the export files"
    )
    assert taken.read_text(encoding="utf-8") == "mine"


def test_a_google_url_given_as_a_file_says_how_to_read_it(tmp_path: Path) -> None:
    url = "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFGH"
    with pytest.raises(SourceError) as refused:
        export_workbook(url, "pipedrive", tmp_path / "out", as_of=AS_OF)
    assert "est un classeur Google, pas un fichier" in str(refused.value)
    assert "--credentials FICHIER" in str(refused.value)
    assert refused.value.message("en").startswith(f"{url} is a Google spreadsheet, not a file")
