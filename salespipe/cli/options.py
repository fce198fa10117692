"""Options several commands share, declared once, and the parsing of their values.

The CLI is the clock: ``--as-of`` absent means today, here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from salespipe.cli.terminal import printable
from salespipe.core.errors import ConfigError
from salespipe.core.reading.parsing import CellError, parse_amount, parse_date
from salespipe.core.texts import LANGS, text

FORMATS = ("text", "json", "xlsx")
PERIODS = ("month", "quarter", "year")
Decorator = Callable[[Any], Any]
#: Where the user's locale is read, first found wins (POSIX's order of precedence).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def user_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language when no ``--lang`` is given, one rule for every command: the
    ``SALESPIPE_LANG`` variable (fr or en), else the locale (``en…`` → English, anything
    else → French), else French."""
    env = os.environ if environ is None else environ
    chosen = env.get("SALESPIPE_LANG", "").strip().lower()[:2]
    if chosen in LANGS:
        return chosen
    for name in LOCALE_VARIABLES:
        value = env.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "fr"
    return "fr"


#: The language of the command being run, kept once its options are parsed
#: (:func:`keep_command_lang`), so that what is said after click has left the command's
#: context (an error raised out of it, Ctrl-C) speaks its ``--lang`` too.
_COMMAND_LANG: ContextVar[str | None] = ContextVar("salespipe_command_lang", default=None)


def cli_lang() -> str:
    """The language of what the command says (refusals, "written to" lines, errors, progress):
    its ``--lang`` when given, else :func:`user_lang`."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return _COMMAND_LANG.get() or user_lang()
    if ctx.get_parameter_source("lang") in (None, ParameterSource.DEFAULT):
        return user_lang()
    given = ctx.params.get("lang")
    return str(given) if given in LANGS else user_lang()


def keep_command_lang(lang: str | None) -> None:
    """Remember the running command's language (:func:`cli_lang` inside its context), or
    forget it with None before the next command line."""
    _COMMAND_LANG.set(lang)


def say(code: str, **values: Any) -> str:
    """The catalogue's text of ``code`` in the command's language, safe for a terminal
    (a value from a cell shows its control characters: :mod:`salespipe.cli.terminal`)."""
    return printable(text(code, cli_lang(), **values))


def as_of_option(help_text: str) -> Decorator:
    """--as-of DATE (parsed by :func:`parse_as_of`)."""
    return click.option("--as-of", "as_of", help=help_text)


def target_option() -> Decorator:
    """--target AMOUNT (parsed by :func:`parse_target`)."""
    return click.option("--target", help="Revenue target for the period, e.g. 250000.")


def period_option(default: str | None, help_text: str) -> Decorator:
    """--period month|quarter|year."""
    return click.option("--period", type=click.Choice(PERIODS), default=default,
                        show_default=default is not None, help=help_text)  # fmt: skip


def lang_option(choices: Sequence[str], default: str | None, help_text: str) -> Decorator:
    """--lang fr|en: the language of what the command writes."""
    return click.option("--lang", type=click.Choice(list(choices)), default=default,
                        show_default=default is not None, help=help_text)  # fmt: skip


def mapping_option(help_text: str, must_exist: bool = True) -> Decorator:
    """--mapping FILE: a TOML column mapping (read by :func:`load_mapping`)."""
    kind = click.Path(exists=must_exist, dir_okay=False, path_type=Path)
    return click.option("--mapping", type=kind, help=help_text)


def sheet_option() -> Decorator:
    """--sheet NAME: the pipeline sheet, when it cannot be found by name or content."""
    return click.option(
        "--sheet", "deals_sheet", help="Name of the pipeline sheet (default: found)."
    )


def parse_as_of(value: str | None) -> date:
    """--as-of: a date in dd/mm/yyyy or ISO form; today when absent (the CLI is the clock)."""
    if value is None:
        return date.today()
    try:
        parsed = parse_date(value)
    except CellError as exc:
        if exc.code == "date_out_of_range":  # a date, but one no period can be built around
            raise click.BadParameter(
                say("cli_date_out_of_range", value=repr(value), **exc.params)
            ) from None
        parsed = None
    if parsed is None:
        raise click.BadParameter(say("cli_bad_date", value=repr(value)))
    return parsed


def parse_target(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except CellError as exc:
        if exc.code == "amount_too_large":
            raise click.BadParameter(
                say("cli_amount_too_large", value=repr(value), **exc.params)
            ) from None
        raise click.BadParameter(say("cli_bad_amount", value=repr(value))) from None


def guard_output(output: Path | None, *inputs: Path | None) -> None:
    """-o (or the default name standing for it) is none of the files read and, if it
    exists, a regular file (:func:`salespipe.output_guard.refuse_inputs`): a usage error."""
    if output is None:
        return
    from salespipe.output_guard import refuse_inputs

    try:
        refuse_inputs([output], inputs)
    except ConfigError as exc:
        raise click.BadParameter(exc.message(cli_lang()), param_hint="-o/--output") from None


def load_mapping(path: Path | None) -> dict[str, Any]:
    """A TOML column mapping, e.g. ``[deals] amount = "CA estimé"`` (see
    :func:`salespipe.core.reading.pipeline.mapping_options` for its tables)."""
    if path is None:
        return {}
    import tomllib

    from salespipe.settings import read_toml

    try:
        return read_toml(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(say("cli_bad_mapping", path=path, reason=exc)) from None


#: The configuration ``sync`` and ``check`` read without --config, when the working
#: directory holds it (as git finds its own files there).
HERE_CONFIG = "sync.toml"


def _config_here(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """--config as given, else the working directory's sync.toml when there is one."""
    if value is None and Path(HERE_CONFIG).is_file():
        return Path(HERE_CONFIG)
    return value


def sync_source_options(func: Any) -> Any:
    """[WORKBOOK] and --config (default: ./sync.toml if present), as ``sync`` and ``check``
    take them."""
    func = click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=_config_here,
        help="TOML file with a [sync] table (spreadsheet, credentials, tabs...); default: "
        "sync.toml in the working directory, if there is one.",
    )(func)
    workbook = click.Path(dir_okay=False, path_type=Path)
    return click.argument("workbook", required=False, type=workbook)(func)


def quiet_option() -> Decorator:
    """-q/--quiet: no progress on stderr (it is shown only on a terminal anyway)."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="Show no progress on stderr (shown on a terminal only).")  # fmt: skip


def summary_format_option(help_text: str) -> Decorator:
    """--format text|json: what a command prints on stdout, for a person or a script."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help=help_text)  # fmt: skip


def verbose_option() -> Decorator:
    """-v/--verbose: what was read and the time of each step, on stderr."""
    return click.option("-v", "--verbose", is_flag=True,
                        help="Tell on stderr what was read (sheets, columns recognised and not "
                             "read) and the time of each step.")  # fmt: skip


#: --as-of, --format, -o, --target, --period, --lang, --full, --max-touches, -q, -v: report
#: and demo.
_common_report_options = [
    as_of_option("Date of the report (default: today)."),
    click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
        help="Terminal dashboard, JSON with every figure and issue, or a report workbook.",
    ),
    click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the report to this file instead of the terminal."),
    target_option(),
    period_option(default="quarter", help_text="Period of the headline forecast and target."),
    lang_option(choices=("en", "fr"), default=None,
                help_text="Language of labels and data-quality messages (default: "
                          "SALESPIPE_LANG, else the locale, else fr)."),
    click.option("--full", is_flag=True, help="List every row of every section in text output."),
    click.option("--max-touches", type=click.IntRange(1, 100), default=7, show_default=True,
                 help="Follow-ups after which a deal goes to marketing nurture."),
    quiet_option(),
    verbose_option(),
]  # fmt: skip


def report_options(func: Any) -> Any:
    """The options report and demo share."""
    for option in reversed(_common_report_options):
        func = option(func)
    return func
