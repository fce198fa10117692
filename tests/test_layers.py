"""The layer rule (docs/architecture.md): who may import whom.

- ``salespipe.core``: the domain, no I/O; imports nothing of salespipe outside the core and
  no I/O or front-end library (checked by importing every core module in a fresh
  interpreter, and by reading every import statement, lazy ones included);
- the library (``salespipe.api``, ``files``, ``formats``, ``export``, ``settings``,
  ``template``, the sample workbook, ``frames``): the use cases; never a front end;
- the front ends ``sheets_sync`` and ``xlplugin``: the core and the library, never each
  other nor the CLI;
- ``salespipe.cli``: the only module that wires everything.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import salespipe.core

ROOT = Path(__file__).resolve().parents[1]
IO_LIBRARIES = (
    "xlwings",
    "gspread",
    "google",
    "openpyxl",
    "python_calamine",
    "click",
    "requests",
    "pandas",
    "platformdirs",
    "filelock",
    "croniter",
)
FRONT_ENDS = ("salespipe.cli", "sheets_sync", "xlplugin")
#: Package -> the first-party packages it must never import.
FORBIDDEN = {
    "salespipe.core": (
        "salespipe.api",
        "salespipe.files",
        "salespipe.formats",
        "salespipe.export",
        "salespipe.settings",
        "salespipe.template",
        "salespipe.output_guard",
        "salespipe.sample",
        "salespipe.frames",
        *FRONT_ENDS,
        *IO_LIBRARIES,
    ),
    "salespipe": FRONT_ENDS,  # the library; salespipe.cli is exempt below
    "sheets_sync": ("xlplugin", "salespipe.cli"),
    "xlplugin": ("sheets_sync", "salespipe.cli"),
}


def _is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("salespipe", "sheets_sync", "xlplugin"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _rule(module: str) -> tuple[str, ...]:
    if _is_under(module, "salespipe.cli") or module == "salespipe.__main__":
        return ()
    if module == "salespipe":  # the API re-exports the library lazily, by name
        return FRONT_ENDS
    owner = max((p for p in FORBIDDEN if _is_under(module, p)), key=len)
    return FORBIDDEN[owner]


def test_every_import_statement_follows_the_layers() -> None:
    modules = _modules()
    assert {"salespipe.core.report", "sheets_sync.job", "xlplugin.udfs"} <= set(modules)
    broken = sorted(
        f"{module} imports {name}"
        for module, path in modules.items()
        for name in _imports(path)
        if any(_is_under(name, banned) for banned in _rule(module))
    )
    assert broken == []


def test_core_modules_import_no_adapter_or_io_library() -> None:
    modules = [m.name for m in pkgutil.walk_packages(salespipe.core.__path__, "salespipe.core.")]
    assert {"salespipe.core.report", "salespipe.core.crm.row_builder"} <= set(modules)
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
    banned = FORBIDDEN["salespipe.core"]
    leaked = [m for m in loaded if any(_is_under(m, f) for f in banned)]
    assert leaked == []


def test_the_check_reads_lazy_imports_and_applies_each_rule() -> None:
    """Not vacuous: an import inside a function is seen, and each layer has its rule."""
    assert "salespipe.export" in _imports(ROOT / "xlplugin" / "macros.py")  # inside a function
    assert "openpyxl" in _rule("salespipe.core.crm.row_builder")
    assert "sheets_sync" in _rule("salespipe.export.run")
    assert "xlplugin" in _rule("sheets_sync.google.gateway")
    assert "sheets_sync" in _rule("xlplugin.udfs")
    assert _rule("salespipe.cli") == ()
