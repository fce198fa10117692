"""Recalculate workbooks with the real LibreOffice Calc, headless.

``soffice --headless --convert-to xlsx`` opens each file, computes every formula and
saves the results, which openpyxl then reads with ``data_only=True``. One soffice
process converts a whole batch; a private user profile (set to recalculate on load)
keeps test runs from clashing with each other or with a desktop session.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

INSTALL_HINT = (
    "LibreOffice Calc is required by the template tests and was not found (no `soffice` on "
    "PATH). Install it: `apt-get install -y --no-install-recommends libreoffice-calc-nogui` "
    "(bash .ci/run does it when run as root)."
)
TIMEOUT_SECONDS = 600

# Recalculate formulas of Excel 2007+ files on load (0 = always), whatever they cached.
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    """The soffice executable; fails the test (never skips) when it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return found


def make_profile(directory: Path) -> Path:
    """A fresh LibreOffice user profile in ``directory``, set to recalculate on load."""
    user = directory / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    return directory


def recalculate(files: Sequence[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Open, recalculate and save every file as xlsx into ``outdir``, in one soffice run.

    Returns ``{input: recalculated copy}``; fails with soffice's output when a file
    was not converted.
    """
    return convert(files, outdir, profile, "xlsx")


def print_to_pdf(files: Sequence[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Recalculate and print every file to PDF into ``outdir`` (its print areas, page
    set-up and page breaks, as « File > Print » would), in one soffice run."""
    return convert(files, outdir, profile, "pdf")


def convert(files: Sequence[Path], outdir: Path, profile: Path, target: str) -> dict[Path, Path]:
    """Every file converted to ``target`` (« xlsx », « pdf ») into ``outdir``, in one soffice
    run: ``{input: output}``; fails with soffice's output when a file was not converted."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *(str(f) for f in files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    results = {f: outdir / f.with_suffix(f".{target}").name for f in files}
    missing = [str(f) for f, out in results.items() if not out.exists()]
    if done.returncode != 0 or missing:
        pytest.fail(
            f"soffice failed (exit {done.returncode}) for {missing or 'the batch'}:\n"
            f"{done.stdout}\n{done.stderr}",
            pytrace=False,
        )
    return results


PDFTOTEXT_HINT = (
    "pdftotext (poppler-utils) is required to read the printed pages and was not found. "
    "Install it: `apt-get install -y --no-install-recommends poppler-utils` (bash .ci/run "
    "does it when run as root)."
)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext, layout kept); fails, never skips,
    without pdftotext."""
    found = shutil.which("pdftotext")
    if found is None:
        pytest.fail(PDFTOTEXT_HINT, pytrace=False)
    done = subprocess.run(
        [found, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.fail(f"pdftotext failed on {pdf}: {done.stderr}", pytrace=False)
    return done.stdout.split("\f")[:-1]  # a form feed ends each page
