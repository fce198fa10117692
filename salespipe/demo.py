"""A realistic sample workbook: the pipeline and action plan of a French B2B services PME.

:func:`build_demo_workbook` writes, with openpyxl, three sheets as a French
PME keeps them: « Pipeline » (a merged title row, a blank row, the headers on
row 3, about 240 deals over the twelve months before ``as_of`` and open deals
closing in the next six), « Étapes » (the default stage table) and « Plan
d'actions » (the commercial action plan with a week grid). On purpose the
Pipeline sheet also holds the messy cells real sheets have: amounts and dates
typed as text, an impossible date, stage typos, an invalid e-mail, a duplicate
ID, a blank row, a totals row... :class:`DemoInfo` lists each of them with its
row and the issue code salespipe is expected to raise (None when the cell is
messy but still readable).

Everything is drawn from ``random.Random(seed)`` and dated relative to
``as_of``: the same seed and date give the same workbook, whatever the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from salespipe.core.model import DEFAULT_CADENCE, StageTable, fold
from salespipe.core.reading.tables import ACTION_HEADERS, DEAL_HEADERS, STAGE_HEADERS

LANGS = ("fr", "en")
COMPANY = "Solvéo Services"
OWNERS = ("Camille Martin", "Julien Bernard", "Sophie Petit", "Karim Haddad")
MARKETING = "Marketing"

#: The 21 Pipeline columns, in sheet order (keys of DEAL_HEADERS).
DEAL_FIELDS = (
    "deal_id", "name", "company", "contact", "email", "phone", "owner", "stage", "status",
    "amount", "probability", "created", "expected_close", "last_contact", "next_followup",
    "touches", "source", "segment", "temperature", "lost_reason", "notes",
)  # fmt: skip
STAGE_FIELDS = ("name", "order", "probability", "expected_days", "cadence")
ACTION_FIELDS = (
    "action", "type", "owner", "budget", "start_week", "end_week", "target",
    "planned_count", "done_count", "lever", "expected_revenue",
)  # fmt: skip

TITLE_ROW = 1
HEADER_ROW = 3
FIRST_DEAL_ROW = HEADER_ROW + 1
N_DEALS = 240
WEEKS = 52

DATE_FORMAT = "DD/MM/YYYY"
EURO_FORMAT = '#,##0 "€"'
PERCENT_FORMAT = "0%"

SHEET_NAMES = {
    "fr": ("Pipeline", "Étapes", "Plan d'actions"),
    "en": ("Pipeline", "Stages", "Action plan"),
}
TITLES = {"fr": "Pipeline commercial — {company}", "en": "Sales pipeline — {company}"}
WEEK_PREFIX = {"fr": "S", "en": "W"}
TOTAL_LABEL = "Total"

# Words written in French and, for lang="en", translated in these columns only.
_ENGLISH = {
    "en cours": "open", "gagné": "won", "perdu": "lost",
    "froid": "cold", "tiède": "warm", "chaud": "hot",
    "prix": "price", "concurrent": "competitor", "pas de budget": "no budget",
    "projet reporté": "project postponed", "Levier de croissance": "Growth lever",
}  # fmt: skip
_TRANSLATED_FIELDS = frozenset({"status", "temperature", "lost_reason", "lever"})
STATUS_WORDS = {"open": "en cours", "won": "gagné", "lost": "perdu"}
LOST_REASONS = ("prix", "concurrent", "pas de budget", "projet reporté")
LEVERS = ("Business as usual", "Levier de croissance")

# --- data to draw from -----------------------------------------------------------------

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
LEGAL_FORMS = ("SARL", "SAS", "SA", "EURL", "& Fils", "", "", "")
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
# (deal name, smallest amount, largest amount) in euros HT.
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
NOTES = {
    "open": (
        "Rappeler après les congés", "Attend la validation du gérant", "Devis v2 à envoyer",
        "Décideur = DAF", "Budget voté en janvier", "Compare avec une offre concurrente",
        "Demande une démo sur site",
    ),
    "won": ("Bon de commande reçu", "Signé par le gérant", "Démarrage prévu le mois prochain"),
    "lost": ("Parti chez un concurrent moins cher", "Projet gelé par la direction", "Sans réponse"),
}  # fmt: skip

# Open deals per open stage, in funnel order; won and lost deals.
OPEN_PER_STAGE = (34, 30, 26, 20, 14)
N_WON = 52
LOST_STAGE_WEIGHTS = (15, 25, 25, 25, 10)


@dataclass(frozen=True)
class _ActionSpec:
    """One row of the demo action plan; ``grid`` weeks are ticked, else start/end weeks."""

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


ACTIONS = (
    _ActionSpec("Salon Batimat", "Salon", "Camille Martin", 12_000, "Entreprises du BTP",
                80, LEVERS[1], 90_000, 10, grid=(40, 41)),
    _ActionSpec("Salon des Entrepreneurs", "Salon", "Karim Haddad", 6_500, "Dirigeants de PME",
                50, LEVERS[1], 60_000, 6, grid=(6, 7)),
    _ActionSpec("Campagne LinkedIn", "LinkedIn", MARKETING, 4_000, "Décideurs IT", 200,
                LEVERS[1], 45_000, 12, start="S10", end="S35"),
    _ActionSpec("Phoning fichier CCI", "Phoning", "Julien Bernard", 800,
                "Fichier CCI 500 entreprises", 500, LEVERS[0], 70_000, 16,
                grid=(*range(3, 15), *range(37, 49))),
    _ActionSpec("Emailing clients", "Emailing", MARKETING, 600, "Clients et anciens clients",
                12, LEVERS[0], 30_000, 8, start=2, end=50),
    _ActionSpec("Webinar", "Webinar", "Sophie Petit", 1_500, "Prospects tièdes", 4,
                LEVERS[1], 40_000, 8, grid=(12, 24, 38, 47)),
    _ActionSpec("Recommandation", "Recommandation", "Sophie Petit", 0, "Clients satisfaits",
                20, LEVERS[0], 80_000, 20, start=1, end=52),
    _ActionSpec("Parrainage clients", "Parrainage", "Karim Haddad", 2_000, "Clients segment A",
                10, LEVERS[1], 50_000, 5, start="S15", end="S45"),
    _ActionSpec("Site web", "Site web", MARKETING, 3_500, "Visiteurs du site", 60,
                LEVERS[0], 35_000, 18, start=1, end=52),
)  # fmt: skip

# --- what the demo reports -------------------------------------------------------------


@dataclass(frozen=True)
class MessyCell:
    """One deliberately messy cell (or whole row) of the demo Pipeline sheet.

    ``field`` is the deal field (a DEAL_HEADERS key) and ``column`` its header as
    written; both are None for a blank row. ``value`` is what was written (None
    for a cell left blank). ``issue`` is the ISSUE_TEXTS code salespipe should
    raise for it, or None when the cell is messy but still readable.
    """

    row: int
    field: str | None
    column: str | None
    value: Any
    kind: str
    issue: str | None


@dataclass(frozen=True)
class DemoInfo:
    """What :func:`build_demo_workbook` wrote.

    ``deal_rows`` counts every deal row written on the Pipeline sheet, messy ones
    and the duplicate-ID row included (not the blank row nor the totals row);
    ``open_deals``, ``won_deals`` and ``lost_deals`` split them by the status written.
    """

    path: Path
    company: str
    lang: str
    seed: int
    as_of: date
    sheets: tuple[str, str, str]
    header_row: int
    first_row: int
    last_row: int
    total_row: int
    deal_rows: int
    open_deals: int
    won_deals: int
    lost_deals: int
    owners: tuple[str, ...]
    actions: int
    messy: tuple[MessyCell, ...]

    @property
    def messy_count(self) -> int:
        """How many messy cells and rows the Pipeline sheet holds."""
        return len(self.messy)

    @property
    def messy_kinds(self) -> tuple[str, ...]:
        """The distinct kinds of mess, sorted."""
        return tuple(sorted({m.kind for m in self.messy}))

    @property
    def expected_issues(self) -> tuple[tuple[int, str], ...]:
        """(row, issue code) salespipe should report on the Pipeline sheet, by row."""
        return tuple(sorted((m.row, m.issue) for m in self.messy if m.issue))


# --- deals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Company:
    name: str
    contact: str
    email: str | None
    phone: str | None


@dataclass
class _DealRow:
    """A deal being generated: its outcome and the values its cells will hold."""

    status: str  # "open", "won" or "lost"
    stage: str
    values: dict[str, Any]
    special: bool = False  # reserved for a follow-up case; never made messy


def _slug(text: str) -> str:
    """``"Hôtel Lefèvre"`` → ``"hotel-lefevre"``: for domains and e-mail local parts."""
    return "-".join(fold(text).split())


def _phone(rng: random.Random) -> str | None:
    """A French phone number typed one of the ways people type them."""
    if rng.random() < 0.08:
        return None
    lead = rng.choice("67") if rng.random() < 0.6 else rng.choice("12345")
    pairs = [f"{rng.randint(0, 99):02d}" for _ in range(4)]
    style = rng.randrange(4)
    if style == 0:
        return " ".join([f"0{lead}", *pairs])
    if style == 1:
        return " ".join(["+33", lead, *pairs])
    if style == 2:
        return f"0{lead}" + "".join(pairs)
    return ".".join([f"0{lead}", *pairs])


def _company_name(rng: random.Random) -> str:
    legal = rng.choice(LEGAL_FORMS)
    name = f"{rng.choice(ACTIVITIES)} {rng.choice(SURNAMES)}"
    return f"{name} {legal}" if legal else name


def _email(rng: random.Random, first: str, last: str, company: str) -> str | None:
    """first.last@company-domain.fr, sometimes f.last@ or .com, sometimes missing."""
    draw = rng.random()
    base = company.removesuffix(" SARL").removesuffix(" SAS").removesuffix(" SA")
    domain = _slug(base.removesuffix(" EURL")) + (".com" if rng.random() < 0.15 else ".fr")
    if draw < 0.07:
        return None
    if draw < 0.22:
        return f"{_slug(first)[0]}.{_slug(last)}@{domain}"
    return f"{_slug(first)}.{_slug(last)}@{domain}"


def _companies(rng: random.Random, count: int) -> list[_Company]:
    """``count`` distinct client companies, each with its contact."""
    names: list[str] = []
    while len(names) < count:
        name = _company_name(rng)
        if name not in names:
            names.append(name)
    companies = []
    for name in names:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = _email(rng, first, last, name)
        companies.append(_Company(name, f"{first} {last}", email, _phone(rng)))
    return companies


def _outcomes(rng: random.Random) -> list[tuple[str, str]]:
    """(status, stage) of every deal: open ones in each open stage, won, lost at a stage."""
    open_stages = [s.name for s in StageTable.default().open_stages]
    won = StageTable.default().won_stage
    assert won is not None
    plan = [("open", s) for s, n in zip(open_stages, OPEN_PER_STAGE, strict=True) for _ in range(n)]
    plan += [("won", won.name)] * N_WON
    n_lost = N_DEALS - len(plan)
    plan += [("lost", s) for s in rng.choices(open_stages, LOST_STAGE_WEIGHTS, k=n_lost)]
    return plan


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _open_timeline(rng: random.Random, as_of: date, position: int) -> dict[str, Any]:
    """Dates of an open deal at funnel ``position`` (0 = first stage): older when further."""
    created = as_of - _days(rng, 3 + 10 * position, 60 + 35 * position)
    last_contact = as_of - _days(rng, 0, min((as_of - created).days, 40))
    return {
        "created": created,
        "expected_close": as_of + _days(rng, 7 + (4 - position) * 15, 90 + (4 - position) * 22),
        "last_contact": last_contact,
        "next_followup": _next_followup(rng, as_of, last_contact),
        "touches": rng.choices(range(10), (6, 12, 14, 14, 10, 7, 5, 2, 1, 1))[0],
    }


def _next_followup(rng: random.Random, as_of: date, last_contact: date) -> date | None:
    """A typed follow-up date for three deals in four: mostly ahead, some already past."""
    draw = rng.random()
    if draw < 0.25:
        return None
    if draw < 0.75:
        return as_of + _days(rng, 0, 21)
    return max(last_contact + timedelta(days=1), as_of - _days(rng, 1, 30))


def _closed_timeline(rng: random.Random, as_of: date, position: int) -> dict[str, Any]:
    """Dates of a won (``position`` 5) or lost deal, closed before ``as_of``.

    The further a deal went before it was won or lost, the longer it took.
    """
    won = position >= len(OPEN_PER_STAGE)
    created = as_of - _days(rng, 20 if won else 10, 365)
    cycle = _days(rng, 7 + 10 * position, 40 + 18 * position)
    close = max(created, min(created + cycle, as_of - _days(rng, 1, 3)))
    last_contact = max(created, close - _days(rng, 0, 5 if won else 12))
    return {
        "created": created,
        "expected_close": close,
        "last_contact": last_contact,
        "next_followup": None,
        "touches": rng.randint(2, 6) if won else rng.randint(1, 7),
    }


def _segment(rng: random.Random, amount: float) -> str:
    """A for the big accounts, C for the small ones, with the odd exception."""
    if rng.random() < 0.1:
        return rng.choice("ABC")
    return "A" if amount >= 40_000 else "B" if amount >= 12_000 else "C"


def _temperature(rng: random.Random, status: str, position: int) -> str | None:
    """froid / tiède / chaud: warmer further down the funnel; sometimes left blank."""
    if rng.random() < 0.08:
        return None
    if status == "won":
        weights: Sequence[float] = (0, 2, 8)
    elif status == "lost":
        weights = (6, 3, 1)
    else:
        weights = (5 - position, 3, 1 + position)
    return rng.choices(("froid", "tiède", "chaud"), weights)[0]


def _probability(rng: random.Random, status: str) -> float | None:
    """A deal's own probability, typed for about one open deal in eight."""
    if status != "open" or rng.random() >= 0.12:
        return None
    return rng.choice((0.25, 0.3, 0.5, 0.7, 0.75, 0.9))


def _deal_name(rng: random.Random) -> tuple[str, float]:
    """An offer of the PME and a realistic amount for it (whole hundreds of euros HT)."""
    offer, low, high = rng.choice(OFFERS)
    if rng.random() < 0.2:
        offer += rng.choice((" – phase 2", " – 2 sites", " – renouvellement", " – siège"))
    return offer, float(rng.randint(low // 100, high // 100) * 100)


def _deal(rng: random.Random, as_of: date, status: str, stage: str, company: _Company) -> _DealRow:
    """One generated deal; its ID is given once all deals are sorted by creation date."""
    names = [s.name for s in StageTable.default().open_stages]
    position = names.index(stage) if stage in names else len(names)
    name, amount = _deal_name(rng)
    values: dict[str, Any] = {
        "deal_id": None, "name": name, "company": company.name, "contact": company.contact,
        "email": company.email, "phone": company.phone,
        "owner": rng.choices(OWNERS, (30, 26, 24, 20))[0], "stage": stage,
        "status": STATUS_WORDS[status], "amount": amount,
        "probability": _probability(rng, status),
        "source": rng.choices([a.name for a in ACTIONS], [a.weight for a in ACTIONS])[0],
        "segment": _segment(rng, amount), "temperature": _temperature(rng, status, position),
        "lost_reason": rng.choice(LOST_REASONS) if status == "lost" else None,
        "notes": rng.choice(NOTES[status]) if rng.random() < 0.25 else None,
    }  # fmt: skip
    if status == "open":
        values.update(_open_timeline(rng, as_of, position))
    else:
        values.update(_closed_timeline(rng, as_of, position))
    return _DealRow(status, stage, values)


def _ensure_followup_cases(rng: random.Random, rows: list[_DealRow], as_of: date) -> None:
    """Make sure there are nurture deals (7+ touches, no date) and overdue follow-ups."""
    old_open = [
        r for r in rows if r.status == "open" and r.values["created"] <= as_of - timedelta(45)
    ]
    chosen = rng.sample(old_open, 9)
    for row in chosen[:4]:
        row.values.update(touches=rng.randint(7, 9), next_followup=None)
    for row in chosen[4:]:
        last_contact = as_of - _days(rng, 15, 40)
        row.values.update(last_contact=last_contact, next_followup=last_contact + _days(rng, 3, 10))
    for row in chosen:
        row.special = True


def draw_deals(rng: random.Random, as_of: date) -> list[_DealRow]:
    """All demo deals, sorted by creation date, with IDs AFF-0001, AFF-0002, ..."""
    companies = _companies(rng, 170)
    rows = [_deal(rng, as_of, st, sg, rng.choice(companies)) for st, sg in _outcomes(rng)]
    _ensure_followup_cases(rng, rows, as_of)
    rows.sort(key=lambda r: r.values["created"])
    for number, row in enumerate(rows, start=1):
        row.values["deal_id"] = f"AFF-{number:04d}"
    return rows


# --- messy cells -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Mess:
    """How to make one deal row messy: which rows qualify and what to write instead."""

    kind: str
    field: str
    issue: str | None
    eligible: Callable[[_DealRow], bool]
    value: Callable[[_DealRow, random.Random], Any]


def _french_money(amount: float) -> str:
    """12500.5 → ``"12 500,50 €"``; whole amounts without decimals: ``"8 700 €"``."""
    if amount.is_integer():
        return f"{int(amount):,} €".replace(",", " ")
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


def _thousands(row: _DealRow) -> int:
    return max(3, round(row.values["amount"] / 1000))


def _kilo_euros(row: _DealRow, rng: random.Random) -> str:
    """The amount in thousands typed another way: ``"18 k€"``, ``"18K€"``, ``"18 k€ HT"``."""
    thousands = _thousands(row)
    return rng.choice((f"{thousands} k€", f"{thousands}K€", f"{thousands} k€ HT"))


def _text_date(name: str) -> Callable[[_DealRow, random.Random], Any]:
    return lambda row, _rng: row.values[name].strftime("%d/%m/%Y")


def _broken_email(row: _DealRow, _rng: random.Random) -> str:
    """The contact's address with its domain forgotten: ``"jean.dupont@"``."""
    first, *last = fold(row.values["contact"]).split()
    return f"{first}.{'-'.join(last)}@"


def _is_open(*stages: str) -> Callable[[_DealRow], bool]:
    return lambda row: row.status == "open" and (not stages or row.stage in stages)


def _any_row(_row: _DealRow) -> bool:
    return True


def _messes(as_of: date) -> tuple[_Mess, ...]:
    """The messy cells of the demo, in the order they are placed (duplicate ID apart)."""
    return (
        _Mess("amount_text", "amount", None, _any_row,
              lambda r, g: _french_money(r.values["amount"] + g.choice((0.5, 0.25, 0.9)))),
        _Mess("amount_text", "amount", None, _any_row,
              lambda r, g: _french_money(r.values["amount"] + 0.5)),
        _Mess("amount_text", "amount", None, _any_row,
              lambda r, g: _french_money(r.values["amount"])),
        _Mess("amount_k", "amount", None, _any_row, lambda r, g: f"{_thousands(r)}k€"),
        _Mess("amount_k", "amount", None, _any_row, _kilo_euros),
        _Mess("amount_unreadable", "amount", "bad_amount", _is_open(), lambda r, g: "à voir"),
        _Mess("date_text", "created", None, _any_row, _text_date("created")),
        _Mess("date_text", "last_contact", None, _any_row, _text_date("last_contact")),
        _Mess("date_invalid", "next_followup", "bad_date", _is_open(),
              lambda r, g: f"31/02/{as_of.year}"),
        _Mess("stage_typo", "stage", "stage_corrected", _is_open("Négociation"),
              lambda r, g: "Negociaton"),
        _Mess("stage_case", "stage", None, _is_open("Proposition envoyée"),
              lambda r, g: "proposition envoyee"),
        _Mess("stage_case", "stage", None, _is_open("Prospect qualifié"),
              lambda r, g: "PROSPECT QUALIFIE"),
        _Mess("stage_unknown", "stage", "unknown_stage", _is_open(), lambda r, g: "En pause"),
        _Mess("email_invalid", "email", "invalid_email", lambda r: bool(r.values["email"]),
              _broken_email),
        _Mess("probability_out_of_range", "probability", "probability_out_of_range", _is_open(),
              lambda r, g: "150 %"),
        _Mess("won_without_close_date", "expected_close", "won_without_close_date",
              lambda r: r.status == "won", lambda r, g: None),
    )  # fmt: skip


def _make_messy(rng: random.Random, rows: list[_DealRow], as_of: date) -> list[tuple[int, _Mess]]:
    """Spoil one cell on distinct, randomly chosen rows; returns (row index, mess) pairs."""
    taken: set[int] = set()
    placed: list[tuple[int, _Mess]] = []
    for mess in _messes(as_of):
        candidates = [
            i for i, r in enumerate(rows) if i not in taken and not r.special and mess.eligible(r)
        ]
        index = rng.choice(candidates)
        rows[index].values[mess.field] = mess.value(rows[index], rng)
        taken.add(index)
        placed.append((index, mess))
    placed.append(_duplicate_id(rng, rows, taken))
    return placed


def _duplicate_id(rng: random.Random, rows: list[_DealRow], taken: set[int]) -> tuple[int, _Mess]:
    """Give a later row the ID of an earlier one, as a copy-paste does."""
    index = rng.choice([i for i in range(40, len(rows)) if i not in taken])
    earlier = rng.randrange(0, index - 20)
    copied = rows[earlier].values["deal_id"]
    rows[index].values["deal_id"] = copied
    taken.add(index)
    return index, _Mess("duplicate_id", "deal_id", "duplicate_id", _any_row, lambda r, g: copied)


# --- writing ---------------------------------------------------------------------------

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_MONEY_FIELDS = frozenset({"amount", "budget", "expected_revenue"})
_PERCENT_FIELDS = frozenset({"probability"})
_DEAL_WIDTHS = {
    "deal_id": 11, "name": 34, "company": 30, "contact": 20, "email": 36, "phone": 18,
    "owner": 16, "stage": 20, "status": 10, "amount": 13, "probability": 11, "created": 13,
    "expected_close": 13, "last_contact": 13, "next_followup": 13, "touches": 9,
    "source": 24, "segment": 9, "temperature": 12, "lost_reason": 16, "notes": 36,
}  # fmt: skip


def in_english(name: str, value: Any) -> Any:
    """``value`` of field ``name`` as the English demo writes it (few fields are translated)."""
    if name in _TRANSLATED_FIELDS and isinstance(value, str):
        return _ENGLISH.get(value, value)
    return value


def _put(ws: Worksheet, row: int, column: int, name: str, value: Any, lang: str) -> None:
    """Write one value, translated if need be, with the number format its field calls for."""
    if lang == "en":
        value = in_english(name, value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and name in _MONEY_FIELDS:
        cell.number_format = EURO_FORMAT
    elif isinstance(value, int | float) and name in _PERCENT_FIELDS:
        cell.number_format = PERCENT_FORMAT


def _header_row(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    """Bold, lightly filled headers."""
    for column, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=column, value=label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _label(headers: dict[str, tuple[str, str]], name: str, lang: str) -> str:
    return headers[name][LANGS.index(lang)]


def _sheet_row(index: int, blank_after: int) -> int:
    """The sheet row of deal ``index``; one blank row follows deal ``blank_after``."""
    return FIRST_DEAL_ROW + index + (1 if index > blank_after else 0)


def _write_pipeline(ws: Worksheet, rows: list[_DealRow], blank_after: int, lang: str) -> int:
    """Title, headers on row 3, the deals, a blank row and a totals row; returns its row."""
    title = ws.cell(row=TITLE_ROW, column=1, value=TITLES[lang].format(company=COMPANY))
    title.font = Font(bold=True, size=14)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=6)
    _header_row(ws, HEADER_ROW, [_label(DEAL_HEADERS, f, lang) for f in DEAL_FIELDS])
    for index, deal in enumerate(rows):
        for column, name in enumerate(DEAL_FIELDS, start=1):
            _put(ws, _sheet_row(index, blank_after), column, name, deal.values[name], lang)
    last = _sheet_row(len(rows) - 1, blank_after)
    total = last + 1
    amount = get_column_letter(DEAL_FIELDS.index("amount") + 1)
    ws.cell(row=total, column=1, value=TOTAL_LABEL).font = _BOLD
    sum_cell = ws.cell(row=total, column=DEAL_FIELDS.index("amount") + 1)
    sum_cell.value = f"=SUM({amount}{FIRST_DEAL_ROW}:{amount}{last})"
    sum_cell.number_format = EURO_FORMAT
    sum_cell.font = _BOLD
    ws.freeze_panes = f"A{FIRST_DEAL_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(DEAL_FIELDS))}{last}"
    _widths(ws, [_DEAL_WIDTHS[f] for f in DEAL_FIELDS])
    return total


def _cadence_text(cadence: Sequence[int]) -> str:
    """(0, 1, 3, 7) → ``"J0, J+1, J+3, J+7"``: each step in days after the last contact."""
    return ", ".join("J0" if days == 0 else f"J+{days}" for days in cadence)


def _write_stages(ws: Worksheet, lang: str) -> None:
    """The default stage table; seed 000's tighter cadence for the proposal stages."""
    _header_row(ws, 1, [_label(STAGE_HEADERS, f, lang) for f in STAGE_FIELDS])
    for row, stage in enumerate(StageTable.default().stages, start=2):
        cadence = None
        if not (stage.is_won or stage.is_lost):
            late = stage.name in ("Proposition envoyée", "Négociation")
            cadence = _cadence_text((2, 5, 12) if late else DEFAULT_CADENCE)
        values = (stage.name, stage.order, stage.probability, stage.expected_days, cadence)
        for column, (name, value) in enumerate(zip(STAGE_FIELDS, values, strict=True), start=1):
            _put(ws, row, column, name, value, lang)
    ws.freeze_panes = "A2"
    _widths(ws, (22, 8, 12, 20, 44))


def _action_weeks(action: _ActionSpec) -> tuple[int, ...]:
    """The weeks an action runs: its grid, or start..end (``"S10"`` or 10)."""
    if action.grid:
        return action.grid
    start, end = (int(str(w).lstrip("S")) for w in (action.start, action.end))
    return tuple(range(start, end + 1))


def done_count(rng: random.Random, action: _ActionSpec, as_of: date) -> int:
    """What has been done so far: the planned count pro rata of the weeks already run."""
    weeks = _action_weeks(action)
    elapsed = sum(1 for w in weeks if w <= as_of.isocalendar().week) / len(weeks)
    return round(action.planned * elapsed * rng.uniform(0.6, 1.1))


def _write_actions(ws: Worksheet, rng: random.Random, as_of: date, lang: str) -> None:
    """The action plan of ``as_of``'s year: fixed columns, then a week grid S1..S52."""
    weeks = [f"{WEEK_PREFIX[lang]}{w}" for w in range(1, WEEKS + 1)]
    _header_row(ws, 1, [_label(ACTION_HEADERS, f, lang) for f in ACTION_FIELDS] + weeks)
    for row, action in enumerate(ACTIONS, start=2):
        values = (
            action.name, action.type, action.owner, action.budget, action.start, action.end,
            action.target, action.planned, done_count(rng, action, as_of), action.lever,
            action.revenue,
        )  # fmt: skip
        for column, (name, value) in enumerate(zip(ACTION_FIELDS, values, strict=True), start=1):
            _put(ws, row, column, name, value, lang)
        for week in action.grid:
            mark = ws.cell(row=row, column=len(ACTION_FIELDS) + week, value="x")
            mark.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "B2"
    _widths(ws, [24, 15, 16, 11, 13, 12, 28, 9, 9, 20, 13] + [4.5] * WEEKS)


# --- the workbook ----------------------------------------------------------------------


def _messy_cells(
    rows: list[_DealRow],
    placed: list[tuple[int, _Mess]],
    blank_after: int,
    total_row: int,
    lang: str,
) -> tuple[MessyCell, ...]:
    """Where each messy cell ended up in the sheet, plus the blank and totals rows."""
    cells = [
        MessyCell(
            row=_sheet_row(index, blank_after),
            field=mess.field,
            column=_label(DEAL_HEADERS, mess.field, lang),
            value=rows[index].values[mess.field],
            kind=mess.kind,
            issue=mess.issue,
        )
        for index, mess in placed
    ]
    blank_row = _sheet_row(blank_after, blank_after) + 1
    cells.append(MessyCell(blank_row, None, None, None, "blank_row", None))
    id_label = _label(DEAL_HEADERS, "deal_id", lang)
    cells.append(MessyCell(total_row, "deal_id", id_label, TOTAL_LABEL, "total_row", "totals_row"))
    return tuple(sorted(cells, key=lambda c: c.row))


def _new_workbook(lang: str) -> tuple[Workbook, list[Worksheet]]:
    """An empty workbook with the three demo sheets, named in ``lang``."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    names = SHEET_NAMES[lang]
    first.title = names[0]
    return workbook, [first, workbook.create_sheet(names[1]), workbook.create_sheet(names[2])]


def build_demo_workbook(
    path: str | Path, as_of: date, *, seed: int = 2026, lang: str = "fr"
) -> DemoInfo:
    """Write the demo workbook to ``path`` (.xlsx) and say what is in it.

    The same ``seed`` and ``as_of`` always give the same cell values; ``lang``
    ("fr" or "en") chooses the sheet names, headers and status words. Raises
    ValueError for another ``lang``.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    rng = random.Random(seed)
    rows = draw_deals(rng, as_of)
    placed = _make_messy(rng, rows, as_of)
    blank_after = rng.randint(len(rows) // 3, 2 * len(rows) // 3)
    workbook, (pipeline, stages, actions) = _new_workbook(lang)
    total_row = _write_pipeline(pipeline, rows, blank_after, lang)
    _write_stages(stages, lang)
    _write_actions(actions, rng, as_of, lang)
    workbook.save(path)
    statuses = [r.status for r in rows]
    return DemoInfo(
        path=Path(path),
        company=COMPANY,
        lang=lang,
        seed=seed,
        as_of=as_of,
        sheets=SHEET_NAMES[lang],
        header_row=HEADER_ROW,
        first_row=FIRST_DEAL_ROW,
        last_row=total_row - 1,
        total_row=total_row,
        deal_rows=len(rows),
        open_deals=statuses.count("open"),
        won_deals=statuses.count("won"),
        lost_deals=statuses.count("lost"),
        owners=OWNERS,
        actions=len(ACTIONS),
        messy=_messy_cells(rows, placed, blank_after, total_row, lang),
    )
