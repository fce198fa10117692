"""Texts of the template ``templates/action_plan.xlsx`` (:mod:`salespipe.template`): sheet
names, managed columns, the words its formulas write, its lists, labels and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- the sheets, in workbook order
    "template.sheet.guide": ("Mode d'emploi", "How to use"),
    "template.sheet.pipeline": ("Pipeline", "Pipeline"),
    "template.sheet.stages": ("Étapes", "Stages"),
    "template.sheet.actions": ("Plan d'actions", "Action plan"),
    "template.sheet.followups": ("Relances", "Follow-ups"),
    "template.sheet.dashboard": ("Tableau de bord", "Dashboard"),
    "template.sheet.settings": ("Paramètres", "Settings"),
    "template.sheet.python": ("Analyse Python", "Python analysis"),
    "template.sheet.quality": ("Contrôle qualité", "Data quality"),
    "template.sheet.xlwings": ("xlwings.conf", "xlwings.conf"),
    # --- managed columns right of each table (after one blank column), in column order
    "template.helper.deals.counted": ("Ligne comptée", "Row counted"),
    "template.helper.deals.stage_row": ("Ligne dans Étapes", "Row in Stages"),
    "template.helper.deals.status_used": ("Statut retenu", "Status used"),
    "template.helper.deals.probability_used": ("Probabilité retenue", "Probability used"),
    "template.helper.deals.weighted": ("Montant pondéré", "Weighted amount"),
    "template.helper.deals.close_month": ("Mois de clôture", "Close month"),
    "template.helper.deals.in_period": ("Dans la période", "In period"),
    "template.helper.deals.owner_used": ("Commercial retenu", "Owner used"),
    "template.helper.deals.touches_used": ("Relances comptées", "Touches counted"),
    "template.helper.deals.due": ("Relance due", "Follow-up due"),
    "template.helper.deals.state": ("État de relance", "Follow-up state"),
    "template.helper.deals.late": ("Jours de retard", "Business days late"),
    "template.helper.deals.idle_since": ("Inactif depuis", "Idle since"),
    "template.helper.deals.idle_days": ("Jours d'inactivité", "Idle days"),
    "template.helper.deals.rotting": ("Stagnation", "Rotting"),
    "template.helper.deals.rank": ("Ordre de relance", "Follow-up order"),
    "template.helper.stages.kind": ("Type d'étape (calculé)", "Stage kind (computed)"),
    "template.helper.stages.place": (
        "Place dans l'entonnoir (calculée)",
        "Funnel place (computed)",
    ),
    "template.helper.stages.probability_used": (
        "Probabilité retenue (calculée)",
        "Probability used (computed)",
    ),
    "template.helper.stages.order_used": ("Ordre retenu (calculé)", "Order used (computed)"),
    "template.helper.actions.budget_used": ("Budget retenu", "Budget used"),
    "template.helper.actions.year_used": ("Année retenue", "Year used"),
    "template.helper.actions.iso_base": ("Base ISO (calculée)", "ISO base (computed)"),
    "template.helper.actions.year_weeks": ("Semaines dans l'année", "Weeks in the year"),
    "template.helper.actions.ticks": ("Cases cochées", "Ticked boxes"),
    "template.helper.actions.start_used": ("Début retenu", "Start used"),
    "template.helper.actions.end_used": ("Fin retenue", "End used"),
    "template.helper.actions.weeks": ("Nombre de semaines", "Number of weeks"),
    "template.helper.actions.month1": ("Budget janv.", "Budget Jan"),
    "template.helper.actions.month2": ("Budget févr.", "Budget Feb"),
    "template.helper.actions.month3": ("Budget mars", "Budget Mar"),
    "template.helper.actions.month4": ("Budget avr.", "Budget Apr"),
    "template.helper.actions.month5": ("Budget mai", "Budget May"),
    "template.helper.actions.month6": ("Budget juin", "Budget Jun"),
    "template.helper.actions.month7": ("Budget juil.", "Budget Jul"),
    "template.helper.actions.month8": ("Budget août", "Budget Aug"),
    "template.helper.actions.month9": ("Budget sept.", "Budget Sep"),
    "template.helper.actions.month10": ("Budget oct.", "Budget Oct"),
    "template.helper.actions.month11": ("Budget nov.", "Budget Nov"),
    "template.helper.actions.month12": ("Budget déc.", "Budget Dec"),
    "template.helper.actions.no_week": ("Budget sans semaine", "Budget without week"),
    "template.helper.actions.owner_used": ("Responsable retenu", "Owner used"),
    # --- the months above the action plan's week grid (the usual French abbreviations; the
    # name overflows into the blank week cells beside it)
    "template.month.1": ("janv.", "Jan"),
    "template.month.2": ("févr.", "Feb"),
    "template.month.3": ("mars", "Mar"),
    "template.month.4": ("avr.", "Apr"),
    "template.month.5": ("mai", "May"),
    "template.month.6": ("juin", "Jun"),
    "template.month.7": ("juil.", "Jul"),
    "template.month.8": ("août", "Aug"),
    "template.month.9": ("sept.", "Sep"),
    "template.month.10": ("oct.", "Oct"),
    "template.month.11": ("nov.", "Nov"),
    "template.month.12": ("déc.", "Dec"),
    # --- values the managed columns hold (open, won and lost: status.*)
    "template.word.overdue": ("en retard", "overdue"),
    "template.word.due_this_week": ("cette semaine", "this week"),
    "template.word.later": ("plus tard", "later"),
    "template.word.nurture": ("nurturing", "nurture"),
    "template.word.unscheduled": ("non planifiée", "unscheduled"),
    "template.word.no_owner": ("(sans commercial)", "(no owner)"),
    "template.word.unset": ("(non renseigné)", "(not set)"),
    # --- values of the drop-down lists of Paramètres (statuses: status.*), in list order
    "template.choice.segments.a": ("A", "A"),
    "template.choice.segments.b": ("B", "B"),
    "template.choice.segments.c": ("C", "C"),
    "template.choice.temperatures.cold": ("froid", "cold"),
    "template.choice.temperatures.warm": ("tiède", "warm"),
    "template.choice.temperatures.hot": ("chaud", "hot"),
    "template.choice.action_types.phoning": ("Phoning", "Phoning"),
    "template.choice.action_types.emailing": ("Emailing", "Emailing"),
    "template.choice.action_types.trade_show": ("Salon", "Trade show"),
    "template.choice.action_types.linkedin": ("LinkedIn", "LinkedIn"),
    "template.choice.action_types.webinar": ("Webinar", "Webinar"),
    "template.choice.action_types.referral": ("Recommandation", "Referral"),
    "template.choice.action_types.sponsorship": ("Parrainage", "Sponsorship"),
    "template.choice.action_types.website": ("Site web", "Website"),
    "template.choice.action_types.advertising": ("Publicité", "Advertising"),
    "template.choice.action_types.event": ("Événement", "Event"),
    "template.choice.levers.business_as_usual": ("Business as usual", "Business as usual"),
    "template.choice.levers.growth_lever": ("Levier de croissance", "Growth lever"),
    # --- « Mode d'emploi »: the first sheet, what to do, step by step
    "template.guide.title": ("Mode d'emploi du classeur", "How to use this workbook"),
    "template.guide.intro": (
        "Un pipeline commercial et un plan d'actions dans un seul classeur : vous tapez vos "
        "affaires et vos actions, le reste se calcule seul (Excel, LibreOffice ou Google "
        "Sheets).",
        "A sales pipeline and an action plan in one workbook: you type your deals and your "
        "actions, the rest computes itself (Excel, LibreOffice or Google Sheets).",
    ),
    "template.guide.step": ("Étape", "Step"),
    "template.guide.what": ("Ce qu'il faut faire", "What to do"),
    "template.guide.settings": ("1. Paramètres", "1. Settings"),
    "template.guide.settings.text": (
        "Tapez votre objectif de CA et, si besoin, la période et la date du rapport (vide : "
        "aujourd'hui). Listez vos commerciaux et les responsables d'actions : ils alimentent "
        "les listes déroulantes.",
        "Type your revenue target and, if needed, the period and the report date (blank: "
        "today). List your sales people and action owners: they feed the drop-down lists.",
    ),
    "template.guide.stages": ("2. Étapes", "2. Stages"),
    "template.guide.stages.text": (
        "Adaptez les étapes de votre cycle de vente, leur ordre, leur probabilité et leur "
        "durée normale (au-delà, une affaire stagne).",
        "Adapt the stages of your sales cycle, their order, probability and normal duration "
        "(past it, a deal rots).",
    ),
    "template.guide.pipeline": ("3. Pipeline", "3. Pipeline"),
    "template.guide.pipeline.text": (
        "Une ligne par affaire. Choisissez Étape, Statut et Commercial dans les listes ; un "
        "message dit ce qui est attendu dans chaque cellule. En rouge : relance en retard ; "
        "en orange : affaire qui stagne.",
        "One row per deal. Pick Stage, Status and Owner from the lists; a message says what "
        "each cell expects. Red: follow-up overdue; orange: the deal rots.",
    ),
    "template.guide.actions": ("4. Plan d'actions", "4. Action plan"),
    "template.guide.actions.text": (
        "Une ligne par action : budget, responsable, puis cochez ses semaines d'un x dans la "
        "grille (ou tapez sa semaine de début et de fin). Les mois sont au-dessus de la "
        "grille, la semaine en cours en orange.",
        "One row per action: budget, owner, then tick its weeks with an x in the grid (or "
        "type its start and end week). The months are above the grid, this week in orange.",
    ),
    "template.guide.followups": ("5. Relances", "5. Follow-ups"),
    "template.guide.followups.text": (
        "Les affaires à relancer, la plus urgente d'abord ; en rouge, celles en retard.",
        "The deals to follow up, most urgent first; in red, the overdue ones.",
    ),
    "template.guide.dashboard": ("6. Tableau de bord", "6. Dashboard"),
    "template.guide.dashboard.text": (
        "La synthèse, la prévision par mois et par commercial, l'entonnoir, le budget du plan"
        " et deux graphiques, recalculés à chaque saisie.",
        "The summary, the forecast by month and by owner, the funnel, the plan's budget and "
        "two charts, recalculated at each entry.",
    ),
    "template.guide.managed": ("Colonnes grises", "Grey columns"),
    "template.guide.managed.text": (
        "Elles sont calculées : Pipeline, Étapes et Plan d'actions sont protégées sans mot de"
        " passe pour qu'on ne les efface pas par erreur. Vos colonnes restent modifiables. "
        "Pour changer une formule : Révision > Ôter la protection de la feuille (Excel), "
        "Outils > Protéger la feuille, case décochée (LibreOffice).",
        "They are computed: Pipeline, Stages and Action plan are protected without a password"
        " so that nobody erases them by mistake. Your columns stay editable. To change a "
        "formula: Review > Unprotect Sheet (Excel), Tools > Protect Sheet, unticked "
        "(LibreOffice).",
    ),
    "template.guide.print": ("Imprimer", "Printing"),
    "template.guide.print.text": (
        "Chaque feuille s'imprime sur la largeur d'une page A4, ses en-têtes répétés en haut "
        "de chaque page ; les graphiques du tableau de bord ne sont pas coupés ; Relances "
        "imprime les 100 relances les plus urgentes.",
        "Each sheet prints one A4 page wide, its headers repeated at the top of every page; "
        "the dashboard's charts are never cut; Follow-ups prints the 100 most urgent "
        "follow-ups.",
    ),
    "template.guide.python": ("Analyse Python", "Python analysis"),
    "template.guide.python.text": (
        "Avec le complément xlwings, les mêmes chiffres par les fonctions de salespipe ; sans"
        " lui, ces cellules affichent #NOM? : c'est normal.",
        "With the xlwings add-in, the same figures through salespipe's functions; without it,"
        " these cells show #NAME?: that is expected.",
    ),
    "template.guide.cli": ("salespipe", "salespipe"),
    "template.guide.cli.text": (
        "« salespipe report action_plan.xlsx » donne les mêmes chiffres dans le terminal, ou "
        "en classeur avec « --format xlsx ».",
        "« salespipe report action_plan.xlsx » gives the same figures in the terminal, or as "
        "a workbook with « --format xlsx ».",
    ),
    # --- drop-downs and checks: the message shown on entering a cell, the one on a refusal
    "template.dv.stage.prompt_title": ("Étape", "Stage"),
    "template.dv.stage.prompt": (
        "Choisissez l'étape dans la liste (feuille Étapes).",
        "Pick the stage from the list (Stages sheet).",
    ),
    "template.dv.stage.error_title": ("Étape inconnue", "Unknown stage"),
    "template.dv.stage.error": (
        "Cette étape n'est pas dans la feuille Étapes : choisissez-la dans la liste, ou "
        "ajoutez-la d'abord dans Étapes.",
        "This stage is not in the Stages sheet: pick it from the list, or add it to Stages first.",
    ),
    "template.dv.status.prompt_title": ("Statut", "Status"),
    "template.dv.status.prompt": (
        "Vide, en cours, gagné ou perdu : une étape finale (Gagné, Perdu) suffit aussi.",
        "Blank, open, won or lost: a final stage (Won, Lost) is enough too.",
    ),
    "template.dv.status.error_title": ("Statut inconnu", "Unknown status"),
    "template.dv.status.error": (
        "Choisissez le statut dans la liste (feuille Paramètres, colonne Statuts).",
        "Pick the status from the list (Settings sheet, Statuses column).",
    ),
    "template.dv.owner.prompt_title": ("Commercial", "Owner"),
    "template.dv.owner.prompt": (
        "Choisissez un nom de la liste des Paramètres (colonne Commerciaux).",
        "Pick a name from the Settings list (Sales people column).",
    ),
    "template.dv.owner.error_title": ("Commercial hors liste", "Owner not listed"),
    "template.dv.owner.error": (
        "Ce nom n'est pas dans la liste des Paramètres. Le garder quand même ?",
        "This name is not in the Settings list. Keep it anyway?",
    ),
    "template.dv.segment.prompt_title": ("Segment", "Segment"),
    "template.dv.segment.prompt": (
        "A, B ou C (liste des Paramètres).",
        "A, B or C (Settings list).",
    ),
    "template.dv.segment.error_title": ("Segment inconnu", "Unknown segment"),
    "template.dv.segment.error": (
        "Choisissez le segment dans la liste (feuille Paramètres, colonne Segments).",
        "Pick the segment from the list (Settings sheet, Segments column).",
    ),
    "template.dv.temperature.prompt_title": ("Température", "Temperature"),
    "template.dv.temperature.prompt": (
        "froid, tiède ou chaud.",
        "cold, warm or hot.",
    ),
    "template.dv.temperature.error_title": ("Température inconnue", "Unknown temperature"),
    "template.dv.temperature.error": (
        "Choisissez froid, tiède ou chaud dans la liste.",
        "Pick cold, warm or hot from the list.",
    ),
    "template.dv.source.prompt_title": ("Source", "Source"),
    "template.dv.source.prompt": (
        "L'action du plan qui a amené l'affaire (colonne Action du Plan d'actions), ou tout "
        "autre texte.",
        "The plan's action that brought the deal (Action column of the Action plan), or any "
        "other text.",
    ),
    "template.dv.source.error_title": ("Source hors plan", "Source not in the plan"),
    "template.dv.source.error": (
        "Cette source n'est pas une action du Plan d'actions : elle sera gardée telle quelle.",
        "This source is not an action of the Action plan: it is kept as typed.",
    ),
    "template.dv.amount.prompt_title": ("Montant HT", "Amount"),
    "template.dv.amount.prompt": (
        "En euros, positif ou nul : 12500 ou 12 500,50.",
        "In euros, zero or more: 12500 or 12,500.50.",
    ),
    "template.dv.amount.error_title": ("Montant invalide", "Invalid amount"),
    "template.dv.amount.error": (
        "Tapez un nombre positif ou nul, sans texte : 12500 ou 12 500,50.",
        "Type a number, zero or more, with no text: 12500 or 12,500.50.",
    ),
    "template.dv.probability.prompt_title": ("Probabilité", "Probability"),
    "template.dv.probability.prompt": (
        "Entre 0 % et 100 % ; vide : celle de l'étape.",
        "Between 0 % and 100 %; blank: the stage's.",
    ),
    "template.dv.probability.error_title": ("Probabilité invalide", "Invalid probability"),
    "template.dv.probability.error": (
        "Tapez un pourcentage entre 0 % et 100 % (30 % ou 0,3).",
        "Type a percentage between 0 % and 100 % (30 % or 0.3).",
    ),
    "template.dv.touches.prompt_title": ("Nb relances", "Touches"),
    "template.dv.touches.prompt": (
        "Le nombre de relances déjà faites : un entier, 0 ou plus.",
        "How many follow-ups were done: a whole number, 0 or more.",
    ),
    "template.dv.touches.error_title": ("Nombre invalide", "Invalid number"),
    "template.dv.touches.error": (
        "Tapez un nombre entier, 0 ou plus.",
        "Type a whole number, 0 or more.",
    ),
    "template.dv.date.prompt_title": ("Date", "Date"),
    "template.dv.date.prompt": (
        "Une date, comme 15/03/2026.",
        "A date, such as 15/03/2026.",
    ),
    "template.dv.date.error_title": ("Date invalide", "Invalid date"),
    "template.dv.date.error": (
        "Tapez une date entre 2000 et 2100, comme 15/03/2026.",
        "Type a date between 2000 and 2100, such as 15/03/2026.",
    ),
    "template.dv.stage_order.prompt_title": ("Ordre", "Order"),
    "template.dv.stage_order.prompt": (
        "La place de l'étape dans l'entonnoir : un nombre, 0 ou plus.",
        "The stage's place in the funnel: a number, 0 or more.",
    ),
    "template.dv.stage_order.error_title": ("Ordre invalide", "Invalid order"),
    "template.dv.stage_order.error": (
        "Tapez un nombre positif ou nul.",
        "Type a number, zero or more.",
    ),
    "template.dv.stage_probability.prompt_title": ("Probabilité", "Probability"),
    "template.dv.stage_probability.prompt": (
        "La probabilité de gagner à cette étape, entre 0 % et 100 %.",
        "The chance of winning at this stage, between 0 % and 100 %.",
    ),
    "template.dv.stage_probability.error_title": ("Probabilité invalide", "Invalid probability"),
    "template.dv.stage_probability.error": (
        "Tapez un pourcentage entre 0 % et 100 %.",
        "Type a percentage between 0 % and 100 %.",
    ),
    "template.dv.expected_days.prompt_title": ("Durée normale", "Expected days"),
    "template.dv.expected_days.prompt": (
        "Jours qu'une affaire reste normalement à cette étape ; au-delà, elle stagne.",
        "Days a deal normally stays at this stage; past that, it rots.",
    ),
    "template.dv.expected_days.error_title": ("Nombre invalide", "Invalid number"),
    "template.dv.expected_days.error": (
        "Tapez un nombre entier de jours, 0 ou plus.",
        "Type a whole number of days, 0 or more.",
    ),
    "template.dv.action_owner.prompt_title": ("Responsable", "Owner"),
    "template.dv.action_owner.prompt": (
        "Choisissez un nom de la liste des Paramètres (colonne Responsables d'actions).",
        "Pick a name from the Settings list (Action owners column).",
    ),
    "template.dv.action_owner.error_title": ("Responsable hors liste", "Owner not listed"),
    "template.dv.action_owner.error": (
        "Ce nom n'est pas dans la liste des Paramètres. Le garder quand même ?",
        "This name is not in the Settings list. Keep it anyway?",
    ),
    "template.dv.action_type.prompt_title": ("Type d'action", "Action type"),
    "template.dv.action_type.prompt": (
        "Choisissez le type dans la liste (Paramètres, colonne Types d'action).",
        "Pick the type from the list (Settings, Action types column).",
    ),
    "template.dv.action_type.error_title": ("Type hors liste", "Type not listed"),
    "template.dv.action_type.error": (
        "Ce type n'est pas dans la liste des Paramètres. Le garder quand même ?",
        "This type is not in the Settings list. Keep it anyway?",
    ),
    "template.dv.lever.prompt_title": ("Levier", "Lever"),
    "template.dv.lever.prompt": (
        "Business as usual ou levier de croissance.",
        "Business as usual or growth lever.",
    ),
    "template.dv.lever.error_title": ("Levier hors liste", "Lever not listed"),
    "template.dv.lever.error": (
        "Ce levier n'est pas dans la liste des Paramètres. Le garder quand même ?",
        "This lever is not in the Settings list. Keep it anyway?",
    ),
    "template.dv.budget.prompt_title": ("Budget", "Budget"),
    "template.dv.budget.prompt": (
        "Le budget de l'action en euros HT, positif ou nul.",
        "The action's budget in euros, zero or more.",
    ),
    "template.dv.budget.error_title": ("Budget invalide", "Invalid budget"),
    "template.dv.budget.error": (
        "Tapez un montant positif ou nul, sans texte.",
        "Type an amount, zero or more, with no text.",
    ),
    "template.dv.week.prompt_title": ("Semaine", "Week"),
    "template.dv.week.prompt": (
        "Tapez x dans chaque semaine où l'action a lieu.",
        "Type x in each week the action runs.",
    ),
    "template.dv.week.error_title": ("Case de semaine", "Week box"),
    "template.dv.week.error": (
        "Une semaine se coche d'un x. Garder cette valeur quand même ?",
        "A week is ticked with an x. Keep this value anyway?",
    ),
    "template.dv.as_of.prompt_title": ("Date du rapport", "Report date"),
    "template.dv.as_of.prompt": (
        "Vide ou AUJOURDHUI() : aujourd'hui ; une date fige le rapport.",
        "Blank or TODAY(): today; a date freezes the report.",
    ),
    "template.dv.as_of.error_title": ("Date invalide", "Invalid date"),
    "template.dv.as_of.error": (
        "Tapez une date entre 2000 et 2100, comme 15/03/2026.",
        "Type a date between 2000 and 2100, such as 15/03/2026.",
    ),
    "template.dv.target.prompt_title": ("Objectif", "Target"),
    "template.dv.target.prompt": (
        "Le chiffre d'affaires visé sur la période, en euros HT ; vide : pas de couverture.",
        "The revenue aimed at over the period, in euros; blank: no coverage.",
    ),
    "template.dv.target.error_title": ("Objectif invalide", "Invalid target"),
    "template.dv.target.error": (
        "Tapez un montant positif ou nul, sans texte.",
        "Type an amount, zero or more, with no text.",
    ),
    "template.dv.max_touches.prompt_title": ("Relances max.", "Max touches"),
    "template.dv.max_touches.prompt": (
        "Après ce nombre de relances sans date saisie, l'affaire passe en nurturing (1 à 100).",
        "After this many touches with no typed date, the deal goes to nurture (1 to 100).",
    ),
    "template.dv.max_touches.error_title": ("Nombre invalide", "Invalid number"),
    "template.dv.max_touches.error": (
        "Tapez un nombre entier entre 1 et 100.",
        "Type a whole number between 1 and 100.",
    ),
    "template.dv.cadence.prompt_title": ("Cadence", "Cadence"),
    "template.dv.cadence.prompt": (
        "Jours entre le dernier contact et la relance suivante (0 à 3660).",
        "Days from the last contact to the next follow-up (0 to 3660).",
    ),
    "template.dv.cadence.error_title": ("Nombre invalide", "Invalid number"),
    "template.dv.cadence.error": (
        "Tapez un nombre entier de jours entre 0 et 3660.",
        "Type a whole number of days between 0 and 3660.",
    ),
    # --- labels, titles and notes
    "template.list.owners": ("Commerciaux", "Sales people"),
    "template.list.action_owners": ("Responsables d'actions", "Action owners"),
    "template.list.statuses": ("Statuts", "Statuses"),
    "template.list.segments": ("Segments", "Segments"),
    "template.list.temperatures": ("Températures", "Temperatures"),
    "template.list.action_types": ("Types d'action", "Action types"),
    "template.list.levers": ("Leviers", "Levers"),
    "template.list.holidays": ("Jours fériés", "Public holidays"),
    "template.list.status_words": ("Mot de statut", "Status word"),
    "template.list.status_meaning": ("Statut", "Status"),
    "template.list.stage_words": ("Nom d'étape finale", "Final stage name"),
    "template.list.stage_meaning": ("Type", "Kind"),
    "template.list.weeks": ("Semaines ISO (calcul)", "ISO weeks (computation)"),
    "template.param.title": ("Paramètres", "Settings"),
    "template.param.as_of": ("Date du rapport", "Report date"),
    "template.param.target": (
        "Objectif de CA de la période (€ HT)",
        "Revenue target for the period (€)",
    ),
    "template.param.period_start": ("Début de période", "Period start"),
    "template.param.period_end": ("Fin de période", "Period end"),
    "template.param.max_touches": ("Relances avant nurturing", "Touches before nurture"),
    "template.param.first_month": ("Premier mois de la prévision", "First month of the forecast"),
    "template.param.plan_year": ("Année du plan d'actions", "Action plan year"),
    "template.note.as_of": (
        "par défaut AUJOURDHUI() ; tapez une date pour figer le rapport",
        "default TODAY(); type a date to freeze the report",
    ),
    "template.note.target": ("vide : pas de couverture", "blank: no coverage"),
    "template.note.period": (
        "par défaut le trimestre de la date du rapport",
        "default: the quarter of the report date",
    ),
    "template.note.max_touches": (
        "au-delà, sans date de relance saisie : nurturing marketing",
        "past this, with no typed follow-up date: marketing nurture",
    ),
    "template.note.first_month": (
        "12 mois affichés à partir de ce mois",
        "12 months shown from this one",
    ),
    "template.note.plan_year": (
        "année des semaines du plan sans « Année »",
        "year of plan weeks when « Year » is blank",
    ),
    "template.cadence.title": ("Cadence de relance par défaut", "Default follow-up cadence"),
    "template.cadence.touches": ("Relances faites", "Touches done"),
    "template.cadence.days": ("Jours après le dernier contact", "Days after the last contact"),
    "template.cadence.note": (
        "au-delà de la dernière ligne remplie, le dernier écart se répète ; l'écart "
        "trimestriel (+90) ne sert qu'avec plus de 7 relances max. (sinon nurturing)",
        "past the last filled row, the last gap repeats; the quarterly gap (+90) is used "
        "only with more than 7 max touches (else nurture)",
    ),
    "template.dash.title": ("Tableau de bord commercial", "Sales dashboard"),
    "template.dash.as_of": ("Calculé au", "As of"),
    "template.dash.native": (
        "Formules natives : Excel, LibreOffice et Google Sheets",
        "Native formulas: Excel, LibreOffice and Google Sheets",
    ),
    "template.dash.summary": ("Synthèse", "Summary"),
    "template.dash.by_month": (
        "Prévision pondérée par mois (toutes les affaires)",
        "Weighted forecast by month (all deals)",
    ),
    "template.dash.by_owner": (
        "Prévision de la période par commercial",
        "Period forecast by owner",
    ),
    "template.dash.funnel": ("Entonnoir", "Funnel"),
    "template.dash.budget": ("Budget du plan d'actions", "Action plan budget"),
    "template.dash.before": ("Mois antérieurs", "Earlier months"),
    "template.dash.after": ("Mois postérieurs", "Later months"),
    "template.dash.no_date": ("(sans date)", "(no date)"),
    "template.dash.others": ("Autres", "Others"),
    "template.dash.other_months": ("Autres mois", "Other months"),
    "template.dash.no_week": ("(sans semaine)", "(no week)"),
    "template.dash.total": ("Total", "Total"),
    "template.dash.budget_owner": ("Responsable", "Owner"),
    "template.dash.budget_month": ("Mois", "Month"),
    "template.dash.budget_value": ("Budget", "Budget"),
    "template.chart.forecast": ("Prévision pondérée par mois", "Weighted forecast by month"),
    "template.chart.funnel": ("Entonnoir : affaires par étape", "Funnel: deals per stage"),
    "template.col.month": ("Mois", "Month"),
    "template.col.won": ("Gagné", "Won"),
    "template.col.weighted_open": ("Pondéré en cours", "Weighted open"),
    "template.col.forecast": ("Prévision", "Forecast"),
    "template.col.open_amount": ("Montant en cours", "Open amount"),
    "template.col.deals": ("Affaires", "Deals"),
    "template.col.owner": ("Commercial", "Owner"),
    "template.col.stage_row": ("Ligne Étapes", "Stages row"),
    "template.col.stage": ("Étape", "Stage"),
    "template.col.reached": ("Atteinte", "Reached"),
    "template.col.moved_on": ("Passées", "Moved on"),
    "template.col.lost_at": ("Perdues", "Lost at"),
    "template.col.open_at": ("En cours", "Open at"),
    "template.col.conversion": ("Conversion des décidées", "Conversion of decided deals"),
    "template.col.reached_conversion": ("Taux de passage", "Stage-to-stage rate"),
    "template.col.cumulative_conversion": ("Vers gagné", "To won"),
    "template.col.amount_open": ("Montant en cours", "Open amount"),
    "template.fu.rank": ("N°", "No."),
    "template.fu.row": ("Ligne", "Row"),
    "template.fu.id": ("ID", "ID"),
    "template.fu.deal": ("Affaire", "Deal"),
    "template.fu.company": ("Société", "Company"),
    "template.fu.owner": ("Commercial", "Owner"),
    "template.fu.stage": ("Étape", "Stage"),
    "template.fu.last_contact": ("Dernier contact", "Last contact"),
    "template.fu.due": ("Relance due", "Due"),
    "template.fu.state": ("État", "State"),
    "template.fu.late": ("Jours ouvrés de retard", "Business days late"),
    "template.fu.touches": ("Relances faites", "Touches done"),
    "template.py.title": (
        "Analyse Python (complément xlwings)",
        "Python analysis (xlwings add-in)",
    ),
    "template.py.note": (
        "Ces cellules appellent les fonctions Python de salespipe (module xlplugin.udfs) par le "
        "complément xlwings : enregistrez le classeur en .xlsm et cliquez « Import Functions ». "
        "Sans le complément (LibreOffice, Google Sheets) elles affichent #NOM? : les chiffres "
        "natifs sont dans « Tableau de bord ».",
        "These cells call salespipe's Python functions (module xlplugin.udfs) through the "
        "xlwings add-in: save the workbook as .xlsm and click « Import Functions ». Without "
        "the add-in (LibreOffice, Google Sheets) they show #NAME?: the native figures are in "
        "« Dashboard ».",
    ),
    "template.py.function": ("Fonction", "Function"),
    "template.py.formula": ("Formule", "Formula"),
    "template.py.what": ("Ce qu'elle calcule", "What it computes"),
    "template.qc.title": ("Contrôle qualité (formules natives)", "Data quality (native formulas)"),
    "template.qc.check": ("Contrôle", "Check"),
    "template.qc.count": ("Nombre", "Count"),
    "template.qc.note": ("Remarque", "Note"),
    "template.qc.python": (
        "Contrôle complet par salespipe (complément xlwings)",
        "Full check by salespipe (xlwings add-in)",
    ),
    # --- « Contrôle qualité »: each check, in row order, and its note
    "template.check.counted": ("Affaires comptées", "Deals counted"),
    "template.check.duplicate_id": (
        "Lignes écartées : ID déjà utilisé plus haut",
        "Rows left out: ID used above",
    ),
    "template.check_note.duplicate_id": (
        "comme salespipe (duplicate_id)",
        "as salespipe does (duplicate_id)",
    ),
    "template.check.missing_amount": (
        "Affaires en cours ou gagnées sans montant",
        "Open or won deals without amount",
    ),
    "template.check_note.missing_amount": ("hors prévision", "left out of the forecast"),
    "template.check.text_amount": ("Montants saisis en texte", "Amounts typed as text"),
    "template.check_note.text_amount": (
        "lus par salespipe, ignorés par les formules natives",
        "read by salespipe, ignored by native formulas",
    ),
    "template.check.unknown_stage": ("Étapes inconnues", "Unknown stages"),
    "template.check_note.unknown_stage": (
        "hors entonnoir ; salespipe corrige les fautes de frappe",
        "out of the funnel; salespipe corrects typos",
    ),
    "template.check.missing_stage": ("Affaires en cours sans étape", "Open deals without stage"),
    "template.check.won_without_close_date": (
        "Gagnées sans date de clôture",
        "Won without close date",
    ),
    "template.check_note.won_without_close_date": (
        "hors prévision par mois",
        "out of the forecast by month",
    ),
    "template.check.close_before_created": ("Clôture avant création", "Close before creation"),
    "template.check.probability_out_of_range": (
        "Probabilités hors 0–100 %",
        "Probabilities outside 0–100 %",
    ),
    "template.check_note.probability_out_of_range": (
        "remplacées par celle de l'étape",
        "stage probability used",
    ),
    "template.check.text_dates": ("Dates saisies en texte", "Dates typed as text"),
    "template.check_note.text_dates": (
        "lues par salespipe, ignorées par les formules natives",
        "read by salespipe, ignored by native formulas",
    ),
    "template.check.stage_cadence": (
        "Étapes avec une cadence propre",
        "Stages with their own cadence",
    ),
    "template.check_note.stage_cadence": (
        "utilisée par salespipe (J+n depuis l'entrée dans l'étape) ; les formules natives "
        "utilisent celle des Paramètres",
        "used by salespipe (D+n from stage entry); native formulas use the Settings one",
    ),
    # --- « Analyse Python »: what each UDF call computes
    "template.udf.FORECAST_WEIGHTED": (
        "Prévision pondérée de la période",
        "Weighted forecast of the period",
    ),
    "template.udf.PIPELINE_COVERAGE": ("Couverture de l'objectif", "Coverage of the target"),
    "template.udf.WIN_RATE": ("Taux de réussite", "Win rate"),
    "template.udf.CONVERSION_RATE": ("Conversion {start} → {stop}", "Conversion {start} → {stop}"),
    "template.udf.STAGE_PROBABILITY": ("Probabilité de « {stage} »", "Probability of « {stage} »"),
    "template.udf.SALES_CYCLE_DAYS": ("Cycle de vente moyen (jours)", "Average sales cycle (days)"),
    "template.udf.NEXT_FOLLOWUP": (
        "Prochaine relance de la 1re affaire",
        "Next follow-up of the first deal",
    ),
    "template.udf.REQUIRED_PROSPECTS": (
        "Contacts nécessaires par étape pour 10 signatures",
        "Contacts needed per stage for 10 signatures",
    ),
    "template.udf.FUNNEL": ("Entonnoir (tableau)", "Funnel (table)"),
    "template.udf.OVERDUE_FOLLOWUPS": (
        "Relances en retard (tableau)",
        "Overdue follow-ups (table)",
    ),
    # --- errors
    "template_xlsm_needs_xlwings": (
        "--xlsm part du classeur à macros que xlwings fournit (quickstart.xlsm) : installez "
        'xlwings (pip install "salespipe[excel]") puis recommencez',
        "--xlsm builds on the macro-enabled workbook xlwings ships (quickstart.xlsm): "
        'install xlwings (pip install "salespipe[excel]") and try again',
    ),
}
