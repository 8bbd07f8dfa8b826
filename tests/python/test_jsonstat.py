"""JSON-stat in (samkart.read_jsonstat, samkart.indicators_from_jsonstat).

The files in tests/data/jsonstat/ are written by hand after the JSON-stat 2.0 specification
(https://json-stat.org/full/): ``id``/``size`` order with the last dimension varying fastest,
``category.index`` as an array and as an object, a single-category dimension with only a
``label``, ``value`` as an array and as a sparse object, ``status`` as a string, an array (of
every cell, and of one element for all) and an object; a collection embedding one dataset; and
the version-1 bundle that Danmarks Statistik's API returns. The expected rows are worked out by
hand from the files.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import samkart as sk

DATA = Path(__file__).resolve().parents[1] / "data" / "jsonstat"


def _cells(frame: pd.DataFrame, *dims: str) -> dict[tuple[str, ...], tuple[float, object]]:
    status = frame["status"] if "status" in frame else pd.Series([None] * len(frame))
    return {tuple(r): (v, s) for r, v, s in zip(frame[list(dims)].itertuples(index=False,
                                                                              name=None),
                                                frame["value"], status, strict=True)}


def _same(a: dict[tuple[str, ...], tuple[float, object]],
          b: dict[tuple[str, ...], tuple[float, object]]) -> bool:
    if a.keys() != b.keys():
        return False
    for k in a:
        (va, sa), (vb, sb) = a[k], b[k]
        if sa != sb or not (va == vb or (math.isnan(va) and math.isnan(vb))):
            return False
    return True


NAN = math.nan


def test_dense_with_status_object() -> None:
    frame = sk.read_jsonstat(DATA / "ssb-dense-2.0.json")
    assert list(frame.columns) == ["Region", "Region_label", "ContentsCode", "ContentsCode_label",
                                   "Tid", "Tid_label", "value", "status"]
    assert len(frame) == 6
    # Row-major, Tid fastest; cell 3 is null with "..", cell 5 is 0 marked ":" (suppressed),
    # so missing, not 0.
    assert _same(_cells(frame, "Region", "Tid"), {
        ("3801", "2019"): (10.5, None), ("3801", "2020"): (11.0, None),
        ("3807", "2019"): (12.25, None), ("3807", "2020"): (NAN, ".."),
        ("38", "2019"): (9.0, None), ("38", "2020"): (NAN, ":"),
    })
    assert frame["Region_label"].tolist()[2] == "Skien"
    assert frame.attrs["label"].startswith("Hand-written test table")
    assert frame.attrs["source"].startswith("Statistisk sentralbyrå")
    assert frame.attrs["dimensions"]["Tid"] == "år"
    assert frame.attrs["roles"]["geo"] == ["Region"]


def test_sparse_value_object_index_object_status_array() -> None:
    frame = sk.read_jsonstat(DATA / "sparse-2.0.json")
    # index {"F": 1, "M": 0}: M comes first whatever the key order.
    assert frame["sex"].tolist() == ["M", "M", "M", "F", "F", "F"]
    assert frame["sex_label"].tolist()[0] == "male"
    assert frame["age_label"].tolist()[:3] == ["16-19", "20-24", "25-29"]  # no label: the id
    assert _same(_cells(frame, "sex", "age"), {
        ("M", "16-19"): (5.0, "a"), ("M", "20-24"): (NAN, None), ("M", "25-29"): (NAN, None),
        ("F", "16-19"): (NAN, None), ("F", "20-24"): (7.5, "b"), ("F", "25-29"): (NAN, None),
    })


def test_status_string_and_single_category_without_index() -> None:
    frame = sk.read_jsonstat(DATA / "status-string-2.0.json")
    assert frame["metric"].tolist() == ["count", "count"]
    assert frame["metric_label"].tolist() == ["Persons", "Persons"]
    # "p" (provisional) keeps the value, and a real 0 stays 0.
    assert _same(_cells(frame, "year"), {("2022",): (120.0, "p"), ("2023",): (0.0, "p")})


def test_status_of_one_element_and_values_as_strings() -> None:
    frame = sk.read_jsonstat(DATA / "status-one-2.0.json")
    assert _same(_cells(frame, "year"), {
        ("2020",): (10.0, "r"), ("2021",): (NAN, "r"), ("2022",): (NAN, "r"),
        ("2023",): (3.5, "r")})


def test_symbols_in_place_of_values_become_the_status() -> None:
    doc = {"version": "2.0", "class": "dataset", "id": ["t"], "size": [3],
           "dimension": {"t": {"category": {"index": ["a", "b", "c"]}}},
           "value": [1, "..", ":"]}
    frame = sk.read_jsonstat(doc)
    assert _same(_cells(frame, "t"), {("a",): (1.0, None), ("b",): (NAN, ".."),
                                      ("c",): (NAN, ":")})


def test_danmarks_statistik_bundle() -> None:
    frame = sk.read_jsonstat(DATA / "dst-bundle-1.0.json")
    assert "status" not in frame
    assert _same(_cells(frame, "OMRÅDE", "Tid"), {
        ("000", "2022"): (10.5, None), ("000", "2023"): (10.1, None),
        ("101", "2022"): (7.9, None), ("101", "2023"): (7.6, None),
        ("751", "2022"): (11.0, None), ("751", "2023"): (NAN, None)})
    assert frame.attrs["roles"]["geo"] == ["OMRÅDE"]


def test_collection_with_one_dataset_and_the_three_source_forms() -> None:
    path = DATA / "collection-2.0.json"
    text = path.read_text(encoding="utf-8")
    for source in (path, str(path), text, text.encode(), json.loads(text)):
        frame = sk.read_jsonstat(source)
        assert frame["GEO"].tolist() == ["4003", "4001"]
        assert frame["value"].tolist() == [4.1, 3.2]
        assert frame.attrs["source"] == "FHI (test file)"


def test_several_datasets_need_a_choice() -> None:
    one = json.loads((DATA / "ssb-dense-2.0.json").read_text(encoding="utf-8"))
    two = json.loads((DATA / "sparse-2.0.json").read_text(encoding="utf-8"))
    bundle = {"a": one, "b": two}
    with pytest.raises(sk.ArgumentError, match="2 datasets"):
        sk.read_jsonstat(bundle)
    assert len(sk.read_jsonstat(bundle, dataset="b")) == 6
    assert "Region" in sk.read_jsonstat(bundle, dataset=0)
    with pytest.raises(sk.ArgumentError, match="no dataset 'c'"):
        sk.read_jsonstat(bundle, dataset="c")


@pytest.mark.parametrize(("doc", "pointer", "message"), [
    ({"samkart": 1, "name": "x"}, "", "no dataset"),
    ({"version": "2.0", "class": "dimension", "category": {}}, "/class", "class 'dimension'"),
    ({"version": "2.0", "class": "dataset", "id": ["a"], "size": [2, 1],
      "dimension": {"a": {"category": {"index": ["x", "y"]}}}, "value": [1, 2]},
     "/size", "one size per dimension"),
    ({"version": "2.0", "class": "dataset", "id": ["a"], "size": [3],
      "dimension": {"a": {"category": {"index": ["x", "y"]}}}, "value": [1, 2, 3]},
     "/size", "2 categories"),
    ({"version": "2.0", "class": "dataset", "id": ["a"], "size": [2],
      "dimension": {"a": {"category": {"index": ["x", "y"]}}}, "value": [1, 2, 3]},
     "/value", "3 value entries for 2 cells"),
    ({"version": "2.0", "class": "dataset", "id": ["a"], "size": [2],
      "dimension": {"a": {"category": {"index": ["x", "y"]}}}, "value": {"7": 1}},
     "/value/7", "outside"),
    ({"version": "2.0", "class": "dataset", "id": ["a", "b"], "size": [2, 1],
      "dimension": {"a": {"category": {"index": ["x", "y"]}}}, "value": [1, 2]},
     "/dimension", "no dimension 'b'"),
])
def test_not_jsonstat(doc: dict[str, object], pointer: str, message: str) -> None:
    with pytest.raises(sk.SchemaError, match=message) as info:
        sk.read_jsonstat(doc)
    assert info.value.pointer == pointer


def test_not_jsonstat_file_and_not_json() -> None:
    with pytest.raises(sk.SchemaError, match=r"not-jsonstat\.json.*no dataset"):
        sk.read_jsonstat(DATA / "not-jsonstat.json")
    with pytest.raises(sk.SchemaError, match="not JSON"):
        sk.read_jsonstat("{not json")
    with pytest.raises(sk.ArgumentError, match="cannot read"):
        sk.read_jsonstat(DATA / "missing.json")


# --- a second implementation ----------------------------------------------------------------


# pyjstat's Dataset.write calls its own deprecated from_json_stat.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", ["ssb-dense-2.0.json", "sparse-2.0.json",
                                  "dst-bundle-1.0.json"])
def test_against_pyjstat(name: str) -> None:
    """pyjstat (PyPI) reads the same cells: the same values, in the same order."""
    pyjstat = pytest.importorskip("pyjstat.pyjstat")
    text = (DATA / name).read_text(encoding="utf-8")
    ours = sk.read_jsonstat(text)
    theirs = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    assert len(theirs) == len(ours)
    dims = [c for c in ours.columns if f"{c}_label" in ours.columns]
    assert [tuple(map(str, r)) for r in theirs[dims].itertuples(index=False)] == [
        tuple(r) for r in ours[dims].itertuples(index=False)]
    theirs_v = pd.to_numeric(theirs["value"], errors="coerce").tolist()
    ours_v = ours["value"].tolist()
    # pyjstat keeps a value whose status says it is suppressed; we make it missing.
    suppressed = ours["status"].isin(sk.jsonstat.MISSING_STATUS).tolist() if "status" in ours \
        else [False] * len(ours)
    for a, b, s in zip(ours_v, theirs_v, suppressed, strict=True):
        assert (math.isnan(a) and (s or math.isnan(b))) or a == b


# --- indicators ---------------------------------------------------------------------------


def test_indicators_from_a_selection() -> None:
    rows = sk.indicators_from_jsonstat(DATA / "ssb-dense-2.0.json", key="neet_share_15_29",
                                       area="Region", year="Tid", select={"Tid": "2019"})
    assert rows.columns.tolist() == ["area", "key", "value", "year", "source"]
    assert rows["area"].tolist() == ["3801", "3807", "38"]
    assert rows["value"].tolist() == [10.5, 12.25, 9.0]
    assert rows["year"].tolist() == [2019, 2019, 2019]
    assert rows["source"].iloc[0].startswith("Statistisk sentralbyrå (test file, not real "
                                             "figures): Hand-written test table")
    # Both years: the missing (..) and suppressed (:) cells of 2020 are dropped, never 0.
    both = sk.indicators_from_jsonstat(DATA / "ssb-dense-2.0.json", "k", "Region", "Tid")
    assert list(zip(both["area"], both["year"], both["value"], strict=True)) == [
        ("3801", 2019, 10.5), ("3801", 2020, 11.0), ("3807", 2019, 12.25), ("38", 2019, 9.0)]
    kept = sk.indicators_from_jsonstat(DATA / "ssb-dense-2.0.json", "k", "Region", "Tid",
                                       missing="keep")
    assert kept["value"].isna().sum() == 2


def test_indicators_into_a_landscape() -> None:
    land = sk.datasets.recode(sk.datasets.vestfold_telemark(), to=2024)
    rows = sk.indicators_from_jsonstat(DATA / "collection-2.0.json", "disability_share_18_29",
                                       area="GEO", year="AAR", source_label="FHI",
                                       count=None)
    assert rows["year"].tolist() == [2022, 2022]
    assert rows["source"].iloc[0] == "FHI: Disability benefit recipients 18–29 (test figures)"
    before = len(land.indicators)
    land.add_indicators(rows)
    assert len(land.indicators) == before + 2
    # The 2020 codes are not in a 2024 landscape: a clear error, and nothing added.
    old = sk.indicators_from_jsonstat(DATA / "ssb-dense-2.0.json", "k", "Region", "Tid")
    with pytest.raises(sk.ValidationError, match=r"row 0 \(area '3801'\)"):
        land.add_indicators(old)
    assert len(land.indicators) == before + 2


def test_indicators_from_danmarks_statistik_with_a_fixed_year() -> None:
    frame = sk.read_jsonstat(DATA / "dst-bundle-1.0.json")
    rows = sk.indicators_from_jsonstat(frame, "neet_share_16_24", area="OMRÅDE", year="Tid",
                                       select={"Tid": "2023", "OMRÅDE": ["101", "751"]})
    # Aarhus 2023 is null: dropped.
    assert list(zip(rows["area"], rows["value"], strict=True)) == [("101", 7.6)]
    mapped = sk.indicators_from_jsonstat(frame, "k", "OMRÅDE", 2022, select={"Tid": "2022"},
                                         area_codes={"000": "DK"})
    assert mapped["area"].tolist() == ["DK", "101", "751"]
    assert mapped["year"].tolist() == [2022] * 3


def test_indicators_bad_selections() -> None:
    path = DATA / "ssb-dense-2.0.json"
    with pytest.raises(sk.ArgumentError, match=r"area='Kommune' is not a dimension.*Region"):
        sk.indicators_from_jsonstat(path, "k", area="Kommune", year="Tid")
    with pytest.raises(sk.ArgumentError, match="select='Kjonn' is not a dimension"):
        sk.indicators_from_jsonstat(path, "k", "Region", "Tid", select={"Kjonn": "0"})
    with pytest.raises(sk.ArgumentError, match="Tid='2031' matches no category"):
        sk.indicators_from_jsonstat(path, "k", "Region", "Tid", select={"Tid": "2031"})
    with pytest.raises(sk.ArgumentError, match=r"'Tid' still has 2 categories.*'Tid': '2019'"):
        sk.indicators_from_jsonstat(path, "k", "Region", 2020)
    quarters = {"version": "2.0", "class": "dataset", "id": ["GEO", "Tid"], "size": [1, 2],
                "dimension": {"GEO": {"category": {"index": ["3807"]}},
                              "Tid": {"category": {"index": ["2023K3", "2023K4"]}}},
                "value": [1, 2]}
    with pytest.raises(sk.ArgumentError, match="several figures for area '3807', year 2023"):
        sk.indicators_from_jsonstat(quarters, "k", "GEO", "Tid")
    assert sk.indicators_from_jsonstat(quarters, "k", "GEO", "Tid",
                                       select={"Tid": "2023K4"})["value"].tolist() == [2.0]
    with pytest.raises(sk.ArgumentError, match="'sex' still has 2 categories"):
        sk.indicators_from_jsonstat(DATA / "sparse-2.0.json", "k", "age", None)
    with pytest.raises(sk.ArgumentError, match="missing="):
        sk.indicators_from_jsonstat(path, "k", "Region", "Tid", missing="zero")
