"""The person's browser in an OAuth sign-in, replaced at the edge: it "clicks « Autoriser »"
on Google's consent page (the emulator's :meth:`~tests.support.sheets_auth.TokenAuthority.consent`)
and follows the redirect to the loopback server of ``run_local_server``, as a browser would."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager

import requests

from tests.support.sheets_emulator import SheetsEmulator

#: The person who signs in.
MARIE = "marie@pme.example"


class ConsentingBrowser(webbrowser.BaseBrowser):
    """Google's page (the emulator's consent for :data:`MARIE`), then the redirect to the
    loopback server, followed from another thread (the server answers once ``open`` has
    returned); the pages it showed in :attr:`pages`."""

    def __init__(self, emulator: SheetsEmulator) -> None:
        super().__init__("salespipe-test-browser")
        self.emulator = emulator
        self.pages: list[str] = []
        self.threads: list[threading.Thread] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        redirect = self.emulator.auth.consent(url, MARIE)

        def follow() -> None:
            self.pages.append(requests.get(redirect, timeout=10).text)

        thread = threading.Thread(target=follow)
        thread.start()
        self.threads.append(thread)
        return True

    def wait(self) -> None:
        for thread in self.threads:
            thread.join(timeout=10)


@contextmanager
def consenting_browser(emulator: SheetsEmulator) -> Iterator[ConsentingBrowser]:
    """A :class:`ConsentingBrowser` registered with :mod:`webbrowser` under its name, its
    threads joined on exit."""
    chosen = ConsentingBrowser(emulator)
    webbrowser.register(chosen.name, None, chosen)
    try:
        yield chosen
    finally:
        chosen.wait()
