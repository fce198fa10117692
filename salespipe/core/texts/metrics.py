"""Texts of the errors of the metrics: targets and conversion paths the data cannot give."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- targets (salespipe.core.metrics.targets) -------------------------------------
    "target_not_positive": (
        "{what} doit être un nombre positif ou nul, reçu {value}",
        "{what} must be a number of 0 or more, got {value}",
    ),
    "metrics.target": ("l'objectif", "the target"),
    "metrics.revenue_target": ("l'objectif de chiffre d'affaires", "the revenue target"),
    "conversion_rate_out_of_range": (
        "le taux de conversion de « {name} » doit être supérieur à 0 et au plus 1 (100 %), "
        "reçu {rate}",
        "conversion rate of {name!r} must be above 0 and at most 1 (100 %), got {rate}",
    ),
    "average_won_amount_not_positive": (
        "le montant moyen des affaires gagnées doit être supérieur à 0, reçu {value}",
        "the average won amount must be above 0, got {value}",
    ),
    # --- conversion between two stages (salespipe.core.metrics.funnel) ----------------
    "lost_stage_not_in_funnel": (
        "l'étape perdue « {stage} » n'est pas une étape de l'entonnoir",
        "the lost stage {stage!r} is not a step of the funnel",
    ),
    "nothing_after_won_stage": (
        "« {stage} » est l'étape gagnée : aucune étape ne la suit",
        "{stage!r} is the won stage: there is no stage after it",
    ),
    "stages_in_reverse": (
        "« {to_stage} » vient avant « {from_stage} » dans l'entonnoir",
        "{to_stage!r} comes before {from_stage!r} in the funnel",
    ),
}
