"""Check many addresses politely: a few workers, one request per host at a time, each address once."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from .probe import HostGate, Probe, probe


def check_all(
    urls: Iterable[str],
    *,
    timeout: float = 10.0,
    concurrency: int = 4,
    context: ssl.SSLContext | None = None,
    progress: Callable[[Probe], None] | None = None,
) -> dict[str, Probe]:
    """Every address's answer, by address. Each worker takes one host's addresses in turn (the
    busiest hosts first, so they do not finish last), and a lock per host keeps redirects polite too."""
    by_host: dict[str, list[str]] = {}
    for url in sorted(set(urls)):
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    gate = HostGate()
    found: dict[str, Probe] = {}

    def work(batch: list[str]) -> None:
        for url in batch:
            result = probe(url, timeout=timeout, context=context, gate=gate)
            found[url] = result
            if progress is not None:
                progress(result)

    batches = sorted(by_host.values(), key=lambda batch: (-len(batch), batch[0]))
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="debatemap-links") as pool:
        for future in [pool.submit(work, batch) for batch in batches]:
            future.result()
    return dict(sorted(found.items()))
