"""Exceptions that stop a whole run.

Messy cells are *not* exceptions: they become :class:`salespipe.core.quality.Issue`
records. The tree::

    SalespipeError
    ├── InputError (also ValueError)   the user's data cannot be used at all
    │   └── TableNotFoundError         no header row for a required table
    ├── ConfigError                    bad settings, mapping or option
    └── SourceError                    a file or sheet cannot be opened or read

Each front end turns these into its own form in one place (CLI: message and
exit code 1; UDF: short text in the cell; scheduled job: a log line), in the
language it shows: every code has a French and an English text in
:mod:`salespipe.core.texts`.
"""

from __future__ import annotations

from typing import Any

from salespipe.core.texts import CATALOGUE, text


class SalespipeError(Exception):
    """Base of every error salespipe raises on purpose.

    Raised with a message code of :mod:`salespipe.core.texts` and its values
    (``ConfigError("settings_file_not_found", path=...)``), so each front end can show
    it in French (``str(exc)``) or English (``exc.message("en")``). A value may be a
    :class:`~salespipe.core.texts.Bilingual` (a phrase in both languages). A plain
    sentence in place of a code is shown as it is, in every language.
    """

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("fr"))

    def message(self, lang: str = "fr") -> str:
        """The message in ``lang`` ("fr" or "en")."""
        return text(self.code, lang, **self.params) if self.code in CATALOGUE else self.code


class InputError(SalespipeError, ValueError):
    """The user's data cannot be used: the message says what, where and what to do."""


class TableNotFoundError(InputError):
    """No header row matching the required columns was found in a sheet."""


class ConfigError(SalespipeError):
    """A setting, column mapping or option is invalid."""


class SourceError(SalespipeError):
    """A workbook or sheet cannot be opened or read."""
