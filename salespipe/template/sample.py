"""The demo company's clean data, to fill the template with (``salespipe template --sample``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS
from salespipe.sample import OWNERS, draw_actions, draw_deals, in_english
from salespipe.template.lang import EN_STAGES
from salespipe.template.layout import ACTION_FIRST, FIRST_ROW, action_column, deal_column


@dataclass(frozen=True)
class Sample:
    """Data to fill the template with: deal rows and action rows as ``{field: value}``
    (actions also have ``"weeks"``: the ticked weeks), the lists of Paramètres, the target."""

    deals: tuple[dict[str, Any], ...]
    actions: tuple[dict[str, Any], ...]
    owners: tuple[str, ...]
    action_owners: tuple[str, ...]
    target: float | None


def sample_data(as_of: date, lang: str = "fr", seed: int = 2026) -> Sample:
    """The demo company's clean data (:mod:`salespipe.sample`'s records, without the demo's
    messy cells): 240 deals dated around ``as_of`` and the 9-action plan; the same arguments
    always give the same sample. Stage, status and other words are translated for
    ``lang="en"``."""
    rng = random.Random(seed)  # deals first, then the plan: salespipe.sample's draw order
    deals = tuple(_in_language(deal.values, lang) for deal in draw_deals(rng, as_of))
    plan = draw_actions(rng, as_of)
    actions = tuple(
        _in_language({**action.values, "weeks": action.ticked_weeks}, lang) for action in plan
    )
    action_owners = tuple(dict.fromkeys(action.values["owner"] for action in plan))
    return Sample(deals, actions, OWNERS, action_owners, 400_000.0)


def _in_language(values: dict[str, Any], lang: str) -> dict[str, Any]:
    if lang != "en":
        return dict(values)
    english = {key: in_english(key, value) for key, value in values.items()}
    if isinstance(english.get("stage"), str):
        english["stage"] = EN_STAGES.get(english["stage"], english["stage"])
    return english


def write_sample(pipeline: Worksheet, actions: Worksheet, sample: Sample) -> None:
    """Deal rows into Pipeline and action rows (with their ticked weeks) into Plan d'actions."""
    for row, deal in enumerate(sample.deals, start=FIRST_ROW):
        for field, value in deal.items():
            if field in DEAL_HEADERS and value is not None:
                pipeline[f"{deal_column(field)}{row}"] = value
    for row, action in enumerate(sample.actions, start=ACTION_FIRST):
        for field, value in action.items():
            if field in ACTION_HEADERS and value is not None:
                actions[f"{action_column(field)}{row}"] = value
        for week in action.get("weeks", ()):
            cell = actions[f"{action_column(f'week{week}')}{row}"]
            cell.value = "x"
            cell.alignment = Alignment(horizontal="center")
