"""Follow-up cadences (rythmes de relance) and the next follow-up date of one deal.

A cadence comes in two notations (:class:`~salespipe.core.model.Cadence`):

- ``J+2, J+5, J+12`` (seed 000): offsets from the day the deal entered its stage; touch 2
  is due at J+5 whatever day touch 1 happened;
- ``+0, +1, +3, +7`` (seed 002): gaps after the last contact, step k once k touches are
  done; plain numbers (``0, 1, 3, 7``) are read as gaps too.

The next follow-up of an open deal is the date the user typed in « Prochaine relance » if
any, kept exactly as typed; else, for offsets with a known stage-entry date, the stage
entry plus the offset of the next touch; else the last contact plus the gap (for offsets:
the difference between consecutive offsets, the same dates when touches happen on time);
rolled forward to the next business day (weekends and French public holidays). Past the
end of a cadence the last gap repeats. The cadence is the deal's stage cadence, else
:data:`~salespipe.core.model.DEFAULT_CADENCE`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from salespipe.core.errors import InputError
from salespipe.core.metrics.business_days import roll_forward
from salespipe.core.model import DEFAULT_CADENCE, Cadence
from salespipe.core.texts import Bilingual, both

#: Which rule gave a follow-up date: typed by the user, stage entry + offset (J+n), last
#: contact + gap, or none (no date known).
Rule = Literal["explicit", "stage_entry", "last_contact", "none"]

#: Longest cadence step accepted: ten years, far beyond any sensible follow-up.
MAX_CADENCE_STEP = 3660

_STEP = re.compile(r"(?:([jd])\s*)?(\+\s*)?(\d+)", re.IGNORECASE)
_SEPARATOR = re.compile(r"[,;/\s]+")
_CHUNK = re.compile(r"[^,;/\s]+")


def parse_cadence(text: str) -> Cadence:
    """The cadence written in ``text``.

    Steps are separated by commas, semicolons, slashes or spaces. ``J+n`` / ``D+n`` /
    ``Jn`` / ``J + n`` steps are offsets from stage entry (``"J+2, J+5, J+12"``,
    ``"J0 J+1 J+3"``) and must not decrease; ``+n`` steps and plain day counts are gaps
    after the last contact (``"+0, +1, +3, +7"``, ``"0,1,3,7,7,7,7,90"``). The two
    notations cannot be mixed. Each step is a whole number of days from 0 to
    :data:`MAX_CADENCE_STEP`.

    Raises InputError (a ValueError) ``unreadable_cadence`` when the text is empty, a step
    cannot be read, the notations are mixed or offsets decrease.
    """
    steps: list[int] = []
    kinds: set[bool] = set()
    pos = _skip_separators(text, 0)
    while pos < len(text):
        match = _STEP.match(text, pos)
        end = match.end() if match else pos
        if match is None or (end < len(text) and not _SEPARATOR.match(text, end)):
            chunk = _CHUNK.match(text, pos)
            token = chunk.group() if chunk else text[pos:]
            raise _cadence_error(text, both("cadence.bad_step", step=token))
        kinds.add(match.group(1) is not None)
        steps.append(_step_days(match.group(), int(match.group(3)), text))
        pos = _skip_separators(text, end)
    if not steps:
        raise _cadence_error(text, both("cadence.no_step"))
    if len(kinds) > 1:
        raise _cadence_error(text, both("cadence.mixed"))
    from_entry = kinds == {True}
    if from_entry:
        _check_increasing(steps, text)
    return Cadence(tuple(steps), from_stage_entry=from_entry)


def _check_increasing(offsets: list[int], text: str) -> None:
    for before, after in pairwise(offsets):
        if after < before:
            why = both("cadence.offsets_decrease", before=f"J+{before}", after=f"J+{after}")
            raise _cadence_error(text, why)


def _skip_separators(text: str, pos: int) -> int:
    match = _SEPARATOR.match(text, pos)
    return match.end() if match else pos


def _step_days(token: str, days: int, text: str) -> int:
    if days > MAX_CADENCE_STEP:
        why = both("cadence.step_too_long", step=token, days=MAX_CADENCE_STEP)
        raise _cadence_error(text, why)
    return days


def _cadence_error(text: str, why: Bilingual) -> InputError:
    return InputError("unreadable_cadence", text=text, why=why)


def gaps(days: Sequence[int]) -> Cadence:
    """A gap cadence from day counts (a range of numbers in a cell).

    Raises InputError (a ValueError) ``empty_cadence`` when there is no step.
    """
    if not days:
        raise InputError("empty_cadence")
    return Cadence(tuple(days))


def next_followup(
    last_contact: date | None,
    touches: int | None,
    cadence: Cadence = DEFAULT_CADENCE,
    explicit: date | None = None,
    stage_entered: date | None = None,
) -> date | None:
    """The next follow-up date of one deal.

    Returns ``explicit`` unchanged when given (a date the user typed is kept as typed, even
    on a weekend); else, for an offset cadence with ``stage_entered`` known and touches
    (None = 0) within the offsets, ``stage_entered`` + the offset of the next touch; else
    ``last_contact`` + :meth:`Cadence.gap`; rolled forward to a business day. None when
    neither date is known.
    """
    return scheduled_followup(last_contact, touches, cadence, explicit, stage_entered)[0]


def scheduled_followup(
    last_contact: date | None,
    touches: int | None,
    cadence: Cadence = DEFAULT_CADENCE,
    explicit: date | None = None,
    stage_entered: date | None = None,
) -> tuple[date | None, Rule]:
    """:func:`next_followup` and the rule that gave it (see :data:`Rule`)."""
    if explicit is not None:
        return explicit, "explicit"
    done = max(touches or 0, 0)
    offset = cadence.offset(done)
    if offset is not None and stage_entered is not None:
        return roll_forward(stage_entered + timedelta(days=offset)), "stage_entry"
    if last_contact is None:
        return None, "none"
    return roll_forward(last_contact + timedelta(days=cadence.gap(done))), "last_contact"
