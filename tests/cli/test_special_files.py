"""A named pipe (or a device) given where a file is read is refused at once (issue 15): the
commands used to open it and wait forever for a writer. Each case runs in a child process
with a timeout, so that a regression fails instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbooks import write_small_pipeline

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def salespipe(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data")}
    env = {k: v for k, v in env.items() if not k.startswith("SALESPIPE_")}
    return subprocess.run([sys.executable, "-m", "salespipe.cli", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["report", "pipe.xlsx"],
        ["report", "pipe.csv", "--format", "json"],
        ["export", "pipe.xlsx", "--crm", "hubspot", "-o", "out"],
        ["sync", "pipe.csv", "--no-history"],
    ],
)
def test_a_pipe_as_the_workbook_is_refused_at_once(tmp_path: Path, args: list[str]) -> None:
    os.mkfifo(tmp_path / args[1])
    result = salespipe(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {args[1]} is not a regular file (a pipe, a device...); give a workbook "
        "saved on disk\n"
    )


def test_a_pipe_as_the_configuration_or_the_mapping_is_refused_at_once(tmp_path: Path) -> None:
    write_small_pipeline(tmp_path / "small.xlsx")
    os.mkfifo(tmp_path / "pipe.toml")
    result = salespipe(tmp_path, "sync", "--config", "pipe.toml")
    assert result.returncode == 1
    assert "Cannot read the sync configuration pipe.toml: [Errno 22] not a regular file" in (
        result.stderr
    )
    result = salespipe(tmp_path, "report", "small.xlsx", "--mapping", "pipe.toml")
    assert result.returncode == 2
    assert "cannot read mapping pipe.toml: [Errno 22] not a regular file" in result.stderr
