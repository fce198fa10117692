"""Texts of reading a workbook: places, status words, the issues of a sheet (messy cells,
never exceptions), the errors that stop a read, and the column headers salespipe writes.

Issue messages say the place first (``where.*``, added by
:func:`salespipe.core.texts.placed`), then the value as typed (``{value}``) and why,
so that a person can find and fix the cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- places -----------------------------------------------------------------------
    "where.cell": (
        "Feuille « {sheet} », ligne {row}, colonne « {column} » : ",
        "Sheet '{sheet}', row {row}, column '{column}': ",
    ),
    "where.row": ("Feuille « {sheet} », ligne {row} : ", "Sheet '{sheet}', row {row}: "),
    "where.file": (
        "Fichier « {sheet} », ligne {row}, colonne « {column} » : ",
        "File '{sheet}', row {row}, column '{column}': ",
    ),
    # --- the words of a status, as messages quote them ---------------------------------
    "status.open": ("en cours", "open"),
    "status.won": ("gagné", "won"),
    "status.lost": ("perdu", "lost"),
    # --- issues: one problem in one cell or row ({value} is the cell as typed) ----------
    "excel_error": (
        "cellule en erreur « {value} » ignorée ; corrigez la formule de la cellule",
        "error cell '{value}' ignored; fix the cell's formula",
    ),
    "formula_without_value": (
        "formule « {value} » enregistrée sans sa valeur, ignorée ; ouvrez le classeur dans "
        "Excel ou LibreOffice et enregistrez-le pour la calculer",
        "formula '{value}' saved without its value, ignored; open the workbook in Excel or "
        "LibreOffice and save it to compute it",
    ),
    "lost_cells_more": (
        "cellule en erreur ou formule sans valeur « {value} » ignorée ; {more} autres "
        "cellules de la feuille sont dans ce cas, ignorées sans être détaillées (après les "
        "{limit} premières, ou dans une ligne écartée) : corrigez-les dans le classeur",
        "error cell or formula without a value '{value}' ignored; {more} more cells of the "
        "sheet are too, ignored without being detailed (past the first {limit}, or in a row "
        "left out): fix them in the workbook",
    ),
    "bad_amount": (
        "montant illisible « {value} » ; attendu un nombre comme 12 500,50 €",
        "unreadable amount '{value}'; expected a number such as 12,500.50",
    ),
    "negative_amount": (
        "montant négatif « {value} » ignoré",
        "negative amount '{value}' ignored",
    ),
    "bad_number": (
        "nombre illisible « {value} »",
        "unreadable number '{value}'",
    ),
    "amount_too_large": (
        "montant « {value} » ignoré : au-delà de {limit}, la limite d'un montant",
        "amount '{value}' ignored: above {limit}, the limit of an amount",
    ),
    "date_out_of_range": (
        "date « {value} » ignorée : hors de la période lue ({first} – {last})",
        "date '{value}' ignored: outside the dates read ({first} to {last})",
    ),
    "bad_date": (
        "date illisible « {value} » ; attendu jj/mm/aaaa",
        "unreadable date '{value}'; expected dd/mm/yyyy or yyyy-mm-dd",
    ),
    "bad_probability": (
        "probabilité illisible « {value} » ; attendu un pourcentage comme 30 %",
        "unreadable probability '{value}'; expected a percentage such as 30%",
    ),
    "probability_out_of_range": (
        "probabilité « {value} » hors de 0 à 100 %",
        "probability '{value}' is outside 0 to 100%",
    ),
    "bad_integer": (
        "nombre entier attendu, lu « {value} »",
        "whole number expected, found '{value}'",
    ),
    "bad_week": (
        "semaine illisible « {value} » ; attendu un numéro de 1 à 53 (ex. S12)",
        "unreadable week '{value}'; expected a number from 1 to 53 (e.g. W12)",
    ),
    "unknown_stage": (
        "étape inconnue « {value} » ; étapes connues : {known}",
        "unknown stage '{value}'; known stages: {known}",
    ),
    "stage_corrected": (
        "étape « {value} » lue comme « {stage} »",
        "stage '{value}' read as '{stage}'",
    ),
    "unknown_status": (
        "statut inconnu « {value} » ; attendu en cours, gagné ou perdu (statut déduit : {status})",
        "unknown status '{value}'; expected open, won or lost (status assumed: {status})",
    ),
    # French names no reason: email-validator's {reason} is an English sentence.
    "invalid_email": (
        "adresse e-mail invalide « {value} » (syntaxe)",
        "invalid e-mail address '{value}': {reason}",
    ),
    "duplicate_id": (
        "identifiant « {value} » déjà utilisé ligne {first_row} ; ligne écartée",
        "ID '{value}' already used on row {first_row}; row left out",
    ),
    "duplicate_row": (
        "affaire identique à la ligne {first_row} ; ligne écartée",
        "deal identical to row {first_row}; row left out",
    ),
    "won_without_close_date": (
        "affaire gagnée sans date de clôture ; hors prévision par période et cycle de vente",
        "won deal without a close date; left out of forecast by period and sales cycle",
    ),
    "lost_stage_unknown": (
        "affaire perdue à l'étape « {value} » : on ne sait pas où elle a été perdue ; "
        "comptée dans le taux de réussite, pas dans l'entonnoir",
        "lost deal at stage '{value}': the stage it was lost at is unknown; counted in the "
        "win rate, not in the funnel",
    ),
    "missing_name": (
        "affaire sans nom, société ni identifiant",
        "deal without a name, company or ID",
    ),
    "missing_stage": (
        "étape vide ; affaire hors entonnoir",
        "blank stage; deal left out of the funnel",
    ),
    "unreadable_stage": (
        "étape illisible « {value} », lue comme vide ; affaire hors entonnoir",
        "unreadable stage '{value}', read as blank; deal left out of the funnel",
    ),
    "totals_row": (
        "ligne de total reconnue, non comptée",
        "totals row recognised, not counted",
    ),
    "repeated_header": (
        "ligne d'en-tête répétée, non comptée",
        "repeated header row, not counted",
    ),
    "close_before_created": (
        "date de clôture « {value} » antérieure à la date de création",
        "close date '{value}' is before the created date",
    ),
    "row_unusable": (
        "ligne sans aucune donnée exploitable ; ligne écartée",
        "row without any usable data; row left out",
    ),
    "missing_action": (
        "action sans nom",
        "action without a name",
    ),
    "status_stage_conflict": (
        "statut « {value} » contredit l'étape « {stage} » ; statut retenu : {status}",
        "status '{value}' contradicts stage '{stage}'; status used: {status}",
    ),
    "bad_cadence": (
        "cadence de relance illisible « {value} » ({why}) ; attendu des décalages depuis "
        "l'entrée dans l'étape (J+2, J+5, J+12) ou des écarts après le dernier contact "
        "(+0, +1, +3, +7)",
        "unreadable follow-up cadence '{value}' ({why}); expected offsets from stage entry "
        "(J+2, J+5, J+12) or gaps after the last contact (+0, +1, +3, +7)",
    ),
    "missing_probability": (
        "étape sans probabilité ; 0 % retenu",
        "stage without a probability; 0% used",
    ),
    "week_range_wraps": (
        "semaine de fin {value} avant la semaine de début {start} : la plage passe le "
        "nouvel an, de la semaine {start} à la dernière semaine de l'année (52 ou 53), puis "
        "des semaines 1 à {value} de l'année suivante",
        "end week {value} is before start week {start}: the range runs into the new year, "
        "from week {start} to the last week of the year (52 or 53), then weeks 1 to {value} "
        "of the next year",
    ),
    # --- errors that stop a read ------------------------------------------------------
    "table_not_found": (
        "Feuille « {sheet} » : aucun tableau {table} trouvé ; il faut une ligne d'en-tête "
        "avec au moins les colonnes {required}. Colonnes reconnues : {known}",
        "Sheet '{sheet}': no {table} table found; a header row with at least the columns "
        "{required} is needed. Recognised columns: {known}",
    ),
    "no_pipeline_table": (
        "Aucun tableau Pipeline trouvé dans {source} (feuilles examinées : {sheets}) ; il "
        "faut une ligne d'en-tête avec au moins les colonnes {required}. Colonnes "
        "reconnues : {known}",
        "No Pipeline table found in {source} (sheets searched: {sheets}); a header row with "
        "at least the columns {required} is needed. Recognised columns: {known}",
    ),
    "sheet_not_found": (
        "Feuille « {sheet} » introuvable dans {source} ; feuilles présentes : {sheets}",
        "Sheet '{sheet}' not found in {source}; sheets present: {sheets}",
    ),
    "file_not_found": (
        "Fichier introuvable : {path}",
        "File not found: {path}",
    ),
    "not_a_file": (
        "{path} est un dossier, pas un classeur",
        "{path} is a folder, not a workbook",
    ),
    "unsupported_file": (
        "{name} n'est pas un classeur pris en charge ({suffixes})",
        "{name} is not a supported workbook ({suffixes})",
    ),
    "unreadable_workbook": (
        "{name} n'a pas pu être lu comme un classeur ({reason}). "
        "Est-il protégé par un mot de passe, endommagé, ou d'un autre format que son extension ?",
        "{name} could not be read as a workbook ({reason}). "
        "Is it password-protected, damaged, or of another format than its extension says?",
    ),
    "not_a_regular_file": (
        "{path} n'est pas un fichier ordinaire (tube, périphérique…) ; donnez un classeur "
        "enregistré sur le disque",
        "{path} is not a regular file (a pipe, a device...); give a workbook saved on disk",
    ),
    # --- the limits of what is read (salespipe.read_limits, docs/limits.md) -------------
    "file_too_large": (
        "{name} pèse {size} Mo ; salespipe lit des fichiers d'au plus {limit} Mo. "
        "Enregistrez les seules feuilles utiles dans un nouveau classeur.",
        "{name} weighs {size} MB; salespipe reads files of at most {limit} MB. "
        "Save only the sheets needed in a new workbook.",
    ),
    "part_too_large": (
        "{name} : la partie « {part} » fait {size} Mo une fois décompressée ; salespipe "
        "en lit au plus {limit} Mo. Le classeur est-il endommagé ?",
        "{name}: part '{part}' is {size} MB once decompressed; salespipe reads at most "
        "{limit} MB. Is the workbook damaged?",
    ),
    "sheet_too_large": (
        "{name}, feuille « {sheet} » : une valeur en {cell} étend la feuille à {rows} "
        "lignes × {columns} colonnes ; salespipe lit au plus {limit} cellules par feuille. "
        "Effacez les cellules éloignées des données (Ctrl+Fin mène à la dernière).",
        "{name}, sheet '{sheet}': a value at {cell} stretches the sheet to {rows} rows × "
        "{columns} columns; salespipe reads at most {limit} cells per sheet. Clear the "
        "cells far from the data (Ctrl+End goes to the last one).",
    ),
    "damaged_xls_dimensions": (
        "{name}, feuille « {sheet} » : le fichier est endommagé (il annonce {rows} lignes, "
        "un .xls en a au plus 65 536). Ouvrez-le dans Excel ou LibreOffice et "
        "enregistrez-le à nouveau.",
        "{name}, sheet '{sheet}': the file is damaged (it claims {rows} rows, an .xls holds "
        "at most 65,536). Open it in Excel or LibreOffice and save it again.",
    ),
    # --- the files salespipe writes: never one it reads (salespipe.output_guard) --------
    "output_is_input": (
        "{path} est un fichier que salespipe lit ({input}) ; salespipe n'y écrit jamais. "
        "Choisissez un autre fichier ou dossier de sortie.",
        "{path} is a file salespipe reads ({input}); salespipe never writes to it. Choose "
        "another output file or folder.",
    ),
    "output_not_a_file": (
        "{path} existe et n'est pas un fichier ordinaire (dossier, tube…) ; salespipe n'y "
        "écrit pas. Choisissez un autre nom de fichier.",
        "{path} exists and is not a regular file (a folder, a pipe...); salespipe does not "
        "write to it. Choose another file name.",
    ),
    "no_sheets": (
        "{source} ne contient aucune feuille",
        "{source} has no sheets",
    ),
    "mapping_unknown_field": (
        "Correspondance de colonnes : champ inconnu « {field} » ; champs possibles : {fields}",
        "Column mapping: unknown field '{field}'; possible fields: {fields}",
    ),
    "mapping_missing_column": (
        "Feuille « {sheet} » : la colonne « {column} » de la correspondance n'existe pas "
        "dans l'en-tête ligne {row}",
        "Sheet '{sheet}': mapped column '{column}' is not in the header on row {row}",
    ),
    "mapping_unknown_table": (
        "Correspondance de colonnes : table [{name}] inconnue ; tables possibles : {tables}",
        "Column mapping: unknown table [{name}]; possible tables: {tables}",
    ),
    "mapping_column_outside": (
        "Feuille « {sheet} » : la colonne {column} de la correspondance est hors de la "
        "feuille (dernière colonne remplie : {last})",
        "Sheet '{sheet}': mapped column {column} is outside the sheet (last filled column: {last})",
    ),
    "mapping_not_a_table": (
        "Correspondance de colonnes : [{name}] doit être une table champ = en-tête",
        "Column mapping: [{name}] must be a table of field = header",
    ),
    # The columns a table needs, as table_not_found lists them: (« Affaire » ou « ID »).
    # --- headline columns not found (salespipe.core.reading.missing_columns) ------------
    "missing_columns": (
        "ATTENTION : colonnes introuvables dans la feuille « {sheet} » : {fields}. Les "
        "montants, le pipeline pondéré et les prévisions qui en dépendent sont faux "
        "(comptés à 0 ou hors période) tant qu'elles ne sont pas nommées.",
        "WARNING: columns not found in sheet '{sheet}': {fields}. The amounts, the weighted "
        "pipeline and the forecasts that depend on them are wrong (counted as 0 or out of "
        "the period) until they are named.",
    ),
    "missing_columns.seen": (
        "  Colonnes vues (ligne {row}) : {columns}",
        "  Columns seen (row {row}): {columns}",
    ),
    "missing_columns.paste": (
        "  À coller dans un fichier mapping.toml, puis relancer avec --mapping mapping.toml "
        "(corriger les noms de colonnes si besoin) :",
        "  Paste into a file mapping.toml, then run again with --mapping mapping.toml "
        "(correct the column names if needed):",
    ),
    "missing_columns.placeholder": ("nom de votre colonne", "your column's name"),
    "columns.quoted": ("« {name} »", "'{name}'"),
    "columns.or": (" ou ", " or "),
    # --- follow-up cadences (salespipe.core.metrics.cadence.parse_cadence) ----------
    "unreadable_cadence": (
        "cadence de relance illisible « {text} » ({why}) ; attendu des décalages depuis "
        "l'entrée dans l'étape (« J+2, J+5, J+12 ») ou des écarts après le dernier contact "
        "(« +0, +1, +3, +7 »)",
        "unreadable follow-up cadence {text!r} ({why}); expected offsets from stage entry "
        "('J+2, J+5, J+12') or gaps after the last contact ('+0, +1, +3, +7')",
    ),
    "cadence.bad_step": ("étape « {step} » illisible", "bad step {step!r}"),
    "cadence.step_too_long": (
        "étape « {step} » au-delà de {days} jours",
        "step {step!r} beyond {days} days",
    ),
    "cadence.no_step": ("aucune étape", "no step"),
    "cadence.mixed": (
        "J+n (depuis l'entrée dans l'étape) mêlé à des écarts +n (depuis le dernier contact)",
        "D+n (from stage entry) mixed with +n gaps (from the last contact)",
    ),
    "cadence.offsets_decrease": (
        "{after} après {before} : les décalages depuis l'entrée dans l'étape ne reculent pas",
        "{after} after {before}: offsets from stage entry never go back",
    ),
    "empty_cadence": ("cadence de relance vide", "empty follow-up cadence"),
    # --- the headers salespipe writes (template, demo, reports), per field ------------
    # Catalogue order is the order of the columns.
    "column.deals.deal_id": ("ID", "ID"),
    "column.deals.name": ("Affaire", "Deal"),
    "column.deals.company": ("Société", "Company"),
    "column.deals.contact": ("Contact", "Contact"),
    "column.deals.email": ("E-mail", "Email"),
    "column.deals.phone": ("Téléphone", "Phone"),
    "column.deals.owner": ("Commercial", "Owner"),
    "column.deals.stage": ("Étape", "Stage"),
    "column.deals.status": ("Statut", "Status"),
    "column.deals.amount": ("Montant HT", "Amount"),
    "column.deals.probability": ("Probabilité", "Probability"),
    "column.deals.created": ("Date de création", "Created date"),
    "column.deals.expected_close": ("Date de clôture prévue", "Expected close date"),
    "column.deals.last_contact": ("Dernier contact", "Last contact"),
    "column.deals.next_followup": ("Prochaine relance", "Next follow-up"),
    "column.deals.touches": ("Nb relances", "Touches"),
    "column.deals.source": ("Source", "Source"),
    "column.deals.segment": ("Segment", "Segment"),
    "column.deals.temperature": ("Température", "Temperature"),
    "column.deals.lost_reason": ("Raison de perte", "Lost reason"),
    "column.deals.notes": ("Notes", "Notes"),
    "column.deals.stage_entered": ("Entrée dans l'étape", "Stage entered"),
    "column.stages.name": ("Étape", "Stage"),
    "column.stages.order": ("Ordre", "Order"),
    "column.stages.probability": ("Probabilité", "Probability"),
    "column.stages.expected_days": ("Durée prévue (jours)", "Expected days"),
    "column.stages.cadence": ("Cadence de relance", "Follow-up cadence"),
    "column.actions.action": ("Action", "Action"),
    "column.actions.type": ("Type", "Type"),
    "column.actions.owner": ("Responsable", "Owner"),
    "column.actions.budget": ("Budget", "Budget"),
    "column.actions.start_week": ("Semaine début", "Start week"),
    "column.actions.end_week": ("Semaine fin", "End week"),
    "column.actions.year": ("Année", "Year"),
    "column.actions.target": ("Cible", "Target"),
    "column.actions.planned_count": ("Prévu", "Planned"),
    "column.actions.done_count": ("Réalisé", "Done"),
    "column.actions.lever": ("Levier", "Lever"),
    "column.actions.expected_revenue": ("CA attendu", "Expected revenue"),
    # --- short labels of the data-quality codes (the report's count by code) ----------
    "quality.code.amount_too_large": ("montant trop grand", "amount too large"),
    "quality.code.bad_amount": ("montant illisible", "unreadable amount"),
    "quality.code.bad_cadence": ("cadence illisible", "unreadable cadence"),
    "quality.code.bad_date": ("date illisible", "unreadable date"),
    "quality.code.bad_integer": ("nombre entier illisible", "unreadable whole number"),
    "quality.code.bad_number": ("nombre illisible", "unreadable number"),
    "quality.code.bad_probability": ("probabilité illisible", "unreadable probability"),
    "quality.code.bad_week": ("semaine illisible", "unreadable week"),
    "quality.code.close_before_created": ("clôture avant création", "closed before created"),
    "quality.code.date_out_of_range": ("date hors limites", "date out of range"),
    "quality.code.duplicate_id": ("ID en double", "duplicate ID"),
    "quality.code.duplicate_row": ("ligne en double", "duplicate row"),
    "quality.code.excel_error": ("erreur Excel dans une cellule", "Excel error in a cell"),
    "quality.code.formula_without_value": ("formule sans valeur", "formula without a value"),
    "quality.code.lost_cells_more": (
        "cellules en erreur non détaillées",
        "error cells not detailed",
    ),
    "quality.code.invalid_email": ("e-mail invalide", "invalid e-mail"),
    "quality.code.lost_stage_not_in_funnel": (
        "étape de perte hors entonnoir",
        "lost-at stage not in the funnel",
    ),
    "quality.code.lost_stage_unknown": ("étape de perte inconnue", "unknown lost-at stage"),
    "quality.code.missing_action": ("action sans nom", "action without a name"),
    "quality.code.missing_name": ("affaire sans nom", "deal without a name"),
    "quality.code.missing_probability": ("probabilité manquante", "missing probability"),
    "quality.code.missing_stage": ("étape manquante", "missing stage"),
    "quality.code.unreadable_stage": ("étape illisible", "unreadable stage"),
    "quality.code.negative_amount": ("montant négatif", "negative amount"),
    "quality.code.probability_out_of_range": (
        "probabilité hors de 0 à 100 %",
        "probability outside 0-100%",
    ),
    "quality.code.repeated_header": ("en-tête répété", "repeated header"),
    "quality.code.row_unusable": ("ligne inutilisable", "unusable row"),
    "quality.code.stage_corrected": ("étape corrigée", "stage corrected"),
    "quality.code.stages_in_reverse": ("étapes dans le désordre", "stages in reverse order"),
    "quality.code.status_stage_conflict": (
        "statut et étape en désaccord",
        "status and stage disagree",
    ),
    "quality.code.totals_row": ("ligne de total", "totals row"),
    "quality.code.unknown_stage": ("étape inconnue", "unknown stage"),
    "quality.code.unknown_status": ("statut inconnu", "unknown status"),
    "quality.code.week_range_wraps": (
        "semaines à cheval sur l'année",
        "week range across the year",
    ),
    "quality.code.won_without_close_date": (
        "gagnée sans date de clôture",
        "won without a close date",
    ),
    # --- the default stages (salespipe.core.model.StageTable.default), by French name ---
    "stage.Suspect": ("Suspect", "Lead"),
    "stage.Prospect qualifié": ("Prospect qualifié", "Qualified prospect"),
    "stage.Rendez-vous": ("Rendez-vous", "Meeting"),
    "stage.Proposition envoyée": ("Proposition envoyée", "Proposal sent"),
    "stage.Négociation": ("Négociation", "Negotiation"),
    "stage.Gagné": ("Gagné", "Won"),
    "stage.Perdu": ("Perdu", "Lost"),
}
