"""``--help`` in the command's language: French by default, as every other line.

The commands keep their English ``help=`` texts and docstrings where they are written;
:class:`CatalogueGroup` and :class:`CatalogueCommand` show, while they format a help
page, the catalogue's text whose English is that text (``salespipe/core/texts/cli_help.py``)
in the language of :func:`~salespipe.cli.options.cli_lang` (``--lang`` on the command
line, else ``SALESPIPE_LANG``, the locale, French). A text without an entry is shown as
written (tests/cli/test_help.py finds none).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import click

from salespipe.cli.options import cli_lang, keep_command_lang
from salespipe.core.texts import index, label, section


def _folded(text: str) -> str:
    return " ".join(text.split())


@cache
def _entries() -> dict[str, tuple[str, str]]:
    """English help text (spaces folded) → (French, English)."""
    return {_folded(pair[1]): pair for pair in section("help.").values()}


def entry_of(text: str) -> tuple[str, str] | None:
    """The catalogue's (French, English) pair whose English is ``text``, if any."""
    return _entries().get(_folded(text))


def translated(text: str | None, lang: str) -> str | None:
    """``text`` in ``lang``, when the catalogue has it."""
    if not text:
        return text
    pair = entry_of(text)
    return pair[index(lang)] if pair else text


@contextmanager
def _in_language(command: click.Command, ctx: click.Context) -> Iterator[str]:
    """The command's and its parameters' help texts in the command's language, put back
    as written afterwards (one process may show help in both languages)."""
    lang = cli_lang()
    params = command.get_params(ctx)
    saved = (command.help, [getattr(p, "help", None) for p in params])
    try:
        command.help = translated(command.help, lang)
        for param in params:
            if isinstance(param, click.Option):
                param.help = translated(param.help, lang)
        yield lang
    finally:
        command.help = saved[0]
        for param, text in zip(params, saved[1], strict=True):
            if isinstance(param, click.Option):
                param.help = text


class CatalogueCommand(click.Command):
    """A command whose help page speaks the command's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _in_language(self, ctx):
            super().format_help(ctx, formatter)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        prefix = label("help.heading.usage", cli_lang())
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            record
            for param in self.get_params(ctx)
            if isinstance(param, click.Option) and (record := param.get_help_record(ctx))
        ]
        if rows:
            with formatter.section(label("help.heading.options", cli_lang())):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, its language kept for what is said once it has stopped (an
        error, Ctrl-C: :func:`salespipe.cli.app.main` speaks after click's context ends)."""
        keep_command_lang(cli_lang())
        return super().invoke(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The line of the command in its group's list, in the command's language."""
        saved = self.help
        try:
            self.help = translated(self.help, cli_lang())
            return super().get_short_help_str(limit)
        finally:
            self.help = saved


class CatalogueGroup(CatalogueCommand, click.Group):
    """The ``salespipe`` group: its help page and its commands' in the command's language."""

    command_class = CatalogueCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        CatalogueCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section(label("help.heading.commands", cli_lang())):
            formatter.write_dl(rows)
