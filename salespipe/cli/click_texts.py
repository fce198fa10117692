"""click's own messages (its refusals, ``[default: …]``, « Aborted! ») in the command's
language.

click writes each of its texts through :mod:`gettext`: its modules say
``from gettext import gettext as _`` and ``from gettext import ngettext``, then call
``_("Missing argument")`` or ``ngettext(singular, plural, n)`` when they need the text.
:func:`speaking_the_users_language` puts, for the time of one command, :func:`gettext`
and :func:`ngettext` below in the place of those two names in click's modules, and the
originals back afterwards. Each call asks :func:`~salespipe.cli.options.cli_lang` (the
command's ``--lang``, else ``SALESPIPE_LANG``, the locale, French) and, in French, gives
the catalogue's entry ``click.<click's English text>``
(``salespipe/core/texts/cli_click.py``); in English, click's text as written.

Only :func:`salespipe.cli.app.main` does this: salespipe used as a library, or click used
by another program in the same process, keep click as it is. A text of click without an
entry stays English (tests/cli/test_click_texts.py reads the installed click's source and
fails on one, so a click upgrade cannot bring English back unseen).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from salespipe.cli.options import cli_lang
from salespipe.core.texts import CATALOGUE, index

#: click's modules that call ``_`` or ``ngettext`` (``_winconsole`` imports on Windows
#: only and is left out elsewhere).
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
    "click._winconsole",
)

#: The code of click's text ``msgid`` in the catalogue.
PREFIX = "click."


def gettext(msgid: str) -> str:
    """click's text ``msgid`` in the command's language."""
    if cli_lang() == "en":
        return msgid
    pair = CATALOGUE.get(PREFIX + msgid)
    return pair[index("fr")] if pair else msgid


def ngettext(singular: str, plural: str, count: int) -> str:
    """click's text for ``count`` things in the command's language: French takes the
    singular below 2 (« 1 argument », « 0 argument »), English for 1 only."""
    if cli_lang() == "en":
        return singular if count == 1 else plural
    return gettext(singular if count < 2 else plural)


def _loaded(names: tuple[str, ...]) -> list[ModuleType]:
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except (ImportError, AssertionError):  # click._winconsole asserts it runs on Windows
            continue
    return modules


@contextmanager
def speaking_the_users_language() -> Iterator[None]:
    """click's texts in the command's language while the block runs, click's own after."""
    saved: list[tuple[ModuleType, str, Any]] = []
    ours = {"_": gettext, "ngettext": ngettext}
    try:
        for module in _loaded(CLICK_MODULES):
            for name, function in ours.items():
                if name in vars(module):
                    saved.append((module, name, vars(module)[name]))
                    setattr(module, name, function)
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)
