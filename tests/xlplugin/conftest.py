"""The Excel side of the tests: xlwings' Windows UDF machinery, set up once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.xlplugin.excel_harness import WindowsXlwings, windows_xlwings


@pytest.fixture(scope="module")
def excel() -> Iterator[WindowsXlwings]:
    """``xlplugin.udfs`` as the xlwings add-in sees it on Windows (see excel_harness)."""
    with windows_xlwings() as harness:
        yield harness
