"""The made-up company: Solvéo Services, a French B2B IT services PME.

Its people, the words its sheets use, what it sells, who its clients are and its
commercial action plan. Plain data: :mod:`salespipe.sample.generator` draws deals
from it, :mod:`salespipe.sample.workbook` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COMPANY = "Solvéo Services"
OWNERS = ("Camille Martin", "Julien Bernard", "Sophie Petit", "Karim Haddad")
#: Owner of the marketing actions: a team, not a sales person, so not in OWNERS.
MARKETING = "Marketing"

# --- the words its sheets use --------------------------------------------------------

#: The French word written in the Status column for each status.
STATUS_LABELS = {"open": "en cours", "won": "gagné", "lost": "perdu"}
TEMPERATURES = ("froid", "tiède", "chaud")
LOST_REASONS = ("prix", "concurrent", "pas de budget", "projet reporté")
LEVERS = ("Business as usual", "Levier de croissance")

#: The words of the translated fields in English; every other value stays as written.
ENGLISH_WORDS = {
    "en cours": "open", "gagné": "won", "perdu": "lost",
    "froid": "cold", "tiède": "warm", "chaud": "hot",
    "prix": "price", "concurrent": "competitor", "pas de budget": "no budget",
    "projet reporté": "project postponed", "Levier de croissance": "Growth lever",
}  # fmt: skip
TRANSLATED_FIELDS = frozenset({"status", "temperature", "lost_reason", "lever"})


def in_english(field: str, value: Any) -> Any:
    """``value`` of ``field`` as the English demo writes it (few fields are translated)."""
    if field in TRANSLATED_FIELDS and isinstance(value, str):
        return ENGLISH_WORDS.get(value, value)
    return value


# --- what it sells ---------------------------------------------------------------------

#: (deal name, smallest amount, largest amount) in euros HT.
OFFERS = (
    ("Infogérance parc informatique", 8_000, 60_000),
    ("Audit cybersécurité", 5_000, 25_000),
    ("Refonte site web", 6_000, 35_000),
    ("Migration Microsoft 365", 4_000, 30_000),
    ("Contrat de maintenance annuel", 3_000, 18_000),
    ("Déploiement ERP", 30_000, 120_000),
    ("Formation bureautique", 3_000, 12_000),
    ("Accompagnement RGPD", 4_000, 20_000),
    ("Téléphonie IP", 5_000, 40_000),
    ("Sauvegarde externalisée", 3_000, 15_000),
    ("Conseil transformation digitale", 15_000, 90_000),
)
#: What follows an offer's name in one deal in five.
OFFER_SUFFIXES = (" – phase 2", " – 2 sites", " – renouvellement", " – siège")
#: Notes a sales person types, by the deal's status.
NOTES = {
    "open": (
        "Rappeler après les congés", "Attend la validation du gérant", "Devis v2 à envoyer",
        "Décideur = DAF", "Budget voté en janvier", "Compare avec une offre concurrente",
        "Demande une démo sur site",
    ),
    "won": ("Bon de commande reçu", "Signé par le gérant", "Démarrage prévu le mois prochain"),
    "lost": ("Parti chez un concurrent moins cher", "Projet gelé par la direction", "Sans réponse"),
}  # fmt: skip

# --- its clients: « Boulangeries Lemaire SARL », contact « Hélène Dupont » ------------

ACTIVITIES = (
    "Boulangeries", "Transports", "Menuiserie", "Garage", "Cabinet", "Imprimerie", "Pharmacie",
    "Laboratoire", "Clinique", "Hôtel", "Charpente", "Plomberie", "Électricité", "Agence",
    "Maçonnerie", "Traiteur", "Distribution", "Mécanique", "Fromagerie", "Brasserie",
    "Vignobles", "Ambulances", "Paysages", "Optique", "Ateliers", "Carrosserie", "Négoce",
)  # fmt: skip
SURNAMES = (
    "Lemaire", "Roux", "Fabre", "Morel", "Girard", "Fontaine", "Chevalier", "Lambert",
    "Bonnet", "Dupuis", "Gauthier", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Faure",
    "André", "Rousseau", "Lefèvre", "Masson", "Perrin", "Marchand", "Duval", "Robin",
    "Clément", "Brun", "Renaud", "Picard", "Caron", "Vidal", "Meunier", "Arnaud", "Barbier",
    "Giraud", "Aubert", "Roche", "Colin", "Leclerc", "Noël",
)  # fmt: skip
#: What follows a client's name: a legal form or « & Fils »; blanks: names typed without.
CLIENT_NAME_ENDINGS = ("SARL", "SAS", "SA", "EURL", "& Fils", "", "", "")
FIRST_NAMES = (
    "Jean", "Marie", "Hélène", "Jérôme", "François", "Céline", "Loïc", "Nathalie", "Thomas",
    "Isabelle", "Nicolas", "Sandrine", "Pierre", "Aurélie", "Stéphane", "Valérie", "Mathieu",
    "Émilie", "Olivier", "Claire", "Laurent", "Chloé", "Sébastien", "Anne", "Frédéric", "Léa",
    "David", "Sarah", "Yannick", "Agnès",
)  # fmt: skip
LAST_NAMES = (
    "Dupont", "Durand", "Lefebvre", "Moreau", "Simon", "Laurent", "Michel", "Garcia", "David",
    "Bertrand", "Roussel", "Vincent", "Fournier", "Morin", "Henry", "Mathieu", "Lemoine",
    "Legrand", "Le Goff", "Benoît", "Muller", "Gérard", "Boucher", "Collet", "Perrot",
    "Hubert", "Rey", "Schmitt", "Ferreira", "Besson",
)  # fmt: skip

# --- its action plan -------------------------------------------------------------------

#: The action plan covers weeks 1 to 52 of one year (the template's grid has 53 columns,
#: salespipe.template.WEEKS, for the ISO years that have a week 53).
PLAN_WEEKS = 52


@dataclass(frozen=True)
class ActionSpec:
    """One row of the action plan; ``grid`` weeks are ticked, else start/end weeks."""

    name: str
    type: str
    owner: str
    budget: int
    target: str
    planned: int
    lever: str
    revenue: int
    weight: int  # how often it is a deal's source
    grid: tuple[int, ...] = ()
    start: int | str | None = None
    end: int | str | None = None

    @property
    def running_weeks(self) -> tuple[int, ...]:
        """The weeks the action runs: its grid, or start..end (``"S10"`` or 10)."""
        if self.grid:
            return self.grid
        start, end = (int(str(w).lstrip("S")) for w in (self.start, self.end))
        return tuple(range(start, end + 1))


ACTIONS = (
    ActionSpec("Salon Batimat", "Salon", "Camille Martin", 12_000, "Entreprises du BTP",
               80, LEVERS[1], 90_000, 10, grid=(40, 41)),
    ActionSpec("Salon des Entrepreneurs", "Salon", "Karim Haddad", 6_500, "Dirigeants de PME",
               50, LEVERS[1], 60_000, 6, grid=(6, 7)),
    ActionSpec("Campagne LinkedIn", "LinkedIn", MARKETING, 4_000, "Décideurs IT", 200,
               LEVERS[1], 45_000, 12, start="S10", end="S35"),
    ActionSpec("Phoning fichier CCI", "Phoning", "Julien Bernard", 800,
               "Fichier CCI 500 entreprises", 500, LEVERS[0], 70_000, 16,
               grid=(*range(3, 15), *range(37, 49))),
    ActionSpec("Emailing clients", "Emailing", MARKETING, 600, "Clients et anciens clients",
               12, LEVERS[0], 30_000, 8, start=2, end=50),
    ActionSpec("Webinar", "Webinar", "Sophie Petit", 1_500, "Prospects tièdes", 4,
               LEVERS[1], 40_000, 8, grid=(12, 24, 38, 47)),
    ActionSpec("Recommandation", "Recommandation", "Sophie Petit", 0, "Clients satisfaits",
               20, LEVERS[0], 80_000, 20, start=1, end=PLAN_WEEKS),
    ActionSpec("Parrainage clients", "Parrainage", "Karim Haddad", 2_000, "Clients segment A",
               10, LEVERS[1], 50_000, 5, start="S15", end="S45"),
    ActionSpec("Site web", "Site web", MARKETING, 3_500, "Visiteurs du site", 60,
               LEVERS[0], 35_000, 18, start=1, end=PLAN_WEEKS),
)  # fmt: skip
