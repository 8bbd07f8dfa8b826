"""Build the boundary maps that samkart ships for drawing (python/samkart/data/maps/).

Run from the repository root, with the boundary files of the shared data folder:

    python tools/build_maps.py [--maps ../shared/data/maps] [--out python/samkart/data/maps]

Inputs (see ``SOURCES.md`` of the shared folder and ``python/samkart/data/maps/README.md``):
``no-kommuner-2020``, ``no-kommuner-2024`` (Kartverket via robhop/fylker-og-kommuner, CC BY 4.0,
WGS84 longitude/latitude, not quantized) and ``dk-kommuner`` (DAGI via Neogeografen/dagi,
CC BY 4.0, already quantized). The county and region files are not read: counties are merged
from their municipalities here, so that a county border is exactly its municipalities' border.

What it does, and nothing else (no simplification: the inputs are already simplified):

1. Decodes every arc to longitude/latitude (``samkart/_topojson.py``).
2. Norway: quantizes the arcs to a 100 000 × 100 000 grid over the file's bounding box (a step
   of about 0.00027° of longitude and 0.00013° of latitude, 12–15 m on the ground, far below a
   pixel of any drawing) and drops a position equal to the one before it; the first and last
   position of every arc are kept, so shared borders stay shared. Denmark keeps its own
   quantization (DAGI 1:500 000, steps of about 45 m × 35 m).
3. 2020–2023: adds Kvitsøy (1144) and Træna (1835), which the simplified 2020 file lacks,
   from the 2024 file of the same source (their numbers and boundaries did not change in 2024),
   each ring as an arc of its own (islands: they share no border).
4. Writes one geometry per area with properties ``id`` and ``name`` only: Norwegian numbers
   as four-digit strings (``"0301"``); Danish municipalities under Danmarks Statistik's code
   (``"101"``, as in ``areas-dk.csv``; DAGI writes ``0101``), their polygons gathered into one
   MultiPolygon; Christiansø (DAGI ``0411``), which belongs to no municipality, is left out.
5. Adds an object ``counties``: each county (Danish region) as the union of its
   municipalities, the parents taken from the area tables (``python/samkart/data/areas-*.csv``):
   the arcs that only one of its municipalities uses are its border, chained into rings.
6. Writes ``no-2020.topojson``, ``no-2024.topojson`` and ``dk.topojson``, each with objects
   ``municipalities`` and ``counties`` and a ``transform``, compact JSON, deterministic bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# samkart/_topojson.py by path: the package need not be built to run this script.
from _topojson_by_path import topojson  # noqa: E402

GRID = 100_000
MISSING_2020 = {"1144": "Kvitsøy", "1835": "Træna"}
DK_NOT_MUNICIPALITIES = {"0411"}

Point = tuple[int, int]


class Builder:
    """Quantized arcs (absolute integer positions) and geometries referring to them."""

    def __init__(self, scale: tuple[float, float], translate: tuple[float, float]) -> None:
        self.scale, self.translate = scale, translate
        self.arcs: list[list[Point]] = []

    def quantize(self, p: tuple[float, float]) -> Point:
        return (round((p[0] - self.translate[0]) / self.scale[0]),
                round((p[1] - self.translate[1]) / self.scale[1]))

    def add_arc(self, positions: list[tuple[float, float]]) -> int:
        q = [self.quantize(p) for p in positions]
        kept = [q[0]] + [b for a, b in pairwise(q[:-1]) if b != a]
        if q[-1] != kept[-1] or len(kept) == 1:
            kept.append(q[-1])
        self.arcs.append(kept)
        return len(self.arcs) - 1

    def endpoints(self, i: int) -> tuple[Point, Point]:
        arc = self.arcs[i] if i >= 0 else self.arcs[~i][::-1]
        return arc[0], arc[-1]

    def topology(self, objects: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        arcs = []
        for arc in self.arcs:
            deltas = [list(arc[0])]
            deltas += [[b[0] - a[0], b[1] - a[1]] for a, b in pairwise(arc)]
            arcs.append(deltas)
        return {"type": "Topology",
                "transform": {"scale": list(self.scale), "translate": list(self.translate)},
                "objects": {k: {"type": "GeometryCollection", "geometries": v}
                            for k, v in objects.items()},
                "arcs": arcs}


def _ring_area(b: Builder, ring: list[int]) -> float:
    pts: list[Point] = []
    for i in ring:
        arc = b.arcs[i] if i >= 0 else b.arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(pts)) / 2


def _ring_points(b: Builder, ring: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in ring:
        arc = b.arcs[i] if i >= 0 else b.arcs[~i][::-1]
        pts.extend([(float(x), float(y)) for x, y in (arc if not pts else arc[1:])])
    return pts


def merge(b: Builder, members: list[list[list[list[int]]]]) -> dict[str, Any]:
    """The union of polygons (each a list of rings of arc indices) as a MultiPolygon: arcs used
    by one member only are the border; they are chained end to start into rings, and each ring
    that lies inside an odd number of others is a hole of the smallest ring around it."""
    uses: dict[int, list[int]] = defaultdict(list)
    for poly in (p for m in members for p in m):
        for ring in poly:
            for i in ring:
                uses[i if i >= 0 else ~i].append(i)
    border = [signed[0] for signed in uses.values() if len(signed) == 1]
    starting: dict[Point, list[int]] = defaultdict(list)
    for i in border:
        starting[b.endpoints(i)[0]].append(i)
    rings: list[list[int]] = []
    for first in border:
        start = b.endpoints(first)[0]
        if first not in starting[start]:
            continue  # already chained
        ring, end = [], start
        i = first
        while True:
            starting[b.endpoints(i)[0]].remove(i)
            ring.append(i)
            end = b.endpoints(i)[1]
            if end == start:
                break
            i = starting[end][0]
        rings.append(ring)
    points = [_ring_points(b, r) for r in rings]
    areas = [abs(_ring_area(b, r)) for r in rings]
    outside: list[list[int]] = []  # for each ring, the rings it lies inside
    for k, pts in enumerate(points):
        probe = topojson.interior_point([[pts]])  # not on a vertex another ring may share
        outside.append([j for j, other in enumerate(points) if j != k and
                        topojson.contains([[other]], probe)])
    polygons: dict[int, list[list[int]]] = {}
    for k in sorted(range(len(rings)), key=lambda k: -areas[k]):
        if len(outside[k]) % 2 == 0:
            polygons[k] = [rings[k]]
        else:
            parent = min(outside[k], key=lambda j: areas[j])
            polygons[parent].append(rings[k])
    return {"type": "MultiPolygon", "arcs": list(polygons.values())}


def _arc_indices(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return dict(json.load(f))


def _parents(table: str) -> dict[str, str]:
    with open(ROOT / "python/samkart/data" / table, encoding="utf-8") as f:
        return {r["id"]: r["parent"] for r in csv.DictReader(f) if r["kind"] == "municipality"}


def _names(table: str, kind: str) -> dict[str, str]:
    with open(ROOT / "python/samkart/data" / table, encoding="utf-8") as f:
        return {r["id"]: r["name"] for r in csv.DictReader(f) if r["kind"] == kind}


def _counties(b: Builder, munis: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    parents = _parents(table)
    names = _names(table, "county")
    groups: dict[str, list[list[list[list[int]]]]] = defaultdict(list)
    for g in munis:
        groups[parents[g["properties"]["id"]]].append(_arc_indices(g))
    return [{**merge(b, groups[c]), "properties": {"id": c, "name": names[c]}}
            for c in sorted(groups)]


def norway(maps: Path, year: int) -> dict[str, Any]:
    source = _load(maps / f"no-kommuner-{year}.topojson")
    arcs = topojson._decode_arcs(source)
    islands: dict[str, Any] = {}
    if year == 2020:
        later = topojson.read_features(maps / "no-kommuner-2024.topojson")
        islands = {str(f.properties["kommunenummer"]): f for f in later
                   if str(f.properties["kommunenummer"]) in MISSING_2020}
    # The grid spans every position, the islands' too.
    pts = [p for arc in arcs for p in arc]
    pts += [p for f in islands.values() for poly in f.polygons for ring in poly for p in ring]
    lo = (min(x for x, _ in pts), min(y for _, y in pts))
    hi = (max(x for x, _ in pts), max(y for _, y in pts))
    b = Builder(((hi[0] - lo[0]) / (GRID - 1), (hi[1] - lo[1]) / (GRID - 1)), lo)
    ids = [b.add_arc(arc) for arc in arcs]
    assert ids == list(range(len(arcs)))
    object_name = next(iter(source["objects"]))
    munis = []
    for g in source["objects"][object_name]["geometries"]:
        p = g["properties"]
        code = str(p["kommunenummer"]).zfill(4)
        name = str(p.get("kommunenavn") or p.get("navn") or p.get("name"))
        munis.append({"type": g["type"], "arcs": g["arcs"],
                      "properties": {"id": code, "name": name}})
    if year == 2020:
        for code, name in MISSING_2020.items():
            f = islands[code]
            assert str(f.properties["kommunenavn"]) == name, (code, f.properties)
            assert code not in {m["properties"]["id"] for m in munis}, code
            polys = [[[b.add_arc(ring)] for ring in poly] for poly in f.polygons]
            munis.append({"type": "MultiPolygon", "arcs": polys,
                          "properties": {"id": code, "name": name}})
    munis.sort(key=lambda g: g["properties"]["id"])
    table = f"areas-no-{year}.csv"
    assert {g["properties"]["id"] for g in munis} == set(_parents(table)), year
    return b.topology({"municipalities": munis, "counties": _counties(b, munis, table)})


def denmark(maps: Path) -> dict[str, Any]:
    source = _load(maps / "dk-kommuner.topojson")
    transform = source["transform"]
    b = Builder(tuple(transform["scale"]), tuple(transform["translate"]))  # type: ignore[arg-type]
    for arc in topojson._decode_arcs(source):
        b.add_arc(arc)  # quantizes back onto the same grid: the same integers
    gathered: dict[str, tuple[str, list[Any]]] = {}
    object_name = next(iter(source["objects"]))
    for g in source["objects"][object_name]["geometries"]:
        dagi = str(g["properties"]["KOMKODE"])
        if dagi in DK_NOT_MUNICIPALITIES:
            continue
        code = str(int(dagi))
        name, polys = gathered.get(code, (str(g["properties"]["KOMNAVN"]), []))
        gathered[code] = (name, polys + _arc_indices(g))
    munis = [{"type": "MultiPolygon", "arcs": polys, "properties": {"id": code, "name": name}}
             for code, (name, polys) in sorted(gathered.items())]
    assert set(gathered) == set(_parents("areas-dk.csv"))
    return b.topology({"municipalities": munis,
                       "counties": _counties(b, munis, "areas-dk.csv")})


def write(path: Path, topology: dict[str, Any]) -> None:
    text = json.dumps(topology, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    objects = {k: len(v["geometries"]) for k, v in topology["objects"].items()}
    positions = sum(len(a) for a in topology["arcs"])
    print(f"{path}: {len(text)} bytes, {len(topology['arcs'])} arcs, {positions} positions, "
          f"{objects}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_maps = next((p / "shared/data/maps" for p in ROOT.parents
                         if (p / "shared/data/maps").is_dir()), None)
    parser.add_argument("--maps", type=Path, default=default_maps,
                        required=default_maps is None)
    parser.add_argument("--out", type=Path, default=ROOT / "python/samkart/data/maps")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "no-2020.topojson", norway(args.maps, 2020))
    write(args.out / "no-2024.topojson", norway(args.maps, 2024))
    write(args.out / "dk.topojson", denmark(args.maps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
