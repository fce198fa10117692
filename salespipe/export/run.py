"""The export use case: a workbook, a Google spreadsheet's tabs or a parsed pipeline in,
the CRM's import files out (see the package's docstring)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from salespipe.core.bulk import gc_paused
from salespipe.core.crm.maps import read_owners, read_stage_map
from salespipe.core.crm.plan import plan_export
from salespipe.core.crm.profiles import PROFILES, CrmProfile
from salespipe.core.errors import ConfigError, SourceError
from salespipe.core.model import DEFAULT_MAX_TOUCHES
from salespipe.core.reading.pipeline import Grid, Pipeline, PipelineOptions, load_pipeline
from salespipe.export.crm_ids import crm_id_files, read_crm_id_files
from salespipe.export.extras import source_extras
from salespipe.export.output_files import (
    OWNERS_FILE,
    STAGE_MAP_FILE,
    map_state,
    read_map,
    touched_paths,
    write_export,
    write_maps,
)
from salespipe.export.result import ExportResult
from salespipe.files import read_grids
from salespipe.output_guard import refuse_inputs

_SHEETS_SOURCE = re.compile(r"^(https?://|docs\.google\.com/)|^[A-Za-z0-9_-]{40,50}$")


def export_workbook(
    source: str | Path,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    options: PipelineOptions | None = None,
    **choices: Any,
) -> ExportResult:
    """Export the workbook ``source`` for ``crm`` into the folder ``out_dir``
    (``choices``: those of :func:`export_pipeline`).

    With ``check``, or while a blocking problem remains (a stage without target, an
    owner without e-mail), no import file is written; ``check`` writes nothing at
    all, a real run writes the completed map files for the user to fill in. Raises
    SourceError for an unreadable file (a Google Sheets URL is told to use
    :func:`export_grids` through ``salespipe export``), ConfigError for an unknown CRM or
    a malformed map file.
    """
    _profile(crm)  # an unknown CRM is refused before the workbook is read
    source_path = _source_path(source)
    choices["inputs"] = (source_path, *choices.get("inputs", ()))
    with gc_paused():
        _told(choices, "read")
        grids = read_grids(source_path)
        return export_grids(
            grids, source_path.name, crm, out_dir, as_of=as_of, options=options, **choices
        )


def export_grids(
    grids: Mapping[str, Grid],
    title: str,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    options: PipelineOptions | None = None,
    **choices: Any,
) -> ExportResult:
    """Export sheets already read (a workbook's, or a Google spreadsheet's tabs as
    ``values.batchGet`` returns them) for ``crm``; see :func:`export_workbook`."""
    _profile(crm)
    with gc_paused():
        _told(choices, "parse")
        pipeline = load_pipeline(grids, title, options)
        return export_pipeline(
            pipeline,
            grids.get(pipeline.sheets.get("deals", "")),
            crm,
            out_dir,
            as_of=as_of,
            options=options,
            **choices,
        )


def export_pipeline(
    pipeline: Pipeline,
    grid: Grid | None,
    crm: str,
    out_dir: str | Path,
    *,
    as_of: date,
    check: bool = False,
    options: PipelineOptions | None = None,
    stage_map_path: str | Path | None = None,
    owners_path: str | Path | None = None,
    lang: str = "fr",
    max_rows: int | None = None,
    max_touches: int = DEFAULT_MAX_TOUCHES,
    crm_ids_path: str | Path | Sequence[str | Path] | None = None,
    on_step: Callable[[str], None] | None = None,
    inputs: Sequence[str | Path | None] = (),
) -> ExportResult:
    """:func:`export_workbook` for a pipeline already parsed; ``grid`` is its pipeline
    sheet (to quote rejected rows as typed, and to read SIREN and website columns).

    ``on_step`` (also a choice of :func:`export_workbook` and :func:`export_grids`) is told
    each step as it starts, for a progress display: ``"read"``, ``"parse"``, ``"plan"``,
    ``"write"``.

    ``crm_ids_path`` (Pipedrive only): one or more files exported from Pipedrive with
    its ID and the ``salespipe ID`` columns (default: ``pipedrive_ids*.csv`` in
    ``out_dir``, if any; an empty sequence means the default). Records found in them
    get Pipedrive's ID, so that the import updates them; ConfigError for another CRM
    or a malformed file, SourceError for a file given that does not exist.

    ``inputs``: the files read (the workbook, the column mapping...): ConfigError
    ``output_is_input`` when the export would write or delete one of them (a workbook
    named ``rejects.csv`` in ``out_dir``, a map file that is the workbook), before
    anything is written.
    """
    profile = _profile(crm)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError("export_output_is_file", path=str(out))
    stage_file = Path(stage_map_path) if stage_map_path else out / STAGE_MAP_FILE
    owners_file = Path(owners_path) if owners_path else out / OWNERS_FILE
    id_files = crm_id_files(profile, out, crm_ids_path)
    # nothing written or deleted is a file read, checked before anything is read or written
    touched = touched_paths(profile, out, (stage_file, owners_file))
    refuse_inputs(touched, (*inputs, *id_files))
    crm_ids = read_crm_id_files(id_files) if id_files else None
    step = on_step or (lambda _step: None)
    with gc_paused():
        step("plan")
        plan = plan_export(
            pipeline,
            profile,
            as_of=as_of,
            stage_map=read_map(stage_file, read_stage_map),
            owners=read_map(owners_file, read_owners),
            extras=source_extras(grid, pipeline, options),
            source_grid=grid,
            lang=lang,
            max_touches=max_touches,
            crm_ids=crm_ids,
        )
        result = ExportResult(
            plan, out, check, map_state(stage_file, plan.stage_map_added, check),
            map_state(owners_file, plan.owners_added, check), crm_id_files=id_files,
        )  # fmt: skip
        if check:
            return result
        step("write")
        out.mkdir(parents=True, exist_ok=True)
        write_maps(result)
        if not result.blocked:
            write_export(result, max_rows)
    return result


def _told(choices: Mapping[str, Any], step: str) -> None:
    """Tell the ``on_step`` among ``choices``, if any, that ``step`` starts."""
    on_step = choices.get("on_step")
    if on_step is not None:
        on_step(step)


def _profile(crm: str) -> CrmProfile:
    profile = PROFILES.get(crm.lower())
    if profile is None:
        raise ConfigError("unknown_crm", crm=crm, known=", ".join(PROFILES))
    return profile


def is_spreadsheet_reference(source: str) -> bool:
    """True for a Google Sheets URL or key that is not the name of an existing file."""
    return not Path(source).exists() and bool(_SHEETS_SOURCE.search(source))


def _source_path(source: str | Path) -> Path:
    """The workbook to read; a Google Sheets URL or key is refused with what to do."""
    text = str(source)
    if is_spreadsheet_reference(text):
        raise SourceError("export_google_source", source=text)
    return Path(text)
