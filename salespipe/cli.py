"""The ``salespipe`` command: parse options, call the library, format the output.

Errors that stop a run are turned into one message on stderr and exit code 1
here, in one place (:func:`main`); no traceback reaches the user.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from salespipe import __version__
from salespipe.api import report_on_workbook
from salespipe.core.errors import SalespipeError
from salespipe.core.reading.parsing import CellError, parse_amount, parse_date
from salespipe.core.reading.pipeline import mapping_options
from salespipe.core.report import PeriodKind, Report
from salespipe.formats.text import render_text
from salespipe.formats.xlsx import write_report_workbook

FORMATS = ("text", "json", "xlsx")

if TYPE_CHECKING:
    from sheets_sync.runner import SyncRunner


def _as_of(value: str | None) -> date:
    """--as-of: a date in dd/mm/yyyy or ISO form; today when absent (the CLI is the clock)."""
    if value is None:
        return date.today()
    try:
        parsed = parse_date(value)
    except CellError:
        parsed = None
    if parsed is None:
        raise click.BadParameter(f"not a date: {value!r} (use 2026-11-23 or 23/11/2026)")
    return parsed


def _target(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except CellError:
        raise click.BadParameter(f"not an amount: {value!r} (e.g. 250000 or '250 000 €')") from None


def _load_mapping(path: Path | None) -> dict[str, Any]:
    """A TOML column mapping, e.g. ``[deals] amount = "CA estimé"`` (see
    :func:`salespipe.core.reading.pipeline.mapping_options` for its tables)."""
    if path is None:
        return {}
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(f"cannot read mapping {path}: {exc}") from None


def _refuse_to_overwrite_input(workbook: Path, output: Path | None) -> None:
    """The user's file is never written: -o must name another file."""
    if output is not None and output.resolve() == workbook.resolve():
        raise click.BadParameter(
            f"{output} is the workbook being read; salespipe never writes to it. "
            "Choose another file name.",
            param_hint="-o/--output",
        )


def _emit(report: Report, fmt: str, output: Path | None, lang: str, full: bool) -> None:
    # The command ends after this: the cells, deals and report are acyclic and live to
    # the end, so the garbage collector need never scan them again (saves ~0.5 s on
    # 100 000 deals, at the next collection or at exit).
    gc.freeze()
    if fmt == "xlsx":
        target = output or Path("salespipe-report.xlsx")
        write_report_workbook(report, target, lang=lang)
        click.echo(f"Report written to {target}", err=True)
        return
    if fmt == "json":
        data = report.to_json(lang) + b"\n"
        if output:
            output.write_bytes(data)
            click.echo(f"Report written to {output}", err=True)
        else:
            click.echo(data.decode("utf-8"), nl=False)
        return
    text = render_text(report, lang, full)
    if output:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        click.echo(f"Report written to {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


_common_report_options = [
    click.option("--as-of", "as_of", help="Date of the report (default: today)."),
    click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
    ),
    click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the report to this file instead of the terminal."),
    click.option("--target", help="Revenue target for the period, e.g. 250000."),
    click.option("--period", type=click.Choice(["month", "quarter", "year"]), default="quarter",
                 show_default=True, help="Period of the headline forecast and target."),
    click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
                 help="Language of labels and data-quality messages."),
    click.option("--full", is_flag=True, help="List every row of every section in text output."),
    click.option("--max-touches", type=click.IntRange(1, 100), default=7, show_default=True,
                 help="Follow-ups after which a deal goes to marketing nurture."),
]  # fmt: skip


def _report_options(func: Any) -> Any:
    for option in reversed(_common_report_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="salespipe")
def cli() -> None:
    """salespipe: forecasts, funnel, follow-ups and CRM exports from your sales spreadsheet."""


@cli.command()
@click.argument("workbook", type=click.Path(path_type=Path))
@_report_options
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file naming your columns: [deals] amount = \"CA estimé\".")  # fmt: skip
@click.option("--sheet", "deals_sheet", help="Name of the pipeline sheet (default: found).")
def report(
    workbook: Path,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    target: str | None,
    period: str,
    lang: str,
    full: bool,
    max_touches: int,
    mapping: Path | None,
    deals_sheet: str | None,
) -> None:
    """Report on WORKBOOK (.xlsx, .xlsm, .xls, .ods or .csv); the file is never modified."""
    _refuse_to_overwrite_input(workbook, output)
    result = report_on_workbook(
        workbook,
        _as_of(as_of),
        target=_target(target),
        period=cast(PeriodKind, period),
        options=mapping_options(_load_mapping(mapping), deals_sheet),
        max_touches=max_touches,
    )
    _emit(result, fmt, output, lang, full)


@cli.command()
@click.option("--workbook", "path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("salespipe-demo.xlsx"), show_default=True,
              help="Where to write the sample workbook.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the sample workbook if it exists.")
@click.option("--workbook-lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the sample workbook's sheets and headers.")  # fmt: skip
@_report_options
def demo(
    path: Path,
    force: bool,
    workbook_lang: str,
    as_of: str | None,
    fmt: str,
    output: Path | None,
    target: str | None,
    period: str,
    lang: str,
    full: bool,
    max_touches: int,
) -> None:
    """Build a realistic sample workbook (messy cells included) and report on it."""
    from salespipe.demo import build_demo_workbook

    day = _as_of(as_of)
    if path.exists() and not force:
        raise click.BadParameter(
            f"{path} already exists; pass --force to replace it with a new sample",
            param_hint="--workbook",
        )
    info = build_demo_workbook(path, day, lang=workbook_lang)
    click.echo(f"Sample workbook written to {info.path}", err=True)
    result = report_on_workbook(
        path,
        day,
        target=_target(target) or 400_000.0,
        period=cast(PeriodKind, period),
        max_touches=max_touches,
    )
    _emit(result, fmt, output, lang, full)


@cli.command("export")
@click.argument("source", required=False)
@click.option(
    "--crm",
    required=True,
    type=click.Choice(["hubspot", "pipedrive", "salesforce", "odoo", "zoho", "generic"]),
    help="Target CRM.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the import files (created if needed).",
)
@click.option(
    "--check", is_flag=True, help="List blocking problems and what would be written; write nothing."
)
@click.option("--as-of", "as_of", help="Date of the export: follow-ups, default close dates.")
@click.option(
    "--stage-map",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Stage map file (default: OUTPUT/stage_map.csv).",
)
@click.option(
    "--owners",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Owner map file (default: OUTPUT/owners.csv).",
)
@click.option("--max-rows", type=click.IntRange(1), help="Split files above this many rows.")
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of task subjects and of rejects/warnings messages.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file naming your columns, as for report.",
)
@click.option("--sheet", "deals_sheet", help="Name of the pipeline sheet (default: found).")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The sync configuration (TOML): SOURCE defaults to its spreadsheet, with its "
    "credentials, tabs and column mapping.",
)
@click.option(
    "--credentials",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Service-account or OAuth-user JSON file, for a Google Sheets SOURCE.",
)
@click.option(
    "--crm-ids",
    "crm_ids",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Pipedrive only: a file exported from Pipedrive with its ID and salespipe ID "
    "columns (deals; repeat for people, organizations); re-imports then update those "
    "records instead of duplicating them (default: OUTPUT/pipedrive_ids*.csv).",
)
def export_command(
    source: str | None,
    crm: str,
    out_dir: Path,
    check: bool,
    as_of: str | None,
    stage_map: Path | None,
    owners: Path | None,
    max_rows: int | None,
    lang: str,
    mapping: Path | None,
    deals_sheet: str | None,
    config: Path | None,
    credentials: Path | None,
    crm_ids: tuple[Path, ...],
) -> int:
    """Export SOURCE (a workbook, or a Google spreadsheet's URL or key) as the CSV files
    CRM's import wizard takes."""
    from salespipe.export import export_grids, export_workbook, is_spreadsheet_reference

    choices = {"check": check, "stage_map_path": stage_map, "owners_path": owners,
               "lang": lang, "max_rows": max_rows, "crm_ids_path": crm_ids or None}  # fmt: skip
    google = config is not None and source is None
    if (source is not None and is_spreadsheet_reference(source)) or google:
        from salespipe.settings import load_all_settings
        from sheets_sync.runner import choose_spreadsheet, read_spreadsheet

        overrides = {"credentials": credentials, "mapping": mapping, "pipeline_tab": deals_sheet}
        settings = choose_spreadsheet(load_all_settings(config, overrides), source)
        if settings.mode != "google":
            raise click.UsageError("give SOURCE, or a --config naming a Google spreadsheet")
        title, grids, options = read_spreadsheet(settings)
        result = export_grids(grids, title, crm, out_dir, as_of=_as_of(as_of), options=options,
                              **choices)  # fmt: skip
    elif source is None:
        raise click.UsageError("give SOURCE: a workbook, or a Google spreadsheet's URL or key")
    else:
        options = mapping_options(_load_mapping(mapping), deals_sheet)
        result = export_workbook(source, crm, out_dir, as_of=_as_of(as_of), options=options,
                                 **choices)  # fmt: skip
    click.echo(result.summary(), nl=False)
    return result.exit_code  # 2 when a blocking problem remains


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("action_plan.xlsx"), show_default=True,
              help="Where to write the workbook.")  # fmt: skip
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of sheet names, headers and labels.")  # fmt: skip
@click.option("--sample", is_flag=True, help="Fill it with the demo company's data.")
@click.option("--as-of", "as_of", help="Day the sample is dated around (default: today).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template(output: Path, lang: str, sample: bool, as_of: str | None, force: bool) -> None:
    """Write the ready-made workbook: pipeline, stages, action plan, follow-ups, dashboard."""
    from salespipe.template import write_template

    if output.exists() and not force:
        raise click.BadParameter(
            f"{output} already exists; pass --force to replace it", param_hint="-o/--output"
        )
    path = write_template(output, lang, sample_as_of=_as_of(as_of) if sample else None)
    click.echo(f"Template written to {path}", err=True)


@cli.command()
@click.argument("workbook", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file with a [sync] table (spreadsheet, credentials, tabs...).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Local mode: workbook for the managed tabs (default: WORKBOOK-salespipe.xlsx).",
)
@click.option("--as-of", "as_of", help="Date of the run (default: today).")
@click.option("--target", help="Revenue target for the period, e.g. 250000.")
@click.option(
    "--period",
    type=click.Choice(["month", "quarter", "year"]),
    help="Period of the headline forecast and target (default: quarter).",
)
@click.option(
    "--lang", type=click.Choice(["fr", "en"]), help="Language of the managed tabs (default: fr)."
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML column mapping, as for `salespipe report --mapping`.",
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
def sync(
    workbook: Path | None,
    config: Path | None,
    output: Path | None,
    as_of: str | None,
    target: str | None,
    period: str | None,
    lang: str | None,
    mapping: Path | None,
    history: Path | None,
    no_history: bool,
    every: str | None,
    progress: bool | None,
) -> None:
    """Sync a Google spreadsheet (configured) or a local WORKBOOK, whose managed tabs go to
    a separate workbook (the input is never modified): once, or --every interval or cron."""
    from salespipe.settings import load_all_settings
    from sheets_sync.runner import SyncRunner

    if every is not None and as_of is not None:
        raise click.UsageError("--as-of fixes the date of a run; it cannot go with --every")
    overrides = {"workbook": workbook, "output": output, "target": target, "period": period,
                 "lang": lang, "mapping": mapping, "history": history,
                 "keep_history": False if no_history else None,
                 # a WORKBOOK on the command line is the source, whatever else is configured
                 "spreadsheet": "" if workbook is not None else None}  # fmt: skip
    settings = load_all_settings(config, overrides)
    if len(settings) == 1 and settings[0].mode == "local" and settings[0].workbook is None:
        raise click.UsageError("give a WORKBOOK, or a --config naming a Google spreadsheet")
    stamp = every is not None  # a long-running process: every line says when
    show_steps = sys.stderr.isatty() if progress is None else progress
    runner = SyncRunner(
        settings,
        out=lambda line: click.echo(_stamped(line, stamp)),
        on_error=lambda s, exc: click.echo(
            _stamped(f"Error: {_labelled(s.label, exc, len(settings) > 1)}", stamp), err=True
        ),
        as_of=_as_of(as_of) if as_of is not None else None,
        progress=(lambda step: click.echo(_stamped(f"  {step}...", stamp), err=True))
        if show_steps
        else None,
    )
    if every is None:
        ok = runner.run_all()
        for source in runner.sources:
            if hasattr(source, "output"):
                click.echo(f"Managed tabs written to {source.output}", err=True)
        if not ok:
            sys.exit(1)
        return
    sys.exit(_sync_forever(runner, every, config, stamp))


def _sync_forever(runner: SyncRunner, every: str, config: Path | None, stamp: bool) -> int:
    """--every: run now, then on the schedule, until SIGINT or SIGTERM."""
    from sheets_sync.runner import default_lock_directory, source_identity
    from sheets_sync.schedule import (
        RunLock,
        StopSignals,
        lock_path_for,
        parse_schedule,
        run_on_schedule,
    )

    schedule = parse_schedule(every)
    key = str(config.resolve()) if config else source_identity(runner.settings[0])
    lock = RunLock(lock_path_for(f"config:{key}", default_lock_directory()))
    log = lambda line: click.echo(_stamped(line, stamp), err=True)  # noqa: E731
    log(f"salespipe sync: {len(runner.settings)} spreadsheet(s), {schedule.describe()}")
    with StopSignals(log) as stop:
        return run_on_schedule(runner.run_all, schedule, lock=lock, log=log, stop=stop)


def _stamped(line: str, stamp: bool) -> str:
    from datetime import datetime

    return f"{datetime.now():%Y-%m-%d %H:%M:%S} {line}" if stamp else line


def _labelled(label: str, exc: Exception, several: bool) -> str:
    text = error_text(exc)
    return f"{label}: {text}" if several else text


def error_text(exc: Exception) -> str:
    """One line for a salespipe error or a file error, in English, never a traceback."""
    if isinstance(exc, SalespipeError):
        return exc.message("en")
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    kind = type(exc).__name__
    return f"unexpected error ({kind}: {exc}); this is a bug in salespipe, please report it"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning salespipe errors into a message and exit code 1."""
    try:
        code = cli.main(args=argv, prog_name="salespipe", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (SalespipeError, OSError) as exc:
        click.echo(f"Error: {error_text(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: one readable line, the traceback only on request
        if os.environ.get("SALESPIPE_DEBUG"):
            raise
        click.echo(
            f"Unexpected error ({type(exc).__name__}: {exc}). This is a bug in salespipe; "
            "please report it. Run again with SALESPIPE_DEBUG=1 to see the details.",
            err=True,
        )
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)


if __name__ == "__main__":
    main()
