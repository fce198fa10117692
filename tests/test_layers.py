"""The layer rule of ARCHITECTURE.md: the core imports no adapter and no I/O library."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import salespipe.core

FORBIDDEN = ("xlwings", "gspread", "google", "openpyxl", "python_calamine", "click",
             "salespipe.cli", "salespipe.files", "salespipe.formats", "salespipe.api",
             "salespipe.export", "xlplugin", "sheets_sync")  # fmt: skip


def test_core_modules_import_no_adapter_or_io_library() -> None:
    modules = [m.name for m in pkgutil.walk_packages(salespipe.core.__path__, "salespipe.core.")]
    assert {"salespipe.core.report", "salespipe.core.crm.rows"} <= set(modules)
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    leaked = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert leaked == []
