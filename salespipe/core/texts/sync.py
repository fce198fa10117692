"""Texts of the sync and its settings: the errors that stop a Google Sheets or local sync
(none of them ever contains a credential: private key, client secret, refresh or access
token), of the settings, the schedule, the run lock and the history file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- Google Sheets ----------------------------------------------------------------
    "sheets_not_shared": (
        "Le classeur Google {key} n'est pas partagé avec {account} : ouvrez-le, cliquez sur "
        "« Partager » et ajoutez {account} comme éditeur.",
        "The Google spreadsheet {key} is not shared with {account}: open it, click 'Share' "
        "and add {account} as an editor.",
    ),
    "sheets_not_found": (
        "Classeur Google introuvable : {key}. Vérifiez la clé ou l'URL du classeur.",
        "Google spreadsheet not found: {key}. Check the spreadsheet key or URL.",
    ),
    "sheets_bad_url": (
        "« {value} » n'est ni une clé ni une URL de classeur Google "
        "(https://docs.google.com/spreadsheets/d/…)",
        "'{value}' is neither a Google spreadsheet key nor URL "
        "(https://docs.google.com/spreadsheets/d/…)",
    ),
    "sheets_scope": (
        "Les identifiants de {account} n'ont pas l'autorisation d'accès aux feuilles de "
        "calcul (portée {scope}).",
        "The credentials of {account} lack access to spreadsheets (scope {scope}).",
    ),
    "sheets_credentials_refused": (
        "Google a refusé les identifiants de {account} ({reason}). Vérifiez que la clé du "
        "compte existe toujours, ou autorisez à nouveau l'accès.",
        "Google refused the credentials of {account} ({reason}). Check that the account's "
        "key still exists, or authorise access again.",
    ),
    "sheets_credentials_file": (
        "Fichier d'identifiants Google inutilisable : {path} ({reason}). Attendu : le JSON "
        "d'un compte de service ou d'un utilisateur OAuth.",
        "Unusable Google credentials file: {path} ({reason}). Expected: the JSON of a "
        "service account or of an OAuth user.",
    ),
    "sheets_credentials_client_file": (
        "{path} est le fichier d'un client OAuth (« {kind} »), pas une autorisation : lancez "
        "« salespipe init --oauth-client {path} » pour vous connecter avec votre compte "
        "Google ; la synchronisation utilisera le jeton qu'il enregistre.",
        "{path} is an OAuth client file ('{kind}'), not an authorisation: run "
        "'salespipe init --oauth-client {path}' to sign in with your Google account; the "
        "sync will use the token it stores.",
    ),
    "sheets_oauth_revoked": (
        "L'autorisation donnée par {account} a expiré ou a été retirée ({reason}) : "
        "reconnectez-vous avec « salespipe init --oauth-client FICHIER_CLIENT.json » (le "
        "fichier du client OAuth de votre projet Google Cloud).",
        "The authorisation given by {account} has expired or was revoked ({reason}): sign "
        "in again with 'salespipe init --oauth-client CLIENT_FILE.json' (the OAuth client "
        "file of your Google Cloud project).",
    ),
    "sheets_key_refused": (
        "Google refuse la clé du compte de service {account} ({reason}) : la clé a été "
        "supprimée ou remplacée, ou le compte désactivé. Dans la console Google Cloud, "
        "« IAM et administration » > « Comptes de service » > ce compte > « Clés » > "
        "« Ajouter une clé » (JSON), puis indiquez le nouveau fichier (réglage "
        "« credentials »).",
        "Google refuses the key of the service account {account} ({reason}): the key was "
        "deleted or replaced, or the account disabled. In the Google Cloud console, 'IAM & "
        "Admin' > 'Service accounts' > that account > 'Keys' > 'Add key' (JSON), then give "
        "the new file (setting 'credentials').",
    ),
    "sheets_network": (
        "Google est injoignable depuis cet ordinateur ({host} : {reason}) : {attempts} "
        "tentatives en {seconds} s. Vérifiez la connexion à Internet (ou le proxy, le "
        "pare-feu), puis relancez.",
        "Google cannot be reached from this computer ({host}: {reason}): {attempts} attempts "
        "in {seconds} s. Check the Internet connection (or the proxy, the firewall), then "
        "run again.",
    ),
    # --- signing in with a person's own Google account (sheets_sync.google.oauth)
    "oauth_client_file": (
        "Fichier de client OAuth inutilisable : {path} ({reason}). Attendu : le JSON "
        "téléchargé depuis la console Google Cloud pour un client OAuth de type "
        '« Application de bureau » (il commence par {{"installed": …).',
        "Unusable OAuth client file: {path} ({reason}). Expected: the JSON downloaded from "
        "the Google Cloud console for an OAuth client of type 'Desktop app' (it starts with "
        '{{"installed": …).',
    ),
    "oauth.client.is_key": (
        "c'est la clé d'un compte de service : donnez-la avec --service-account",
        "it is a service account's key: give it with --service-account",
    ),
    "oauth.client.not_installed": (
        "client de type « {kind} » ; créez un client « Application de bureau »",
        "a '{kind}' client; create a 'Desktop app' client",
    ),
    "oauth.client.missing": ("champs manquants : {fields}", "fields missing: {fields}"),
    "oauth.browser_prompt": (
        "Connexion à Google : autorisez salespipe dans la page ouverte par votre navigateur "
        "(sinon, ouvrez ce lien) :",
        "Google sign-in: allow salespipe in the page your browser opened (or open this link):",
    ),
    "oauth.success_page": (
        "salespipe est autorisé à modifier vos feuilles de calcul Google. Vous pouvez fermer "
        "cette page.",
        "salespipe may now edit your Google spreadsheets. You can close this page.",
    ),
    "oauth.browser_timeout": (
        "pas de réponse dans la page de Google en {duration}",
        "no answer on Google's page within {duration}",
    ),
    "oauth.no_refresh_token": (
        "Google n'a pas donné de jeton d'actualisation",
        "Google gave no refresh token",
    ),
    "oauth_not_signed_in": (
        "Connexion à Google non aboutie ({reason}) : rien n'a été enregistré. Relancez "
        "« salespipe init » et cliquez sur « Autoriser » dans la page de Google.",
        "Google sign-in not completed ({reason}): nothing was stored. Run 'salespipe init' "
        "again and click 'Allow' on Google's page.",
    ),
    "oauth_no_browser": (
        "Aucun navigateur ne s'ouvre sur cet ordinateur (un serveur ?) : relancez avec "
        "« salespipe init --console » pour ouvrir le lien sur un autre ordinateur.",
        "No browser opens on this computer (a server?): run 'salespipe init --console' "
        "again to open the link on another computer.",
    ),
    "oauth_state_mismatch": (
        "L'adresse collée ne vient pas de cette connexion (son paramètre « state » diffère) : "
        "recommencez avec le lien affiché cette fois-ci.",
        "The pasted address does not come from this sign-in (its 'state' differs): start "
        "again with the link shown this time.",
    ),
    "oauth_token_path_taken": (
        "{path} existe et n'est pas un jeton de compte Google enregistré par salespipe : "
        "salespipe ne le remplace pas. Donnez à --token un autre nom de fichier.",
        "{path} exists and is not a Google account token salespipe stored: salespipe does "
        "not replace it. Give --token another file name.",
    ),
    "oauth_no_code": (
        "Pas de code d'autorisation dans « {value} » : collez l'adresse complète de la page "
        "où le navigateur est arrivé après « Autoriser » (elle commence par "
        "http://localhost).",
        "No authorisation code in '{value}': paste the whole address of the page the browser "
        "reached after 'Allow' (it starts with http://localhost).",
    ),
    "sheets_token_unavailable": (
        "Le service de connexion de Google ne répond pas correctement ({reason}) après "
        "{attempts} tentatives : un incident du côté de Google, vos identifiants ne sont pas "
        "en cause ; réessayez plus tard.",
        "Google's sign-in service did not answer properly ({reason}) after {attempts} "
        "attempts: a problem on Google's side, not with your credentials; try again later.",
    ),
    "sheets_unavailable": (
        "Google Sheets ne répond pas correctement ({reason}) après {attempts} tentatives ; "
        "réessayez plus tard.",
        "Google Sheets did not answer properly ({reason}) after {attempts} attempts; try "
        "again later.",
    ),
    "sheets_api_disabled": (
        "L'API Google Sheets n'est pas activée dans le projet Google Cloud {project} de ces "
        "identifiants : ouvrez {url}, cliquez sur « Activer », attendez quelques minutes puis "
        "relancez.",
        "The Google Sheets API is not enabled in the Google Cloud project {project} of these "
        "credentials: open {url}, click 'Enable', wait a few minutes and run again.",
    ),
    "sheets_quota": (
        "Quota de requêtes Google Sheets dépassé ({reason}) après {attempts} tentatives ; le "
        "quota se compte par minute : relancez dans une minute ou espacez les "
        "synchronisations.",
        "Google Sheets request quota exceeded ({reason}) after {attempts} attempts; the quota "
        "is counted per minute: run again in a minute or sync less often.",
    ),
    # --- the one line a sync run prints (sheets_sync.job.SyncReport.summary)
    "sync.summary": (
        "{source} : lu {read} ({deals} affaires, {issues} problèmes) ; écrit {written} "
        "({rows} lignes)",
        "{source}: read {read} ({deals} deals, {issues} issues); wrote {written} ({rows} rows)",
    ),
    "sync.summary_timed": ("{line} en {seconds} s", "{line} in {seconds} s"),
    "sync.history.started": (
        "historique commencé ({count} affaires)",
        "history started ({count} deals)",
    ),
    "sync.history.changed": (
        "historique : {count} affaire(s) changée(s)",
        "history: {count} deals changed",
    ),
    "sync.history.unchanged": ("historique : aucun changement", "history: no change"),
    "sync.history.future": (
        "historique non mis à jour : le {day} est après aujourd'hui",
        "history not updated: {day} is after today",
    ),
    "sync.history.past": (
        "historique non mis à jour : le {day} est avant sa dernière exécution ({last})",
        "history not updated: {day} is before its last run ({last})",
    ),
    # --- the sync.toml salespipe init writes (sheets_sync.config_file): its comments
    "init.toml.head": (
        "Réglages de « salespipe sync », écrits par « salespipe init » (docs/sync.md).",
        "Settings of 'salespipe sync', written by 'salespipe init' (docs/sync.md).",
    ),
    "init.toml.check": (
        "Vérifier sans rien écrire : salespipe check --config {config}",
        "Check without writing anything: salespipe check --config {config}",
    ),
    "init.toml.run": (
        "Synchroniser : salespipe sync --config {config} (--every 15m pour continuer)",
        "Sync: salespipe sync --config {config} (--every 15m to keep running)",
    ),
    "init.toml.spreadsheet": (
        "Le classeur Google : son adresse (URL) ou sa clé.",
        "The Google spreadsheet: its address (URL) or key.",
    ),
    "init.toml.key": (
        "La clé JSON du compte de service : gardez-la secrète (ni e-mail, ni dépôt git). Un "
        "chemin Windows reste entre apostrophes 'C:\\…' (ou s'écrit avec des /).",
        "The service account's JSON key: keep it secret (no e-mail, no git repository). A "
        "Windows path stays in single quotes 'C:\\…' (or is written with /).",
    ),
    "init.toml.token": (
        "Le jeton de votre compte Google enregistré par « salespipe init » (lisible par vous "
        "seul). Un chemin Windows reste entre apostrophes 'C:\\…' (ou s'écrit avec des /).",
        "Your Google account's token stored by 'salespipe init' (readable by you only). A "
        "Windows path stays in single quotes 'C:\\…' (or is written with /).",
    ),
    "init.toml.lang": (
        "Langue des onglets écrits et des messages : fr ou en.",
        "Language of the tabs written and of the messages: fr or en.",
    ),
    "init.toml.target": (
        "Objectif de chiffre d'affaires de la période (enlevez le # pour l'utiliser).",
        "Revenue target for the period (remove the # to use it).",
    ),
    "init.toml.period": (
        "Période des prévisions et de l'objectif : month, quarter ou year.",
        "Period of the forecast and the target: month, quarter or year.",
    ),
    "init.toml.tabs": (
        "L'onglet des affaires (sans lui : trouvé par son contenu) ; aussi stages_tab, "
        "actions_tab.",
        "The deals tab (without it: found by its content); also stages_tab, actions_tab.",
    ),
    "init.toml.history": (
        "false : ni historique, ni onglet « Historique ».",
        "false: no history, no 'History' tab.",
    ),
    # --- salespipe check: what a sync would read and write (sheets_sync.check)
    "check.reached": (
        "Accès en lecture : « {source} », {count} onglet(s).",
        "Read access: '{source}', {count} tab(s).",
    ),
    "check.account": (
        "Compte : {account} (la synchronisation écrit : partagez le classeur avec cette "
        "adresse comme éditeur).",
        "Account: {account} (the sync writes: share the spreadsheet with this address as an "
        "editor).",
    ),
    "check.pipeline": ("Affaires : onglet « {tab} ».", "Deals: tab '{tab}'."),
    "check.pipeline_search": (
        "Affaires : pas d'onglet « {tab} » ; le tableau des affaires sera cherché dans : {tabs}.",
        "Deals: no '{tab}' tab; the deals table will be looked for in: {tabs}.",
    ),
    "check.stages": ("Étapes : onglet « {tab} ».", "Stages: tab '{tab}'."),
    "check.no_stages": (
        "Étapes : aucun onglet ; les étapes par défaut serviront.",
        "Stages: no tab; the default stages will be used.",
    ),
    "check.actions": ("Plan d'actions : onglet « {tab} ».", "Action plan: tab '{tab}'."),
    "check.no_actions": ("Plan d'actions : aucun onglet.", "Action plan: no tab."),
    "check.managed": (
        "Onglets écrits par la synchronisation : {tabs}.",
        "Tabs the sync writes: {tabs}.",
    ),
    "check.managed_to": (
        "Onglets écrits par la synchronisation dans {path} (un classeur à part ; {source} "
        "n'est pas modifié) : {tabs}.",
        "Tabs the sync writes, to {path} (a separate workbook; {source} is not changed): {tabs}.",
    ),
    "sheets_refused": (
        "Google Sheets a refusé la requête {request} : {reason}",
        "Google Sheets refused the {request} request: {reason}",
    ),
    "sheets_tabs_changed": (
        "Les onglets du classeur « {title} » ont changé pendant la synchronisation : l'onglet "
        "« {name} » de salespipe a été supprimé pendant l'écriture, deux fois de suite. Rien "
        "n'a été écrit ; relancez la synchronisation quand personne ne réorganise les onglets.",
        "The tabs of the spreadsheet « {title} » changed during the sync: salespipe's tab "
        "« {name} » was deleted during the write, twice in a row. Nothing was written; run "
        "the sync again when nobody is rearranging the tabs.",
    ),
    "sheets_write_incomplete": (
        "L'écriture dans le classeur « {title} » s'est arrêtée après {done} envoi(s) sur "
        "{parts} : {reason} Les onglets de salespipe n'y sont écrits qu'en partie ; la "
        "prochaine synchronisation les relit et écrit ce qui manque.",
        "The write to the spreadsheet « {title} » stopped after {done} of {parts} batches: "
        "{reason} salespipe's tabs there are only partly written; the next sync reads them "
        "again and writes what is missing.",
    ),
    "sync.tab_deleted": (
        "l'onglet « {name} » de salespipe a été supprimé pendant l'écriture.",
        "salespipe's tab « {name} » was deleted during the write.",
    ),
    # An OAuth user's credentials do not name the account.
    "sync.default_account": (
        "le compte Google qui a autorisé salespipe",
        "the Google account that authorised salespipe",
    ),
    "sync.your_account": ("votre compte Google", "your Google account"),
    "sync.credentials.not_found": ("fichier introuvable", "file not found"),
    "sync.credentials.not_json": ("pas un fichier JSON lisible", "not a readable JSON file"),
    "sync.credentials.unreadable_key": (
        "clé de compte de service incomplète (champs manquants) ou illisible",
        "a service account key with fields missing, or unreadable",
    ),
    "sync.credentials.unreadable_token": (
        "jeton de compte Google incomplet (champs manquants) ou illisible",
        "a Google account token with fields missing, or unreadable",
    ),
    "sync.credentials.bad_type": (
        "type {kind} : ni une clé de compte de service (service_account) ni un jeton de "
        "compte Google (authorized_user)",
        "type {kind} is not service_account or authorized_user",
    ),
    "sync.network.timeout": ("pas de réponse en {seconds} s", "no answer within {seconds} s"),
    "sync.network.lost": ("connexion perdue", "connection lost"),
    "sync.network.refused": ("connexion impossible", "no connection"),
    # --- which spreadsheet, which tabs ------------------------------------------------
    "sync_no_credentials": (
        "{label} : un classeur Google est configuré mais aucun fichier d'identifiants "
        "(réglage « credentials » ou SALESPIPE_CREDENTIALS)",
        "{label}: a spreadsheet is configured but no credentials file (setting "
        "'credentials' or SALESPIPE_CREDENTIALS)",
    ),
    "sync_no_source": (
        "indiquez un CLASSEUR, ou une configuration qui nomme un classeur Google",
        "give a WORKBOOK, or a configuration naming a Google spreadsheet",
    ),
    "sync_which_spreadsheet": (
        "La configuration liste plusieurs classeurs ({listed}) : indiquez celui à exporter "
        "comme SOURCE (son URL ou sa clé)",
        "The configuration lists several spreadsheets ({listed}): give the one to export as "
        "SOURCE (its URL or key)",
    ),
    "sync_tab_is_read": (
        "Un onglet géré porte le nom d'un onglet que salespipe lit ({names}) ; les onglets de "
        "l'utilisateur ne sont jamais écrits : renommez l'onglet lu dans les réglages.",
        "A managed tab has the name of a tab salespipe reads ({names}); the user's tabs are "
        "never written: rename the input tab in the settings.",
    ),
    "sync_tab_names_clash": (
        "Les onglets gérés {other} et {kind} porteraient tous deux le nom « {name} » : "
        "donnez-leur des noms différents dans les réglages",
        "The managed tabs {other} and {kind} would both be named « {name} »: give them "
        "different names in the settings",
    ),
    "sync_foreign_tab": (
        "L'onglet « {name} » n'a pas été écrit par salespipe (sa première ligne est "
        "« {shown} ») ; salespipe ne l'écrase jamais : renommez cet onglet, ou donnez un autre "
        "nom à l'onglet géré dans les réglages (dashboard_tab, followups_tab, quality_tab, "
        "history_tab).",
        "The tab « {name} » was not written by salespipe (its first row is « {shown} »); "
        "salespipe never overwrites it: rename that tab, or give the managed tab another "
        "name in the settings (dashboard_tab, followups_tab, quality_tab, history_tab).",
    ),
    "sync.blank": ("vide", "blank"),
    # --- the steps of a run, for a progress display ----------------------------------
    "sync_step_retry": (
        "Google n'a pas répondu comme prévu ({reason}) : nouvelle tentative "
        "{attempt}/{attempts} dans {seconds} s",
        "Google did not answer as expected ({reason}): try {attempt}/{attempts} in {seconds} s",
    ),
    "sync_step_read": ("lecture de {tabs}", "reading {tabs}"),
    "sync_step_compute": (
        "calcul du rapport sur {rows} lignes",
        "computing the report on {rows} rows",
    ),
    "sync_step_history": (
        "enregistrement de l'historique dans {path}",
        "recording the history in {path}",
    ),
    "sync_step_write": ("écriture de {tabs} ({rows} lignes)", "writing {tabs} ({rows} rows)"),
    # --- settings (salespipe.settings) ------------------------------------------------
    "settings_use_load_all": (
        "{path} liste plusieurs classeurs ([[sync.spreadsheets]]) ; chargez-les avec "
        "load_all_settings",
        "{path} lists several spreadsheets ([[sync.spreadsheets]]); load them with "
        "load_all_settings",
    ),
    "settings_unknown": (
        "Réglage(s) de synchronisation inconnu(s){place} : {unknown} ; réglages connus : {known}",
        "Unknown sync setting(s){place}: {unknown}; known: {known}",
    ),
    "settings.place": (" dans {where}", " in {where}"),
    "settings_identity_given": (
        "{path} liste plusieurs classeurs : {given} ne peuvent pas être donnés aussi sur la "
        "ligne de commande ou dans l'environnement",
        "{path} lists several spreadsheets: {given} cannot be given on the command line or "
        "in the environment as well",
    ),
    "settings_identity_shared": (
        "{path} : {shared} se mettent dans chaque entrée [[sync.spreadsheets]], pas dans la "
        "table [sync] qu'elles partagent",
        "{path}: {shared} belong in each [[sync.spreadsheets]] entry, not in the [sync] "
        "table they all share",
    ),
    "settings_file_not_found": (
        "Fichier de configuration de la synchronisation introuvable : {path}",
        "Sync configuration file not found: {path}",
    ),
    "settings_windows_path": (
        "Impossible de lire la configuration {path} ({reason}) : un chemin Windows entre "
        "guillemets doubles y est lu comme des séquences d'échappement (\\U…). Écrivez-le "
        "entre apostrophes ('C:\\Users\\marie\\cle.json') ou avec des barres obliques "
        '("C:/Users/marie/cle.json").',
        "Cannot read the configuration {path} ({reason}): a Windows path in double quotes is "
        "read as escape sequences (\\U…). Write it in single quotes "
        "('C:\\Users\\marie\\key.json') or with forward slashes "
        '("C:/Users/marie/key.json").',
    ),
    "settings_file_unreadable": (
        "Impossible de lire la configuration de la synchronisation {path} : {reason}",
        "Cannot read the sync configuration {path}: {reason}",
    ),
    "settings_sync_not_a_table": (
        "{path} : [sync] doit être une table de réglages",
        "{path}: [sync] must be a table of settings",
    ),
    "settings_entries_not_tables": (
        "{path} : spreadsheets doit être une liste de tables [[sync.spreadsheets]]",
        "{path}: spreadsheets must be a list of [[sync.spreadsheets]] tables",
    ),
    "mapping_file_not_found": (
        "Fichier de correspondance de colonnes introuvable : {path}",
        "Column mapping file not found: {path}",
    ),
    "mapping_file_unreadable": (
        "Impossible de lire la correspondance de colonnes {path} : {reason}",
        "Cannot read the column mapping {path}: {reason}",
    ),
    "setting_not_one_of": (
        "Réglage {name} : {value} n'est pas parmi {choices}",
        "Setting {name}: {value} is not one of {choices}",
    ),
    "setting_not_text": (
        "Réglage {name} : texte attendu, reçu {value}",
        "Setting {name}: expected text, got {value}",
    ),
    "setting_not_a_flag": (
        "Réglage {name} : attendu true ou false, reçu {value}",
        "Setting {name}: expected true or false, got {value}",
    ),
    "setting_not_an_amount": (
        "Réglage {name} : pas un montant : {value}",
        "Setting {name}: not an amount: {value}",
    ),
    # --- the schedule of --every and the run lock -------------------------------------
    "sync.schedule.every": ("toutes les {step}", "every {step}"),
    "sync.schedule.cron": ("cron {expression}", "cron {expression}"),
    "sync.schedule.units": ("j h min s", "d h min s"),
    "sync.schedule.start": (
        "salespipe sync : {count} feuille(s), {schedule}",
        "salespipe sync: {count} spreadsheet(s), {schedule}",
    ),
    "sync.schedule.next_run": (
        "prochaine exécution à {at} ({schedule})",
        "next run at {at} ({schedule})",
    ),
    "sync.schedule.started": (
        "exécution {number} commencée à {time}",
        "run {number} started at {time}",
    ),
    "sync.schedule.failed": (
        "exécution {number} en échec : {error}",
        "run {number} failed: {error}",
    ),
    "sync.schedule.skipped": (
        "sautée : une exécution est encore en cours (verrou {path})",
        "skipped: a run is still in progress (lock {path})",
    ),
    "sync.schedule.skipped_one": (
        "{label} : sautée, une exécution est encore en cours",
        "{label}: skipped, a run is still in progress",
    ),
    "sync.schedule.missed": (
        "{count}{more} exécution(s) prévue(s) manquée(s)",
        "missed {count}{more} scheduled run(s)",
    ),
    "sync.schedule.signal": (
        "{name} reçu : arrêt après l'exécution en cours (encore une fois pour interrompre)",
        "{name} received: stopping after the current run (again to interrupt)",
    ),
    "sync.schedule.stopped": ("arrêté", "stopped"),
    "sync.schedule_examples": (
        "utilisez une durée comme 15m, 1h, 1h30m, 90s ou 2d, ou une expression cron à 5 "
        "champs (minute heure jour mois jour-de-semaine) comme '*/15 * * * *' ou "
        "'0 8-18 * * 1-5'",
        "use a duration such as 15m, 1h, 1h30m, 90s or 2d, or a 5-field cron expression "
        "(minute hour day month weekday) such as '*/15 * * * *' or '0 8-18 * * 1-5'",
    ),
    "schedule_interval_too_short": (
        "Un intervalle de programmation doit être d'au moins 10 s, pas {step}",
        "A schedule interval must be at least 10 s, not {step}",
    ),
    "schedule_cron_fields": (
        "Programmation invalide {schedule} : une expression cron a 5 champs, pas {fields} ; "
        "{examples}.",
        "Invalid schedule {schedule}: a cron expression has 5 fields, not {fields}; {examples}.",
    ),
    "schedule_invalid": (
        "Programmation invalide {schedule} : {examples}.",
        "Invalid schedule {schedule}: {examples}.",
    ),
    "schedule_interval_too_long": (
        "Programmation invalide {schedule} : intervalle trop long ; {examples}.",
        "Invalid schedule {schedule}: interval too long; {examples}.",
    ),
    "schedule_interval_below_minimum": (
        "Programmation invalide {schedule} : l'intervalle doit être d'au moins 10 s ; {examples}.",
        "Invalid schedule {schedule}: the interval must be at least 10 s; {examples}.",
    ),
    "schedule_cron_random": (
        "Programmation cron invalide {schedule} : les champs aléatoires (R) ne sont pas du cron.",
        "Invalid cron schedule {schedule}: random fields (R) are not cron.",
    ),
    "schedule_cron_never": (
        "Programmation cron invalide {schedule} : elle ne se déclenche jamais (date "
        "inexistante) ; {examples}.",
        "Invalid cron schedule {schedule}: it never fires (no such date); {examples}.",
    ),
    "schedule_cron_invalid": (
        "Programmation cron invalide {schedule} ({reason}) ; {examples}.",
        "Invalid cron schedule {schedule} ({reason}); {examples}.",
    ),
    "lock_file_unusable": (
        "Impossible de créer le fichier de verrou {path} ({reason}) ; choisissez un dossier "
        "accessible en écriture.",
        "Cannot create the lock file {path} ({reason}); choose a writable folder for it.",
    ),
    # --- the history file (sheets_sync.history_store) ---------------------------------
    "history_file_newer": (
        "Le fichier d'historique {path} a été écrit par un salespipe plus récent (schéma "
        "{version}) ; mettez salespipe à jour ou choisissez un autre fichier d'historique.",
        "History file {path} was written by a newer salespipe (schema {version}); upgrade "
        "salespipe or choose another history file.",
    ),
    "history_file_unusable": (
        "Impossible d'utiliser le fichier d'historique {path} : {reason}. Choisissez un autre "
        "fichier avec le réglage « history », ou déplacez celui-ci.",
        "Cannot use the history file {path}: {reason}. Choose another file with the "
        "'history' setting, or move this one away.",
    ),
    "history_file_not_created": (
        "Impossible de créer le fichier d'historique {path} : {reason}",
        "Cannot create the history file {path}: {reason}",
    ),
    "history_file_unreadable": (
        "Impossible de lire le fichier d'historique {path} : {reason}",
        "Cannot read the history file {path}: {reason}",
    ),
    "history_row_unreadable": (
        "Le fichier d'historique {path} a une ligne illisible (seq {seq}) : {column} vaut "
        "{value}, pas une date AAAA-MM-JJ. Corrigez-la, ou déplacez le fichier pour commencer "
        "un nouvel historique (ou lancez avec --no-history).",
        "History file {path} has an unreadable row (seq {seq}): {column} is {value}, not a "
        "YYYY-MM-DD date. Correct it, or move the file away to start a new history (or run "
        "with --no-history).",
    ),
    "history_not_stored": (
        "Impossible d'enregistrer l'historique dans {path} : {reason} ; rien n'a été "
        "enregistré, la prochaine exécution réessaiera.",
        "Cannot store the history in {path}: {reason}; nothing was stored, the next run "
        "will try again.",
    ),
}
