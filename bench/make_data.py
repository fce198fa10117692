"""Synthetic pipeline workbooks for the benchmark, cached under ``bench/data/``.

:func:`write_deals_workbook` writes an .xlsx like the ones salespipe meets in
French PMEs: a "Pipeline" sheet with 20 of the canonical French headers of
``salespipe.core.reading.tables.DEAL_HEADERS`` and one realistic row per deal (several
owners, every stage of the default stage table, won and lost deals with their
status, amounts as numbers, dates as real dates, unique e-mails), about 1 % of
the amount, probability, stage and date cells typed as text the way people
type them ("12 500,50 €", "15/03/2026", "30 %", a stage with a typo), an
"Étapes" sheet and a small "Plan d'actions" sheet whose actions are the deals'
sources, so that every metric of the report has data to work on.

Run ``python bench/make_data.py 1000 10000 100000`` to pre-build the files.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
#: Bump when the generated content changes, so that cached files are rebuilt.
GENERATOR_VERSION = 1


def _words(text: str) -> tuple[str, ...]:
    """``"a, b c, d"`` → ``("a", "b c", "d")``: keeps the word lists below readable."""
    return tuple(text.split(", "))


#: The 20 columns, by salespipe field name; their headers are DEAL_HEADERS' French labels.
DEAL_COLUMNS = _words(
    "deal_id, name, company, contact, email, phone, owner, stage, status, amount, probability, "
    "created, expected_close, last_contact, next_followup, touches, source, segment, "
    "temperature, notes"
)
OWNERS = _words(
    "Claire Martin, Julien Bernard, Sophie Petit, Nicolas Durand, Camille Leroy, "
    "Thomas Moreau, Léa Simon, Antoine Laurent"
)
FIRST_NAMES = _words(
    "Marie, Pierre, Isabelle, Laurent, Nathalie, Philippe, Sandrine, Olivier, Céline, "
    "François, Aurélie, Éric, Hélène, Stéphane"
)
LAST_NAMES = _words(
    "Dubois, Lefebvre, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Vincent, Muller, "
    "Faure, André, Mercier, Blanc"
)
COMPANY_KINDS = _words(
    "Boulangerie, Garage, Cabinet, Transports, Menuiserie, Imprimerie, Clinique, Hôtel, "
    "Agence, Atelier, Laboratoire, Société"
)
CITIES = _words(
    "Lyon, Nantes, Lille, Rennes, Bordeaux, Toulouse, Grenoble, Dijon, Angers, Reims, Metz, "
    "Tours, Brest, Nîmes, Annecy, Pau"
)
PRODUCTS = _words(
    "Logiciel de caisse, Maintenance annuelle, Site e-commerce, Formation, Audit, "
    "Contrat cadre, Renouvellement flotte, Licences, Accompagnement"
)
#: Deal sources and the type of the action-plan row of the same name.
SOURCES = _words(
    "Phoning, Emailing, Salon Lyon, LinkedIn, Webinar, Recommandation, Site web, Partenaire"
)
SOURCE_TYPES = _words(
    "phoning, emailing, salon, LinkedIn, webinar, bouche à oreille, inbound, partenariat"
)
TEMPERATURES = ("froid", "tiède", "chaud")
NOTES = (
    "Rappeler après les congés",
    "Budget validé en comité",
    "Attend le devis révisé",
    "Concurrent moins cher",
    "Décideur absent",
    None,
    None,
    None,
)

#: (stage, status, weight): open deals in every open stage, won, lost at a stage or "Perdu".
OUTCOMES: tuple[tuple[str, str, int], ...] = (
    ("Suspect", "En cours", 14),
    ("Prospect qualifié", "En cours", 12),
    ("Rendez-vous", "En cours", 10),
    ("Proposition envoyée", "En cours", 10),
    ("Négociation", "En cours", 6),
    ("Gagné", "Gagné", 20),
    ("Perdu", "Perdu", 6),
    ("Suspect", "Perdu", 6),
    ("Prospect qualifié", "Perdu", 5),
    ("Rendez-vous", "Perdu", 5),
    ("Proposition envoyée", "Perdu", 4),
    ("Négociation", "Perdu", 2),
)
STAGE_TYPOS = {
    "Négociation": "Negociation",
    "Proposition envoyée": "Proposition envoyee",
    "Rendez-vous": "Rendez vous",
    "Prospect qualifié": "Prospect qualifie",
    "Suspect": "Supsect",
    "Gagné": "Gagne",
    "Perdu": "perdu",
}

START = date(2024, 1, 1)
AS_OF = date(2026, 11, 23)
#: Share of the cells of MESSY_COLUMNS typed as text instead of a number, date or exact stage.
MESSY_RATE = 0.01
MESSY_COLUMNS = ("amount", "probability", "stage", "created", "expected_close", "last_contact")


@dataclass(frozen=True)
class Generator:
    """Draws deal rows from a seeded random generator."""

    rng: random.Random

    def row(self, i: int) -> list[Any]:
        """The 20 cells of deal number ``i`` (1-based), in DEAL_COLUMNS order."""
        values = self._clean_row(i)
        for column in MESSY_COLUMNS:
            if values[column] is not None and self.rng.random() < MESSY_RATE:
                values[column] = self._as_typed(column, values[column])
        return [values[c] for c in DEAL_COLUMNS]

    def _clean_row(self, i: int) -> dict[str, Any]:
        rng = self.rng
        stage, status = self._outcome()
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company_no = i % 5000
        company = f"{rng.choice(COMPANY_KINDS)} {last} {CITIES[company_no % len(CITIES)]}"
        is_open = status == "En cours"
        created = self._created(is_open)
        close = created + timedelta(days=rng.randint(15, 180))
        last_contact = min(created + timedelta(days=rng.randint(0, 120)), AS_OF)
        touches = rng.randint(0, 9)
        return {
            "deal_id": f"AFF-{i:06d}",
            "name": f"{rng.choice(PRODUCTS)} – {company}",
            "company": company,
            "contact": f"{first} {last}",
            "email": f"{_ascii(first)}.{_ascii(last)}{i}@societe{company_no}.fr",
            "phone": f"0{rng.randint(1, 7)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "owner": rng.choice(OWNERS),
            "stage": stage,
            "status": status,
            "amount": round(rng.lognormvariate(9.3, 1.0), 2),
            "probability": rng.choice((0.3, 0.5, 0.7)) if is_open and rng.random() < 0.15 else None,
            "created": created,
            "expected_close": close,
            "last_contact": last_contact,
            "next_followup": last_contact + timedelta(days=rng.choice((2, 5, 12)))
            if is_open and rng.random() < 0.6
            else None,
            "touches": touches,
            "source": rng.choice(SOURCES),
            "segment": rng.choice("AABBBCCCC"),
            "temperature": rng.choice(TEMPERATURES),
            "notes": rng.choice(NOTES),
        }

    def _created(self, is_open: bool) -> date:
        """Closed deals span the whole history; most open ones are from the last 8 months."""
        if is_open and self.rng.random() < 0.8:
            return AS_OF - timedelta(days=self.rng.randint(3, 240))
        return START + timedelta(days=self.rng.randrange((AS_OF - START).days - 10))

    def _outcome(self) -> tuple[str, str]:
        stage, status, _ = self.rng.choices(OUTCOMES, weights=[w for *_, w in OUTCOMES])[0]
        return stage, status

    def _as_typed(self, column: str, value: Any) -> str:
        """The text a person would have typed instead of the clean ``value``."""
        if column == "amount":
            return _french_amount(value)
        if column == "probability":
            return f"{round(value * 100)} %"
        if column == "stage":
            return STAGE_TYPOS.get(value, value)
        return f"{value:%d/%m/%Y}"


def _ascii(text: str) -> str:
    """``"Éric"`` → ``"eric"``, for e-mail addresses."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def _french_amount(value: float) -> str:
    """``12500.5`` → ``"12 500,50 €"`` (with a narrow no-break space, as Excel writes it)."""
    return f"{value:,.2f} €".replace(",", "\u202f").replace(".", ",")


def deal_headers() -> list[str]:
    """The French header of each column of DEAL_COLUMNS."""
    from salespipe.core.reading.tables import DEAL_HEADERS

    return [DEAL_HEADERS[c][0] for c in DEAL_COLUMNS]


def stage_rows() -> Iterator[list[Any]]:
    """The "Étapes" sheet: the default stage table, with the default follow-up cadence."""
    from salespipe.core.model import DEFAULT_CADENCE, StageTable
    from salespipe.core.reading.tables import STAGE_HEADERS

    yield [
        STAGE_HEADERS[f][0] for f in ("name", "order", "probability", "expected_days", "cadence")
    ]
    cadence = ", ".join(str(d) for d in DEFAULT_CADENCE.days)  # plain numbers: gaps, as before
    for stage in StageTable.default().stages:
        outcome = stage.is_won or stage.is_lost
        yield [
            stage.name,
            stage.order,
            stage.probability,
            stage.expected_days,
            None if outcome else cadence,
        ]


def action_rows(rng: random.Random) -> Iterator[list[Any]]:
    """A "Plan d'actions" sheet: one action per deal source, over the year of AS_OF."""
    from salespipe.core.reading.tables import ACTION_HEADERS

    fields = (
        "action",
        "type",
        "owner",
        "budget",
        "start_week",
        "end_week",
        "year",
        "planned_count",
        "done_count",
        "lever",
    )
    yield [ACTION_HEADERS[f][0] for f in fields]
    for source, kind in zip(SOURCES, SOURCE_TYPES, strict=True):
        start = rng.randint(1, 40)
        planned = rng.randint(10, 400)
        yield [
            source,
            kind,
            rng.choice(OWNERS),
            float(rng.randint(5, 80) * 100),
            start,
            min(52, start + rng.randint(2, 12)),
            AS_OF.year,
            planned,
            rng.randint(0, planned),
            rng.choice(("Business as usual", "Levier de croissance")),
        ]


def cached_path(n_deals: int, seed: int) -> Path:
    """Where the workbook of ``n_deals`` deals drawn with ``seed`` is cached."""
    return DATA_DIR / f"deals_n{n_deals}_s{seed}_v{GENERATOR_VERSION}.xlsx"


def write_deals_workbook(path: str | Path, n_deals: int, seed: int = 1) -> Path:
    """Write ``n_deals`` synthetic deals to a new .xlsx at ``path`` and return the path.

    The file is written next to ``path`` then renamed, so an interrupted run
    never leaves a truncated workbook behind.
    """
    from openpyxl import Workbook

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    pipeline = workbook.create_sheet("Pipeline")
    pipeline.append(deal_headers())
    generator = Generator(rng)
    for i in range(1, n_deals + 1):
        pipeline.append(generator.row(i))
    stages = workbook.create_sheet("Étapes")
    for row in stage_rows():
        stages.append(row)
    actions = workbook.create_sheet("Plan d'actions")
    for row in action_rows(rng):
        actions.append(row)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    workbook.save(partial)
    partial.replace(target)
    return target


def deals_workbook(n_deals: int, seed: int = 1) -> Path:
    """The cached workbook for (``n_deals``, ``seed``), generated on first use."""
    path = cached_path(n_deals, seed)
    if not path.exists():
        write_deals_workbook(path, n_deals, seed)
    return path


def _ensure_importable() -> None:
    """Make ``salespipe`` importable from a source checkout that is not pip-installed."""
    try:
        import salespipe  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(BENCH_DIR.parent))


def main(argv: list[str] | None = None) -> int:
    """Pre-build (or find in the cache) the workbooks for the given sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for n in args.sizes:
        print(deals_workbook(n, args.seed))
    return 0


_ensure_importable()

if __name__ == "__main__":
    raise SystemExit(main())
