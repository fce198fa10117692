"""Texts of the CRM export: findings, rejects and blocking problems (each said after its
place, :func:`salespipe.core.texts.placed`), the record kinds, and the errors of the map
files and of the CRM's ID export."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- findings: the row is exported, one value was changed or left out ---------------
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
    "probability_defaulted": (
        "étape « {stage} » inconnue du tableau des étapes, sans probabilité saisie : 0 % "
        "écrit ({crm} compte une probabilité vide pour 0) ; saisissez la probabilité ou "
        "ajoutez l'étape à l'onglet Étapes",
        "stage '{stage}' is not in the stage table and no probability is typed: 0 % "
        "written ({crm} counts a blank probability as 0); type the probability or add the "
        "stage to the Stages sheet",
    ),
    "close_time_missing": (
        "affaire au statut « {status} » sans date de clôture : {crm} la datera du jour de "
        "l'import ; saisissez la date de clôture",
        "deal with status '{status}' and no close date: {crm} will date it the day of the "
        "import; type the close date",
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
    # --- rejects: the row is not in any import file -------------------------------------
    "deal_without_name": (
        "affaire sans nom, société, contact ni identifiant : rien pour la nommer dans {crm}",
        "deal without a name, company, contact or ID: nothing to name it by in {crm}",
    ),
    "deal_without_company_or_contact": (
        "{crm} exige une société ou un contact pour chaque affaire ; ligne non exportée",
        "{crm} requires a company or a contact on every deal; row not exported",
    ),
    # --- blocking problems: nothing is written until they are fixed in the map files ----
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
    # --- the kinds of CRM records ------------------------------------------------------
    "crm.kind.deal": ("affaire", "deal"),
    "crm.kind.person": ("personne", "person"),
    "crm.kind.organization": ("organisation", "organization"),
    # --- errors of the map files and of the CRM's ID export ---------------------------
    "crm_ids_not_supported": (
        "{crm} met à jour ses enregistrements par ses propres identifiants externes : une "
        "table d'ID (--crm-ids) ne sert que pour Pipedrive",
        "{crm} updates records through its own external IDs: an ID map (--crm-ids) is for "
        "Pipedrive only",
    ),
    "map_file_header": (
        "{name} : la première ligne doit contenir les colonnes {columns} (trouvé : {found}) ; "
        "supprimez le fichier pour en obtenir un nouveau",
        "{name}: the first row must hold the columns {columns} (found: {found}); delete the "
        "file to get a new one",
    ),
    "map_file_unreadable": (
        "{name} n'a pas pu être lu comme un fichier CSV ({reason}) ; supprimez le fichier "
        "pour en obtenir un nouveau",
        "{name} could not be read as a CSV file ({reason}); delete the file to get a new one",
    ),
    "crm.nothing": ("rien", "nothing"),
    "crm.dropped_columns": (
        "Colonnes laissées de côté, vides sur toutes les lignes (l'import viderait ce champ) :",
        "Columns left out, blank on every row (the import would blank that field):",
    ),
    "crm.followups_on_rows.one": (
        "1 relance sur la ligne de son affaire ({file}), créée avec elle",
        "1 follow-up on its deal's row ({file}), created with it",
    ),
    "crm.followups_on_rows.many": (
        "{count} relances sur la ligne de leur affaire ({file}), créées avec elle",
        "{count} follow-ups on their deal's row ({file}), created with it",
    ),
    "crm.followups_in_file.one": (
        "1 relance dans {file}, liée à son affaire par l'ID {crm} de l'affaire",
        "1 follow-up in {file}, linked to its deal by the deal's {crm} ID",
    ),
    "crm.followups_in_file.many": (
        "{count} relances dans {file}, liées à leur affaire par l'ID {crm} de l'affaire",
        "{count} follow-ups in {file}, linked to their deal by the deal's {crm} ID",
    ),
    "crm.dropped_file": ("{file} : {columns}", "{file}: {columns}"),
    "crm.place": ("{source}, ligne {row}", "{source}, row {row}"),
    "crm.id_map": ("la table d'ID", "the ID map"),
    "crm_ids_bad_pair": (
        "la table d'ID associe « {salespipe_id} » à « {crm_id} » : attendu un ID salespipe "
        "d'affaire, de personne ou d'organisation (sp_d_…, sp_p_…, sp_c_…) et des chiffres",
        "the ID map pairs '{salespipe_id}' with '{crm_id}': expected a salespipe deal, person "
        "or organization ID (sp_d_…, sp_p_…, sp_c_…) and digits",
    ),
    "crm_ids_twice_in_crm": (
        "{place} : l'ID salespipe {salespipe_id} a l'ID Pipedrive {crm_id}, mais {known_place} "
        "donne {known_id} : cet enregistrement ({kind}) est deux fois dans Pipedrive (un "
        "import précédent ?) ; fusionnez-les ou supprimez-en un dans Pipedrive, puis "
        "exportez de nouveau les ID",
        "{place}: salespipe ID {salespipe_id} has Pipedrive ID {crm_id}, but {known_place} "
        "gives {known_id}: the {kind} is in Pipedrive twice (an earlier re-import?); merge "
        "or delete one in Pipedrive, then export the IDs again",
    ),
    "crm_ids_shared": (
        "{place} : l'ID Pipedrive {crm_id} ({kind}) est donné à {salespipe_id}, et à {owner} "
        "en {owner_place} : un enregistrement Pipedrive ne peut pas en représenter deux ; "
        "vérifiez les colonnes d'ID du fichier",
        "{place}: Pipedrive {kind} ID {crm_id} is given to {salespipe_id}, and to {owner} at "
        "{owner_place}: one Pipedrive record cannot stand for two; check the ID columns of "
        "the file",
    ),
    "crm_ids_same_column": (
        "{name} : les colonnes « {first} » et « {second} » se lisent comme le même ID ; "
        "gardez-en une",
        "{name}: columns '{first}' and '{second}' both read as the same ID; keep one of them",
    ),
    "crm_ids_unpaired": (
        "{name} : la colonne « {header} » n'a pas de colonne d'ID Pipedrive à côté (attendu "
        "« {expected} ») ; ajoutez la colonne d'ID à l'export dans Pipedrive",
        "{name}: column '{header}' has no Pipedrive ID column beside it (expected "
        "'{expected}'); add the ID column to the export in Pipedrive",
    ),
    "crm_ids_empty": (
        "{name} est vide : exportez-y vos affaires depuis Pipedrive",
        "{name} is empty: export your deals from Pipedrive into it",
    ),
    "crm_ids_no_column": (
        "{name} : aucune colonne d'ID salespipe (cherché « Deal - salespipe ID » ou "
        "« salespipe ID » à côté de « ID » de Pipedrive ; trouvé : {found})",
        "{name}: no salespipe ID column (looked for 'Deal - salespipe ID' or 'salespipe ID' "
        "beside Pipedrive's 'ID'; found: {found})",
    ),
    "crm_ids_mixed_kinds": (
        "{name}, ligne {row}, colonne « {header} » : {salespipe_id} n'est pas du même type "
        "({kind}) que les lignes précédentes : exportez un seul type d'enregistrement par "
        "fichier (affaires, personnes ou organisations)",
        "{name}, row {row}, column '{header}': {salespipe_id} is not a {kind} like the rows "
        "above: export one kind of record per file (deals, people or organizations)",
    ),
    "crm.any_id_prefix": ("sp_d_, sp_p_ ou sp_c_", "sp_d_, sp_p_ or sp_c_"),
    "crm_ids_bad_salespipe_id": (
        "{name}, ligne {row}, colonne « {header} » : « {value} » n'est pas un ID salespipe "
        "(attendu {expected} et 12 chiffres hexadécimaux) ; vérifiez les colonnes du fichier",
        "{name}, row {row}, column '{header}': '{value}' is not a salespipe ID (expected "
        "{expected} and 12 hex digits); check the file's columns",
    ),
    "crm_ids_bad_crm_id": (
        "{name}, ligne {row} : « {value} » n'est pas un ID Pipedrive ({kind}, des chiffres) "
        "pour {salespipe_id} ; exportez de nouveau les ID depuis Pipedrive",
        "{name}, row {row}: '{value}' is not Pipedrive {kind} ID (digits) for "
        "{salespipe_id}; export the IDs again from Pipedrive",
    ),
    "crm_ids_missing_crm_id": (
        "{name}, ligne {row} : pas d'ID Pipedrive ({kind}, des chiffres) pour {salespipe_id} "
        "; exportez de nouveau les ID depuis Pipedrive",
        "{name}, row {row}: no Pipedrive {kind} ID (digits) for {salespipe_id}; export the "
        "IDs again from Pipedrive",
    ),
    # --- errors that stop an export ----------------------------------------------------
    "export_output_is_file": (
        "{path} est un fichier : -o doit nommer un dossier pour les fichiers d'import",
        "{path} is a file; -o must name a folder for the export files",
    ),
    "unknown_crm": (
        "CRM inconnu « {crm} » ; choisissez parmi {known}",
        "unknown CRM '{crm}'; choose one of {known}",
    ),
    "export_google_source": (
        "{source} est un classeur Google, pas un fichier : lancez `salespipe export` avec "
        "--credentials FICHIER (ou --config sync.toml) pour le lire",
        "{source} is a Google spreadsheet, not a file: run `salespipe export` with "
        "--credentials FILE (or --config sync.toml) to read it",
    ),
    "crm_ids_pipedrive_only": (
        "--crm-ids ne sert qu'à Pipedrive : {crm} met à jour les enregistrements par les "
        "colonnes d'ID salespipe elles-mêmes (voir docs/crm_export.md)",
        "--crm-ids is for Pipedrive only: {crm} updates records through the salespipe ID "
        "columns themselves (see docs/crm_export.md)",
    ),
}
