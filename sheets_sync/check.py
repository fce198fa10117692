"""``salespipe check``: can the configured sync reach its spreadsheet (or workbook), and what
would it read and write? Read-only: for Google, one ``spreadsheets.get`` (the tab list),
plus the first row of the tabs named as managed tabs when there are some (the template's
own tabs mean the managed tabs go beside them); nothing is written, nothing is recorded.

A failure is the error a sync would stop with, told apart by Google's answer
(:mod:`sheets_sync.google.api_errors`: API not enabled in the Cloud project, not shared,
missing scope, unknown spreadsheet, quota, network; the key file or the OAuth sign-in
refused), each with its next step. A check is quicker to give up than a sync
(:func:`open_for_check`): without a network it answers within seconds, not a minute.
"""

from __future__ import annotations

from salespipe.core.errors import InputError
from salespipe.core.texts import text
from salespipe.settings import DEFAULT_PIPELINE_TAB, SyncSettings
from sheets_sync.job import user_tabs
from sheets_sync.managed_tabs import managed_kinds
from sheets_sync.runner import Connect, open_source
from sheets_sync.sources.local import LocalWorkbookSource
from sheets_sync.sources.protocol import SyncSource
from sheets_sync.template_tabs import names_beside_template, spare_names

#: A check's patience: 3 tries, 0.5 s then 1 s apart, 5 s for an answer (a sync: 5 tries,
#: 1 to 8 s apart, 60 s each). No network: the message in about 2 s.
CHECK_ATTEMPTS, CHECK_DELAY, CHECK_TIMEOUT = 3, 0.5, 5.0


def open_for_check(settings: SyncSettings) -> SyncSource:
    """The source of ``settings``, opened with a check's patience."""
    from sheets_sync.google.session import RetryPolicy

    policy = RetryPolicy(attempts=CHECK_ATTEMPTS, base_delay=CHECK_DELAY, timeout=CHECK_TIMEOUT)
    return open_source(settings, retry=policy)


def check_source(settings: SyncSettings, connect: Connect = open_for_check) -> list[str]:
    """What a sync of ``settings`` would read and write, in its language, one line each.

    Raises what opening the source raises (SourceError, ConfigError) and InputError
    ``sheet_not_found`` for a configured pipeline tab that is not there.
    """
    lang = settings.lang
    source = connect(settings)
    titles = source.titles()
    kinds = {kind: settings.managed_tab_name(kind) for kind in managed_kinds(settings.keep_history)}
    spares = spare_names(settings, kinds)
    tabs = user_tabs(settings, titles, [*kinds.values(), *spares.values()])
    managed = list(_beside_template(source, titles, kinds, spares).values())
    lines = [text("check.reached", lang, source=source.title, count=len(titles))]
    account = getattr(source, "account", None)
    if account:
        lines.append(text("check.account", lang, account=account))
    deals = tabs.by_kind.get("deals")
    folded = {t.casefold() for t in titles}
    if deals is not None and deals.casefold() not in folded:
        raise InputError(
            "sheet_not_found", sheet=deals, source=source.title, sheets=", ".join(titles)
        )
    if deals is not None:
        lines.append(text("check.pipeline", lang, tab=deals))
    else:
        searched = ", ".join(tabs.candidates) or "-"
        lines.append(text("check.pipeline_search", lang, tab=DEFAULT_PIPELINE_TAB, tabs=searched))
    for kind in ("stages", "actions"):
        found = tabs.by_kind.get(kind)
        lines.append(text(f"check.{kind}" if found else f"check.no_{kind}", lang, tab=found))
    lines.append(_managed_line(source, managed, lang))
    return lines


def _managed_line(source: SyncSource, managed: list[str], lang: str) -> str:
    """The managed tabs a sync writes, and where: a local workbook's go to a workbook of
    their own (its copy of the template keeps its own tabs of those names)."""
    tabs = ", ".join(managed)
    if isinstance(source, LocalWorkbookSource):
        return text("check.managed_to", lang, path=source.output, source=source.title, tabs=tabs)
    return text("check.managed", lang, tabs=tabs)


def _beside_template(
    source: SyncSource, titles: list[str], kinds: dict[str, str], spares: dict[str, str]
) -> dict[str, str]:
    """The managed tabs' names a sync would write: beside the template's own tabs of those
    names, their spare names; row 1 of such tabs is read (a second request) only when one
    of the names is there."""
    folded = {title.casefold() for title in titles}
    taken = {
        name: 1 for kind, name in kinds.items() if kind in spares and name.casefold() in folded
    }
    if not taken:
        return kinds
    return names_beside_template(kinds, spares, source.read_tabs([], first_rows=taken))
