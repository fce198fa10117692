"""A small sample pipeline for the CRM export tests, built by code, and map-file helpers.

The rows cover what the export must handle: a company typed three ways (name in
lower case, with a legal form, with SIREN and website), one contact on two rows
(same e-mail in another case), phones in French and international shapes and an
invalid one, an invalid e-mail, free text starting with a formula character and a
DDE payload, a won deal, a lost deal without close date, a stage the stage table
does not know, a duplicate ID, a row without anything to name it, a totals row
and a blank row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from salespipe.core.crm.maps import OwnerEntry, StageMapEntry, owners_rows, stage_map_rows
from salespipe.export import OWNERS_FILE, STAGE_MAP_FILE, export_workbook, write_sheet_file

AS_OF = date(2026, 11, 23)
CRMS = ("hubspot", "pipedrive", "salesforce", "odoo", "zoho", "generic")

HEADER = [
    "ID",
    "Affaire",
    "Société",
    "Contact",
    "E-mail",
    "Téléphone",
    "Commercial",
    "Étape",
    "Statut",
    "Montant HT",
    "Probabilité",
    "Date de création",
    "Date de clôture prévue",
    "Dernier contact",
    "Nb relances",
    "Source",
    "Raison de perte",
    "Notes",
    "SIREN",
    "Site web",
]

# fmt: off
ROWS: list[list[Any]] = [
    ["A1", "Site vitrine", "boulangerie dupré", "jean DUPONT", "Jean.Dupont@Boulangerie-Dupre.fr",
     "06 12 34 56 78", "Marie", "Proposition envoyée", "en cours", "12 500,50 €", None,
     date(2026, 9, 1), date(2026, 12, 15), date(2026, 11, 10), 2, "Salon Rennes", None,
     '=HYPERLINK("http://exemple.com","ici")', "732 829 320", "https://www.boulangerie-dupre.fr/"],
    ["A2", "-10 % fidélité", "Boulangerie Dupré SARL", "Marie-Claire Curie", "mc.curie@gmail.com",
     "+33 1 23 45 67 89", "Paul", "Négociation", "en cours", 4200, "30 %", date(2026, 10, 1),
     date(2027, 1, 20), None, None, "Phoning", None, "Relancer après le salon", None, None],
    ["A3", "Audit", "Garage Martin", "M. Le Goff", "jean.dupont@boulangerie-dupre.fr",
     "02 97 00 00 00", "Marie", "Gagné", "gagné", 3400.75, None, date(2026, 7, 1),
     date(2026, 10, 15), None, None, "Recommandation", None, None, None, None],
    ["A4", "Formation", "Garage Martin", None, "contact at garage.fr", "12345", "Paul",
     "Rendez-vous", "perdu", 800, None, date(2026, 6, 1), None, None, None, None, "Trop cher",
     "@Paul: voir devis", None, None],
    [None, "Chatbot", "Cabinet Ferré", "Sophie", "sophie@cabinet-ferre.fr", "0033 6 98 76 54 32",
     "Marie", "Relance téléphonique", None, "1 500", None, date(2026, 11, 2), date(2026, 12, 31),
     date(2026, 11, 16), 1, "LinkedIn", None, "voir cmd|' /C calc'!A0", "552 032 534 00013",
     None],
    ["a1", "Site vitrine (copie)", "boulangerie dupré", None, None, None, "Marie", "Suspect", None,
     100, None, None, None, None, None, None, None, None, None, None],
    [None, None, None, None, None, None, "Paul", "Suspect", None, 250, None, None, None, None,
     None, None, None, None, None, None],
    [],
    ["B1", "Logiciel", "Transports Roux", "Hugo Roux", "hugo@transports-roux.fr",
     "+44 20 7946 0958", "Paul", "Suspect", None, None, None, date(2026, 11, 20), None, None, 0,
     None, None, "Contact: \"Hugo\" | tél. <direct>", "123 456 789", "transports-roux.fr"],
    ["Total", None, None, None, None, None, None, None, None, 23250.5],
]
# fmt: on

OWNERS = [
    OwnerEntry("Marie", "marie.martin@exemple.fr", "Marie Martin"),
    OwnerEntry("Paul", "paul.bernard@exemple.fr", "Paul Bernard"),
]


def write_sample(path: Path) -> Path:
    """The sample workbook: a title row, the header on row 3, then ROWS."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Pipeline"
    sheet.append(["Suivi commercial – Boulangeries de l'Ouest"])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # text typed with a leading « = », not a formula
                cell.data_type = "s"
    workbook.save(path)
    return path


def write_maps(
    folder: Path,
    stage_map: Sequence[StageMapEntry],
    owners: Sequence[OwnerEntry] = (),
    fill: str = "",
) -> None:
    """Write both map files into ``folder``; blank targets get ``fill`` (if given) and
    owners without e-mail a made-up one, as a user would complete them."""
    folder.mkdir(parents=True, exist_ok=True)
    stages = [
        StageMapEntry(e.source_stage, e.target_pipeline, e.target_stage or fill) for e in stage_map
    ]
    people = [
        OwnerEntry(o.owner, o.email or f"owner{i}@exemple.fr", o.crm_user)
        for i, o in enumerate(owners, start=1)
    ]
    write_sheet_file(folder / STAGE_MAP_FILE, stage_map_rows(stages))
    write_sheet_file(folder / OWNERS_FILE, owners_rows(people))


def complete_maps(source: Path, crm: str, folder: Path, **options: Any) -> None:
    """Propose the maps with ``--check``, then complete them the way a user would."""
    proposed = export_workbook(source, crm, folder, as_of=AS_OF, check=True, **options).plan
    fill = proposed.profile.suggestion.open_stages[:1] or ("À qualifier",)
    write_maps(folder, proposed.stage_map, proposed.owners, fill[0])
