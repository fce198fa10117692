"""The CRM's own record IDs (Pipedrive), read from the files the user exported from it."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from salespipe.core.crm.ids import CrmIdMap, read_crm_ids, recognised_headers
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.errors import ConfigError, SourceError
from salespipe.files import SPREADSHEET_SUFFIXES, read_grids

#: The CRM's own exports read for its record IDs, in the output folder (Pipedrive).
CRM_IDS_PATTERN = "{crm}_ids*"


def crm_id_files(
    profile: CrmProfile, out: Path, given: str | Path | Sequence[str | Path] | None
) -> list[Path]:
    """The ID files to read: those given, else ``<crm>_ids*.csv`` (or ``.xlsx``…) in
    ``out`` for a CRM that updates through its own IDs."""
    paths = [Path(given)] if isinstance(given, (str, Path)) else [Path(p) for p in given or ()]
    if paths:
        if not profile.system_ids:
            raise ConfigError("crm_ids_pipedrive_only", crm=profile.label)
        for path in paths:
            if not path.is_file():
                raise SourceError("file_not_found", path=str(path))
        return paths
    if not profile.system_ids or not out.is_dir():
        return []
    suffixes = (".csv", *SPREADSHEET_SUFFIXES)
    pattern = CRM_IDS_PATTERN.format(crm=profile.name)
    return sorted(p for p in out.glob(pattern) if p.suffix.lower() in suffixes and p.is_file())


def read_crm_id_files(paths: Sequence[Path]) -> CrmIdMap:
    """The ``{salespipe ID: CRM ID}`` map of the CRM's export files, read as downloaded
    or as Excel saves them; ConfigError naming the file, row and value if malformed."""
    found = CrmIdMap()
    for path in paths:
        read_crm_ids(read_id_grid(path), path.name, into=found)
    return found


def read_id_grid(path: Path) -> list[list[Any]]:
    """One export file of the CRM as a grid: a workbook's first sheet, or a CSV file
    (UTF-8 with or without BOM, else Windows-1252; ``,``, ``;`` or tab, told apart by
    the ID headers rather than guessed, as free text may hold any of them)."""
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        sheets = list(read_grids(path).values())
        return [list(row) for row in sheets[0]] if sheets else []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    best: tuple[int, int, str] = (-1, -1, ",")
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next((row for row in reader if any(c.strip() for c in row)), [])
        best = max(best, (recognised_headers(header), len(header), delimiter))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=best[2]))
