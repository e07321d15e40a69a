"""Read: a content file's bytes -> its text, safely, or a positioned error saying why not.

Kept apart from the YAML parser (``load``): this is where the file system and the encoding are
met (size limits, FIFOs and devices, UTF-8, BOMs, control and bidirectional characters), and
Markdown pages and templates are read through it as well as YAML files.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import rules
from .diagnostics import Diagnostic, Position

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused. A 20,000-claim map is about 15 MB; the loader is event-based and
never recurses, so the limit only bounds memory (a file's tree takes about 20 times its size)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ORDINARY_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_REFUSED_SEQUENCES = ("\ufffe".encode(), "\uffff".encode())
"""The refused characters above U+00FF in UTF-8; those below start with byte C2 (as do some
harmless ones, such as a no-break space), which sends the file to the full search."""
_SEPARATORS = ("\u2028".encode(), "\u2029".encode())
"""Unicode's line and paragraph separators, which text pasted from PDFs and word processors
carries. They are not control characters, but libyaml counts them as line breaks (YAML 1.1)
and JavaScript before ES2019 ends a string at them: each becomes a space as the file is read."""
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: invisible, they can make text display in
another order than it is stored (the "Trojan Source" attack), so they are reported."""
_BIDI_LEADS = (b"\xe2\x80\xaa", b"\xe2\x80\xab", b"\xe2\x80\xac", b"\xe2\x80\xad", b"\xe2\x80\xae", b"\xe2\x81")
_BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working folder when inside it.

    Links are not followed: a diagnostic about ``maps/x.yaml`` names ``maps/x.yaml`` even
    when it is a link, and only the folders above are resolved if needed to relate it to the
    working folder.
    """
    cwd = Path.cwd()
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 (resolve() would follow the link)
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)


def read_text(path: Path, shown: str, diags: list[Diagnostic]) -> str | None:
    """Read a content file as UTF-8 text, refusing oversized, mis-encoded or control-laden files.

    Only regular files are opened: opening a named pipe (FIFO) for reading waits for a writer,
    which would hang `check` and `build` for good, so the kind is checked before opening (and
    again on the open file).
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), _not_regular(path), hint="remove it from the folder"))
            return None
        with path.open("rb", buffering=0) as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                diags.append(
                    rules.FILE_UNREADABLE.at(Position(shown, 0, 0), _not_regular(path), hint="remove it from the folder")
                )
                return None
            data = _read_up_to(stream.fileno(), info.st_size)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop, on some Pythons
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), f"cannot read the file: {reason}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        diags.append(
            rules.FILE_TOO_LARGE.at(
                Position(shown, 0, 0),
                f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                hint="split it into several files (one map per file, one source per file)",
            )
        )
        return None
    return decode_text(data, shown, diags)


def _read_up_to(handle: int, size: int) -> bytes:
    """The file's bytes, at most MAX_FILE_BYTES + 1 of them (one more tells it is too large).

    Reads the size the file had when opened, so no buffer is allocated for the whole limit;
    a file that grows meanwhile (an editor saving) is read on to its end or past the limit.
    """
    chunks = [os.read(handle, min(size, MAX_FILE_BYTES) + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= MAX_FILE_BYTES:  # to the end: a short read or a growing file
        chunks.append(os.read(handle, max(size - total, 0) + 65536))
        total += len(chunks[-1])
    return b"".join(chunks)


def _not_regular(path: Path) -> str:
    mode = path.stat().st_mode
    kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
    return f"this is {kind}, not a regular file"


def decode_text(data: bytes, shown: str, diags: list[Diagnostic]) -> str | None:
    """Decode UTF-8 and refuse control characters.

    A UTF-8 byte order mark is dropped and line ends are normalised to LF (CRLF from Windows
    editors, lone CR from old Macs), so positions count lines as every editor does.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = max(data.rfind(b"\n", 0, exc.start), data.rfind(b"\r", 0, exc.start)) + 1
        line = data.count(b"\n", 0, line_start) + data.count(b"\r", 0, line_start) - data.count(b"\r\n", 0, line_start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # in characters, as editors count
        diags.append(
            rules.ENCODING.at(
                Position(shown, line, column),
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                hint="save the file as UTF-8 in your editor",
            )
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(separator in data for separator in _SEPARATORS):
        text = text.replace("\u2028", " ").replace("\u2029", " ")
    if any(lead in data for lead in _BIDI_LEADS):
        _warn_bidi(text, shown, diags)
    bad = _CONTROL.search(text) if _may_hold_control(data) else None
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        diags.append(
            rules.CONTROL_CHARACTER.at(
                Position(shown, line, column),
                f"the file contains the control character U+{ord(bad.group()):04X}",
                hint="delete it; it is invisible in most editors",
            )
        )
        return None
    return text


def _warn_bidi(text: str, shown: str, diags: list[Diagnostic]) -> None:
    """One warning per line holding a bidirectional control, at the first of them."""
    line_seen = -1
    for found in _BIDI.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if line == line_seen:
            continue
        line_seen = line
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        char = found.group()
        diags.append(
            rules.BIDI_CONTROL.at(
                Position(shown, line, column),
                f"invisible bidirectional control U+{ord(char):04X} ({_BIDI_NAMES[char]}): "
                "the text may display in another order than it is written",
                hint="delete it; right-to-left words display correctly without it",
            )
        )


def _may_hold_control(data: bytes) -> bool:
    """A fast screen for ``_CONTROL`` on valid UTF-8: False means there is surely none.

    The regex costs about 50 instructions a character; deleting the ordinary ASCII bytes and
    looking for the bytes that start the refused non-ASCII characters runs at memory speed, so
    only files that fail the screen are searched.
    """
    rest = data.translate(None, _ORDINARY_ASCII)  # ASCII control bytes and non-ASCII bytes
    if not rest:
        return False
    if rest.translate(None, _HIGH_BYTES):  # an ASCII control byte
        return True
    return b"\xc2" in rest or any(sequence in data for sequence in _REFUSED_SEQUENCES)
