"""The one place where a UDF's failure becomes a short message in its cell.

Excel shows whatever a UDF returns; an exception escaping a UDF would show
xlwings' traceback text instead. Every UDF is wrapped in :func:`cell_safe`,
which turns bad input into ``#SALESPIPE! <what is wrong, in French>`` and any
other failure into a generic line (the traceback goes to the log). The texts are in
:mod:`salespipe.core.texts.excel`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from salespipe.core.bulk import gc_paused
from salespipe.core.errors import InputError, SalespipeError
from salespipe.core.texts import Bilingual, both, text

logger = logging.getLogger(__name__)

#: Start of every message a UDF puts in a cell, in the style of Excel's own errors.
PREFIX = "#SALESPIPE!"

F = TypeVar("F", bound=Callable[..., Any])


class ArgumentError(InputError):
    """A UDF argument that cannot be used: a message code and its values, like every
    :class:`~salespipe.core.errors.SalespipeError`; ``str(exc)`` is the French sentence
    for the cell."""


def cause(code: str, value: Any = None, **params: Any) -> Bilingual:
    """The "why" of a core issue code, without the sheet/row prefix, in both languages:
    a value for an :class:`ArgumentError` (``udf_unreadable``)."""
    return both(code, **{**params, "value": value})


def reason(code: str, value: Any = None, **params: Any) -> str:
    """The French "why" of a core issue code, without the sheet/row prefix.

    ``reason("bad_amount", "abc")`` → ``montant illisible « abc » ; attendu un nombre…``.
    A ``status`` is shown as the core names it (open, won, lost), as DATA_QUALITY shows it.
    """
    if "status" in params:
        params["status"] = Bilingual(str(params["status"]), str(params["status"]))
    return text(code, "fr", **{**params, "value": value})


def cell_message(exc: BaseException) -> str:
    """What the cell shows for ``exc``: always a one-line French text starting with PREFIX."""
    if isinstance(exc, SalespipeError):
        said = exc.message("fr")
    else:
        said = text("udf_unexpected", "fr", kind=type(exc).__name__)
    return f"{PREFIX} {' '.join(said.split())}"


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
        except SalespipeError as exc:  # ArgumentError included
            return cell_message(exc)
        except Exception as exc:  # a bug: keep Excel usable, keep the traceback in the log
            logger.exception("%s failed", func.__name__)
            return cell_message(exc)

    # The docstring is the wizard's description: one line, whatever its layout in the source.
    wrapper.__doc__ = " ".join((func.__doc__ or "").split())
    return wrapper  # type: ignore[return-value]
