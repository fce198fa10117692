"""The company's pipeline and action plan as plain records, drawn from a seeded generator.

:func:`draw_deals` gives 240 deals over the twelve months before ``as_of`` and open deals
closing in the next six; :func:`draw_actions` the action plan with what has been done so
far. Everything comes from the ``random.Random`` passed in, in a fixed order, and is
dated relative to ``as_of``: the same seed and date give the same records, whatever the
clock. No spreadsheet library here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from salespipe.core.model import StageTable, fold
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS
from salespipe.sample.company import (
    ACTIONS,
    ACTIVITIES,
    CLIENT_NAME_ENDINGS,
    FIRST_NAMES,
    LAST_NAMES,
    LOST_REASONS,
    NOTES,
    OFFER_SUFFIXES,
    OFFERS,
    OWNERS,
    STATUS_LABELS,
    SURNAMES,
    TEMPERATURES,
    ActionSpec,
)

#: The fields of every sample deal, in Pipeline column order: all of DEAL_HEADERS but
#: the stage-entry date, which hand-kept sheets rarely have.
DEMO_DEAL_FIELDS = tuple(field for field in DEAL_HEADERS if field != "stage_entered")
#: The fields of every sample action, in column order: all of ACTION_HEADERS but the
#: year (the plan's weeks are those of ``as_of``'s year).
DEMO_ACTION_FIELDS = tuple(field for field in ACTION_HEADERS if field != "year")

N_DEALS = 240
N_CLIENTS = 170
#: Open deals per open stage, in funnel order; won deals; the stages lost deals got to.
OPEN_PER_STAGE = (34, 30, 26, 20, 14)
N_WON = 52
LOST_STAGE_WEIGHTS = (15, 25, 25, 25, 10)


@dataclass
class SampleDeal:
    """One deal: its outcome and its values by field (DEMO_DEAL_FIELDS, dates as ``date``).

    ``followup_case`` marks the deals drawn to show a nurture or overdue follow-up;
    :mod:`salespipe.sample.mess` never spoils them.
    """

    status: str  # "open", "won" or "lost"
    stage: str
    values: dict[str, Any]
    followup_case: bool = False


@dataclass(frozen=True)
class SampleAction:
    """One action of the plan: its values by field (DEMO_ACTION_FIELDS), its ticked weeks."""

    values: dict[str, Any]
    ticked_weeks: tuple[int, ...]


@dataclass(frozen=True)
class _Client:
    name: str
    contact: str
    email: str | None
    phone: str | None


# --- clients ---------------------------------------------------------------------------


def _slug(text: str) -> str:
    """``"Hôtel Lefèvre"`` → ``"hotel-lefevre"``: for domains and e-mail local parts."""
    return "-".join(fold(text).split())


def _phone(rng: random.Random) -> str | None:
    """A French phone number typed one of the ways people type them."""
    if rng.random() < 0.08:
        return None
    lead = rng.choice("67") if rng.random() < 0.6 else rng.choice("12345")
    pairs = [f"{rng.randint(0, 99):02d}" for _ in range(4)]
    style = rng.randrange(4)
    if style == 0:
        return " ".join([f"0{lead}", *pairs])
    if style == 1:
        return " ".join(["+33", lead, *pairs])
    if style == 2:
        return f"0{lead}" + "".join(pairs)
    return ".".join([f"0{lead}", *pairs])


def _client_name(rng: random.Random) -> str:
    ending = rng.choice(CLIENT_NAME_ENDINGS)
    name = f"{rng.choice(ACTIVITIES)} {rng.choice(SURNAMES)}"
    return f"{name} {ending}" if ending else name


def _email(rng: random.Random, first: str, last: str, company: str) -> str | None:
    """first.last@company-domain.fr, sometimes f.last@ or .com, sometimes missing."""
    draw = rng.random()
    base = company.removesuffix(" SARL").removesuffix(" SAS").removesuffix(" SA")
    domain = _slug(base.removesuffix(" EURL")) + (".com" if rng.random() < 0.15 else ".fr")
    if draw < 0.07:
        return None
    if draw < 0.22:
        return f"{_slug(first)[0]}.{_slug(last)}@{domain}"
    return f"{_slug(first)}.{_slug(last)}@{domain}"


def _clients(rng: random.Random, count: int) -> list[_Client]:
    """``count`` distinct client companies, each with its contact."""
    names: list[str] = []
    while len(names) < count:
        name = _client_name(rng)
        if name not in names:
            names.append(name)
    clients = []
    for name in names:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = _email(rng, first, last, name)
        clients.append(_Client(name, f"{first} {last}", email, _phone(rng)))
    return clients


# --- outcomes and dates ----------------------------------------------------------------


def _outcomes(rng: random.Random) -> list[tuple[str, str]]:
    """(status, stage) of every deal: open ones in each open stage, won, lost at a stage."""
    open_stages = [s.name for s in StageTable.default().open_stages]
    won = StageTable.default().won_stage
    assert won is not None
    plan = [("open", s) for s, n in zip(open_stages, OPEN_PER_STAGE, strict=True) for _ in range(n)]
    plan += [("won", won.name)] * N_WON
    n_lost = N_DEALS - len(plan)
    plan += [("lost", s) for s in rng.choices(open_stages, LOST_STAGE_WEIGHTS, k=n_lost)]
    return plan


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _open_timeline(rng: random.Random, as_of: date, position: int) -> dict[str, Any]:
    """Dates of an open deal at funnel ``position`` (0 = first stage): older when further."""
    created = as_of - _days(rng, 3 + 10 * position, 60 + 35 * position)
    last_contact = as_of - _days(rng, 0, min((as_of - created).days, 40))
    return {
        "created": created,
        "expected_close": as_of + _days(rng, 7 + (4 - position) * 15, 90 + (4 - position) * 22),
        "last_contact": last_contact,
        "next_followup": _next_followup(rng, as_of, last_contact),
        "touches": rng.choices(range(10), (6, 12, 14, 14, 10, 7, 5, 2, 1, 1))[0],
    }


def _next_followup(rng: random.Random, as_of: date, last_contact: date) -> date | None:
    """A typed follow-up date for three deals in four: mostly ahead, some already past."""
    draw = rng.random()
    if draw < 0.25:
        return None
    if draw < 0.75:
        return as_of + _days(rng, 0, 21)
    return max(last_contact + timedelta(days=1), as_of - _days(rng, 1, 30))


def _closed_timeline(rng: random.Random, as_of: date, position: int) -> dict[str, Any]:
    """Dates of a won (``position`` 5) or lost deal, closed before ``as_of``.

    The further a deal went before it was won or lost, the longer it took.
    """
    won = position >= len(OPEN_PER_STAGE)
    created = as_of - _days(rng, 20 if won else 10, 365)
    cycle = _days(rng, 7 + 10 * position, 40 + 18 * position)
    close = max(created, min(created + cycle, as_of - _days(rng, 1, 3)))
    last_contact = max(created, close - _days(rng, 0, 5 if won else 12))
    return {
        "created": created,
        "expected_close": close,
        "last_contact": last_contact,
        "next_followup": None,
        "touches": rng.randint(2, 6) if won else rng.randint(1, 7),
    }


# --- one deal --------------------------------------------------------------------------


def _segment(rng: random.Random, amount: float) -> str:
    """A for the big accounts, C for the small ones, with the odd exception."""
    if rng.random() < 0.1:
        return rng.choice("ABC")
    return "A" if amount >= 40_000 else "B" if amount >= 12_000 else "C"


def _temperature(rng: random.Random, status: str, position: int) -> str | None:
    """froid / tiède / chaud: warmer further down the funnel; sometimes left blank."""
    if rng.random() < 0.08:
        return None
    if status == "won":
        weights: Sequence[float] = (0, 2, 8)
    elif status == "lost":
        weights = (6, 3, 1)
    else:
        weights = (5 - position, 3, 1 + position)
    return rng.choices(TEMPERATURES, weights)[0]


def _probability(rng: random.Random, status: str) -> float | None:
    """A deal's own probability, typed for about one open deal in eight."""
    if status != "open" or rng.random() >= 0.12:
        return None
    return rng.choice((0.25, 0.3, 0.5, 0.7, 0.75, 0.9))


def _deal_name(rng: random.Random) -> tuple[str, float]:
    """An offer of the PME and a realistic amount for it (whole hundreds of euros HT)."""
    offer, low, high = rng.choice(OFFERS)
    if rng.random() < 0.2:
        offer += rng.choice(OFFER_SUFFIXES)
    return offer, float(rng.randint(low // 100, high // 100) * 100)


def _deal(rng: random.Random, as_of: date, status: str, stage: str, client: _Client) -> SampleDeal:
    """One generated deal; its ID is given once all deals are sorted by creation date."""
    names = [s.name for s in StageTable.default().open_stages]
    position = names.index(stage) if stage in names else len(names)
    name, amount = _deal_name(rng)
    values: dict[str, Any] = {
        "deal_id": None, "name": name, "company": client.name, "contact": client.contact,
        "email": client.email, "phone": client.phone,
        "owner": rng.choices(OWNERS, (30, 26, 24, 20))[0], "stage": stage,
        "status": STATUS_LABELS[status], "amount": amount,
        "probability": _probability(rng, status),
        "source": rng.choices([a.name for a in ACTIONS], [a.weight for a in ACTIONS])[0],
        "segment": _segment(rng, amount), "temperature": _temperature(rng, status, position),
        "lost_reason": rng.choice(LOST_REASONS) if status == "lost" else None,
        "notes": rng.choice(NOTES[status]) if rng.random() < 0.25 else None,
    }  # fmt: skip
    if status == "open":
        values.update(_open_timeline(rng, as_of, position))
    else:
        values.update(_closed_timeline(rng, as_of, position))
    return SampleDeal(status, stage, values)


def _ensure_followup_cases(rng: random.Random, deals: list[SampleDeal], as_of: date) -> None:
    """Make sure there are nurture deals (7+ touches, no date) and overdue follow-ups."""
    old_open = [
        d for d in deals if d.status == "open" and d.values["created"] <= as_of - timedelta(45)
    ]
    chosen = rng.sample(old_open, 9)
    for deal in chosen[:4]:
        deal.values.update(touches=rng.randint(7, 9), next_followup=None)
    for deal in chosen[4:]:
        last_contact = as_of - _days(rng, 15, 40)
        deal.values.update(
            last_contact=last_contact, next_followup=last_contact + _days(rng, 3, 10)
        )
    for deal in chosen:
        deal.followup_case = True


# --- the public draws ------------------------------------------------------------------


def draw_deals(rng: random.Random, as_of: date) -> list[SampleDeal]:
    """All sample deals, sorted by creation date, with IDs AFF-0001, AFF-0002, ...

    Draw them first: the messy cells and the action plan come next from the same ``rng``.
    """
    clients = _clients(rng, N_CLIENTS)
    deals = [_deal(rng, as_of, st, sg, rng.choice(clients)) for st, sg in _outcomes(rng)]
    _ensure_followup_cases(rng, deals, as_of)
    deals.sort(key=lambda d: d.values["created"])
    for number, deal in enumerate(deals, start=1):
        deal.values["deal_id"] = f"AFF-{number:04d}"
    return deals


def _done_count(rng: random.Random, action: ActionSpec, as_of: date) -> int:
    """What has been done so far: the planned count pro rata of the weeks already run."""
    weeks = action.running_weeks
    elapsed = sum(1 for w in weeks if w <= as_of.isocalendar().week) / len(weeks)
    return round(action.planned * elapsed * rng.uniform(0.6, 1.1))


def draw_actions(rng: random.Random, as_of: date) -> tuple[SampleAction, ...]:
    """The action plan of ACTIONS, each with its done count as of ``as_of`` (one draw each)."""
    actions = []
    for spec in ACTIONS:
        values = (
            spec.name, spec.type, spec.owner, spec.budget, spec.start, spec.end, spec.target,
            spec.planned, _done_count(rng, spec, as_of), spec.lever, spec.revenue,
        )  # fmt: skip
        actions.append(SampleAction(dict(zip(DEMO_ACTION_FIELDS, values, strict=True)), spec.grid))
    return tuple(actions)
