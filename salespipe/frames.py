"""pandas DataFrames of a pipeline and a report, for a Python user's own analysis.

pandas is imported here, never in the core (whose rule is standard library and numpy):
``deals_frame(read_pipeline("pipeline.xlsx"))`` gives one row per deal with the sheet's
row number, ``report_frames(report)`` the report's tables as the xlsx report shows them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from salespipe.core.model import Deal
from salespipe.core.reading.pipeline import Pipeline
from salespipe.core.report import Report
from salespipe.core.report_tables import (
    SHEET_NAMES,
    index,
    report_tables,
)

if TYPE_CHECKING:
    import pandas as pd


def _pandas() -> Any:
    try:
        import pandas
    except ModuleNotFoundError:  # an optional dependency: say how to get it
        raise ModuleNotFoundError(
            "salespipe's DataFrames need pandas: pip install 'salespipe[pandas]'"
        ) from None
    return pandas


#: The columns of :func:`deals_frame`, in the order of :class:`~salespipe.core.model.Deal`.
DEAL_COLUMNS = tuple(f.name for f in dataclasses.fields(Deal))


def deals_frame(pipeline: Pipeline) -> pd.DataFrame:
    """One row per parsed deal, columns :data:`DEAL_COLUMNS` (``status`` as its text:
    ``open``, ``won``, ``lost``; dates as ``datetime.date``; blanks as None)."""
    pd = _pandas()
    rows = [[getattr(deal, name) for name in DEAL_COLUMNS] for deal in pipeline.deals]
    frame = pd.DataFrame(rows, columns=list(DEAL_COLUMNS))
    frame["status"] = frame["status"].map(str)
    return frame


def report_frames(report: Report, lang: str = "fr") -> dict[str, pd.DataFrame]:
    """The report's tables, keyed by the sheet names of the xlsx report in ``lang``
    (``Synthèse``, ``Prévision``, ``Entonnoir``, ``Relances``, …), headers as columns."""
    pd = _pandas()
    i = index(lang)
    return {
        SHEET_NAMES[key][i]: pd.DataFrame(table.rows, columns=table.headers)
        for key, table in report_tables(report, lang).items()
    }
