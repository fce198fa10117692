"""``salespipe export``: a workbook in, the files a CRM's import wizard takes out.

The one library call behind the command is :func:`export_workbook`. It reads the
workbook (never modified), reads or creates the two map files (``stage_map.csv``
and ``owners.csv``, in the output folder unless given elsewhere), plans the export
with :func:`salespipe.core.crm.plan.plan_export`, and, unless ``check`` is set or
a blocking problem remains, writes every import file (split at the CRM's caps),
``rejects.csv``, ``warnings.csv`` and ``summary.txt``. Files for people (maps,
rejects, warnings) are ``;``-separated UTF-8 with a BOM, as French Excel opens them.

For Pipedrive, which updates records only through its own IDs, it also reads the
user's exports of Pipedrive (``pipedrive_ids*.csv`` in the output folder, or
``crm_ids_path``) into the ``{salespipe ID: Pipedrive ID}`` map the core takes.
"""

from salespipe.export.crm_ids import CRM_IDS_PATTERN, crm_id_files, read_crm_id_files, read_id_grid
from salespipe.export.output_files import (
    OWNERS_FILE,
    REJECTS_FILE,
    STAGE_MAP_FILE,
    SUMMARY_FILE,
    WARNINGS_FILE,
    rejects_rows,
    warnings_rows,
    write_export,
    write_sheet_file,
)
from salespipe.export.result import ExportResult, MapFile, Outcome
from salespipe.export.run import (
    export_grids,
    export_pipeline,
    export_workbook,
    is_spreadsheet_reference,
)

__all__ = [
    "CRM_IDS_PATTERN",
    "OWNERS_FILE",
    "REJECTS_FILE",
    "STAGE_MAP_FILE",
    "SUMMARY_FILE",
    "WARNINGS_FILE",
    "ExportResult",
    "MapFile",
    "Outcome",
    "crm_id_files",
    "export_grids",
    "export_pipeline",
    "export_workbook",
    "is_spreadsheet_reference",
    "read_crm_id_files",
    "read_id_grid",
    "rejects_rows",
    "warnings_rows",
    "write_export",
    "write_sheet_file",
]
