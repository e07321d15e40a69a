"""Which Host headers name this machine, and which addresses stay on it."""

from __future__ import annotations

import ipaddress


def allowed_host(header: str | None, bound: str) -> bool:
    """Whether a Host header names this machine: an IP address, localhost, or the host it was told to bind."""
    if header is None:
        return True  # HTTP/1.0 clients; browsers, whose requests rebinding needs, always send one
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in ("localhost", bound.lower()) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
