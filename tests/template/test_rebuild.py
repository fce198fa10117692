"""The committed templates/action_plan.xlsx is exactly what `salespipe template` builds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from salespipe.template import SHEETS, build_template, sample_data, template_path
from tests.template.snapshot import snapshot

REBUILD = "salespipe template -o templates/action_plan.xlsx --force"


def test_the_committed_template_is_the_builders_output(tmp_path: Path) -> None:
    fresh = tmp_path / "action_plan.xlsx"
    build_template("fr").save(fresh)
    committed, built = snapshot(template_path()), snapshot(fresh)
    assert committed["sheets"] == built["sheets"], f"sheets changed; rebuild: {REBUILD}"
    for name in built["sheets"]:
        for part, value in built["content"][name].items():
            assert committed["content"][name][part] == value, (
                f"{name}: {part} differs from the builder's; rebuild: {REBUILD}"
            )
    assert committed["charts"] == built["charts"], f"charts differ; rebuild: {REBUILD}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_building_twice_gives_the_same_workbook(tmp_path: Path, lang: str) -> None:
    sample = sample_data(date(2026, 11, 23), lang)
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    build_template(lang, sample).save(first)
    build_template(lang, sample_data(date(2026, 11, 23), lang)).save(second)
    assert snapshot(first) == snapshot(second)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheets_are_named_in_the_language_and_xlwings_conf_is_hidden(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang).save(path)
    content = snapshot(path)
    i = ("fr", "en").index(lang)
    assert content["sheets"] == [names[i] for names in SHEETS.values()]
    states = {name: sheet["state"] for name, sheet in content["content"].items()}
    assert states.pop("xlwings.conf") == "hidden"
    assert set(states.values()) == {"visible"}
    assert content["content"]["xlwings.conf"]["cells"]["A1"][0] == "UDF Modules"
    assert content["content"]["xlwings.conf"]["cells"]["B1"][0] == "xlplugin.udfs"
