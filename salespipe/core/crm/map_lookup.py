"""A deal's pipeline, stage and owner in the target CRM, looked up in the two map files.

Each stage-map row and each owner is looked up once per export (its text findings
reported on the first deal that uses it); deals whose stage row has no target are
counted in :attr:`MapLookup.unmapped_stages`, which blocks a real export.
"""

from __future__ import annotations

from collections import Counter

from salespipe.core.crm.cleaning import clean_email
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.maps import (
    BLANK_STAGE,
    OwnerEntry,
    StageMapEntry,
    owner_key,
    owner_lookup,
    stage_lookup,
)
from salespipe.core.model import LOST, OPEN, WON, Deal, StageTable, fold

#: The owner columns of a deal without owner: (as the CRM takes it, e-mail, CRM user name).
NO_OWNER = ("", "", "")


class MapLookup:
    """Stage map and owner map of one export; see the module docstring.

    ``unknown_stages``: sheet row → the stage label as typed, for deals whose stage
    the sheet's stage table does not know.
    """

    def __init__(
        self,
        context: RowContext,
        stages: StageTable,
        stage_map: list[StageMapEntry],
        owners: list[OwnerEntry],
        unknown_stages: dict[int, str],
    ) -> None:
        self.context = context
        self.stages = stages
        self.stage_map = stage_lookup(stage_map)
        self.owners = owner_lookup(owners)
        self.unknown_stages = unknown_stages
        self.won = stages.won_stage.name if stages.won_stage else None
        self.lost = stages.lost_stage.name if stages.lost_stage else None
        self.unmapped_stages: Counter[str] = Counter()
        self._stage_cache: dict[str, tuple[str, str]] = {}
        self._owner_cache: dict[str, tuple[str, str, str]] = {}

    def stage_key(self, deal: Deal) -> str:
        """The stage-map row a deal goes through (see docs/crm_export.md)."""
        status, profile = deal.status, self.context.profile
        if status is not OPEN and profile.outcome_stages:
            if status is WON and self.won:
                return self.won
            if not profile.lost_keeps_stage and self.lost:
                return self.lost
        if deal.stage:
            return deal.stage
        label = self.unknown_stages.get(deal.row)
        if label:
            return label
        if status is WON and self.won:
            return self.won
        if status is LOST and self.lost:
            return self.lost
        return BLANK_STAGE

    def stage(self, deal: Deal) -> tuple[str, str]:
        """(pipeline, stage) of ``deal`` in the CRM; ("", "") when its map row has no target."""
        key = self.stage_key(deal)
        found = self._stage_cache.get(key)
        if found is None:
            entry = self.stage_map.get(fold(key))
            if entry is None or not entry.target_stage.strip():
                found = ("", "")
            else:
                text = self.context.text
                found = (
                    text(entry.target_pipeline.strip(), deal.row, None),
                    text(entry.target_stage.strip(), deal.row, None),
                )
            self._stage_cache[key] = found
        if not found[1]:
            self.unmapped_stages[key] += 1
        return found

    def owner(self, owner: str | None, row: int) -> tuple[str, str, str]:
        """(owner as the CRM takes it, e-mail, CRM user name)."""
        if not owner:
            return NO_OWNER
        found = self._owner_cache.get(owner)
        if found is None:
            context = self.context
            entry = self.owners.get(owner_key(owner))
            email, _ = clean_email(entry.email) if entry and entry.email else (None, None)
            user = context.text(entry.crm_user if entry else owner, row, context.column["owner"])
            chosen = email or "" if context.profile.owner_by == "email" else user
            found = self._owner_cache[owner] = (chosen, email or "", user)
        return found
