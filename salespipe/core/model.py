"""The domain: deals, stages, the stage table and action-plan rows.

Plain frozen dataclasses; every field a person may leave blank is Optional.
Money is a float in euros (HT); probabilities are fractions in [0, 1].
``row`` is always the 1-based row number in the user's sheet, so that every
figure can be traced back to what the person typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache


class Status(StrEnum):
    """Whether a deal is still being worked on, won or lost."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


#: The statuses as plain names for loops over every deal: in Python 3.11 ``Status.OPEN`` is
#: looked up through the enum's metaclass, about 80 ns each time against 10 ns for a global,
#: a tenth of the report's metrics on 100 000 deals.
OPEN, WON, LOST = Status.OPEN, Status.WON, Status.LOST


_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a label, for matching.

    ``"  Négociation "`` and ``"NEGOCIATION"`` both fold to ``"negociation"``;
    punctuation becomes a space (``"Montant HT (€)"`` → ``"montant ht"``).
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


@dataclass(frozen=True, slots=True)
class Cadence:
    """A follow-up cadence (rythme de relance), in one of its two notations.

    ``from_stage_entry`` True (written ``J+2, J+5, J+12``, seed 000): ``days[k]`` is the
    offset, from the day the deal entered its stage, of touch k+1; offsets never
    decrease. False (written ``+0, +1, +3, +7``, seed 002): ``days[k]`` is the gap, after
    the last contact, before the next touch when k touches are done. Past the end of the
    cadence the last gap repeats (for offsets: the last difference between offsets).
    """

    days: tuple[int, ...]
    from_stage_entry: bool = False

    def gap(self, touches: int) -> int:
        """Days after the last contact for the next touch once ``touches`` are done.

        For offsets (stage entry unknown or past the last offset) it is the difference
        between consecutive offsets (J+2, J+5, J+12: +2, then +3, then +7), which gives
        the same dates as the offsets when every touch happened on time.
        """
        days = self.days
        k = min(max(touches, 0), len(days) - 1)
        if not self.from_stage_entry or k == 0:
            return days[k]
        return days[k] - days[k - 1]

    def offset(self, touches: int) -> int | None:
        """Days after stage entry of the next touch, or None (gaps, or past the offsets)."""
        if not self.from_stage_entry or touches >= len(self.days):
            return None
        return self.days[max(touches, 0)]

    def text(self) -> str:
        """The cadence as a person writes it: ``J0, J+2, J+5`` or ``+0, +1, +3``."""
        if self.from_stage_entry:
            return ", ".join("J0" if d == 0 else f"J+{d}" for d in self.days)
        return ", ".join(f"+{d}" for d in self.days)


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the pipeline (étape).

    ``cadence`` is the follow-up schedule for deals in this stage (:class:`Cadence`);
    ``None`` means the default cadence.
    """

    name: str
    order: int
    probability: float
    expected_days: int | None = None
    cadence: Cadence | None = None
    is_won: bool = False
    is_lost: bool = False
    aliases: tuple[str, ...] = ()


#: Seed 002: follow up the same day, the next day, 3 days later, weekly for a month, then
#: quarterly; gaps after the last contact. The quarterly gap is the 8th step: with the
#: default 7 touches (:data:`DEFAULT_MAX_TOUCHES`) a deal goes to marketing nurture at that
#: point, which is where the seed's « une fois par trimestre » belongs (marketing keeps in
#: touch); raise the maximum touches above 7 to keep quarterly follow-ups in sales' list.
DEFAULT_CADENCE = Cadence((0, 1, 3, 7, 7, 7, 7, 90))
#: After 7 unanswered touches the contact goes to marketing nurture (docs/metrics.md).
DEFAULT_MAX_TOUCHES = 7


@dataclass(frozen=True)
class StageTable:
    """The ordered stages of the user's pipeline, open stages first, then won and lost."""

    stages: tuple[Stage, ...]
    _by_folded: dict[str, Stage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Stage] = {}
        for stage in self.stages:
            for label in (stage.name, *stage.aliases):
                index.setdefault(fold(label), stage)
        object.__setattr__(self, "_by_folded", index)

    @property
    def open_stages(self) -> tuple[Stage, ...]:
        """Stages a deal goes through before it is won or lost, in order."""
        return tuple(
            sorted((s for s in self.stages if not (s.is_won or s.is_lost)), key=lambda s: s.order)
        )

    @property
    def won_stage(self) -> Stage | None:
        return next((s for s in self.stages if s.is_won), None)

    @property
    def lost_stage(self) -> Stage | None:
        return next((s for s in self.stages if s.is_lost), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def get(self, name: str) -> Stage | None:
        """The stage whose name or alias folds to the same text as ``name``."""
        return self._by_folded.get(fold(name))

    def labels(self) -> dict[str, Stage]:
        """Every folded name and alias, with its stage."""
        return dict(self._by_folded)

    def position(self, name: str) -> int:
        """0-based position of an open stage in the funnel; won stages sort after all."""
        stage = self.get(name)
        if stage is None:
            raise KeyError(name)
        if stage.is_won or stage.is_lost:
            return len(self.open_stages)
        return self.open_stages.index(stage)

    @classmethod
    def default(cls) -> StageTable:
        """The default stages: Suspect 10 % → … → Négociation 80 % → Gagné 100 % / Perdu 0 %."""
        return cls(
            (
                Stage("Suspect", 1, 0.10, 14, aliases=("Lead", "Suspect / lead", "Suspect/lead")),
                Stage("Prospect qualifié", 2, 0.20, 21, aliases=("Qualified", "Prospect")),
                Stage("Rendez-vous", 3, 0.40, 21, aliases=("RDV", "Meeting", "Rendez vous")),
                Stage(
                    "Proposition envoyée",
                    4,
                    0.60,
                    30,
                    aliases=("Proposition", "Proposal", "Devis envoyé", "Devis"),
                ),
                Stage("Négociation", 5, 0.80, 21, aliases=("Negotiation",)),
                Stage(
                    "Gagné",
                    6,
                    1.0,
                    None,
                    is_won=True,
                    aliases=("Won", "Closed won", "Signé", "Signée", "Gagnée", "Vendu"),
                ),
                Stage(
                    "Perdu",
                    7,
                    0.0,
                    None,
                    is_lost=True,
                    aliases=("Lost", "Closed lost", "Perdue", "Abandonné", "Abandonnée"),
                ),
            )
        )


@dataclass(slots=True)
class Deal:
    """One row of the pipeline (affaire / opportunité), parsed.

    Treat it as read-only. It is not ``frozen`` only because a frozen dataclass's
    ``__init__`` is ten times slower, which costs a third of a second on 100 000
    deals; nothing in salespipe assigns to a deal after parsing.

    ``stage`` is the canonical name from the stage table: the furthest stage the
    deal reached. ``status`` says whether it is open, won or lost. ``probability``
    is the deal's own override, if the user typed one. ``expected_close`` is the
    expected close date while open and the actual close date once won or lost.
    ``stage_entered`` is when the deal entered its current stage, if tracked.
    """

    row: int
    deal_id: str | None
    name: str | None
    company: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    owner: str | None = None
    stage: str | None = None
    status: Status = Status.OPEN
    amount: float | None = None
    probability: float | None = None
    created: date | None = None
    expected_close: date | None = None
    last_contact: date | None = None
    next_followup: date | None = None
    touches: int | None = None
    source: str | None = None
    segment: str | None = None
    temperature: str | None = None
    lost_reason: str | None = None
    notes: str | None = None
    stage_entered: date | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """One row of the commercial action plan (plan d'actions).

    ``weeks`` are ISO week numbers (1-53) in which the action runs: either from a
    week-by-week grid or expanded from ``start_week``..``end_week``.
    """

    row: int
    action: str
    type: str | None = None
    owner: str | None = None
    budget: float | None = None
    start_week: int | None = None
    end_week: int | None = None
    weeks: tuple[int, ...] = ()
    year: int | None = None
    target: str | None = None
    planned_count: float | None = None
    done_count: float | None = None
    lever: str | None = None
    expected_revenue: float | None = None
