"""The messy cells of the demo Pipeline sheet: the ways real sheets go wrong.

:func:`make_messy` spoils one cell on each of 16 distinct deals, chosen at random among
those each mess fits, then copies an earlier deal's ID onto a later one. Each
:class:`Mess` says what it writes and the issue code salespipe must raise for it (None
when the cell is messy but still readable):

- ``amount_text`` (×3): the amount typed as French text, ``"12 500,50 €"``: readable;
- ``amount_k`` (×2): in thousands, ``"18k€"``, ``"18 k€"``, ``"18K€"`` or ``"18 k€ HT"``:
  readable;
- ``amount_unreadable``: ``"à voir"`` on an open deal: ``bad_amount``;
- ``date_text`` (×2): a creation or last-contact date typed ``"15/03/2026"``: readable;
- ``date_invalid``: a follow-up on ``"31/02/<year>"``: ``bad_date``;
- ``stage_typo``: ``"Negociaton"``: ``stage_corrected`` (read as Négociation);
- ``stage_case`` (×2): ``"proposition envoyee"``, ``"PROSPECT QUALIFIE"``: readable;
- ``stage_unknown``: ``"En pause"``: ``unknown_stage``;
- ``email_invalid``: the address without its domain, ``"jean.dupont@"``: ``invalid_email``;
- ``probability_out_of_range``: ``"150 %"``: ``probability_out_of_range``;
- ``won_without_close_date``: a won deal's close date left blank: ``won_without_close_date``;
- ``duplicate_id``: an earlier deal's ID again, as a copy-paste does: ``duplicate_id``.

The writer adds the last two: a blank row and a totals row (``totals_row``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from salespipe.core.model import fold
from salespipe.sample.generator import SampleDeal


@dataclass(frozen=True)
class Mess:
    """How to make one deal messy: which deals qualify and what to write instead.

    ``field`` is the DEAL_HEADERS key of the spoilt cell; ``issue`` the ISSUE_TEXTS code
    salespipe should raise for it, or None when the cell is messy but still readable.
    """

    kind: str
    field: str
    issue: str | None
    eligible: Callable[[SampleDeal], bool]
    value: Callable[[SampleDeal, random.Random], Any]


#: (index of the deal in the list, the mess written on it).
Placed = tuple[int, Mess]


def _french_money(amount: float) -> str:
    """12500.5 → ``"12 500,50 €"``; whole amounts without decimals: ``"8 700 €"``."""
    if amount.is_integer():
        return f"{int(amount):,} €".replace(",", " ")
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


def _thousands(deal: SampleDeal) -> int:
    return max(3, round(deal.values["amount"] / 1000))


def _kilo_euros(deal: SampleDeal, rng: random.Random) -> str:
    """The amount in thousands typed another way: ``"18 k€"``, ``"18K€"``, ``"18 k€ HT"``."""
    thousands = _thousands(deal)
    return rng.choice((f"{thousands} k€", f"{thousands}K€", f"{thousands} k€ HT"))


def _text_date(name: str) -> Callable[[SampleDeal, random.Random], Any]:
    return lambda deal, _rng: deal.values[name].strftime("%d/%m/%Y")


def _broken_email(deal: SampleDeal, _rng: random.Random) -> str:
    """The contact's address with its domain forgotten: ``"jean.dupont@"``."""
    first, *last = fold(deal.values["contact"]).split()
    return f"{first}.{'-'.join(last)}@"


def _is_open(*stages: str) -> Callable[[SampleDeal], bool]:
    return lambda deal: deal.status == "open" and (not stages or deal.stage in stages)


def _any_deal(_deal: SampleDeal) -> bool:
    return True


def _messes(as_of: date) -> tuple[Mess, ...]:
    """The messy cells of the demo, in the order they are placed (duplicate ID apart)."""
    return (
        Mess("amount_text", "amount", None, _any_deal,
             lambda d, g: _french_money(d.values["amount"] + g.choice((0.5, 0.25, 0.9)))),
        Mess("amount_text", "amount", None, _any_deal,
             lambda d, g: _french_money(d.values["amount"] + 0.5)),
        Mess("amount_text", "amount", None, _any_deal,
             lambda d, g: _french_money(d.values["amount"])),
        Mess("amount_k", "amount", None, _any_deal, lambda d, g: f"{_thousands(d)}k€"),
        Mess("amount_k", "amount", None, _any_deal, _kilo_euros),
        Mess("amount_unreadable", "amount", "bad_amount", _is_open(), lambda d, g: "à voir"),
        Mess("date_text", "created", None, _any_deal, _text_date("created")),
        Mess("date_text", "last_contact", None, _any_deal, _text_date("last_contact")),
        Mess("date_invalid", "next_followup", "bad_date", _is_open(),
             lambda d, g: f"31/02/{as_of.year}"),
        Mess("stage_typo", "stage", "stage_corrected", _is_open("Négociation"),
             lambda d, g: "Negociaton"),
        Mess("stage_case", "stage", None, _is_open("Proposition envoyée"),
             lambda d, g: "proposition envoyee"),
        Mess("stage_case", "stage", None, _is_open("Prospect qualifié"),
             lambda d, g: "PROSPECT QUALIFIE"),
        Mess("stage_unknown", "stage", "unknown_stage", _is_open(), lambda d, g: "En pause"),
        Mess("email_invalid", "email", "invalid_email", lambda d: bool(d.values["email"]),
             _broken_email),
        Mess("probability_out_of_range", "probability", "probability_out_of_range", _is_open(),
             lambda d, g: "150 %"),
        Mess("won_without_close_date", "expected_close", "won_without_close_date",
             lambda d: d.status == "won", lambda d, g: None),
    )  # fmt: skip


def make_messy(rng: random.Random, deals: list[SampleDeal], as_of: date) -> list[Placed]:
    """Spoil one cell on distinct, randomly chosen deals (never a follow-up case), then
    give a later deal an earlier one's ID; returns where each mess went, in that order."""
    taken: set[int] = set()
    placed: list[Placed] = []
    for mess in _messes(as_of):
        candidates = [
            i
            for i, d in enumerate(deals)
            if i not in taken and not d.followup_case and mess.eligible(d)
        ]
        index = rng.choice(candidates)
        deals[index].values[mess.field] = mess.value(deals[index], rng)
        taken.add(index)
        placed.append((index, mess))
    placed.append(_duplicate_id(rng, deals, taken))
    return placed


def _duplicate_id(rng: random.Random, deals: list[SampleDeal], taken: set[int]) -> Placed:
    """Give a later deal the ID of an earlier one, as a copy-paste does."""
    index = rng.choice([i for i in range(40, len(deals)) if i not in taken])
    earlier = rng.randrange(0, index - 20)
    copied = deals[earlier].values["deal_id"]
    deals[index].values["deal_id"] = copied
    taken.add(index)
    return index, Mess("duplicate_id", "deal_id", "duplicate_id", _any_deal, lambda d, g: copied)
