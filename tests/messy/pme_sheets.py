"""Pipeline sheets as French PMEs name and lay them out, each with its headline figures
worked by hand: read without any mapping, they must give exactly these figures.

The headers, tab names and layouts come from the vocabulary of docs/sources.md
(« Headers of French pipelines »): a « Suivi 2026 » tab under a title row, a builder's
quotes with « Statut » only, merged group headers over the real ones, sub-totals per
salesperson, a Zoho-like CSV export, a Windows-1252 CSV, a sheet with its own stages…
Every case is dated 23/11/2026, so the period of the forecast is Q4 2026 (01/10 – 31/12):
it holds the deals won in it and the open deals expected to close in it, weighted.

Default stage probabilities: Suspect 10 %, Prospect qualifié 20 %, Rendez-vous 40 %,
Proposition envoyée 60 %, Négociation 80 %; a probability typed on the row wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tests.messy.corpus import Totals, write_csv, write_xlsx

AS_OF = date(2026, 11, 23)


@dataclass(frozen=True)
class PmeSheet:
    """A workbook, the sheet its pipeline must be read from, its header row and figures."""

    name: str
    story: str
    path: Path
    sheet: str
    header_row: int
    totals: Totals
    open_deals: int
    won_deals: int
    lost_deals: int


def suivi_2026(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "suivi_commercial.xlsx", {
        "Suivi 2026": [
            ["Suivi commercial 2026 — Boulangeries & commerces"],
            [],
            ["Client", "Affaire", "Phase", "CA estimé", "% réussite", "Date relance",
             "Date de signature prévue", "Resp."],
            ["Boulangerie Martin", "Site vitrine", "Devis", "4 500 €", "50 %",
             date(2026, 11, 25), date(2026, 12, 15), "JM"],
            ["Garage Dupuis", "Logiciel atelier", "Négociation", 12000, None,
             date(2026, 11, 24), date(2026, 12, 20), "SL"],
            ["Cabinet Leroy", "Maintenance", "Gagné", 3000, None, None, date(2026, 11, 10), "JM"],
            ["Pharmacie Roux", "Refonte", "RDV", 8000, None, None, date(2027, 1, 15), "SL"],
            ["Total", None, None, 27500],
        ],
    }, merged={"Suivi 2026": ["A1:H1"]})
    # fmt: on
    # open 4 500 + 12 000 + 8 000 = 24 500; weighted 2 250 (50 % typed) + 9 600 + 3 200
    # = 15 050; won 3 000 on 10/11; Q4: 3 000 + 2 250 + 9 600 = 14 850 (RDV closes in 2027)
    return PmeSheet(
        "suivi-2026",
        "the issue's sheet: « Suivi 2026 », title row, CA estimé, "
        "% réussite, Phase, Resp., a Total row",
        path,
        "Suivi 2026",
        3,
        Totals(4, 24_500, 3_000, 15_050, 1.0, 14_850),
        3,
        1,
        0,
    )  # fmt: skip


def devis_btp(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "devis_2026.xlsx", {
        "Devis 2026": [
            ["SARL Bâti Ouest — suivi des devis"],
            ["Mis à jour le 20/11/2026"],
            [],
            ["Date envoi", "Chantier", "Client", "Montant HT", "% de chance", "Statut devis",
             "Date signature prévue", "Relancé le"],
            [date(2026, 10, 2), "Extension maison", "M. Durand", "45 800,00", "50%",
             "En attente", date(2026, 12, 12), date(2026, 11, 9)],
            [date(2026, 9, 14), "Rénovation toiture", "SCI Les Pins", 18200, None, "Accepté",
             date(2026, 11, 5), None],
            [date(2026, 9, 1), "Carrelage salle de bain", "Mme Petit", 6350, None, "Refusé",
             date(2026, 10, 20), None],
            [date(2026, 11, 3), "Ravalement façade", "Copro Victor Hugo", 32000, "30 %",
             "En attente", date(2027, 2, 15), None],
            [None, "TOTAL", None, 102350],
        ],
    })
    # fmt: on
    # no stage column: the status says open, won (« Accepté ») or lost (« Refusé »); open
    # 45 800 + 32 000 = 77 800 weighted by the typed chances 22 900 + 9 600 = 32 500; won
    # 18 200 on 05/11; Q4: 18 200 + 22 900 = 41 100; win rate 1 / 2
    return PmeSheet(
        "devis-btp",
        "a builder's quotes: « Chantier », « Statut devis » "
        "(Accepté / Refusé / En attente), « % de chance », no stage column",
        path,
        "Devis 2026",
        4,
        Totals(4, 77_800, 18_200, 32_500, 0.5, 41_100),
        2,
        1,
        1,
    )  # fmt: skip


def agence_web(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "pipe_agence.xlsx", {
        "Pipe": [
            ["Deal", "Client", "Stage", "Montant (€ HT)", "Proba", "Closing", "Owner",
             "Next step date"],
            ["Refonte e-commerce", "Bio&Co", "Proposal", 14000, None,
             datetime(2026, 12, 18), "Léa", datetime(2026, 11, 26)],
            ["App mobile", "TransLog", "Negotiation", 38000, "70%", datetime(2027, 1, 29),
             "Hugo", None],
            ["SEO annuel", "Hôtel du Lac", "Won", 9600, None, datetime(2026, 10, 14), "Léa",
             None],
            ["Intranet", "Mutuelle Ouest", "Lost", 22000, None, datetime(2026, 11, 2), "Hugo",
             None],
            ["Landing page", "Studio Yoga", "Lead", 1500, None, None, "Léa", None],
        ],
    })
    # fmt: on
    # open 14 000 + 38 000 + 1 500 = 53 500; weighted 8 400 + 26 600 (70 %) + 150 = 35 150;
    # won 9 600; Q4: 9 600 + 8 400 = 18 000; win rate 1 / 2
    return PmeSheet(
        "agence-web",
        "a web agency's « Pipe » in franglais: Deal, Stage, Closing, Owner, Proba",
        path,
        "Pipe",
        1,
        Totals(5, 53_500, 9_600, 35_150, 0.5, 18_000),
        3,
        1,
        1,
    )  # fmt: skip


def export_zoho_csv(folder: Path) -> PmeSheet:
    lines = [
        "Nom de la transaction;Nom du compte;Étape;Montant;Probabilité (%);Date d'échéance;"
        "Propriétaire de la transaction;Origine du lead",
        "Licences 2027;Cabinet Morel;Négociation;24 000,00;;30/12/2026;Claire;Salon",
        "Formation équipe;Groupe Arno;Prospect qualifié;5 500,00;;15/03/2027;Marc;Site web",
        "Audit sécurité;Clinique St Paul;Gagné;7 200,00;;02/10/2026;Claire;Recommandation",
    ]
    path = write_csv(folder / "transactions.csv", lines, encoding="utf-8-sig")
    # open 24 000 + 5 500 = 29 500; weighted 19 200 + 1 100 = 20 300; won 7 200; Q4:
    # 7 200 + 19 200 = 26 400
    return PmeSheet("export-zoho-csv", "a CRM's CSV export, French field names (Nom du "
                    "compte, Date d'échéance, Propriétaire de la transaction)", path,
                    "transactions", 1, Totals(3, 29_500, 7_200, 20_300, 1.0, 26_400),
                    2, 1, 0)  # fmt: skip


def industriel(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "affaires_industrie.xlsx", {
        "Affaires en cours": [
            ["AFFAIRES EN COURS — Service commercial"],
            ["Client", None, "Affaire", None, None, None, "Prévision", None],
            ["Raison sociale", "Interlocuteur", "Désignation", "Montant HT (€)", "Avancement",
             "Chance", "Date prévisionnelle", "Ingénieur commercial"],
            ["Méca Précision", "P. Girard", "Centre d'usinage", 185000, "Négociation", None,
             date(2026, 12, 15), "T. Lemaire"],
            ["Fonderie Rhône", "A. Blanc", "Rétrofit presse", 64000, "Devis envoyé", "40%",
             date(2026, 12, 31), "T. Lemaire"],
            ["Plasturgie 38", "S. Faure", "Robot palettiseur", 92000, "Signée", None,
             date(2026, 11, 5), "C. Vidal"],
            ["Agro Savoie", "L. Morin", "Ligne conditionnement", 240000, "Abandonné", None,
             date(2026, 10, 20), "C. Vidal"],
            ["Cartonnerie Alpine", "J. Roche", "Maintenance préventive", 18000, "RDV", None,
             date(2027, 2, 15), "T. Lemaire"],
        ],
    }, merged={"Affaires en cours": ["A1:H1", "A2:B2", "C2:F2", "G2:H2"]})
    # fmt: on
    # open 185 000 + 64 000 + 18 000 = 267 000; weighted 148 000 + 25 600 (40 %) + 7 200
    # = 180 800; won 92 000; Q4: 92 000 + 148 000 + 25 600 = 265 600; win rate 1 / 2
    return PmeSheet(
        "industriel",
        "an industrial SME: merged group headers over the real "
        "ones, Raison sociale, Désignation, Avancement, Ingénieur commercial",
        path,
        "Affaires en cours",
        3,
        Totals(5, 267_000, 92_000, 180_800, 0.5, 265_600),
        3,
        1,
        1,
    )  # fmt: skip


def crm_maison(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "crm_maison.xlsx", {
        "Prospects": [
            ["Date de création", "Entreprise", "Contact", "E-mail", "Téléphone", "Besoin",
             "Étape", "Statut", "Montant", "Source", "Dernier contact", "À relancer le",
             "Date de signature prévue"],
            [date(2026, 9, 1), "Les Jardins d'Élise", "Élise Bon", "elise@jardins.fr",
             "06 12 34 56 78", "Site + logo", "Rendez-vous", "En cours", 3200,
             "Bouche-à-oreille", date(2026, 11, 10), date(2026, 11, 20), date(2026, 12, 5)],
            [date(2026, 9, 20), "Atelier Bois", "Yann Le Goff", "yann@atelierbois.fr",
             "02 98 00 11 22", "Boutique en ligne", "Proposition envoyée", "En cours", 8900,
             "Salon", date(2026, 11, 16), date(2026, 11, 30), date(2027, 1, 20)],
            [date(2026, 8, 5), "Café des Arts", "Inès Diallo", "ines@cafedesarts.fr", None,
             "Maintenance", "Proposition envoyée", "Gagné", 1800, "LinkedIn", None, None,
             date(2026, 11, 15)],
            [date(2026, 7, 1), "Domaine Vigne", "Marc Roy", "marc@vigne.fr", None, "Refonte",
             "Négociation", "Perdu", 12000, "Site web", None, None, date(2026, 10, 30)],
        ],
    })
    # fmt: on
    # open 3 200 + 8 900 = 12 100; weighted 1 280 + 5 340 = 6 620; won 1 800 (its status
    # says so); Q4: 1 800 + 1 280 = 3 080; win rate 1 / 2
    return PmeSheet(
        "crm-maison",
        "a home-made CRM in a sheet « Prospects »: stage and status apart, À relancer le, Besoin",
        path,
        "Prospects",
        1,
        Totals(4, 12_100, 1_800, 6_620, 0.5, 3_080),
        2,
        1,
        1,
    )  # fmt: skip


def grossiste(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "prospection.xlsx", {
        "Suivi prospection": [
            ["N°", "Date 1er contact", "Prospect", "Contact", "Tél.", "Vendeur", "Stade",
             "CA prévisionnel", "Proba", "Échéance", "Statut", "Segment"],
            [1, date(2026, 9, 2), "Épicerie Fine Lyon", "Mme Carré", "04 78 00 00 01",
             "Nadia", "Proposition", 6000, None, date(2026, 12, 10), "En cours", "A"],
            [2, date(2026, 10, 5), "Cave du Marché", "M. Petit", "04 78 00 00 02", "Nadia",
             "Négociation", 4000, "90 %", date(2026, 11, 30), "En cours", "B"],
            ["Sous-total Nadia", None, None, None, None, None, None, 10000],
            [],
            [3, date(2026, 8, 20), "Hôtel Bellevue", "M. Garcia", "04 78 00 00 03", "Paul",
             "Gagné", 15000, None, date(2026, 10, 5), "Gagné", "A"],
            [4, date(2026, 11, 2), "Restaurant L'Olivier", "Mme Nguyen", "04 78 00 00 04",
             "Paul", "Rendez-vous", 2500, None, date(2027, 1, 10), "En cours", "C"],
            ["Sous-total Paul", None, None, None, None, None, None, 17500],
        ],
    })
    # fmt: on
    # open 6 000 + 4 000 + 2 500 = 12 500; weighted 3 600 + 3 600 (90 %) + 1 000 = 8 200;
    # won 15 000; Q4: 15 000 + 3 600 + 3 600 = 22 200
    return PmeSheet(
        "grossiste",
        "a wholesaler's prospecting grouped by salesperson with "
        "sub-totals and a blank row: Prospect, Vendeur, Stade, CA prévisionnel",
        path,
        "Suivi prospection",
        1,
        Totals(4, 12_500, 15_000, 8_200, 1.0, 22_200),
        3,
        1,
        0,
    )  # fmt: skip


def conseil(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "opportunites.xlsx", {
        "Opportunités": [
            ["Réf.", "Client", "Mission", "Enjeu €", "Étape de vente", "Prob.",
             "Décision attendue", "Responsable"],
            ["C-101", "Banque Régionale", "Audit conformité", "25 k€", "Proposition", None,
             date(2026, 12, 20), "A. Martin"],
            ["C-102", "Groupe Santé+", "Schéma directeur", "120 k€", "Négociation", "50 %",
             date(2027, 3, 31), "B. Colin"],
            ["C-103", "Mairie de Caen", "AMO", "48 000 €", "Gagné", None, date(2026, 11, 12),
             "A. Martin"],
            ["C-104", "Transports Vial", "Diagnostic", "12 k€", "Perdu", None,
             date(2026, 10, 15), "B. Colin"],
        ],
    })
    # fmt: on
    # open 25 000 + 120 000 = 145 000; weighted 15 000 + 60 000 (50 %) = 75 000; won
    # 48 000; Q4: 48 000 + 15 000 = 63 000; win rate 1 / 2
    return PmeSheet(
        "conseil",
        "a consultancy: Enjeu € in k€, Mission, Décision attendue, Prob.",
        path,
        "Opportunités",
        1,
        Totals(4, 145_000, 48_000, 75_000, 0.5, 63_000),
        2,
        1,
        1,
    )  # fmt: skip


def relances_menuiserie(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "relances.xlsx", {
        "Relances clients": [
            ["Client", "Objet", "Montant du devis", "Statut", "Probabilité de signature",
             "Date de signature", "Suivi par", "Date dernier contact", "Prochaine relance",
             "Nb relances"],
            ["Menuiserie Blanc", "Fenêtres atelier", 9400, "À relancer", "60 %",
             date(2026, 12, 1), "Sophie", date(2026, 11, 2), date(2026, 11, 16), 2],
            ["SARL Teixeira", "Portail alu", 3100, "Signé", None, date(2026, 11, 18), "Sophie",
             date(2026, 11, 18), None, 1],
            ["M. Lopez", "Véranda", 21000, "À relancer", "25 %", date(2027, 4, 1), "Karim",
             date(2026, 11, 20), date(2026, 12, 4), 0],
            ["Mme Garnier", "Pergola", 7800, "Sans suite", None, date(2026, 11, 3), "Karim",
             None, None, 3],
        ],
    })
    # fmt: on
    # open 9 400 + 21 000 = 30 400; weighted 5 640 + 5 250 = 10 890; won 3 100; Q4:
    # 3 100 + 5 640 = 8 740; win rate 1 / 2
    return PmeSheet(
        "relances",
        "a follow-up sheet with status words only (À relancer, "
        "Signé, Sans suite), Montant du devis, Suivi par",
        path,
        "Relances clients",
        1,
        Totals(4, 30_400, 3_100, 10_890, 0.5, 8_740),
        2,
        1,
        1,
    )  # fmt: skip


def editeur_etapes(folder: Path) -> PmeSheet:
    # fmt: off
    path = write_xlsx(folder / "pipeline_saas.xlsx", {
        "Pipeline 2026": [
            ["Opportunité", "Entreprise", "Phase", "Valeur", "Clôture prévue", "Commercial"],
            ["Abonnement Pro", "Optique Lumière", "Démo", 4800, date(2026, 12, 12), "Zoé"],
            ["Pack Entreprise", "Notaires Associés", "Offre", 15600, date(2026, 12, 22), "Zoé"],
            ["Abonnement Pro", "Vétérinaire Duval", "Signé", 4800, date(2026, 10, 28), "Tom"],
            ["Pack Premium", "Cabinet Rey", "Closing", 28000, date(2027, 1, 15), "Tom"],
        ],
        "Étapes": [
            ["Étape", "Ordre", "Probabilité"],
            ["Découverte", 1, "15 %"],
            ["Démo", 2, "35 %"],
            ["Offre", 3, "55 %"],
            ["Closing", 4, "85 %"],
            ["Signé", 5, "100 %"],
            ["Perdu", 6, "0 %"],
        ],
    })
    # fmt: on
    # its own stages: open 4 800 + 15 600 + 28 000 = 48 400; weighted 1 680 + 8 580 +
    # 23 800 = 34 060; won 4 800; Q4: 4 800 + 1 680 + 8 580 = 15 060
    return PmeSheet(
        "editeur-etapes",
        "a software vendor's « Pipeline 2026 » with its own "
        "« Étapes » tab (Démo 35 %, Offre 55 %, Closing 85 %)",
        path,
        "Pipeline 2026",
        1,
        Totals(4, 48_400, 4_800, 34_060, 1.0, 15_060),
        3,
        1,
        0,
    )  # fmt: skip


def csv_excel_windows(folder: Path) -> PmeSheet:
    lines = [
        "Affaire;Société;Etape;CA HT;% chance;Date closing;Commercial",
        "Contrat maintenance;Imprimerie Nord;Négociation;7 500,00 €;;15/12/2026;Luc",
        "Copieurs;Lycée Jean Moulin;Devis envoyé;18 900,00 €;45 %;28/02/2027;Luc",
        "Traceur;Archi & Co;Signé;5 200,00 €;;03/11/2026;Eva",
    ]
    path = write_csv(folder / "export_pipe.csv", lines, encoding="cp1252")
    # open 7 500 + 18 900 = 26 400; weighted 6 000 + 8 505 (45 %) = 14 505; won 5 200; Q4:
    # 5 200 + 6 000 = 11 200
    return PmeSheet("csv-windows", "a CSV saved by French Excel on Windows (cp1252, ;): "
                    "CA HT, % chance, Date closing", path, "export_pipe", 1,
                    Totals(3, 26_400, 5_200, 14_505, 1.0, 11_200), 2, 1, 0)  # fmt: skip


PME_SHEETS: tuple[Callable[[Path], PmeSheet], ...] = (
    suivi_2026,
    devis_btp,
    agence_web,
    export_zoho_csv,
    industriel,
    crm_maison,
    grossiste,
    conseil,
    relances_menuiserie,
    editeur_etapes,
    csv_excel_windows,
)
