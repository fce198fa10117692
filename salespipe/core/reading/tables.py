"""Find a table in a grid of cell values and name its columns.

A grid is a list of rows, each a sequence of cell values, as openpyxl, gspread or
xlwings hand them over; ``first_row`` is the sheet row number of ``grid[0]``.
The header row is found even below title rows, merged title cells and blank
rows; French and English column names are recognised through aliases, folded
for accents, case and spacing, with a small tolerance for typos. An explicit
mapping ``{field: "Header as typed"}`` (or a column letter) overrides the guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import count
from typing import Any, Literal

from salespipe.core.errors import ConfigError, TableNotFoundError
from salespipe.core.model import fold
from salespipe.core.reading.fuzzy import best_match
from salespipe.core.reading.parsing import is_blank
from salespipe.core.texts import Bilingual, Entry, entry, section

TableKind = Literal["deals", "stages", "actions"]

# field -> aliases (any language); compared after fold(). Where the French headers come
# from (templates, CRMs, the seeds): docs/sources.md « Headers of French pipelines ».
DEAL_ALIASES: dict[str, tuple[str, ...]] = {
    "deal_id": ("id", "n", "no", "num", "numero", "n affaire", "ref", "reference", "id affaire",
                "deal id", "record id", "code", "n dossier", "n d affaire", "affaire n",
                "n opportunite"),
    "name": ("affaire", "nom de l affaire", "opportunite", "nom de l opportunite", "deal",
             "deal name", "projet", "intitule", "objet", "opportunity", "opportunity name",
             "nom de la transaction", "objet de l affaire", "libelle", "dossier", "besoin",
             "nom du projet", "sujet", "chantier", "designation", "mission", "prestation"),
    "company": ("societe", "entreprise", "client", "compte", "raison sociale", "company", "account",
                "account name", "company name", "nom de la societe", "organisation", "organization",
                "nom du compte", "nom de l entreprise", "nom client", "client prospect", "prospect",
                "structure", "etablissement", "clients", "customer"),
    "contact": ("contact", "nom du contact", "interlocuteur", "contact name", "nom contact",
                "decideur", "interlocuteurs", "contact principal", "personne a contacter",
                "nom prenom", "prenom nom", "nom du decideur"),
    "email": ("email", "e mail", "mail", "courriel", "adresse e mail", "adresse email",
              "email address", "e mail du contact", "email contact", "adresse mail", "mail contact",
              "e mail contact"),
    "phone": ("telephone", "tel", "phone", "portable", "mobile", "phone number",
              "numero de telephone", "tel contact", "gsm", "tel portable", "tel fixe",
              "n de telephone", "n de tel", "telephone contact"),
    "owner": ("commercial", "responsable", "proprietaire", "owner", "vendeur", "sales rep",
              "assigned to", "charge d affaires", "deal owner", "commerciale", "suivi par", "resp",
              "resp commercial", "proprietaire de la transaction", "commercial en charge",
              "charge de compte", "gere par", "affecte a", "attribue a", "ingenieur commercial",
              "account manager", "business developer", "qui", "sales person",
              "salesperson"),
    "stage": ("etape", "stade", "phase", "stage", "etape du pipeline", "deal stage",
              "etape de vente", "pipeline stage", "avancement", "phase de vente",
              "etape de la vente", "etape commerciale", "stade d avancement", "etat d avancement",
              "etape actuelle", "niveau d avancement"),
    "status": ("statut", "etat", "status", "statut de l affaire", "deal status", "statut du deal",
               "etat de l affaire", "resultat", "situation", "issue", "statut commercial",
               "statut devis", "statut du devis", "etat du devis", "etat devis"),
    "amount": ("montant", "montant ht", "montant e", "montant ht e", "ca", "ca potentiel", "ca ht",
               "valeur", "amount", "value", "deal value", "deal amount", "chiffre d affaires",
               "montant estime", "montant du devis", "ca estime", "ca previsionnel", "ca prevu",
               "montant previsionnel", "enjeu", "enjeu ht", "montant devis", "montant du contrat",
               "valeur estimee", "ca estime ht", "ca previsionnel ht", "potentiel", "potentiel ca",
               "montant opportunite", "valeur de l affaire", "montant estime ht", "prix",
               "total ht", "budget client", "ca attendu"),
    "probability": ("probabilite", "proba", "de reussite", "chance", "probability", "likelihood",
                    "probabilite de signature", "probabilite de gain", "reussite", "chances",
                    "taux de reussite", "chances de reussite", "de chance", "de chances",
                    "chance de signature", "proba signature", "taux de transformation", "confiance",
                    "pourcentage", "prob", "probabilite de closing"),
    "created": ("date de creation", "cree le", "date creation", "created", "created date",
                "create date", "date d entree", "date 1er contact", "premier contact",
                "date du premier contact", "creation", "date de saisie", "date de la demande",
                "date demande", "recu le", "date prise de contact", "date de premier contact",
                "date entree", "date envoi",
                "date d envoi", "date envoi devis", "date du devis"),
    "expected_close": ("date de cloture", "date de cloture prevue", "cloture prevue",
                       "date de signature", "date de signature prevue", "close date",
                       "expected close date", "closing date", "echeance", "cloture",
                       "date de closing", "signature prevue", "date d echeance",
                       "date previsionnelle", "date de signature estimee", "closing",
                       "date de decision", "date de closing prevue", "date closing",
                       "date previsionnelle de signature", "signature prevue le", "echeance prevue",
                       "date de cloture estimee", "mois de signature", "date signature",
                       "decision attendue", "date de decision attendue", "deadline"),
    "last_contact": ("dernier contact", "date dernier contact", "date du dernier contact",
                     "last contact", "last activity", "last contacted", "derniere action",
                     "derniere relance", "date derniere action", "dernier echange",
                     "date du dernier echange", "derniere interaction", "dernier appel",
                     "date derniere relance", "dernier rdv"),
    "next_followup": ("prochaine relance", "date de relance", "relance prevue",
                      "date prochaine relance", "next follow up", "next followup", "next step date",
                      "next activity date", "a relancer le", "date relance", "relance le",
                      "date prochaine action", "a relancer", "relance", "date de rappel",
                      "rappel le", "a rappeler le", "prochain contact",
                      "date de la prochaine action"),
    "touches": ("nb relances", "nombre de relances", "relances faites", "touches",
                "follow ups done", "nb de relances", "relances", "nombre de contacts",
                "number of touches", "nombre d appels", "nb appels", "nb de contacts",
                "relances effectuees", "nb relances faites"),
    "source": ("source", "origine", "canal", "action source", "lead source", "channel",
               "provenance", "origine du lead", "canal d acquisition", "apporteur", "campagne",
               "origine du contact", "origine contact"),
    "segment": ("segment", "categorie client", "abc", "classe", "segmentation", "priorite",
                "type de client", "typologie", "typologie client", "categorie", "taille"),
    "temperature": ("temperature", "chaleur", "temp", "maturite", "niveau d interet", "interet"),
    "lost_reason": ("raison de perte", "motif de perte", "lost reason", "cause de perte", "motif",
                    "raison", "motif d abandon", "raison de l echec", "cause", "pourquoi perdu"),
    "notes": ("notes", "note", "commentaire", "commentaires", "remarques", "comments",
              "observations", "compte rendu", "historique", "cr", "suivi"),
    "stage_entered": ("entree dans l etape", "date etape", "depuis le", "stage entered",
                      "date d entree dans l etape", "date de l etape", "stage date"),
}  # fmt: skip

STAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("etape", "stade", "phase", "stage", "nom", "name"),
    "order": ("ordre", "order", "rang", "position", "n", "no"),
    "probability": ("probabilite", "proba", "probability", "probabilite par defaut",
                    "default probability"),
    "expected_days": ("duree prevue", "duree prevue jours", "jours prevus", "duree jours",
                      "expected days", "days in stage", "duree", "delai"),
    "cadence": ("cadence", "cadence de relance", "relances", "follow up cadence", "cadence jours"),
}  # fmt: skip

ACTION_ALIASES: dict[str, tuple[str, ...]] = {
    "action": ("action", "actions", "nom de l action", "action name", "intitule", "operation"),
    "type": ("type", "type d action", "canal", "type of action", "action type", "levier type"),
    "owner": ("responsable", "qui", "owner", "porteur", "pilote", "commercial", "personne"),
    "budget": ("budget", "budget prevu", "budget alloue", "budget previsionnel", "cout",
               "planned budget", "budget e", "budget ht"),
    "start_week": ("semaine debut", "semaine de debut", "debut", "start week", "start",
                   "sem debut"),
    "end_week": ("semaine fin", "semaine de fin", "fin", "end week", "end", "sem fin"),
    "year": ("annee", "year", "exercice"),
    "target": ("cible", "cibles", "target", "audience"),
    "planned_count": ("prevu", "comptage", "nombre prevu", "quantite prevue", "planned",
                      "planned count", "objectif", "volume prevu"),
    "done_count": ("realise", "fait", "nombre realise", "done", "done count", "realisees",
                   "volume realise"),
    "lever": ("levier", "lever", "nature", "type de levier"),
    "expected_revenue": ("ca attendu", "ca espere", "ca prevu", "chiffre d affaires attendu",
                         "expected revenue", "ca vise"),
}  # fmt: skip

# The headers salespipe writes (template, demo, reports), per field, French then English.
DEAL_HEADERS: dict[str, Entry] = section("column.deals.")
STAGE_HEADERS: dict[str, Entry] = section("column.stages.")
ACTION_HEADERS: dict[str, Entry] = section("column.actions.")
HEADERS: dict[TableKind, dict[str, Entry]] = {
    "deals": DEAL_HEADERS,
    "stages": STAGE_HEADERS,
    "actions": ACTION_HEADERS,
}

ALIASES: dict[TableKind, dict[str, tuple[str, ...]]] = {
    "deals": DEAL_ALIASES,
    "stages": STAGE_ALIASES,
    "actions": ACTION_ALIASES,
}

# At least one field of each group must be present for a header row to count.
REQUIRED: dict[TableKind, tuple[tuple[str, ...], ...]] = {
    "deals": (("name", "company", "deal_id"), ("stage", "amount", "status")),
    "stages": (("name",), ("probability", "order")),
    "actions": (("action",), ("budget", "owner", "type", "start_week", "planned_count")),
}
TABLE_LABELS = {"deals": "Pipeline", "stages": "Étapes", "actions": "Plan d'actions"}

HEADER_SCAN_ROWS = 30
_FUZZY_CUTOFF = 90
_WEEK_HEADER = re.compile(r"(?:s|w|sem|semaine|week|wk)\s*(\d{1,2})")


@dataclass(frozen=True)
class Column:
    """A recognised column: its position, its header as typed and the field it holds."""

    index: int
    header: str
    field: str


@dataclass(frozen=True)
class LocatedTable:
    """A table found in a grid: where its header is and which columns mean what.

    ``rows`` are the grid rows below the header, each paired with its sheet row
    number; ``week_columns`` maps a week-grid column index to its ISO week.
    """

    sheet: str
    kind: TableKind
    header_row: int
    columns: dict[str, Column]
    rows: list[tuple[int, Sequence[Any]]]
    ignored_headers: tuple[str, ...] = ()
    week_columns: dict[int, int] = field(default_factory=dict)
    #: Every cell of the header row as typed, "" for a blank one, left to right.
    headers: tuple[str, ...] = ()

    @cached_property
    def folded_headers(self) -> tuple[tuple[int, str], ...]:
        """(column index, folded header) of the recognised columns, left to right."""
        return tuple(sorted((c.index, fold(c.header)) for c in self.columns.values()))

    def header_of(self, field_name: str) -> str | None:
        column = self.columns.get(field_name)
        return column.header if column else None


@lru_cache(maxsize=4096)
def _field_for_header(kind: TableKind, header: str) -> str | None:
    folded = fold(header)
    if not folded:
        return None
    aliases = ALIASES[kind]
    for name, names in aliases.items():
        if folded in names or folded == name.replace("_", " "):
            return name
    for name, labels in HEADERS[kind].items():
        if folded in (fold(labels[0]), fold(labels[1])):
            return name
    choices = {alias: name for name, names in aliases.items() for alias in names if len(alias) > 3}
    best = best_match(folded, list(choices), _FUZZY_CUTOFF)
    return choices[best] if best is not None else None


def is_header_row(table: LocatedTable, row: Sequence[Any]) -> bool:
    """Whether ``row`` names most of the table's columns as headers do, in any language
    (« Deal | Company | Amount » under « Affaire | Société | Montant HT »)."""
    named = sum(
        _field_for_header(table.kind, _header_text(row[c.index])) == name
        for name, c in table.columns.items()
        if c.index < len(row) and isinstance(row[c.index], str)
    )
    return named >= max(2, len(table.columns) // 2 + 1)


def _header_text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _guess_columns(kind: TableKind, row: Sequence[Any]) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    for index, value in enumerate(row):
        header = _header_text(value)
        name = _field_for_header(kind, header) if header else None
        if name and name not in columns:
            columns[name] = Column(index, header, name)
    return columns


def _satisfies(kind: TableKind, columns: Mapping[str, Column], loose: bool = False) -> bool:
    """The required groups are there; ``loose``: only the first (what names a row), with
    two fields at least, for a table whose figures' columns all have unusual names."""
    if loose:
        return len(columns) >= 2 and any(f in columns for f in REQUIRED[kind][0])
    return all(any(f in columns for f in group) for group in REQUIRED[kind])


def column_letter(index: int) -> str:
    """0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _apply_mapping(
    sheet: str,
    kind: TableKind,
    header_row: int,
    row: Sequence[Any],
    mapping: Mapping[str, str],
    width: int | None = None,
) -> dict[str, Column]:
    aliases = ALIASES[kind]
    headers = [_header_text(v) for v in row]
    folded = [fold(h) for h in headers]
    columns: dict[str, Column] = {}
    for field_name, wanted in mapping.items():
        if field_name not in aliases:
            raise ConfigError("mapping_unknown_field", field=field_name, fields=", ".join(aliases))
        if fold(wanted) in folded:
            index = folded.index(fold(wanted))
        elif re.fullmatch(r"[A-Z]{1,3}", wanted.strip()):
            index = _letter_index(wanted.strip())
            if width is not None and index >= width:  # « ZZZ »: every cell would be blank
                raise ConfigError(
                    "mapping_column_outside",
                    sheet=sheet,
                    column=wanted.strip(),
                    last=column_letter(max(width - 1, 0)),
                )
        else:
            raise ConfigError("mapping_missing_column", sheet=sheet, column=wanted, row=header_row)
        columns[field_name] = Column(
            index, headers[index] if index < len(headers) else wanted, field_name
        )
    return columns


def _letter_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def locate_table(
    grid: Sequence[Sequence[Any]],
    kind: TableKind,
    sheet: str,
    *,
    first_row: int = 1,
    mapping: Mapping[str, str] | None = None,
    loose: bool = False,
) -> LocatedTable:
    """Find the header row of a ``kind`` table in ``grid`` and name its columns.

    The header is the row among the first 30 non-blank ones that recognises the
    most fields and has the required ones (``loose``: only the columns that name a
    row, see :func:`_satisfies`); a mapping's columns override the
    guessed ones. Raises TableNotFoundError, naming the sheet and the columns
    it looks for, when no row qualifies.
    """
    best: tuple[int, dict[str, Column]] | None = None
    scanned = 0
    width = max(map(len, grid), default=0) if mapping else None
    for offset, row in enumerate(grid):
        if scanned >= HEADER_SCAN_ROWS:
            break
        if all(is_blank(v) for v in row):
            continue
        scanned += 1
        columns = _guess_columns(kind, row)
        if mapping:
            try:
                columns.update(_apply_mapping(sheet, kind, first_row + offset, row, mapping, width))
            except ConfigError:
                continue
        if _satisfies(kind, columns, loose) and (best is None or len(columns) > len(best[1])):
            best = (offset, columns)
    if best is None:
        if mapping:  # say precisely what in the mapping does not fit
            for offset, row in enumerate(grid[:HEADER_SCAN_ROWS]):
                if not all(is_blank(v) for v in row):
                    _apply_mapping(sheet, kind, first_row + offset, row, mapping, width)
        raise TableNotFoundError("table_not_found", **not_found_params(sheet, kind))
    offset, columns = best
    header = grid[offset]
    return LocatedTable(
        sheet=sheet,
        kind=kind,
        header_row=first_row + offset,
        columns=columns,
        rows=list(zip(count(first_row + offset + 1), grid[offset + 1 :])),
        ignored_headers=_ignored(header, columns, kind),
        week_columns=_week_columns(header) if kind == "actions" else {},
        headers=tuple(_header_text(v) for v in header),
    )


def _ignored(
    header: Sequence[Any], columns: Mapping[str, Column], kind: TableKind
) -> tuple[str, ...]:
    used = {c.index for c in columns.values()}
    week = _week_columns(header) if kind == "actions" else {}
    return tuple(
        _header_text(v)
        for i, v in enumerate(header)
        if i not in used and i not in week and not is_blank(v)
    )


def _week_columns(header: Sequence[Any]) -> dict[int, int]:
    weeks: dict[int, int] = {}
    for index, value in enumerate(header):
        match = _WEEK_HEADER.fullmatch(fold(_header_text(value)))
        if match and 1 <= int(match.group(1)) <= 53:
            weeks[index] = int(match.group(1))
    return weeks


def not_found_params(sheet: str, kind: TableKind) -> dict[str, Any]:
    """Values of the table_not_found message: the columns needed and known, in French and
    English (:class:`~salespipe.core.texts.Bilingual`)."""
    labels = HEADERS[kind]
    return {
        "sheet": sheet,
        "table": TABLE_LABELS[kind],
        "required": Bilingual(_required(kind, 0), _required(kind, 1)),
        "known": Bilingual(*(", ".join(pair[i] for pair in labels.values()) for i in (0, 1))),
    }


def _required(kind: TableKind, i: int) -> str:
    """``(« Affaire » ou « Société » ou « ID ») + (…)`` in language ``i``."""
    labels = HEADERS[kind]
    quoted, either = entry("columns.quoted")[i], entry("columns.or")[i]
    return " + ".join(
        "(" + either.join(quoted.format(name=labels[f][i]) for f in group) + ")"
        for group in REQUIRED[kind]
    )
