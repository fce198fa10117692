"""Real google-auth and gspread wired to the emulator: generated keys, loopback transport, clients.

The chain a test gets is the production one: a service-account JSON file (generated at test
time, its key registered with the emulator, its ``token_uri`` the emulator's ``/token``),
``google.oauth2.service_account.Credentials`` signing a JWT, google-auth's
``AuthorizedSession`` fetching a token and sending ``Authorization: Bearer``, and gspread on
top. Only the transport differs: :class:`LoopbackAdapter` sends Google's hosts to the
emulator and refuses every other non-loopback host, so no test can reach the network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gspread
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth.credentials import Credentials
from google.auth.transport.requests import AuthorizedSession, Request
from requests.adapters import HTTPAdapter

from tests.support.sheets_auth import DRIVE, SPREADSHEETS, OAuthUser
from tests.support.sheets_emulator import SheetsEmulator

GOOGLE_HOSTS = frozenset(
    {
        "sheets.googleapis.com",
        "www.googleapis.com",
        "oauth2.googleapis.com",
        "iamcredentials.googleapis.com",
    }
)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SERVICE_ACCOUNT_EMAIL = "salespipe-sync@salespipe-tests.iam.gserviceaccount.com"


@dataclass(frozen=True)
class ServiceAccountKey:
    """An RSA key pair made for one test session; never written outside tmp dirs."""

    email: str
    key_id: str
    private_key_pem: str
    public_key_pem: bytes


def make_service_account_key(email: str = SERVICE_ACCOUNT_EMAIL) -> ServiceAccountKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return ServiceAccountKey(email, "0" * 24 + "feedface" * 2, private_pem, public_pem)


def service_account_info(key: ServiceAccountKey, token_uri: str) -> dict[str, Any]:
    """The JSON Google issues for a service-account key, pointed at ``token_uri``."""
    project = key.email.split("@")[1].split(".")[0]
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": key.key_id,
        "private_key": key.private_key_pem,
        "client_email": key.email,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
        + key.email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }


def write_service_account_file(
    path: Path, key: ServiceAccountKey, emulator: SheetsEmulator
) -> Path:
    """Register the key with the emulator and write the JSON file a user would download."""
    emulator.register_service_account(key.email, key.public_key_pem)
    path.write_text(json.dumps(service_account_info(key, emulator.url + "/token"), indent=2))
    path.chmod(0o600)
    return path


def register_oauth_user(
    emulator: SheetsEmulator, email: str = "marie@pme.example"
) -> dict[str, str]:
    """An OAuth user known to the emulator; returns the authorized-user JSON fields."""
    info = {
        "type": "authorized_user",
        "client_id": "123-salespipe.apps.googleusercontent.com",
        "client_secret": "not-a-real-secret",
        "refresh_token": "1//refresh-token-for-tests",
        "token_uri": emulator.url + "/token",
    }
    emulator.register_user(
        OAuthUser(
            info["client_id"],
            info["client_secret"],
            info["refresh_token"],
            email,
            frozenset({SPREADSHEETS, DRIVE}),
        )
    )
    return info


class LoopbackAdapter(HTTPAdapter):
    """Sends Google's API hosts to the emulator; refuses any other non-loopback host."""

    def __init__(self, base_url: str) -> None:
        super().__init__(max_retries=0)
        self.base_url = base_url.rstrip("/")

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        parts = urlsplit(request.url or "")
        host = parts.hostname or ""
        if host in GOOGLE_HOSTS:
            request.url = self.base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        elif host not in LOOPBACK:
            raise requests.ConnectionError(f"tests never leave 127.0.0.1 (refused {host})")
        return super().send(request, *args, **kwargs)


def mount_loopback(session: requests.Session, base_url: str) -> requests.Session:
    session.trust_env = False  # no proxies or netrc from the environment
    adapter = LoopbackAdapter(base_url)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def authorized_session(credentials: Credentials, emulator: SheetsEmulator) -> AuthorizedSession:
    """google-auth's session, whose token requests and API calls all go to the emulator."""
    token_session = mount_loopback(requests.Session(), emulator.url)
    session = AuthorizedSession(credentials, auth_request=Request(token_session))
    mount_loopback(session, emulator.url)
    return session


def gspread_client(
    credentials: Credentials,
    emulator: SheetsEmulator,
    http_client: type[gspread.HTTPClient] = gspread.HTTPClient,
) -> gspread.Client:
    """A real ``gspread.Client`` over :func:`authorized_session` (optionally gspread's
    ``BackOffHTTPClient``)."""
    session = authorized_session(credentials, emulator)
    return gspread.Client(auth=None, session=session, http_client=http_client)  # type: ignore[arg-type]


#: The OAuth client of the tests' "Cloud project", as the emulator knows it.
OAUTH_CLIENT_ID = "123-salespipe.apps.googleusercontent.com"
OAUTH_CLIENT_SECRET = "not-a-real-client-secret"


def oauth_client_info(emulator: SheetsEmulator) -> dict[str, Any]:
    """The client file the Cloud console downloads for a « Desktop app » OAuth client
    (``{"installed": …}``), its endpoints Google's own (the transport sends them to the
    emulator), and the emulator told of it."""
    emulator.auth.register_client(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET)
    return {
        "installed": {
            "client_id": OAUTH_CLIENT_ID,
            "project_id": "salespipe-tests",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_secret": OAUTH_CLIENT_SECRET,
            "redirect_uris": ["http://localhost"],
        }
    }
