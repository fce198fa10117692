"""The ``salespipe`` command: parse options, call the library, format the output.

One module per command (``report_command``: report and demo; ``export_command``,
``template_command``, ``sync_command``, ``check_command``, ``init_command``), the options
they share in :mod:`.options`, and
:mod:`.app`: the click group and :func:`main`, the one place where errors that stop a
run become one message on stderr and exit code 1 (no traceback reaches the user).
"""

from __future__ import annotations

from salespipe.cli import (
    check_command,
    export_command,
    init_command,
    report_command,
    sync_command,
    template_command,
)
from salespipe.cli.app import cli, error_text, main

__all__ = ["cli", "error_text", "main"]

# The command modules register their commands on ``cli`` when imported.
_COMMANDS = (
    check_command,
    export_command,
    init_command,
    report_command,
    sync_command,
    template_command,
)
