"""The two files a person edits before an import: the stage map and the owner map.

``stage_map.csv`` says, for each stage of the sheet, which pipeline and stage of
the target CRM it becomes; a new map proposes the CRM's out-of-the-box pipeline
(open stages spread in order, won and lost to the CRM's won and lost stages) and
leaves stages the sheet's stage table does not know blank, so that they block the
export until someone decides. ``owners.csv`` gives each owner (commercial) as
typed in the sheet the e-mail of their CRM user, and their user name for CRMs that
match owners by name (Pipedrive, Odoo). Both are read back on every later run;
rows a later run needs and does not find are appended, never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from salespipe.core.crm.csv_text import is_escaped
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.errors import ConfigError
from salespipe.core.model import StageTable, fold
from salespipe.core.reading.parsing import parse_text
from salespipe.core.texts import both

#: An XML ID typed as a target stage (Odoo's ``crm.stage_lead2``): module.name.
XML_ID = re.compile(r"[a-z_][a-z0-9_]*\.[a-z0-9_]+")

#: The stage-map row for deals whose stage is blank.
BLANK_STAGE = "(sans étape)"
STAGE_MAP_HEADER = ("source_stage", "target_pipeline", "target_stage")
#: The columns beside the map listing the CRM's default stages and, where it has one whose
#: value is not its label (HubSpot), its default pipeline, one a row (read by no one).
CRM_STAGES_HEADER = "crm_stages"
CRM_PIPELINES_HEADER = "crm_pipelines"
OWNERS_HEADER = ("owner", "email", "crm_user")


@dataclass(frozen=True)
class StageMapEntry:
    """One row of stage_map.csv: a stage of the sheet and where it goes in the CRM."""

    source_stage: str
    target_pipeline: str
    target_stage: str
    #: Its row in the file (1 = the header), 0 for an entry salespipe made; not compared.
    row: int = field(default=0, compare=False)


@dataclass(frozen=True)
class OwnerEntry:
    """One row of owners.csv: an owner as typed, their CRM user's e-mail and name."""

    owner: str
    email: str
    crm_user: str


# --- stage map -------------------------------------------------------------------------


def suggested_stage_map(
    stages: StageTable, extra_labels: Sequence[str], profile: CrmProfile
) -> list[StageMapEntry]:
    """The map a first run writes: every stage of the sheet's stage table, then each
    label the table does not know (as typed), then the blank stage.

    Open stages are spread in order over the CRM's open stages (first to first,
    last to last); won and lost go to the CRM's won and lost stages; the blank
    stage to its first stage. Unknown labels get no target. The ``generic``
    profile keeps the sheet's own names.
    """
    suggestion = profile.suggestion
    open_stages = stages.open_stages
    entries: list[StageMapEntry] = []
    for stage in stages.stages:
        if profile.name == "generic":
            target = stage.name
        elif stage.is_won:
            target = suggestion.won
        elif stage.is_lost:
            target = suggestion.lost
        else:
            target = _spread(open_stages.index(stage), len(open_stages), suggestion.open_stages)
        entries.append(StageMapEntry(stage.name, suggestion.pipeline, target))
    for label in extra_labels:
        target = label if profile.name == "generic" else ""
        entries.append(StageMapEntry(label, suggestion.pipeline, target))
    first = open_stages[0].name if open_stages else ""
    blank = first if profile.name == "generic" else suggestion.open_stages[0]
    entries.append(StageMapEntry(BLANK_STAGE, suggestion.pipeline, blank))
    return entries


def _spread(position: int, count: int, targets: Sequence[str]) -> str:
    if not targets:
        return ""
    if count <= 1:
        return targets[0]
    return targets[round(position * (len(targets) - 1) / (count - 1))]


def completed_stage_map(
    existing: Sequence[StageMapEntry], suggested: Sequence[StageMapEntry]
) -> tuple[list[StageMapEntry], int]:
    """The user's map with the suggested rows it lacks appended; and how many were."""
    known = {fold(e.source_stage) for e in existing}
    added = [e for e in suggested if fold(e.source_stage) not in known]
    return [*existing, *added], len(added)


def stage_lookup(entries: Iterable[StageMapEntry]) -> dict[str, StageMapEntry]:
    """Folded source stage → entry; the first row wins when a stage is listed twice."""
    lookup: dict[str, StageMapEntry] = {}
    for entry in entries:
        lookup.setdefault(fold(entry.source_stage), entry)
    return lookup


# --- owners ----------------------------------------------------------------------------


def owner_key(owner: str) -> str:
    """How owners are matched: folded (``Léa`` = ``LEA``); an owner of punctuation only
    (``-``, ``?``), which folds to nothing, by its trimmed text, so that it still gets a
    row in owners.csv and its row can be filled."""
    return fold(owner) or owner.strip()


def completed_owners(
    existing: Sequence[OwnerEntry], owners: Iterable[str]
) -> tuple[list[OwnerEntry], int]:
    """The user's owner map with a row (no e-mail yet) for each owner it lacks."""
    known = {owner_key(e.owner) for e in existing}
    added: list[OwnerEntry] = []
    for owner in owners:
        key = owner_key(owner)
        if key and key not in known:
            known.add(key)
            added.append(OwnerEntry(owner, "", owner))
    return [*existing, *added], len(added)


def owner_lookup(entries: Iterable[OwnerEntry]) -> dict[str, OwnerEntry]:
    lookup: dict[str, OwnerEntry] = {}
    for entry in entries:
        lookup.setdefault(owner_key(entry.owner), entry)
    return lookup


# --- reading and writing the files ---------------------------------------------------


def _unescaped(value: Any) -> str:
    """A cell as written by :func:`salespipe.core.crm.csv_text.sheet_cell`, without the
    ``'`` that protected a leading formula character."""
    text = parse_text(value) or ""
    return text[1:] if is_escaped(text) else text


def _columns(grid: Sequence[Sequence[Any]], header: Sequence[str], name: str) -> dict[str, int]:
    """Where each expected header is in the first non-blank row of a map file."""
    for row in grid:
        cells = [fold(_unescaped(v)).replace(" ", "_") for v in row]
        if not any(cells):
            continue
        found = {h: cells.index(h) for h in header if h in cells}
        if len(found) < len(header):
            found_cells = ", ".join(c for c in cells if c)
            raise ConfigError(
                "map_file_header",
                name=name,
                columns=", ".join(header),
                found=found_cells or both("crm.nothing"),
            )
        return found
    return {}


def _records(
    grid: Sequence[Sequence[Any]], header: Sequence[str], name: str
) -> list[tuple[int, list[str]]]:
    """The filled records of a map file with their row numbers in it (1 = the first row),
    blank rows skipped, so that a message names the row the user sees."""
    columns = _columns(grid, header, name)
    if not columns:
        return []
    rows: list[tuple[int, list[str]]] = []
    started = False
    for number, row in enumerate(grid, start=1):
        if not started:
            started = any(parse_text(v) for v in row)
            continue
        values = [_unescaped(row[columns[h]]) if columns[h] < len(row) else "" for h in header]
        if values[0]:
            rows.append((number, values))
    return rows


def read_stage_map(
    grid: Sequence[Sequence[Any]], name: str = "stage_map.csv"
) -> list[StageMapEntry]:
    """Entries of a stage map file read as a grid (header row first)."""
    return [
        StageMapEntry(s, p, t, row=n) for n, (s, p, t) in _records(grid, STAGE_MAP_HEADER, name)
    ]


def read_owners(grid: Sequence[Sequence[Any]], name: str = "owners.csv") -> list[OwnerEntry]:
    """Entries of an owner map file read as a grid; a blank crm_user means the owner."""
    return [
        OwnerEntry(owner, email.strip(), user or owner)
        for _, (owner, email, user) in _records(grid, OWNERS_HEADER, name)
    ]


def stage_map_rows(
    entries: Iterable[StageMapEntry], profile: CrmProfile | None = None
) -> list[list[str]]:
    """The rows of stage_map.csv, header first; with ``profile``, a fourth column lists
    the CRM's default stages one a row (``value = label`` when they differ), the values
    a target stage may take in an account whose pipeline was not customised, and a fifth
    its default pipeline the same way when the profile lists one (HubSpot)."""
    rows = [[e.source_stage, e.target_pipeline, e.target_stage] for e in entries]
    listed = [
        (header, [f"{v} = {label}" if label else v for v, label in values])
        for header, values in (
            (CRM_STAGES_HEADER, stage_choices(profile)),
            (CRM_PIPELINES_HEADER, profile.pipeline_values if profile is not None else ()),
        )
        if values
    ]
    if not listed:
        return [list(STAGE_MAP_HEADER), *rows]
    height = max(len(rows), *(len(values) for _, values in listed))
    rows += [["", "", ""] for _ in range(height - len(rows))]
    columns = [values + [""] * (height - len(values)) for _, values in listed]
    return [[*STAGE_MAP_HEADER, *(header for header, _ in listed)]] + [
        [*row, *(column[i] for column in columns)] for i, row in enumerate(rows)
    ]


def stage_choices(profile: CrmProfile | None) -> tuple[tuple[str, str], ...]:
    """The default stages of ``profile``'s CRM as (value, label), none for generic."""
    return profile.stage_values if profile is not None else ()


def stage_known(profile: CrmProfile, target: str) -> bool:
    """True when ``target`` is one of the CRM's default stages (value or label, case and
    accents ignored), an XML ID (Odoo: ``module.name``), or the CRM lists no stages."""
    if not profile.stage_values:
        return True
    folded = fold(target)
    known = {fold(part) for value, label in profile.stage_values
             for part in (value, *label.split(" / ")) if part}  # fmt: skip
    known.update(fold(name) for name, _ in profile.stage_xml_ids)
    if folded in known:
        return True
    return bool(profile.stage_xml_ids) and XML_ID.fullmatch(target) is not None


def pipeline_known(profile: CrmProfile, target: str) -> bool:
    """True when ``target`` is the CRM's default pipeline (value or label, case and
    accents ignored), or the profile lists none (every CRM but HubSpot)."""
    if not profile.pipeline_values:
        return True
    known = {fold(part) for value, label in profile.pipeline_values
             for part in (value, label) if part}  # fmt: skip
    return fold(target) in known


def owners_rows(entries: Iterable[OwnerEntry]) -> list[list[str]]:
    """The rows of owners.csv, header first."""
    return [list(OWNERS_HEADER)] + [[e.owner, e.email, e.crm_user] for e in entries]
