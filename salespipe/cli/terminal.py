"""Text for a terminal: what came from a cell never drives it.

A cell holding a carriage return or backspaces rewrites what the line showed, a BEL
rings, an ESC starts a terminal command, and U+202E (right-to-left override) shows a
text backwards (``fdp.exe`` as ``exe.pdf``). Every line the CLI prints goes through
:func:`printable`: such a character is shown as its picture (``␍``, ``␈``, ``␇``, ``␛``)
or as ``<U+202E>``; line feeds and tabs stay.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with every character that would drive the terminal shown visibly."""
    if text.isprintable():
        return text  # the common case, in C
    return _UNSAFE.sub(_shown, text)
