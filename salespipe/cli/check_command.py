"""``salespipe check``: what a sync would read and write, or why it cannot; read-only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from salespipe.cli.app import cli, error_text
from salespipe.cli.exit_codes import ERROR
from salespipe.cli.options import lang_option, sync_source_options
from salespipe.cli.terminal import printable
from salespipe.core.errors import SalespipeError


@cli.command()
@sync_source_options
@lang_option(("fr", "en"), None, "Language of the lines (default: the sync's, fr).")
def check(workbook: Path | None, config: Path | None, lang: str | None) -> None:
    """Check the sync's set-up without writing anything: the spreadsheet (or WORKBOOK) is
    reachable, which tabs a sync would read and write, or why it cannot (API not enabled,
    not shared, missing scope, unknown spreadsheet, key or sign-in refused, no network).
    Exit 1 if one cannot sync."""
    from salespipe.settings import load_all_settings
    from sheets_sync.check import check_source

    overrides = {"workbook": workbook, "lang": lang,
                 "spreadsheet": "" if workbook is not None else None}  # fmt: skip
    settings = load_all_settings(config, overrides)
    failed = False
    for one in settings:
        if len(settings) > 1:
            click.echo(f"{one.label}:")
        try:
            lines = check_source(one)
        except Exception as exc:  # each spreadsheet says why; the others are still checked
            failed = True
            said = exc.message(one.lang) if isinstance(exc, SalespipeError) else error_text(exc)
            click.echo(printable(f"  {said}"), err=True)
            continue
        for line in lines:
            click.echo(printable(f"  {line}"))
    if failed:
        sys.exit(ERROR)
