"""The words of a pipeline: statuses, won and lost stage names, and a deal's stage and
status read together (typo-tolerant stage names, contradictions settled)."""

from __future__ import annotations

from typing import Any

from salespipe.core.model import Stage, StageTable, Status, fold
from salespipe.core.quality import Severity
from salespipe.core.reading.fuzzy import best_match
from salespipe.core.reading.lost_cells import LostCell
from salespipe.core.reading.parsing import is_blank, parse_text

# --- statuses and outcome stages ---------------------------------------------

STATUS_WORDS: dict[str, Status] = {}
for _status, _words in {
    Status.OPEN: (
        "en cours",
        "ouvert",
        "ouverte",
        "open",
        "actif",
        "active",
        "in progress",
        "a relancer",
        "en attente",
        "encours",
        "ec",
        "pending",
    ),
    Status.WON: (
        "gagne",
        "gagnee",
        "won",
        "signe",
        "signee",
        "closed won",
        "conclu",
        "conclue",
        "vendu",
        "vendue",
        "win",
        "ok",
        "accepte",
        "acceptee",
        "commande",
    ),
    Status.LOST: (
        "perdu",
        "perdue",
        "lost",
        "abandonne",
        "abandonnee",
        "closed lost",
        "refuse",
        "refusee",
        "sans suite",
        "ko",
        "annule",
        "annulee",
    ),
}.items():
    for _word in _words:
        STATUS_WORDS[_word] = _status


def parse_status(value: Any) -> Status | None:
    """Status from its French or English wording; None for blank or unknown."""
    text = parse_text(value)
    return STATUS_WORDS.get(fold(text)) if text else None


# Names that make a user's stage the won or lost outcome. Not "signature": many
# pipelines have a « Signature » stage at 90 % before the deal is won.
WON_WORDS = {"gagne", "gagnee", "won", "signe", "signee", "closed won", "vendu"}
LOST_WORDS = {"perdu", "perdue", "lost", "closed lost", "abandonne", "abandonnee"}


# --- a deal's stage and status --------------------------------------------


class _StageMatcher:
    """Stage names as typed → (stage, corrected), remembered for the table being read."""

    def __init__(self, stages: StageTable) -> None:
        self.choices = stages.labels()
        self.seen: dict[str, tuple[Stage | None, bool]] = {}

    def match(self, text: str) -> tuple[Stage | None, bool]:
        """Exact match after folding, else a close typo match (reported as corrected)."""
        found = self.seen.get(text)
        if found is None:
            found = self.seen[text] = self._match(text)
        return found

    def _match(self, text: str) -> tuple[Stage | None, bool]:
        folded = fold(text)
        exact = self.choices.get(folded)
        if exact is not None:
            return exact, False
        best = best_match(folded, list(self.choices), 80)
        return (self.choices[best], True) if best is not None else (None, False)


Finding = tuple[str, Any, str, Severity, dict[str, Any]]  # field, value, code, severity, params


class StageStatusResolver:
    """(stage cell, status cell) → (stage, status, findings), remembered per pair.

    Real sheets repeat a handful of stage/status pairs, so each distinct pair is
    reconciled once: stage matched (exact, then typo-tolerant), status read, and
    contradictions decided in favour of a terminal stage (Gagné/Perdu).
    """

    def __init__(self, stages: StageTable) -> None:
        self.matcher = _StageMatcher(stages)
        self.known = ", ".join(s.name for s in stages.stages)
        self.seen: dict[tuple[Any, Any], tuple[Stage | None, Status, tuple[Finding, ...]]] = {}

    def resolve(
        self, raw_stage: Any, raw_status: Any
    ) -> tuple[Stage | None, Status, tuple[Finding, ...]]:
        if isinstance(raw_stage, LostCell) or isinstance(raw_status, LostCell):
            return self._resolve_lost(raw_stage, raw_status)
        key = (raw_stage, raw_status)
        found = self.seen.get(key)
        if found is None:
            findings: list[Finding] = []
            stage = self._stage(raw_stage, findings)
            status = self._status(stage, raw_status, findings)
            found = self.seen[key] = (stage, status, tuple(findings))
        return found

    def _resolve_lost(
        self, raw_stage: Any, raw_status: Any
    ) -> tuple[Stage | None, Status, tuple[Finding, ...]]:
        """A pair holding a lost cell (``#N/A``, a formula without its value), never
        remembered: it equals the same text typed. The lost cell's own issue names its
        value; then the stage or status is read as blank (the status from the stage, or
        open), an unreadable stage said as such (``unreadable_stage``), not as blank."""
        findings: list[Finding] = []
        if isinstance(raw_stage, LostCell):
            findings.append(
                ("stage", raw_stage, raw_stage.code, Severity.WARNING, raw_stage.params)
            )
            stage = None
        else:
            stage = self._stage(raw_stage, findings)
        if isinstance(raw_status, LostCell):
            findings.append(
                ("status", raw_status, raw_status.code, Severity.WARNING, raw_status.params)
            )
            raw_status = None
        return stage, self._status(stage, raw_status, findings), tuple(findings)

    def _stage(self, raw: Any, findings: list[Finding]) -> Stage | None:
        label = parse_text(raw)
        if label is None:
            return None
        stage, corrected = self.matcher.match(label)
        if stage is None:
            findings.append(
                ("stage", raw, "unknown_stage", Severity.WARNING, {"known": self.known})
            )
        elif corrected:
            findings.append(("stage", raw, "stage_corrected", Severity.INFO, {"stage": stage.name}))
        return stage

    @staticmethod
    def _status(stage: Stage | None, raw: Any, findings: list[Finding]) -> Status:
        from_stage = (
            Status.WON
            if stage and stage.is_won
            else Status.LOST
            if stage and stage.is_lost
            else None
        )
        if is_blank(raw):
            return from_stage or Status.OPEN
        status = parse_status(raw)
        if status is None:
            assumed = from_stage or Status.OPEN
            findings.append(
                ("status", raw, "unknown_status", Severity.WARNING, {"status": assumed.value})
            )
            return assumed
        if from_stage is not None and status is not from_stage:
            # "Gagné" in the stage column is the stronger signal than a stale status.
            params = {"stage": stage.name if stage else "", "status": from_stage.value}
            findings.append(("status", raw, "status_stage_conflict", Severity.WARNING, params))
            return from_stage
        return status
