"""``salespipe report`` and ``salespipe demo``: a workbook in, the report out (text, JSON or a
report workbook)."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from salespipe.cli.app import cli
from salespipe.cli.options import (
    cli_lang,
    guard_output,
    load_mapping,
    mapping_option,
    parse_as_of,
    parse_target,
    report_options,
    say,
    sheet_option,
)
from salespipe.cli.progress import live_progress, wanted
from salespipe.cli.terminal import printable

# The reading, the metrics (numpy) and each output's writer (openpyxl for xlsx) are imported
# by the step that uses them, not here: `salespipe --help` and a JSON or text report do not
# pay for what they never run (tests/cli/test_startup.py keeps it so).
if TYPE_CHECKING:
    from salespipe.core.report import PeriodKind, Report

DEFAULT_XLSX = Path("salespipe-report.xlsx")


def _output_path(fmt: str, output: Path | None) -> Path | None:
    """The file the report goes to: -o, else the default name of --format xlsx, else none
    (the terminal)."""
    return output or (DEFAULT_XLSX if fmt == "xlsx" else None)


def _emit(
    report: Report,
    fmt: str,
    output: Path | None,
    lang: str,
    full: bool,
    show: Callable[[str], None],
) -> tuple[str, bool]:
    """Write the report's file, if any; the text still to print and whether it goes to
    stderr (printed once the progress line is gone)."""
    if fmt == "xlsx":
        target = _output_path(fmt, output) or DEFAULT_XLSX
        show(say("progress_write", path=target))
        from salespipe.formats.xlsx import write_report_workbook  # openpyxl: xlsx only

        write_report_workbook(report, target, lang=lang)
        return say("cli_report_written", path=target) + "\n", True
    show(say("progress_render"))
    if fmt == "json":
        from salespipe.formats.json import render_json

        data = render_json(report, lang, newline=True)
        if output:
            output.write_bytes(data)
            return say("cli_report_written", path=output) + "\n", True
        return data.decode("utf-8"), False
    # On the terminal (or a pipe), lines fit its width (80 columns when it cannot be told);
    # a file keeps whole lines.
    width = None if output else shutil.get_terminal_size().columns
    from salespipe.formats.text import render_text

    rendered = render_text(report, lang, full, width=width)
    if output:
        output.write_text(
            rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8"
        )
        return say("cli_report_written", path=output) + "\n", True
    return rendered if rendered.endswith("\n") else rendered + "\n", False


def _report_and_emit(
    workbook: Path,
    fmt: str,
    output: Path | None,
    lang: str,
    full: bool,
    quiet: bool,
    verbose: bool = False,
    **options: Any,
) -> None:
    """Report on ``workbook`` and emit it, with the steps shown on a terminal (``verbose``:
    what was read and each step's time, on stderr, once done)."""
    from salespipe.api import report_on_workbook  # the reading and the metrics: on use
    from salespipe.core.bulk import gc_paused

    steps = {
        "read": say("progress_read", file=workbook.name),
        "parse": say("progress_parse"),
        "compute": say("progress_compute"),
    }
    timed: list[tuple[str, float]] = []

    def step(key: str) -> None:
        timed.append((steps[key], time.perf_counter()))
        show(steps[key])

    with live_progress(wanted(sys.stderr, quiet=quiet, fmt=fmt)) as show:
        # The command ends after its output: the report is acyclic and lives to the end,
        # so the garbage collector need never scan it (frozen before the collector runs
        # again, whose first collection would otherwise scan every record made while it
        # was paused: 0.15 s of CPU on 100 000 deals).
        with gc_paused(freeze=True):
            result = report_on_workbook(workbook, on_step=step, **options)
        timed.append(("", time.perf_counter()))
        shown, to_stderr = _emit(result, fmt, output, lang, full, show)
    if verbose:  # headers as the user typed them: shown safely, as every line
        click.echo(printable("\n".join(_verbose_lines(result, timed))), err=True)
    data = fmt == "json" and not to_stderr  # JSON is data: orjson escapes the controls
    click.echo(shown if data else printable(shown), nl=False, err=to_stderr)


def _verbose_lines(report: Report, timed: list[tuple[str, float]]) -> list[str]:
    """-v: each step and its seconds, each table's columns (header → field) and the
    columns not read, in the command's language."""
    lines = []
    for (name, start), (_, end) in pairwise(timed):
        seconds = f"{end - start:.2f}"
        shown = seconds.replace(".", ",") if cli_lang() == "fr" else seconds
        lines.append(say("verbose.step", step=name, seconds=shown))
    kinds = {sheet: say(f"verbose.kind.{kind}") for kind, sheet in report.sheets.items()}
    for sheet, named in report.columns.items():
        columns = ", ".join(say("verbose.column", header=h, field=f) for f, h in named.items())
        lines.append(say("verbose.table", sheet=sheet, kind=kinds.get(sheet, "?"), columns=columns))
        ignored = report.ignored_columns.get(sheet)
        if ignored:
            lines.append(say("verbose.ignored", sheet=sheet, columns=", ".join(ignored)))
    return lines


@cli.command()
@click.argument("workbook", type=click.Path(path_type=Path))
@report_options
@mapping_option('TOML file naming your columns: [deals] amount = "CA estimé".')
@sheet_option()
def report(
    workbook: Path,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    target: str | None,
    period: str,
    lang: str | None,
    full: bool,
    max_touches: int,
    quiet: bool,
    verbose: bool,
    mapping: Path | None,
    deals_sheet: str | None,
) -> None:
    """Report on WORKBOOK (.xlsx, .xlsm, .xls, .ods or .csv); the file is never modified."""
    from salespipe.core.reading.pipeline import mapping_options

    lang = lang or cli_lang()
    guard_output(_output_path(fmt, output), workbook, mapping)
    _report_and_emit(
        workbook,
        fmt,
        output,
        lang,
        full,
        quiet,
        verbose,
        as_of=parse_as_of(as_of),
        target=parse_target(target),
        period=cast("PeriodKind", period),
        options=mapping_options(load_mapping(mapping), deals_sheet),
        max_touches=max_touches,
    )


@cli.command()
@click.option("--workbook", "path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("salespipe-demo.xlsx"), show_default=True,
              help="Where to write the sample workbook.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the sample workbook if it exists.")
@click.option("--workbook-lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the sample workbook's sheets and headers.")  # fmt: skip
@report_options
def demo(
    path: Path,
    force: bool,
    workbook_lang: str,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    target: str | None,
    period: str,
    lang: str | None,
    full: bool,
    max_touches: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build a realistic sample workbook (messy cells included) and report on it."""
    lang = lang or cli_lang()
    from salespipe.sample import build_demo_workbook

    day = parse_as_of(as_of)
    guard_output(_output_path(fmt, output), path)
    if path.exists() and not force:
        raise click.BadParameter(
            say("cli_sample_exists", path=path),
            param_hint="--workbook",
        )
    path.parent.mkdir(parents=True, exist_ok=True)  # the README's `--workbook out/…` works
    info = build_demo_workbook(path, day, lang=workbook_lang)
    click.echo(say("cli_sample_written", path=info.path), err=True)
    _report_and_emit(
        path,
        fmt,
        output,
        lang,
        full,
        quiet,
        verbose,
        as_of=day,
        target=parse_target(target) or 400_000.0,
        period=cast("PeriodKind", period),
        max_touches=max_touches,
    )
