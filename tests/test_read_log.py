"""The read log finds the units an edit makes stale exactly as testing each unit would."""

from __future__ import annotations

import random
import sys
from array import array

import pytest

from debatemap.incremental.reads import _WIDTH, UINT32, ReadLog


def brute_force(log: ReadLog, hashes: frozenset[int], units: list[str]) -> set[str]:
    return {unit for unit in units if log.read_any(unit, hashes)}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("changed", [1, 5, 32, 33, 200])
def test_stale_units_are_those_that_read_a_changed_key(seed: int, changed: int) -> None:
    rng = random.Random(seed)
    keys = [rng.getrandbits(8 * _WIDTH) for _ in range(3000)]
    log = ReadLog()
    for number in range(400):
        log.units[f"page-{number}"] = array(UINT32, sorted(set(rng.sample(keys, rng.randint(0, 60))))).tobytes()
    hashes = frozenset(rng.sample(keys, changed // 2) + [rng.getrandbits(8 * _WIDTH) for _ in range(changed - changed // 2)])
    units = [*log.units, "never-recorded"]
    stale = log.stale(hashes, units)
    assert stale == brute_force(log, hashes, units)
    assert "never-recorded" in stale
    assert log.stale(hashes, units[:50]) == brute_force(log, hashes, units[:50])


def test_bytes_that_straddle_two_hashes_are_not_a_match() -> None:
    """A changed key's 8 bytes can occur across two neighbouring hashes; only aligned matches count."""
    first, second = 0x11111111, 0x22222222
    log = ReadLog({"page": array(UINT32, [first, second]).tobytes()})
    straddling = int.from_bytes(array(UINT32, [first, second]).tobytes()[2 : 2 + _WIDTH], sys.byteorder)
    assert log.stale(frozenset({straddling}), ["page"]) == set()
    assert log.stale(frozenset({second}), ["page"]) == {"page"}
