"""Texts of the errors that stop a Google Sheets sync, in French (default) and English.

They say what went wrong, where, and what to do; none of them ever contains a credential
(private key, client secret, refresh or access token).
"""

from __future__ import annotations

from typing import Any

from salespipe.core.errors import ConfigError, SourceError

TEXTS: dict[str, tuple[str, str]] = {
    "sheets_not_shared": (
        "Le classeur Google {key} n'est pas partagé avec {account} : ouvrez-le, cliquez sur "
        "« Partager » et ajoutez {account} comme éditeur.",
        "The Google spreadsheet {key} is not shared with {account}: open it, click 'Share' "
        "and add {account} as an editor.",
    ),
    "sheets_not_found": (
        "Classeur Google introuvable : {key}. Vérifiez la clé ou l'URL du classeur.",
        "Google spreadsheet not found: {key}. Check the spreadsheet key or URL.",
    ),
    "sheets_bad_url": (
        "« {value} » n'est ni une clé ni une URL de classeur Google "
        "(https://docs.google.com/spreadsheets/d/…)",
        "'{value}' is neither a Google spreadsheet key nor URL "
        "(https://docs.google.com/spreadsheets/d/…)",
    ),
    "sheets_scope": (
        "Les identifiants de {account} n'ont pas l'autorisation d'accès aux feuilles de "
        "calcul (portée {scope}).",
        "The credentials of {account} lack access to spreadsheets (scope {scope}).",
    ),
    "sheets_credentials_refused": (
        "Google a refusé les identifiants de {account} ({reason}). Vérifiez que la clé du "
        "compte existe toujours, ou autorisez à nouveau l'accès.",
        "Google refused the credentials of {account} ({reason}). Check that the account's "
        "key still exists, or authorise access again.",
    ),
    "sheets_credentials_file": (
        "Fichier d'identifiants Google inutilisable : {path} ({reason}). Attendu : le JSON "
        "d'un compte de service ou d'un utilisateur OAuth.",
        "Unusable Google credentials file: {path} ({reason}). Expected: the JSON of a "
        "service account or of an OAuth user.",
    ),
    "sheets_unavailable": (
        "Google Sheets ne répond pas correctement ({reason}) après {attempts} tentatives ; "
        "réessayez plus tard.",
        "Google Sheets did not answer properly ({reason}) after {attempts} attempts; try "
        "again later.",
    ),
    "sheets_refused": (
        "Google Sheets a refusé la requête {request} : {reason}",
        "Google Sheets refused the {request} request: {reason}",
    ),
}


DEFAULT_ACCOUNT = (
    "le compte Google qui a autorisé salespipe",
    "the Google account that authorised salespipe",
)


def render(code: str, lang: str, **params: Any) -> str:
    """The text of ``code``; an unknown ``account`` (OAuth users) is named generically."""
    index = 1 if lang == "en" else 0
    if "account" in params and not params["account"]:
        params = {**params, "account": DEFAULT_ACCOUNT[index]}
    return TEXTS[code][index].format(**params)


class SheetsSourceError(SourceError):
    """A spreadsheet that cannot be opened, read or written; texts from this module."""

    def message(self, lang: str = "fr") -> str:
        if self.code in TEXTS:
            return render(self.code, lang, **self.params)
        return super().message(lang)


class SheetsConfigError(ConfigError):
    """Unusable Google settings (credentials file, spreadsheet key); texts from this module."""

    def message(self, lang: str = "fr") -> str:
        if self.code in TEXTS:
            return render(self.code, lang, **self.params)
        return super().message(lang)
