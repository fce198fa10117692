"""Scheduling for ``salespipe sync --every``: when to run, one run at a time, clean stops.

- :func:`parse_schedule` reads ``15m``, ``1h30m``, ``2d`` or a 5-field cron expression
  (``*/15 * * * *``) into a :data:`Schedule`.
- :class:`RunLock` is a non-blocking lock shared by every process on the machine, one lock
  file per spreadsheet (:func:`lock_path_for`): a run that finds it held is skipped, never
  queued, so two cron entries or two ``--every`` processes never sync the same sheet at once.
- :class:`StopSignals` turns the first SIGINT/SIGTERM into "finish the current run, then
  stop", and the second into KeyboardInterrupt.
- :func:`run_on_schedule` is the loop: run now, then at each fire time until stopped.
"""

from __future__ import annotations

import _thread
import hashlib
import re
import signal
import socket
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any, TypeAlias

from croniter import CroniterBadDateError, CroniterError, croniter
from filelock import FileLock, Timeout

from salespipe.core.errors import ConfigError, SalespipeError
from salespipe.core.texts import both, text

#: Shorter intervals would hammer the Sheets API quota for no benefit.
MIN_INTERVAL = timedelta(seconds=10)

_DURATION = re.compile(
    r"(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<min>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?"
)
_UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
# croniter's random "R" field is not cron: each parse would pick another time.
_RANDOM_FIELD = re.compile(r"(?<![a-z])r(?![a-z])", re.IGNORECASE)
# Wake up at least this often while waiting, so a changed or suspended clock is noticed.
_MAX_WAIT_SECONDS = 60.0
_MAX_MISSED_COUNT = 10_000


@dataclass(frozen=True)
class IntervalSchedule:
    """Runs every ``step`` (at least :data:`MIN_INTERVAL`)."""

    step: timedelta

    def __post_init__(self) -> None:
        if self.step < MIN_INTERVAL:
            raise ConfigError("schedule_interval_too_short", step=str(self.step))

    def next_after(self, moment: datetime) -> datetime:
        """``moment + step``; for an aware ``moment``, in elapsed time (DST-proof), returned
        in ``moment``'s time zone; for a naive one, in wall-clock time."""
        if moment.tzinfo is None:
            return moment + self.step
        return (moment.astimezone(UTC) + self.step).astimezone(moment.tzinfo)

    def describe(self, lang: str = "fr") -> str:
        """E.g. ``toutes les 15 min``, ``every 1 h 30 min`` (``lang``)."""
        return text("sync.schedule.every", lang, step=_format_step(self.step, lang))


@dataclass(frozen=True)
class CronSchedule:
    """Runs at the fire times of a 5-field cron expression, in the clock's local time."""

    expression: str

    def next_after(self, moment: datetime) -> datetime:
        """The first fire time strictly after ``moment``: naive if ``moment`` is naive (local
        wall time, as cron does), else aware in ``moment``'s time zone."""
        fire: datetime = croniter(self.expression, moment).get_next(datetime)
        return fire

    def describe(self, lang: str = "fr") -> str:
        """E.g. ``cron */15 * * * *``."""
        return text("sync.schedule.cron", lang, expression=self.expression)


Schedule: TypeAlias = IntervalSchedule | CronSchedule


def parse_schedule(text: str) -> Schedule:
    """The schedule written in ``text``: a duration (``15m``, ``1h30m``, ``90s``, ``2d``; at
    least 10 s) or a 5-field cron expression. Raises ConfigError showing the value and
    examples of valid forms."""
    cleaned = text.strip().lower()
    fields = cleaned.split()
    said = {"schedule": repr(text), "examples": both("sync.schedule_examples")}
    if len(fields) == 5:
        return _parse_cron(text, fields)
    match = _DURATION.fullmatch(cleaned)
    if not cleaned or match is None or not any(match.groups()):
        if len(fields) > 1:
            raise ConfigError("schedule_cron_fields", fields=len(fields), **said)
        raise ConfigError("schedule_invalid", **said)
    seconds = sum(int(match[unit] or 0) * size for unit, size in _UNITS)
    try:
        step = timedelta(seconds=seconds)
    except OverflowError:
        raise ConfigError("schedule_interval_too_long", **said) from None
    if step < MIN_INTERVAL:
        raise ConfigError("schedule_interval_below_minimum", **said)
    return IntervalSchedule(step)


def _parse_cron(text: str, fields: list[str]) -> CronSchedule:
    expression = " ".join(fields)
    said = {"schedule": repr(text), "examples": both("sync.schedule_examples")}
    if any(_RANDOM_FIELD.search(field) for field in fields):
        raise ConfigError("schedule_cron_random", **said)
    try:
        # A fixed reference keeps parsing clock-free; it also finds the dates that never
        # come (30 February), which croniter only reports when asked for a fire time.
        croniter(expression, datetime(2000, 1, 1)).get_next(datetime)
    except CroniterBadDateError:
        raise ConfigError("schedule_cron_never", **said) from None
    except CroniterError as exc:
        raise ConfigError("schedule_cron_invalid", reason=str(exc), **said) from None
    return CronSchedule(expression)


def _format_step(step: timedelta, lang: str = "fr") -> str:
    rest = int(step.total_seconds())
    parts = []
    units = text("sync.schedule.units", lang).split()  # d (j in French), h, min, s
    for (_, size), unit in zip(_UNITS, units, strict=True):
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count} {unit}")
    return " ".join(parts)


# ---------------------------------------------------------------- one run at a time


def lock_path_for(key: str, directory: Path) -> Path:
    """The lock file for one spreadsheet or workbook: ``sync-<readable tail>-<hash>.lock`` in
    ``directory``. ``key`` must be canonical (spreadsheet id, resolved workbook path): the
    same key always gives the same file, different keys different files."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    # The tail keeps a path's file name, the readable part of a workbook key.
    slug = re.sub(r"[^A-Za-z0-9._]+", "-", ascii_key).strip("-.")[-40:].strip("-.")
    return Path(directory) / f"sync-{slug or 'run'}-{digest}.lock"


class RunLock:
    """A non-blocking lock on ``path`` that excludes other processes (and other RunLock
    objects of this process). The OS releases it when its holder dies, so a crashed run
    never leaves a stale lock. Not reentrant: a second :meth:`acquire` returns False."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # thread_local=False: held by this object, whichever thread releases it.
        self._lock = FileLock(self.path, timeout=0, thread_local=False)
        self._held = False

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._held

    def acquire(self) -> bool:
        """True when the lock was free and is now held; False when someone holds it. Raises
        ConfigError when the lock file cannot be created."""
        if self._held:
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=0)
        except Timeout:  # before OSError: filelock's Timeout is a TimeoutError
            return False
        except OSError as exc:
            raise ConfigError(
                "lock_file_unusable", path=str(self.path), reason=str(exc.strerror or exc)
            ) from None
        self._held = True
        return True

    def release(self) -> None:
        """Release the lock if this object holds it; otherwise do nothing."""
        if self._held:
            self._lock.release()
            self._held = False

    @contextmanager
    def try_lock(self) -> Iterator[bool]:
        """Yields whether the lock was acquired; releases it on exit if it was."""
        acquired = self.acquire()
        try:
            yield acquired
        finally:
            if acquired:
                self.release()


# ---------------------------------------------------------------- clean stops

_Handler: TypeAlias = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class StopSignals:
    """Context manager: SIGINT and SIGTERM set an Event (``with StopSignals(log) as stop``).

    The first signal logs "stopping after the current run" and sets the event; the second
    restores the previous handlers and raises KeyboardInterrupt in the main thread, so a
    stuck run can still be interrupted (a third one gets the previous behaviour, by default
    death). Previous handlers are restored on exit. Python only lets the main thread install
    handlers: elsewhere nothing is installed, :attr:`installed` is False and the event is
    only set by whoever else holds it.

    A thread of its own does the work, woken through :func:`signal.set_wakeup_fd`: the
    C-level handler writes each signal's number to a socket, whatever the main thread is
    doing. The Python-level handler does nothing but raise that KeyboardInterrupt: it runs
    in the main thread between two bytecodes, maybe while the main thread holds a lock that
    logging, setting an event or starting a thread needs, and not at all while the main
    thread sleeps in a wait that the signal did not interrupt (caught just before the wait
    began, or by another thread), so the event it set would only be seen at the wait's end.
    """

    def __init__(
        self,
        log: Callable[[str], None] | None = None,
        *,
        event: threading.Event | None = None,
        signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM),
        lang: str = "fr",
    ) -> None:
        self.event = event if event is not None else threading.Event()
        self.lang = lang
        self.installed = False
        self._log = log
        self._signals = tuple(signals)
        self._previous: dict[int, _Handler] = {}
        self._previous_wakeup: int | None = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._watcher: threading.Thread | None = None
        self._interrupt = False  # set by the watching thread at the second signal
        self._interrupted = False  # set by the handler when it raises KeyboardInterrupt

    def __enter__(self) -> threading.Event:
        """Installs the handlers (main thread only); returns the stop event."""
        if threading.current_thread() is threading.main_thread():
            try:
                self._install()
            except (ValueError, OSError):  # e.g. an embedding interpreter refusing it
                self._restore()
                self._close()
            except BaseException:  # e.g. a Ctrl-C caught by the previous handler meanwhile
                self._restore()
                self._close()
                raise
        return self.event

    def __exit__(self, *exc_info: object) -> None:
        self._restore()
        self._close()

    def _install(self) -> None:
        reader, writer = self._sockets = socket.socketpair()
        writer.setblocking(False)  # set_wakeup_fd's rule: the C handler must never block
        self._watcher = threading.Thread(
            target=self._watch, args=(reader,), name="salespipe-stop", daemon=True
        )
        self._watcher.start()
        # Wakeup first: every signal that reaches _handle has its byte in the socket.
        self._previous_wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for signum in self._signals:
            self._previous[signum] = signal.signal(signum, self._handle)
        self.installed = True

    def _restore(self) -> None:
        """Previous handlers and wakeup fd back; safe in the signal handler (no lock)."""
        for signum, previous in self._previous.items():
            # None means a handler installed outside Python: the default is the best guess.
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
        self._previous.clear()
        if self._previous_wakeup is not None:
            signal.set_wakeup_fd(self._previous_wakeup)
            self._previous_wakeup = None
        self.installed = False

    def _close(self) -> None:
        """Ends the watching thread (closing the writing end wakes it) and the sockets."""
        if self._sockets is not None:
            reader, writer = self._sockets
            writer.close()
            if self._watcher is not None:
                self._watcher.join(timeout=5.0)  # only a stuck ``log`` holds it longer
            reader.close()
        self._sockets, self._watcher = None, None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        # The main thread, between two bytecodes: no lock, no I/O, no thread start here.
        if self._interrupt:
            self._interrupted = True
            self._restore()
            raise KeyboardInterrupt(f"{signal.Signals(signum).name} received twice")

    def _watch(self, reader: socket.socket) -> None:
        """The watching thread: counts our signals in the wakeup socket (one byte each,
        written by the C-level handler, so two quick signals are never taken for one);
        at the first, logs it and sets the event; at the second, interrupts the main
        thread."""
        count = 0
        while count < 2:
            try:
                received = reader.recv(64)
            except OSError:  # closed by _close
                return
            if not received:  # _close closed the writing end
                return
            for signum in (byte for byte in received if byte in self._signals):
                count += 1
                if count == 1:
                    self._announce(signum)
                elif count == 2:
                    self._interrupt_main(signum)

    def _announce(self, signum: int) -> None:
        """Logs the first signal, then sets the event: its line comes before "stopped"."""
        if self._log is not None:
            # A log that fails (closed stderr) must not end this thread: the stop and the
            # second signal still count.
            with suppress(Exception):
                self._log(text("sync.schedule.signal", self.lang, name=signal.Signals(signum).name))
        self.event.set()

    def _interrupt_main(self, signum: int) -> None:
        """Makes the handler raise KeyboardInterrupt in the main thread at once: the second
        signal's own run of the handler may have come before this thread counted it, so the
        signal is sent again, to the main thread, where it also ends a blocking call."""
        self._interrupt = True
        if not hasattr(signal, "pthread_kill"):  # Windows
            _thread.interrupt_main(signal.Signals(signum))
        elif not self._interrupted:
            # This thread holds the GIL from the test to the kill (no eval-breaker check in
            # between), so the handler cannot have restored the default (death) meanwhile.
            signal.pthread_kill(threading.main_thread().ident or 0, signum)


# ---------------------------------------------------------------- the loop


def run_on_schedule(
    job: Callable[[], bool],
    schedule: Schedule | None,
    *,
    lock: RunLock,
    log: Callable[[str], None],
    stop: threading.Event,
    now: Callable[[], datetime] = datetime.now,
    max_runs: int | None = None,
    lang: str = "fr",
) -> int:
    """Run ``job`` now, then at each fire time of ``schedule`` until ``stop`` is set (or
    ``max_runs`` runs, skipped ones included, have been started); once if ``schedule`` is None.

    Each run holds ``lock``; a run finding it held is logged as skipped and is no failure.
    ``job`` returns False for a failed run (it logs its own error); an exception is logged
    in one line and counted as a failure, and the loop goes on. Fire times missed by a long
    run are skipped (logged) and the schedule restarts from the run's end. Returns the exit
    code: 1 when the last run that ran failed, else 0 (also when stopped or nothing ran).
    The log's lines are in ``lang``.
    """
    if max_runs is not None and max_runs < 1:
        raise ValueError(f"max_runs must be at least 1, not {max_runs}")
    last_ok = True
    ticks = 0
    fire = now()
    while not stop.is_set():
        ticks += 1
        outcome = _run_once(job, ticks, lock, log, now, lang)
        last_ok = last_ok if outcome is None else outcome
        if schedule is None or ticks == max_runs or stop.is_set():
            break
        finished = now()
        fire = _next_fire(schedule, fire, finished, log, lang)
        at, described = _clock(fire, finished), schedule.describe(lang)
        log(text("sync.schedule.next_run", lang, at=at, schedule=described))
        if not _wait_until(fire, stop, now):
            break
    if stop.is_set():
        log(text("sync.schedule.stopped", lang))
    return 0 if last_ok else 1


def _run_once(
    job: Callable[[], bool],
    number: int,
    lock: RunLock,
    log: Callable[[str], None],
    now: Callable[[], datetime],
    lang: str,
) -> bool | None:
    """True/False for a run that succeeded/failed; None when skipped because of the lock."""
    try:
        with lock.try_lock() as acquired:
            if not acquired:
                log(text("sync.schedule.skipped", lang, path=lock.path))
                return None
            log(text("sync.schedule.started", lang, number=number, time=f"{now():%H:%M:%S}"))
            return bool(job())
    except Exception as exc:  # one bad run must not end the schedule
        log(text("sync.schedule.failed", lang, number=number, error=_one_line(exc, lang)))
        return False


def _next_fire(
    schedule: Schedule,
    fire: datetime,
    finished: datetime,
    log: Callable[[str], None],
    lang: str = "fr",
) -> datetime:
    """The fire time after ``fire``; if the run ended past it, the first one after the end."""
    target = schedule.next_after(fire)
    if _seconds_between(finished, target) > 0:
        return target
    missed = 0
    while _seconds_between(finished, target) <= 0 and missed < _MAX_MISSED_COUNT:
        missed += 1
        target = schedule.next_after(target)
    more = "+" if _seconds_between(finished, target) <= 0 else ""
    log(text("sync.schedule.missed", lang, count=missed, more=more))
    return schedule.next_after(finished)


def _wait_until(target: datetime, stop: threading.Event, now: Callable[[], datetime]) -> bool:
    """Wait until ``now() >= target``: True when reached, False as soon as ``stop`` is set."""
    while (remaining := _seconds_between(now(), target)) > 0:
        if stop.wait(min(remaining, _MAX_WAIT_SECONDS)):
            return False
    return True


def _seconds_between(start: datetime, end: datetime) -> float:
    """Elapsed seconds from ``start`` to ``end`` (negative if earlier). Through timestamps:
    subtracting datetimes of the same zone gives wall-clock time, wrong across DST."""
    return end.timestamp() - start.timestamp()


def _clock(moment: datetime, today: datetime) -> str:
    """``HH:MM:SS`` for a time later today, the full ISO date and time otherwise."""
    if moment.date() == today.date():
        return moment.strftime("%H:%M:%S")
    return moment.isoformat(timespec="seconds")


def _one_line(exc: Exception, lang: str = "fr") -> str:
    """``Type: message`` on one line, shortened: no traceback, no multi-line server reply;
    a salespipe error's message in ``lang``, as the rest of the log's lines."""
    said = exc.message(lang) if isinstance(exc, SalespipeError) else str(exc)
    line = " ".join(said.split())
    if len(line) > 300:
        line = line[:297] + "..."
    return f"{type(exc).__name__}: {line}" if line else type(exc).__name__
