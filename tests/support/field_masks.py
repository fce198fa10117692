"""Field masks (``fields=sheets.properties.title``, ``userEnteredFormat(a,b)``) and proto defaults.

Used by the emulator's spreadsheets.get (to cut an answer down to a mask) and by the
``fields`` of batchUpdate requests (to copy only the masked parts of a message). Both
``.`` and ``/`` separate path steps (gspread sends both; Google accepted both).
"""

from __future__ import annotations

import copy
import math
from typing import Any

Path = tuple[str, ...]


def parse_mask(text: str) -> list[Path]:
    """``a.b,c/d(e,f)`` -> ``[("a","b"), ("c","d","e"), ("c","d","f")]``."""
    paths, _ = _parse_list(text.replace(" ", ""), 0, ())
    return paths


def _parse_list(text: str, i: int, prefix: Path) -> tuple[list[Path], int]:
    paths: list[Path] = []
    current: list[str] = []
    word = ""
    while i < len(text):
        ch = text[i]
        if ch in "./":
            current.append(word)
            word = ""
        elif ch == ",":
            if word or current:
                paths.append((*prefix, *current, word))
            current, word = [], ""
        elif ch == "(":
            inner, i = _parse_list(text, i + 1, (*prefix, *current, word))
            paths.extend(inner)
            current, word = [], ""
            i += 1
            continue
        elif ch == ")":
            if word or current:
                paths.append((*prefix, *current, word))
            return paths, i
        else:
            word += ch
        i += 1
    if word or current:
        paths.append((*prefix, *current, word))
    return paths, i


def cut(value: Any, paths: list[Path]) -> Any:
    """Keep only what the paths name; lists are walked item by item, containers kept."""
    if not paths or any(p == ("*",) or p == () for p in paths):
        return value
    if isinstance(value, list):
        return [cut(item, paths) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    heads: dict[str, list[Path]] = {}
    for path in paths:
        heads.setdefault(path[0], []).append(path[1:])
    for key, rests in heads.items():
        if key in value:
            out[key] = value[key] if any(r == () for r in rests) else cut(value[key], rests)
    return out


def copy_masked(target: dict[str, Any], source: dict[str, Any], paths: list[Path]) -> None:
    """Set each masked path of ``target`` from ``source``; a path absent from source is cleared."""
    if any(p == ("*",) for p in paths):
        target.update(copy.deepcopy(source))  # a lenient "*": only what the source gives
        return
    for path in paths:
        src: Any = source
        for key in path:
            src = src.get(key) if isinstance(src, dict) else None
        parent = target
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
            if not isinstance(parent, dict):
                break
        else:
            if src is None:
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = copy.deepcopy(src)


def prune_defaults(value: Any, keep: frozenset[str] = frozenset()) -> Any:
    """Drop proto3 default values (False, 0, "", None, empty messages), except ``keep`` keys."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            pruned = prune_defaults(item, keep)
            if key in keep or not _is_default(pruned):
                out[key] = pruned
        return out
    if isinstance(value, list):
        return [prune_defaults(v, keep) for v in value]
    return value


def _is_default(value: Any) -> bool:
    return value is None or value is False or value == 0 or value == "" or value == {}


def float32(x: float) -> float | int:
    """A float as Google prints float32 fields; 1.0 stays 1."""
    if float(x).is_integer():
        return int(x)
    return float(f"{x:.8g}")


def quantise_colour(colour: dict[str, Any] | None) -> dict[str, Any]:
    """Colours are stored in 8-bit steps and zero components vanish (as Google answers)."""
    out: dict[str, Any] = {}
    for key in ("red", "green", "blue", "alpha"):
        v = (colour or {}).get(key)
        if v:
            out[key] = float32(math.floor(float(v) * 255 + 1e-6) / 255)
    return out


def quantise_colours(value: Any) -> Any:
    """Quantise every ``*Color`` / ``rgbColor`` message inside a format or properties tree."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key.endswith(("Color", "rgbColor")) and isinstance(item, dict):
                out[key] = quantise_colour(item)
            else:
                out[key] = quantise_colours(item)
        return out
    if isinstance(value, list):
        return [quantise_colours(v) for v in value]
    return value
