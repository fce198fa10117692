"""A Google Sheets API v4 emulator on 127.0.0.1 for tests running the real gspread and google-auth.

Start it as a context manager (``with SheetsEmulator() as emu: ... emu.url``) or through the
``sheets_emulator`` fixture; it serves one base URL on a free loopback port from background
threads and stops them all on exit. Its fidelity oracle is Google's own traffic, recorded by
gspread's maintainers in gspread's test cassettes (github.com/burnash/gspread, tag v6.2.1,
``tests/cassettes/``); run ``python -m tests.support.sheets_emulator --port 8765`` to
replay such recordings against it.

Implemented, following Google's Sheets API v4 reference and those recorded answers
(docs/sources.md lists the pages; the reference page in brackets):

* spreadsheets.get with ``includeGridData``, ``ranges`` and ``fields`` masks; the
  properties blob of a new file; sheet properties with defaults omitted; merges, basic
  filter, protected ranges, dimension groups, named ranges; GridData with values, formats
  and notes, trimmed like Google's;
* spreadsheets.create and spreadsheets.batchUpdate [batch guide], atomic, with the kinds
  listed in :mod:`sheets_structure` (addSheet, deleteSheet,
  updateSheetProperties with ``/`` or ``.`` masks, dimensions, repeatCell, updateCells,
  merges, named and protected ranges, filters, groups, sortRange, copy/cut-paste);
* values.get, values:batchGet, values.update, values:batchUpdate, values:append,
  values:clear, values:batchClear [spreadsheets.values, values.append, A1 notation]: A1
  ranges with quoted or bare sheet names, open-ended and reversed ranges, named ranges,
  the normalised range echo, trimmed empty cells and rows, ``majorDimension``,
  FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA, SERIAL_NUMBER / FORMATTED_STRING
  [ValueRenderOption], RAW vs USER_ENTERED [ValueInputOption], ``null`` cells skipped,
  write counts, fit and grid-limit errors, append's table detection and grid growth;
* Drive files.create / files.get / files.list / files.delete for spreadsheets (as recorded);
* errors in Google's shape (as recorded): 400 INVALID_ARGUMENT (unparsable range, grid
  limits, bad body with field violations), 404 for unknown spreadsheets, 403
  PERMISSION_DENIED for a spreadsheet not shared with the caller (:meth:`deny_access`; the
  recorded private id is denied from the start) or insufficient scopes, 401
  UNAUTHENTICATED without a valid bearer token, 429 RESOURCE_EXHAUSTED (injected, or from
  an optional per-minute quota [usage limits]);
* an OAuth token endpoint ``/token`` (:mod:`sheets_auth`) that checks
  service-account JWTs (signature included) and refresh tokens, and the IAM
  allowedLocations lookup google-auth makes for service accounts;
* HTTP/1.1 with keep-alive, one thread per connection (:mod:`sheets_http`), Google's
  ``Content-Type``, pretty-printed JSON for answers under 200 kB;
* fault injection (:mod:`sheets_faults`): queued 429 with ``Retry-After``,
  5xx, delays, dropped connections before or after the work is done; hooks run just
  before a request is carried out; per-endpoint request counts and bytes received.

Not implemented (answers may differ from Google's): formulas beyond literal arithmetic
(other formulas read back as ``#NAME?``), recalculation and references, currency and
locale-specific formats beyond en_US/fr_FR numbers and dates, rich text, conditional
formats, data validation (accepted, not enforced), charts, filter views, developer
metadata, ``*ByDataFilter`` methods, sheets.copyTo, Drive permissions/export/comments,
protected-range enforcement, the exact ``effectiveFormat`` of cells, column pixel widths.

Choices where neither Google's pages nor the recordings decide, inferred and open to
correction against a real spreadsheet: the sheet-title quoting rule of the range echo;
append's table model after a row with gaps; reads and writes outside the grid are 400;
USER_ENTERED ``"12,5"`` stays text in en_US and is 12.5 in fr_FR; RAW keeps a leading
apostrophe; General format prints 15 significant digits; colours are floored to
n/255; the quota (off unless ``quota`` is set) counts refused requests too. The static
token ``test-token`` (the one a replay of recorded traffic sends) is accepted with every
scope.

Replaying 108 of gspread's cassettes (the tests of what is implemented here) against the
emulator gave Google's answers for all of them.
"""

from __future__ import annotations

import argparse
import base64
import random
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, unquote_plus

from tests.support import sheets_values as values_api
from tests.support.field_masks import cut, parse_mask
from tests.support.sheets_auth import OAuthUser, TokenAuthority, TokenError
from tests.support.sheets_faults import Faults, Hooks, Quota, Stats
from tests.support.sheets_http import Answer, Call, EmulatorServer, json_answer
from tests.support.sheets_metadata import spreadsheet_resource
from tests.support.sheets_model import ApiError, Spreadsheet, bad_request, not_found
from tests.support.sheets_structure import batch_update

PRIVATE_SPREADSHEET_ID = "1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
UNAUTHENTICATED = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
    "cookie or other valid authentication credential. See "
    "https://developers.google.com/identity/sign-in/web/devconsole-project."
)


class SheetsEmulator:
    """The emulator: state, seeding helpers for tests, faults, counters and the HTTP server."""

    def __init__(
        self,
        *,
        seed: int = 0,
        static_tokens: tuple[str, ...] = ("test-token",),
        locale: str = "en_US",
        port: int = 0,
    ) -> None:
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.locale = locale
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.denied: set[str] = {PRIVATE_SPREADSHEET_ID}
        self.auth = TokenAuthority(static_tokens, seed)
        self.faults = Faults()
        self.hooks = Hooks()
        self.stats = Stats()
        self.quota = Quota()
        self._port = port
        self._server: EmulatorServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> SheetsEmulator:
        self._server = EmulatorServer(self, self._port)
        self.auth.audiences.add(self.url + "/token")
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sheets-emulator",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> SheetsEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the emulator is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # ------------------------------------------------------------ seeding and inspection

    def new_id(self) -> str:
        return "1" + "".join(self.rng.choices(ID_ALPHABET, k=43))

    def create_spreadsheet(
        self,
        title: str = "Sans titre",
        tabs: dict[str, list[list[Any]]] | None = None,
        *,
        locale: str | None = None,
        value_input: str = "USER_ENTERED",
    ) -> str:
        """A new spreadsheet (id returned); ``tabs`` maps titles to rows written from A1.

        With tabs, they replace the default ``Sheet1``; each grid is at least 1000x26 and
        grows to fit its rows, as a person's sheet would.
        """
        with self.lock:
            ss = Spreadsheet(self.new_id(), title, self.rng, locale or self.locale)
            self.spreadsheets[ss.id] = ss
            for i, (name, rows) in enumerate((tabs or {}).items()):
                grid = {
                    "rowCount": max(1000, len(rows)),
                    "columnCount": max(26, max((len(r) for r in rows), default=0)),
                }
                props = {"title": name, "gridProperties": grid}
                sheet = ss.sheets[0] if i == 0 else ss.add_sheet(props)
                sheet.props.update(title=name, gridProperties=grid)
                values_api.write_cells(ss, sheet, 0, 0, rows, value_input)
            return ss.id

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        ss = self.spreadsheets.get(spreadsheet_id)
        if ss is None:
            raise KeyError(spreadsheet_id)
        return ss

    def get_values(
        self,
        spreadsheet_id: str,
        range_text: str,
        render: str = "UNFORMATTED_VALUE",
        datetime_render: str = "SERIAL_NUMBER",
    ) -> list[list[Any]]:
        """The trimmed values of a range, as values.get would give them."""
        params = {"valueRenderOption": [render], "dateTimeRenderOption": [datetime_render]}
        with self.lock:
            answer = values_api.values_get(self.spreadsheet(spreadsheet_id), range_text, params)
        return list(answer.get("values", []))

    def set_values(
        self,
        spreadsheet_id: str,
        range_text: str,
        rows: list[list[Any]],
        value_input: str = "USER_ENTERED",
    ) -> None:
        """Write as a person typing (USER_ENTERED) or as RAW, bypassing HTTP and faults."""
        body = {"values": rows}
        with self.lock:
            ss = self.spreadsheet(spreadsheet_id)
            values_api.values_update(ss, range_text, {"valueInputOption": [value_input]}, body)

    def apply(self, spreadsheet_id: str, *requests: dict[str, Any]) -> dict[str, Any]:
        """Run spreadsheets.batchUpdate requests directly (e.g. a person renaming a tab)."""
        with self.lock:
            return batch_update(self.spreadsheet(spreadsheet_id), {"requests": list(requests)})

    def sheet_titles(self, spreadsheet_id: str) -> list[str]:
        with self.lock:
            return [s.title for s in self.spreadsheet(spreadsheet_id).sheets]

    def sheet_ids(self, spreadsheet_id: str) -> dict[str, int]:
        """Each tab's title and sheet id."""
        with self.lock:
            return {s.title: s.sheet_id for s in self.spreadsheet(spreadsheet_id).sheets}

    def number_format(self, spreadsheet_id: str, range_text: str) -> dict[str, Any] | None:
        """The numberFormat of the top-left cell of a range, if any."""
        with self.lock:
            box = self.spreadsheet(spreadsheet_id).resolve(range_text)
            cell = box.sheet.cell(box.r0, box.c0)
        return (cell.fmt or {}).get("numberFormat") if cell and cell.fmt else None

    def deny_access(self, spreadsheet_id: str) -> None:
        """Every caller now gets 403 PERMISSION_DENIED for this spreadsheet (not shared)."""
        self.denied.add(spreadsheet_id)

    def allow_access(self, spreadsheet_id: str) -> None:
        self.denied.discard(spreadsheet_id)

    def register_service_account(self, email: str, public_key_pem: bytes) -> None:
        self.auth.register_service_account(email, public_key_pem)

    def register_user(self, user: OAuthUser) -> None:
        self.auth.register_user(user)

    def expire_tokens(self) -> None:
        """Issued access tokens stop working (the next call is a 401, then a refresh)."""
        self.auth.expire_all()

    def before(self, endpoint: str, action: Callable[[], None], times: int = 1) -> None:
        """Run ``action`` just before the next ``times`` matching requests are carried out."""
        self.hooks.add(endpoint, action, times)

    # ------------------------------------------------------------ dispatch

    def authenticate(self, call: Call, authorization: str | None) -> Answer | None:
        """401 without a valid bearer token, 403 for missing scopes, 429 over quota."""
        if call.endpoint in ("oauth2.token", "unknown"):
            return None
        token = (authorization or "").removeprefix("Bearer ").strip()
        grant = (
            self.auth.grant_for(token)
            if authorization and authorization.startswith("Bearer ")
            else None
        )
        if grant is None:
            err = ApiError(401, UNAUTHENTICATED)
            return json_answer(
                401,
                err.body(),
                (("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/"'),),
            )
        call.grant = grant
        if call.endpoint.startswith("iam."):
            return None
        if not grant.allows(call.endpoint, call.method):
            details = [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                    "domain": "googleapis.com",
                }
            ]
            err = ApiError(403, "Request had insufficient authentication scopes.", details=details)
            return json_answer(403, err.body())
        with self.lock:
            over = self.quota.charge(grant.identity, call.endpoint)
        return json_answer(429, over) if over else None

    def handle(self, call: Call) -> Answer:
        """Carry a routed, authenticated request out; errors become Google's error bodies."""
        try:
            if call.endpoint == "oauth2.token":
                return self._token(call)
            if call.endpoint == "iam.allowedLocations":
                return json_answer(200, {"locations": ["europe-west9"], "encodedLocations": "0x1"})
            if call.endpoint.startswith("drive."):
                with self.lock:
                    return self._drive(call)
            if call.endpoint == "unknown":
                raise ApiError(404, "Method not found.")
            with self.lock:
                return json_answer(200, self._sheets(call))
        except ApiError as exc:
            return json_answer(exc.code, exc.body())

    def _token(self, call: Call) -> Answer:
        form = parse_qs(call.raw_body.decode("utf-8", "replace"), keep_blank_values=True)
        basic = (call.authorization or "").removeprefix("Basic ").strip()
        if basic and basic != call.authorization:  # RFC 6749 2.3.1: the client in the header
            client_id, _, secret = base64.b64decode(basic).decode().partition(":")
            form.setdefault("client_id", [unquote_plus(client_id)])
            form.setdefault("client_secret", [unquote_plus(secret)])
        try:
            return json_answer(200, self.auth.token_response(form))
        except TokenError as exc:
            return json_answer(exc.status, exc.body)

    def _open(self, call: Call) -> Spreadsheet:
        sid = call.spreadsheet_id or ""
        ss = self.spreadsheets.get(sid)
        if sid in self.denied:
            raise ApiError(403, "The caller does not have permission")
        if ss is None:
            raise not_found()
        return ss

    def _sheets(self, call: Call) -> dict[str, Any]:
        if call.endpoint == "spreadsheets.create":
            return self._create_from_body(call.json())
        ss = self._open(call)
        endpoint, params, rng = call.endpoint, call.params, call.range or ""
        if endpoint == "spreadsheets.get":
            return spreadsheet_resource(ss, params)
        if endpoint == "values.get":
            return values_api.values_get(ss, rng, params)
        if endpoint == "values.batchGet":
            return values_api.values_batch_get(ss, params)
        body = call.json()
        if endpoint == "values.update":
            result = values_api.values_update(ss, rng, params, body)
        elif endpoint == "values.append":
            result = values_api.values_append(ss, rng, params, body)
        elif endpoint == "values.clear":
            result = values_api.values_clear(ss, rng)
        elif endpoint == "values.batchClear":
            result = values_api.values_batch_clear(ss, body)
        elif endpoint == "values.batchUpdate":
            work = ss.copy()
            result = values_api.values_batch_update(work, body)
            ss.restore(work)
        else:
            result = batch_update(ss, body)
        ss.touch()
        return result

    def _create_from_body(self, body: dict[str, Any]) -> dict[str, Any]:
        props = body.get("properties") or {}
        sid = self.create_spreadsheet(
            props.get("title", "Untitled spreadsheet"), locale=props.get("locale")
        )
        ss = self.spreadsheets[sid]
        if props.get("timeZone"):
            ss.properties["timeZone"] = props["timeZone"]
        for i, sheet in enumerate(body.get("sheets") or []):
            requested = dict(sheet.get("properties") or {})
            if i == 0:
                ss.sheets[0].props.update({k: v for k, v in requested.items() if k != "index"})
            else:
                ss.add_sheet(requested)
        return spreadsheet_resource(ss, {})

    def _drive(self, call: Call) -> Answer:
        fields = (call.params.get("fields") or [""])[-1]
        if call.endpoint == "drive.files.create":
            body = call.json()
            if body.get("mimeType") != SPREADSHEET_MIME:
                raise bad_request("Only Google Sheets files can be created in this emulator.")
            sid = self.create_spreadsheet(str(body.get("name") or "Untitled spreadsheet"))
            return json_answer(200, {"kind": "drive#file", **self._file(sid, "id,name,mimeType")})
        if call.endpoint == "drive.files.list":
            files = [self._file(sid, "") for sid in self.spreadsheets]
            answer: dict[str, Any] = {
                "kind": "drive#fileList",
                "incompleteSearch": False,
                "files": files,
            }
            return json_answer(200, cut(answer, parse_mask(fields)) if fields else answer)
        sid = call.spreadsheet_id or ""
        if sid not in self.spreadsheets or sid in self.denied:
            raise ApiError(404, f"File not found: {sid}.")
        if call.endpoint == "drive.files.delete":
            del self.spreadsheets[sid]
            return Answer(204, b"", "text/html")
        return json_answer(200, self._file(sid, fields or "kind,id,name,mimeType"))

    def _file(self, sid: str, fields: str) -> dict[str, Any]:
        ss = self.spreadsheets[sid]
        meta = {
            "kind": "drive#file",
            "id": sid,
            "name": ss.properties["title"],
            "mimeType": SPREADSHEET_MIME,
            "createdTime": ss.created,
            "modifiedTime": ss.modified,
        }
        wanted = [f.strip() for f in fields.split(",") if f.strip()]
        return {k: v for k, v in meta.items() if not wanted or k in wanted}


@contextmanager
def running_emulator(**options: Any) -> Iterator[SheetsEmulator]:
    """``with running_emulator() as emu:`` - started, then stopped and joined."""
    emulator = SheetsEmulator(**options)
    with emulator:
        yield emulator


def main(argv: list[str] | None = None) -> None:
    """Serve in the foreground, to replay recorded traffic: accepts the token ``test-token``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with SheetsEmulator(port=args.port) as emu:
        print(f"Sheets emulator on {emu.url} (Ctrl-C or SIGTERM to stop)", flush=True)
        try:
            while not done.wait(0.2):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
