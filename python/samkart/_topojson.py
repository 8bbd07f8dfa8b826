"""A small TopoJSON reader: feature properties and polygon rings, no GIS library needed.

TopoJSON (https://github.com/topojson/topojson-specification) stores each boundary line once, in
the topology's ``arcs``; a polygon lists the arcs of each ring by index, a negative index
``~i`` (``-i - 1``) meaning arc ``i`` reversed. A quantized topology (one with a
``transform``) stores each arc as a first position followed by deltas, in integers, mapped back
by ``x * scale + translate``. This module decodes both forms into plain lists of (x, y)
rings, which is all that the area tables (``tools/build_areas.py``) and drawn maps need.

Private: the functions may change with the maps that use them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

__all__ = ["Feature", "contains", "decode", "interior_point", "read_features"]

#: A ring: closed list of (x, y) positions, the first equal to the last.
Ring = list[tuple[float, float]]


@dataclass
class Feature:
    """One geometry of a TopoJSON object: its properties and its polygons.

    ``polygons`` is a list of polygons, each a list of rings: the exterior ring first, then its
    holes (the GeoJSON convention). Points and lines are not decoded (empty list).
    """

    properties: dict[str, Any]
    polygons: list[list[Ring]] = field(default_factory=list)


def _decode_arcs(topology: Mapping[str, Any]) -> list[Ring]:
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        ring: Ring = []
        for p in arc:
            x += p[0]
            y += p[1]
            ring.append((x * sx + tx, y * sy + ty))
        arcs.append(ring)
    return arcs


def _ring(arcs: Sequence[Ring], indices: Sequence[int]) -> Ring:
    ring: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        # Consecutive arcs share their end point: keep it once.
        ring.extend(arc if not ring else arc[1:])
    return ring


def _polygons(arcs: Sequence[Ring], geometry: Mapping[str, Any]) -> list[list[Ring]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(arcs, r) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    if kind == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _polygons(arcs, g)]
    return []


def read_features(path: str | Path, obj: str | None = None) -> list[Feature]:
    """The features of one object of a TopoJSON file (the only object when ``obj`` is None).

    Raises
    ------
    ValueError
        The file is not a TopoJSON topology, or has no object ``obj`` (or several and none named).
    """
    with open(path, encoding="utf-8") as f:
        topology = json.load(f)
    return decode(topology, [obj], where=str(path))[0]


def decode(topology: Any, objects: Sequence[str | None], *, where: str = "topology"
           ) -> list[list[Feature]]:
    """The features of each of ``objects`` of a parsed topology (None: its only object). The
    arcs are decoded once for all of them: the objects of one topology share their borders.

    Raises
    ------
    ValueError
        ``topology`` is not a TopoJSON topology, or lacks one of ``objects`` (or has several and
        None was given). The message starts with ``where`` (a file name).
    """
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        msg = f"{where}: not a TopoJSON topology (no \"type\": \"Topology\")"
        raise ValueError(msg)
    found: dict[str, Any] = topology.get("objects", {})
    roots = []
    for obj in objects:
        if obj is None:
            if len(found) != 1:
                msg = f"{where}: {len(found)} objects ({', '.join(found)}); name one"
                raise ValueError(msg)
            obj = next(iter(found))
        if obj not in found:
            msg = f"{where}: no object {obj!r}; it has {', '.join(found)}"
            raise ValueError(msg)
        roots.append(found[obj])
    arcs = _decode_arcs(topology)
    return [[Feature(dict(g.get("properties") or {}), _polygons(arcs, g))
             for g in root.get("geometries", [root])] for root in roots]


def _inside_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(polygons: Sequence[Sequence[Ring]], point: tuple[float, float]) -> bool:
    """Whether ``point`` lies inside the polygons (even-odd rule: holes excluded)."""
    x, y = point
    return any(_inside_ring(x, y, ring) for poly in polygons for ring in poly[:1]) and not any(
        _inside_ring(x, y, hole) for poly in polygons for hole in poly[1:]
        if _inside_ring(x, y, poly[0]))


def _area(ring: Ring) -> float:
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
    return abs(twice) / 2


def _crossings(ring: Ring, y: float) -> Iterator[float]:
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y):
            yield x1 + (y - y1) * (x2 - x1) / (y2 - y1)


def interior_point(polygons: Sequence[Sequence[Ring]]) -> tuple[float, float]:
    """A point well inside the largest polygon: the middle of the widest stretch of a horizontal
    line through the middle of its exterior ring that lies inside it (holes counted). Unlike a
    centroid, it is inside concave shapes too.

    Raises
    ------
    ValueError
        There is no polygon.
    """
    if not polygons:
        msg = "interior_point: no polygon"
        raise ValueError(msg)
    poly = max(polygons, key=lambda p: _area(p[0]))
    ys = sorted(y for _, y in poly[0])
    # Away from vertices, so that no crossing is counted twice.
    y = (ys[len(ys) // 2] + ys[len(ys) // 2 - 1]) / 2 if len(ys) > 1 else ys[0]
    xs = sorted(x for ring in poly for x in _crossings(ring, y))
    best: tuple[float, float] | None = None
    for a, b in zip(xs[::2], xs[1::2], strict=False):
        if best is None or b - a > best[1] - best[0]:
            best = (a, b)
    if best is None:
        return poly[0][0]
    return ((best[0] + best[1]) / 2, y)
