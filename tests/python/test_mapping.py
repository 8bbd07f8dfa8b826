"""samkart.mapping: coverage, role map, age bands, level shares and the area comparison.

The small landscape below is the one of tests/cpp/mapping_fixture.hpp; every expected table was
worked out by hand from it (the working is in the comments). The coverage tables are then
cross-checked against pandas on the frames of synthetic landscapes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart import mapping


def build_fixture() -> sk.Landscape:
    """Areas: C (county) > M1 (16–25: 1000), M2 (0–15: 3000, 16–25: 2000).

    Measures and the areas they belong to with roll-up (without inherit):
      m1 L1 [school]     areas from school (M1, M2) → {M1, M2, C}; ages 16–19 (school's);
                         targets all; capacity 100; keys participation
      m2 L2 [nav school] areas M1 → {M1, C}; ages 17–20; targets neet, dropout_risk;
                         capacity 20, participants 15; tees early, close_follow_up
      m3 L3 [ot]         areas from ot (C) → {C}, with inherit {C, M1, M2}; ages 16–21;
                         targets dropout_risk; participants 30, no capacity
      m4 L4 [nav ot]     areas M1, M2 → {M1, M2, C}; ages 18–25; targets neet; capacity 10,
                         cost 500000
      m5 L1 [club]       areas from club (M2) → {M2, C}; ages 10–18; no targets; capacity 50
    """
    land = sk.Landscape("Fixture", 2021)
    land.add_area("C", name="Fylke", kind="county")
    land.add_area("M1", name="Ein", kind="municipality", parent="C", population={(16, 25): 1000})
    land.add_area(
        "M2", name="To", kind="municipality", parent="C", population={(0, 15): 3000, (16, 25): 2000}
    )
    land.add_actor(
        "school",
        name="Skule",
        sector="upper_secondary_school",
        owner="county",
        areas=["M1", "M2"],
        ages=(16, 19),
    )
    land.add_actor(
        "nav", name="NAV", sector="labour_welfare", owner="state", areas=["M1"], ages=(16, 29)
    )
    land.add_actor(
        "ot", name="OT", sector="follow_up_service", owner="county", areas=["C"], ages=(16, 21)
    )
    land.add_actor("club", name="Klubb", sector="ngo", owner="voluntary", areas=["M2"])
    land.add_measure(
        "m1",
        name="Open school",
        level=1,
        providers=["school"],
        targets=["all"],
        capacity=100,
        keys=["participation"],
    )
    land.add_measure(
        "m2",
        name="Job club",
        level=2,
        providers=["nav", "school"],
        areas=["M1"],
        ages=(17, 20),
        targets=["neet", "dropout_risk"],
        capacity=20,
        participants=15,
        tees=["early", "close_follow_up"],
    )
    land.add_measure(
        "m3",
        name="Follow-up",
        level=3,
        providers=["ot"],
        targets=["dropout_risk"],
        participants=30,
        keys=["collaboration"],
        tees=["close_follow_up"],
    )
    land.add_measure(
        "m4",
        name="Youth team",
        level=sk.Level.INTENSIVE,
        providers=["nav", "ot"],
        areas=["M1", "M2"],
        ages=(18, 25),
        targets=["neet"],
        capacity=10,
        cost=500000,
    )
    land.add_measure("m5", name="Football", level=1, providers=["club"], ages=(10, 18), capacity=50)
    land.add_indicator("M1", "neet_share", 0.08, year=2019)
    land.add_indicator("M1", "neet_share", 0.07, year=2020)
    land.add_indicator("M2", "neet_share", 0.10)
    land.add_indicator("C", "neet_share", 0.09, year=2020)
    return land


@pytest.fixture(scope="module")
def land() -> sk.Landscape:
    return build_fixture()


def test_fixture_file_is_this_landscape(repo: Path) -> None:
    # test_plot.py reads the same landscape from tests/data/mapping_fixture.json.
    assert sk.read_json(repo / "tests" / "data" / "mapping_fixture.json") == build_fixture()


def table(rows: list[list[float]], index: list[object], columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame(np.array(rows, dtype=float), index=index, columns=columns)


def assert_values(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.index) == list(expected.index)
    assert list(got.columns) == list(expected.columns)
    np.testing.assert_allclose(got.to_numpy(dtype=float), expected.to_numpy(dtype=float))


# --- coverage, by hand -------------------------------------------------------------------------


def test_area_by_level_rolls_up(land: sk.Landscape) -> None:
    # C: m1 m5 | m2 | m3 | m4;  M1: m1 | m2 | - | m4;  M2: m1 m5 | - | - | m4.
    t = mapping.coverage(land, "area", "level")
    assert t.index.name == "area"
    assert t.columns.name == "level"
    assert t.attrs["value"] == "measures"
    assert_values(
        t, table([[2, 1, 1, 1], [1, 1, 0, 1], [2, 0, 0, 1]], ["C", "M1", "M2"], [1, 2, 3, 4])
    )
    assert t.loc["M1", sk.Level.INTENSIVE] == 1
    # inherit: m3 of the county also belongs to M1 and M2.
    inherited = mapping.coverage(land, "area", "level", inherit=True)
    assert list(inherited[3]) == [1, 1, 1]


def test_actor_by_level_with_totals(land: sk.Landscape) -> None:
    # school m1 m2; nav m2 m4; ot m3 m4; club m5. m2 and m4 have two providers and are in two
    # rows each, but once in the total row: 2 1 1 1 | 5 (the L4 column sums to 2).
    t = mapping.coverage(land, "actor", "level", totals=True)
    assert_values(
        t,
        table(
            [[1, 1, 0, 0, 2], [0, 1, 0, 1, 2], [0, 0, 1, 1, 2], [1, 0, 0, 0, 1], [2, 1, 1, 1, 5]],
            ["school", "nav", "ot", "club", "total"],
            [1, 2, 3, 4, "total"],
        ),
    )


def test_provider_pairs_and_owners(land: sk.Landscape) -> None:
    # actor × sector pairs provider by provider: m2 (nav + school) is not under NAV's sector in
    # school's row. Sectors in the recommended vocabulary's order.
    t = mapping.coverage(land, "actor", "sector")
    assert_values(
        t,
        table(
            [[2, 0, 0, 0], [0, 0, 2, 0], [0, 2, 0, 0], [0, 0, 0, 1]],
            ["school", "nav", "ot", "club"],
            ["upper_secondary_school", "follow_up_service", "labour_welfare", "ngo"],
        ),
    )
    # owner × level with actors: county L2 is school only (nav of m2 is state).
    a = mapping.coverage(land, "owner", "level", "actors")
    assert list(a.index) == ["municipal", "county", "state", "private", "voluntary",
                             "self_governing"]
    assert_values(
        a,
        table(
            [[0, 0, 0, 0], [1, 1, 1, 1], [0, 1, 0, 1], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]],
            list(a.index),
            [1, 2, 3, 4],
        ),
    )


def test_targets_keys_tees_and_none(land: sk.Landscape) -> None:
    # m2 counts under neet and dropout_risk; m5 gives no target → (none).
    t = mapping.coverage(land, "target", "level")
    assert_values(
        t,
        table(
            [[1, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1], [1, 0, 0, 0]],
            ["all", "dropout_risk", "neet", "(none)"],
            [1, 2, 3, 4],
        ),
    )
    # tees: early m2; close_follow_up m2 m3; none m1 m4 m5.
    tees = mapping.coverage(land, "tee", "level")
    assert_values(
        tees,
        table(
            [[0, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0], [2, 0, 0, 1]],
            ["early", "close_follow_up", "tailored", "cross_sector", "(none)"],
            [1, 2, 3, 4],
        ),
    )


def test_missing_capacity_is_not_zero(land: sk.Landscape) -> None:
    # C L3 holds m3 only, which gives no capacity: NaN, not 0; M1 L3 holds nothing: 0.
    # Totals: C = 100 + 20 + 10 + 50 = 180, with m3 missing.
    t = mapping.coverage(land, "area", "level", "capacity", totals=True)
    expected = table(
        [
            [150, 20, math.nan, 10, 180],
            [100, 20, 0, 10, 130],
            [150, 0, 0, 10, 160],
            [150, 20, math.nan, 10, 180],
        ],
        ["C", "M1", "M2", "total"],
        [1, 2, 3, 4, "total"],
    )
    assert_values(t, expected)
    assert t.attrs["missing"] == {
        ("C", 3): 1,
        ("C", "total"): 1,
        ("total", 3): 1,
        ("total", "total"): 1,
    }
    strict = mapping.coverage(land, "area", "level", "capacity", totals=True, missing="strict")
    assert math.isnan(strict.loc["C", "total"])
    assert strict.loc["M1", "total"] == 130
    assert mapping.coverage(land, "area", "level").attrs.get("missing") is None


def test_names_in_three_languages(land: sk.Landscape) -> None:
    nb = mapping.coverage(land, "owner", "level", labels="name", lang="nb", totals=True)
    assert list(nb.columns) == [sk.Level(i).label("nb") for i in range(1, 5)] + ["Totalt"]
    assert nb.index[1] == sk.label("owner", "county", "nb")
    en = mapping.coverage(land, "area", "key", labels="name")
    assert list(en.index) == ["Fylke", "Ein", "To"]
    assert en.columns[-1] == "(none)"
    da = mapping.coverage(land, "target", "level", labels="name", lang="da")
    assert da.index[-1] == "(ingen)"


def test_area_filter(land: sk.Landscape) -> None:
    # Measures in M2: m1, m4, m5; actors: school, nav + ot (providers of m4), club.
    t = mapping.coverage(land, "actor", "level", area="M2")
    assert_values(
        t,
        table(
            [[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 1], [1, 0, 0, 0]],
            ["school", "nav", "ot", "club"],
            [1, 2, 3, 4],
        ),
    )


# --- role map, age bands, shares, comparison -----------------------------------------------------


def test_role_map_by_hand(land: sk.Landscape) -> None:
    r = mapping.role_map(land)
    f = r.frame
    assert list(f.index) == ["school", "nav", "ot", "club"]
    assert list(f["name"]) == ["Skule", "NAV", "OT", "Klubb"]
    assert list(f.loc["school", [1, 2, 3, 4]]) == ["Open school", "Job club", "", ""]
    assert list(f.loc["nav", [1, 2, 3, 4]]) == ["", "Job club", "", "Youth team"]
    assert list(f.loc["ot", [1, 2, 3, 4]]) == ["", "", "Follow-up", "Youth team"]
    assert r.measures.loc["club", 1] == ("m5",)
    html = r._repr_html_()
    assert html.count("<tr>") == 5
    assert "Youth team" in html
    assert sk.Level.UNIVERSAL.label("en") in html
    named = r.to_frame("name")
    assert list(named.index) == ["Skule", "NAV", "OT", "Klubb"]


def test_role_map_of_a_municipality(land: sk.Landscape) -> None:
    # M1 with inherit: m1 m2 m3 m4 (m3 serves the county); club serves M2 only.
    r = mapping.role_map(land, "M1", lang="nb")
    assert list(r.frame.index) == ["school", "nav", "ot"]
    assert r.frame.loc["ot", 3] == "Follow-up"
    assert sk.Level.TARGETED.label("nb") in r._repr_html_()
    local = mapping.role_map(land, "M1", inherit=False)
    assert local.frame.loc["ot", 3] == ""
    assert local.frame.loc["ot", 4] == "Youth team"


def test_age_coverage_by_hand(land: sk.Landscape) -> None:
    # L1: m5 10–18, m1 16–19 → 15: 1, 16–18: 2, 19: 1, then 0. L4: m4 18–25.
    t = mapping.age_coverage(land, ages=(15, 26))
    assert list(t.columns) == list(range(15, 27))
    assert list(t.loc[1]) == [1, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0]
    assert list(t.loc[2]) == [0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert list(t.loc[3]) == [0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    assert list(t.loc[4]) == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    one = mapping.age_coverage(land, level=sk.Level.INTENSIVE, ages=(15, 26), value="capacity")
    assert list(one.index) == [4]
    assert one.loc[4, 18] == 10


def test_level_shares(land: sk.Landscape) -> None:
    # Capacity L1 150, L2 20, L3 unknown (m3 gives none), L4 10: shares of 180.
    s = mapping.level_shares(land)
    assert list(s.columns) == ["value", "share", "missing"]
    assert s.loc[1, "share"] == pytest.approx(150 / 180)
    assert math.isnan(s.loc[3, "share"])
    assert s.loc[3, "missing"] == 1
    counts = mapping.level_shares(land, "measures")
    assert list(counts["share"]) == pytest.approx([0.4, 0.2, 0.2, 0.2])


def test_compare_areas(land: sk.Landscape) -> None:
    # M1: 1 1 0 1, total 3, population 1000 → per 1,000 the same. M2: 2 0 0 1, total 3,
    # population 3000 + 2000 = 5000 → 0.4 0 0 0.2, 0.6. neet_share: M1's latest (2020) 0.07.
    c = mapping.compare_areas(land)
    assert list(c.index) == ["M1", "M2"]
    assert list(c.columns[:6]) == [
        "universal",
        "early",
        "targeted",
        "intensive",
        "total",
        "population",
    ]
    assert list(c.loc["M2", "universal_per_1000":"total_per_1000"]) == pytest.approx(
        [0.4, 0, 0, 0.2, 0.6]
    )
    assert list(c["neet_share"]) == [0.07, 0.10]
    young = mapping.compare_areas(land, population_ages=(16, 25), labels="name")
    assert young.loc["To", "population"] == 2000
    counties = mapping.compare_areas(land, "county", ["neet_share"])
    assert math.isnan(counties.loc["C", "population"])
    assert counties.loc["C", "neet_share"] == 0.09


# --- bad input -----------------------------------------------------------------------------------


def test_unknown_names_list_the_accepted_ones(land: sk.Landscape) -> None:
    with pytest.raises(ValueError, match=r"unknown dimension 'levels'; expected one of area\|"):
        mapping.coverage(land, "levels", "actor")
    with pytest.raises(ValueError, match=r"expected one of measures\|capacity\|participants"):
        mapping.coverage(land, "area", "level", "places")
    with pytest.raises(ValueError, match=r"skip\|strict"):
        mapping.coverage(land, "area", "level", "cost", missing="zero")
    with pytest.raises(ValueError, match="area kind"):
        mapping.compare_areas(land, "parish")
    with pytest.raises(ValueError, match="level must be 1–4"):
        mapping.age_coverage(land, level=7)
    with pytest.raises(ValueError, match="labels"):
        mapping.coverage(land, "area", "level", labels="title")


def test_unknown_area_is_unknown_id(land: sk.Landscape) -> None:
    with pytest.raises(sk.UnknownIdError, match="nowhere"):
        mapping.coverage(land, "actor", "level", area="nowhere")
    with pytest.raises(KeyError):
        mapping.role_map(land, "nowhere")
    with pytest.raises(sk.UnknownIdError):
        mapping.age_coverage(land, area="nowhere")


def test_empty_landscape_gives_empty_tables_with_labels() -> None:
    empty = sk.Landscape("Empty")
    t = mapping.coverage(empty, "area", "level")
    assert t.shape == (0, 4)
    assert list(t.columns) == [1, 2, 3, 4]
    k = mapping.coverage(empty, "key", "tee", totals=True)
    assert list(k.index) == ["collaboration", "participation", "innovation", "total"]
    assert (k.to_numpy() == 0).all()
    assert mapping.coverage(empty, "owner", "age").shape == (6, 0)  # the six owners
    assert mapping.role_map(empty).frame.shape == (0, 5)
    assert mapping.age_coverage(empty).shape == (4, 30)
    assert mapping.compare_areas(empty).shape == (0, 11)
    assert mapping.level_shares(empty)["share"].isna().all()


# --- cross-check against pandas ------------------------------------------------------------------


def reference(
    land: sk.Landscape, rows: str, cols: str, value: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """coverage() computed with pandas from to_frames(), independently of the C++ code: the
    values and the number of measures of each cell."""
    f = land.to_frames()
    areas, actors, measures = f["areas"], f["actors"], f["measures"]
    parent = dict(zip(areas["id"], areas["parent"], strict=True))

    def up(area: str) -> list[str]:
        out = []
        while isinstance(area, str):
            out.append(area)
            area = parent[area]
        return out

    a = actors.set_index("id")
    lo = a["age_min"].fillna(0).astype(int)
    hi = a["age_max"].fillna(120).astype(int)
    m = measures.copy()
    own_areas = m["areas"].map(list)
    provider_areas = m["providers"].map(
        lambda ps: sorted({x for p in ps for x in a.at[p, "areas"]})
    )
    m["area"] = [
        sorted({u for x in (o or p) for u in up(x)})
        for o, p in zip(own_areas, provider_areas, strict=True)
    ]
    m["age_lo"] = [
        int(x) if not pd.isna(x) else min(lo[p] for p in ps)
        for x, ps in zip(m["age_min"], m["providers"], strict=True)
    ]
    m["age_hi"] = [
        int(x) if not pd.isna(x) else max(hi[p] for p in ps)
        for x, ps in zip(m["age_max"], m["providers"], strict=True)
    ]
    m["age"] = [list(range(x, y + 1)) for x, y in zip(m["age_lo"], m["age_hi"], strict=True)]
    for col in ("targets", "keys", "tees"):
        m[col[:-1]] = m[col].map(lambda v: list(v) if len(v) else ["(none)"])
    long = m.explode("providers").rename(columns={"providers": "provider"})
    long["actor"] = long["provider"]
    long["sector"] = long["provider"].map(a["sector"]).replace("", "(none)")
    long["owner"] = long["provider"].map(a["owner"])
    keep = ["id", "provider", rows] if rows == cols else ["id", "provider", rows, cols]
    long = long[[*keep, "capacity", "participants", "cost"]]
    long = long.explode(rows)
    if cols != rows:
        long = long.explode(cols)
    long = long.dropna(subset=[rows, cols])
    if rows == cols:
        long = long.assign(_c=long[rows])
        cols_key = "_c"
    else:
        cols_key = cols
    by_measure = long.drop_duplicates(["id", rows, cols_key])
    counts = by_measure.groupby([rows, cols_key]).size().unstack(fill_value=0)
    if value == "actors":
        cells = long.drop_duplicates(["provider", rows, cols_key])
        out = cells.groupby([rows, cols_key]).size().unstack(fill_value=0)
    elif value == "measures":
        out = counts
    else:
        out = by_measure.groupby([rows, cols_key])[value].sum(min_count=1).unstack()
    return out.astype(float), counts.astype(float)


PAIRS = [
    ("area", "level"),
    ("actor", "level"),
    ("sector", "owner"),
    ("target", "level"),
    ("age", "level"),
    ("key", "tee"),
    ("owner", "area"),
    ("sector", "target"),
    ("level", "level"),
    ("actor", "sector"),
]


def _plain(label: object) -> object:
    return label if isinstance(label, str) else int(label)  # type: ignore[call-overload]


@pytest.mark.parametrize("value", ["measures", "capacity", "cost", "actors"])
@pytest.mark.parametrize(("rows", "cols"), PAIRS)
@pytest.mark.parametrize("seed", [0, 5])
def test_coverage_matches_pandas(rows: str, cols: str, value: str, seed: int) -> None:
    land = sk.datasets.synthetic(6, 4, seed)
    got = mapping.coverage(land, rows, cols, value)
    ref, counts = reference(land, rows, cols, value)
    for frame in (ref, counts):
        frame.index = frame.index.map(_plain)
        frame.columns = frame.columns.map(_plain)
    # Every label pandas finds is a label of the table; the table may hold more (empty rows).
    assert set(ref.index) <= set(got.index)
    assert set(ref.columns) <= set(got.columns)
    ref = ref.reindex(index=got.index, columns=got.columns)
    counts = counts.reindex(index=got.index, columns=got.columns, fill_value=0)
    # A cell without measures is 0; one whose measures give no number is NaN (min_count=1).
    expected = np.where(counts.to_numpy() == 0, 0.0, ref.to_numpy(dtype=float))
    np.testing.assert_allclose(
        got.to_numpy(dtype=float), expected, err_msg=f"{rows} × {cols} ({value})"
    )


def test_totals_count_each_measure_once_on_synthetic() -> None:
    land = sk.datasets.synthetic(10, 5, 2)
    n = len(land.measures)
    for rows in ("actor", "target", "age", "area"):
        t = mapping.coverage(land, rows, "level", totals=True)
        assert t.loc["total", "total"] == n
        by_level = pd.Series([m.level for m in land.measures]).value_counts()
        assert [t.loc["total", lv] for lv in (1, 2, 3, 4)] == [
            by_level.get(lv, 0) for lv in (1, 2, 3, 4)
        ]


def test_participants_never_add_a_subset_a_stock_or_a_proposal() -> None:
    # OT 2020–21 (seed 002 §5): 858 followed up, "343 of these" in OT's own measures (level 4
    # here, so they count in their own cell); 548 pupils in dropout prevention, another group;
    # 454 job seekers on one day; a proposal with 100 planned participants.
    doc = {
        "samkart": 1,
        "name": "Fylket",
        "areas": [{"id": "F", "name": "Fylket", "kind": "county"}],
        "actors": [
            {
                "id": "ot",
                "name": "OT",
                "sector": "follow_up_service",
                "owner": "county",
                "areas": ["F"],
            },
            {
                "id": "nav",
                "name": "NAV",
                "sector": "labour_welfare",
                "owner": "state",
                "areas": ["F"],
            },
        ],
        "measures": [
            {
                "id": "follow",
                "name": "Oppfølging",
                "level": 3,
                "providers": ["ot"],
                "participants": 858,
            },
            {
                "id": "own",
                "name": "OTs egne tiltak",
                "level": 4,
                "providers": ["ot"],
                "participants": 343,
                "participants_of": "follow",
            },
            {
                "id": "dropout",
                "name": "Frafall",
                "level": 2,
                "providers": ["ot"],
                "participants": 548,
            },
            {
                "id": "jobs",
                "name": "Arbeidsmarkedstiltak",
                "level": 4,
                "providers": ["nav"],
                "participants": 454,
                "participants_kind": "stock",
            },
            {
                "id": "idea",
                "name": "Forslag",
                "level": 2,
                "providers": ["nav"],
                "participants": 100,
                "status": "proposed",
            },
        ],
    }
    land = sk.from_json_string(json.dumps(doc))
    t = sk.coverage(land, "actor", "level", "participants", totals=True)
    assert t.loc["ot", "total"] == 858 + 548  # never 858 + 343 + 548
    assert t.loc["ot", 4] == 343  # the subset alone in its cell counts there
    assert np.isnan(t.loc["nav", "total"])  # a stock is not a yearly count, a proposal nothing
    assert t.attrs["missing"][("nav", "total")] == 1
    assert t.loc["total", "total"] == 858 + 548
    measures = sk.coverage(land, "level", "level", totals=True)
    assert measures.loc["total", "total"] == 4
