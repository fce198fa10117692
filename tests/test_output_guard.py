"""The one guard of the files salespipe writes (salespipe.output_guard), on real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salespipe.core.errors import ConfigError
from salespipe.output_guard import refuse_inputs, same_file


def test_one_file_under_every_name_it_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "suivi.xlsx").write_bytes(b"PK")
    os.link("suivi.xlsx", "lien.xlsx")
    os.symlink("suivi.xlsx", "raccourci.xlsx")
    (tmp_path / "sub").mkdir()
    assert same_file("lien.xlsx", "suivi.xlsx")  # a hard link: same inode, other path
    assert same_file("raccourci.xlsx", tmp_path / "suivi.xlsx")
    assert same_file("sub/../suivi.xlsx", "suivi.xlsx")
    assert same_file("nouveau.xlsx", tmp_path / "nouveau.xlsx")  # not written yet
    assert not same_file("nouveau.xlsx", "suivi.xlsx")
    (tmp_path / "copie.xlsx").write_bytes(b"PK")  # same bytes, another file
    assert not same_file("copie.xlsx", "suivi.xlsx")


def test_refuse_inputs_names_the_output_and_the_file_read(tmp_path: Path) -> None:
    read = tmp_path / "suivi.csv"
    read.write_text("ID;Affaire\n", encoding="utf-8")
    os.link(read, tmp_path / "rejects.csv")
    refuse_inputs([tmp_path / "other.csv"], [read, None])
    with pytest.raises(ConfigError) as error:
        refuse_inputs([tmp_path / "summary.txt", tmp_path / "rejects.csv"], [None, read])
    assert error.value.code == "output_is_input"
    assert error.value.message("fr") == (
        f"{tmp_path / 'rejects.csv'} est un fichier que salespipe lit ({read}) ; salespipe "
        "n'y écrit jamais. Choisissez un autre fichier ou dossier de sortie."
    )
    with pytest.raises(ConfigError) as error:
        refuse_inputs([tmp_path], [])
    assert error.value.code == "output_not_a_file"
