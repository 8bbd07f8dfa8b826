"""Maps: the TopoJSON decoder, the shipped boundary files, and the SVG choropleth of the report.

The tiny topology below is worked by hand: two squares sharing one arc, the right one with a
hole, quantized (scale 0.5 × 0.25, translate 10, 60)::

      62 +-------+-------+        A = [10, 12] × [60, 62], area 4
         |       |  +-+  |        B = [12, 14] × [60, 62] minus the hole
         |   A   |  |h|  |            [12.5, 13.5] × [60.5, 61.5]: area 4 − 1 = 3
         |       |  +-+  |
      60 +-------+-------+
        10      12      14

Arcs in grid units (first position, then deltas): 0 = the shared edge (4,0)→(4,8); 1 = A's
outside (4,8)→(0,8)→(0,0)→(4,0); 2 = B's outside (4,0)→(8,0)→(8,8)→(4,8); 3 = the hole
(5,2)→(5,6)→(7,6)→(7,2)→(5,2). A is ring [0, 1]; B is ring [2, ~0] with hole [3].
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.path import Path as MplPath

import samkart as sk
from samkart import _topojson
from samkart.errors import ArgumentError
from samkart.report import _maps

SVG = "{http://www.w3.org/2000/svg}"

TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 60]},
    "objects": {"squares": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "properties": {"id": "A", "name": "Alfa"}},
        {"type": "Polygon", "arcs": [[2, -1], [3]], "properties": {"id": "B", "name": "Beta"}},
    ]}},
    "arcs": [
        [[4, 0], [0, 8]],
        [[4, 8], [-4, 0], [0, -8], [4, 0]],
        [[4, 0], [4, 0], [0, 8], [-4, 0]],
        [[5, 2], [0, 4], [2, 0], [0, -4], [-2, 0]],
    ],
}


def area(polygons: list[list[_topojson.Ring]]) -> float:
    return sum(_topojson._area(p[0]) - sum(_topojson._area(h) for h in p[1:]) for p in polygons)


# --- decoding, by hand -------------------------------------------------------------------------


def test_tiny_topology_decodes_to_the_hand_worked_rings() -> None:
    (features,) = _topojson.decode(TINY, ["squares"])
    a, b = features
    assert a.properties == {"id": "A", "name": "Alfa"}
    # Arc 0 then arc 1 without its first position (shared with arc 0's last).
    assert a.polygons == [[[(12, 60), (12, 62), (10, 62), (10, 60), (12, 60)]]]
    # Arc 2, then arc 0 reversed without its first position; the hole is arc 3.
    assert b.polygons == [[[(12, 60), (14, 60), (14, 62), (12, 62), (12, 60)],
                           [(12.5, 60.5), (12.5, 61.5), (13.5, 61.5), (13.5, 60.5),
                            (12.5, 60.5)]]]
    assert area(a.polygons) == 4
    assert area(b.polygons) == 3


def test_tiny_topology_point_in_polygon_agrees_with_matplotlib() -> None:
    """An independent even-odd test: matplotlib's Path over both rings of B."""
    (features,) = _topojson.decode(TINY, [None])
    b = features[1].polygons
    exterior, hole = b[0]
    path = MplPath.make_compound_path(MplPath(exterior, closed=True), MplPath(hole, closed=True))
    rng = np.random.default_rng(14)
    for x, y in rng.uniform((9.5, 59.5), (14.5, 62.5), size=(400, 2)):
        ours = _topojson.contains(b, (x, y))
        theirs = path.contains_point((x, y)) and not MplPath(hole).contains_point((x, y))
        assert ours == theirs, (x, y)
    assert _topojson.contains(b, (12.2, 61))
    assert not _topojson.contains(b, (13, 61))  # in the hole
    assert not _topojson.contains(b, (11, 61))  # in A


def test_svg_path_of_the_tiny_squares_by_hand() -> None:
    (features,) = _topojson.decode(TINY, ["squares"])
    a, b = features

    def to_px(lon: float, lat: float) -> tuple[float, float]:
        return (lon - 10) * 10, (62 - lat) * 10

    # The closing position repeats the first and is left to Z.
    assert _maps.svg_path(a.polygons, to_px) == "M20,20L20,0L0,0L0,20Z"
    assert _maps.svg_path(b.polygons, to_px) == "M20,20L40,20L40,0L20,0ZM25,15L25,5L35,5L35,15Z"
    # Rounding to 0.1 merges positions closer than that; a collapsed ring is left out.
    assert _maps.svg_path([[[(0, 0), (0.01, 0), (1, 0), (1, 1), (0, 0)]]],
                          lambda x, y: (x, y)) == "M0,0L1,0L1,1Z"
    assert _maps.svg_path([[[(0, 0), (0.01, 0.01), (0, 0)]]], lambda x, y: (x, y)) == ""


def test_projection_scales_longitude_by_the_middle_latitude() -> None:
    (features,) = _topojson.decode(TINY, ["squares"])
    shapes = [_maps.Shape(str(f.properties["id"]), "", "municipality", f.polygons)
              for f in features]
    project = _maps.plane(shapes)
    k = math.cos(math.radians(61))  # the middle of 60°–62°
    assert project(12, 60) == pytest.approx((12 * k, 60))
    # A is 2° × 2°: on the plane, 2·cos 61° ≈ 0.970 wide and 2 high.
    x0, _ = project(10, 60)
    x1, _ = project(12, 60)
    assert x1 - x0 == pytest.approx(0.9696, abs=1e-4)


def test_decode_errors_name_the_file() -> None:
    with pytest.raises(ValueError, match=r"x\.topojson: not a TopoJSON topology"):
        _topojson.decode({"type": "FeatureCollection"}, [None], where="x.topojson")
    with pytest.raises(ValueError, match="no object 'roads'; it has squares"):
        _topojson.decode(TINY, ["roads"])


# --- classes and colours -----------------------------------------------------------------------


def test_classes_one_per_value_up_to_five() -> None:
    assert _maps.classes([0, 1, 5, 1, 2, 4, float("nan")]) == [
        (0, 0), (1, 1), (2, 2), (4, 4), (5, 5)]
    assert _maps.classes([]) == []


def test_classes_five_equal_intervals_holding_their_upper_bound() -> None:
    bounds = _maps.classes([0, 1, 2, 3, 4.5, 10])
    assert bounds == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    assert [_maps.class_of(v, bounds) for v in (0, 2, 2.5, 4, 8.1, 10)] == [0, 0, 1, 1, 4, 4]


def test_whole_numbers_get_whole_classes() -> None:
    # Counts (findings 0–5 per municipality, measures 8–28): no count on two labels.
    assert _maps.classes([0, 1, 2, 3, 4, 5]) == [(0, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    assert _maps.classes(range(8, 29)) == [(8, 12), (13, 16), (17, 20), (21, 24), (25, 28)]
    bounds = _maps.classes([0, 1, 2, 3, 4, 10])
    assert bounds == [(0, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert [_maps.class_of(v, bounds) for v in (0, 2, 3, 4, 9, 10)] == [0, 0, 1, 1, 4, 4]


def test_colours_are_matplotlibs_viridis_light_to_dark() -> None:
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    for n in range(1, 6):
        ramp = colormaps["viridis_r"](_maps.positions(n))
        assert [to_hex(c) for c in ramp] == _maps.colours(n)
    assert _maps.colours(2) == ["#fde725", "#440154"]
    # One class sits in the middle, unless it is zero: "0 findings" in a one-municipality map
    # (the Danish example) takes the light end, not a colour that looks like something.
    assert _maps.colours(1) == ["#21908d"]
    assert _maps.colours(1, only_zero=True) == ["#fde725"]
    assert to_hex(colormaps["viridis_r"](_maps.positions(1, only_zero=True))[0]) == "#fde725"


def test_a_map_of_zeros_is_light() -> None:
    svg, _ = _maps.choropleth_svg({"3807": 0.0}, {"3807": "Skien"}, lang="nb",
                                  legend_title="Funn")
    assert 'fill="#fde725"' in svg
    assert 'fill="#21908d"' not in svg


def test_default_number_format_per_language() -> None:
    assert _maps.default_format("en")(12345.5) == "12,345.5"
    assert _maps.default_format("nb")(12345.5) == "12\u202f345,5"
    assert _maps.default_format("da")(3.0) == "3"
    assert _maps.default_format("nb")(0.125) == "0,12"  # at most two decimals


# --- the shipped maps ----------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "year", "key"), [
    ("no", 2020, "no-2020"), ("no", 2024, "no-2024"), ("dk", 2024, "dk")])
def test_every_area_of_the_tables_has_a_shape(country: str, year: int, key: str) -> None:
    """Known gaps: none (Kvitsøy and Træna were added to the 2020 map by tools/build_maps.py;
    see data/maps/README.md)."""
    table = sk.datasets.areas(country, year)
    shapes = _maps.load(key)
    for kind in ("municipality", "county"):
        rows = table[table["kind"] == kind]
        have = {i for i, s in shapes.items() if s.kind == kind}
        assert set(rows["id"]) == have, kind
        for row in rows.itertuples():
            assert shapes[row.id].polygons, row.id
    # Names agree with the tables (the maps are their source).
    names = dict(zip(table["id"], table["name"], strict=True))
    assert all(s.name == names[i] for i, s in shapes.items() if s.kind != "country")


@pytest.mark.parametrize("key", ["no-2020", "no-2024", "dk"])
def test_a_county_is_the_union_of_its_municipalities(key: str) -> None:
    """Counties are merged from municipalities (the same arcs): their areas add up exactly."""
    shapes = _maps.load(key)
    country = {"no-2020": ("no", 2020), "no-2024": ("no", 2024), "dk": ("dk", 2024)}[key]
    table = sk.datasets.areas(*country)
    parent = dict(zip(table["id"], table["parent"], strict=True))
    for county in (s for s in shapes.values() if s.kind == "county"):
        parts = sum(area(s.polygons) for s in shapes.values()
                    if s.kind == "municipality" and parent[s.id] == county.id)
        assert area(county.polygons) == pytest.approx(parts, rel=1e-9), county.id


def test_vestfold_og_telemark_2020_has_its_figures() -> None:
    shapes = _maps.load("no-2020")
    assert shapes["38"].name == "Vestfold og Telemark"
    vt = [s for s in shapes.values() if s.kind == "municipality" and s.id.startswith("38")]
    assert len(vt) == 23  # 3801–3825 less 3809 and 3810, never used (001: 23)
    lons = [x for s in vt for p in s.polygons for x, _ in p[0]]
    lats = [y for s in vt for p in s.polygons for _, y in p[0]]
    # The county lies at about 7.1–10.5° E, 58.8–60.2° N.
    assert 6.9 < min(lons) < 7.3
    assert 10.4 < max(lons) < 10.7
    assert 58.6 < min(lats) < 58.8
    assert 60.1 < max(lats) < 60.3


def test_real_point_in_polygon_agrees_with_matplotlib() -> None:
    """Skien, Vinje and Færder against matplotlib's Path: the same answer on a grid of points
    over each municipality's bounding box (Færder is islands: many polygons)."""
    shapes = _maps.load("no-2020")
    for code in ("3807", "3825", "3811"):
        polys = shapes[code].polygons
        paths = [(MplPath(p[0]), [MplPath(h) for h in p[1:]]) for p in polys]
        xs = [x for p in polys for x, _ in p[0]]
        ys = [y for p in polys for _, y in p[0]]
        grid = [(x, y) for x in np.linspace(min(xs), max(xs), 23)
                for y in np.linspace(min(ys), max(ys), 19)]
        inside = 0
        for pt in grid:
            theirs = any(e.contains_point(pt) and not any(h.contains_point(pt) for h in hs)
                         for e, hs in paths)
            assert _topojson.contains(polys, pt) == theirs, (code, pt)
            inside += theirs
        assert inside > 20, code


def test_maps_ship_inside_the_package_with_their_attribution() -> None:
    folder = resources.files("samkart").joinpath("data", "maps")
    for spec in _maps.MAPS:
        assert folder.joinpath(spec.file).is_file()
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    assert "© Kartverket, CC BY 4.0" in readme
    assert "DAGI, Klimadatastyrelsen, CC BY 4.0" in readme


# --- choropleth_svg ------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def area_paths(root: ET.Element) -> Iterator[ET.Element]:
    return (p for p in root.iter(f"{SVG}path") if "data-area" in p.attrib)


def titles(root: ET.Element) -> dict[str | None, str | None]:
    return {p.get("data-area"): p.findtext(f"{SVG}title") for p in area_paths(root)}


@pytest.fixture(scope="module")
def vt_level2(vt: sk.Landscape) -> tuple[dict[str, float | None], dict[str, str]]:
    table = sk.coverage(vt, "area", "level")
    return {str(k): float(v) for k, v in table[2].items()}, {a.id: a.name for a in vt.areas}


def test_vestfold_og_telemark_draws_its_23_municipalities(
        vt_level2: tuple[dict[str, float | None], dict[str, str]]) -> None:
    values, names = vt_level2
    svg, missing = _maps.choropleth_svg(values, names, lang="nb", legend_title="Tiltak, nivå 2",
                                        highlight="3807")
    assert missing == []  # NO and 38 are aggregates of what is drawn
    root = parse(svg)
    paths = list(area_paths(root))
    ids = [p.get("data-area") for p in paths]
    assert sorted(ids) == sorted(i for i in values if len(i) == 4)
    assert len(ids) == 23
    title = titles(root)
    assert title["3807"] == f"Skien: {values['3807']:g}"
    # The highlighted area is drawn last, outlined.
    assert ids[-1] == "3807"
    assert paths[-1].get("stroke-width") == "2.5"
    # Accessible, scalable, no scripts.
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Kart over 23 områder: Tiltak, nivå 2"
    assert root.get("viewBox", "").startswith("0 0 480 ")
    assert "width:100%" in root.get("style", "")
    assert "<script" not in svg
    assert "onload" not in svg
    assert "© Kartverket, CC BY 4.0" in svg
    # Context: neighbouring municipalities drawn faintly, without data-area.
    context = [p for p in root.iter(f"{SVG}path") if "data-area" not in p.attrib]
    assert context


def test_the_legend_shows_the_classes_and_their_colours() -> None:
    values: dict[str, float | None] = {"3807": 0.0, "3806": 2.0, "3805": 4.0, "3811": 6.0,
                                       "3803": 8.0, "3804": 10.5, "3808": None}
    svg, _ = _maps.choropleth_svg(values, {}, lang="en", legend_title="Capacity")
    root = parse(svg)
    fill = {p.get("data-area"): p.get("fill") for p in area_paths(root)}
    # Six distinct values: five intervals of 2.1 from 0 to 10.5, each holding its upper bound.
    assert fill["3807"] == fill["3806"] == "#fde725"
    assert fill["3805"] == "#5cc863"
    assert fill["3804"] == "#440154"
    assert (fill["3808"] or "").startswith("url(#samkart-nodata-")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[:8] == ["Capacity", "0–2.1", "2.1–4.2", "4.2–6.3", "6.3–8.4", "8.4–10.5",
                         "no data",
                         "Kommune- og fylkesgrenser: © Kartverket, CC BY 4.0"]
    title = titles(root)
    assert title["3808"] == "Notodden: no data"  # the map's own name when names lacks it
    nan_svg, _ = _maps.choropleth_svg({"3807": float("nan"), "3806": 1.0}, {}, lang="da",
                                      legend_title="x")
    assert "ingen data" in nan_svg


def test_norwegian_2024_ids_draw(vt: sk.Landscape) -> None:
    recoded = sk.datasets.recode(vt, to=2024)
    munis = [a.id for a in recoded.areas if a.kind == "municipality"]
    assert {m[:2] for m in munis} == {"39", "40"}
    svg, missing = _maps.choropleth_svg(dict.fromkeys(munis, 1.0), {}, lang="nb",
                                        legend_title="t")
    assert missing == []
    assert sorted(p.get("data-area") for p in area_paths(parse(svg))) == sorted(munis)


def test_danish_codes_draw_in_both_spellings() -> None:
    dk = sk.datasets.areas("dk")
    munis = list(dk[dk["kind"] == "municipality"]["id"])
    assert len(munis) == 98
    svg, missing = _maps.choropleth_svg({m: float(len(m)) for m in munis}, {}, lang="da",
                                        legend_title="Indsatser")
    assert missing == []
    assert len(list(area_paths(parse(svg)))) == 98
    # DAGI's four-digit codes: the caller's ids are kept on the paths.
    svg, _ = _maps.choropleth_svg({"0101": 1.0, "0147": 2.0}, {}, lang="da", legend_title="x")
    assert [p.get("data-area") for p in area_paths(parse(svg))] == ["0101", "0147"]
    assert "København: 1" in svg


def test_counties_draw_when_most_ids_are_counties() -> None:
    svg, missing = _maps.choropleth_svg({"39": 1.0, "40": 2.0, "NO": 3.0, "4003": 4.0}, {},
                                        lang="en", legend_title="x")
    assert [p.get("data-area") for p in area_paths(parse(svg))] == ["39", "40"]
    assert missing == ["4003"]  # a municipality on a county map is not drawn: said so
    svg, _ = _maps.choropleth_svg({"081": 1.0, "1084": 2.0}, {}, lang="en", legend_title="x")
    assert "Region Hovedstaden: 2" in svg


def test_ids_without_a_shape_are_returned() -> None:
    svg, missing = _maps.choropleth_svg({"3807": 1.0, "9999": 2.0, "ot-skien": 3.0}, {},
                                        lang="en", legend_title="x")
    assert missing == ["9999", "ot-skien"]
    assert [p.get("data-area") for p in area_paths(parse(svg))] == ["3807"]


def test_no_shape_at_all_is_an_error_naming_ids_and_maps() -> None:
    with pytest.raises(ArgumentError, match=r"'a', 'b'.*no-2024.*no-2020.*dk"):
        _maps.choropleth_svg({"a": 1.0, "b": 2.0}, {}, lang="en", legend_title="x")
    with pytest.raises(ArgumentError, match="no municipality or county shape"):
        _maps.choropleth_svg({"NO": 1.0}, {}, lang="en", legend_title="x")


def test_unknown_language_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError, match="unknown language 'sv'"):
        _maps.choropleth_svg({"3807": 1.0}, {}, lang="sv", legend_title="x")


def test_markup_is_escaped_and_deterministic() -> None:
    values = {"3807": 1.0, "3806": 2.0}
    names = {"3807": "<b>Skien & co</b>"}
    svg, _ = _maps.choropleth_svg(values, names, lang="en", legend_title="A < B")
    parse(svg)  # well-formed
    assert "&lt;b&gt;Skien &amp; co&lt;/b&gt;: 1" in svg
    assert svg == _maps.choropleth_svg(values, names, lang="en", legend_title="A < B")[0]


def test_all_missing_values_draw_hatched_with_one_legend_entry() -> None:
    svg, _ = _maps.choropleth_svg({"3807": None, "3806": None}, {}, lang="nb",
                                  legend_title="x")
    texts = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert texts[:2] == ["x", "ingen data"]


def test_series_values_work_too() -> None:
    series = pd.Series({"3807": 1.0, "3806": np.nan, "3805": pd.NA}, dtype=object)
    svg, _ = _maps.choropleth_svg(series, {}, lang="en", legend_title="x")
    assert "Porsgrunn: no data" in svg


@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.integers(0, 50).map(float), st.just(math.nan)),
                max_size=40))
def test_classes_hold_every_value_in_order(values: list[float]) -> None:
    """Property: at most five classes, in increasing order, and every finite value lies within
    the bounds of the class :func:`class_of` gives it."""
    bounds = _maps.classes(values)
    finite = [v for v in values if math.isfinite(v)]
    assert len(bounds) <= 5
    assert bool(bounds) == bool(finite)
    assert all(lo <= hi for lo, hi in bounds)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(bounds))
    for v in finite:
        lo, hi = bounds[_maps.class_of(v, bounds)]
        assert lo <= v <= hi


def test_a_long_legend_title_wraps_inside_the_figure() -> None:
    title = "Indsatser registreret på kommunen (uden regionsdækkende indsatser)"
    svg, _ = _maps.choropleth_svg({"3807": 1.0, "3806": 2.0}, {}, lang="da",
                                  legend_title=title, width=360)
    bold = [t.text or "" for t in parse(svg).iter(f"{SVG}text") if t.get("font-weight")]
    assert len(bold) == 2
    assert " ".join(bold) == title
    assert all(len(line) <= (360 - 2 * 8) / 8 + 1 for line in bold)


def test_partial_areas_are_striped_over_their_colour() -> None:
    values = {"3807": 3.0, "3813": 0.0, "3806": 4.0}
    names = {"3807": "Skien", "3813": "Bamble", "3806": "Porsgrunn"}
    svg, _ = _maps.choropleth_svg(values, names, lang="nb", legend_title="Funn",
                                  partial=["3813", "0301"], partial_label="Ikke alt kartlagt")
    # Bamble keeps its class's colour under the stripes (and its title); Oslo is not drawn.
    assert re.findall(r'data-partial="(\w+)"', svg) == ["3813"]
    assert re.search(r'<path data-area="3813" fill="#[0-9a-f]{6}"', svg)
    assert "Bamble: 0" in svg
    assert "Ikke alt kartlagt" in svg
    plain, _ = _maps.choropleth_svg(values, names, lang="nb", legend_title="Funn")
    assert "data-partial" not in plain
    assert "samkart-partial" not in plain.split("</defs>")[1]
