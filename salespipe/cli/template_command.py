"""``salespipe template``: write the ready-made workbook."""

from __future__ import annotations

from pathlib import Path

import click

from salespipe.cli.app import cli
from salespipe.cli.options import as_of_option, guard_output, lang_option, parse_as_of, say


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("action_plan.xlsx"), show_default=True,
              help="Where to write the workbook.")  # fmt: skip
@lang_option(("fr", "en"), "fr", "Language of sheet names, headers and labels.")
@click.option("--sample", is_flag=True, help="Fill it with the demo company's data.")
@as_of_option("Day the sample is dated around (default: today).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template(output: Path, lang: str, sample: bool, as_of: str | None, force: bool) -> None:
    """Write the ready-made workbook: pipeline, stages, action plan, follow-ups, dashboard."""
    from salespipe.template import write_template

    guard_output(output)
    if output.suffix.lower() != ".xlsx":  # what is written is xlsx, whatever the name says
        raise click.BadParameter(
            say("cli_template_not_xlsx", path=output), param_hint="-o/--output"
        )
    if output.exists() and not force:
        raise click.BadParameter(say("cli_file_exists", path=output), param_hint="-o/--output")
    path = write_template(output, lang, sample_as_of=parse_as_of(as_of) if sample else None)
    click.echo(say("cli_template_written", path=path), err=True)
