"""A realistic sample: the pipeline and action plan of a made-up French B2B services PME.

:func:`build_demo_workbook` writes the demo workbook (``salespipe demo``): the company's
deals with the messy cells real sheets have, listed in :class:`DemoInfo`. The same
records, without the mess, fill the template (``salespipe template --sample``):
:func:`draw_deals` and :func:`draw_actions` give them as plain records, from one seeded
``random.Random``, dated relative to ``as_of``, never from the clock.

One module per job: ``company`` (the made-up company: its people, words, offers, clients
and action plan), ``generator`` (deals and actions as records), ``mess`` (the messy
cells, each documented) and ``workbook`` (writing with openpyxl).
"""

from __future__ import annotations

from salespipe.sample.company import ACTIONS, COMPANY, OWNERS, PLAN_WEEKS, ActionSpec, in_english
from salespipe.sample.generator import (
    DEMO_ACTION_FIELDS,
    DEMO_DEAL_FIELDS,
    SampleAction,
    SampleDeal,
    draw_actions,
    draw_deals,
)
from salespipe.sample.workbook import DemoInfo, MessyCell, build_demo_workbook

__all__ = [
    "ACTIONS", "COMPANY", "DEMO_ACTION_FIELDS", "DEMO_DEAL_FIELDS", "OWNERS", "PLAN_WEEKS",
    "ActionSpec", "DemoInfo", "MessyCell", "SampleAction", "SampleDeal", "build_demo_workbook",
    "draw_actions", "draw_deals", "in_english",
]  # fmt: skip
