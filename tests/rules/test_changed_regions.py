"""The parts of a repaired line that changed: each damaged spot on its own, as a person
would mark it, whatever the rest of the line repeats."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from referat_lint.repair.lines import changed_regions


def shown(before: str, after: str) -> list[tuple[str, str]]:
    return [(before[a:b], after[c:d]) for a, b, c, d in changed_regions(before, after)]


def test_each_spot_on_its_own_in_a_line_that_repeats_itself() -> None:
    sentence = "Udvalget tog sagen pÃ¥ dagsordenen og fÃ¸lger den. "
    before = "BorgerÃ¦ " + sentence * 2
    after = "Borgeræ " + sentence.replace("Ã¥", "å").replace("Ã¸", "ø") * 2
    spots = [("Ã¥", "å"), ("Ã¸", "ø")]
    assert shown(before, after) == [("Ã¦", "æ"), *spots, *spots]


def test_a_spot_next_to_the_letter_it_becomes_is_replaced_not_moved() -> None:
    # Diffed whole, the second `Ã\x85` is deleted and an `Å` inserted after the next `Å`:
    # two findings for one spot. Only the stretch between the first and the last
    # difference is diffed.
    assert shown("Ã\x85bentÃ\x85Å", "ÅbentÅÅ") == [("Ã\x85", "Å"), ("Ã\x85", "Å")]


def test_a_two_character_spot_becomes_one_letter() -> None:
    assert shown("Udvalg Ã\x85bent", "Udvalg Åbent") == [("Ã\x85", "Å")]


def test_no_region_for_equal_lines() -> None:
    assert changed_regions("Godkendt.", "Godkendt.") == []


@given(st.text("abæøå Ã¥¸\x85", max_size=40), st.text("abæøå Ã¥¸\x85", max_size=40))
def test_regions_turn_before_into_after(before: str, after: str) -> None:
    rebuilt, position = [], 0
    for start, end, new_start, new_end in changed_regions(before, after):
        rebuilt.append(before[position:start])
        rebuilt.append(after[new_start:new_end])
        position = end
    rebuilt.append(before[position:])
    assert "".join(rebuilt) == after
