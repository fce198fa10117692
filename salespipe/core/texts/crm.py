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
        "numéro de téléphone invalide « {value} » : {reason} ; non exporté",
        "invalid phone number '{value}': {reason}; not exported",
    ),
    "crm.phone_reason.not_a_number": ("ce n'est pas un numéro", "not a phone number"),
    "crm.phone_reason.country_code": ("indicatif de pays inconnu", "unknown country code"),
    "crm.phone_reason.too_short": ("trop peu de chiffres", "too few digits"),
    "crm.phone_reason.too_long": ("trop de chiffres", "too many digits"),
    "crm.phone_reason.length": (
        "aucun numéro de ce pays n'a ce nombre de chiffres",
        "no number of that country has that many digits",
    ),
    "crm.phone_reason.not_assigned": (
        "préfixe qu'aucun numéro n'utilise dans le plan de numérotation du pays",
        "a prefix no number uses in the country's numbering plan",
    ),
    "email_invalid": (
        "adresse e-mail invalide « {value} » : non exportée ({reason})",
        "invalid e-mail address '{value}': not exported ({reason})",
    ),
    "phone_unattached": (
        "téléphone « {value} » sans contact ni société : non exporté",
        "phone '{value}' without a contact or company: not exported",
    ),
    "contact_not_linked": (
        "contact « {name} » sans e-mail : {crm} retrouve le contact d'une affaire par son "
        "e-mail, l'affaire est liée à sa société seulement ; saisissez l'e-mail du contact",
        "contact '{name}' has no e-mail: {crm} finds a deal's contact by e-mail, so the deal "
        "is linked to its company only; type the contact's e-mail",
    ),
    "stage_not_in_crm": (
        "étape cible « {value} » inconnue du pipeline par défaut de {crm} (voir la colonne "
        "crm_stages) : l'import la refusera sauf si votre pipeline a été personnalisé avec "
        "cette étape ; vérifiez l'orthographe",
        "target stage '{value}' is not in {crm}'s default pipeline (see the crm_stages "
        "column): the import will refuse it unless your pipeline was customised with that "
        "stage; check the spelling",
    ),
    "pipeline_not_in_crm": (
        "pipeline cible « {value} » différent du pipeline par défaut de {crm} (voir la "
        "colonne crm_pipelines) : l'import le refusera sauf si votre compte a ce pipeline ; "
        "vérifiez l'orthographe",
        "target pipeline '{value}' is not {crm}'s default pipeline (see the crm_pipelines "
        "column): the import will refuse it unless your account has that pipeline; check "
        "the spelling",
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
        "étape « {subject} » ({deals}) sans étape cible dans stage_map.csv",
        "stage '{subject}' ({deals}) has no target stage in stage_map.csv",
    ),
    "owner_without_email": (
        "commercial « {subject} » ({deals}) sans e-mail dans owners.csv",
        "owner '{subject}' ({deals}) has no e-mail in owners.csv",
    ),
    "owner_email_invalid": (
        "commercial « {subject} » : l'e-mail « {email} » de owners.csv est invalide ({reason})",
        "owner '{subject}': e-mail '{email}' in owners.csv is not valid ({reason})",
    ),
    # --- short labels of the reject and warning codes (summary, by code) -----------------
    "crm.code.duplicate_id": ("ID en double", "duplicate ID"),
    "crm.code.duplicate_row": ("ligne en double", "duplicate row"),
    "crm.code.totals_row": ("ligne de total", "totals row"),
    "crm.code.repeated_header": ("en-tête répété", "repeated header"),
    "crm.code.deal_without_name": ("affaire sans nom", "deal without a name"),
    "crm.code.deal_without_company_or_contact": (
        "affaire sans société ni contact",
        "deal without a company or contact",
    ),
    "crm.code.formula_escaped": ("formule neutralisée", "formula escaped"),
    "crm.code.formula_like_text": ("texte pris pour une formule", "text like a formula"),
    "crm.code.characters_replaced": ("caractères remplacés", "characters replaced"),
    "crm.code.phone_invalid": ("téléphone invalide", "invalid phone"),
    "crm.code.email_invalid": ("e-mail invalide", "invalid e-mail"),
    "crm.code.phone_unattached": ("téléphone sans contact", "phone without a contact"),
    "crm.code.contact_not_linked": ("contact non relié", "contact not linked"),
    "crm.code.stage_not_in_crm": ("étape absente du CRM", "stage not in the CRM"),
    "crm.code.pipeline_not_in_crm": ("pipeline absent du CRM", "pipeline not in the CRM"),
    "crm.code.close_date_defaulted": ("date de clôture par défaut", "close date defaulted"),
    "crm.code.probability_defaulted": ("probabilité par défaut", "probability defaulted"),
    "crm.code.close_time_missing": ("date de gain ou perte manquante", "won/lost date missing"),
    "crm.code.last_name_defaulted": ("nom de famille par défaut", "last name defaulted"),
    "crm.code.deal_name_defaulted": ("nom d'affaire par défaut", "deal name defaulted"),
    "crm.code.siren_invalid": ("SIREN invalide", "invalid SIREN"),
    "crm.code.website_invalid": ("site web invalide", "invalid website"),
    "crm.code.contact_conflict": ("contact en conflit", "conflicting contact"),
    "crm.code.deal_key_repeated": ("clé d'affaire répétée", "repeated deal key"),
    "crm.code.crm_id_not_exported": ("ID CRM non exporté", "CRM ID not exported"),
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
    # --- the summary (console and summary.txt) -----------------------------------------
    "crm.summary.title": ("Export {crm} de {source}", "{crm} export of {source}"),
    "crm.summary.account": (
        "Feuille « {sheet} » : {read} = {exported} + {rejected} + {blank}",
        "Sheet '{sheet}': {read} = {exported} + {rejected} + {blank}",
    ),
    # --- counts agreed with their number (texts.counted: French singular below 2) -------
    "crm.count.exported.one": ("{count} exportée", "{count} exported"),
    "crm.count.exported.many": ("{count} exportées", "{count} exported"),
    "crm.count.rejected.one": ("{count} rejetée", "{count} rejected"),
    "crm.count.rejected.many": ("{count} rejetées", "{count} rejected"),
    "crm.count.blank.one": ("{count} vide", "{count} blank"),
    "crm.count.blank.many": ("{count} vides", "{count} blank"),
    "crm.count.problems.one": ("{count} problème", "{count} problem"),
    "crm.count.problems.many": ("{count} problèmes", "{count} problems"),
    "crm.count.deals.one": ("{count} affaire", "{count} deal"),
    "crm.count.deals.many": ("{count} affaires", "{count} deals"),
    "crm.summary.rejects": ("Lignes rejetées par motif :", "Rejected rows by reason:"),
    "crm.summary.rejects_none": (
        "Lignes rejetées par motif : aucune",
        "Rejected rows by reason: none",
    ),
    "crm.summary.warnings": ("Avertissements par code :", "Warnings by code:"),
    "crm.summary.warnings_none": ("Avertissements par code : aucun", "Warnings by code: none"),
    "crm.summary.quality": (
        "Qualité des données à la lecture : {problems} non repris ci-dessus (montants ou dates "
        "illisibles, cellules en erreur…), les valeurs en cause exportées vides ou telles "
        "quelles : "
        "`salespipe report --full` (un classeur) ou l'onglet « Contrôle qualité » de "
        "`salespipe sync` (une feuille Google) les détaille ; vérifiez-les avant l'import",
        "Data quality when reading: {problems} not listed above (unreadable amounts or dates, "
        "error cells…), their values exported blank or as read: `salespipe report --full` (a "
        "workbook) or the « Data quality » tab of `salespipe sync` (a Google spreadsheet) "
        "details them; check them before you import",
    ),
    "crm.summary.stage_map": ("Table des étapes : {path} ({state})", "Stage map: {path} ({state})"),
    "crm.summary.owner_map": (
        "Table des commerciaux : {path} ({state})",
        "Owner map: {path} ({state})",
    ),
    "crm.map_state.created": ("créée : {todo}", "created: {todo}"),
    "crm.map_state.updated": ("lignes ajoutées : {todo}", "rows added: {todo}"),
    "crm.map_state.reused": ("reprise telle quelle", "reused"),
    "crm.map_state.proposed": ("non écrite : --check", "not written: --check"),
    "crm.map_todo.stages": ("vérifiez les étapes proposées", "check the proposed stages"),
    "crm.map_todo.owners": ("ajoutez l'e-mail de chaque commercial", "add each owner e-mail"),
    "crm.summary.blocking": ("Problèmes bloquants :", "Blocking problems:"),
    "crm.summary.check_maps": (
        "Rien n'est écrit (--check). Lancez sans --check pour écrire {stage_map} et {owners}, "
        "complétez-les, puis exportez de nouveau.",
        "Nothing written (--check). Run without --check to write {stage_map} and {owners}, "
        "complete them, then export again.",
    ),
    "crm.summary.fill_maps": (
        "Aucun fichier d'import écrit : complétez {stage_map} et {owners}, puis exportez de "
        "nouveau.",
        "No import file written: complete {stage_map} and {owners}, then export again.",
    ),
    "crm.summary.check_ok": (
        "Aucun problème bloquant. Rien n'est écrit (--check) ; l'export écrirait :",
        "No blocking problem. Nothing written (--check); the export would write:",
    ),
    "crm.summary.written": ("Fichiers écrits dans {folder} :", "Files written to {folder}:"),
    "crm.summary.rows.one": ("{count} ligne", "{count} row"),
    "crm.summary.rows.many": ("{count} lignes", "{count} rows"),
    "crm.summary.guide": (
        "Guide d'import (à lire avant d'importer) : {path}",
        "Import guide (read it before importing): {path}",
    ),
    "crm.summary.test_files": (
        "Fichiers d'essai ({count} premières affaires, à importer d'abord) : {files}",
        "Test files (the first {count} deals, to import first): {files}",
    ),
    "crm.summary.not_exported": (
        "Valeurs de la feuille qu'aucun fichier {crm} ne reprend :",
        "Values of the sheet that no {crm} file carries:",
    ),
    "crm.summary.not_exported_line": (
        "{column} ({deals}) : {reason}",
        "{column} ({deals}): {reason}",
    ),
    "crm.not_exported.probability": (
        "{crm} calcule la probabilité d'après l'étape",
        "{crm} computes the probability from the stage",
    ),
    "crm.not_exported.created": (
        "{crm} date chaque enregistrement du jour de l'import (champ système)",
        "{crm} dates each record the day of the import (a system field)",
    ),
    "crm.not_exported.followup": (
        "sert à dater la prochaine relance, exportée comme tâche ou étape suivante",
        "used to date the next follow-up, exported as a task or next step",
    ),
    "crm.not_exported.no_followups": (
        "sert à dater la prochaine relance, qu'un import {crm} ne peut pas créer (voir "
        "salespipe report)",
        "used to date the next follow-up, which a {crm} import cannot create (see salespipe "
        "report)",
    ),
    "crm.not_exported.no_field": (
        "{crm} n'a pas de champ standard pour cette valeur : créez un champ personnalisé et "
        "reprenez la colonne du fichier de l'export generic (deals.csv) si vous en avez besoin",
        "{crm} has no standard field for it: create a custom field and take the column of the "
        "generic export (deals.csv) if you need it",
    ),
    "crm.not_exported.source.pipedrive": (
        "{crm} a un champ « Source channel » (depuis 2024), mais à liste de valeurs et sans "
        "en-tête d'import documenté : salespipe ne le remplit pas ; choisissez-le dans "
        "{crm}, ou créez un champ personnalisé et reprenez la colonne de l'export generic "
        "(deals.csv)",
        "{crm} has a 'Source channel' field (since 2024), but with a list of values and no "
        "documented import header: salespipe does not fill it; pick it in {crm}, or create "
        "a custom field and take the column of the generic export (deals.csv)",
    ),
    "crm.summary.ids_given": ("fournis", "given"),
    "crm.summary.ids.one": ("{count} ID", "{count} ID"),
    "crm.summary.ids.many": ("{count} ID", "{count} IDs"),
    "crm.summary.ids_without.one": (
        ", {count} ligne sans ID salespipe",
        ", {count} row without salespipe ID",
    ),
    "crm.summary.ids_without.many": (
        ", {count} lignes sans ID salespipe",
        ", {count} rows without salespipe ID",
    ),
    "crm.summary.ids_title": ("ID {crm} : {files} ({count})", "{crm} IDs: {files} ({count})"),
    "crm.summary.records.deals": ("affaires", "deals"),
    "crm.summary.records.people": ("personnes", "people"),
    "crm.summary.records.organizations": ("organisations", "organizations"),
    "crm.summary.ids_counts": (
        "{records} à mettre à jour : {update}, à créer : {create}",
        "{records} to update: {update}, to create: {create}",
    ),
    "crm.summary.ids_none": (
        "{records} : aucun ID fourni (importées comme avant)",
        "{records}: no IDs given (imported as before)",
    ),
    "crm.summary.ids_unused": (
        "ID sans enregistrement exporté : {count} (voir warnings.csv, crm_id_not_exported)",
        "IDs matching no exported record: {count} (see warnings.csv, crm_id_not_exported)",
    ),
    "crm.summary.ids_again": (
        "Après cet import, exportez de nouveau les ID depuis {crm} : les enregistrements "
        "qu'il crée ne sont pas encore dans ces fichiers.",
        "After this import, export the IDs from {crm} again: the records it creates are not "
        "in these files yet.",
    ),
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
