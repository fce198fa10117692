"""The HTTP side of the Sheets API: gspread's client on google-auth's session, and retries.

429, 408 and 5xx answers, timeouts and dropped connections are retried with bounded
exponential backoff that honours ``Retry-After``; so are the token endpoint's failures
google-auth calls retryable (``RefreshError.retryable``: its 5xx, 408 and 429).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TypeVar

import gspread
import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import RefreshError, TransportError
from google.auth.transport.requests import AuthorizedSession, Request
from gspread.exceptions import APIError
from requests.adapters import BaseAdapter

from salespipe.core.texts import Bilingual
from sheets_sync.google.api_errors import (
    RETRY_STATUSES,
    Failures,
    no_answer,
    refresh_reason,
    unavailable,
)

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait and how often to try again; ``sleep`` is injectable for tests."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    #: Told before each wait: the next try's number, the tries in all, the seconds of the
    #: wait and why (a progress line, so that a network down is not 15 s of silence).
    on_retry: Callable[[int, int, float, str | Bilingual], None] | None = None

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before try ``attempt + 2``: 1, 2, 4... or Retry-After if longer; capped."""
        backoff = self.base_delay * 2**attempt
        return min(self.max_delay, max(backoff, retry_after or 0.0))


def make_client(
    credentials: Credentials, timeout: float, transport: BaseAdapter | None = None
) -> gspread.Client:
    """A gspread client on google-auth's AuthorizedSession; ``transport`` replaces the
    HTTP adapter of both the API and the token requests (tests send them to an emulator)."""
    token_session = requests.Session()
    session = AuthorizedSession(credentials, auth_request=Request(token_session))
    if transport is not None:
        for s in (token_session, session):
            s.mount("https://", transport)
            s.mount("http://", transport)
    client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
    client.set_timeout(timeout)
    return client


def call_with_retries(
    label: str,
    fn: Callable[[], T],
    policy: RetryPolicy,
    failures: Failures,
    before_retry: Callable[[], None] | None = None,
) -> T:
    """Run one API call; retry transient failures with bounded, Retry-After-aware backoff.

    ``before_retry`` runs between tries (a structural batch recomputes its requests from
    fresh metadata); what is not retried, or fails at the last try, raises SourceError.
    """
    attempts = max(1, policy.attempts)
    started = time.monotonic()
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            return fn()
        except APIError as exc:
            status = exc.response.status_code
            if status not in RETRY_STATUSES or last:
                raise failures.refused_request(label, exc, attempts) from exc
            wait = policy.delay(attempt, retry_after(exc.response))
            reason: str | Bilingual = f"HTTP {status}"
        except RefreshError as exc:
            # google-auth marks a 5xx, 408 or 429 from the token endpoint (or its
            # server_error / temporarily_unavailable) retryable, after its own 3 tries:
            # Google's side, not the credentials
            if not exc.retryable:
                raise failures.refused_credentials(exc) from exc
            if last:
                raise failures.token_unavailable(exc, attempts) from exc
            wait = policy.delay(attempt, None)
            reason = refresh_reason(exc)
        except (requests.ConnectionError, requests.Timeout, TransportError) as exc:
            if last:
                taken = time.monotonic() - started
                raise unavailable(exc, policy.timeout, attempts, taken) from exc
            wait = policy.delay(attempt, None)
            reason = no_answer(exc, policy.timeout)
        if policy.on_retry is not None:
            policy.on_retry(attempt + 2, attempts, wait, reason)
        policy.sleep(wait)
        if before_retry is not None:
            before_retry()
    raise AssertionError("unreachable")  # pragma: no cover


def retry_after(response: requests.Response) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
