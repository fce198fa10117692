"""templates/ ships inside the wheel as salespipe/templates/ and is found at run time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "salespipe",
    "xlplugin",
    "sheets_sync",
    "templates",
)


def _build_wheel(tmp_path: Path) -> Path:
    """A wheel built by pip from a clean copy of the sources (the checkout stays untouched)."""
    source = tmp_path / "src"
    source.mkdir()
    for name in SHIPPED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = tmp_path / "dist"
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "--disable-pip-version-check",
        "-w",
        str(dist),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("salespipe-*.whl")
    return wheel


def _packages() -> set[str]:
    """Every package directory of the source tree (any folder holding Python files)."""
    found = set()
    for top in ("salespipe", "xlplugin", "sheets_sync"):
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]:
            if folder.is_dir() and any(folder.glob("*.py")) and "__pycache__" not in folder.parts:
                found.add(".".join(folder.relative_to(ROOT).parts))
    return found


def test_the_wheel_ships_the_template_and_every_package(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = archive.read("salespipe/templates/action_plan.xlsx")
        archive.extractall(tmp_path / "installed")
    assert shipped == (ROOT / "templates" / "action_plan.xlsx").read_bytes()
    assert "xlplugin/lite/requirements.txt" in names  # what xlwings Lite's pane takes
    folders = {name.rsplit("/", 1)[0].replace("/", ".") for name in names if name.endswith(".py")}
    missing = _packages() - folders
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    code = "from salespipe.template import template_path; print(template_path())"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "installed")}
    found = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(found.stdout.strip()) == tmp_path / "installed/salespipe/templates/action_plan.xlsx"
