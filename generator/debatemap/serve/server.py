"""The preview's HTTP server: the built site, the reload stream, and nothing else.

A threaded server (one thread per connection, so a slow client or an open event stream never
blocks another request; ``handler`` answers each) that answers only to requests addressed to
this machine by name or IP (a DNS-rebinding page on another origin is refused by its Host
header). Every response has a length or is a stream that ends when the server stops; idle
connections and slow requests time out, so no request can hang it.
"""

from __future__ import annotations

import errno
import socket
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from ..diagnostics import UsageError
from .events import Broadcaster
from .handler import PreviewHandler
from .hosts import allowed_host, is_loopback

__all__ = ["Live", "PreviewServer", "allowed_host", "is_loopback"]


class Live(Protocol):
    """What the server needs from the preview: the site folder and its path, the events, the current overlay."""

    @property
    def site_dir(self) -> Path: ...

    @property
    def events(self) -> Broadcaster: ...

    @property
    def overlay(self) -> str | None: ...

    @property
    def base_path(self) -> str: ...


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    """Handler threads are not waited for on close (an idle keep-alive connection may linger IDLE_SECONDS)."""
    request_queue_size = 512
    """Bursts of hundreds of connections queue instead of being refused."""

    def __init__(self, host: str, port: int, live: Live) -> None:
        self.live = live
        self.bound_host = host
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host.strip("[]"), port), PreviewHandler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} on {host} is already in use: stop the other server, or choose another port "
                    "with --port (--port 0 picks a free one)"
                ) from None
            if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
                raise UsageError(f"cannot listen on {host}: no such address on this machine") from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:  # noqa: ARG002 - socketserver's signature
        """A client that hangs up mid-response is normal; anything else gets one line, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"debatemap serve: error while answering {client_address[0]}: {error!r}", file=sys.stderr)
