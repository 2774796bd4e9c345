"""Reference ids: readable, unique, and made in time linear in the number of entries."""

from __future__ import annotations

from referee.text.reference_ids import reference_ids


def smith(year: str = "2019") -> dict:
    return {"authors": ("Smith",), "year": year}


def test_colliding_ids_take_letters_in_order_past_ids_already_taken() -> None:
    parsed = [smith(), {"authors": ("Smith",), "year": "2019b"}, smith(), smith(), {}]
    ids = reference_ids(parsed, [None, None, None, None, "12"])
    # "smith2019b" is some entry's own id, so the second collision skips to c.
    assert ids == ["smith2019a", "smith2019b", "smith2019c", "smith2019d", "ref12"]


def test_thousands_of_collisions_stay_unique_and_follow_the_letter_sequence() -> None:
    ids = reference_ids([smith()] * 3000, [None] * 3000)
    assert len(set(ids)) == 3000
    assert ids[:3] == ["smith2019a", "smith2019b", "smith2019c"]
    assert ids[25:28] == ["smith2019z", "smith2019aa", "smith2019ab"]
    assert ids[-1] == "smith2019dkj"  # the 3000th: 3000 = 4·26² + 11·26 + 10 -> d, k, j
