"""The preview under stress: 200 clients while saves happen, slow clients beside fast ones, and
content files that vanish or cannot be read while it serves."""

from __future__ import annotations

import http.client
import io
import os
import random
import re
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.serve import Preview, handler

from .helpers import minimal_site
from .serving import Served, until
from .test_serve import port_of, request

REPO = Path(__file__).resolve().parent.parent
CLIENTS = 200
SECONDS = 10.0


def test_200_clients_for_10_seconds_get_every_page_while_saves_happen(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    served = Served(content)
    try:
        base = "/" + served.url.split("/", 3)[3]
        port = int(served.url.split(":")[2].split("/")[0])
        map_file = content / "maps" / "open-weights.yaml"
        claim = re.search(r"^  id: (\S+)", map_file.read_text(encoding="utf-8"), re.MULTILINE)
        assert claim
        pages = ["", "maps/", "maps/open-weights/", f"claims/{claim[1]}/", "sources/", "tags/", "assets/style.css"]
        wanted = {f"{base}{page}": 200 for page in pages} | {f"{base}no-such-page/": 404}
        errors: list[str] = []
        answered = [0] * CLIENTS
        deadline = time.monotonic() + SECONDS

        def client(index: int) -> None:
            rng = random.Random(index)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
            while time.monotonic() < deadline:
                path = rng.choice(list(wanted))
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    if response.status != wanted[path]:
                        errors.append(f"{path}: {response.status}")
                    answered[index] += 1
                except (OSError, http.client.HTTPException) as exc:
                    errors.append(f"{path}: {exc!r}")
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
            connection.close()

        def saver() -> None:
            original = map_file.read_text(encoding="utf-8")
            n = 0
            while time.monotonic() < deadline - 2:
                n += 1
                text = original.replace("title: ", f"title: Save{n} ", 1)
                map_file.write_text(text + ("\n  pros: [unclosed\n" if n % 5 == 0 else ""), encoding="utf-8")
                time.sleep(0.3)
            map_file.write_text(original.replace("title: ", "title: Final ", 1), encoding="utf-8")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        threads.append(threading.Thread(target=saver))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        print(f"{sum(answered)} requests from {CLIENTS} clients in {SECONDS} s, {len(errors)} errors")
        assert min(answered) > 0 and sum(answered) > CLIENTS * 5
        until(lambda: "Final " in served.get("maps/open-weights/"), "the last save never showed")
        assert served.process.poll() is None
        assert not [line for line in served.output if "Traceback" in line or "internal error" in line]
    finally:
        served.stop()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    content = minimal_site(tmp_path / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    preview.start()
    yield preview, content
    preview.close()


def test_slow_clients_do_not_stall_the_others_and_lose_their_connections(
    served: tuple[Preview, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    preview, _ = served
    port = port_of(preview)
    monkeypatch.setattr(handler, "REQUEST_SECONDS", 2.0)
    trickling = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(100)]
    silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(50)]
    reader = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        for connection in trickling:
            connection.sendall(b"GET /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        # A client that asks for pages and never reads the answers.
        reader.sendall(b"GET /debates/assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * 200)
        cut = set()
        started = time.monotonic()
        while time.monotonic() - started < 8 and len(cut) < len(trickling):
            for index, connection in enumerate(trickling):
                if index not in cut:
                    try:
                        connection.sendall(b"x")
                    except OSError:
                        cut.add(index)
            begun = time.perf_counter()
            assert request(port, "/debates/claims/faster-innovation/").status == 200
            assert time.perf_counter() - begun < 2.0, "a normal request waited on the slow ones"
            time.sleep(0.1)
        assert len(cut) == len(trickling), "slow requests kept their connections past the deadline"
    finally:
        for connection in [*trickling, *silent, reader]:
            connection.close()


def test_a_content_file_deleted_or_unreadable_while_serving_shows_the_errors_not_a_crash(
    served: tuple[Preview, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    preview, content = served
    port = port_of(preview)
    page = "/debates/claims/faster-innovation/"
    source = content / "sources" / "report.yaml"
    kept = source.read_bytes()
    source.unlink()  # cited by every claim
    until(lambda: 'id="debatemap-errors"' in request(port, page).text, "no errors shown for a deleted source")
    assert "unknown-source" in request(port, page).text
    source.write_bytes(kept)
    until(lambda: 'id="debatemap-errors"' not in request(port, page).text, "the restored source was not seen")

    map_file = content / "maps" / "open.yaml"
    opened = Path.open

    def refused(path: Path, *args: object, **kwargs: object) -> object:
        """As root, mode 000 still reads: refuse the map as a file system would refuse anyone else."""
        if path.name == "open.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refused)
    map_file.chmod(0)
    map_file.touch()
    until(lambda: 'id="debatemap-errors"' in request(port, page).text, "no errors shown for an unreadable map")
    shown = request(port, page).text
    assert "cannot read the file" in shown and "internal error" not in shown
    monkeypatch.undo()
    map_file.chmod(0o644)
    map_file.touch()
    until(lambda: 'id="debatemap-errors"' not in request(port, page).text, "the readable map was not seen")
    assert preview.builder.built and request(port, page).status == 200


def test_a_named_pipe_in_the_content_shows_an_error_and_serving_goes_on(tmp_path: Path) -> None:
    """Opening a pipe waits for a writer: the watcher's thread hung there and every later save
    was lost, with nothing said (review D3); Ctrl-C then took 15 s."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    content = minimal_site(tmp_path / "content")
    served = Served(content, temp=temp)
    try:
        page = "claims/faster-innovation/"
        os.mkfifo(content / "sources" / "pipe.yaml")
        until(lambda: "not a regular file" in served.get(page), "no error shown for the pipe")
        map_file = content / "maps" / "open.yaml"
        good = map_file.read_text().replace("speed up innovation.", "speed up science.")
        map_file.write_text(good + "\n  pros: [unclosed\n")
        until(lambda: "yaml-syntax" in served.get(page), "a save after the pipe was not rebuilt")
        map_file.write_text(good)
        (content / "sources" / "pipe.yaml").unlink()
        # The new pages are on disk a moment before the error panels are cleared (the tabs reload
        # after both): a page fetched in between shows the fix under the last panels.
        until(
            lambda: "speed up science." in (shown := served.get(page)) and 'id="debatemap-errors"' not in shown,
            "the pipe's removal and the fix were not seen",
        )
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=5) == 0
        assert list(temp.iterdir()) == []
    finally:
        served.stop()
