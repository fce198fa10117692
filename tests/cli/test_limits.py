"""The limits of a cell and of --as-of / --target (docs/limits.md), as a user meets them:
each case below crashed a command, or made its totals infinite, before the limits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from salespipe.core.crm.profiles import PROFILES
from salespipe.core.errors import ConfigError
from salespipe.settings import load_all_settings
from tests.support.cli_run import run

HEADER = "ID;Affaire;Société;Commercial;Étape;Statut;Montant HT;Date de création;Dernier contact"
NEVER = "31/12/9999"  # what people type for "never"
HUGE = "9" * 308  # about 1e308: two of them summed to infinity


def write_csv(path: Path, *rows: str) -> Path:
    path.write_bytes("\r\n".join([HEADER, *rows]).encode("utf-8-sig"))
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("crm", sorted(PROFILES))
def test_a_never_date_is_a_warning_and_every_crm_exports(
    crm: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(
        here / "p.csv",
        f"A1;Site;ACME;Marie;Négociation;en cours;5000;01/09/2026;{NEVER}",
        "A2;ERP;Beta;Marie;Négociation;en cours;7000;01/09/2026;10/11/2026",
    )
    (here / "owners.csv").write_text("owner;email;crm_user\nMarie;marie@acme.fr;Marie\n")
    code, out, err = run(["export", "p.csv", "--crm", crm, "-o", "out", "--owners", "owners.csv",
                          "--as-of", "2026-11-23"], capsys)  # fmt: skip
    assert (code, err) == (0, "")
    assert "2 rows = 2 exported + 0 rejected" in out


def test_a_never_date_is_reported_with_its_cell_and_the_followups_stay_dates(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(
        here / "p.csv",
        f"A1;Site;ACME;Marie;Négociation;en cours;5000;01/09/2026;{NEVER}",
        "A2;ERP;Beta;Marie;Négociation;en cours;7000;01/09/2026;10/11/2026",
    )
    code, out, _ = run(["report", "p.csv", "--format", "json", "--as-of", "2026-11-23"], capsys)
    assert code == 0
    data = json.loads(out)
    [issue] = data["issues"]
    assert (issue["sheet"], issue["row"], issue["column"], issue["value"], issue["code"]) == (
        "p", 2, "Dernier contact", NEVER, "date_out_of_range"
    )  # fmt: skip
    assert issue["message"] == (
        "Sheet 'p', row 2, column 'Dernier contact': date '31/12/9999' ignored: outside the "
        "dates read (01/01/1900 to 31/12/2999)"
    )
    due = {f["deal_id"]: (f["due"], f["state"]) for f in data["followups"]}
    # A1: its due date was the integer 2932899; without a last contact it has none. A2: a date
    assert due["A1"] == (None, "unscheduled")
    assert date.fromisoformat(due["A2"][0]) >= date(2026, 11, 10)


def test_as_of_past_the_last_date_is_refused_and_the_last_date_works(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(here / "p.csv", "A1;Site;ACME;Marie;Négociation;en cours;5000;01/09/2026;")
    code, _, err = run(["report", "p.csv", "--as-of", "9999-12-31"], capsys)
    assert code == 2
    assert "date out of range: '9999-12-31' (salespipe reads dates from 01/01/1900 to " \
        "31/12/2999)" in err  # fmt: skip
    code, out, _ = run(["report", "p.csv", "--as-of", "31/12/2999", "--period", "year"], capsys)
    assert code == 0
    assert "(as of 2999-12-31)" in out


def test_huge_amounts_are_issues_and_the_totals_stay_numbers(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(
        here / "p.csv",
        f"A1;Site;ACME;Marie;Négociation;en cours;{HUGE};01/09/2026;",
        f"A2;ERP;Beta;Marie;Négociation;en cours;{HUGE};01/09/2026;",
        "A3;CRM;Gamma;Marie;Négociation;en cours;1 000 000 000 000 000;01/09/2026;",
    )
    args = ["report", "p.csv", "--as-of", "2026-11-23", "--target", "250000"]
    code, out, _ = run([*args, "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    # A3 at the limit is read; A1 and A2 are used without an amount, each with an issue
    assert data["summary"]["open_amount"] == 1e15
    assert [(i["row"], i["code"]) for i in data["issues"]] == [
        (2, "amount_too_large"),
        (3, "amount_too_large"),
    ]
    assert data["summary"]["target"] == 250000
    code, out, _ = run(args, capsys)
    assert code == 0
    assert "amount '" + HUGE + "' ignored: above 1 000 000 000 000 000 €" in out


def test_a_target_above_the_limit_is_refused_clearly(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(here / "p.csv", "A1;Site;ACME;Marie;Négociation;en cours;5000;01/09/2026;")
    code, _, err = run(["report", "p.csv", "--as-of", "2026-11-23", "--target", HUGE], capsys)
    assert code == 2
    assert f"amount too large: '{HUGE}' (at most 1 000 000 000 000 000 €)" in err


def test_a_target_setting_above_the_limit_is_refused_clearly(tmp_path: Path) -> None:
    config = tmp_path / "sync.toml"
    config.write_text('[sync]\nworkbook = "p.csv"\ntarget = 1.7e308\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_all_settings(config, environ={})
    assert error.value.code == "setting_not_an_amount"
    assert load_all_settings(config, {"target": 1e15}, environ={})[0].target == 1e15
