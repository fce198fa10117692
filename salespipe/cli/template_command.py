"""``salespipe template``: write the ready-made workbook."""

from __future__ import annotations

from pathlib import Path

import click

from salespipe.cli.app import cli
from salespipe.cli.options import (
    as_of_option,
    cli_lang,
    guard_output,
    lang_option,
    parse_as_of,
    say,
)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the workbook  [default: action_plan.xlsx, "
                   "action_plan.xlsm with --xlsm].")  # fmt: skip
@lang_option(("fr", "en"), None, "Language of sheet names, headers and labels.")
@click.option("--sample", is_flag=True, help="Fill it with the demo company's data.")
@as_of_option("Day the sample is dated around (default: today).")
@click.option("--xlsm", is_flag=True,
              help="Macro-enabled workbook for the Excel functions on Windows (needs "
                   "xlwings): xlwings' quickstart VBA project, UDF Modules = "
                   "xlplugin.udfs.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template(
    output: Path | None, lang: str | None, sample: bool, as_of: str | None, xlsm: bool, force: bool
) -> None:
    """Write the ready-made workbook: pipeline, stages, action plan, follow-ups, dashboard."""
    from salespipe.template import write_template

    lang = lang or cli_lang()  # the language rule, as every command: French by default
    suffix = ".xlsm" if xlsm else ".xlsx"
    output = output if output is not None else Path("action_plan" + suffix)
    guard_output(output)
    _check_extension(output, xlsm)
    if output.exists() and not force:
        raise click.BadParameter(say("cli_file_exists", path=output), param_hint="-o/--output")
    path = write_template(
        output, lang, sample_as_of=parse_as_of(as_of) if sample else None, macro_enabled=xlsm
    )
    click.echo(say("cli_template_written", path=path), err=True)


def _check_extension(output: Path, xlsm: bool) -> None:
    """The name says what is written: .xlsm with --xlsm, .xlsx without (Excel refuses a file
    whose extension does not match its content; .ods or .csv would be read as what it is not)."""
    suffix = output.suffix.lower()
    if xlsm and suffix != ".xlsm":
        code = "cli_template_not_xlsm"
    elif not xlsm and suffix == ".xlsm":
        code = "cli_template_xlsm_needs_flag"
    elif not xlsm and suffix != ".xlsx":
        code = "cli_template_not_xlsx"
    else:
        return
    raise click.BadParameter(say(code, path=output), param_hint="-o/--output")
