"""The ``--help`` of every command, in French and English.

Each English text is the ``help=`` (or the docstring) of the command or option as written
in ``salespipe/cli``: :mod:`salespipe.cli.help` shows the French one in its place when
the command speaks French (tests/cli/test_help.py checks that every help text has its
entry here). The headings click writes (« Usage », « Options », « Commandes ») too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- headings -----------------------------------------------------------------------
    "help.heading.usage": ("Utilisation : ", "Usage: "),
    "help.heading.options": ("Options", "Options"),
    "help.heading.commands": ("Commandes", "Commands"),
    "help.heading.arguments": ("Arguments", "Arguments"),
    # --- the group ----------------------------------------------------------------------
    "help.salespipe": (
        "salespipe : prévisions, entonnoir, relances et exports CRM depuis votre tableur "
        "commercial.",
        "salespipe: forecasts, funnel, follow-ups and CRM exports from your sales spreadsheet.",
    ),
    "help.version": ("Affiche la version et s'arrête.", "Show the version and exit."),
    "help.help": ("Affiche cette aide et s'arrête.", "Show this message and exit."),
    # --- report and demo ----------------------------------------------------------------
    "help.report": (
        "Rapport sur WORKBOOK (.xlsx, .xlsm, .xls, .ods ou .csv) ; le fichier n'est jamais "
        "modifié.",
        "Report on WORKBOOK (.xlsx, .xlsm, .xls, .ods or .csv); the file is never modified.",
    ),
    "help.demo": (
        "Crée un classeur d'exemple réaliste (cellules mal saisies comprises) et en fait le "
        "rapport.",
        "Build a realistic sample workbook (messy cells included) and report on it.",
    ),
    "help.report.as_of": (
        "Date du rapport (par défaut : aujourd'hui).",
        "Date of the report (default: today).",
    ),
    "help.report.format": (
        "Tableau de bord dans le terminal, JSON avec chaque chiffre et chaque problème, ou "
        "classeur de rapport.",
        "Terminal dashboard, JSON with every figure and issue, or a report workbook.",
    ),
    "help.report.output": (
        "Écrit le rapport dans ce fichier au lieu du terminal.",
        "Write the report to this file instead of the terminal.",
    ),
    "help.target": (
        "Objectif de chiffre d'affaires de la période, par ex. 250000.",
        "Revenue target for the period, e.g. 250000.",
    ),
    "help.report.period": (
        "Période de la prévision et de l'objectif en tête du rapport.",
        "Period of the headline forecast and target.",
    ),
    "help.report.lang": (
        "Langue des libellés et des messages de qualité (par défaut : SALESPIPE_LANG, sinon "
        "la langue du système, sinon fr).",
        "Language of labels and data-quality messages (default: SALESPIPE_LANG, else the "
        "locale, else fr).",
    ),
    "help.report.full": (
        "Liste toutes les lignes de chaque section (sortie texte).",
        "List every row of every section in text output.",
    ),
    "help.report.max_touches": (
        "Nombre de relances après lequel une affaire passe en nurturing marketing.",
        "Follow-ups after which a deal goes to marketing nurture.",
    ),
    "help.report.mapping": (
        'Fichier TOML qui nomme vos colonnes : [deals] amount = "CA estimé".',
        'TOML file naming your columns: [deals] amount = "CA estimé".',
    ),
    "help.sheet": (
        "Nom de la feuille du pipeline (par défaut : trouvée par son nom ou son contenu).",
        "Name of the pipeline sheet (default: found).",
    ),
    "help.verbose": (
        "Dit sur stderr ce qui a été lu (feuilles, colonnes reconnues et non lues) et le "
        "temps de chaque étape.",
        "Tell on stderr what was read (sheets, columns recognised and not read) and the "
        "time of each step.",
    ),
    "help.quiet": (
        "N'affiche aucune progression sur stderr (affichée sur un terminal seulement).",
        "Show no progress on stderr (shown on a terminal only).",
    ),
    "help.demo.path": (
        "Où écrire le classeur d'exemple.",
        "Where to write the sample workbook.",
    ),
    "help.demo.force": (
        "Remplace le classeur d'exemple s'il existe.",
        "Replace the sample workbook if it exists.",
    ),
    "help.demo.workbook_lang": (
        "Langue des feuilles et des en-têtes du classeur d'exemple.",
        "Language of the sample workbook's sheets and headers.",
    ),
    # --- export ---------------------------------------------------------------------------
    "help.export": (
        "Exporte SOURCE (un classeur, ou l'URL ou la clé d'une feuille Google) dans les "
        "fichiers CSV que prend l'assistant d'import du CRM.",
        "Export SOURCE (a workbook, or a Google spreadsheet's URL or key) as the CSV files\n"
        "CRM's import wizard takes.",
    ),
    "help.export.crm": ("CRM visé.", "Target CRM."),
    "help.export.format": (
        "Le résumé sur stdout : texte, ou JSON pour un script.",
        "The summary on stdout: text, or JSON for a script.",
    ),
    "help.export.out_dir": (
        "Dossier des fichiers d'import (créé si besoin).",
        "Folder for the import files (created if needed).",
    ),
    "help.export.check": (
        "Liste les problèmes bloquants et ce qui serait écrit ; n'écrit rien.",
        "List blocking problems and what would be written; write nothing.",
    ),
    "help.export.as_of": (
        "Date de l'export : relances, dates de clôture par défaut.",
        "Date of the export: follow-ups, default close dates.",
    ),
    "help.export.stage_map": (
        "Fichier de correspondance des étapes (par défaut : OUTPUT/stage_map.csv).",
        "Stage map file (default: OUTPUT/stage_map.csv).",
    ),
    "help.export.owners": (
        "Fichier des commerciaux (par défaut : OUTPUT/owners.csv).",
        "Owner map file (default: OUTPUT/owners.csv).",
    ),
    "help.export.max_rows": (
        "Découpe les fichiers au-delà de ce nombre de lignes.",
        "Split files above this many rows.",
    ),
    "help.export.lang": (
        "Langue du résumé, du guide d'import, des messages des rejets et avertissements et "
        "des sujets de tâches (par défaut : SALESPIPE_LANG, la langue du système, sinon "
        "français).",
        "Language of the summary, the import guide, rejects/warnings messages and task "
        "subjects (default: SALESPIPE_LANG, the locale, else French).",
    ),
    "help.export.mapping": (
        "Fichier TOML qui nomme vos colonnes, comme pour report.",
        "TOML file naming your columns, as for report.",
    ),
    "help.export.config": (
        "La configuration de la synchronisation (TOML) : SOURCE est par défaut sa feuille "
        "Google, avec ses identifiants, ses onglets et sa correspondance de colonnes.",
        "The sync configuration (TOML): SOURCE defaults to its spreadsheet, with its "
        "credentials, tabs and column mapping.",
    ),
    "help.export.credentials": (
        "Fichier JSON d'un compte de service ou d'un utilisateur OAuth, pour une SOURCE "
        "Google Sheets.",
        "Service-account or OAuth-user JSON file, for a Google Sheets SOURCE.",
    ),
    "help.export.crm_ids": (
        "Pipedrive seulement : un fichier exporté de Pipedrive avec ses colonnes ID et ID "
        "salespipe (affaires ; répéter pour personnes, organisations) ; les imports suivants "
        "mettent alors ces fiches à jour au lieu de les dupliquer (par défaut : "
        "OUTPUT/pipedrive_ids*.csv).",
        "Pipedrive only: a file exported from Pipedrive with its ID and salespipe ID "
        "columns (deals; repeat for people, organizations); re-imports then update those "
        "records instead of duplicating them (default: OUTPUT/pipedrive_ids*.csv).",
    ),
    # --- sync and check -------------------------------------------------------------------
    "help.sync": (
        "Synchronise une feuille Google (configurée) ou un classeur WORKBOOK local, dont les "
        "onglets gérés vont dans un classeur à part (l'entrée n'est jamais modifiée) : une "
        "fois, ou --every intervalle ou cron.",
        "Sync a Google spreadsheet (configured) or a local WORKBOOK, whose managed tabs go to\n"
        "a separate workbook (the input is never modified): once, or --every interval or cron.",
    ),
    "help.check": (
        "Vérifie la configuration de la synchronisation sans rien écrire : la feuille (ou "
        "WORKBOOK) est joignable, quels onglets une synchronisation lirait et écrirait, ou "
        "pourquoi elle ne le peut pas (API non activée, feuille non partagée, portée "
        "manquante, feuille inconnue, clé ou connexion refusée, pas de réseau). Code 1 si une "
        "feuille ne peut pas être synchronisée.",
        "Check the sync's set-up without writing anything: the spreadsheet (or WORKBOOK) is "
        "reachable, which tabs a sync would read and write, or why it cannot (API not "
        "enabled, not shared, missing scope, unknown spreadsheet, key or sign-in refused, no "
        "network). Exit 1 if one cannot sync.",
    ),
    "help.sync.config": (
        "Fichier TOML avec une table [sync] (feuille, identifiants, onglets…) ; par défaut "
        "sync.toml du dossier courant, s'il y en a un.",
        "TOML file with a [sync] table (spreadsheet, credentials, tabs...); default: "
        "sync.toml in the working directory, if there is one.",
    ),
    "help.check.lang": (
        "Langue des lignes (par défaut : celle de la synchronisation, fr).",
        "Language of the lines (default: the sync's, fr).",
    ),
    "help.sync.output": (
        "Mode local : classeur des onglets gérés (par défaut : WORKBOOK-salespipe.xlsx).",
        "Local mode: workbook for the managed tabs (default: WORKBOOK-salespipe.xlsx).",
    ),
    "help.sync.as_of": (
        "Date de l'exécution (par défaut : aujourd'hui).",
        "Date of the run (default: today).",
    ),
    "help.sync.period": (
        "Période de la prévision et de l'objectif (par défaut : trimestre).",
        "Period of the headline forecast and target (default: quarter).",
    ),
    "help.sync.lang": (
        "Langue des onglets gérés (par défaut : fr).",
        "Language of the managed tabs (default: fr).",
    ),
    "help.sync.sheet": (
        "Nom de l'onglet du pipeline (par défaut : pipeline_tab de la configuration, sinon "
        "« Pipeline », sinon trouvé par son contenu).",
        "Name of the pipeline tab (default: the configuration's pipeline_tab, else "
        "Pipeline, else found by its content).",
    ),
    "help.sync.format": (
        "Une ligne par exécution sur stdout : texte, ou JSON (un objet par exécution).",
        "One line per run on stdout: text, or JSON (one object per run).",
    ),
    "help.sync.mapping": (
        "Correspondance de colonnes TOML, comme pour `salespipe report --mapping`.",
        "TOML column mapping, as for `salespipe report --mapping`.",
    ),
    "help.sync.history": (
        "Fichier d'historique SQLite (par défaut : history.sqlite dans votre dossier de données).",
        "SQLite history file (default: history.sqlite in your data directory).",
    ),
    "help.sync.no_history": (
        "N'enregistre ni n'affiche l'historique.",
        "Neither record nor show the history.",
    ),
    "help.sync.every": (
        "Tourne en continu : un intervalle (15m, 1h, 1h30m) ou une expression cron "
        "('0 8-18 * * 1-5').",
        "Keep running: an interval (15m, 1h, 1h30m) or a cron expression ('0 8-18 * * 1-5').",
    ),
    "help.sync.progress": (
        "Affiche chaque étape d'une exécution sur stderr (par défaut : quand stderr est un "
        "terminal).",
        "Show each step of a run on stderr (default: when stderr is a terminal).",
    ),
    # --- init -----------------------------------------------------------------------------
    "help.init": (
        "Met en place la synchronisation Google Sheets : demande la feuille et la façon de "
        "se connecter (la clé d'un compte de service, ou votre propre compte Google), écrit "
        "un sync.toml commenté, dit avec quelle adresse partager la feuille, puis vérifie la "
        "configuration.",
        "Set up the Google Sheets sync: ask the spreadsheet and how to sign in (a service "
        "account's key, or your own Google account), write a commented sync.toml, say which "
        "address to share the spreadsheet with, then check the set-up.",
    ),
    "help.init.config": (
        "Le fichier de configuration à écrire.",
        "The configuration file to write.",
    ),
    "help.init.spreadsheet": (
        "L'adresse (URL) ou la clé de la feuille (demandée si absente).",
        "The spreadsheet's address (URL) or key (asked if absent).",
    ),
    "help.init.service_account": (
        "Se connecter avec le fichier de clé JSON de ce compte de service.",
        "Sign in with this service account's JSON key file.",
    ),
    "help.init.oauth_client": (
        "Se connecter avec votre propre compte Google, par ce fichier de client OAuth "
        '(« Application de bureau », {"installed": …}).',
        "Sign in with your own Google account, through this OAuth client file (« Desktop "
        'app », {"installed": …}).',
    ),
    "help.init.token": (
        "Où garder le jeton OAuth (par défaut : google-token-<clé du classeur>.json dans le "
        "dossier de salespipe de votre dossier de configuration). Un fichier existant n'est "
        "remplacé que si c'est un tel jeton.",
        "Where to store the OAuth token (default: google-token-<spreadsheet key>.json in "
        "salespipe's folder of your configuration directory). An existing file is replaced "
        "only if it is such a token.",
    ),
    "help.init.console": (
        "OAuth sur un ordinateur sans navigateur : ouvrez le lien affiché n'importe où, puis "
        "collez l'adresse où le navigateur arrive.",
        "OAuth on a computer without a browser: open the link shown anywhere, paste back the "
        "address the browser ends on.",
    ),
    "help.init.no_check": (
        "Ne lance pas `salespipe check` à la fin.",
        "Do not run `salespipe check` at the end.",
    ),
    "help.init.lang": (
        "Langue de la synchronisation et de ces lignes (par défaut : fr).",
        "Language of the sync and of these lines (default: fr).",
    ),
    "help.init.force": (
        "Remplace le fichier de configuration s'il existe.",
        "Replace the configuration file if it exists.",
    ),
    # --- template -------------------------------------------------------------------------
    "help.template": (
        "Écrit le classeur prêt à l'emploi : pipeline, étapes, plan d'actions, relances, "
        "tableau de bord.",
        "Write the ready-made workbook: pipeline, stages, action plan, follow-ups, dashboard.",
    ),
    "help.template.output": (
        "Où écrire le classeur  [par défaut : action_plan.xlsx, action_plan.xlsm avec --xlsm].",
        "Where to write the workbook  [default: action_plan.xlsx, action_plan.xlsm with --xlsm].",
    ),
    "help.template.xlsm": (
        "Classeur avec macros pour les fonctions Excel sous Windows (il faut xlwings) : le "
        "projet VBA du quickstart de xlwings, UDF Modules = xlplugin.udfs.",
        "Macro-enabled workbook for the Excel functions on Windows (needs xlwings): xlwings' "
        "quickstart VBA project, UDF Modules = xlplugin.udfs.",
    ),
    "help.template.lang": (
        "Langue des noms de feuilles, des en-têtes et des libellés.",
        "Language of sheet names, headers and labels.",
    ),
    "help.template.sample": (
        "Le remplit avec les données de l'entreprise de démonstration.",
        "Fill it with the demo company's data.",
    ),
    "help.template.as_of": (
        "Jour autour duquel l'exemple est daté (par défaut : aujourd'hui).",
        "Day the sample is dated around (default: today).",
    ),
    "help.template.force": ("Remplace FILE s'il existe.", "Replace FILE if it exists."),
}
