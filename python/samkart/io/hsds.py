"""Import an Open Referral HSDS data package (a folder of CSV files) as actors and measures.

The Human Services Data Specification (HSDS) of Open Referral describes organisations, the
services they provide and where. This importer reads the tabular form of HSDS **3.0**
(``openreferral/specification``, ``schema/*.json``, versions 3.0–3.2) and the older tables of
**HSDS 1.1/2.0 as extended by the Open Referral UK profile** (``eligibility.csv``,
``service_taxonomy.csv``, ``taxonomy.csv``). The files and columns used:

===========================  ==============================================================
file                         columns
===========================  ==============================================================
``organizations.csv``        ``id``, ``name``; ``legal_status`` for the owner (below)
``services.csv``             ``id``, ``organization_id``, ``name``; ``minimum_age``,
                             ``maximum_age`` (HSDS 3.0)
``eligibility.csv``          ``service_id``, ``minimum_age``, ``maximum_age`` (UK profile;
                             several rows per service are combined: lowest minimum,
                             highest maximum)
``service_areas.csv``        ``service_id``, ``name`` (or ``uri`` when there is no name)
``service_at_location.csv``  ``service_id``, ``location_id``, with ``addresses.csv``
                             (``location_id``, ``city``): used when there are no service areas
``attributes.csv``           ``link_id``, ``link_entity`` (``service``), ``taxonomy_term_id``,
                             with ``taxonomy_terms.csv`` (``id``, ``code``, ``name``,
                             ``parent_id``): HSDS 3.0 taxonomy
``service_taxonomy.csv``     ``service_id``, ``taxonomy_id``, with ``taxonomy.csv`` (``id``,
                             ``name``, ``parent_id``): HSDS 1.1/2.0 taxonomy
===========================  ==============================================================

HSDS 1.1 names some of these tables differently (``services_taxonomy.csv``,
``services_at_location.csv``, ``physical_addresses.csv``, ``service_area.csv``); each table is
found by the name or file its package's ``datapackage.json`` declares, else by either file name.

Organisations become actors, services measures (providers: the organisation), service areas
areas (kind ``municipality``, id and name the area's name; a measure's areas are its service
areas, an actor's the union of its services' areas). Ages come from the service's
``minimum_age``/``maximum_age`` (else the eligibility rows); a missing minimum is 0, a missing
maximum 120.

**The prevention level** is not part of HSDS, so it comes, for each service, from the first of:

1. ``level``: a mapping service id → level, or a callable taking the service's row (a dict of
   its CSV columns) and returning a level or None;
2. the service's taxonomy terms (and their parents): a term whose code or name is a samkart
   level — ``"1"``–``"4"``, ``"level 2"``, ``"samkart:2"``, a level name (``"early"``), an IOM
   name (``"universal"``, ``"selective"``, ``"indicated"``, ``"treatment"``) or a level label
   in nb, da or en (``"Tidlig innsats"``). Nothing is guessed from free text. Two terms that
   give different levels are a conflict and reported;
3. ``default_level``, when given.

**The status** of a service (HSDS ``status``): ``inactive`` and ``defunct`` services are
imported as measures with status ``ended`` (they cover nothing, and stay visible as what
existed), with one :class:`UserWarning` naming them; a ``temporarily closed`` service stays
``active`` with a warning; other values are warned about and imported as active.

Every service still without a level is reported in one :class:`samkart.ValidationError`
(none is dropped or given a level silently).

**The owner** of an actor (municipal, county, state, private, voluntary,
self_governing) is likewise given by
``owner`` (a name for all, a mapping organisation id → owner, or a callable), else taken from
``legal_status`` when it is exactly an owner name or label (``"municipal"``, ``"Kommunal"``,
``"voluntary"``; nothing else is guessed), else ``default_owner``; organisations still
without one are reported in the same error.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from samkart import _core
from samkart import schema as _schema
from samkart._core import Landscape, Level
from samkart._util import check_file_size, read_csv_rows
from samkart.errors import SamkartError, ValidationError
from samkart.io.frames import from_frames

__all__ = ["LevelSource", "OwnerSource", "from_hsds"]

#: Where the level of each service comes from: service id → level, or row → level or None.
LevelSource = Mapping[str, int | Level] | Callable[[dict[str, str]], int | Level | None]
#: Where the owner of each organisation comes from: one owner for all, organisation id →
#: owner, or row → owner or None.
OwnerSource = str | Mapping[str, str] | Callable[[dict[str, str]], str | None]

_LEVEL_TERM = re.compile(r"^(?:samkart[:\s_-]*|level[:\s_-]*|nivå[:\s_-]*|niveau[:\s_-]*)?"
                         r"([1-4])$", re.IGNORECASE)

# Each table the importer reads: the resource names (datapackage.json "name") and the file
# names it goes by in HSDS 3.0, the UK profile and HSDS 1.1, first choice first.
_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "organizations": (("organization", "organizations"), ("organizations.csv",)),
    "services": (("service", "services"), ("services.csv",)),
    "eligibility": (("eligibility", "eligibilities"), ("eligibility.csv",)),
    "service_areas": (("service_area", "service_areas"),
                      ("service_areas.csv", "service_area.csv")),
    "service_at_location": (("service_at_location", "services_at_location"),
                            ("service_at_location.csv", "services_at_location.csv")),
    "addresses": (("address", "addresses", "physical_address", "physical_addresses"),
                  ("addresses.csv", "physical_addresses.csv")),
    "attributes": (("attribute", "attributes"), ("attributes.csv",)),
    "taxonomy_terms": (("taxonomy_term", "taxonomy_terms"), ("taxonomy_terms.csv",)),
    "service_taxonomy": (("service_taxonomy", "services_taxonomy"),
                         ("service_taxonomy.csv", "services_taxonomy.csv")),
    "taxonomy": (("taxonomy",), ("taxonomy.csv",)),
}
# HSDS service status → measure status; other values are imported as active with a warning.
_ENDED = frozenset({"inactive", "defunct"})


def _targets(collection: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The frame columns an import fills, each checked against the field table (``ages`` is
    the pair ``age_min``/``age_max`` in a frame): a renamed field fails at import time."""
    for name in names:
        _schema.field(collection, "ages" if name in ("age_min", "age_max") else name)
    return names


_ACTOR_COLUMNS = _targets("actors", ("id", "name", "owner", "areas", "citation"))
_MEASURE_COLUMNS = _targets("measures", ("id", "name", "level", "providers", "areas", "age_min",
                                         "age_max", "status", "citation"))
_AREA_COLUMNS = _targets("areas", ("id", "name", "kind"))


def _inside(manifest: Path, path: str) -> str:
    """A resource path of datapackage.json, refused unless it is a file in the package: the
    Data Package specification allows only relative POSIX paths without ``..``, and a path out
    of the folder could name any file (or a device that never ends)."""
    parts = path.replace("\\", "/").split("/")
    if path.startswith("/") or ".." in parts or ":" in parts[0] or not path.strip() \
            or "\0" in path:
        msg = (f"{manifest}: the resource path {path!r} leaves the package folder; a data "
               "package names its files by paths relative to its folder, without '..'")
        raise SamkartError(msg)
    return path


@dataclass
class _Package:
    """A data package folder: where each table is, by its datapackage.json or by file name."""

    folder: Path
    declared: dict[str, str] = field(default_factory=dict)  # resource name → path

    @classmethod
    def open(cls, folder: Path) -> _Package:
        package = cls(folder)
        manifest = folder / "datapackage.json"
        if manifest.exists():
            check_file_size(manifest, "datapackage.json")
            try:
                meta = json.loads(manifest.read_text(encoding="utf-8-sig"))
            except (ValueError, OSError, RecursionError) as err:
                msg = f"{manifest}: not a readable datapackage.json ({err})"
                raise SamkartError(msg) from None
            resources = meta.get("resources", []) if isinstance(meta, dict) else []
            for r in resources if isinstance(resources, list) else []:
                if isinstance(r, dict) and isinstance(r.get("path"), str):
                    package.declared[str(r.get("name", ""))] = _inside(manifest, r["path"])
        return package

    def path(self, table: str) -> Path | None:
        """The file of a table: the resource the manifest names for it (by resource name,
        else by file name), else the first of its usual file names that exists."""
        names, files = _TABLES[table]
        for name in names:
            if name in self.declared:
                return self.folder / self.declared[name]
        for path in self.declared.values():
            if Path(path).name in files:
                return self.folder / path
        for f in files:
            if (self.folder / f).exists():
                return self.folder / f
        return None

    def read(self, table: str, required: tuple[str, ...] = (),
             optional: bool = False) -> list[tuple[int, dict[str, str]]]:
        path = self.path(table)
        if path is None or not path.exists():
            if optional:
                return []
            shown = self.folder / (path.name if path is not None else _TABLES[table][1][0])
            msg = f"{shown}: missing; an HSDS package needs {shown.name}"
            raise SamkartError(msg)
        header, rows = read_csv_rows(path, strip=True)  # the limits hold as it is read
        missing = [c for c in required if c not in header]
        if missing:
            msg = f"{path}: missing column(s) {', '.join(missing)}"
            raise SamkartError(msg)
        return rows

    def file(self, table: str) -> str:
        path = self.path(table)
        return path.name if path is not None else _TABLES[table][1][0]


def from_hsds(
    path: str | Path,
    *,
    level: LevelSource | None = None,
    default_level: int | Level | None = None,
    owner: OwnerSource | None = None,
    default_owner: str | None = None,
    name: str | None = None,
    year: int | None = None,
    currency: str = "NOK",
) -> Landscape:
    """Read the HSDS data package in the folder ``path`` into a landscape.

    Args:
        path: the folder holding ``organizations.csv``, ``services.csv`` and the other tables
            (and, if it has one, the ``datapackage.json`` that names them).
        level: the prevention level of services (see the module documentation).
        default_level: the level of services that have none from ``level`` or the taxonomy.
        owner: the owner of organisations (see the module documentation).
        default_owner: the owner of organisations that have none otherwise.
        name, year, currency: of the landscape; the name defaults to the folder's name.

    Returns:
        The landscape, built with :func:`samkart.from_frames`.

    Warns:
        UserWarning: services whose HSDS status is not ``active`` (inactive and defunct
            ones are imported with status ``ended``), naming each of them.

    Raises:
        SamkartError: the folder or a required file or column is missing.
        ValidationError: services without a level, organisations without an owner, conflicting
            taxonomy levels, unknown organisations, and any rule of the model; all at once,
            each naming the file, line and id.
    """
    folder = Path(path)
    if not folder.is_dir():
        msg = f"{folder}: no such folder (an HSDS data package is a folder of CSV files)"
        raise SamkartError(msg)
    frames, notes = _frames(_Package.open(folder), level=level, default_level=default_level,
                            owner=owner, default_owner=default_owner)
    try:
        land = from_frames(**frames, name=name or folder.name, year=year, currency=currency)
    except ValidationError as e:
        raise _error(folder, [str(p) for p in e.problems]) from None
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=2)
    return land


def _frames(package: _Package, *, level: LevelSource | None, default_level: int | Level | None,
            owner: OwnerSource | None, default_owner: str | None
            ) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The areas, actors and measures frames of a package, and the warnings to give."""
    folder = package.folder
    organizations = package.read("organizations", ("id", "name"))
    services = package.read("services", ("id", "name", "organization_id"))
    services_file = package.file("services")
    problems: list[str] = []
    ages = _ages(package, services)
    areas = _areas(package)
    terms = _service_terms(package)
    level_of = _level_rule(level)
    owner_of = _owner_rule(owner)

    area_ids: dict[str, None] = {}
    actor_areas: dict[str, list[str]] = {}
    measures: dict[str, list[Any]] = {c: [] for c in _MEASURE_COLUMNS}
    no_level: list[str] = []
    ended: list[str] = []
    other_status: list[str] = []
    org_ids = {row["id"] for _line, row in organizations}
    for line, row in services:
        sid = row["id"]
        where = f"{services_file} line {line} ({sid!r})"
        if row["organization_id"] not in org_ids:
            problems.append(f"{where}, organization_id: unknown organization "
                            f"{row['organization_id']!r}")
        found = level_of(row)
        if found is None:
            found, conflict = _level_from_terms(terms.get(sid, []))
            if conflict:
                problems.append(f"{where}: its taxonomy terms give different levels ({conflict}); "
                                "pass level= for this service")
                continue
        if found is None and default_level is not None:
            found = int(default_level)
        if found is None:
            no_level.append(f"{sid!r} ({row['name']})")
        status = row.get("status", "").strip().lower()
        if status in _ENDED:
            ended.append(f"{sid!r} ({row['name']}, {status})")
        elif status not in ("", "active"):
            other_status.append(f"{sid!r} ({row['name']}, {row['status']!r})")
        lo, hi = ages.get(sid, (None, None))
        has_ages = lo is not None or hi is not None
        service_areas = areas.get(sid, [])
        for a in service_areas:
            area_ids.setdefault(a, None)
            seen = actor_areas.setdefault(row["organization_id"], [])
            if a not in seen:
                seen.append(a)
        for column, value in (
                ("id", sid), ("name", row["name"] or sid), ("level", found),
                ("providers", [row["organization_id"]]), ("areas", service_areas),
                ("age_min", (0 if lo is None else lo) if has_ages else None),
                ("age_max", (120 if hi is None else hi) if has_ages else None),
                ("status", "ended" if status in _ENDED else None),
                ("citation", f"HSDS {folder.name}, service {sid}")):
            measures[column].append(value)
    if no_level:
        problems.append(
            f"{len(no_level)} {'service has' if len(no_level) == 1 else 'services have'} no "
            f"prevention level: {', '.join(no_level)}. HSDS has no level field: pass "
            "level={service id: 1-4} (or a function of the service's row), tag the services "
            "with a taxonomy term naming the level, or pass default_level=")

    actors: dict[str, list[Any]] = {c: [] for c in _ACTOR_COLUMNS}
    no_owner: list[str] = []
    for _line, row in organizations:
        oid = row["id"]
        found_owner = owner_of(row) or _owner_from_text(row.get("legal_status", "")) \
            or default_owner
        if found_owner is None:
            no_owner.append(f"{oid!r} ({row['name']})")
        for column, value in (("id", oid), ("name", row["name"] or oid),
                              ("owner", found_owner), ("areas", actor_areas.get(oid, [])),
                              ("citation", f"HSDS {folder.name}, organization {oid}")):
            actors[column].append(value)
    if no_owner:
        problems.append(
            f"{len(no_owner)} {'organization has' if len(no_owner) == 1 else 'organizations have'}"
            f" no owner: {', '.join(no_owner)}. Pass owner= (one of municipal, county, state, "
            "private, voluntary, self_governing, or a mapping organization id → owner) or "
            "default_owner=")
    if problems:
        raise _error(folder, problems)

    notes: list[str] = []
    if ended:
        notes.append(
            f"HSDS package {folder.name}: {len(ended)} "
            f"{'service is' if len(ended) == 1 else 'services are'} no longer active and "
            f"{'was' if len(ended) == 1 else 'were'} imported with status 'ended' (covering "
            f"nothing): {', '.join(ended)}")
    if other_status:
        notes.append(
            f"HSDS package {folder.name}: imported as active, though their HSDS status is "
            f"not 'active': {', '.join(other_status)}")
    if not ended:
        del measures["status"]  # every measure has the default status
    frames = {
        "areas": pd.DataFrame(dict(zip(_AREA_COLUMNS, (list(area_ids), list(area_ids),
                                                       ["municipality"] * len(area_ids)),
                                       strict=True))),
        "actors": pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in actors.items()}),
        "measures": pd.DataFrame({c: pd.Series(v, dtype=object)
                                  for c, v in measures.items()}),
    }
    return frames, notes


def _error(folder: Path, problems: list[str]) -> ValidationError:
    n = len(problems)
    head = f"{n} {'problem' if n == 1 else 'problems'} importing the HSDS package {folder}"
    return ValidationError("\n  - ".join([head, *problems]))


def _age(value: str, where: str) -> int | None:
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        msg = f"{where}: {value!r} is not an age"
        raise SamkartError(msg) from None


def _ages(package: _Package, services: list[tuple[int, dict[str, str]]]
          ) -> dict[str, tuple[int | None, int | None]]:
    out: dict[str, tuple[int | None, int | None]] = {}

    def add(sid: str, lo: int | None, hi: int | None) -> None:
        old_lo, old_hi = out.get(sid, (None, None))
        new_lo = lo if old_lo is None else old_lo if lo is None else min(lo, old_lo)
        new_hi = hi if old_hi is None else old_hi if hi is None else max(hi, old_hi)
        out[sid] = (new_lo, new_hi)

    services_file = package.file("services")
    for line, row in services:
        where = f"{services_file} line {line}"
        lo = _age(row.get("minimum_age", ""), where)
        hi = _age(row.get("maximum_age", ""), where)
        if lo is not None or hi is not None:
            add(row["id"], lo, hi)
    given = set(out)
    eligibility_file = package.file("eligibility")
    for line, row in package.read("eligibility", ("service_id",), optional=True):
        sid = row["service_id"]
        if sid in given:
            continue  # the service's own columns win (HSDS 3.0)
        where = f"{eligibility_file} line {line}"
        lo = _age(row.get("minimum_age", ""), where)
        hi = _age(row.get("maximum_age", ""), where)
        if lo is not None or hi is not None:
            add(sid, lo, hi)
    return out


def _areas(package: _Package) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(sid: str, area: str) -> None:
        if area and area not in out.setdefault(sid, []):
            out[sid].append(area)

    rows = package.read("service_areas", ("service_id",), optional=True)
    for _line, row in rows:
        add(row["service_id"], row.get("name") or row.get("service_area") or row.get("uri", ""))
    if rows:
        return out
    cities = {row["location_id"]: row.get("city", "")
              for _line, row in package.read("addresses", ("location_id",), optional=True)}
    for _line, row in package.read("service_at_location", ("service_id", "location_id"),
                                   optional=True):
        add(row["service_id"], cities.get(row["location_id"], ""))
    return out


def _service_terms(package: _Package) -> dict[str, list[list[str]]]:
    """Service id → for each taxonomy term: the names and codes of the term and its parents."""
    terms: dict[str, tuple[list[str], str]] = {}
    for _line, row in package.read("taxonomy_terms", ("id",), optional=True):
        terms[row["id"]] = ([row.get("code", ""), row.get("name", "")], row.get("parent_id", ""))
    for _line, row in package.read("taxonomy", ("id",), optional=True):
        terms.setdefault(row["id"], ([row.get("name", "")], row.get("parent_id", "")))
    links: list[tuple[str, str]] = []
    for _line, row in package.read("attributes", ("link_id", "taxonomy_term_id"),
                                   optional=True):
        if row.get("link_entity", "service") in ("service", ""):
            links.append((row["link_id"], row["taxonomy_term_id"]))
    for _line, row in package.read("service_taxonomy", ("service_id", "taxonomy_id"),
                                   optional=True):
        links.append((row["service_id"], row["taxonomy_id"]))
    out: dict[str, list[list[str]]] = {}
    for sid, term in links:
        words: list[str] = []
        seen: set[str] = set()
        while term and term in terms and term not in seen:
            seen.add(term)
            names, term = terms[term]
            words.extend(n for n in names if n)
        out.setdefault(sid, []).append(words)
    return out


def _level_words() -> dict[str, int]:
    out = {"universal": 1, "early": 2, "targeted": 3, "intensive": 4}
    for level in Level:
        out[level.iom.lower()] = int(level)
        for lang in _core.languages:
            out[level.label(lang).lower()] = int(level)
    return out


def _level_from_terms(terms: list[list[str]]) -> tuple[int | None, str]:
    """The level the taxonomy terms name, and a description of a conflict if they disagree.
    A term counts by its most specific word that names a level (the term before its
    parents)."""
    words = _level_words()
    found: dict[int, str] = {}
    for chain in terms:
        for word in chain:
            match = _LEVEL_TERM.match(word.strip())
            level = int(match.group(1)) if match else words.get(word.strip().lower())
            if level is not None:
                found.setdefault(level, word)
                break
    if len(found) > 1:
        return None, ", ".join(f"{w!r} → {lv}" for lv, w in sorted(found.items()))
    return next(iter(found), None), ""


def _level_rule(level: LevelSource | None) -> Callable[[dict[str, str]], int | None]:
    if level is None:
        return lambda row: None
    if isinstance(level, Mapping):
        table = level
        return lambda row: None if row["id"] not in table else int(table[row["id"]])

    def call(row: dict[str, str]) -> int | None:
        found = level(row)
        return None if found is None else int(found)

    return call


def _owner_rule(owner: OwnerSource | None) -> Callable[[dict[str, str]], str | None]:
    if owner is None:
        return lambda row: None
    if isinstance(owner, str):
        everyone = owner
        return lambda row: everyone
    if isinstance(owner, Mapping):
        table = owner
        return lambda row: table.get(row["id"])
    return owner


def _owner_from_text(text: str) -> str | None:
    key = text.strip().lower()
    if not key:
        return None
    for t in _core.terms("owner"):
        if key == t.name or key in (t.label(lang).lower() for lang in _core.languages):
            return t.name
    return None
