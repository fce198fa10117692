"""``salespipe export``: a workbook or a Google spreadsheet in, a CRM's import files out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from salespipe.cli.app import cli
from salespipe.cli.exit_codes import BLOCKED, MAPS_TO_FILL, OK
from salespipe.cli.options import (
    as_of_option,
    cli_lang,
    lang_option,
    load_mapping,
    mapping_option,
    parse_as_of,
    quiet_option,
    say,
    sheet_option,
    summary_format_option,
)
from salespipe.cli.progress import live_progress, wanted
from salespipe.cli.terminal import printable

#: The exit code of each outcome of an export (salespipe/cli/exit_codes.py).
_EXIT_CODES = {"ok": OK, "maps_to_fill": MAPS_TO_FILL, "blocked": BLOCKED}


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
@as_of_option("Date of the export: follow-ups, default close dates.")
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
@lang_option(
    ("fr", "en"),
    None,
    "Language of the summary, the import guide, rejects/warnings messages and task subjects "
    "(default: SALESPIPE_LANG, the locale, else French).",
)
@mapping_option("TOML file naming your columns, as for report.")
@sheet_option()
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
@summary_format_option("The summary on stdout: text, or JSON for a script.")
@quiet_option()
def export_command(
    source: str | None,
    crm: str,
    out_dir: Path,
    check: bool,
    as_of: str | None,
    stage_map: Path | None,
    owners: Path | None,
    max_rows: int | None,
    lang: str | None,
    mapping: Path | None,
    deals_sheet: str | None,
    config: Path | None,
    credentials: Path | None,
    crm_ids: tuple[Path, ...],
    fmt: str,
    quiet: bool,
) -> int:
    """Export SOURCE (a workbook, or a Google spreadsheet's URL or key) as the CSV files
    CRM's import wizard takes."""
    from salespipe.core.bulk import gc_paused

    with live_progress(wanted(sys.stderr, quiet=quiet, fmt=fmt)) as show:
        name = Path(source).name if source else "Google Sheets"
        steps = {"read": say("progress_read", file=name),
                 "parse": say("progress_parse"),
                 "plan": say("progress_plan"),
                 "write": say("progress_write_files", path=out_dir)}  # fmt: skip
        choices = {"check": check, "stage_map_path": stage_map, "owners_path": owners,
                   "lang": cli_lang(), "max_rows": max_rows, "crm_ids_path": crm_ids or None,
                   "on_step": lambda key: show(steps[key]),
                   "inputs": (mapping, config, credentials)}  # fmt: skip
        # The command ends once the files are written: what the export built is frozen
        # before the collector runs again, which would scan it all (salespipe.core.bulk).
        with gc_paused(freeze=True):
            result = _export(source, crm, out_dir, as_of, mapping, deals_sheet, config,
                             credentials, choices)  # fmt: skip
    if fmt == "json":  # JSON is data: orjson escapes the controls
        import orjson

        from salespipe.export.summary import summary_data

        click.echo(orjson.dumps(summary_data(result)).decode())
    else:
        click.echo(printable(result.summary()), nl=False)
    return _EXIT_CODES[result.outcome]


def _export(
    source: str | None,
    crm: str,
    out_dir: Path,
    as_of: str | None,
    mapping: Path | None,
    deals_sheet: str | None,
    config: Path | None,
    credentials: Path | None,
    choices: dict[str, Any],
) -> Any:
    """The export of a workbook or of a Google spreadsheet (its ExportResult)."""
    # The reading and the CRM rows are imported here, on use: `salespipe --help` and the
    # other commands do not load them (tests/cli/test_startup.py).
    from salespipe.core.reading.pipeline import mapping_options
    from salespipe.export import export_grids, export_workbook, is_spreadsheet_reference

    google = config is not None and source is None
    if (source is not None and is_spreadsheet_reference(source)) or google:
        from salespipe.settings import load_all_settings
        from sheets_sync.runner import choose_spreadsheet, read_spreadsheet

        overrides = {"credentials": credentials, "mapping": mapping, "pipeline_tab": deals_sheet}
        settings = choose_spreadsheet(load_all_settings(config, overrides), source)
        if settings.mode != "google":
            raise click.UsageError(say("cli_export_config_not_google"))
        choices["on_step"]("read")
        title, grids, options = read_spreadsheet(settings)
        return export_grids(grids, title, crm, out_dir, as_of=parse_as_of(as_of),
                            options=options, **choices)  # fmt: skip
    elif source is None:
        raise click.UsageError(say("cli_export_no_source"))
    else:
        options = mapping_options(load_mapping(mapping), deals_sheet)
        return export_workbook(source, crm, out_dir, as_of=parse_as_of(as_of),
                               options=options, **choices)  # fmt: skip
