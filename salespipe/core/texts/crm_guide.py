"""Texts of the import guide an export writes beside its files (LISEZ-MOI-IMPORT.md,
README-IMPORT.md): its headings and sentences, what each column of an import file holds,
and each CRM's wizard options and steps (the sources are in docs/crm_export.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    "crm.guide.file_name": ("LISEZ-MOI-IMPORT.md", "README-IMPORT.md"),
    "crm.guide.title": ("Import dans {crm} : mode d'emploi", "Importing into {crm}: how to"),
    "crm.guide.intro": (
        "Fichiers écrits par salespipe à partir de « {source} ». Suivez les étapes dans "
        "l'ordre ; les sources de chaque choix sont dans docs/crm_export.md de salespipe.",
        "Files written by salespipe from '{source}'. Follow the steps in order; the sources "
        "of each choice are in salespipe's docs/crm_export.md.",
    ),
    "crm.guide.fields": (
        "1. Avant le premier import : les champs à créer",
        "1. Before the first import: the fields to create",
    ),
    "crm.guide.fields_intro": (
        "Créez ces champs dans les paramètres de {crm} (nom exact, type, option) : les "
        "colonnes d'ID salespipe permettent à un nouvel import de mettre à jour les "
        "enregistrements au lieu de les dupliquer.",
        "Create these fields in {crm}'s settings (exact name, type, option): the salespipe ID "
        "columns let a later import update the records instead of duplicating them.",
    ),
    "crm.guide.fields_header": (
        "| Objet | Nom exact | Type | Option à cocher |",
        "| Record | Exact name | Type | Option to tick |",
    ),
    "crm.guide.no_flag": ("(aucune)", "(none)"),
    "crm.guide.no_fields.odoo": (
        "Aucun : la colonne `id` de chaque fichier est l'identifiant externe (External ID) "
        "d'Odoo, qu'Odoo connaît sans réglage ; un nouvel import met à jour les "
        "enregistrements qui ont le même `id`.",
        "None: the `id` column of each file is Odoo's External ID, which Odoo knows without "
        "any setting; a later import updates the records with the same `id`.",
    ),
    "crm.guide.no_fields.generic": (
        "Aucun : ces fichiers suivent le schéma de salespipe ; les colonnes `*_ext_id` sont "
        "des identifiants stables d'un export à l'autre.",
        "None: these files follow salespipe's schema; the `*_ext_id` columns are IDs that "
        "stay the same from one export to the next.",
    ),
    "crm.guide.options": ("2. Les réglages de l'import", "2. The import settings"),
    "crm.guide.order": (
        "3. L'ordre d'import, un essai d'abord",
        "3. The import order, a test first",
    ),
    # step 3, per CRM: what makes the full import update the test's records, and the files
    # only ever inserted (no test file: the full import would create their rows again)
    "crm.guide.test_first.hubspot": (
        "Importez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs sociétés et contacts), vérifiez-les dans {crm}, puis importez les fichiers "
        "complets dans le même ordre : les colonnes « … salespipe ID » (les propriétés "
        "uniques de l'étape 1) font que l'import complet met à jour les sociétés, contacts et "
        "affaires de l'essai. Les tâches n'ont pas de fichier d'essai : un import de tâches "
        "en crée toujours de nouvelles ; importez `hubspot_tasks.csv` une seule fois, après "
        "les affaires complètes.",
        "Import the test files first (`*_test.csv`: the first {count} deals, with their "
        "companies and contacts), check them in {crm}, then import the full files in the same "
        "order: the '… salespipe ID' columns (the unique properties of step 1) make the full "
        "import update the test's companies, contacts and deals. Tasks have no test file: a "
        "task import always creates new tasks; import `hubspot_tasks.csv` once, after the "
        "full deals.",
    ),
    "crm.guide.test_first.pipedrive": (
        "Importez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs organisations et personnes, sans leurs relances) et vérifiez-les dans "
        "{crm}. {crm} ne met à jour que par ses propres ID : avant l'import complet, exportez "
        "depuis {crm} les ID des affaires, personnes et organisations dans `pipedrive_ids.csv` "
        "(voir docs/crm_export.md), relancez `salespipe export` (la même commande), puis "
        "importez les fichiers complets qu'il écrit, dans le même ordre ; sans ce nouvel "
        "export, l'import complet créerait une seconde fois les affaires de l'essai. Les "
        "relances des affaires de l'essai sont alors dans `pipedrive_activities.csv`, à "
        "importer une seule fois. Si ce guide vient de ce nouvel export, l'essai est fait : "
        "importez les fichiers complets.",
        "Import the test files first (`*_test.csv`: the first {count} deals, with their "
        "organizations and people, without their follow-ups) and check them in {crm}. {crm} "
        "updates only by its own IDs: before the full import, export the IDs of the deals, "
        "people and organizations from {crm} into `pipedrive_ids.csv` (see "
        "docs/crm_export.md), run `salespipe export` again (the same command), then import "
        "the full files it writes, in the same order; without that new export, the full "
        "import would create the test's deals a second time. The test deals' follow-ups are "
        "then in `pipedrive_activities.csv`, to import once. If this guide comes from that "
        "new export, the test is done: import the full files.",
    ),
    "crm.guide.test_first.salesforce": (
        "Chargez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs comptes et contacts), vérifiez-les dans {crm}, puis les fichiers complets "
        "dans le même ordre : l'upsert sur `Salespipe_Id__c` met à jour les enregistrements "
        "de l'essai. Les rôles de contact n'ont pas de fichier d'essai : `sf data import "
        "bulk` ne fait qu'insérer et un second chargement les doublerait ; chargez "
        "`salesforce_contact_roles.csv` une seule fois, après les opportunités complètes.",
        "Load the test files first (`*_test.csv`: the first {count} deals, with their "
        "accounts and contacts), check them in {crm}, then the full files in the same order: "
        "the upsert on `Salespipe_Id__c` updates the test's records. Contact roles have no "
        "test file: `sf data import bulk` only inserts and a second load would double them; "
        "load `salesforce_contact_roles.csv` once, after the full opportunities.",
    ),
    "crm.guide.test_first.odoo": (
        "Importez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs sociétés et contacts), vérifiez-les dans {crm}, puis importez les fichiers "
        "complets dans le même ordre : la colonne `id` (identifiant externe) fait que l'import "
        "complet met à jour les enregistrements de l'essai.",
        "Import the test files first (`*_test.csv`: the first {count} deals, with their "
        "companies and contacts), check them in {crm}, then import the full files in the same "
        "order: the `id` column (External ID) makes the full import update the test's records.",
    ),
    "crm.guide.test_first.zoho": (
        "Importez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs comptes et contacts), vérifiez-les dans {crm}, puis importez les fichiers "
        "complets dans le même ordre, doublons trouvés par salespipe ID avec « Overwrite » : "
        "l'import complet met à jour les enregistrements de l'essai.",
        "Import the test files first (`*_test.csv`: the first {count} deals, with their "
        "accounts and contacts), check them in {crm}, then import the full files in the same "
        "order, duplicates found by salespipe ID with 'Overwrite': the full import updates "
        "the test's records.",
    ),
    "crm.guide.test_first.generic": (
        "Importez d'abord les fichiers d'essai (`*_test.csv` : les {count} premières affaires, "
        "avec leurs sociétés, contacts et relances), vérifiez-les, puis les fichiers complets "
        "dans le même ordre, en prenant les colonnes `*_ext_id` comme clé de mise à jour : "
        "sans clé, l'import complet créerait une seconde fois les enregistrements de l'essai.",
        "Import the test files first (`*_test.csv`: the first {count} deals, with their "
        "companies, contacts and follow-ups), check them, then the full files in the same "
        "order, with the `*_ext_id` columns as the update key: without a key, the full "
        "import would create the test's records a second time.",
    ),
    "crm.guide.order_header": (
        "| Ordre | Fichier | Lignes | Fichier d'essai |",
        "| Order | File | Rows | Test file |",
    ),
    "crm.guide.mapping": ("4. La correspondance des colonnes", "4. The column mapping"),
    "crm.guide.mapping_intro": (
        "Les en-têtes sont ceux que {crm} reconnaît ; si l'assistant n'en associe pas un, "
        "choisissez le champ à la main d'après ce tableau.",
        "The headers are those {crm} recognises; if the wizard does not match one, pick the "
        "field by hand from this table.",
    ),
    "crm.guide.mapping_header": ("| Colonne | Contenu |", "| Column | Content |"),
    "crm.guide.left_out": ("5. Ce qui n'est pas importé", "5. What is not imported"),
    "crm.guide.rejects.one": (
        "{count} ligne de la feuille rejetée, avec son motif : `rejects.csv`.",
        "{count} row of the sheet rejected, with its reason: `rejects.csv`.",
    ),
    "crm.guide.rejects.many": (
        "{count} lignes de la feuille rejetées, chacune avec son motif : `rejects.csv`.",
        "{count} rows of the sheet rejected, each with its reason: `rejects.csv`.",
    ),
    "crm.guide.warnings.one": (
        "{count} valeur modifiée ou laissée de côté (téléphones invalides, e-mails…), avec la "
        "feuille, la ligne, la colonne, la valeur et la raison : `warnings.csv`.",
        "{count} value changed or left out (invalid phones, e-mails…), with sheet, row, "
        "column, value and reason: `warnings.csv`.",
    ),
    "crm.guide.warnings.many": (
        "{count} valeurs modifiées ou laissées de côté (téléphones invalides, e-mails…), avec "
        "la feuille, la ligne, la colonne, la valeur et la raison : `warnings.csv`.",
        "{count} values changed or left out (invalid phones, e-mails…), with sheet, row, "
        "column, value and reason: `warnings.csv`.",
    ),
    # --- what each column holds ---------------------------------------------------------
    "crm.field.active": ("1 = active, 0 = perdue (archivée)", "1 = active, 0 = lost (archived)"),
    "crm.field.amount": ("montant HT, point décimal (12500.50)", "amount, dot decimal (12500.50)"),
    "crm.field.close_date": (
        "date de clôture (prévue, ou réelle si gagnée/perdue)",
        "close date (expected, or actual once won/lost)",
    ),
    "crm.field.company_domain": ("domaine du site web de la société", "company's website domain"),
    "crm.field.company_id": ("ID salespipe de la société", "company's salespipe ID"),
    "crm.field.company_name": ("nom de la société", "company name"),
    "crm.field.company_phone": ("téléphone de la société (E.164)", "company phone (E.164)"),
    "crm.field.contact_email": ("e-mail du contact", "contact's e-mail"),
    "crm.field.contact_full_name": ("nom complet du contact", "contact's full name"),
    "crm.field.contact_id": ("ID salespipe du contact", "contact's salespipe ID"),
    "crm.field.contact_lookup_email": (
        "e-mail du contact, par lequel l'import retrouve le contact",
        "contact's e-mail, by which the import finds the contact",
    ),
    "crm.field.contact_phone": ("téléphone du contact (E.164)", "contact's phone (E.164)"),
    "crm.field.created_date": ("date de création dans la feuille", "created date in the sheet"),
    "crm.field.crm_id": (
        "ID du CRM de l'enregistrement (mise à jour)",
        "the record's CRM ID (update)",
    ),
    "crm.field.currency": ("devise (EUR)", "currency (EUR)"),
    "crm.field.deal_crm_id": (
        "ID du CRM de l'affaire de la relance",
        "CRM ID of the follow-up's deal",
    ),
    "crm.field.deal_id": ("ID salespipe de l'affaire", "deal's salespipe ID"),
    "crm.field.deal_name": ("nom de l'affaire", "deal name"),
    "crm.field.description": ("notes, puis la raison de perte", "notes, then the lost reason"),
    "crm.field.done": ("0 = à faire", "0 = to do"),
    "crm.field.due_date": ("échéance de la relance", "follow-up due date"),
    "crm.field.email": ("e-mail", "e-mail"),
    "crm.field.first_name": ("prénom", "first name"),
    "crm.field.full_name": ("nom complet", "full name"),
    "crm.field.is_company": ("1 = société", "1 = company"),
    "crm.field.is_primary": ("true = contact principal", "true = primary contact"),
    "crm.field.last_contact": ("date du dernier contact", "last contact date"),
    "crm.field.last_name": ("nom de famille", "last name"),
    "crm.field.lead_type": ("opportunity (opportunité)", "opportunity"),
    "crm.field.lost_reason": ("raison de perte", "lost reason"),
    "crm.field.lost_time": ("date de perte", "date lost"),
    "crm.field.next_done": ("relance : 0 = à faire", "follow-up: 0 = to do"),
    "crm.field.next_due": ("relance : échéance", "follow-up: due date"),
    "crm.field.next_followup": ("prochaine relance saisie", "next follow-up typed"),
    "crm.field.next_owner": ("relance : commercial", "follow-up: owner"),
    "crm.field.next_step": ("prochaine relance (texte)", "next follow-up (text)"),
    "crm.field.next_subject": ("relance : objet", "follow-up: subject"),
    "crm.field.next_type": ("relance : type (appel)", "follow-up: type (call)"),
    "crm.field.notes": ("notes", "notes"),
    "crm.field.owner": (
        "commercial (e-mail ou nom d'utilisateur, owners.csv)",
        "owner (e-mail or user name, owners.csv)",
    ),
    "crm.field.owner_email": ("e-mail du commercial", "owner's e-mail"),
    "crm.field.owner_name": ("commercial tel que saisi", "owner as typed"),
    "crm.field.partner_id": (
        "ID salespipe du contact, sinon de la société",
        "contact's salespipe ID, else the company's",
    ),
    "crm.field.phone": ("téléphone (E.164)", "phone (E.164)"),
    "crm.field.pipeline": ("pipeline (stage_map.csv)", "pipeline (stage_map.csv)"),
    "crm.field.probability": ("probabilité en %", "probability in %"),
    "crm.field.row": ("ligne de la feuille", "row of the sheet"),
    "crm.field.segment": ("segment", "segment"),
    "crm.field.sheet_id": ("ID saisi dans la feuille", "ID typed in the sheet"),
    "crm.field.siren": ("SIREN (9 chiffres)", "SIREN (9 digits)"),
    "crm.field.source": ("source de l'affaire", "deal source"),
    "crm.field.stage": ("étape (stage_map.csv)", "stage (stage_map.csv)"),
    "crm.field.stage_entered": ("date d'entrée dans l'étape", "date the stage was entered"),
    "crm.field.stage_name": ("étape, par son nom", "stage, by name"),
    "crm.field.stage_xml_id": ("étape, par son ID XML", "stage, by XML ID"),
    "crm.field.status": ("open / won / lost", "open / won / lost"),
    "crm.field.subject": ("objet de la relance", "follow-up subject"),
    "crm.field.task_id": ("ID salespipe de la relance", "follow-up's salespipe ID"),
    "crm.field.task_status": ("statut de la tâche (à faire)", "task status (not started)"),
    "crm.field.task_type": ("type (appel)", "type (call)"),
    "crm.field.temperature": ("température", "temperature"),
    "crm.field.touches": ("nombre de relances faites", "number of follow-ups done"),
    "crm.field.won_time": ("date de gain", "date won"),
    # --- each CRM's import settings (markdown list) --------------------------------------
    "crm.guide.options.hubspot": (
        "- Contacts > Importer > « Fichier depuis l'ordinateur » ; un fichier, un objet (pour "
        "le fichier des affaires : plusieurs objets, affaires + contacts + sociétés, pour les "
        "associer).\n"
        "- Format de date : année-mois-jour (AAAA-MM-JJ).\n"
        "- Encodage : UTF-8 (virgule comme séparateur).\n"
        "- Doublons : associez les colonnes « … salespipe ID » aux propriétés uniques créées "
        "à l'étape 1 ; HubSpot met alors à jour au lieu de créer.\n"
        "- Pipeline et étape : les ID internes du pipeline par défaut (`default`, "
        "`appointmentscheduled`…), les mêmes dans tout compte et toute langue. La "
        "documentation de HubSpot ne dit pas si l'import les prend ou veut les libellés ; "
        "elle dit qu'il vérifie les 1 000 premières lignes à l'association des colonnes, "
        "avant d'importer. S'il signale alors des valeurs invalides dans Pipeline ou Deal "
        "stage, rien n'est importé : dans stage_map.csv, remplacez `default` par le nom du "
        "pipeline (colonne crm_pipelines) et chaque étape par son libellé (colonne "
        "crm_stages), tels que votre HubSpot les affiche, puis exportez de nouveau.",
        "- Contacts > Import > 'File from computer'; one file, one object (for the deals "
        "file: multiple objects, deals + contacts + companies, to associate them).\n"
        "- Date format: year-month-day (YYYY-MM-DD).\n"
        "- Encoding: UTF-8 (comma as the delimiter).\n"
        "- Duplicates: map the '… salespipe ID' columns to the unique properties created in "
        "step 1; HubSpot then updates instead of creating.\n"
        "- Pipeline and stage: the default pipeline's internal IDs (`default`, "
        "`appointmentscheduled`…), the same in every account and language. HubSpot's "
        "documentation does not say whether the import takes them or wants the labels; it "
        "says the first 1,000 rows are checked when you map the columns, before importing. "
        "If it then flags invalid values in Pipeline or Deal stage, nothing is imported: in "
        "stage_map.csv, replace `default` with the pipeline's name (crm_pipelines column) "
        "and each stage with its label (crm_stages column), as your HubSpot shows them, "
        "then export again.",
    ),
    "crm.guide.options.pipedrive": (
        "- Paramètres > Importer des données > depuis une feuille de calcul.\n"
        "- Format de date : AAAA-MM-JJ (sans ambiguïté) ; encodage UTF-8, virgule.\n"
        "- Doublons : Pipedrive ne dédoublonne pas les affaires. Au premier import, associez "
        "« … salespipe ID » au champ personnalisé salespipe ID ; pour les imports suivants, "
        "exportez les ID depuis Pipedrive (pipedrive_ids.csv, voir docs/crm_export.md) : "
        "la colonne « Pipedrive System ID - … » met alors à jour.\n"
        "- Propriétaire : le nom d'utilisateur Pipedrive de owners.csv (colonne crm_user).",
        "- Settings > Import data > from a spreadsheet.\n"
        "- Date format: YYYY-MM-DD (unambiguous); encoding UTF-8, comma.\n"
        "- Duplicates: Pipedrive does not deduplicate deals. On the first import, map "
        "'… salespipe ID' to the salespipe ID custom field; for later imports, export the IDs "
        "from Pipedrive (pipedrive_ids.csv, see docs/crm_export.md): the 'Pipedrive System ID "
        "- …' column then updates.\n"
        "- Owner: the Pipedrive user name of owners.csv (crm_user column).",
    ),
    "crm.guide.options.salesforce": (
        "- Outil : Data Loader ou `sf data upsert bulk` (Bulk API 2.0). L'assistant "
        "d'importation de données (Data Import Wizard) n'importe pas les opportunités.\n"
        "- Opération : Upsert, clé `Salespipe_Id__c` (champ External ID de l'étape 1).\n"
        "- Dates : AAAA-MM-JJ ; encodage UTF-8, virgule, fins de ligne LF.\n"
        "- Relations : les colonnes `Account.Salespipe_Id__c`, `Opportunity.Salespipe_Id__c`, "
        "`Contact.Salespipe_Id__c` désignent le parent par son ID salespipe ; `Owner.Email` "
        "le propriétaire par son e-mail.",
        "- Tool: Data Loader or `sf data upsert bulk` (Bulk API 2.0). The Data Import Wizard "
        "does not import opportunities.\n"
        "- Operation: Upsert, key `Salespipe_Id__c` (the External ID field of step 1).\n"
        "- Dates: YYYY-MM-DD; encoding UTF-8, comma, LF line ends.\n"
        "- Relations: the columns `Account.Salespipe_Id__c`, `Opportunity.Salespipe_Id__c`, "
        "`Contact.Salespipe_Id__c` name the parent by its salespipe ID; `Owner.Email` the "
        "owner by e-mail.",
    ),
    "crm.guide.options.odoo": (
        "- CRM > Pipeline (vue liste) > ⚙ > Importer des enregistrements ; Contacts pour les "
        "fichiers de sociétés et de contacts.\n"
        '- Encodage UTF-8, séparateur virgule, guillemet " ; format de date AAAA-MM-JJ.\n'
        "- Les en-têtes sont les noms techniques des champs : ils s'associent seuls, dans "
        "toutes les langues.\n"
        "- `lost_reason_id` et `source_id` : cochez l'option qui crée les valeurs manquantes "
        "(une raison de perte, une source qu'Odoo n'a pas encore), ou ne les importez pas "
        "(la raison de perte est aussi dans `description`).",
        "- CRM > Pipeline (list view) > ⚙ > Import records; Contacts for the company and "
        "contact files.\n"
        '- Encoding UTF-8, comma delimiter, " quote; date format YYYY-MM-DD.\n'
        "- The headers are the fields' technical names: they match by themselves, in every "
        "language.\n"
        "- `lost_reason_id` and `source_id`: tick the option that creates missing values (a "
        "lost reason, a source Odoo does not have yet), or leave them out (the lost reason is "
        "also in `description`).",
    ),
    "crm.guide.options.zoho": (
        "- Module (Comptes, Contacts, Affaires) > Importer > depuis un fichier.\n"
        "- Encodage : UTF-8 (« Character Encoding » dans les options avancées).\n"
        "- Format de date : MM/dd/yyyy (le format de ces fichiers).\n"
        "- Doublons : « Find duplicates using » = salespipe ID (le champ unique de l'étape 1), "
        "puis « Overwrite » pour mettre à jour. Sans ce champ, Zoho dédoublonne les affaires "
        "par leur nom et écraserait des affaires différentes de même nom.\n"
        "- Contact des affaires : la colonne Contact Name contient l'e-mail du contact, par "
        "lequel Zoho le retrouve ; importez les contacts avant les affaires.\n"
        "- Un fichier fait au plus 1 000 lignes (limite de l'édition gratuite ; --max-rows).",
        "- Module (Accounts, Contacts, Deals) > Import > from a file.\n"
        "- Encoding: UTF-8 ('Character Encoding' in the advanced options).\n"
        "- Date format: MM/dd/yyyy (the format of these files).\n"
        "- Duplicates: 'Find duplicates using' = salespipe ID (the unique field of step 1), "
        "then 'Overwrite' to update. Without it, Zoho finds duplicate deals by name and would "
        "overwrite different deals that share a name.\n"
        "- Deals' contact: the Contact Name column holds the contact's e-mail, by which Zoho "
        "finds the contact; import the contacts before the deals.\n"
        "- A file holds at most 1,000 rows (the Free edition's limit; --max-rows).",
    ),
    "crm.guide.options.generic": (
        "- UTF-8 sans BOM, virgule, dates AAAA-MM-JJ, montants au point décimal.",
        "- UTF-8 without BOM, comma, dates YYYY-MM-DD, amounts with a dot decimal.",
    ),
    # --- each CRM's steps after the order table (markdown) ------------------------------
    "crm.guide.steps.hubspot": (
        "Les tâches (`hubspot_tasks.csv`) ne peuvent pas être mises à jour par un import : "
        "importez-les une seule fois.",
        "Tasks (`hubspot_tasks.csv`) cannot be updated by an import: import them once.",
    ),
    "crm.guide.steps.pipedrive": (
        "`pipedrive_deals.csv` crée aussi les personnes et organisations de chaque ligne, et "
        "la prochaine relance des affaires que Pipedrive ne connaît pas encore. Après chaque "
        "import, exportez de nouveau les ID depuis Pipedrive dans `pipedrive_ids.csv`, sinon "
        "un nouvel import recréerait les affaires. Importez chaque relance une seule fois.",
        "`pipedrive_deals.csv` also creates each row's person and organization, and the next "
        "follow-up of deals Pipedrive does not know yet. After each import, export the IDs "
        "from Pipedrive into `pipedrive_ids.csv` again, or a later import would create the "
        "deals again. Import each follow-up once.",
    ),
    "crm.guide.steps.salesforce": (
        "Avec Salesforce CLI (`sf`, connecté à l'org par `sf org login web`), dans ce "
        "dossier :\n\n"
        "```sh\n"
        "sf data upsert bulk --sobject Account --file salesforce_accounts.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data upsert bulk --sobject Contact --file salesforce_contacts.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data upsert bulk --sobject Opportunity --file salesforce_opportunities.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data import bulk --sobject OpportunityContactRole --file "
        "salesforce_contact_roles.csv --line-ending LF --wait 10\n"
        "```\n\n"
        "Avec Data Loader : Upsert, objet, fichier, champ `Salespipe_Id__c` comme clé, "
        "« Create or edit a map » > Auto-Match, dans le même ordre ; les rôles de contact "
        "par Insert. Les rôles de contact n'ont pas d'ID externe : importez-les une seule "
        "fois. Essayez d'abord les fichiers `*_test.csv` (mêmes commandes, étape 3) ; un "
        "fichier découpé en parties (`…_1.csv`, `…_2.csv`) se charge partie par partie.",
        "With Salesforce CLI (`sf`, logged in to the org with `sf org login web`), in this "
        "folder:\n\n"
        "```sh\n"
        "sf data upsert bulk --sobject Account --file salesforce_accounts.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data upsert bulk --sobject Contact --file salesforce_contacts.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data upsert bulk --sobject Opportunity --file salesforce_opportunities.csv "
        "--external-id Salespipe_Id__c --line-ending LF --wait 10\n"
        "sf data import bulk --sobject OpportunityContactRole --file "
        "salesforce_contact_roles.csv --line-ending LF --wait 10\n"
        "```\n\n"
        "With Data Loader: Upsert, the object, the file, `Salespipe_Id__c` as the key, "
        "'Create or edit a map' > Auto-Match, in the same order; contact roles by Insert. "
        "Contact roles have no external ID: import them once. Try the `*_test.csv` files "
        "first (same commands, step 3); a file split into parts (`…_1.csv`, `…_2.csv`) loads "
        "part by part.",
    ),
    "crm.guide.steps.odoo": (
        "Les relances ne sont pas exportées (une activité Odoo demande l'ID de base de "
        "données de l'enregistrement) : voyez `salespipe report`.",
        "Follow-ups are not exported (an Odoo activity needs the record's database ID): see "
        "`salespipe report`.",
    ),
    "crm.guide.steps.zoho": (
        "Les relances sont dans la colonne Next Step des affaires.",
        "Follow-ups are in the deals' Next Step column.",
    ),
    "crm.guide.steps.generic": (
        "Ces fichiers ne sont propres à aucun CRM : associez chaque colonne au champ voulu.",
        "These files belong to no CRM: map each column to the field you want.",
    ),
}
