"""pandas DataFrames to and from a Landscape."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import landscapes

import samkart as sk
from samkart.frames import COLUMNS


def round_trip(land: sk.Landscape) -> sk.Landscape:
    return sk.from_frames(**land.to_frames(), name=land.name, year=land.year,
                          currency=land.currency)


def test_to_frames_shape(small: sk.Landscape) -> None:
    frames = small.to_frames()
    assert list(frames) == ["areas", "actors", "measures", "links", "transitions", "indicators"]
    for collection, frame in frames.items():
        assert tuple(frame.columns) == COLUMNS[collection]
        assert len(frame) == len(getattr(small, collection))
    actors = frames["actors"]
    assert actors["id"].tolist() == ["nav-skien", "vgs-skien", "ot-skien"]
    assert actors["areas"].tolist() == [["3807"], ["3807"], ["3807"]]
    assert str(actors["age_min"].dtype) == "Int64"
    assert actors["age_max"].tolist() == [29, 19, 21]
    assert actors["illustrative"].tolist() == [False, True, False]
    measures = frames["measures"]
    assert measures["level"].tolist() == [2, 1]
    assert measures["level"].map(sk.Level).tolist() == [sk.Level.EARLY, sk.Level.UNIVERSAL]
    assert measures["age_min"].isna().tolist() == [False, True]
    assert measures["capacity"].iloc[0] == 40
    assert math.isnan(measures["capacity"].iloc[1])
    assert measures["keys"].tolist() == [["participation"], []]
    areas = frames["areas"]
    assert areas["population"].tolist() == [[{"ages": [16, 25], "count": 52000}], []]
    assert pd.isna(areas["parent"].iloc[0])
    assert str(frames["indicators"]["year"].dtype) == "Int64"
    links = frames["links"]
    assert links["intensity"].iloc[0] == "coordination"
    assert links["formal"].dtype == bool


def test_round_trip_small(small: sk.Landscape) -> None:
    assert round_trip(small) == small
    assert sk.to_frames(small)["actors"].equals(small.to_frames()["actors"])


def test_round_trip_datasets(vt: sk.Landscape, data_dir: Path) -> None:
    assert round_trip(vt) == vt
    assert round_trip(sk.read_json(data_dir / "good" / "small.json")) == sk.read_json(
        data_dir / "good" / "small.json")
    synthetic = sk.datasets.synthetic(6, 10, seed=1)
    assert round_trip(synthetic) == synthetic


def test_empty_landscape_round_trips() -> None:
    land = sk.Landscape("Tom", currency="DKK")
    frames = land.to_frames()
    assert all(f.empty for f in frames.values())
    assert round_trip(land) == land
    assert sk.from_frames(name="Tom", currency="DKK") == land


def test_frames_written_by_hand(small: sk.Landscape) -> None:
    # Columns in any order, any subset, missing values in every spelling pandas has,
    # rows in any order (an area may name a parent in a later row), a labelled index.
    areas = pd.DataFrame({"kind": ["municipality", "county"], "id": ["3807", "40"],
                          "name": ["Skien", "Vestfold og Telemark"], "parent": ["40", None]},
                         index=["b", "a"])
    actors = pd.DataFrame({
        "id": ["nav-skien", "ot-skien"], "name": ["NAV Skien", "OT Skien"],
        "owner": ["state", "county"], "areas": [("3807",), np.array(["3807"])],
        "age_min": pd.array([16, pd.NA], dtype="Int64"),
        "age_max": pd.array([29, pd.NA], dtype="Int64"),
        "citation": [np.nan, pd.NA],
    })
    measures = pd.DataFrame({
        "id": ["m1"], "name": ["Samtalegruppe"], "level": [sk.Level.EARLY],
        "providers": [["nav-skien"]], "capacity": [np.float32(40)], "cost": [None],
        "participants": [np.nan],
    })
    indicators = pd.DataFrame({"area": ["3807"], "key": ["neet"], "value": [np.int64(420)],
                               "year": [2019.0]})
    land = sk.from_frames(areas, actors, measures, indicators=indicators, name="Skien",
                          year=np.int64(2021))
    assert [a.id for a in land.areas] == ["3807", "40"]
    assert land.actor("ot-skien").ages is None
    assert land.actor("ot-skien").citation is None
    assert land.actor("ot-skien").areas == ("3807",)
    m = land.measure("m1")
    assert (m.level, m.capacity, m.cost, m.participants) == (sk.Level.EARLY, 40, None, None)
    assert land.indicators[0].year == 2019
    assert land.year == 2021


def bad(frame_name: str, frame: pd.DataFrame, **others: pd.DataFrame) -> sk.SamkartError:
    base: dict[str, Any] = {
        "areas": pd.DataFrame({"id": ["3807"], "name": ["Skien"], "kind": ["municipality"]}),
        "actors": pd.DataFrame({"id": ["a", "b", "x"], "name": ["A", "B", "X"],
                                "owner": ["state", "county", "municipal"]}),
    }
    base.update(others)
    base[frame_name] = frame
    with pytest.raises(sk.SamkartError) as info:
        sk.from_frames(**base, name="bad")
    assert isinstance(info.value, ValueError)
    return info.value


def test_bad_enum_names_frame_row_and_column() -> None:
    actors = pd.DataFrame({"id": ["a", "b", "x"], "name": ["A", "B", "X"],
                           "owner": ["state", "county", "councl"]})
    e = bad("actors", actors)
    assert isinstance(e, sk.SchemaError)
    assert "actors row 2 ('x'), column 'owner'" in str(e)
    assert "councl" in str(e)
    assert e.pointer == "/actors/2/owner"


def test_bad_reference_names_frame_row_and_column() -> None:
    links = pd.DataFrame({"source": ["a", "a"], "target": ["b", "nobody"],
                          "kind": ["network", "referral"]}, index=[10, 11])
    e = bad("links", links)
    assert isinstance(e, sk.ValidationError)
    assert "links row 11 ('a → nobody'), column 'target': unknown actor id 'nobody'" in str(e)
    assert "(line" not in str(e)
    assert e.problems[0].index == 1


def test_every_bad_row_is_named() -> None:
    measures = pd.DataFrame({
        "id": ["m1", "m2", "m3"], "name": ["M1", "M2", "M3"], "level": [1, 2, 3],
        "providers": [["a"], ["zz"], ["b"]], "age_min": pd.array([16, 30, None], dtype="Int64"),
        "age_max": pd.array([20, 20, None], dtype="Int64"), "capacity": [1.0, 2.0, -4.0]})
    e = bad("measures", measures)
    assert isinstance(e, sk.ValidationError)
    text = str(e)
    assert "3 problems in the frames" in text
    assert "measures row 1 ('m2'), column 'providers'" in text
    assert "measures row 1 ('m2'), column 'age_min/age_max'" in text
    assert "measures row 2 ('m3'), column 'capacity'" in text


def test_half_given_ages_and_unknown_columns_are_named() -> None:
    actors = pd.DataFrame({"id": ["a", "b", "x"], "name": ["A", "B", "X"],
                           "owner": ["state", "county", "municipal"],
                           "age_min": pd.array([16, None, 3], dtype="Int64"),
                           "age_max": pd.array([20, 25, 4], dtype="Int64")})
    e = bad("actors", actors)
    assert isinstance(e, sk.SchemaError)
    assert "actors row 1 ('b'), column 'age_min/age_max': expected [min, max]" in str(e)
    areas = pd.DataFrame({"id": ["3807"], "name": ["Skien"], "knd": ["county"]})
    e = bad("areas", areas)
    assert "areas row 0 ('3807'), column 'knd'" in str(e)
    assert "did you mean 'kind'?" in str(e)


def test_a_frame_must_be_a_frame() -> None:
    with pytest.raises(TypeError, match="actors must be a pandas DataFrame"):
        sk.from_frames(actors=[{"id": "a"}], name="x")  # type: ignore[arg-type]


# --- Hypothesis: any valid landscape survives the round trip ---------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_any_landscape_round_trips_through_frames(land: sk.Landscape) -> None:
    assert round_trip(land) == land


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_any_landscape_round_trips_through_json(land: sk.Landscape) -> None:
    assert sk.Landscape.from_json(land.to_json()) == land


def test_rows_without_columns_are_named() -> None:
    e = bad("measures", pd.DataFrame(index=[0, 1]))
    assert isinstance(e, sk.SchemaError)
    assert "measures row 0, column 'id'" in str(e)
    assert "measures row 1, column 'providers'" in str(e)
