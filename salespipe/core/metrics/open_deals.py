"""The open deals of a pipeline and the columns of them that several metrics use.

The follow-ups and the rotting deals both work on the open deals' rows, stages,
stage-entered and last-contact dates as whole columns; :func:`salespipe.core.report.build_report`
builds one :class:`OpenDeals` and hands it to both, so each column is made once (on
100 000 deals, a column of dates costs about 10 ms).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from salespipe.core.metrics.business_days import DateArray, to_datetime64
from salespipe.core.model import OPEN, Deal


class OpenDeals:
    """The deals whose status is open, in sheet order; each column computed on first use."""

    def __init__(self, deals: Iterable[Deal]) -> None:
        self.deals: list[Deal] = [d for d in deals if d.status == OPEN]

    @cached_property
    def rows(self) -> np.ndarray:
        """Each deal's sheet row."""
        rows = np.fromiter((d.row for d in self.deals), dtype=np.int64, count=len(self.deals))
        return _read_only(rows)

    @cached_property
    def stages(self) -> list[str | None]:
        """Each deal's stage, as parsed."""
        return [d.stage for d in self.deals]

    @cached_property
    def stage_entered(self) -> DateArray:
        """Each deal's « Entrée dans l'étape », NaT when blank."""
        return _read_only(to_datetime64(d.stage_entered for d in self.deals))

    @cached_property
    def last_contact(self) -> DateArray:
        """Each deal's « Dernier contact », NaT when blank."""
        return _read_only(to_datetime64(d.last_contact for d in self.deals))


def _read_only(column: NDArray[Any]) -> NDArray[Any]:
    """The column, made read-only: it is shared by the follow-ups and the rotting deals, so
    an in-place edit by one would silently change the other's figures."""
    column.flags.writeable = False
    return column
