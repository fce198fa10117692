"""The one place where a UDF's failure becomes a short message in its cell.

Excel shows whatever a UDF returns; an exception escaping a UDF would show
xlwings' traceback text instead. Every UDF is wrapped in :func:`cell_safe`,
which turns bad input into ``#SALESPIPE! <what is wrong, in French>`` and any
other failure into a generic line (the traceback goes to the log).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from salespipe.core.bulk import gc_paused
from salespipe.core.errors import SalespipeError
from salespipe.core.texts import CATALOGUE, display_value

logger = logging.getLogger(__name__)

#: Start of every message a UDF puts in a cell, in the style of Excel's own errors.
PREFIX = "#SALESPIPE!"

F = TypeVar("F", bound=Callable[..., Any])


class ArgumentError(ValueError):
    """A UDF argument that cannot be used; ``str(exc)`` is the French sentence for the cell."""


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def reason(code: str, value: Any = None, **params: Any) -> str:
    """The French "why" of a core issue code, without the sheet/row prefix.

    ``reason("bad_amount", "abc")`` → ``montant illisible « abc » ; attendu un nombre…``.
    """
    template = CATALOGUE[code][0] if code in CATALOGUE else code
    values = {k: display_value(v) for k, v in params.items()}
    values["value"] = display_value(value)
    return template.format_map(_Blank(values))


def cell_message(exc: BaseException) -> str:
    """What the cell shows for ``exc``: always a one-line French text starting with PREFIX."""
    if isinstance(exc, ArgumentError):
        text = str(exc)
    elif isinstance(exc, SalespipeError):
        text = exc.message("fr")
    else:
        text = f"erreur inattendue ({type(exc).__name__}) ; détail dans le journal xlwings"
    return f"{PREFIX} {' '.join(text.split())}"


def cell_safe(func: F) -> F:
    """Wrap a UDF so that it never raises: failures come back as :func:`cell_message` text.

    ``functools.wraps`` keeps the name, docstring, signature and type hints that
    xlwings reads to build the function's Excel metadata.
    """

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:  # xlwings UDFs take positional arguments only
        try:
            with gc_paused():  # tens of thousands of short-lived cells and deals, no cycles
                return func(*args)
        except (ArgumentError, SalespipeError) as exc:
            return cell_message(exc)
        except Exception as exc:  # a bug: keep Excel usable, keep the traceback in the log
            logger.exception("%s failed", func.__name__)
            return cell_message(exc)

    # The docstring is the wizard's description: one line, whatever its layout in the source.
    wrapper.__doc__ = " ".join((func.__doc__ or "").split())
    return wrapper  # type: ignore[return-value]
