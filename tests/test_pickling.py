"""The build cache pickles the model: what comes back must be equal, of the same classes, and
still frozen, whatever shortcut each class takes (``pickling.by_fields``, ``Position.__reduce__``)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from debatemap.diagnostics import Diagnostic, Position, Severity
from debatemap.pipeline import load_site

from .conftest import CONTENT


def _objects(value: object) -> list[object]:
    """Every dataclass and position reachable from ``value``."""
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Position) or (dataclasses.is_dataclass(item) and not isinstance(item, type)):
            found.append(item)
        if isinstance(item, Position):
            continue
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, field.name) for field in dataclasses.fields(item))
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_the_real_sites_model_comes_back_from_a_pickle_equal_and_of_the_same_classes(protocol: int) -> None:
    site = load_site(CONTENT).site
    model = [site.maps, site.claims, site.sources, site.pages]
    again = pickle.loads(pickle.dumps(model, protocol))
    assert again == model
    before, after = _objects(model), _objects(again)
    assert len(before) == len(after) > 1000
    assert [type(item) for item in after] == [type(item) for item in before]
    assert sum(isinstance(item, Position) for item in after) > 500


def test_a_position_comes_back_a_position_that_orders_and_prints_as_before() -> None:
    positions = [Position("maps/b.yaml", 3, 1), Position("maps/a.yaml", 10, 2), Position("maps/a.yaml", 2, 7)]
    again = pickle.loads(pickle.dumps(positions, pickle.HIGHEST_PROTOCOL))
    assert [type(p) for p in again] == [Position] * 3
    assert sorted(again) == sorted(positions)
    assert [str(p) for p in again] == ["maps/b.yaml:3:1", "maps/a.yaml:10:2", "maps/a.yaml:2:7"]
    assert again[1].line == 10


def test_a_diagnostic_comes_back_frozen() -> None:
    diagnostic = Diagnostic("unknown-ref", Severity.ERROR, "no such claim", Position("maps/a.yaml", 4, 9), "fix it")
    again = pickle.loads(pickle.dumps(diagnostic, pickle.HIGHEST_PROTOCOL))
    assert again == diagnostic
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.message = "changed"  # type: ignore[misc]
