"""pyproject.toml's dependency split: the base install is what salespipe.core imports, and
each front end imports nothing outside the base and its extra. Checked for real: each part
is imported in a fresh interpreter where every installed package outside its set is made
unimportable (as in a minimal ``pip install "salespipe[extra]"``)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from salespipe.cli.app import EXTRA_OF_MODULE
from salespipe.cli.exit_codes import ERROR

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def extra(name: str) -> set[str]:
    """The distributions an extra adds (other extras it names, followed)."""
    found: set[str] = set()
    for requirement in PROJECT["optional-dependencies"][name]:
        nested = re.fullmatch(r"salespipe\[([a-z,]+)\]", requirement)
        if nested:
            for other in nested.group(1).split(","):
                found |= extra(other)
        else:
            found.add(_name(requirement))
    return found


BASE = {_name(r) for r in PROJECT["dependencies"]}


@cache
def _closure(distribution: str) -> frozenset[str]:
    """The distribution and what it requires (without extras), installed ones only."""
    seen = {distribution}
    try:
        requires = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return frozenset()
    for line in requires:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            seen |= _closure(_name(requirement.name))  # not pywin32 on Linux, nor extras
    return frozenset(seen)


def _modules_outside(allowed: set[str]) -> list[str]:
    """Top-level modules of installed distributions outside ``allowed`` and what it needs."""
    keep: set[str] = set()
    for distribution in allowed:
        keep |= _closure(distribution)
    blocked = []
    for module, distributions in metadata.packages_distributions().items():
        names = {_name(d) for d in distributions}
        if module.isidentifier() and not names & (keep | {"salespipe", "pytest"}):
            blocked.append(module)
    return sorted(blocked)


def _imports_with_only(allowed: set[str], code: str) -> subprocess.CompletedProcess[str]:
    blocked = json.dumps(_modules_outside(allowed))
    program = f"import json, sys\nfor m in json.loads({blocked!r}): sys.modules[m] = None\n{code}"
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _core_modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "salespipe" / "core").rglob("*.py")
    )


def test_the_base_install_is_what_the_core_imports() -> None:
    """Every third-party import of salespipe.core (lazy ones included), by distribution: the
    base dependencies, plus rapidfuzz, which the ``fast`` extra adds (a pure-Python fallback
    stands in for it)."""
    owners = metadata.packages_distributions()
    used: set[str] = set()
    for path in (ROOT / "salespipe" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "salespipe":
                    continue
                used |= {_name(d) for d in owners[top]}
    assert used == BASE | extra("fast")
    assert extra("fast") == {"rapidfuzz"}


def test_the_core_imports_with_the_base_install_alone() -> None:
    modules = _core_modules()
    done = _imports_with_only(
        BASE, f"import importlib\nfor m in {modules!r}: importlib.import_module(m)"
    )
    assert done.returncode == 0, done.stderr
    assert len(modules) > 40


@pytest.mark.parametrize(
    ("extras", "code"),
    [
        (("excel",), "import xlplugin.udfs, xlplugin.macros, salespipe.export"),
        (("fast",), "import salespipe.core.reading.fuzzy, rapidfuzz"),
        (
            ("cli",),
            "import salespipe.cli, salespipe.api, salespipe.template, salespipe.formats.xlsx",
        ),
        (
            ("sheets",),
            "import sheets_sync.runner, sheets_sync.schedule, sheets_sync.google.gateway, "
            "sheets_sync.google.oauth, sheets_sync.check",
        ),
        (("pandas", "cli"), "import salespipe.frames"),
    ],
)
def test_each_front_end_imports_with_the_base_and_its_extra(
    extras: tuple[str, ...], code: str
) -> None:
    allowed = set(BASE)
    for name in extras:
        allowed |= extra(name)
    done = _imports_with_only(allowed, code)
    assert done.returncode == 0, done.stderr


def test_the_extra_named_for_a_missing_module_is_the_one_that_installs_it() -> None:
    owners = metadata.packages_distributions()
    for module, name in EXTRA_OF_MODULE.items():
        assert {_name(d) for d in owners[module]} & extra(name), module


def test_sync_without_the_sheets_extra_says_what_to_install(tmp_path: Path) -> None:
    book = tmp_path / "pipeline.xlsx"
    book.write_bytes(b"")
    allowed = BASE | extra("cli")
    code = (
        "import os; os.environ['SALESPIPE_LANG'] = 'en'\n"
        f"from salespipe.cli import main\nmain(['sync', {str(book)!r}])"
    )
    done = _imports_with_only(allowed, code)
    assert done.returncode == ERROR
    assert (
        'This command needs platformdirs, which is not installed: pip install "salespipe[sheets]"'
        in done.stderr
        or ('which is not installed: pip install "salespipe[sheets]"' in done.stderr)
    )
    assert "Traceback" not in done.stderr


def test_the_test_and_all_extras_install_everything() -> None:
    every = set().union(*(extra(n) for n in ("cli", "sheets", "excel", "fast", "pandas")))
    assert extra("all") == every
    assert every <= extra("test")
