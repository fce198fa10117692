"""The click group every command hangs on, and :func:`main`: errors to one line and an
exit code, in one place."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext

import click

from salespipe import __version__
from salespipe.cli import exit_codes
from salespipe.cli.click_texts import speaking_the_users_language
from salespipe.cli.help import CatalogueGroup
from salespipe.cli.options import cli_lang, keep_command_lang, say
from salespipe.core.errors import SalespipeError

#: The packages of pyproject.toml's extras that a command imports on use -> the extra
#: (tests/test_extras.py keeps it in step with pyproject.toml).
EXTRA_OF_MODULE = {
    "gspread": "sheets",
    "google": "sheets",
    "google_auth_oauthlib": "sheets",
    "requests": "sheets",
    "platformdirs": "sheets",
    "croniter": "sheets",
    "filelock": "sheets",
    "xlwings": "excel",
    "pandas": "pandas",
    "xlrd": "cli",
}


@click.group(cls=CatalogueGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="salespipe")
def cli() -> None:
    """salespipe: forecasts, funnel, follow-ups and CRM exports from your sales spreadsheet."""


def error_text(exc: Exception) -> str:
    """One line for a salespipe error or a file error, in the command's language, never a
    traceback."""
    if isinstance(exc, SalespipeError):
        return exc.message(cli_lang())
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    return say("cli_bug_inline", kind=type(exc).__name__, detail=exc)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, each outcome its exit code (:mod:`.exit_codes`): salespipe
    and file errors one line and ERROR, click's refusals USAGE, Ctrl-C INTERRUPTED; click's
    own texts in the command's language (:mod:`.click_texts`)."""
    with speaking_the_users_language():
        try:
            _run(argv)
        finally:
            keep_command_lang(None)  # the next command line starts from the rule again


def _run(argv: list[str] | None) -> None:
    try:
        code = cli.main(args=argv, prog_name="salespipe", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        click.echo(say("cli_aborted"), err=True)
        sys.exit(exit_codes.INTERRUPTED)
    except click.ClickException as exc:
        ctx = getattr(exc, "ctx", None)  # a refusal in the language of its command
        with ctx.scope(cleanup=False) if ctx is not None else nullcontext():
            exc.show()
        sys.exit(exc.exit_code)
    except (SalespipeError, OSError) as exc:
        click.echo(say("cli_error", message=error_text(exc)), err=True)
        sys.exit(exit_codes.ERROR)
    except ModuleNotFoundError as exc:  # an extra not installed: say which
        extra = EXTRA_OF_MODULE.get((exc.name or "").split(".")[0])
        if extra is None or os.environ.get("SALESPIPE_DEBUG"):
            raise
        click.echo(say("cli_missing_extra", module=exc.name, extra=extra), err=True)
        sys.exit(exit_codes.ERROR)
    except Exception as exc:  # a bug: one readable line, the traceback only on request
        if os.environ.get("SALESPIPE_DEBUG"):
            raise
        click.echo(say("cli_bug", kind=type(exc).__name__, detail=exc), err=True)
        sys.exit(exit_codes.ERROR)
    if isinstance(code, int) and code:
        sys.exit(code)
