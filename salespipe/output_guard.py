"""The one guard of every file salespipe writes or deletes: never a file it reads.

Every output path goes through :func:`refuse_inputs` before anything is written: the
report's ``-o`` and its default name, the export's import files, maps, rejects, warnings
and summary (and the files of an earlier export it deletes), the sync's output workbook
and history file, the template's ``-o``. Two paths are one file when they are the same
inode on the same device (:func:`os.path.samefile`: a hard link, a symbolic link, another
spelling of the path), or, when one of them does not exist yet, the same absolute path.
An existing output that is not a regular file (a folder, a FIFO, a device) is refused too:
writing to it would fail or block.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from salespipe.core.errors import ConfigError


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when both paths name one file: same device and inode, or (one of them not
    existing) the same absolute path."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return Path(os.path.abspath(first)) == Path(os.path.abspath(second))


def refuse_inputs(outputs: Iterable[str | Path], inputs: Iterable[str | Path | None]) -> None:
    """ConfigError ``output_is_input`` when an output is one of the ``inputs`` (None
    entries are skipped), ``output_not_a_file`` when an output exists and is not a
    regular file."""
    read = [Path(path) for path in inputs if path is not None]
    for output in map(Path, outputs):
        for path in read:
            if same_file(output, path):
                raise ConfigError("output_is_input", path=str(output), input=str(path))
        if output.exists() and not output.is_file():
            raise ConfigError("output_not_a_file", path=str(output))
