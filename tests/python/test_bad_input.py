"""The bad-input corpus (tests/data/bad, described by expected.json): each file raises the
named error class, which is also a ValueError, with at least the expected number of problems
and a message that contains every expected fragment. Nothing is half-loaded: read_json either
returns a whole landscape or raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import samkart as sk

BAD = Path(__file__).resolve().parents[2] / "tests" / "data" / "bad"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (BAD / "expected.json").read_text(encoding="utf-8")
)
CLASSES: dict[str, type[sk.SamkartError]] = {
    "ValidationError": sk.ValidationError,
    "SchemaError": sk.SchemaError,
}


def test_the_corpus_covers_the_issue() -> None:
    required = {"truncated.json", "not_utf8.json", "missing_required_field.json", "wrong_type.json",
                "unknown_actor_in_link.json", "unknown_actor_in_measure.json",
                "unknown_actor_in_transition.json", "unknown_coordinator.json", "duplicate_id.json",
                "level_0.json", "level_5.json", "negative_capacity.json", "ages_min_gt_max.json",
                "ages_over_120.json", "self_link.json", "area_parent_cycle.json",
                "unknown_schema_version.json"}
    assert required <= set(EXPECTED)
    on_disk = {p.name for p in BAD.glob("*.json")} - {"expected.json"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_raises_the_named_error(name: str) -> None:
    expected = EXPECTED[name]
    cls = CLASSES[expected["error"]]
    with pytest.raises(cls) as info:
        sk.read_json(BAD / name)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, sk.SamkartError)
    assert len(error.problems) >= expected["problems"]  # type: ignore[attr-defined]
    message = str(error)
    for fragment in expected["contains"]:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    if isinstance(error, sk.SchemaError):
        if "pointer" in expected:
            assert error.pointer == expected["pointer"]
        if "line" in expected:
            assert error.line == expected["line"]
        assert error.source_name.endswith(name)
    else:
        assert all(isinstance(p, sk.Problem) for p in error.problems)  # type: ignore[attr-defined]


# Python text cannot hold the byte that is not UTF-8; the file test above covers that one.
@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"not_utf8.json"}))
def test_bad_text_raises_the_same_from_a_string(name: str) -> None:
    text = (BAD / name).read_text(encoding="utf-8")
    with pytest.raises(CLASSES[EXPECTED[name]["error"]]):
        sk.from_json_string(text)
