"""Even-handed caps: a list or drawing that shows only some of a debate shows both sides alike,
and says exactly what it left out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from debatemap.render.caps import balanced, more_label


def test_an_equal_share_each_and_the_rest_named_by_side() -> None:
    items = ["pro"] * 8 + ["con"] * 8
    shown, hidden = balanced(items, 10, str)
    assert shown == ["pro"] * 5 + ["con"] * 5
    assert hidden == {"pro": 3, "con": 3}
    assert more_label(hidden) == "and 3 more pros and 3 more cons"


def test_a_short_side_passes_its_share_on() -> None:
    shown, hidden = balanced(["pro"] * 9 + ["con"] * 2, 6, str)
    assert shown == ["pro"] * 4 + ["con"] * 2
    assert hidden == {"pro": 5}
    assert more_label(hidden) == "and 5 more pros"
    assert more_label({"con": 1}) == "and 1 more con"


def test_nothing_is_left_out_under_the_cap() -> None:
    assert balanced(["con", "pro"], 10, str) == (["con", "pro"], {})
    assert more_label({}) == ""


@given(st.lists(st.sampled_from(["pro", "con"])), st.integers(min_value=1, max_value=12))
def test_a_cap_keeps_order_fills_its_room_and_is_even_handed(items: list[str], limit: int) -> None:
    tagged = list(enumerate(items))
    shown, hidden = balanced(tagged, limit, lambda item: item[1])
    assert [i for i, _ in shown] == sorted(i for i, _ in shown), "the list's order is kept"
    assert len(shown) == min(limit, len(items)), "the room is filled"
    for side in ("pro", "con"):
        drawn = sum(1 for _, s in shown if s == side)
        assert drawn + hidden.get(side, 0) == items.count(side), "what is left out is counted exactly"
        if hidden.get(side):  # a side cut short still has at least half the room
            assert drawn >= limit // 2
