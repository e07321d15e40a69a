"""Shared fixtures: the built content site, a static HTTP server, and Debian's Chromium.

Browser and validator tests skip on a laptop without Chromium or Java, but fail under CI=true,
where a missing tool is a broken CI script, not a reason to pass.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap.build import build
from debatemap.render import routes

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(available: bool, what: str) -> None:
    """Skip when a tool is missing on a developer machine; fail in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) but is missing: .ci/run must install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test session."""
    out = tmp_path_factory.mktemp("content-site") / "site"
    build(CONTENT, out)
    return out


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content with its tags split into pages of three claims, as a large site's are."""
    out = tmp_path_factory.mktemp("paged-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(routes, "LISTING_PAGE_SIZE", PAGED_SIZE)
        build(CONTENT, out)
    return out


PAGED_SIZE = 3


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page while a file is sent hangs up mid-answer: not an error of the
        test, and its traceback (printed from the server's thread) only hid real failures."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticServer:
    """A static file server on a free loopback port, serving ``root``."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def content_server(content_site: Path) -> Iterator[StaticServer]:
    server = StaticServer(content_site)
    yield server
    server.close()


def _playwright() -> Any:
    """Playwright's sync API; a missing package skips (fails in CI) like a missing browser."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional on a laptop
    except ImportError:
        require(False, "Playwright for Python")
        raise
    return sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    require(Path(CHROMIUM).exists(), "Chromium (/usr/bin/chromium)")
    sync_playwright = _playwright()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def java_available() -> bool:
    return shutil.which("java") is not None
