"""Fault injection, request counters and a per-minute quota for the Sheets emulator.

Faults are queued by tests and consumed by matching requests in arrival order:

* ``fail(429, retry_after=2)``: answer with Google's error body (and ``Retry-After``);
* ``fail(503)`` / ``fail(500)`` / ``fail(502)``: server errors (502 with Google's HTML page);
* ``delay(seconds)``: answer late (the request is still carried out);
* ``drop()``: close the connection without an answer, before or after carrying it out.

A person's edits can land between a sync's read and its write: :func:`between_read_and_write`
renames or deletes tabs (:func:`rename_tab`, :func:`delete_tab`, found by title when the
write arrives) just before the next write request is carried out.

Endpoints are named ``spreadsheets.get``, ``values.batchGet``, ``drive.files.create``,
``oauth2.token``... A fault's ``endpoint`` is an fnmatch pattern; the default ``"sheets"``
matches every Sheets API endpoint (``spreadsheets.*`` and ``values.*``) and nothing else.
"""

from __future__ import annotations

import fnmatch
import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

SHEETS_PATTERNS = ("spreadsheets.*", "values.*")
READ_ENDPOINTS = frozenset({"spreadsheets.get", "values.get", "values.batchGet"})

_BAD_GATEWAY_PAGE = (
    "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
    "  <title>Error 502 (Server Error)!!1</title>\n"
    "  <p><b>502.</b> <ins>That’s an error.</ins>\n"
    "  <p>The server encountered a temporary error and could not complete your request."
    "<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n"
)
_MESSAGES = {
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
    504: "The service is currently unavailable.",
}
_STATUS = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "UNAVAILABLE"}


def endpoint_matches(pattern: str, endpoint: str) -> bool:
    if pattern == "sheets":
        return any(fnmatch.fnmatchcase(endpoint, p) for p in SHEETS_PATTERNS)
    return fnmatch.fnmatchcase(endpoint, pattern)


def quota_error_body(metric: str = "read", limit: int = 60) -> dict[str, Any]:
    """429 RESOURCE_EXHAUSTED in Google's shape, with ErrorInfo details (docs/sources.md)."""
    name = "Read" if metric == "read" else "Write"
    message = (
        f"Quota exceeded for quota metric '{name} requests' and limit '{name} requests per "
        "minute per user' of service 'sheets.googleapis.com' for consumer "
        "'project_number:000000000000'."
    )
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
            "metadata": {
                "quota_metric": f"sheets.googleapis.com/{metric}_requests",
                "quota_limit": f"{name}RequestsPerMinutePerUser",
                "quota_limit_value": str(limit),
                "consumer": "projects/000000000000",
                "service": "sheets.googleapis.com",
                "quota_location": "global",
            },
        },
        {
            "@type": "type.googleapis.com/google.rpc.Help",
            "links": [
                {
                    "description": "Request a higher quota limit.",
                    "url": "https://cloud.google.com/docs/quotas/help/request_increase",
                }
            ],
        },
    ]
    return {
        "error": {
            "code": 429,
            "message": message,
            "status": "RESOURCE_EXHAUSTED",
            "details": details,
        }
    }


@dataclass
class Fault:
    """One queued fault; ``times`` is how many more requests it will hit."""

    kind: str  # "status", "delay" or "drop"
    times: int
    endpoint: str = "sheets"
    status: int = 0
    retry_after: float | None = None
    body: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"
    seconds: float = 0.0
    after_processing: bool = False


def status_fault(
    status: int, times: int, endpoint: str, retry_after: float | None, body: Any
) -> Fault:
    if body is None and status == 502:
        return Fault(
            "status",
            times,
            endpoint,
            status,
            retry_after,
            _BAD_GATEWAY_PAGE.encode(),
            "text/html; charset=UTF-8",
        )
    if body is None and status == 429:
        body = quota_error_body()
    if body is None:
        message = _MESSAGES.get(status, "Internal error encountered.")
        body = {
            "error": {"code": status, "message": message, "status": _STATUS.get(status, "INTERNAL")}
        }
    raw = body if isinstance(body, bytes) else json.dumps(body, indent=2).encode()
    return Fault("status", times, endpoint, status, retry_after, raw)


class Faults:
    """The queue of faults a test has asked for (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[Fault] = []

    def fail(
        self,
        status: int = 429,
        *,
        times: int = 1,
        endpoint: str = "sheets",
        retry_after: float | None = None,
        body: Any = None,
    ) -> None:
        """The next ``times`` matching requests get ``status`` (Google's body unless given)."""
        self._add(status_fault(status, times, endpoint, retry_after, body))

    def delay(self, seconds: float, *, times: int = 1, endpoint: str = "sheets") -> None:
        """The next ``times`` matching requests are answered ``seconds`` late."""
        self._add(Fault("delay", times, endpoint, seconds=seconds))

    def drop(
        self, *, times: int = 1, endpoint: str = "sheets", after_processing: bool = False
    ) -> None:
        """Close the connection without answering (after carrying the request out if asked)."""
        self._add(Fault("drop", times, endpoint, after_processing=after_processing))

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(f.times for f in self._queue)

    def _add(self, fault: Fault) -> None:
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queue.append(fault)

    def take(self, endpoint: str) -> tuple[Fault | None, Fault | None]:
        """(delay, status-or-drop) faults for this request, each consumed once."""
        with self._lock:
            delay = self._consume(endpoint, ("delay",))
            other = self._consume(endpoint, ("status", "drop"))
            return delay, other

    def _consume(self, endpoint: str, kinds: tuple[str, ...]) -> Fault | None:
        for fault in self._queue:
            if fault.kind in kinds and endpoint_matches(fault.endpoint, endpoint):
                fault.times -= 1
                if fault.times == 0:
                    self._queue.remove(fault)
                return fault
        return None


@dataclass(frozen=True)
class RequestRecord:
    """One request as the emulator saw it; ``status`` 0 means the connection was dropped."""

    endpoint: str
    method: str
    path: str
    status: int
    bytes_in: int
    bytes_out: int
    spreadsheet_id: str | None
    identity: str | None


class Stats:
    """Every request received, for per-endpoint counts and byte totals (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    @property
    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def count(self, endpoint: str = "sheets", status: int | None = None) -> int:
        """Requests to endpoints matching the pattern (default: every Sheets API call)."""
        return sum(
            1
            for r in self.records
            if endpoint_matches(endpoint, r.endpoint) and (status is None or r.status == status)
        )

    def by_endpoint(self) -> Counter[str]:
        return Counter(r.endpoint for r in self.records)

    def bytes_received(self, endpoint: str = "*") -> int:
        return sum(r.bytes_in for r in self.records if endpoint_matches(endpoint, r.endpoint))

    def reset(self) -> None:
        with self._lock:
            self._records.clear()


@dataclass
class Quota:
    """Per-user requests per minute, reads and writes apart (Google's limits); None = unlimited."""

    reads_per_minute: int | None = None
    writes_per_minute: int | None = None
    clock: Callable[[], float] = field(default=lambda: 0.0)
    _used: Counter[tuple[str, str, int]] = field(default_factory=Counter)

    def charge(self, identity: str, endpoint: str) -> dict[str, Any] | None:
        """Count one request; the 429 body when it goes over the limit."""
        kind = "read" if endpoint in READ_ENDPOINTS else "write"
        limit = self.reads_per_minute if kind == "read" else self.writes_per_minute
        if limit is None:
            return None
        key = (identity, kind, int(self.clock() // 60))
        self._used[key] += 1
        return quota_error_body(kind, limit) if self._used[key] > limit else None


@dataclass
class Hook:
    """A callback run just before a matching request is carried out (e.g. a person's edit)."""

    endpoint: str
    action: Callable[[], None]
    times: int


class Hooks:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hooks: list[Hook] = []

    def add(self, endpoint: str, action: Callable[[], None], times: int = 1) -> None:
        with self._lock:
            self._hooks.append(Hook(endpoint, action, times))

    def due(self, endpoint: str) -> list[Callable[[], None]]:
        with self._lock:
            out = []
            for hook in list(self._hooks):
                if endpoint_matches(hook.endpoint, endpoint):
                    out.append(hook.action)
                    hook.times -= 1
                    if hook.times == 0:
                        self._hooks.remove(hook)
            return out


class _Editable(Protocol):
    """What a tab edit needs of the emulator (no import of it: it imports this module)."""

    def apply(self, spreadsheet_id: str, *requests: dict[str, Any]) -> dict[str, Any]: ...

    def sheet_ids(self, spreadsheet_id: str) -> dict[str, int]: ...

    def before(self, endpoint: str, action: Callable[[], None], times: int = 1) -> None: ...


@dataclass(frozen=True)
class TabEdit:
    """A person's edit of a tab found by its exact ``title``: renamed to ``new_title``, or
    deleted when ``new_title`` is None."""

    title: str
    new_title: str | None = None


def rename_tab(title: str, new_title: str) -> TabEdit:
    return TabEdit(title, new_title)


def delete_tab(title: str) -> TabEdit:
    return TabEdit(title)


def tab_edits(emulator: _Editable, spreadsheet_id: str, *edits: TabEdit) -> Callable[[], None]:
    """The action making ``edits`` one after the other, as a person does in the browser
    (each tab found by its title at that moment: « Relances » renamed, then another tab
    renamed to « Relances »)."""

    def act() -> None:
        for edit in edits:
            sheet_id = emulator.sheet_ids(spreadsheet_id)[edit.title]
            if edit.new_title is None:
                emulator.apply(spreadsheet_id, {"deleteSheet": {"sheetId": sheet_id}})
            else:
                props = {"sheetId": sheet_id, "title": edit.new_title}
                emulator.apply(
                    spreadsheet_id,
                    {"updateSheetProperties": {"properties": props, "fields": "title"}},
                )

    return act


def between_read_and_write(
    emulator: _Editable,
    spreadsheet_id: str,
    *edits: TabEdit,
    endpoint: str = "spreadsheets.batchUpdate",
) -> None:
    """Make ``edits`` just before the next write request (``endpoint``) is carried out,
    once: the sync has read the tabs, its write has not yet arrived."""
    emulator.before(endpoint, tab_edits(emulator, spreadsheet_id, *edits))
