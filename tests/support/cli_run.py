"""Run the salespipe CLI in-process as a user's shell would: its exit code, stdout, stderr."""

from __future__ import annotations

import pytest

from salespipe.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``salespipe ARGS``: the exit code (0 when the command returns) and what it printed."""
    with pytest.raises(SystemExit) as info:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err
