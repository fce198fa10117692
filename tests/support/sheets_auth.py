"""OAuth 2.0 for the Sheets emulator: the token endpoint and the bearer tokens it issues.

``POST /token`` answers the two grants google-auth sends:

* ``urn:ietf:params:oauth:grant-type:jwt-bearer`` (service accounts): the assertion must be a
  well-formed RS256 JWT whose ``iss`` is a registered service account, whose ``aud`` is the
  token endpoint, whose lifetime is at most an hour and whose signature verifies with the
  public key registered for that account;
* ``refresh_token`` (OAuth user credentials): client id, secret and refresh token must match
  a registered user;
* ``authorization_code`` (the installed-app flow's last step): the code must be one
  :meth:`TokenAuthority.consent` gave (the Google sign-in page a person goes through in a
  browser), for the same client, secret and ``redirect_uri``, with the PKCE
  ``code_verifier`` whose S256 hash was sent as ``code_challenge``; used once. The answer
  carries a refresh token, registered as an :class:`OAuthUser`, so the credentials refresh.

Errors use the OAuth shape Google's token endpoint uses, ``{"error", "error_description"}``,
which google-auth turns into ``RefreshError``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
SPREADSHEETS_READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
DRIVE = "https://www.googleapis.com/auth/drive"
DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly"
ALL_SCOPES = frozenset({SPREADSHEETS, DRIVE})
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_LIFETIME = 3599


class TokenError(Exception):
    """A refused grant: HTTP status and the OAuth error body."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.body = {"error": error, "error_description": description}


@dataclass(frozen=True)
class Grant:
    """Who a bearer token speaks for and with which scopes."""

    identity: str
    scopes: frozenset[str]

    def allows(self, endpoint: str, method: str) -> bool:
        """Scope check: Sheets needs a spreadsheets or drive scope, Drive a drive scope."""
        reading = method == "GET"
        if endpoint.startswith("drive."):
            wanted = {DRIVE, DRIVE_FILE} | ({DRIVE_READONLY} if reading else set())
        else:
            wanted = {SPREADSHEETS, DRIVE, DRIVE_FILE}
            if reading:
                wanted |= {SPREADSHEETS_READONLY, DRIVE_READONLY}
        return bool(self.scopes & wanted)


@dataclass(frozen=True)
class OAuthUser:
    client_id: str
    client_secret: str
    refresh_token: str
    email: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class _Consent:
    """An authorization code Google's sign-in page gave, not yet exchanged."""

    client_id: str
    redirect_uri: str
    email: str
    scopes: frozenset[str]
    challenge: str


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class TokenAuthority:
    """Registered accounts, issued tokens and the token endpoint's logic (thread-safe)."""

    def __init__(self, static_tokens: tuple[str, ...], seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._static = {t: Grant("static-token", ALL_SCOPES) for t in static_tokens}
        self._issued: dict[str, Grant] = {}
        self._service_accounts: dict[str, rsa.RSAPublicKey] = {}
        self._users: dict[str, OAuthUser] = {}
        self._clients: dict[str, str] = {}  # OAuth client id -> secret
        self._codes: dict[str, _Consent] = {}
        self.audiences: set[str] = {"https://oauth2.googleapis.com/token"}

    # ------------------------------------------------------------ registration

    def register_service_account(self, email: str, public_key_pem: bytes) -> None:
        key = serialization.load_pem_public_key(public_key_pem)
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError("service accounts sign with RSA keys")
        with self._lock:
            self._service_accounts[email] = key

    def forget_service_account(self, email: str) -> None:
        """As if the account's key were deleted: its next token request fails."""
        with self._lock:
            self._service_accounts.pop(email, None)

    def register_user(self, user: OAuthUser) -> None:
        with self._lock:
            self._users[user.refresh_token] = user

    def register_client(self, client_id: str, client_secret: str) -> None:
        """An OAuth client (« Desktop app ») of the Cloud project."""
        with self._lock:
            self._clients[client_id] = client_secret

    def revoke_user(self, email: str) -> None:
        """The person removed the app's access (myaccount.google.com): every refresh token
        of ``email`` stops working."""
        with self._lock:
            self._users = {t: u for t, u in self._users.items() if u.email != email}

    def consent(self, authorization_url: str, email: str) -> str:
        """What Google's sign-in page does once ``email`` clicks « Autoriser »: the URL the
        browser is sent to, ``redirect_uri?state=…&code=…&scope=…``. Refuses (ValueError,
        as Google shows an error page) an unknown client, a redirect that is not a loopback
        address, a missing scope or PKCE challenge."""
        query = {k: v[-1] for k, v in parse_qs(urlsplit(authorization_url).query).items()}
        redirect = query.get("redirect_uri", "")
        with self._lock:
            if query.get("client_id") not in self._clients:
                raise ValueError("Error 401: invalid_client (The OAuth client was not found.)")
            if urlsplit(redirect).hostname not in ("localhost", "127.0.0.1"):
                raise ValueError("Error 400: redirect_uri_mismatch")
            if query.get("response_type") != "code" or not query.get("scope"):
                raise ValueError("Error 400: invalid_request")
            if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
                raise ValueError("Error 400: invalid_request (PKCE required)")
            code = "4/0Emu-" + "".join(self._rng.choices("abcdefghijkmnpqrstuvwxyz", k=30))
            self._codes[code] = _Consent(query["client_id"], redirect, email,
                                         frozenset(query["scope"].split()),
                                         query["code_challenge"])  # fmt: skip
        answer = {"state": query.get("state", ""), "code": code, "scope": query["scope"]}
        return f"{redirect}?{urlencode(answer)}"

    def issue(self, identity: str, scopes: frozenset[str]) -> str:
        with self._lock:
            token = "ya29.emu-" + "".join(
                self._rng.choices("abcdefghijkmnpqrstuvwxyz23456789", k=40)
            )
            self._issued[token] = Grant(identity, scopes)
            return token

    def issued(self) -> list[Grant]:
        """The grants of the tokens issued so far and still valid, oldest first."""
        with self._lock:
            return list(self._issued.values())

    def expire_all(self) -> None:
        """Every issued token becomes invalid (static tokens stay)."""
        with self._lock:
            self._issued.clear()

    def grant_for(self, token: str) -> Grant | None:
        with self._lock:
            return self._static.get(token) or self._issued.get(token)

    # ------------------------------------------------------------ the endpoint

    def token_response(self, form: dict[str, list[str]]) -> dict[str, Any]:
        """The JSON answer for a token request, or TokenError."""
        grant_type = (form.get("grant_type") or [""])[-1]
        if grant_type == JWT_GRANT:
            identity, scopes = self._verify_jwt((form.get("assertion") or [""])[-1])
            return self._answer(identity, scopes)
        if grant_type == "refresh_token":
            user = self._check_refresh(form)
            asked = (form.get("scope") or [""])[-1].split()
            scopes = frozenset(asked) & user.scopes if asked else user.scopes
            answer = self._answer(user.email, scopes)
            answer["scope"] = " ".join(sorted(scopes))
            return answer
        if grant_type == "authorization_code":
            return self._exchange_code(form)
        raise TokenError(400, "unsupported_grant_type", f"Invalid grant_type: {grant_type}")

    def _exchange_code(self, form: dict[str, list[str]]) -> dict[str, Any]:
        def one(name: str) -> str:
            return (form.get(name) or [""])[-1]

        with self._lock:
            consent = self._codes.pop(one("code"), None)  # a code is good once
            secret = self._clients.get(one("client_id"))
        if secret is None or secret != one("client_secret"):
            raise TokenError(401, "invalid_client", "Unauthorized")
        if consent is None or consent.client_id != one("client_id"):
            raise TokenError(400, "invalid_grant", "Malformed auth code.")
        if consent.redirect_uri != one("redirect_uri"):
            raise TokenError(400, "redirect_uri_mismatch", "Bad Request")
        digest = hashlib.sha256(one("code_verifier").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != consent.challenge:
            raise TokenError(400, "invalid_grant", "Missing code verifier.")
        refresh = "1//emu-" + "".join(self._rng.choices("abcdefghijkmnpqrstuvwxyz", k=30))
        self.register_user(OAuthUser(consent.client_id, secret, refresh, consent.email,
                                     consent.scopes))  # fmt: skip
        answer = self._answer(consent.email, consent.scopes)
        return {**answer, "refresh_token": refresh, "scope": " ".join(sorted(consent.scopes))}

    def _answer(self, identity: str, scopes: frozenset[str]) -> dict[str, Any]:
        token = self.issue(identity, scopes)
        return {"access_token": token, "expires_in": TOKEN_LIFETIME, "token_type": "Bearer"}

    def _check_refresh(self, form: dict[str, list[str]]) -> OAuthUser:
        def one(name: str) -> str:
            return (form.get(name) or [""])[-1]

        with self._lock:
            user = self._users.get(one("refresh_token"))
        if user is None:
            raise TokenError(400, "invalid_grant", "Token has been expired or revoked.")
        if (one("client_id"), one("client_secret")) != (user.client_id, user.client_secret):
            raise TokenError(401, "invalid_client", "The OAuth client was not found.")
        return user

    def _verify_jwt(self, assertion: str) -> tuple[str, frozenset[str]]:
        parts = assertion.split(".")
        if len(parts) != 3:
            raise TokenError(400, "invalid_grant", "Invalid JWT: the assertion is not a JWT.")
        try:
            header = json.loads(_b64decode(parts[0]))
            claims = json.loads(_b64decode(parts[1]))
            signature = _b64decode(parts[2])
        except ValueError:
            raise TokenError(400, "invalid_grant", "Invalid JWT: malformed segments.") from None
        if header.get("alg") != "RS256" or not isinstance(claims, dict):
            raise TokenError(400, "invalid_grant", "Invalid JWT: only RS256 is accepted.")
        self._check_claims(claims)
        with self._lock:
            key = self._service_accounts.get(str(claims.get("iss")))
        if key is None:
            raise TokenError(400, "invalid_grant", "Invalid grant: account not found")
        try:
            signed = f"{parts[0]}.{parts[1]}".encode()
            key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise TokenError(400, "invalid_grant", "Invalid JWT Signature.") from None
        return str(claims["iss"]), frozenset(str(claims.get("scope", "")).split())

    def _check_claims(self, claims: dict[str, Any]) -> None:
        now = time.time()
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int) or not isinstance(exp, int) or not claims.get("iss"):
            raise TokenError(400, "invalid_grant", "Invalid JWT: iss, iat and exp are required.")
        if exp - iat > 3600 or exp < now or iat > now + 300:
            raise TokenError(
                400,
                "invalid_grant",
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
                "timeframe. Check your iat and exp values in the JWT claim.",
            )
        if claims.get("aud") not in self.audiences:
            raise TokenError(
                400, "invalid_grant", "Invalid JWT: audience is not the token endpoint."
            )
        if not claims.get("scope"):
            raise TokenError(
                400, "invalid_scope", "Invalid OAuth scope or ID token audience provided."
            )
