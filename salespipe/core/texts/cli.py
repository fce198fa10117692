"""Texts of the ``salespipe`` command itself: refused options and arguments, the lines that
say where a file was written, and the last line of a run that stops."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- options and arguments refused ---------------------------------------------------
    "cli_bad_date": (
        "pas une date : {value} (écrivez 2026-11-23 ou 23/11/2026)",
        "not a date: {value} (use 2026-11-23 or 23/11/2026)",
    ),
    "cli_date_out_of_range": (
        "date hors limites : {value} (salespipe lit les dates du {first} au {last})",
        "date out of range: {value} (salespipe reads dates from {first} to {last})",
    ),
    "cli_bad_amount": (
        "pas un montant : {value} (par ex. 250000 ou '250 000 €')",
        "not an amount: {value} (e.g. 250000 or '250 000 €')",
    ),
    "cli_amount_too_large": (
        "montant trop grand : {value} (au plus {limit})",
        "amount too large: {value} (at most {limit})",
    ),
    "cli_bad_mapping": (
        "impossible de lire la correspondance de colonnes {path} : {reason}",
        "cannot read mapping {path}: {reason}",
    ),
    "cli_sample_exists": (
        "{path} existe déjà ; ajoutez --force pour le remplacer par un nouvel exemple",
        "{path} already exists; pass --force to replace it with a new sample",
    ),
    "cli_template_not_xlsx": (
        "{path} : le modèle est un classeur .xlsx ; donnez un nom en .xlsx (Excel l'ouvre, "
        "LibreOffice et Google Sheets aussi), ou en .xlsm avec --xlsm pour le classeur à "
        "macros",
        "{path}: the template is an .xlsx workbook; give a name ending in .xlsx (Excel, "
        "LibreOffice and Google Sheets open it), or .xlsm with --xlsm for the macro-enabled "
        "workbook",
    ),
    "cli_template_xlsm_needs_flag": (
        "{path} : un nom en .xlsm demande le classeur à macros ; ajoutez --xlsm (ou donnez "
        "un nom en .xlsx)",
        "{path}: an .xlsm name asks for the macro-enabled workbook; add --xlsm (or give a "
        "name ending in .xlsx)",
    ),
    "cli_template_not_xlsm": (
        "{path} : avec --xlsm le modèle est un classeur à macros, qu'Excel n'ouvre que "
        "sous un nom en .xlsm ; donnez un nom en .xlsm",
        "{path}: with --xlsm the template is a macro-enabled workbook, which Excel opens "
        "only under an .xlsm name; give a name ending in .xlsm",
    ),
    "cli_file_exists": (
        "{path} existe déjà ; ajoutez --force pour le remplacer",
        "{path} already exists; pass --force to replace it",
    ),
    "cli_folder_not_file": (
        "{path} est un dossier, pas un fichier",
        "{path} is a folder, not a file",
    ),
    "cli_export_no_source": (
        "indiquez SOURCE : un classeur, ou l'URL ou la clé d'un classeur Google",
        "give SOURCE: a workbook, or a Google spreadsheet's URL or key",
    ),
    "cli_export_config_not_google": (
        "indiquez SOURCE, ou un --config qui nomme un classeur Google",
        "give SOURCE, or a --config naming a Google spreadsheet",
    ),
    "cli_sync_no_source": (
        "indiquez un CLASSEUR, ou un --config qui nomme un classeur Google",
        "give a WORKBOOK, or a --config naming a Google spreadsheet",
    ),
    "cli_sync_as_of_every": (
        "--as-of fixe la date d'une exécution ; il ne va pas avec --every",
        "--as-of fixes the date of a run; it cannot go with --every",
    ),
    # --- progress on a terminal (salespipe.cli.progress) -------------------------------------
    # --- -v, --verbose: what was read, on stderr ---------------------------------------
    "verbose.step": ("{step} : {seconds} s", "{step}: {seconds} s"),
    "verbose.table": (
        "Feuille « {sheet} » ({kind}) : {columns}",
        "Sheet '{sheet}' ({kind}): {columns}",
    ),
    "verbose.column": ("{header} → {field}", "{header} → {field}"),
    "verbose.ignored": (
        "Feuille « {sheet} » : colonnes non lues : {columns}",
        "Sheet '{sheet}': columns not read: {columns}",
    ),
    "verbose.config": ("Configuration : {path}", "Configuration: {path}"),
    "verbose.kind.deals": ("pipeline", "pipeline"),
    "verbose.kind.stages": ("étapes", "stages"),
    "verbose.kind.actions": ("plan d'actions", "action plan"),
    "progress_read": ("Lecture de {file}", "Reading {file}"),
    "progress_parse": ("Vérification des lignes", "Checking the rows"),
    "progress_compute": ("Calcul des indicateurs", "Computing the figures"),
    "progress_render": ("Mise en forme du rapport", "Laying out the report"),
    "progress_write": ("Écriture de {path}", "Writing {path}"),
    "progress_plan": ("Préparation des fichiers d'import", "Preparing the import files"),
    "progress_write_files": ("Écriture des fichiers dans {path}", "Writing the files to {path}"),
    # --- what was written, and how a run stopped -----------------------------------------
    "cli_report_written": ("Rapport écrit dans {path}", "Report written to {path}"),
    "cli_sample_written": (
        "Classeur d'exemple écrit dans {path}",
        "Sample workbook written to {path}",
    ),
    "cli_template_written": ("Modèle écrit dans {path}", "Template written to {path}"),
    "cli_managed_tabs_written": (
        "Onglets gérés écrits dans {path}",
        "Managed tabs written to {path}",
    ),
    "cli_aborted": ("Interrompu.", "Aborted."),
    "cli_error": ("Erreur : {message}", "Error: {message}"),
    "cli_bug_inline": (
        "erreur inattendue ({kind} : {detail}) ; c'est un bogue de salespipe, merci de le signaler",
        "unexpected error ({kind}: {detail}); this is a bug in salespipe, please report it",
    ),
    "cli_missing_extra": (
        "Cette commande a besoin de {module}, qui n'est pas installé : "
        'pip install "salespipe[{extra}]"',
        'This command needs {module}, which is not installed: pip install "salespipe[{extra}]"',
    ),
    "cli_bug": (
        "Erreur inattendue ({kind} : {detail}). C'est un bogue de salespipe ; merci de le "
        "signaler. Relancez avec SALESPIPE_DEBUG=1 pour voir le détail.",
        "Unexpected error ({kind}: {detail}). This is a bug in salespipe; please report it. "
        "Run again with SALESPIPE_DEBUG=1 to see the details.",
    ),
    # --- salespipe init: the Google Sheets set-up ---------------------------------------
    # after a question, before the answer: French puts a space before the colon
    "cli_prompt_suffix": (" : ", ": "),
    "cli_init_ask_spreadsheet": (
        "Adresse du classeur Google (copiez-la depuis la barre d'adresse du navigateur)",
        "Address of the Google spreadsheet (copy it from the browser's address bar)",
    ),
    "cli_init_ask_sign_in": (
        "Connexion à Google : 1 = la clé d'un compte de service (un serveur, une équipe), "
        "2 = votre propre compte Google",
        "Signing in to Google: 1 = a service account's key (a server, a team), 2 = your own "
        "Google account",
    ),
    "cli_init_ask_key": (
        "Fichier de la clé JSON du compte de service",
        "The service account's JSON key file",
    ),
    "cli_init_ask_client": (
        "Fichier du client OAuth (client_secret_….json)",
        "The OAuth client file (client_secret_….json)",
    ),
    "cli_init_bad_way": (
        "« {value} » : répondez 1 (la clé d'un compte de service) ou 2 (votre compte Google)",
        "'{value}': answer 1 (a service account's key) or 2 (your own Google account)",
    ),
    "cli_init_two_ways": (
        "--service-account et --oauth-client s'excluent : choisissez une façon de se connecter",
        "--service-account and --oauth-client exclude each other: choose one way to sign in",
    ),
    "cli_init_share": (
        "Partagez le classeur avec {account} : ouvrez-le, cliquez sur « Partager », ajoutez "
        "cette adresse comme « Éditeur ».",
        "Share the spreadsheet with {account}: open it, click 'Share', add this address as "
        "an 'Editor'.",
    ),
    "cli_init_console_link": (
        "Ouvrez ce lien dans un navigateur, sur n'importe quel ordinateur, connectez-vous et "
        "cliquez sur « Autoriser » :\n\n{url}\n\nLe navigateur arrive ensuite sur une page "
        "http://localhost… qui ne s'affiche pas : c'est normal, copiez son adresse.",
        "Open this link in a browser, on any computer, sign in and click 'Allow':\n\n{url}"
        "\n\nThe browser then reaches a page http://localhost… that does not load: that is "
        "expected, copy its address.",
    ),
    "cli_init_console_paste": (
        "Collez ici l'adresse complète de cette page",
        "Paste the whole address of that page here",
    ),
    "cli_init_signed_in": (
        "Connecté avec votre compte Google ; jeton enregistré dans {path} (lisible par vous seul).",
        "Signed in with your Google account; token stored in {path} (readable by you only).",
    ),
    "cli_init_token_replaced": (
        "Le jeton précédent de {path} est remplacé : les configurations qui s'en servent "
        "passent à ce compte Google.",
        "The previous token in {path} is replaced: the configurations that use it switch to "
        "this Google account.",
    ),
    "cli_init_written": ("Configuration écrite : {path}", "Configuration written: {path}"),
    "cli_init_checking": (
        "Vérification (salespipe check --config {path}) :",
        "Checking (salespipe check --config {path}):",
    ),
    "cli_init_not_yet": (
        "La configuration est écrite, mais la synchronisation ne peut pas encore se faire : "
        "faites ce qui est dit ci-dessus, puis « salespipe check --config {path} ».",
        "The configuration is written, but the sync cannot run yet: do what is said above, "
        "then 'salespipe check --config {path}'.",
    ),
    "cli_init_ready": (
        "Prêt : salespipe sync --config {path}",
        "Ready: salespipe sync --config {path}",
    ),
}
