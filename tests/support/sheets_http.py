"""The HTTP side of the Sheets emulator: routes, request parsing, the threaded server.

Each connection gets a thread (HTTP/1.1 keep-alive). A request is routed to an endpoint
name; a body over Google's 10 MiB limit is refused at once (:data:`REQUEST_LIMIT`), any
other goes through the emulator's faults (delay, error answer, dropped connection),
authentication, hooks and handling; it is counted before its answer is sent, so a client
that has its answer always sees it counted. ``stop()`` shuts idle keep-alive sockets so
that every handler thread ends and is joined.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from contextlib import suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.support.sheets_auth import Grant
from tests.support.sheets_faults import RequestRecord
from tests.support.sheets_model import bad_request

#: Google refuses a request body over 10 MiB, whatever the endpoint, before reading it:
#: 400 INVALID_ARGUMENT « Request payload size exceeds the limit: 10485760 bytes. » (the
#: answer Google's API front end gives every API: github.com/jlolling/talendcomp_tGoogleSheet
#: issue 1 for the Sheets API, SCRT-HQ/PSGSuite issue 62).
REQUEST_LIMIT = 10_485_760

if TYPE_CHECKING:
    from tests.support.sheets_emulator import SheetsEmulator

ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(p), name)
    for m, p, name in [
        ("GET", r"^/v4/spreadsheets/(?P<id>[^/:]+)$", "spreadsheets.get"),
        ("POST", r"^/v4/spreadsheets$", "spreadsheets.create"),
        ("POST", r"^/v4/spreadsheets/(?P<id>[^/:]+):batchUpdate$", "spreadsheets.batchUpdate"),
        ("GET", r"^/v4/spreadsheets/(?P<id>[^/]+)/values:batchGet$", "values.batchGet"),
        ("POST", r"^/v4/spreadsheets/(?P<id>[^/]+)/values:batchUpdate$", "values.batchUpdate"),
        ("POST", r"^/v4/spreadsheets/(?P<id>[^/]+)/values:batchClear$", "values.batchClear"),
        ("POST", r"^/v4/spreadsheets/(?P<id>[^/]+)/values/(?P<range>.+):append$", "values.append"),
        ("POST", r"^/v4/spreadsheets/(?P<id>[^/]+)/values/(?P<range>.+):clear$", "values.clear"),
        ("GET", r"^/v4/spreadsheets/(?P<id>[^/]+)/values/(?P<range>.+)$", "values.get"),
        ("PUT", r"^/v4/spreadsheets/(?P<id>[^/]+)/values/(?P<range>.+)$", "values.update"),
        ("POST", r"^/drive/v3/files$", "drive.files.create"),
        ("GET", r"^/drive/v3/files$", "drive.files.list"),
        ("GET", r"^/drive/v3/files/(?P<id>[^/]+)$", "drive.files.get"),
        ("DELETE", r"^/drive/v3/files/(?P<id>[^/]+)$", "drive.files.delete"),
        ("POST", r"^/token$", "oauth2.token"),
        (
            "GET",
            r"^/v1/projects/-/serviceAccounts/(?P<email>[^/]+)/allowedLocations$",
            "iam.allowedLocations",
        ),
    ]
]


@dataclass
class Call:
    """A parsed request: endpoint name, path parameters, query and JSON body."""

    endpoint: str
    method: str
    path: str
    params: dict[str, list[str]]
    raw_body: bytes
    spreadsheet_id: str | None = None
    range: str | None = None
    grant: Grant | None = None
    authorization: str | None = None  # the Authorization header (a token request's Basic)

    def json(self) -> dict[str, Any]:
        if not self.raw_body.strip():
            return {}
        try:
            body = json.loads(self.raw_body)
        except ValueError as exc:
            raise bad_request(f"Invalid JSON payload received. {exc}.") from None
        if not isinstance(body, dict):
            raise bad_request("Invalid JSON payload received. Expected an object.")
        return body


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=UTF-8"
    headers: tuple[tuple[str, str], ...] = ()


def json_answer(status: int, payload: Any, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
    compact = json.dumps(payload, ensure_ascii=False)
    # Google pretty-prints; large answers stay compact to keep big reads fast.
    text = json.dumps(payload, ensure_ascii=False, indent=2) if len(compact) < 200_000 else compact
    return Answer(status, text.encode(), headers=headers)


def route(method: str, raw_path: str, body: bytes) -> Call:
    """Name the endpoint of a raw request path; ids and ranges are percent-decoded after
    the method suffix (``:append``, ``:clear``) is split off (as gspread encodes paths)."""
    parts = urlsplit(raw_path)
    params = parse_qs(parts.query, keep_blank_values=True)
    for verb, pattern, name in ROUTES:
        m = pattern.match(parts.path)
        if m and verb == method:
            groups = m.groupdict()
            call = Call(name, method, parts.path, params, body)
            call.spreadsheet_id = unquote(groups["id"]) if groups.get("id") else None
            call.range = unquote(groups["range"]) if groups.get("range") else None
            return call
    return Call("unknown", method, parts.path, params, body)


class EmulatorServer(ThreadingHTTPServer):
    """Threads per connection; keeps the sockets so that stop() can close idle keep-alives."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, emulator: SheetsEmulator, port: int) -> None:
        self.emulator = emulator
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), Handler)

    def track(self, sock: socket.socket, add: bool) -> None:
        with self._connections_lock:
            (self._connections.add if add else self._connections.discard)(sock)

    def close_connections(self) -> None:
        with self._connections_lock:
            for sock in self._connections:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EmulatorServer
    timeout = 30

    def setup(self) -> None:
        super().setup()
        # One answer is two writes (headers, body): without this, Nagle's algorithm and
        # delayed ACKs add ~40 ms to every request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def version_string(self) -> str:
        return "ESF"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def _serve(self) -> None:
        emu = self.server.emulator
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        call = route(self.command, self.path, body)
        call.authorization = self.headers.get("Authorization")
        if len(body) > REQUEST_LIMIT:
            too_large = bad_request(
                f"Request payload size exceeds the limit: {REQUEST_LIMIT} bytes."
            )
            answer = json_answer(too_large.code, too_large.body())
            self._record(call, answer.status, len(answer.body))
            return self._send(answer)
        delay, fault = emu.faults.take(call.endpoint)
        if delay is not None and self.server.stopping.wait(delay.seconds):
            return self._record(call, 0, 0)
        answer: Answer | None = None
        if fault is not None and fault.kind == "status":
            retry = (
                (("Retry-After", f"{fault.retry_after:g}"),)
                if fault.retry_after is not None
                else ()
            )
            answer = Answer(fault.status, fault.body or b"", fault.content_type, retry)
        elif fault is not None and not fault.after_processing:
            return self._drop(call)
        answer = answer or emu.authenticate(call, self.headers.get("Authorization"))
        if answer is None:
            for action in emu.hooks.due(call.endpoint):
                action()
            answer = emu.handle(call)
        if fault is not None and fault.kind == "drop":
            return self._drop(call)
        # Recorded before answering, so a client that got its answer sees it counted.
        self._record(call, answer.status, len(answer.body))
        self._send(answer)

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("Vary", "Origin, X-Origin, Referer")
            for name, value in answer.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client gave up (a timeout test)

    def _drop(self, call: Call) -> None:
        self._record(call, 0, 0)
        self.close_connection = True
        with suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _record(self, call: Call, status: int, bytes_out: int) -> None:
        self.server.emulator.stats.add(
            RequestRecord(
                call.endpoint,
                call.method,
                call.path,
                status,
                len(call.raw_body),
                bytes_out,
                call.spreadsheet_id,
                call.grant.identity if call.grant else None,
            )
        )
