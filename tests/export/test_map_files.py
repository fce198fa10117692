"""The map files salespipe writes stay readable once a person fills them (issue 15): any
owner or stage label read from a sheet is written to stage_map.csv / owners.csv and
read back as it was, by the next export, on real files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salespipe.cli import main
from salespipe.cli.exit_codes import MAPS_TO_FILL
from salespipe.core.crm.maps import (
    OwnerEntry,
    StageMapEntry,
    owners_rows,
    read_owners,
    read_stage_map,
    stage_map_rows,
)
from salespipe.core.crm.profiles import HUBSPOT
from salespipe.core.errors import ConfigError
from salespipe.core.reading.parsing import parse_text
from salespipe.export.output_files import read_map, write_sheet_file

PIPELINE = (
    "ID;Affaire;Société;Commercial;Étape;Statut;Montant HT;Date de création\r\n"
    'A1;Site;ACME;@Sophie;"Devis ""urgent"", relance";en cours;5000;01/09/2026\r\n'
    "A2;ERP;Beta;'t Hooft;Négociation;en cours;7000;01/09/2026\r\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out + err


def fill(path: Path, old: str, new: str) -> None:
    """What a person does in a text editor: one line changed, the rest left as it is."""
    text = path.read_bytes().decode("utf-8-sig")
    assert old in text, text
    path.write_bytes(text.replace(old, new).encode("utf-8-sig"))


def test_an_owner_starting_with_at_and_a_label_with_quotes_and_comma_survive_two_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.csv").write_bytes(PIPELINE.encode("utf-8-sig"))
    args = ["export", "p.csv", "--crm", "hubspot", "-o", "out", "--as-of", "2026-11-23"]
    code, _ = run(args, capsys)
    assert code == MAPS_TO_FILL  # owners without e-mail, a stage without target: maps written
    owners, stages = Path("out/owners.csv"), Path("out/stage_map.csv")
    # the leading @ is protected for spreadsheets, the label quoted for its ; and "
    assert "'@Sophie;;'@Sophie\r\n" in owners.read_bytes().decode("utf-8-sig")
    assert '"Devis ""urgent"", relance";default;;' in stages.read_bytes().decode("utf-8-sig")
    fill(owners, "'@Sophie;;", "'@Sophie;sophie@acme.fr;")
    fill(owners, "'t Hooft;;", "'t Hooft;hooft@acme.fr;")
    fill(stages, 'relance";default;;', 'relance";default;contractsent;')
    filled = owners.read_bytes(), stages.read_bytes()

    code, said = run(args, capsys)

    assert code == 0, said
    assert (owners.read_bytes(), stages.read_bytes()) == filled  # reused, not rewritten
    with Path("out/hubspot_deals.csv").open(encoding="utf-8", newline="") as stream:
        deals = {row["Deal name"]: row for row in csv.DictReader(stream)}
    assert deals["Site"]["Deal owner"] == "sophie@acme.fr"
    assert deals["Site"]["Deal stage"] == "contractsent"
    assert deals["ERP"]["Deal owner"] == "hooft@acme.fr"


def test_a_map_file_that_is_no_csv_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "owners.csv"
    path.write_bytes(b'PK\x03\x04\x00\x00\r\x00a"b"c\x00\nd')  # an xlsx saved over it
    with pytest.raises(ConfigError) as error:
        read_map(path, read_owners)
    assert error.value.code in {"map_file_unreadable", "map_file_header"}
    assert "delete the file to get a new one" in error.value.message("en")


# A value as the sheet gives it: text with white space folded (parse_text), any character.
_VALUE = st.text(min_size=1, max_size=30).map(parse_text).filter(bool)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.tuples(_VALUE, _VALUE, _VALUE), min_size=1, max_size=5))
def test_any_text_written_to_a_map_file_reads_back_as_it_was(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    owners = [OwnerEntry(*row) for row in rows]
    stages = [StageMapEntry(*row) for row in rows]
    write_sheet_file(tmp_path / "owners.csv", owners_rows(owners))
    write_sheet_file(tmp_path / "stage_map.csv", stage_map_rows(stages, HUBSPOT))
    assert read_map(tmp_path / "owners.csv", read_owners) == owners
    assert read_map(tmp_path / "stage_map.csv", read_stage_map) == stages
