"""French and English texts of the CRM export: findings, rejects and blocking problems.

Kept apart from :mod:`salespipe.core.messages` (the sheet-reading texts); the
same shape: a stable code, a French and an English template, the place first.
"""

from __future__ import annotations

from typing import Any

from salespipe.core.messages import display_value

_WHERE = ("Feuille « {sheet} », ligne {row}, colonne « {column} » : ",
          "Sheet '{sheet}', row {row}, column '{column}': ")  # fmt: skip
_WHERE_ROW = ("Feuille « {sheet} », ligne {row} : ", "Sheet '{sheet}', row {row}: ")
_WHERE_FILE = ("Fichier « {sheet} », ligne {row}, colonne « {column} » : ",
               "File '{sheet}', row {row}, column '{column}': ")  # fmt: skip

#: Findings: the row is exported, one value was changed or left out.
FINDING_TEXTS: dict[str, tuple[str, str]] = {
    "formula_escaped": (
        "texte commençant par « {char} » : écrit précédé d'une apostrophe (protection contre "
        "l'injection de formule) ; corrigez la cellule si ce n'est pas voulu",
        "text starting with '{char}': written with a leading apostrophe (formula-injection "
        "guard); fix the cell if this is not intended",
    ),
    "formula_like_text": (
        "texte qui ressemble à une formule ou à un appel DDE « {value} » ; vérifiez la cellule",
        "text looks like a spreadsheet formula or DDE call '{value}'; check the cell",
    ),
    "characters_replaced": (
        'caractères refusés par {crm} (" | < >) remplacés par ” / ‹ ›',
        'characters {crm} refuses (" | < >) replaced with ” / ‹ ›',
    ),
    "phone_invalid": (
        "numéro de téléphone invalide « {value} » : non exporté",
        "invalid phone number '{value}': not exported",
    ),
    "email_invalid": (
        "adresse e-mail invalide « {value} » : non exportée ({reason})",
        "invalid e-mail address '{value}': not exported ({reason})",
    ),
    "phone_unattached": (
        "téléphone « {value} » sans contact ni société : non exporté",
        "phone '{value}' without a contact or company: not exported",
    ),
    "close_date_defaulted": (
        "date de clôture absente, obligatoire pour {crm} : date de l'export {date} utilisée",
        "no close date, which {crm} requires: the export date {date} is used",
    ),
    "last_name_defaulted": (
        "contact sans nom, obligatoire pour {crm} : son adresse e-mail sert de nom",
        "contact without a name, which {crm} requires: the e-mail address is used",
    ),
    "deal_name_defaulted": (
        "affaire sans nom : « {name} » utilisé",
        "deal without a name: '{name}' used",
    ),
    "siren_invalid": (
        "SIREN ou SIRET invalide « {value} » (9 ou 14 chiffres, clé de Luhn) : non exporté",
        "invalid SIREN or SIRET '{value}' (9 or 14 digits, Luhn check): not exported",
    ),
    "website_invalid": (
        "site web illisible « {value} » : non exporté",
        "unreadable website '{value}': not exported",
    ),
    "contact_conflict": (
        "même contact que plus haut ({key}) avec un autre {field} « {value} » : la valeur "
        "de la première ligne « {kept} » est gardée",
        "same contact as above ({key}) with another {field} '{value}': the first row's "
        "value '{kept}' is kept",
    ),
    "deal_key_repeated": (
        "affaire sans ID dont la société, le nom et la date de création se répètent : son "
        "identifiant dépend de l'ordre des lignes, un nouvel import risquerait de mettre à "
        "jour la mauvaise affaire ; donnez un ID à ces affaires dans la feuille",
        "deal without an ID whose company, name and creation date repeat: its ID depends on "
        "the order of the rows, so a re-import could update the wrong deal; give these "
        "deals an ID in the sheet",
    ),
    "crm_id_not_exported": (
        "{kind} « {value} » (ID {crm} {crm_id}) absente de cet export : ligne supprimée de la "
        "feuille, rejetée (voir rejects.csv) ou dont la clé a changé ; l'enregistrement reste "
        "tel quel dans {crm}",
        "{kind} '{value}' ({crm} ID {crm_id}) is not in this export: its row was deleted from "
        "the sheet, rejected (see rejects.csv) or its key changed; the record stays as it is "
        "in {crm}",
    ),
}

#: Rejects: the row is not in any import file.
REJECT_TEXTS: dict[str, tuple[str, str]] = {
    "deal_without_name": (
        "affaire sans nom, société, contact ni identifiant : rien pour la nommer dans {crm}",
        "deal without a name, company, contact or ID: nothing to name it by in {crm}",
    ),
    "deal_without_company_or_contact": (
        "{crm} exige une société ou un contact pour chaque affaire ; ligne non exportée",
        "{crm} requires a company or a contact on every deal; row not exported",
    ),
}

#: Blocking problems: nothing is written until they are fixed in the map files.
BLOCKING_TEXTS: dict[str, tuple[str, str]] = {
    "unmapped_stage": (
        "étape « {subject} » ({deals} affaire(s)) sans étape cible dans stage_map.csv",
        "stage '{subject}' ({deals} deal(s)) has no target stage in stage_map.csv",
    ),
    "owner_without_email": (
        "commercial « {subject} » ({deals} affaire(s)) sans e-mail dans owners.csv",
        "owner '{subject}' ({deals} deal(s)) has no e-mail in owners.csv",
    ),
    "owner_email_invalid": (
        "commercial « {subject} » : l'e-mail « {email} » de owners.csv est invalide ({reason})",
        "owner '{subject}': e-mail '{email}' in owners.csv is not valid ({reason})",
    ),
}


def render_export_text(
    code: str, lang: str, *, sheet: str | None = None, row: int | None = None,
    column: str | None = None, in_file: bool = False, **params: Any
) -> str:  # fmt: skip
    """The sentence for an export ``code`` in ``lang``, with the place first when given
    (``in_file``: ``sheet`` names a file, such as the CRM's ID export)."""
    index = 1 if lang == "en" else 0
    texts = FINDING_TEXTS.get(code) or REJECT_TEXTS.get(code) or BLOCKING_TEXTS[code]
    values = {k: display_value(v) for k, v in params.items()}
    body = texts[index].format(**values)
    if sheet is None or row is None:
        return body
    where = (_WHERE_FILE if in_file else _WHERE if column else _WHERE_ROW)[index]
    return where.format(sheet=sheet, row=row, column=column) + body
