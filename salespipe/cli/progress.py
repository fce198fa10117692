"""Progress of a long command on stderr: the step under way and the seconds it has taken.

On a terminal the step is one line redrawn in place every half second (« Lecture de
deals.xlsx… 3 s ») and erased when the command is done, so that nothing of it stays
among the results. Never shown in a pipe or a log, with ``-q`` or with ``--format json``
(:func:`wanted`); ``salespipe sync --progress`` off a terminal writes each step on a line
of its own instead. No library: click is already there, and a line redrawn with a
carriage return needs nothing else.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

_TICK = 0.5  # seconds between two redraws of the live line
_ERASE = "\r\x1b[2K"


def wanted(stream: TextIO, *, quiet: bool = False, fmt: str = "text") -> bool:
    """Whether to show progress: on a terminal only, and neither quiet nor JSON."""
    return not quiet and fmt != "json" and stream.isatty()


class LiveStep:
    """The step under way, redrawn in place on ``stream`` by a background thread until
    :meth:`close` erases it. Calling the object starts a new step."""

    def __init__(
        self,
        stream: TextIO,
        clock: Callable[[], float] = time.monotonic,
        tick: float | None = _TICK,
    ) -> None:
        """``tick``: seconds between two redraws by the thread (None: no thread, the
        line is drawn when a step starts)."""
        self._stream = stream
        self._clock = clock
        self._lock = threading.Lock()
        self._step: str | None = None
        self._started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if tick is not None:
            self._thread = threading.Thread(
                target=self._tick, args=(tick,), name="salespipe-progress", daemon=True
            )
            self._thread.start()

    def __call__(self, step: str) -> None:
        with self._lock:
            self._step, self._started = step, self._clock()
            self._draw()

    def _tick(self, seconds: float) -> None:
        while not self._stop.wait(seconds):
            with self._lock:
                self._draw()

    def _draw(self) -> None:
        if self._step is None:
            return
        seconds = int(self._clock() - self._started)
        shown = f"{self._step}… {seconds} s" if seconds else f"{self._step}…"
        self._stream.write(f"{_ERASE}{shown}")
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line (before another line is printed); the next step draws again."""
        with self._lock:
            if self._step is not None:
                self._stream.write(_ERASE)
                self._stream.flush()
            self._step = None

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.clear()


@contextmanager
def live_progress(show: bool, stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:
    """A callable told each step (``"Lecture de deals.xlsx"``): drawn live on ``stream``
    (stderr) when ``show``, else ignored; the line is erased on the way out, error or
    not, before anything else is printed."""
    if not show:
        yield lambda _step: None
        return
    live = LiveStep(stream or sys.stderr)
    try:
        yield live
    finally:
        live.close()
