"""Indicator values as a reader reads them (samkart.indicators.format_value), bounds included."""

from __future__ import annotations

import math

import pytest

import samkart as sk
from samkart.indicators import format_value

NB = "\u202f"  # the thin no-break space between thousands in nb and da


def test_units_as_read() -> None:
    assert format_value("disability_count_under_30", 2100, "nb") == f"2{NB}100"
    assert format_value("disability_count_under_30", 2100, "en") == "2,100"
    assert format_value("disability_share_under_30", 0.038, "nb") == "3,8\u00a0%"
    assert format_value("partnership_funding_3y", 1_300_000, "da", "NOK") == f"1{NB}300{NB}000 NOK"


@pytest.mark.parametrize(("comparator", "nb", "da", "en"), [
    ("more_than", "over", "over", "more than"),
    ("at_least", "minst", "mindst", "at least"),
    ("less_than", "under", "under", "less than"),
    ("at_most", "høyst", "højst", "at most"),
])
def test_a_bound_stands_before_the_figure(comparator: str, nb: str, da: str, en: str) -> None:
    key = "disability_count_under_30"
    assert format_value(key, 2100, "nb", comparator=comparator) == f"{nb} 2{NB}100"
    assert format_value(key, 2100, "da", comparator=comparator) == f"{da} 2{NB}100"
    assert format_value(key, 2100, "en", comparator=comparator) == f"{en} 2,100"


def test_no_comparator_from_a_frame_is_nan_or_none() -> None:
    key = "disability_count_under_30"
    assert format_value(key, 2100, "en", comparator=None) == "2,100"
    assert format_value(key, 2100, "en", comparator=math.nan) == "2,100"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="comparator vocabulary"):
        format_value(key, 2100, "en", comparator="roughly")


def test_the_bounds_of_the_example_are_those_of_the_seed() -> None:
    # 002 §5: "Mer enn 2100"; 002 §5.1: "litt i underkant av 10 prosent" to "litt i overkant av
    # 20 prosent". Every other indicator of the example is a figure, not a bound.
    vt = sk.datasets.vestfold_telemark()
    bounds = {i.key: i.comparator for i in vt.indicators if i.comparator is not None}
    assert {k: str(v) for k, v in bounds.items()} == {
        "disability_count_under_30": "more_than",
        "mental_health_gp_contact_share_15_29_municipal_min": "less_than",
        "mental_health_gp_contact_share_15_29_municipal_max": "more_than",
    }
