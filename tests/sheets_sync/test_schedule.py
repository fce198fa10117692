"""``salespipe sync --every``: schedules, the lock against overlapping runs, clean stops.

The loop runs on a fake clock (no real waiting); locks and signals are tested with real
processes and real signals, synchronised on the lines they print, never on durations.
"""

from __future__ import annotations

import inspect
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from salespipe.core.errors import ConfigError
from sheets_sync.schedule import (
    CronSchedule,
    IntervalSchedule,
    RunLock,
    StopSignals,
    lock_path_for,
    parse_schedule,
    run_on_schedule,
)

REPO = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and flock")

# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("15m", "every 15 min"),
        ("15min", "every 15 min"),
        ("1h", "every 1 h"),
        ("90s", "every 1 min 30 s"),
        ("10s", "every 10 s"),
        ("1h30m", "every 1 h 30 min"),
        ("1h 30m", "every 1 h 30 min"),
        ("2d", "every 2 d"),
        (" 15M ", "every 15 min"),
        ("*/15 * * * *", "cron */15 * * * *"),
        ("0  8-18 * *   1-5", "cron 0 8-18 * * 1-5"),
        ("0 8 * * mon-fri", "cron 0 8 * * mon-fri"),
    ],
)
def test_valid_schedules(text: str, described: str) -> None:
    assert parse_schedule(text).describe("en") == described


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "use a duration"),
        ("15", "use a duration"),
        ("abc", "use a duration"),
        ("1.5h", "use a duration"),
        ("-5m", "use a duration"),
        ("0m", "at least 10 s"),
        ("5s", "at least 10 s"),
        ("99999999999d", "too long"),
        ("* * * *", "5 fields, not 4"),
        ("0 0 * * * *", "5 fields, not 6"),
        ("61 * * * *", "out of range"),
        ("*/0 * * * *", "Invalid cron schedule"),
        ("0 0 30 2 *", "never fires"),
        ("R * * * *", "random fields"),
    ],
)
def test_invalid_schedules_say_what_and_how(text: str, reason: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_schedule(text)
    message = caught.value.message("en")
    assert repr(text) in message
    assert reason in message
    if "random" not in reason:
        assert "15m" in message and "'*/15 * * * *'" in message
    french = str(caught.value)
    assert repr(text) in french and french != message
    if "random" not in reason:
        assert "15m" in french and "'*/15 * * * *'" in french


def test_interval_next_times() -> None:
    schedule = parse_schedule("1h30m")
    assert schedule == IntervalSchedule(timedelta(minutes=90))
    assert schedule.next_after(datetime(2026, 5, 8, 23, 0)) == datetime(2026, 5, 9, 0, 30)
    # Aware: elapsed time, so the night clocks go forward an hour still waits 90 minutes.
    before = datetime(2026, 3, 29, 1, 0, tzinfo=PARIS)
    after = schedule.next_after(before)
    assert after == datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)
    assert after.timestamp() - before.timestamp() == 90 * 60


@pytest.mark.parametrize(
    ("expression", "moment", "expected"),
    [
        # Friday 18:00 -> Monday 08:00
        ("0 8 * * 1-5", datetime(2026, 5, 8, 18, 0), datetime(2026, 5, 11, 8, 0)),
        ("*/15 * * * *", datetime(2026, 5, 8, 10, 7, 23), datetime(2026, 5, 8, 10, 15)),
        # strictly after: a moment on a fire time gets the next one
        ("*/15 * * * *", datetime(2026, 5, 8, 10, 15), datetime(2026, 5, 8, 10, 30)),
        ("0 8-18 * * 1-5", datetime(2026, 5, 8, 18, 30), datetime(2026, 5, 11, 8, 0)),
        ("0 8-18 * * 1-5", datetime(2026, 5, 11, 8, 0), datetime(2026, 5, 11, 9, 0)),
    ],
)
def test_cron_next_times(expression: str, moment: datetime, expected: datetime) -> None:
    schedule = parse_schedule(expression)
    assert schedule == CronSchedule(expression)
    assert schedule.next_after(moment) == expected


def test_cron_next_time_keeps_the_time_zone() -> None:
    sunday_before_dst = datetime(2026, 3, 28, 18, 0, tzinfo=PARIS)
    fire = parse_schedule("0 8 * * *").next_after(sunday_before_dst)
    assert fire == datetime(2026, 3, 29, 8, 0, tzinfo=PARIS)
    assert fire.utcoffset() == timedelta(hours=2)


# ---------------------------------------------------------------- lock files


def test_lock_path_is_stable_readable_and_distinct(tmp_path: Path) -> None:
    path = lock_path_for("/home/marie/Ventes/Suivi été.xlsx", tmp_path)
    assert path == lock_path_for("/home/marie/Ventes/Suivi été.xlsx", tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("sync-home-marie-Ventes-Suivi-ete.xlsx-")
    assert path.suffix == ".lock"
    assert lock_path_for("/home/marie/Ventes/Suivi ete.xlsx", tmp_path) != path
    key = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"
    assert lock_path_for(key, tmp_path).name.startswith(f"sync-{key[-40:]}-")
    assert lock_path_for("///", tmp_path).name.startswith("sync-run-")


def test_lock_excludes_a_second_holder_in_the_same_process(tmp_path: Path) -> None:
    first, second = RunLock(tmp_path / "a" / "x.lock"), RunLock(tmp_path / "a" / "x.lock")
    assert first.acquire()
    assert not first.acquire()  # not reentrant
    assert not second.acquire()
    first.release()
    with second.try_lock() as acquired:
        assert acquired and second.held
    assert not second.held
    assert first.acquire()
    first.release()


def test_unwritable_lock_folder_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ConfigError) as error:
        RunLock(tmp_path / "file" / "x.lock").acquire()
    assert error.value.message("en").startswith("Cannot create the lock file")
    assert str(error.value).startswith("Impossible de créer le fichier de verrou")


HOLDER = """
import sys
from pathlib import Path
from sheets_sync.schedule import RunLock
lock = RunLock(Path(sys.argv[1]))
print("held" if lock.acquire() else "busy", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@posix_only
def test_a_run_is_skipped_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    path = lock_path_for("spreadsheet-key", tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        lock, logs, runs = RunLock(path), list[str](), list[int]()

        def job() -> bool:
            runs.append(1)
            return True

        assert not lock.acquire()
        code = run_on_schedule(
            job, None, lock=lock, log=logs.append, stop=threading.Event(), lang="en"
        )
        assert (code, runs) == (0, [])
        assert logs == [f"skipped: a run is still in progress (lock {path})"]
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        assert holder.wait(timeout=30) == 0
        code = run_on_schedule(
            job, None, lock=lock, log=logs.append, stop=threading.Event(), lang="en"
        )
        assert (code, runs) == (0, [1])
        assert logs[-1].startswith("run 1 started at ")
    finally:
        holder.kill()
        holder.wait(timeout=30)


@posix_only
def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    assert not RunLock(path).acquire()
    holder.kill()
    holder.wait(timeout=30)
    assert RunLock(path).acquire()


# ---------------------------------------------------------------- the loop, on a fake clock


class FakeClock:
    """``now()`` for the loop, and a stop event whose waits advance the clock instantly."""

    def __init__(self, start: datetime) -> None:
        self.moment = start
        self.stop = _ClockEvent(self)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Elapsed time, as a real clock moves (aware datetimes: through UTC)."""
        if self.moment.tzinfo is None:
            self.moment += timedelta(**delta)
        else:
            utc = self.moment.astimezone(UTC) + timedelta(**delta)
            self.moment = utc.astimezone(self.moment.tzinfo)


class _ClockEvent(threading.Event):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock

    def wait(self, timeout: float | None = None) -> bool:
        if not self.is_set() and timeout is not None:
            self.clock.advance(seconds=timeout)
        return self.is_set()


class Job:
    """Records its start times; stops the loop after ``runs`` runs; ``plan`` says, per run,
    how long it takes (minutes) and whether it succeeds, fails or raises."""

    def __init__(self, clock: FakeClock, runs: int, plan: dict[int, tuple[float, object]]) -> None:
        self.clock, self.runs, self.plan = clock, runs, plan
        self.started: list[str] = []

    def __call__(self) -> bool:
        self.started.append(f"{self.clock.now():%H:%M}")
        minutes, outcome = self.plan.get(len(self.started), (1, True))
        self.clock.advance(minutes=minutes)
        if len(self.started) >= self.runs:
            self.clock.stop.set()
        if isinstance(outcome, Exception):
            raise outcome
        return bool(outcome)


def _loop(
    text: str | None,
    runs: int,
    plan: dict[int, tuple[float, object]],
    tmp_path: Path,
    start: datetime = datetime(2026, 5, 8, 10, 0),  # a Friday
    **kw: int,
) -> tuple[int, Job, list[str]]:
    clock = FakeClock(start)
    job, logs = Job(clock, runs, plan), list[str]()
    code = run_on_schedule(
        job,
        parse_schedule(text) if text else None,
        lock=RunLock(tmp_path / "run.lock"),
        log=logs.append,
        stop=clock.stop,
        now=clock.now,
        lang="en",
        **kw,
    )
    return code, job, logs


def test_interval_loop_runs_until_stopped(tmp_path: Path) -> None:
    code, job, logs = _loop("15m", 3, {}, tmp_path)
    assert code == 0
    assert job.started == ["10:00", "10:15", "10:30"]
    assert logs == [
        "run 1 started at 10:00:00",
        "next run at 10:15:00 (every 15 min)",
        "run 2 started at 10:15:00",
        "next run at 10:30:00 (every 15 min)",
        "run 3 started at 10:30:00",
        "stopped",
    ]


def test_cron_loop_runs_at_fire_times(tmp_path: Path) -> None:
    code, job, logs = _loop("*/20 * * * *", 4, {1: (3, True)}, tmp_path)
    assert (code, job.started) == (0, ["10:00", "10:20", "10:40", "11:00"])
    assert "next run at 10:20:00 (cron */20 * * * *)" in logs


def test_a_long_run_skips_the_missed_fire_times(tmp_path: Path) -> None:
    code, job, logs = _loop("15m", 3, {1: (40, True)}, tmp_path)
    assert code == 0
    # 10:15 and 10:30 passed during the first run; the schedule restarts from its end.
    assert job.started == ["10:00", "10:55", "11:10"]
    assert logs[1:3] == ["missed 2 scheduled run(s)", "next run at 10:55:00 (every 15 min)"]
    code, job, logs = _loop("*/15 * * * *", 2, {1: (40, True)}, tmp_path)
    assert (code, job.started) == (0, ["10:00", "10:45"])
    assert "missed 2 scheduled run(s)" in logs


@pytest.mark.parametrize(
    ("text", "started"),
    [("1h", ["01:00", "03:00", "04:00"]), ("0 * * * *", ["01:00", "03:00", "04:00"])],
)
def test_loop_on_an_aware_clock_across_dst(text: str, started: list[str], tmp_path: Path) -> None:
    # 29 March 2026 in Paris: 02:00 CET is 03:00 CEST; one hour later is 03:00.
    start = datetime(2026, 3, 29, 1, 0, tzinfo=PARIS)
    code, job, logs = _loop(text, 3, {}, tmp_path, start)
    assert (code, job.started) == (0, started)
    assert logs[1].startswith("next run at 03:00:00")


def test_an_exception_is_one_log_line_and_the_loop_goes_on(tmp_path: Path) -> None:
    boom = RuntimeError("quota exceeded\nline two of the server reply")
    code, job, logs = _loop("15m", 3, {1: (1, boom), 2: (1, False)}, tmp_path)
    assert job.started == ["10:00", "10:15", "10:30"]
    assert "run 1 failed: RuntimeError: quota exceeded line two of the server reply" in logs
    assert code == 0  # the last run succeeded


@pytest.mark.parametrize(
    ("plan", "expected"),
    [({}, 0), ({3: (1, False)}, 1), ({3: (1, ValueError("bad"))}, 1), ({1: (1, False)}, 0)],
)
def test_exit_code_is_that_of_the_last_run(plan: dict, expected: int, tmp_path: Path) -> None:
    assert _loop("15m", 3, plan, tmp_path)[0] == expected


@pytest.mark.parametrize(("outcome", "expected"), [(True, 0), (False, 1), (OSError("x"), 1)])
def test_without_a_schedule_it_runs_once(outcome: object, expected: int, tmp_path: Path) -> None:
    code, job, logs = _loop(None, 99, {1: (1, outcome)}, tmp_path)
    assert (code, job.started) == (expected, ["10:00"])
    assert not any(line.startswith("next run") for line in logs)


def test_max_runs_and_next_day_times(tmp_path: Path) -> None:
    code, job, logs = _loop("0 8 * * 1-5", 99, {}, tmp_path, max_runs=2)
    assert (code, job.started) == (0, ["10:00", "08:00"])
    assert "next run at 2026-05-11T08:00:00 (cron 0 8 * * 1-5)" in logs  # Friday -> Monday
    assert "stopped" not in logs


def test_already_stopped_runs_nothing(tmp_path: Path) -> None:
    stop, logs = threading.Event(), list[str]()
    stop.set()
    code = run_on_schedule(
        lambda: pytest.fail("must not run"),
        parse_schedule("15m"),
        lock=RunLock(tmp_path / "x.lock"),
        log=logs.append,
        stop=stop,
        lang="en",
    )
    assert (code, logs) == (0, ["stopped"])


def test_ticks_are_skipped_while_the_lock_is_held(tmp_path: Path) -> None:
    other = RunLock(tmp_path / "run.lock")
    assert other.acquire()
    code, job, logs = _loop("15m", 99, {}, tmp_path, max_runs=3)
    assert (code, job.started) == (0, [])
    skipped = f"skipped: a run is still in progress (lock {tmp_path / 'run.lock'})"
    assert logs.count(skipped) == 3
    other.release()


# ---------------------------------------------------------------- signals, in this process


@posix_only
def test_first_signal_sets_the_event_and_handlers_are_restored() -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    logs: list[str] = []
    with StopSignals(logs.append, lang="en") as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(30)
    assert logs == ["SIGTERM received: stopping after the current run (again to interrupt)"]
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


@posix_only
def test_second_signal_interrupts() -> None:
    before = signal.getsignal(signal.SIGINT)
    with StopSignals() as stop, pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.wait(30)
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(3000):  # the handler raises at the next bytecode of this thread
            time.sleep(0.01)
    assert signal.getsignal(signal.SIGINT) == before


def test_outside_the_main_thread_nothing_is_installed() -> None:
    before = signal.getsignal(signal.SIGTERM)
    seen: list[object] = []

    def worker() -> None:
        signals = StopSignals()
        with signals as stop:
            seen.extend([signals.installed, stop.is_set(), signal.getsignal(signal.SIGTERM)])

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert seen == [False, False, before]


def _timed_wait_line() -> int:
    """The line of threading.Condition.wait that blocks until notified or timed out."""
    lines, first = inspect.getsourcelines(threading.Condition.wait)
    blocking = "waiter.acquire(True, timeout)"
    return first + next(i for i, line in enumerate(lines) if blocking in line)


def _blocked_in_a_timed_wait(thread_id: int) -> bool:
    """Whether that thread is inside the blocking call of Condition.wait (Event.wait's).
    Asked while holding the GIL, which it released only in that call: it is blocked (or
    about to be), past every point where Python could still run a signal handler."""
    frame = sys._current_frames().get(thread_id)
    code = threading.Condition.wait.__code__
    return frame is not None and frame.f_code is code and frame.f_lineno == _timed_wait_line()


def _signal_this_thread(signum: int, times: int, once_blocked: int | None = None) -> None:
    """Sends ``signum`` ``times`` times to the calling thread (not the main thread), after
    the thread ``once_blocked`` (if given) is blocked in a timed wait."""
    deadline = time.monotonic() + 30
    while once_blocked is not None and not _blocked_in_a_timed_wait(once_blocked):
        assert time.monotonic() < deadline, "the main thread never waited"
        time.sleep(0.001)
    for _ in range(times):
        signal.pthread_kill(threading.get_ident(), signum)


@posix_only
def test_a_signal_that_does_not_interrupt_the_wait_still_ends_it() -> None:
    # The flaky failure: SIGINT caught by the main thread after its last bytecode before
    # the wait's blocking call, so the handler that would set the event only ran when the
    # wait ended, 60 s later. A signal caught by another thread while the main thread is
    # blocked leaves the process in that very state, every time.
    logs: list[str] = []
    with StopSignals(logs.append, lang="en") as stop:
        main = threading.get_ident()
        sender = threading.Thread(target=_signal_this_thread, args=(signal.SIGTERM, 1, main))
        sender.start()
        assert stop.wait(30)  # ended by the signal, not by the timeout
        sender.join(30)
    assert logs == ["SIGTERM received: stopping after the current run (again to interrupt)"]


@posix_only
def test_two_signals_before_the_handler_runs_still_interrupt() -> None:
    # Python runs the handler once for two signals caught before it could run (here: by
    # another thread while the main thread waits for it); they are still two signals.
    before = signal.getsignal(signal.SIGTERM)
    with StopSignals() as stop, pytest.raises(KeyboardInterrupt, match="SIGTERM received twice"):
        sender = threading.Thread(target=_signal_this_thread, args=(signal.SIGTERM, 2))
        sender.start()
        sender.join(30)
        assert stop.wait(30)
        for _ in range(3000):  # the handler raises at the next bytecode of this thread
            time.sleep(0.01)
    assert signal.getsignal(signal.SIGTERM) == before


# ---------------------------------------------------------------- signals, a real process

CHILD = """
import sys, time
from pathlib import Path
from sheets_sync.schedule import RunLock, StopSignals, parse_schedule, run_on_schedule

lock_path, mode, release = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])

def log(message):
    print(message, flush=True)

def job():
    log("job started")
    if mode == "busy":
        log("busy")
        while not release.exists():  # the test creates it once the signal was handled
            time.sleep(0.02)
    log("job finished")
    return True

with StopSignals(log, lang="en") as stop:
    code = run_on_schedule(job, parse_schedule("15m"), lock=RunLock(lock_path), log=log, stop=stop,
                           lang="en")
log(f"exit {code}")
sys.exit(code)
"""
STOPPING = "stopping after the current run"


class Child:
    """The CHILD script in a process; its output lines are collected by a thread."""

    def __init__(self, tmp_path: Path, mode: str) -> None:
        script = tmp_path / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        self.lock, self.release = tmp_path / "run.lock", tmp_path / "release"
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(self.lock), mode, str(self.release)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=_child_env(),
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            line = self._queue.get(timeout=max(deadline - time.monotonic(), 0.01))
            assert line is not None, f"exited before printing {text!r}: {self.lines}"
            self.lines.append(line)

    def finish(self, timeout: float = 30) -> int:
        code = self.process.wait(timeout=timeout)
        while (line := self._queue.get(timeout=timeout)) is not None:
            self.lines.append(line)
        return code

    def position(self, text: str) -> int:
        return next(i for i, line in enumerate(self.lines) if text in line)


@pytest.fixture
def child_factory(tmp_path: Path) -> Iterator[Callable[[str], Child]]:
    children: list[Child] = []

    def start(mode: str) -> Child:
        children.append(Child(tmp_path, mode))
        return children[-1]

    yield start
    for child in children:
        child.process.kill()
        child.process.wait(timeout=30)


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_while_waiting_stops_at_once(
    signum: int, child_factory: Callable[[str], Child]
) -> None:
    child = child_factory("idle")
    child.wait_for("next run at")  # ready: first run done, now waiting 15 minutes
    child.process.send_signal(signum)
    assert child.finish() == 0
    assert f"{signal.Signals(signum).name} received: {STOPPING}" in "\n".join(child.lines)
    assert child.lines[-2:] == ["stopped", "exit 0"]
    assert [line for line in child.lines if line == "job started"] == ["job started"]


@posix_only
def test_signal_during_a_run_lets_it_finish(child_factory: Callable[[str], Child]) -> None:
    child = child_factory("busy")
    child.wait_for("busy")
    child.process.send_signal(signal.SIGTERM)
    child.wait_for(STOPPING)
    assert child.process.poll() is None  # still running: the run is not cut short
    child.release.touch()
    assert child.finish() == 0
    assert child.position(STOPPING) < child.position("job finished") < child.position("stopped")
    assert not any(line.startswith("next run at") for line in child.lines)
    assert RunLock(child.lock).acquire()  # released


@posix_only
def test_second_signal_interrupts_a_stuck_run(child_factory: Callable[[str], Child]) -> None:
    child = child_factory("busy")
    child.wait_for("busy")
    child.process.send_signal(signal.SIGTERM)
    child.wait_for(STOPPING)
    child.process.send_signal(signal.SIGTERM)
    assert child.finish() != 0
    assert "KeyboardInterrupt: SIGTERM received twice" in child.lines
    assert "job finished" not in child.lines
    assert RunLock(child.lock).acquire()


LOGGING = """
import signal, threading
from sheets_sync.schedule import StopSignals

log_lock = threading.Lock()

def log(message):
    with log_lock:
        print(message, flush=True)

with StopSignals(log, lang="en") as stop:
    with log_lock:  # the main thread is logging a line when the signal comes
        signal.raise_signal(signal.SIGTERM)  # its handler runs before this call returns
    print("stopped" if stop.wait(30) else "still waiting", flush=True)
"""


@posix_only
def test_a_signal_while_the_main_thread_is_logging() -> None:
    # The handler runs in the main thread between two bytecodes: had it logged, it would
    # wait for the log's lock, held by this very thread, for ever.
    done = subprocess.run(
        [sys.executable, "-c", LOGGING],
        capture_output=True,
        text=True,
        timeout=30,
        env=_child_env(),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "SIGTERM received: stopping after the current run (again to interrupt)",
        "stopped",
    ]


def _child_env() -> dict[str, str]:
    """This environment, with the repository importable whatever the install mode."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}
