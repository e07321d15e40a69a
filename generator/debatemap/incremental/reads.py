"""What each unit of work read, kept compactly for the build cache: 4-byte hashes, not key tuples.

Serve keeps each page's reads as a set of key tuples; 10,000 claims make 1.3 million of them,
whose pickling alone took 0.4 s of a warm build. Here each unit's reads are an array of
32-bit hashes of its keys, stored as bytes (loading 23,000 of them takes a few milliseconds), and
a change is compared by hashing only the keys it changed. Two keys with the same hash can only
make a page be rendered although it did not need to be, never the reverse: a unit is stale when
one of its hashes is among the changed keys' hashes, and a key read always hashes the same.
With 32 bits that costs little: a page reads about 120 keys, so a changed key matches one of
them by chance once in 35 million pages. (64-bit hashes doubled the bytes every warm build
reads, checks, searches and writes: 13 MB at 10,000 claims.)
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from .tracking import Key, Recorder

_SEPARATOR = "\x1f"
UINT32 = "I" if array("I").itemsize == 4 else "L"
"""An array of unsigned 32-bit integers (C's int almost everywhere, else its long)."""
_WIDTH = array(UINT32).itemsize
_SEARCHED_KEYS = 32
"""Up to this many changed keys, ``stale`` searches the bytes for each; beyond, it tests each unit."""


def key_hash(key: Key) -> int:
    """A hash of ``key`` that is the same in every process (``hash`` of a str is not): the CRC-32
    of its text, a third of what blake2b cost (190 ns against 580 ns; a build with the cache
    hashes every key it reads once in each worker, 150,000 and more at 10,000 claims). It need
    not resist anyone: a collision, even one that content was written to cause, only renders a
    page that did not need it."""
    return zlib.crc32(_SEPARATOR.join(key).encode("utf-8", "surrogatepass"))


def hash_set(blob: bytes) -> frozenset[int]:
    """The hashes a unit's bytes hold (``ReadLog.units``), as a set: their order means nothing."""
    found = array(UINT32)
    found.frombytes(blob)
    return frozenset(found)


class HashingRecorder(Recorder):
    """A recorder for reads that are only ever hashed (the build cache's): each read adds its key's
    hash, made when the proxy or mapping entry that reads it is made (once per key: they are kept),
    so a page's reads are already the numbers a ``ReadLog`` keeps. Keys recorded as keys were
    hashed page by page instead: each looked up in a memo of hashes, a tuple hashed again at every
    lookup. No memo here: at 100,000 claims it held millions of keys in each worker for nothing."""

    __slots__ = ()

    def token(self, key: Key) -> int:
        return key_hash(key)

    def take(self) -> frozenset[Key]:
        raise TypeError("a HashingRecorder holds hashes, not keys: use ReadLog.take")

    def take_hashed(self, hashed: Callable[[set[Key]], bytes]) -> bytes:  # noqa: ARG002 - its reads are hashes already
        # In the set's order: nothing searches these bytes in order (``read_any``, ``stale``), and
        # sorting the 50,000 hashes of a bibliography page at 100,000 claims cost more than rendering it.
        return array(UINT32, self.take_unshared()).tobytes()


class ReadLog:
    """Unit (an output path, or INIT, ROUTES, EXTRAS) -> the hashes of the keys it read."""

    def __init__(self, units: dict[str, bytes] | None = None, *, memo: dict[Key, int] | None = None) -> None:
        self.units: dict[str, bytes] = units if units is not None else {}
        self._memo: dict[Key, int] = memo if memo is not None else {}

    def __getstate__(self) -> dict[str, bytes]:
        return self.units

    def __setstate__(self, units: dict[str, bytes]) -> None:
        self.units, self._memo = units, {}

    def take(self, unit: str, recorder: Recorder) -> None:
        """Keep what ``recorder`` recorded since it was last taken as what ``unit`` read."""
        self.units[unit] = self.taken(recorder)

    def taken(self, recorder: Recorder) -> bytes:
        """What ``take`` keeps, without keeping it (a forked renderer sends it back)."""
        return recorder.take_hashed(self.hashed)

    def hashed(self, reads: Iterable[Key]) -> bytes:
        """What ``taken`` keeps for a recorder of keys that read ``reads``."""
        memo = self._memo
        keys = reads if isinstance(reads, (set, frozenset)) else frozenset(reads)
        # Loops in C: a page reads about 640 keys, almost all of them hashed for an earlier page.
        for key in keys.difference(memo):  # a set less a dict: each key looked up in the dict
            memo[key] = key_hash(key)
        return array(UINT32, sorted(set(map(memo.__getitem__, keys)))).tobytes()

    def pop(self, unit: str) -> None:
        self.units.pop(unit, None)

    def __contains__(self, unit: str) -> bool:
        return unit in self.units

    def hashes(self, keys: Iterable[Key]) -> frozenset[int]:
        return frozenset(key_hash(key) for key in keys)

    def read_any(self, unit: str, hashes: frozenset[int]) -> bool:
        """Whether ``unit`` read one of the keys ``hashes`` stand for (or one hashing alike)."""
        blob = self.units.get(unit)
        if blob is None:
            return True
        found = array(UINT32)
        found.frombytes(blob)
        return not hashes.isdisjoint(found)

    def stale(self, hashes: frozenset[int], units: Iterable[str]) -> set[str]:
        """Those of ``units`` that read one of the keys ``hashes`` stand for (a unit never recorded is stale).

        An edit changes a few keys, and 23,000 units (10,000 claims) hold 1.7 million hashes:
        testing each unit's hashes against the changed ones took 85 ms of a warm build. For a few
        keys, each key's 4 bytes are searched for in all the units' bytes at once (C's memory
        search, a few ms for each), and a match at a multiple of 4 names its unit by offset.
        """
        wanted = set(units)
        if len(hashes) > _SEARCHED_KEYS:
            return {unit for unit in wanted if self.read_any(unit, hashes)}
        found = {unit for unit in wanted if unit not in self.units}
        names = list(self.units)
        blobs = [self.units[name] for name in names]
        starts = list(accumulate((len(blob) for blob in blobs), initial=0))
        everything = b"".join(blobs)
        for value in hashes:
            needle = value.to_bytes(_WIDTH, sys.byteorder)  # as the array stores it
            at = everything.find(needle)
            while at >= 0:
                if at % _WIDTH == 0:  # every unit's bytes start at a multiple of the width
                    found.add(names[bisect_right(starts, at) - 1])
                at = everything.find(needle, at + 1)
        return found & wanted

    def copy(self) -> ReadLog:
        return ReadLog(dict(self.units), memo=self._memo)
