"""A pytest plugin that makes packages unimportable for one run, before salespipe is imported:

    SALESPIPE_TEST_WITHOUT=rapidfuzz pytest -p tests.without_packages tests/core

is the core as it runs where those packages have no build (xlwings Lite runs Python in the
browser through Pyodide, which has no rapidfuzz). .ci/run runs the core and Excel tests so.
"""

from __future__ import annotations

import os
import sys

WITHOUT = tuple(
    name.strip() for name in os.environ.get("SALESPIPE_TEST_WITHOUT", "").split(",") if name
)
for _name in WITHOUT:
    sys.modules[_name] = None  # type: ignore[assignment]  # import now raises ImportError
