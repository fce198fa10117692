"""What one export did: the plan, the files written, the state of the two map files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from salespipe.core.crm.plan import ExportPlan

#: Exit code of ``salespipe export`` when a blocking problem stops it.
BLOCKED_EXIT = 2


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

    @property
    def blocked(self) -> bool:
        return bool(self.plan.blocking)

    @property
    def exit_code(self) -> int:
        return BLOCKED_EXIT if self.blocked else 0

    def summary(self) -> str:
        """The text the command prints: files and counts, rejects and warnings by code."""
        from salespipe.export.summary import summary_lines

        return "\n".join(summary_lines(self)) + "\n"
