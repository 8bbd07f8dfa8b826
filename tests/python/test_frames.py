"""pandas DataFrames to and from a Landscape."""

from __future__ import annotations

import itertools
import math
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import landscapes

import samkart as sk
from samkart.io.frames import COLUMNS


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
    assert sk.from_frames(**land.to_frames()) == land
    assert pickle.loads(pickle.dumps(land)) == land


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_any_landscape_round_trips_through_json(land: sk.Landscape) -> None:
    assert sk.Landscape.from_json(land.to_json()) == land


def test_rows_without_columns_are_named() -> None:
    e = bad("measures", pd.DataFrame(index=[0, 1]))
    assert isinstance(e, sk.SchemaError)
    assert "measures row 0, column 'id'" in str(e)
    assert "measures row 1, column 'providers'" in str(e)


# --- the header travels in attrs; pickling; the columns the table adds -------------------------


def test_frames_carry_the_header_in_attrs(small: sk.Landscape) -> None:
    frames = small.to_frames()
    for frame in frames.values():
        assert frame.attrs["samkart"] == {"name": "Skien", "year": 2021, "currency": "NOK"}
    assert sk.from_frames(**frames) == small
    # Explicit arguments win over the attrs.
    other = sk.from_frames(**frames, name="Grenland", year=2024, currency="EUR")
    assert (other.name, other.year, other.currency) == ("Grenland", 2024, "EUR")
    assert other.actors == small.actors
    # Without attrs and without a name there is nothing to call the landscape.
    bare = {c: f.copy() for c, f in frames.items()}
    for frame in bare.values():
        frame.attrs.clear()
    with pytest.raises(TypeError, match="needs name="):
        sk.from_frames(**bare)
    assert sk.from_frames(**bare, name="Skien", year=2021) == small


def test_vocabulary_columns_are_categoricals_of_the_whole_vocabulary(small: sk.Landscape) -> None:
    frames = small.to_frames()
    owner = frames["actors"]["owner"]
    assert isinstance(owner.dtype, pd.CategoricalDtype)
    assert list(owner.cat.categories) == list(sk.vocabulary.names("owner"))
    assert owner.tolist() == ["state", "county", "county"]
    # Owners nobody has still count, with 0.
    assert owner.value_counts()["private"] == 0
    intensity = frames["links"]["intensity"]
    assert intensity.tolist()[0] == "coordination"
    assert pd.isna(intensity.iloc[1])
    # Categorical or text: both read back.
    actors = frames["actors"].assign(owner=owner.astype(object))
    assert sk.from_frames(**{**frames, "actors": actors}) == small


def test_new_fields_are_columns_and_round_trip() -> None:
    land = sk.Landscape("Ny", year=2024)
    land.add_area("40", name="Fylket", kind="county", mapping="partial",
                  mapped=["primary_school"])
    land.add_actor("ot", name="OT", owner="county", areas=["40"])
    land.add_actor("ot-skien", name="OT Skien", owner="county", areas=["40"], part_of="ot")
    land.add_measure("m0", name="Alle", level=1, providers=["ot"], participants=300,
                     participants_kind="stock")
    land.add_measure("m1", name="Gruppe", level=2, providers=["ot-skien"], participants=12,
                     participants_kind="stock", participants_of="m0", status="pilot",
                     since="2023-08-01", until="2025-06-30")
    land.add_indicator("40", "neet", 4200, count="flow")
    land.add_indicator("40", "neet_disabled", 700, count="flow", subset_of="neet")
    frames = land.to_frames()
    areas = frames["areas"][["mapping", "mapped"]].values.tolist()
    assert areas == [["partial", ["primary_school"]]]
    assert frames["actors"]["part_of"].tolist()[1] == "ot"
    measures = frames["measures"]
    assert measures["status"].tolist() == ["active", "pilot"]
    assert measures["participants_kind"].tolist() == ["stock", "stock"]
    assert measures["participants_of"].tolist()[1] == "m0"
    assert measures["since"].tolist()[1] == "2023-08-01"
    assert frames["indicators"]["count"].tolist() == ["flow", "flow"]
    assert frames["indicators"]["subset_of"].tolist()[1] == "neet"
    assert sk.from_frames(**frames) == land
    assert pickle.loads(pickle.dumps(land)) == land


def test_list_columns_explode_into_the_long_form(small: sk.Landscape) -> None:
    measures = small.to_frames()["measures"]
    long = measures.explode("keys")
    assert long["keys"].tolist()[0] == "participation"
    assert len(long) == len(measures)  # one key, or none, each


def test_pickle_uses_columns_not_json_text(vt: sk.Landscape) -> None:
    state = vt.__getstate__()
    assert isinstance(state, dict)
    assert state["name"] == vt.name
    # Strings as UTF-8 bytes end to end with their offsets: no Python object per string.
    kind, codes, data, ends = state["actors"]["owner"]
    assert kind == "strings8"
    names = [bytes(data[a:b]).decode() for a, b in itertools.pairwise(ends)]
    assert names == list(sk.vocabulary.names("owner"))
    assert [names[c] for c in codes] == [a.owner for a in vt.actors]
    kind, offsets, codes, data, ends = state["measures"]["providers"]
    assert kind == "lists8"
    assert offsets[-1] == len(codes) == sum(len(m.providers) for m in vt.measures)
    assert pickle.loads(pickle.dumps(vt)) == vt


def test_wrong_values_in_object_columns_are_named() -> None:
    measures = pd.DataFrame({"id": ["m1", "m2"], "name": ["M1", "M2"], "level": ["early", "late"],
                             "providers": [["a"], "b"], "capacity": pd.Series([40, "many"],
                                                                             dtype=object)})
    e = bad("measures", measures)
    assert isinstance(e, sk.SchemaError)
    text = str(e)
    assert "measures row 1 ('m2'), column 'level': unknown level 'late'" in text
    assert "measures row 1 ('m2'), column 'providers': expected a list of strings" in text
    assert "measures row 1 ('m2'), column 'capacity': expected a number, got 'many'" in text
    assert "2 problems" not in text  # three, each once


def test_dates_may_be_datetimes() -> None:
    links = pd.DataFrame({"source": ["a"], "target": ["b"], "kind": ["network"],
                          "since": pd.to_datetime(["2020-02-29"])})
    land = sk.from_frames(
        actors=pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "owner": ["state"] * 2}),
        links=links, name="x")
    assert land.links[0].since == "2020-02-29"


# --- the cells to_frames makes (issue 12: made in C++, dtypes given, not inferred) -------------


def test_text_columns_are_what_pandas_infers_from_the_strings(small: sk.Landscape) -> None:
    # Each text column equals pandas' own inference from the same Python values (what
    # to_frames did before, cell by cell): str dtype with NaN where absent, and an object
    # column of None where no record has the field.
    text = [(c, f.name) for c in COLUMNS for f in sk.schema.fields(c)
            if f.type in ("id", "text", "ref", "date")]
    for land in (small, sk.datasets.synthetic(3, 5, seed=2)):
        frames = land.to_frames()
        for collection, name in text:
            column = frames[collection][name]
            values = [getattr(r, name) for r in getattr(land, collection)]
            expected = pd.Series(np.array(values, dtype=object), name=name)
            pd.testing.assert_series_equal(column, expected, check_exact=True)
    frames = small.to_frames()
    assert str(frames["areas"]["name"].dtype) == str(pd.Series(["a"]).dtype)
    assert frames["areas"]["parent"].tolist()[0] is np.nan  # Skien's county is given, 40's not
    since = frames["measures"]["since"]  # no measure of `small` has a start date
    assert since.dtype == object
    assert since.tolist() == [None, None]


def test_list_cells_are_new_lists_sharing_their_strings(small: sk.Landscape) -> None:
    kind, cells = sk._core.frame_columns(small)["actors"]["areas"]
    assert kind == "cells"
    assert cells.tolist() == [["3807"], ["3807"], ["3807"]]
    # One str per distinct string of the column, shared by the cells...
    assert cells[0][0] is cells[1][0] is cells[2][0]
    # ... but one list per cell: changing one cell changes no other.
    frames = small.to_frames()
    areas = frames["actors"]["areas"]
    assert len({id(cell) for cell in areas}) == len(areas)
    areas.iloc[0].append("40")
    assert areas.tolist() == [["3807", "40"], ["3807"], ["3807"]]
    empty = frames["measures"]["keys"].iloc[1]
    assert empty == []
    assert empty is not frames["measures"]["tees"].iloc[1]
    # Lists given back as tuples read the same.
    fresh = small.to_frames()
    measures = fresh["measures"].assign(keys=[tuple(k) for k in fresh["measures"]["keys"]])
    assert sk.from_frames(**{**fresh, "measures": measures}) == small
