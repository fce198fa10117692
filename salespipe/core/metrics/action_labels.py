"""The labels of the action plan's lines: owners, types, levers, sources.

Labels are grouped by their folded form (:func:`~salespipe.core.model.fold`: case,
accents and spacing ignored) and shown as first typed; a blank label is shown as
:data:`UNSET`, last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from salespipe.core.model import fold

#: Label for a blank owner, type, lever or source.
UNSET = "(non renseigné)"

V = TypeVar("V")


@dataclass
class Labels:
    """Display labels grouped by folded text: the first spelling typed wins."""

    shown: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str | None) -> str:
        key = fold(text or "")
        if not key:
            return UNSET
        return self.shown.setdefault(key, (text or "").strip())


def unset_last(mapping: dict[str, V], placeholder: str) -> dict[str, V]:
    """The same mapping, with the placeholder key (if present) moved to the end."""
    result = {k: v for k, v in mapping.items() if k != placeholder}
    if placeholder in mapping:
        result[placeholder] = mapping[placeholder]
    return result
