"""The ``sync.toml`` that ``salespipe init`` writes: commented, in the user's language, with
paths TOML reads back as written on every system.

A Windows path in a double-quoted TOML string breaks (``"C:\\Users\\…"``: ``\\U`` starts an
escape), so a path is written as a literal string in single quotes
(``'C:\\Users\\marie\\clé.json'``), taken as it is; a path holding a single quote (rare)
as a basic string with its backslashes and quotes escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from salespipe.core.texts import text
from salespipe.output_guard import refuse_inputs

#: How the sync signs in: a service account's key file, or a person's own account (OAuth).
SignIn = Literal["service_account", "oauth"]


def toml_string(value: str) -> str:
    """``value`` as a TOML string that reads back exactly: literal (single quotes) unless it
    holds a single quote or a control character, then basic with escapes."""
    if "'" not in value and not any(ord(c) < 32 or ord(c) == 127 for c in value):
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if ord(c) >= 32 and ord(c) != 127 else f"\\u{ord(c):04x}"
                      for c in escaped)  # fmt: skip
    return f'"{escaped}"'


@dataclass(frozen=True)
class SetUp:
    """What ``salespipe init`` asked: the spreadsheet, how the sync signs in and the file
    that holds its credentials (the key, or the token the OAuth sign-in stored)."""

    spreadsheet: str
    sign_in: SignIn
    credentials: Path
    lang: str = "fr"


def config_text(setup: SetUp, config: Path) -> str:
    """The commented ``[sync]`` table of ``setup``; comments in its language, the optional
    settings commented out with their defaults."""
    lang = setup.lang

    def note(code: str, **values: object) -> str:
        return "# " + text(f"init.toml.{code}", lang, **values)

    credentials = "key" if setup.sign_in == "service_account" else "token"
    lines = [
        note("head"),
        note("check", config=config.name),
        note("run", config=config.name),
        "",
        "[sync]",
        note("spreadsheet"),
        f"spreadsheet = {toml_string(setup.spreadsheet)}",
        note(credentials),
        f"credentials = {toml_string(str(setup.credentials))}",
        note("lang"),
        f"lang = {toml_string(lang)}",
        note("target"),
        "# target = 250000",
        note("period"),
        '# period = "quarter"',
        note("tabs"),
        '# pipeline_tab = "Pipeline"',
        note("history"),
        "# keep_history = true",
        "",
    ]
    return "\n".join(lines)


def write_config(path: Path, content: str, reads: Iterable[Path | None] = ()) -> Path:
    """Write the configuration, never over a file it names (``reads``: the key, the client
    file, the token; :func:`salespipe.output_guard.refuse_inputs`). Replacing an existing
    configuration is the caller's decision (``salespipe init --force``)."""
    refuse_inputs([path], reads)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
