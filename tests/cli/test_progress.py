"""Progress on stderr, as a person sees it: real ``salespipe`` processes whose stderr is a
pseudo-terminal (the pty module) show the steps, in the command's language (French under a
French locale, or --lang), and erase them; in a pipe, with -q and with --format json nothing
of it is written."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from salespipe.cli.exit_codes import BLOCKED, MAPS_TO_FILL
from salespipe.cli.progress import LiveStep
from tests.workbooks import write_small_pipeline

ERASE = "\r\x1b[2K"


def run(
    args: list[str], *, tty: bool, cwd: Path, code: int = 0, locale: str | None = None
) -> tuple[str, str]:
    """Run ``python -m salespipe ARGS``: stdout to a pipe, stderr to a pseudo-terminal
    (``tty``) or a pipe; what each received (the exit code must be ``code``)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **({"LANG": locale} if locale else {})}
    command = [sys.executable, "-m", "salespipe", *args]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env,
                              timeout=120, check=False)  # fmt: skip
        assert done.returncode == code, done.stderr
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, cwd=cwd,
                          env=env) as child:  # fmt: skip
        os.close(slave)
        received = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        out = child.stdout.read() if child.stdout else b""
        assert child.wait(timeout=120) == code, received
    os.close(master)
    return out.decode("utf-8"), received.decode("utf-8")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_small_pipeline(tmp_path / "small.xlsx")


def test_report_steps_on_a_terminal_in_french_then_erased(book: Path) -> None:
    args = ["report", book.name, "--as-of", "2026-11-23"]
    out, err = run(args, tty=True, cwd=book.parent, locale="fr_FR.UTF-8")
    steps = ["Lecture de small.xlsx…", "Vérification des lignes…",
             "Calcul des indicateurs…", "Mise en forme du rapport…"]  # fmt: skip
    positions = [err.index(f"{ERASE}{step}") for step in steps]
    assert positions == sorted(positions)  # in the order they run
    assert err.endswith(ERASE)  # nothing of it stays on the screen
    assert out.startswith("Rapport du pipeline — small.xlsx")  # the report itself is untouched


def test_report_steps_follow_an_explicit_lang(book: Path) -> None:
    args = ["report", book.name, "--as-of", "2026-11-23", "--lang", "en", "--format", "xlsx",
            "-o", "r.xlsx"]  # fmt: skip
    _, err = run(args, tty=True, cwd=book.parent)
    assert f"{ERASE}Reading small.xlsx…" in err and f"{ERASE}Writing r.xlsx…" in err
    assert err.endswith(f"{ERASE}Report written to r.xlsx\r\n")  # the line erased first


@pytest.mark.parametrize(
    ("extra", "tty"),
    [([], False), (["-q"], True), (["--format", "json"], True)],
    ids=["pipe", "quiet", "json"],
)
def test_no_progress_in_a_pipe_quiet_or_json(book: Path, extra: list[str], tty: bool) -> None:
    out, err = run(["report", book.name, "--as-of", "2026-11-23", *extra], tty=tty,
                   cwd=book.parent)  # fmt: skip
    assert err == ""
    assert out  # the report is still printed


def test_sync_steps_on_a_terminal_and_quiet(book: Path) -> None:
    args = ["sync", book.name, "-o", "out.xlsx", "--as-of", "2026-11-23", "--no-history"]
    out, err = run(args, tty=True, cwd=book.parent)
    assert f"{ERASE}lecture de Pipeline…" in err and f"{ERASE}écriture de Tableau de bord" in err
    assert err.endswith(f"{ERASE}Managed tabs written to out.xlsx\r\n")
    assert out.startswith("small.xlsx : lu Pipeline")
    _, quiet = run([*args, "-q"], tty=True, cwd=book.parent)
    assert quiet == "Managed tabs written to out.xlsx\r\n"


def test_export_steps_on_a_terminal_and_quiet(book: Path) -> None:
    args = ["export", book.name, "--crm", "hubspot", "-o", "crm", "--as-of", "2026-11-23"]
    # a first export stops at the maps to complete, after writing them
    out, err = run(args, tty=True, cwd=book.parent, code=MAPS_TO_FILL, locale="fr_FR.UTF-8")
    steps = ["Lecture de small.xlsx…", "Vérification des lignes…",
             "Préparation des fichiers d'import…", "Écriture des fichiers dans crm…"]  # fmt: skip
    positions = [err.index(f"{ERASE}{step}") for step in steps]
    assert positions == sorted(positions)
    assert err.endswith(ERASE) and "crm" in out  # the summary, printed after
    # the maps left as they were: the export is blocked
    _, quiet = run([*args, "-q"], tty=True, cwd=book.parent, code=BLOCKED)
    assert quiet == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_live_line_counts_the_seconds_of_its_step() -> None:
    now = [100.0]
    screen = Terminal()
    live = LiveStep(screen, clock=lambda: now[0], tick=None)
    live("Lecture de deals.xlsx")
    now[0] += 3.4
    live._draw()  # what the ticking thread does every half second
    live("Calcul des indicateurs")
    live.close()
    assert screen.getvalue() == (
        f"{ERASE}Lecture de deals.xlsx…{ERASE}Lecture de deals.xlsx… 3 s"
        f"{ERASE}Calcul des indicateurs…{ERASE}"
    )
