"""The template's own tabs among the managed tabs' names, and the names the sync writes
under instead.

The template (``salespipe template``, imported into Google Sheets) has « Tableau de bord »,
« Relances » and « Contrôle qualité » sheets of its own, made of formulas: the names of
three managed tabs. Such a tab is recognised by its row 1, the template's (in French or
English); the sync then leaves it alone and writes its managed tab under
:func:`spare_name` (« Tableau de bord (salespipe) »), so the template syncs with the
default settings, without renaming anything. A name set in the settings
(``dashboard_tab = …``) is the user's choice and is kept: a tab of that name that salespipe
did not write still stops the run (:func:`sheets_sync.managed_tabs.refuse_foreign_tabs`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from salespipe.core.texts import LANGS, text
from salespipe.settings import SyncSettings
from salespipe.template.followups_sheet import followup_headers


def spare_name(name: str) -> str:
    """The name of a managed tab whose usual name is taken by the template's own tab."""
    return f"{name} (salespipe)"


def template_first_row(kind: str, lang: str) -> list[str]:
    """Row 1 of the template's sheet named as the managed tab of ``kind`` (none: [])."""
    if kind == "followups":
        return followup_headers(lang)
    titles = {"dashboard": "template.dash.title", "quality": "template.qc.title"}
    return [text(titles[kind], lang)] if kind in titles else []


def is_template_tab(kind: str, rows: Sequence[Sequence[Any]]) -> bool:
    """Whether ``rows`` (a tab's first rows) are the template's sheet of that name."""
    first = [str(v).strip() for v in rows[0]] if rows else []
    while first and not first[-1]:
        first.pop()
    return bool(first) and any(first == template_first_row(kind, lang) for lang in LANGS)


def spare_names(settings: SyncSettings, managed: Mapping[str, str]) -> dict[str, str]:
    """kind -> the spare name, for the managed tabs whose name is the default (not set)."""
    return {
        kind: spare_name(name)
        for kind, name in managed.items()
        if getattr(settings, f"{kind}_tab") is None
    }


def names_beside_template(
    managed: Mapping[str, str],
    spares: Mapping[str, str],
    heads: Mapping[str, Sequence[Sequence[Any]]],
) -> dict[str, str]:
    """The managed tabs' names for this run: the spare name of a kind whose usual tab
    (its first rows in ``heads``, when it exists) is the template's own."""
    return {
        kind: spares[kind]
        if kind in spares and name in heads and is_template_tab(kind, heads[name])
        else name
        for kind, name in managed.items()
    }
