"""``salespipe sync``: once, or ``--every`` interval or cron, on a Google spreadsheet or a
local workbook."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from salespipe.cli import exit_codes
from salespipe.cli.app import cli, error_text
from salespipe.cli.options import (
    as_of_option,
    lang_option,
    mapping_option,
    parse_as_of,
    period_option,
    quiet_option,
    say,
    summary_format_option,
    sync_source_options,
    target_option,
    verbose_option,
)
from salespipe.cli.progress import LiveStep
from salespipe.cli.terminal import printable

if TYPE_CHECKING:
    from sheets_sync.runner import SyncRunner


@cli.command()
@sync_source_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Local mode: workbook for the managed tabs (default: WORKBOOK-salespipe.xlsx).",
)
@as_of_option("Date of the run (default: today).")
@target_option()
@period_option(None, "Period of the headline forecast and target (default: quarter).")
@lang_option(("fr", "en"), None, "Language of the managed tabs (default: fr).")
@mapping_option("TOML column mapping, as for `salespipe report --mapping`.", must_exist=False)
@click.option(
    "--sheet",
    "sheet",
    help="Name of the pipeline tab (default: the configuration's pipeline_tab, else "
    "Pipeline, else found by its content).",
)
@click.option(
    "--history",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite history file (default: history.sqlite in your data directory).",
)
@click.option("--no-history", is_flag=True, help="Neither record nor show the history.")
@click.option(
    "--every",
    metavar="SCHEDULE",
    help="Keep running: an interval (15m, 1h, 1h30m) or a cron expression ('0 8-18 * * 1-5').",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show each step of a run on stderr (default: when stderr is a terminal).",
)
@summary_format_option("One line per run on stdout: text, or JSON (one object per run).")
@quiet_option()
@verbose_option()
def sync(
    workbook: Path | None,
    config: Path | None,
    output: Path | None,
    as_of: str | None,
    target: str | None,
    period: str | None,
    lang: str | None,
    mapping: Path | None,
    sheet: str | None,
    history: Path | None,
    no_history: bool,
    every: str | None,
    progress: bool | None,
    fmt: str,
    quiet: bool,
    verbose: bool,
) -> None:
    """Sync a Google spreadsheet (configured) or a local WORKBOOK, whose managed tabs go to
    a separate workbook (the input is never modified): once, or --every interval or cron."""
    from salespipe.settings import load_all_settings
    from sheets_sync.runner import SyncRunner

    if every is not None and as_of is not None:
        raise click.UsageError(say("cli_sync_as_of_every"))
    overrides = {"workbook": workbook, "output": output, "target": target, "period": period,
                 "lang": lang, "mapping": mapping, "history": history, "pipeline_tab": sheet,
                 "keep_history": False if no_history else None,
                 # a WORKBOOK on the command line is the source, whatever else is configured
                 "spreadsheet": "" if workbook is not None else None}  # fmt: skip
    settings = load_all_settings(config, overrides)
    if len(settings) == 1 and settings[0].mode == "local" and settings[0].workbook is None:
        raise click.UsageError(say("cli_sync_no_source"))
    stamp = every is not None  # a long-running process: every line says when (not JSON's)
    if verbose and config is not None:
        click.echo(say("verbose.config", path=config), err=True)
    if verbose and progress is None:
        progress = True  # each step on its line, even off a terminal
    if quiet:
        progress = False
    show_steps = sys.stderr.isatty() if progress is None else progress
    # On a terminal, one step line redrawn in place; off a terminal (--progress) or
    # under --every, one line per step among the run's other lines.
    live = LiveStep(sys.stderr) if show_steps and not stamp and sys.stderr.isatty() else None

    def echo(line: str, err: bool = False) -> None:
        if live is not None:
            live.clear()
        click.echo(printable(_stamped(line, stamp and (err or fmt == "text"))), err=err)

    step: Callable[[str], None] | None = None
    if live is not None:
        step = live
    elif show_steps:
        step = lambda text: click.echo(_stamped(f"  {text}…", stamp), err=True)  # noqa: E731
    runner = SyncRunner(
        settings,
        out=echo,
        on_error=lambda s, exc: echo(
            say("cli_error", message=_labelled(s.label, exc, len(settings) > 1)), err=True
        ),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        progress=step,
        as_json=fmt == "json",
    )
    try:
        _run(runner, every, config, echo)
    finally:
        if live is not None:
            live.close()


def _run(
    runner: SyncRunner, every: str | None, config: Path | None, echo: Callable[..., None]
) -> None:
    """Once (exit 1 when a spreadsheet failed), or --every until stopped."""
    if every is None:
        from salespipe.core.bulk import gc_paused

        # Run once, the command then ends: what the runs built is frozen before the
        # collector runs again, which would scan it all (salespipe.core.bulk). Not under
        # --every, where frozen cycles would pile up run after run.
        with gc_paused(freeze=True):
            ok = runner.run_all()
        for source in runner.sources:
            if hasattr(source, "output"):
                echo(say("cli_managed_tabs_written", path=source.output), err=True)
        if not ok:
            sys.exit(exit_codes.ERROR)
        return
    from sheets_sync.runner import run_forever

    sys.exit(run_forever(runner, every, config, lambda line: echo(line, err=True)))


def _stamped(line: str, stamp: bool) -> str:
    from datetime import datetime

    return f"{datetime.now():%Y-%m-%d %H:%M:%S} {line}" if stamp else line


def _labelled(label: str, exc: Exception, several: bool) -> str:
    text = error_text(exc)
    return f"{label}: {text}" if several else text
