"""Build the area tables and the 2020→2024 crosswalk that samkart ships (python/samkart/data/).

Run from the repository root, with the boundary files of the shared data folder:

    python tools/build_areas.py [--maps ../shared/data/maps] [--out python/samkart/data]

It reads only the properties of the TopoJSON files (codes and names); the Danish
municipality → region table is the one place where geometry is used: each municipality's
interior point is located in a region polygon (``samkart/_topojson.py``). The output is
deterministic: the same files give the same bytes.

Outputs (CSV, UTF-8, one header line):
- ``areas-no-2020.csv``: Norway 2020–2023: the country, 11 counties, 356 municipalities;
- ``areas-no-2024.csv``: Norway from 2024: the country, 15 counties, 357 municipalities;
- ``areas-dk.csv``: Denmark since 2007: the country, 5 regions, 98 municipalities;
- ``crosswalk-no-2020-2024.csv``: every municipality and county number of 2020–2023 with its
  number(s) of 2024, matched by name within the successor counties, exceptions written out.

Sources and licences: see ``SOURCES`` below and python/samkart/data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# samkart/_topojson.py by path: the package need not be built to run this script.
from _topojson_by_path import topojson  # noqa: E402

NO_CITE = "Kommune- og fylkesgrenser: © Kartverket, CC BY 4.0 (robhop/fylker-og-kommuner, {file})"
DK_CITE = "Kommunegrænser: DAGI, Klimadatastyrelsen, CC BY 4.0 (Neogeografen/dagi, {file})"

#: Municipalities missing from the simplified 2020 boundary file (SOURCES.md): islands whose
#: number and county did not change in 2024, so the 2024 file (same source) gives them.
MISSING_2020 = {"1144": "Kvitsøy", "1835": "Træna"}

#: Counties split in 2024 (Stortinget's decision of 2022): old number → new numbers.
COUNTY_SPLITS = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}

#: Municipalities whose 2024 counterpart is not found by name within the successor counties.
#: Ålesund (1507) was split on 1 January 2024 into Ålesund (1508) and Haram (1580).
MUNICIPALITY_EXCEPTIONS = {
    "1507": (("1508", "Ålesund"), ("1580", "Haram")),
}
EXCEPTION_NOTE = {
    "1507": "split on 1 January 2024: Ålesund 1508 and Haram 1580 (Haram had merged into "
    "Ålesund in 2020)",
}

#: Danish regions: DAGI's REGIONKODE → Danmarks Statistik's code (OMRÅDE) and name.
DK_REGIONS = {
    "1081": ("081", "Region Nordjylland"),
    "1082": ("082", "Region Midtjylland"),
    "1083": ("083", "Region Syddanmark"),
    "1084": ("084", "Region Hovedstaden"),
    "1085": ("085", "Region Sjælland"),
}
#: Christiansø belongs to no municipality (it is administered by the state).
DK_NOT_MUNICIPALITIES = {"0411"}

FIELDS = ("id", "name", "kind", "parent", "citation")


def _props(maps: Path, name: str) -> list[dict[str, object]]:
    return [f.properties for f in topojson.read_features(maps / f"{name}.topojson")]


def norway(maps: Path, year: int) -> list[dict[str, str]]:
    kommuner = f"no-kommuner-{year}"
    fylker = f"no-fylker-{year}"
    rows = [{"id": "NO", "name": "Norge", "kind": "country", "parent": "", "citation": ""}]
    for p in sorted(_props(maps, fylker), key=lambda p: str(p["fylkesnummer"]).zfill(2)):
        code = str(p["fylkesnummer"]).zfill(2)
        name = str(p.get("navn") or p.get("name"))
        rows.append({"id": code, "name": name, "kind": "county", "parent": "NO",
                     "citation": NO_CITE.format(file=f"{fylker}.topojson")})
    munis: dict[str, tuple[str, str]] = {}
    for p in _props(maps, kommuner):
        code = str(p["kommunenummer"]).zfill(4)
        name = str(p.get("kommunenavn") or p.get("navn") or p.get("name"))
        munis[code] = (name, NO_CITE.format(file=f"{kommuner}.topojson"))
    if year == 2020:
        later = {str(p["kommunenummer"]): str(p["kommunenavn"])
                 for p in _props(maps, "no-kommuner-2024")}
        for code, name in MISSING_2020.items():
            assert code not in munis, code
            assert later.get(code) == name, (code, later.get(code))
            munis[code] = (name, NO_CITE.format(file="no-kommuner-2024.topojson") +
                           "; not in the simplified 2020 file, number and county unchanged in "
                           "2024")
    counties = {r["id"] for r in rows if r["kind"] == "county"}
    for code in sorted(munis):
        name, cite = munis[code]
        assert code[:2] in counties, (year, code)
        rows.append({"id": code, "name": name, "kind": "municipality", "parent": code[:2],
                     "citation": cite})
    return rows


def denmark(maps: Path) -> list[dict[str, str]]:
    regions = topojson.read_features(maps / "dk-regioner.topojson")
    by_region: dict[str, list[list[topojson.Ring]]] = {}
    for f in regions:
        by_region.setdefault(str(f.properties["REGIONKODE"]), []).extend(f.polygons)
    munis: dict[str, tuple[str, list[list[topojson.Ring]]]] = {}
    for f in topojson.read_features(maps / "dk-kommuner.topojson"):
        code = str(f.properties["KOMKODE"])
        if code in DK_NOT_MUNICIPALITIES:
            continue
        name, polys = munis.get(code, (str(f.properties["KOMNAVN"]), []))
        munis[code] = (name, polys + f.polygons)
    rows = [{"id": "DK", "name": "Danmark", "kind": "country", "parent": "", "citation": ""}]
    for code in sorted(DK_REGIONS):
        dst, name = DK_REGIONS[code]
        rows.append({"id": dst, "name": name, "kind": "county", "parent": "DK",
                     "citation": DK_CITE.format(file="dk-regioner.topojson") +
                     f"; DAGI regionskode {code}, Danmarks Statistik's code {dst}"})
    for code in sorted(munis):
        name, polys = munis[code]
        point = topojson.interior_point(polys)
        found = [r for r, rp in by_region.items() if topojson.contains(rp, point)]
        assert len(found) == 1, (code, name, point, found)
        rows.append({"id": str(int(code)), "name": name, "kind": "municipality",
                     "parent": DK_REGIONS[found[0]][0],
                     "citation": DK_CITE.format(file="dk-kommuner.topojson") +
                     f"; kommunekode {code}; region located from the boundaries"})
    return rows


def _parts(name: str) -> set[str]:
    """The parts of an official multi-language name: "Harstad - Hárstták" → {Harstad, Hárstták}
    (the 2020 file has "Harstad"); names are compared by parts."""
    return {part.strip() for part in name.split(" - ")}


def crosswalk(old: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    new_by_id = {r["id"]: r for r in new}
    out: list[dict[str, str]] = []
    for r in old:
        if r["kind"] == "country":
            continue
        code, name = r["id"], r["name"]
        if r["kind"] == "county":
            if code in COUNTY_SPLITS:
                for c in COUNTY_SPLITS[code]:
                    out.append({"kind": "county", "code_2020": code, "name_2020": name,
                                "code_2024": c, "name_2024": new_by_id[c]["name"],
                                "change": "split", "note": f"county {code} split in 2024"})
            else:
                assert new_by_id[code]["name"] == name, (code, name)
                out.append({"kind": "county", "code_2020": code, "name_2020": name,
                            "code_2024": code, "name_2024": name, "change": "unchanged",
                            "note": ""})
            continue
        if code in MUNICIPALITY_EXCEPTIONS:
            for c, n in MUNICIPALITY_EXCEPTIONS[code]:
                assert new_by_id[c]["name"] == n, (c, n)
                out.append({"kind": "municipality", "code_2020": code, "name_2020": name,
                            "code_2024": c, "name_2024": n, "change": "split",
                            "note": EXCEPTION_NOTE[code]})
            continue
        successors = COUNTY_SPLITS.get(code[:2], (code[:2],))
        matches = [n for n in new if n["kind"] == "municipality" and n["parent"] in successors
                   and _parts(n["name"]) & _parts(name)]
        assert len(matches) == 1, (code, name, matches)
        m = matches[0]
        out.append({"kind": "municipality", "code_2020": code, "name_2020": name,
                    "code_2024": m["id"], "name_2024": m["name"],
                    "change": "unchanged" if m["id"] == code else "renumbered",
                    "note": "" if m["id"] == code else
                    f"county {code[:2]} split in 2024; matched by name in county {m['parent']}"})
    # Every 2024 municipality and county has a 2020 predecessor.
    reached = {r["code_2024"] for r in out}
    missing = [r["id"] for r in new if r["kind"] != "country" and r["id"] not in reached]
    assert not missing, missing
    return out


def write(path: Path, rows: list[dict[str, str]], fields: tuple[str, ...]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    kinds = Counter(r.get("kind", "") for r in rows)
    print(f"{path}: {len(rows)} rows {dict(kinds)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_maps = next((p / "shared/data/maps" for p in ROOT.parents
                         if (p / "shared/data/maps").is_dir()), None)
    parser.add_argument("--maps", type=Path, default=default_maps,
                        required=default_maps is None)
    parser.add_argument("--out", type=Path, default=ROOT / "python/samkart/data")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    no2020, no2024, dk = norway(args.maps, 2020), norway(args.maps, 2024), denmark(args.maps)
    write(args.out / "areas-no-2020.csv", no2020, FIELDS)
    write(args.out / "areas-no-2024.csv", no2024, FIELDS)
    write(args.out / "areas-dk.csv", dk, FIELDS)
    write(args.out / "crosswalk-no-2020-2024.csv", crosswalk(no2020, no2024),
          ("kind", "code_2020", "name_2020", "code_2024", "name_2024", "change", "note"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
