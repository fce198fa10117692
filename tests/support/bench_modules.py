"""The benchmark's own modules (bench/ is scripts, not a package), imported by path for
the tests that use its data generator."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def make_data() -> ModuleType:
    """``bench/make_data.py`` (``write_deals_workbook``…)."""
    name = "bench_make_data"
    spec = importlib.util.spec_from_file_location(name, BENCH / "make_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
