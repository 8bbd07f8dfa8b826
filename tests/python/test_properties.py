"""Properties of the Python API on random valid landscapes (Hypothesis, issue 7):

- every analysis gives the same result whatever the order the records were added in;
- corrupt input (eight classes, below) always ends in a samkart error or a report, never in
  another exception, and never in a half-loaded landscape;
- removing actors through a scenario leaves no dangling reference.

The round trips through JSON and DataFrames are in test_json.py and test_frames.py; the random
landscapes come from strategies.py. docs/reliability.md counts the examples tried here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import landscapes

import samkart as sk

COLLECTIONS = ("areas", "actors", "measures", "links", "transitions", "indicators")
# Function-scoped fixtures (tmp_path) are made once per test, not per example: each example
# writes to its own file name, so that is fine.
PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def shuffled(land: sk.Landscape, data: st.DataObject) -> sk.Landscape:
    """The same records, each collection in an order drawn by Hypothesis."""
    doc = json.loads(land.to_json())
    for collection in COLLECTIONS:
        if doc.get(collection):
            doc[collection] = data.draw(st.permutations(doc[collection]), label=collection)
    return sk.Landscape.from_json(json.dumps(doc))


# --- (a) analyses do not depend on the order of the records ----------------------------------

# Dimensions whose labels come in a documented, fixed order (the vocabulary's, or numbers):
# their rows must match position by position. The others (area, actor: order added; sector,
# target: names as they occur) are compared by label.
CANONICAL = {"level", "owner", "key", "tee", "age"}


def same_frame(a: pd.DataFrame, b: pd.DataFrame, *, rows_fixed: bool = False,
               cols_fixed: bool = False) -> None:
    """Equal tables, compared by label; by position too along a fixed axis. Sums of floats
    may differ in the last bits when added in another order, so values compare to 1e-12."""
    if rows_fixed:
        assert list(a.index) == list(b.index)
    if cols_fixed:
        assert list(a.columns) == list(b.columns)
    a = a.sort_index(axis=0, key=_sort_key).sort_index(axis=1, key=_sort_key)
    b = b.sort_index(axis=0, key=_sort_key).sort_index(axis=1, key=_sort_key)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=0)


def _sort_key(index: pd.Index) -> pd.Index:
    return index.map(lambda v: f"{type(v).__name__}:{v}")


def same_series(a: pd.Series, b: pd.Series) -> None:
    a = a.sort_index(key=_sort_key)
    b = b.sort_index(key=_sort_key)
    pd.testing.assert_series_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-15)


def cells_as_sets(frame: pd.DataFrame) -> pd.DataFrame:
    """Each text cell as its sorted "; "-separated parts."""
    return frame.map(lambda v: "; ".join(sorted(v.split("; "))) if isinstance(v, str) else v)


def gap_keys(report: sk.GapReport) -> list[tuple[Any, ...]]:
    return sorted(
        (g.kind, round(g.severity, 12), g.area or "", 0 if g.level is None else int(g.level),
         g.ages or (), tuple(sorted(g.actors)), g.value if g.value is not None else -1.0,
         g.expected if g.expected is not None else -1.0, tuple(sorted(g.measures)),
         g.value_missing)
        for g in report
    )


@PROPERTY
@given(land=landscapes(), data=st.data())
def test_mapping_analyses_ignore_the_order_of_records(land: sk.Landscape,
                                                      data: st.DataObject) -> None:
    other = shuffled(land, data)
    # The summary's counts; tied counts keep the order of first occurrence, so compare lines.
    assert sorted(str(land.summary()).splitlines()) == sorted(str(other.summary()).splitlines())
    for rows in ("area", "actor", "sector", "owner", "level", "target", "age", "key", "tee"):
        for cols, value in (("level", "measures"), ("owner", "capacity"), ("key", "actors")):
            if rows == cols:
                continue
            same_frame(sk.coverage(land, rows, cols, value, totals=True),
                       sk.coverage(other, rows, cols, value, totals=True),
                       rows_fixed=rows in CANONICAL, cols_fixed=True)
    same_frame(sk.age_coverage(land), sk.age_coverage(other), cols_fixed=True)
    same_frame(sk.level_shares(land, "measures"), sk.level_shares(other, "measures"),
               cols_fixed=True)
    for kind in ("county", "municipality"):
        # The indicator columns come in the order the keys first occur: compared by label.
        same_frame(sk.compare_areas(land, kind), sk.compare_areas(other, kind))
    # A role-map cell joins its measures' names in the order the measures were added.
    same_frame(cells_as_sets(sk.role_map(land).to_frame()),
               cells_as_sets(sk.role_map(other).to_frame()), cols_fixed=True)
    assert gap_keys(sk.find_gaps(land)) == gap_keys(sk.find_gaps(other))


@PROPERTY
@given(land=landscapes(), data=st.data())
def test_network_measures_ignore_the_order_of_records(land: sk.Landscape,
                                                      data: st.DataObject) -> None:
    other = shuffled(land, data)
    for weight in ("count", "intensity"):
        a, b = sk.network(land, weight=weight), sk.network(other, weight=weight)
        assert sorted(a.actors) == sorted(b.actors)
        assert a.number_of_edges() == b.number_of_edges()
        assert a.density() == pytest.approx(b.density(), rel=1e-12)
        assert edge_rows(a) == edge_rows(b)
        same_frame(a.degree(weighted=True), b.degree(weighted=True), cols_fixed=True)
        same_series(a.betweenness(), b.betweenness())
        same_series(a.closeness(), b.closeness())
        same_series(a.pagerank(), b.pagerank())
        same_series(a.k_core(), b.k_core())
        assert sorted(a.articulation_points()) == sorted(b.articulation_points())
        assert sorted(map(sorted, a.bridges())) == sorted(map(sorted, b.bridges()))
        for kind in ("weak", "strong"):
            assert partition(a.components()[kind]) == partition(b.components()[kind])
        # Louvain runs on the actors in id order: the same partition and labels from a seed.
        ca, cb = a.communities(seed=3), b.communities(seed=3)
        same_series(ca.membership, cb.membership)
        assert ca.modularity == pytest.approx(cb.modularity, rel=1e-12, abs=1e-15, nan_ok=True)


def partition(labels: pd.Series) -> list[list[str]]:
    """The groups of a labelling, whatever the labels' numbering."""
    return sorted(sorted(map(str, group)) for group in labels.groupby(labels).groups.values())


def edge_rows(net: sk.Network) -> list[tuple[Any, ...]]:
    """The edges as sorted rows; an undirected edge's ends in sorted order."""
    edges = net.edges()
    rows = []
    for record in edges.to_dict("records"):
        ends = (record.pop("source"), record.pop("target"))
        if not net.directed:
            ends = tuple(sorted(ends))
        rows.append((*ends, *(str(record[c]) for c in sorted(record))))
    return sorted(rows)


@st.composite
def panels(draw: st.DrawFn) -> pd.DataFrame:
    """Person-period rows: 1–12 people, each followed over a few consecutive years."""
    states = ["school", "work", "neet", "nav"]
    rows = []
    for person in range(draw(st.integers(1, 12))):
        start = draw(st.integers(2015, 2020))
        for year in range(start, start + draw(st.integers(1, 5))):
            rows.append({"pid": f"p{person}", "year": year, "state": draw(st.sampled_from(states))})
    return pd.DataFrame(rows)


@PROPERTY
@given(panels(), st.data())
def test_flow_estimate_ignores_the_order_of_rows(panel: pd.DataFrame, data: st.DataObject) -> None:
    order = data.draw(st.permutations(range(len(panel))), label="order")
    other = panel.iloc[list(order)].reset_index(drop=True)
    states = ["school", "work", "neet", "nav"]
    a, b = (estimate(p, states) for p in (panel, other))
    if isinstance(a, str):  # refused (e.g. a state never left): refused the same way
        assert a == b
        return
    assert isinstance(b, sk.FlowModel)
    assert a.states == b.states
    pd.testing.assert_frame_equal(a.matrix, b.matrix, check_exact=True)


def estimate(panel: pd.DataFrame, states: list[str]) -> sk.FlowModel | str:
    try:
        return sk.FlowModel.estimate(panel, "pid", "year", "state", states=states)
    except sk.SamkartError as err:
        return f"{type(err).__name__}: {err}"


# --- (b) corrupt input: a samkart error or a report, never anything else ---------------------

Doc = dict[str, Any]
MISSING = "~missing~"  # not a possible id: the strategies' ids have no "~"


def _drop_referenced(doc: Doc, draw: st.DrawFn) -> bool:
    """Remove a record that another record refers to."""
    referenced: list[tuple[str, str]] = []
    for m in doc.get("measures", []):
        referenced += [("actors", p) for p in m["providers"]]
        referenced += [("areas", a) for a in m.get("areas", [])]
    for r in doc.get("links", []) + doc.get("transitions", []):
        referenced += [("actors", r["source"]), ("actors", r["target"])]
    for a in doc.get("actors", []):
        referenced += [("areas", x) for x in a.get("areas", [])]
    for a in doc.get("areas", []):
        if "parent" in a:
            referenced.append(("areas", a["parent"]))
    referenced += [("areas", i["area"]) for i in doc.get("indicators", [])]
    if not referenced:
        return False
    collection, gone = draw(st.sampled_from(sorted(set(referenced))))
    doc[collection] = [r for r in doc[collection] if r["id"] != gone]
    return True


def _break_reference(doc: Doc, draw: st.DrawFn) -> bool:
    """Point a reference at an id that no record has."""
    places: list[Callable[[], None]] = []
    for m in doc.get("measures", []):
        places.append(lambda m=m: m["providers"].__setitem__(0, MISSING))
    for r in doc.get("links", []) + doc.get("transitions", []):
        places.append(lambda r=r: r.__setitem__(draw(st.sampled_from(["source", "target"])),
                                                MISSING))
    for a in doc["actors"]:
        if a.get("areas"):
            places.append(lambda a=a: a["areas"].__setitem__(0, MISSING))
    for a in doc["areas"]:
        if "parent" in a:
            places.append(lambda a=a: a.__setitem__("parent", MISSING))
    places.append(lambda: doc.setdefault("links", []).append(
        {"source": doc["actors"][0]["id"], "target": MISSING, "kind": "network"}))
    draw(st.sampled_from(places))()
    return True


WRONG_TYPES: list[tuple[str, str, Any]] = [
    ("areas", "name", 3), ("areas", "population", {"16-25": 100}), ("actors", "ages", "16-29"),
    ("actors", "areas", "3807"), ("actors", "illustrative", "yes"), ("actors", "id", 17),
    ("measures", "capacity", "many"), ("measures", "providers", "a"), ("links", "formal", 1),
    ("links", "trust", "high"), ("transitions", "volume", [3]), ("indicators", "value", None),
]


def _wrong_type(doc: Doc, draw: st.DrawFn) -> bool:
    """A field of the wrong JSON type, or a collection that is not a list."""
    choices = [c for c in WRONG_TYPES if doc.get(c[0])]
    if draw(st.booleans()) or not choices:
        field = draw(st.sampled_from(["year", "name", "areas", "actors", "samkart"]))
        wrong = [{"x": 1}, 1.5, [1]] + ([] if field == "name" else ["2021"])
        doc[field] = draw(st.sampled_from(wrong))
        return True
    collection, field, value = draw(st.sampled_from(choices))
    draw(st.sampled_from(doc[collection]))[field] = value
    return True


def _out_of_range(doc: Doc, draw: st.DrawFn) -> bool:
    """A level outside 1–4 or ages outside 0–120 or reversed."""
    if doc.get("measures") and draw(st.booleans()):
        draw(st.sampled_from(doc["measures"]))["level"] = draw(st.sampled_from([0, 5, -1, 99]))
        return True
    bad_ages = draw(st.sampled_from([[0, 121], [-1, 10], [20, 10], [200, 300]]))
    draw(st.sampled_from(doc["actors"]))["ages"] = bad_ages
    return True


def _duplicate_id(doc: Doc, draw: st.DrawFn) -> bool:
    """A second record with the id of another in the same collection."""
    collection = draw(st.sampled_from([c for c in ("areas", "actors", "measures") if doc.get(c)]))
    twin = dict(draw(st.sampled_from(doc[collection])))
    doc[collection].insert(draw(st.integers(0, len(doc[collection]))), twin)
    return True


def _bad_vocabulary(doc: Doc, draw: st.DrawFn) -> bool:
    """A name that is not in its vocabulary (a misspelt owner, kind, key …)."""
    places = [("actors", "owner", "councl"), ("areas", "kind", "village"),
              ("links", "kind", "friendship"), ("links", "intensity", "strong"),
              ("measures", "keys", ["colaboration"]), ("measures", "tees", ["late"])]
    collection, field, value = draw(st.sampled_from([p for p in places if doc.get(p[0])]))
    draw(st.sampled_from(doc[collection]))[field] = value
    return True


CORRUPTIONS: dict[str, Callable[[Doc, st.DrawFn], bool]] = {
    "drop a referenced record": _drop_referenced,
    "break a reference": _break_reference,
    "wrong type": _wrong_type,
    "out-of-range level or ages": _out_of_range,
    "duplicate id": _duplicate_id,
    "bad vocabulary value": _bad_vocabulary,
}


@st.composite
def corrupt_documents(draw: st.DrawFn, kind: str) -> tuple[sk.Landscape, str]:
    """A valid landscape and the JSON text of a corrupted copy of it."""
    land = draw(landscapes())
    doc = json.loads(land.to_json())
    if not CORRUPTIONS[kind](doc, draw):
        _duplicate_id(doc, draw)  # the landscape has nothing that the corruption needs
    return land, json.dumps(doc, ensure_ascii=False)


def assert_refused(text: str, path: Path) -> None:
    """Every entry point refuses the text with a samkart error, and validate_json_file reports
    at least one error instead of raising."""
    with pytest.raises(sk.SamkartError) as info:
        sk.from_json_string(text)
    assert isinstance(info.value, sk.SchemaError | sk.ValidationError), repr(info.value)
    assert str(info.value)
    with pytest.raises(sk.SamkartError):
        sk.Landscape.from_json(text)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sk.SamkartError):
        sk.read_json(path)
    problems = sk.validate_json_file(path)
    assert any(p.severity == "error" for p in problems), problems


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_each_corruption_is_refused_by_every_reader(kind: str, tmp_path: Path) -> None:
    @PROPERTY
    @given(corrupt_documents(kind))
    def check(case: tuple[sk.Landscape, str]) -> None:
        _land, text = case
        assert_refused(text, tmp_path / "corrupt.json")

    check()


@PROPERTY
@given(land=landscapes(), data=st.data())
def test_truncated_json_is_refused(land: sk.Landscape, data: st.DataObject,
                                   tmp_path: Path) -> None:
    text = land.to_json(indent=data.draw(st.sampled_from([-1, 2]), label="indent")).rstrip()
    cut = data.draw(st.integers(0, len(text) - 1), label="cut")
    assert_refused(text[:cut], tmp_path / "truncated.json")


@PROPERTY
@given(land=landscapes(), data=st.data())
def test_flipped_bytes_load_whole_or_are_refused(land: sk.Landscape, data: st.DataObject,
                                                 tmp_path: Path) -> None:
    raw = bytearray(land.to_json().encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        raw[at] = data.draw(st.integers(0, 255), label="byte")
    path = tmp_path / "flipped.json"
    path.write_bytes(bytes(raw))
    refused: sk.SamkartError | None = None
    try:
        again = sk.read_json(path)
    except sk.SamkartError as err:
        refused = err
    if refused is not None:
        assert isinstance(refused, sk.SchemaError | sk.ValidationError), repr(refused)
        assert any(p.severity == "error" for p in sk.validate_json_file(path))
        return
    # A flip that keeps the document valid (a letter of a name, a digit) loads whole: the
    # landscape validates and survives its own round trip.
    assert not any(p.severity == "error" for p in sk.validate_json_file(path))
    again.validate()
    assert sk.Landscape.from_json(again.to_json()) == again


@PROPERTY
@given(land=landscapes(), data=st.data())
def test_a_refused_record_leaves_the_landscape_unchanged(land: sk.Landscape,
                                                         data: st.DataObject) -> None:
    before = land.to_json()
    actor = land.actors[0].id
    attempts: list[Callable[[], object]] = [
        lambda: land.add_actor(actor, name="twin", owner="state"),
        lambda: land.add_actor("~new~", name="x", owner="councl"),
        lambda: land.add_actor("~new~", name="x", owner="state", areas=[MISSING]),
        lambda: land.add_actor("~new~", name="x", owner="state", ages=(20, 10)),
        lambda: land.add_measure("~m~", name="x", level=5, providers=[actor]),
        lambda: land.add_measure("~m~", name="x", level=1, providers=[MISSING]),
        lambda: land.add_link(actor, MISSING, kind="network"),
        lambda: land.add_link(actor, actor, kind="network"),
        lambda: land.add_link(actor, land.actors[1].id, kind="friendship"),
        lambda: land.add_transition(MISSING, actor, volume=-3),
        lambda: land.add_area(land.areas[0].id, name="twin"),
        lambda: land.add_indicator(MISSING, "neet", 1.0),
    ]
    attempt = data.draw(st.sampled_from(attempts), label="attempt")
    with pytest.raises(sk.ValidationError):
        attempt()
    assert land.to_json() == before


# --- (c) removing actors leaves no dangling reference ----------------------------------------

@PROPERTY
@given(land=landscapes(), data=st.data())
def test_removing_actors_leaves_no_dangling_reference(land: sk.Landscape,
                                                      data: st.DataObject) -> None:
    ids = [a.id for a in land.actors]
    gone = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True),
                     label="removed")
    scenario = sk.Scenario(land)
    for actor in gone:
        scenario.remove_actor(actor)
    after = scenario.apply()
    # The result is a whole, valid landscape that reads back as itself.
    assert not any(p.severity == "error" for p in after.validate())
    assert sk.Landscape.from_json(after.to_json()) == after
    left = {a.id for a in after.actors}
    assert left == set(ids) - set(gone)
    for link in after.links:
        assert {link.source, link.target} <= left
        assert link.coordinator is None or link.coordinator in left
    for t in after.transitions:
        assert {t.source, t.target} <= left
    for m in after.measures:
        assert m.providers
        assert set(m.providers) <= left
    # Nothing else is lost: every record not touching a removed actor is still there.
    kept_links = [li for li in land.links if not {li.source, li.target} & set(gone)]
    assert len(after.links) == len(kept_links)
    kept_measures = [m.id for m in land.measures if set(m.providers) - set(gone)]
    assert [m.id for m in after.measures] == kept_measures
    assert after.areas == land.areas
    assert after.indicators == land.indicators
    # The landscape applied to is not changed.
    assert [a.id for a in land.actors] == ids
    with pytest.raises(sk.UnknownIdError):
        sk.Scenario(after).remove_actor(gone[0])


# --- (d) input beyond the limits: a clear error, not an out-of-memory crash ------------------

LIMITS = {"max_input_bytes": 256 << 20, "max_records": 1_000_000, "max_string_bytes": 1 << 20,
          "max_depth": 64}


def test_the_limits_are_the_documented_ones(repo: Path) -> None:
    assert sk._core._input_limits() == LIMITS
    assert LIMITS["max_records"] == sk.frames.MAX_ROWS
    text = (repo / "docs" / "reliability.md").read_text(encoding="utf-8")
    for fragment in ("| 256 MiB |", "| 1,000,000 |", "| 1 MiB |", "| 64 (a samkart"):
        assert fragment in text


def test_a_file_with_too_many_links_is_refused_early(tmp_path: Path) -> None:
    # A million and one links of three bytes each ("{}," — the syntax pass counts them before
    # any is read as a link), about 3 MB on disk.
    path = tmp_path / "links.json"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"samkart": 1, "name": "x", "links": [{}')
        for _ in range(LIMITS["max_records"] // 1000):
            out.write(",{}" * 1000)
        out.write("]}")
    with pytest.raises(sk.SchemaError) as info:
        sk.read_json(path)
    assert info.value.pointer == "/links"
    assert "more than 1,000,000 links" in str(info.value)
    assert "InputLimits::max_records" in str(info.value)
    assert "Split the mapping" in str(info.value)
    [problem] = sk.validate_json_file(path)
    assert problem.collection == "schema"
    assert "more than 1,000,000 links" in problem.message


def test_a_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    # A sparse file one byte over 256 MiB takes no disk space; reading it would take 256 MiB
    # of memory. It stands for a file of 10^8 links.
    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.write(b'{"samkart": 1, "name": "x", "links": [')
        out.truncate(LIMITS["max_input_bytes"] + 1)
    with pytest.raises(sk.SchemaError, match=r"the input is 268,435,457 bytes; samkart reads at "
                                             r"most 256 MiB of JSON") as info:
        sk.read_json(path)
    assert info.value.source_name == str(path)
    assert any("max_input_bytes" in p.message for p in sk.validate_json_file(path))


def test_a_string_too_long_and_nesting_too_deep_are_refused() -> None:
    name = "x" * (LIMITS["max_string_bytes"] + 1)
    with pytest.raises(sk.SchemaError, match="a string of 1,048,577 bytes") as info:
        sk.from_json_string(json.dumps({"samkart": 1, "name": name}))
    assert info.value.pointer == "/name"
    with pytest.raises(sk.SchemaError, match="nested more than 64 deep"):
        sk.from_json_string("[" * 65 + "]" * 65)
    # The longest string allowed reads.
    assert sk.from_json_string(json.dumps({"samkart": 1, "name": name[1:]})).name == name[1:]


def test_frames_beyond_the_limit_are_refused_before_conversion(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sk.frames, "MAX_ROWS", 2)
    links = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"],
                          "kind": ["network"] * 3})
    with pytest.raises(sk.SchemaError, match="links: 3 rows; samkart reads at most 2 records") as e:
        sk.from_frames(links=links, name="x")
    assert e.value.pointer == "/links"
    assert e.value.source_name == "<frames>"
