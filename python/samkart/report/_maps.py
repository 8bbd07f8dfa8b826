"""Choropleth maps of municipalities and counties, from the TopoJSON files samkart ships.

No GIS library: the boundaries (``samkart/data/maps/``, built by ``tools/build_maps.py`` from
Kartverket's and DAGI's open data, CC BY 4.0) are decoded by :mod:`samkart._topojson` and
drawn as SVG paths (:func:`choropleth_svg`, for the council report) or matplotlib patches
(:func:`samkart.plot.map`).

Which map: the one that has shapes for most of the given area ids, among Norway 2020–2023
(``"3807"``, county ``"38"``), Norway from 2024 (``"4003"``, ``"40"``) and Denmark (``"101"``
or DAGI's ``"0101"``, region ``"084"`` or ``"1084"``); a tie goes to the newer Norwegian map.
Which layer: municipalities, unless more of the ids are counties. Ids of a coarser kind than
the layer drawn (the country; counties on a municipality map) are aggregates of what is drawn
and are left out without a word; every other id that is not drawn is returned by name.

Projection: equirectangular, longitude scaled by the cosine of the middle latitude of the
areas drawn (x = lon·cos φ₀, y = lat). At the edges of Vestfold og Telemark (58.8°–60.2° N)
the east–west scale is off by 2 %, of a Danish region by under 2 %; over the whole of Norway
(58°–71.2° N) by +24 % in the south and −25 % in the north: acceptable for a choropleth,
which shows values, not distances.

Private: the report and :mod:`samkart.report.plot` use it; the signature of
:func:`choropleth_svg` is what the report calls.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import textwrap
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from itertools import pairwise

from samkart import _topojson
from samkart.errors import ArgumentError

__all__ = ["MAPS", "RANK", "Layout", "MapFile", "Shape", "choropleth_svg", "classes", "layout"]

Ring = _topojson.Ring


@dataclass(frozen=True)
class MapFile:
    """One shipped boundary file: its key, file, what it covers and the attribution it needs."""

    key: str
    file: str
    label: str
    country: str
    attribution: str


#: The maps, in the order a tie is broken (the newer Norwegian map first).
MAPS = (
    MapFile("no-2024", "no-2024.topojson", "Norway from 2024", "NO",
            "Kommune- og fylkesgrenser: © Kartverket, CC BY 4.0"),
    MapFile("no-2020", "no-2020.topojson", "Norway 2020–2023", "NO",
            "Kommune- og fylkesgrenser: © Kartverket, CC BY 4.0"),
    MapFile("dk", "dk.topojson", "Denmark", "DK",
            "Kommunegrænser: DAGI, Klimadatastyrelsen, CC BY 4.0"),
)

#: Layers from the finest; the country is known by id, never drawn.
RANK = {"municipality": 0, "county": 1, "country": 2}


@dataclass(frozen=True)
class Shape:
    """An area of a map: id (as in ``samkart.datasets.areas``), name, kind, and its polygons in
    longitude/latitude (each polygon its exterior ring, then its holes)."""

    id: str
    name: str
    kind: str
    polygons: list[list[Ring]]


@functools.cache
def load(key: str) -> dict[str, Shape]:
    """The shapes of one map by id, municipalities and counties (decoded once per process)."""
    (spec,) = [m for m in MAPS if m.key == key]
    folder = resources.files("samkart").joinpath("data").joinpath("maps")
    text = folder.joinpath(spec.file).read_text(encoding="utf-8")
    munis, counties = _topojson.decode(json.loads(text), ["municipalities", "counties"],
                                       where=spec.file)
    shapes = {spec.country: Shape(spec.country, spec.country, "country", [])}
    for kind, features in (("municipality", munis), ("county", counties)):
        for f in features:
            key_id = str(f.properties["id"])
            shapes[key_id] = Shape(key_id, str(f.properties["name"]), kind, f.polygons)
    return shapes


def _canonical(spec: MapFile, area: str) -> str:
    """The id a map file uses for ``area``: Danish DAGI codes (``0101``, ``1084``) become
    Danmarks Statistik's (``101``, ``084``), as in the area tables."""
    if spec.country == "DK" and len(area) == 4 and area.isdigit():
        return f"0{area[2:]}" if area.startswith("10") else str(int(area))
    return area


@dataclass(frozen=True)
class Layout:
    """What will be drawn: the map, the layer, the shapes by the caller's id, the ids not drawn
    (in the caller's order), and the other shapes of the layer (for context)."""

    map: MapFile
    kind: str
    shapes: dict[str, Shape]
    not_drawn: list[str]
    others: list[Shape]


def layout(ids: Iterable[str]) -> Layout:
    """Choose the map and layer for ``ids`` (see the module's docstring).

    Raises
    ------
    ArgumentError
        None of the ids has a municipality or county shape on any map.
    """
    ids = list(dict.fromkeys(str(i) for i in ids))
    best: tuple[MapFile, dict[str, Shape]] | None = None
    for spec in MAPS:
        shapes = load(spec.key)
        found = {i: shapes[c] for i in ids if (c := _canonical(spec, i)) in shapes}
        if best is None or len(found) > len(best[1]):
            best = (spec, found)
    assert best is not None
    spec, found = best
    kinds = [s.kind for s in found.values() if s.kind != "country"]
    if not kinds:
        shown = ", ".join(repr(i) for i in ids[:5]) + (", ..." if len(ids) > 5 else "")
        tried = ", ".join(f"{m.key} ({m.label})" for m in MAPS)
        msg = (f"map: no municipality or county shape for any of {len(ids)} areas ({shown}); "
               f"maps tried: {tried}. Area ids are those of samkart.datasets.areas "
               "(e.g. '3807', '4003', '101').")
        raise ArgumentError(msg)
    kind = "county" if kinds.count("county") > kinds.count("municipality") else "municipality"
    drawn = {i: s for i, s in found.items() if s.kind == kind}
    not_drawn = [i for i in ids if i not in drawn and
                 (i not in found or RANK[found[i].kind] < RANK[kind])]
    used = {s.id for s in drawn.values()}
    others = [s for s in load(spec.key).values() if s.kind == kind and s.id not in used]
    return Layout(spec, kind, drawn, not_drawn, others)


# --- classes and colours --------------------------------------------------------------------

#: matplotlib's viridis at 0, 1/4, 1/2, 3/4, 1, light (low) to dark (high): ordered in
#: lightness, so it reads in grey print, and distinguishable with the common colour-vision
#: deficiencies (van der Walt and Smith 2015).
VIRIDIS5 = ("#fde725", "#5cc863", "#21908d", "#3b518b", "#440154")
NO_DATA_FILL = "#eeeeee"

_WORDS = {
    "nb": {"no_data": "ingen data", "map": "Kart over {n} områder"},
    "da": {"no_data": "ingen data", "map": "Kort over {n} områder"},
    "en": {"no_data": "no data", "map": "Map of {n} areas"},
}


def words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        msg = f"unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)
    return _WORDS[lang]


def classes(values: Iterable[float]) -> list[tuple[float, float]]:
    """Class bounds ``(low, high)`` for the finite values: one class per distinct value when
    there are at most five (``low == high``), else five equal intervals from the smallest to
    the largest value, each holding its upper bound: [a, b], (b, c], ... Empty for no values.
    Equal intervals, not quantiles: a class means the same range on every map of one variable,
    and counts of measures often tie, which quantiles cannot split.
    """
    finite = sorted({float(v) for v in values if math.isfinite(v)})
    if len(finite) <= 5:
        return [(v, v) for v in finite]
    lo, hi = finite[0], finite[-1]
    if all(v.is_integer() for v in finite):
        # Whole numbers (counts of measures, of findings): integer edges, and each class's
        # lower bound the first whole number above the previous class, so that a legend
        # reads "0–1, 2, 3, 4, 5" and no count sits on two classes' labels.
        edges = sorted({lo + round((hi - lo) * k / 5) for k in range(6)})
        return [(edges[0], edges[1])] + [(a + 1, b) for a, b in pairwise(edges[1:])]
    edges = [lo + (hi - lo) * k / 5 for k in range(6)]
    edges[-1] = hi
    return list(pairwise(edges))


def class_of(value: float, bounds: Sequence[tuple[float, float]]) -> int:
    """The index of the class holding ``value`` (the first whose upper bound is ≥ it)."""
    for k, (_, high) in enumerate(bounds):
        if value <= high:
            return k
    return len(bounds) - 1


def positions(n: int, only_zero: bool = False) -> list[float]:
    """Where ``n`` ≤ 5 classes sit on a colour ramp from 0 (lowest) to 1: spread over the whole
    ramp on quarter steps (one class: the middle; but the low end when that class is zero, so
    that "0 findings" in a one-municipality map does not look like something), so that
    :func:`colours` and a matplotlib colormap sampled here agree."""
    if n <= 1:
        return [0.0 if only_zero else 0.5] * n
    return [round(k * 4 / (n - 1)) / 4 for k in range(n)]


def colours(n: int, only_zero: bool = False) -> list[str]:
    """``n`` ≤ 5 colours of :data:`VIRIDIS5` at :func:`positions`."""
    return [VIRIDIS5[round(p * 4)] for p in positions(n, only_zero)]


def default_format(lang: str) -> Callable[[float], str]:
    """Integers as integers, others with up to two decimals; a decimal comma and a
    (narrow no-break) space between thousands in Norwegian and Danish."""

    def fmt(value: float) -> str:
        text = f"{value:,.0f}" if float(value).is_integer() else \
            f"{value:,.2f}".rstrip("0").rstrip(".")
        if lang == "en":
            return text
        return text.replace(",", "\u202f").replace(".", ",")

    return fmt


def number(value: object) -> float | None:
    """A value as a finite float, or None for no data (None, NaN, pandas' NA, infinities)."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def label(bounds: tuple[float, float], fmt: Callable[[float], str]) -> str:
    low, high = bounds
    return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"


# --- projection and SVG paths ---------------------------------------------------------------


def _bbox(shapes: Iterable[Shape]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for s in shapes:
        for poly in s.polygons:
            xs.extend(x for x, _ in poly[0])
            ys.extend(y for _, y in poly[0])
    return min(xs), min(ys), max(xs), max(ys)


def plane(shapes: Iterable[Shape]) -> Callable[[float, float], tuple[float, float]]:
    """The projection for drawing ``shapes``: (lon, lat) → (lon·cos φ₀, lat), φ₀ the middle
    latitude of their bounding box; y grows northwards (flip it for SVG)."""
    _, south, _, north = _bbox(shapes)
    k = math.cos(math.radians((south + north) / 2))
    return lambda lon, lat: (lon * k, lat)


def _num(v: float) -> str:
    text = f"{v:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def svg_path(polygons: Sequence[Sequence[Ring]], to_px: Callable[[float, float],
             tuple[float, float]]) -> str:
    """SVG path data of polygons: one ``M ... Z`` subpath per ring, positions in ``to_px``
    units rounded to 0.1, a position equal to the one before it (after rounding) dropped, and a
    ring of fewer than three positions left out. Fill with ``fill-rule="evenodd"``: holes are
    rings inside rings."""
    parts = []
    for poly in polygons:
        for ring in poly:
            pts: list[tuple[str, str]] = []
            for lon, lat in ring:
                x, y = to_px(lon, lat)
                p = (_num(x), _num(y))
                if not pts or p != pts[-1]:
                    pts.append(p)
            if len(pts) > 1 and pts[-1] == pts[0]:
                pts.pop()
            if len(pts) >= 3:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
    return "".join(parts)


def choropleth_svg(
    values: Mapping[str, float | None],
    names: Mapping[str, str],
    *,
    lang: str,
    legend_title: str,
    number_format: Callable[[float], str] | None = None,
    highlight: str | None = None,
    width: int = 480,
    partial: Collection[str] = (),
    partial_label: str = "",
) -> tuple[str, list[str]]:
    """An inline SVG choropleth of ``values`` by area id, and the ids it could not draw.

    Parameters
    ----------
    values : Mapping[str, float | None]
        Value by area id (``samkart.datasets.areas`` ids). None or NaN: no data, drawn hatched
        with a legend entry "ingen data" / "no data".
    names : Mapping[str, str]
        Area names for the hover titles; an id not in it takes the map's own name.
    lang : str
        ``nb``, ``da`` or ``en``: the words of the legend and the label.
    legend_title : str
        What the values are (e.g. "Tiltak på nivå 2"); the legend's title and the image label.
    number_format : callable, optional
        Formats a value for the legend and titles; default: integers plain, else two decimals,
        decimal comma in nb/da.
    highlight : str, optional
        An area id drawn with a thick black outline (e.g. the municipality the report is for).
    width : int
        Width in CSS pixels at which the map is drawn at most (it shrinks with its container:
        ``width:100%``); font sizes are relative to it.
    partial : collection of str
        Area ids whose value says less than it seems (e.g. the municipalities whose own
        services were not mapped, where 0 findings does not mean no gaps): drawn in their
        class's colour under thin dark stripes, with a legend entry ``partial_label``.

    Returns
    -------
    (str, list[str])
        The ``<svg>`` markup: one ``<path data-area="id">`` per area drawn, with a ``<title>``
        "name: value"; the other areas of the layer inside the frame drawn faintly for
        context (no ``data-area``); a legend of at most five classes (:func:`classes`) and the
        boundary data's attribution. Then the ids not drawn: those with no shape on the map
        chosen, in the order of ``values`` (see the module's docstring for aggregates).

    Raises
    ------
    ArgumentError
        Unknown ``lang``; none of the ids has a shape on any map.
    """
    text = words(lang)
    fmt = number_format or default_format(lang)
    chosen = layout(values.keys())  # keys: a pandas Series iterates its values
    drawn = chosen.shapes
    data = {i: number(values[i]) for i in drawn}
    bounds = classes(v for v in data.values() if v is not None)
    palette = colours(len(bounds), bounds == [(0.0, 0.0)])
    has_gap = any(v is None for v in data.values())

    project = plane(drawn.values())
    west, south, east, north = _bbox(drawn.values())
    (x0, y0), (x1, y1) = project(west, south), project(east, north)
    pad = 6.0
    scale = (width - 2 * pad) / max(x1 - x0, 1e-9)
    map_height = (y1 - y0) * scale + 2 * pad

    def to_px(lon: float, lat: float) -> tuple[float, float]:
        x, y = project(lon, lat)
        return pad + (x - x0) * scale, pad + (y1 - y) * scale

    digest = hashlib.sha1(repr((sorted(data.items()), legend_title, width)).encode()).hexdigest()
    hatch = f"samkart-nodata-{digest[:10]}"
    stripes = f"samkart-partial-{digest[:10]}"
    striped = [a for a in sorted(drawn) if a in set(partial)]
    clip = f"samkart-frame-{digest[:10]}"

    out: list[str] = []
    context = [s for s in chosen.others if s.polygons and _overlaps(_bbox([s]),
                                                                     (west, south, east, north))]
    if context:
        out.append(f'<g clip-path="url(#{clip})" fill="#f4f4f4" stroke="#c8c8c8" '
                   'stroke-width="0.5" aria-hidden="true">')
        out.extend(f'<path d="{svg_path(s.polygons, to_px)}"/>' for s in context)
        out.append("</g>")
    out.append('<g stroke="#4d4d4d" stroke-width="0.5" stroke-linejoin="round" '
               'fill-rule="evenodd">')
    order = sorted(drawn, key=lambda i: (i == highlight, i))
    for area in order:
        v = data[area]
        fill = f"url(#{hatch})" if v is None else palette[class_of(v, bounds)]
        name = names.get(area) or drawn[area].name
        shown = text["no_data"] if v is None else fmt(v)
        extra = ' stroke="#000000" stroke-width="2.5"' if area == highlight else ""
        out.append(f'<path data-area="{escape(area)}" fill="{fill}"{extra} '
                   f'd="{svg_path(drawn[area].polygons, to_px)}">'
                   f"<title>{escape(name)}: {escape(shown)}</title></path>")
    out.append("</g>")
    if striped:  # over the colours; the pointer passes through to the titles below
        out.append('<g stroke="none" pointer-events="none" fill-rule="evenodd">')
        out.extend(f'<path data-partial="{escape(a)}" fill="url(#{stripes})" '
                   f'd="{svg_path(drawn[a].polygons, to_px)}"/>' for a in striped)
        out.append("</g>")

    # Legend below the map: the title, one row per class, "no data" last, the attribution.
    font, row = 13.0, 19.0
    y = map_height + 18
    # A bold title at 13 px holds about width / 8 characters; a longer one wraps at words
    # (an SVG text does not wrap by itself, and the figure must not be cut off on a phone).
    title_lines = textwrap.wrap(legend_title, max(20, int((width - 2 * pad) / 8))) or [""]
    legend = []
    for k, line in enumerate(title_lines):
        if k:
            y += row - 3
        legend.append(f'<text x="{_num(pad)}" y="{_num(y)}" font-weight="bold">'
                      f"{escape(line)}</text>")
    entries = [(c, label(b, fmt)) for c, b in zip(palette, bounds, strict=True)]
    if has_gap:
        entries.append((f"url(#{hatch})", text["no_data"]))
    if striped:
        entries.append((f"url(#{stripes})", partial_label))
    for fill, caption in entries:
        # A long caption wraps at words, as the title does.
        lines = textwrap.wrap(caption, max(20, int((width - 2 * pad - 30) / 7))) or [""]
        y += row
        legend.append(f'<rect x="{_num(pad)}" y="{_num(y - 12)}" width="22" height="14" '
                      f'fill="{fill}" stroke="#4d4d4d" stroke-width="0.5"/>')
        for k, line in enumerate(lines):
            if k:
                y += row - 3
            legend.append(f'<text x="{_num(pad + 30)}" y="{_num(y)}">{escape(line)}</text>')
    y += row
    legend.append(f'<text x="{_num(pad)}" y="{_num(y)}" font-size="{_num(font - 3)}" '
                  f'fill="#555555">{escape(chosen.map.attribution)}</text>')
    height = y + 8

    label_text = f"{text['map'].format(n=len(drawn))}: {legend_title}"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {_num(height)}" '
            f'style="width:100%;max-width:{width}px;height:auto" role="img" '
            f'aria-label="{escape(label_text)}" font-family="sans-serif" '
            f'font-size="{_num(font)}">')
    defs = (f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="6" height="6" '
            'patternTransform="rotate(45)"><rect width="6" height="6" '
            f'fill="{NO_DATA_FILL}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8c8c8c" '
            f'stroke-width="1.5"/></pattern>'
            f'<pattern id="{stripes}" patternUnits="userSpaceOnUse" width="5" height="5" '
            'patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#000000" '
            'stroke-opacity="0.55" stroke-width="1.2"/></pattern>'
            f'<clipPath id="{clip}"><rect width="{width}" '
            f'height="{_num(map_height)}"/></clipPath></defs>')
    svg = head + defs + "".join(out) + '<g fill="#222222">' + "".join(legend) + "</g></svg>"
    return svg, chosen.not_drawn


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
              ) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
