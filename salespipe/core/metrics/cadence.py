"""Follow-up cadences (rythmes de relance) and the next follow-up date of one deal.

The next follow-up of an open deal is the date the user typed in « Prochaine
relance » if any, kept exactly as typed; otherwise the last contact plus the
cadence step for the number of touches already done, rolled forward to the next
business day (weekends and French public holidays). The cadence is the deal's
stage cadence, else :data:`~salespipe.core.model.DEFAULT_CADENCE` (the same day, the
next day, +3 days, weekly for a month, then quarterly). Step ``i`` is the
number of *calendar* days after the last contact when ``i`` touches are done;
touch counts past the end use the last step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from salespipe.core.errors import InputError
from salespipe.core.metrics.business_days import roll_forward
from salespipe.core.model import DEFAULT_CADENCE
from salespipe.core.texts import Bilingual, both

#: Longest cadence step accepted: ten years, far beyond any sensible follow-up.
MAX_CADENCE_STEP = 3660

_STEP = re.compile(r"(?:[jd]\s*)?(?:\+\s*)?(\d+)", re.IGNORECASE)
_SEPARATOR = re.compile(r"[,;/\s]+")
_CHUNK = re.compile(r"[^,;/\s]+")


def parse_cadence(text: str) -> tuple[int, ...]:
    """The cadence steps (calendar days) written in ``text``.

    Accepts day counts or ``J+n`` / ``D+n`` / ``Jn`` / ``+n`` steps separated by commas,
    semicolons, slashes or spaces: ``"0,1,3,7,7,7,7,90"``, ``"0; 1; 3"``,
    ``"J+2, J+5, J+12"``, ``"J0 J+1 J+3"``, ``"J + 2"``. Each step is a whole
    number of days from 0 to :data:`MAX_CADENCE_STEP`.

    Raises InputError (a ValueError) ``unreadable_cadence`` when the text is empty or a
    step cannot be read.
    """
    steps: list[int] = []
    pos = _skip_separators(text, 0)
    while pos < len(text):
        match = _STEP.match(text, pos)
        end = match.end() if match else pos
        if match is None or (end < len(text) and not _SEPARATOR.match(text, end)):
            chunk = _CHUNK.match(text, pos)
            token = chunk.group() if chunk else text[pos:]
            raise _cadence_error(text, both("cadence.bad_step", step=token))
        steps.append(_step_days(match.group(), int(match.group(1)), text))
        pos = _skip_separators(text, end)
    if not steps:
        raise _cadence_error(text, both("cadence.no_step"))
    return tuple(steps)


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


def cadence_step(cadence: Sequence[int], touches: int | None) -> int:
    """Calendar days from the last contact to the next follow-up after ``touches`` touches.

    None or negative touches count as 0; counts past the end use the last step.
    Raises InputError (a ValueError) when the cadence is empty.
    """
    if not cadence:
        raise InputError("empty_cadence")
    done = max(touches or 0, 0)
    return cadence[min(done, len(cadence) - 1)]


def next_followup(
    last_contact: date | None,
    touches: int | None,
    cadence: Sequence[int] = DEFAULT_CADENCE,
    explicit: date | None = None,
) -> date | None:
    """The next follow-up date of one deal.

    Returns ``explicit`` unchanged when given (a date the user typed is kept as
    typed, even on a weekend); else ``last_contact`` + the cadence step for
    ``touches`` (None = 0) calendar days, rolled forward to a business day; else
    None (no last contact and no explicit date).
    """
    if explicit is not None:
        return explicit
    if last_contact is None:
        return None
    return roll_forward(last_contact + timedelta(days=cadence_step(cadence, touches)))
