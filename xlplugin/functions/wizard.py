"""What Excel's function wizard shows of a function: its category and each argument's help.

- a function's docstring is the description the function wizard shows and each
  ``doc=`` of ``@xw.arg`` the help of one argument; Excel keeps 255 characters
  of each, so they are short and in French;
- a parameter's type hint becomes its xlwings converter. The hints are therefore
  ``Any`` aliases: Excel may send anything, and a union (``X | None``) is not a
  converter;
- range arguments are read with :data:`~xlplugin.arguments.RANGE` (always 2-D,
  Excel errors as text), single cells with :data:`~xlplugin.arguments.CELL`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from xlplugin.arguments import CELL, RANGE

#: One argument as xlwings hands it over (2-D list for ranges, else a cell value).
Range = Any
#: A single-cell argument: None, float, str, bool, datetime or an Excel error text.
Cell = Any
#: What a UDF returns: a number, a date, a text, None (blank) or a 2-D list (spill).
Result = Any

#: Category of the functions in Excel's function wizard.
CATEGORY = "salespipe"

F = TypeVar("F", bound=Callable[..., Any])


def range_arg(name: str, doc: str) -> Callable[[F], F]:
    """``@xw.arg`` for a range argument: its help, read 2-D with Excel errors as text."""
    decorate: Callable[[F], F] = xw.arg(name, doc=doc, **RANGE)
    return decorate


def cell_arg(name: str, doc: str) -> Callable[[F], F]:
    """``@xw.arg`` for a single-cell argument: its help, Excel errors as text."""
    decorate: Callable[[F], F] = xw.arg(name, doc=doc, **CELL)
    return decorate


# --- argument help shared by several functions ----------------------------------------

AMOUNTS = "Montants HT, une affaire par ligne. Colonne entière acceptée (ex. G:G) ; vides ignorés."
KINDS = (
    "Probabilité (30 %, 0,3) ou étape (Négociation) de chaque affaire ; ou deux colonnes "
    "côte à côte, étape et probabilité : la probabilité saisie l'emporte."
)
CLOSES = "Facultatif. Dates de clôture prévues (réelles pour les affaires gagnées)."
START = "Facultatif. Premier jour de la période (inclus) ; demande close_dates."
END = "Facultatif. Dernier jour de la période (inclus) ; demande close_dates."
STAGE_TABLE = (
    "Facultatif. Table des étapes avec sa ligne d'en-tête (Étape, Ordre, Probabilité…), "
    "comme l'onglet Étapes ; par défaut Suspect 10 % … Négociation 80 %, Gagné, Perdu."
)
STATUSES = "Facultatif. Statuts (en cours, gagné, perdu) ; sinon déduit de l'étape."
OVERRIDES = (
    "Facultatif. Probabilités saisies sur les affaires (colonne Probabilité) ; vide = celle "
    "de l'étape."
)
STAGES = "Étape atteinte par chaque affaire (la plus avancée), une par ligne."
AS_OF = "Facultatif. Date du jour du calcul ; par défaut aujourd'hui (AUJOURDHUI())."
