"""The template in one language: names, labels, words and formula references (the texts are
in :mod:`salespipe.core.texts.template`)."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from salespipe.core.texts import LANGS, Entry, entry, section
from salespipe.template.layout import (
    ACTION_FIRST,
    ACTION_LAST,
    CADENCE_FIRST,
    CADENCE_ROWS,
    FIRST_ROW,
    LAST_ROW,
    LIST_ROWS,
    LISTS,
    PARAMS,
    SHEETS,
    STAGE_LAST,
    WEEK_FIRST_COLUMN,
    WEEK_ROW,
    WEEKS,
    action_column,
    deal_column,
    holiday_dates,
    stage_column,
)

#: Values the managed columns hold, per language.
WORDS: dict[str, Entry] = {**section("status."), **section("template.word.")}
#: The accented spelling of the status and stage words the core reads folded.
ACCENTED = {
    "gagne": "gagné",
    "gagnee": "gagnée",
    "signe": "signé",
    "signee": "signée",
    "abandonne": "abandonné",
    "abandonnee": "abandonnée",
    "refuse": "refusé",
    "refusee": "refusée",
    "annule": "annulé",
    "annulee": "annulée",
    "a relancer": "à relancer",
}
#: The English names of the default stages, by French name.
EN_STAGES = {fr: en for fr, en in section("stage.").values()}
#: The values of Paramètres' drop-down lists: (French values, English values).
LIST_VALUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (tuple(fr for fr, _ in pairs), tuple(en for _, en in pairs))
    for name, pairs in (
        ("statuses", section("status.").values()),
        ("segments", section("template.choice.segments.").values()),
        ("temperatures", section("template.choice.temperatures.").values()),
        ("action_types", section("template.choice.action_types.").values()),
        ("levers", section("template.choice.levers.").values()),
    )
}

# --- one language -------------------------------------------------------------------


@dataclass(frozen=True)
class Lang:
    """Names, labels and formula references in one language."""

    lang: str

    @property
    def i(self) -> int:
        return LANGS.index(self.lang)

    def sheet(self, key: str) -> str:
        return SHEETS[key][self.i]

    def ref(self, key: str) -> str:
        """The sheet's name quoted for a formula: ``'Plan d''actions'``."""
        return "'" + self.sheet(key).replace("'", "''") + "'"

    def t(self, key: str) -> str:
        return entry(f"template.{key}")[self.i]

    def word(self, key: str) -> str:
        return WORDS[key][self.i]

    def lit(self, key: str) -> str:
        """A word as a formula string literal: ``"en cours"``."""
        return '"' + self.word(key).replace('"', '""') + '"'

    def param(self, key: str) -> str:
        return f"{self.ref('settings')}!$B${PARAMS[key]}"

    def cadence(self) -> str:
        last = CADENCE_FIRST + CADENCE_ROWS - 1
        return f"{self.ref('settings')}!$B${CADENCE_FIRST}:$B${last}"

    def holidays(self) -> str:
        return f"{self.ref('settings')}!$K$2:$K${1 + len(holiday_dates())}"

    def weeks(self) -> str:
        first = get_column_letter(WEEK_FIRST_COLUMN)
        last = get_column_letter(WEEK_FIRST_COLUMN + WEEKS - 1)
        return f"{self.ref('settings')}!${first}${WEEK_ROW}:${last}${WEEK_ROW}"

    def deals(self, key: str) -> str:
        """A whole Pipeline column (a deal field or a managed column), absolute."""
        letter = deal_column(key)
        return f"{self.ref('pipeline')}!${letter}${FIRST_ROW}:${letter}${LAST_ROW}"

    def stages(self, key: str) -> str:
        letter = stage_column(key)
        return f"{self.ref('stages')}!${letter}$2:${letter}${STAGE_LAST}"

    def actions(self, key: str) -> str:
        letter = action_column(key)
        return f"{self.ref('actions')}!${letter}${ACTION_FIRST}:${letter}${ACTION_LAST}"


def listed(L: Lang, name: str) -> str:
    """The range of a Paramètres list, as long as its values (owners: LIST_ROWS)."""
    letter = LISTS[name]
    size = len(LIST_VALUES[name][0]) if name in LIST_VALUES else LIST_ROWS
    return f"{L.ref('settings')}!${letter}$2:${letter}${1 + size}"
