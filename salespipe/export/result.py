"""What one export did: the plan, the files written, the state of the two map files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from salespipe.core.crm.plan import ExportPlan

#: What an export ended with (the command turns it into salespipe/cli/exit_codes.py's):
#: the import files written (or, with --check, nothing to fix); the map files just
#: written or completed, for the user to fill in before the next run; or problems that
#: remain in maps the user already had (an owner still without e-mail...).
Outcome = Literal["ok", "maps_to_fill", "blocked"]


@dataclass
class MapFile:
    """One map file: where it is and what this run did with it."""

    path: Path
    state: str  # "created", "updated" (rows appended), "reused", "proposed" (--check)


@dataclass
class ExportResult:
    """What ``salespipe export`` did: the plan, the files written, the map files."""

    plan: ExportPlan
    out_dir: Path
    check: bool
    stage_map: MapFile
    owners: MapFile
    files: list[tuple[Path, int]] = field(default_factory=list)
    crm_id_files: list[Path] = field(default_factory=list)  # the CRM's exports read for IDs
    guide: Path | None = None  # the import guide written beside the files
    test_files: list[Path] = field(default_factory=list)  # the *_test.csv files
    test_deals: int = 0  # the deals the test files hold

    @property
    def blocked(self) -> bool:
        return bool(self.plan.blocking)

    @property
    def outcome(self) -> Outcome:
        """``ok``; ``maps_to_fill`` when this run created the map files or added rows to
        them (with --check: would have) and problems remain, which is the first run's
        normal stop; ``blocked`` when the maps were already complete in rows and
        problems remain (a target left blank, an owner's e-mail missing or invalid)."""
        if not self.blocked:
            return "ok"
        if {self.stage_map.state, self.owners.state} - {"reused"}:
            return "maps_to_fill"
        return "blocked"

    def summary(self) -> str:
        """The text the command prints: files and counts, rejects and warnings by code."""
        from salespipe.export.summary import summary_lines

        return "\n".join(summary_lines(self)) + "\n"
