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

Every service still without a level is reported in one :class:`samkart.ValidationError`
(none is dropped or given a level silently).

**The owner** of an actor (municipal, county, state, private, voluntary) is likewise given by
``owner`` (a name for all, a mapping organisation id → owner, or a callable), else taken from
``legal_status`` when it is exactly an owner name or label (``"municipal"``, ``"Kommunal"``,
``"voluntary"``; nothing else is guessed), else ``default_owner``; organisations still
without one are reported in the same error.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from samkart import _core
from samkart._core import Landscape, Level
from samkart.errors import SamkartError, ValidationError

__all__ = ["LevelSource", "OwnerSource", "from_hsds"]

#: Where the level of each service comes from: service id → level, or row → level or None.
LevelSource = Mapping[str, int | Level] | Callable[[dict[str, str]], int | Level | None]
#: Where the owner of each organisation comes from: one owner for all, organisation id →
#: owner, or row → owner or None.
OwnerSource = str | Mapping[str, str] | Callable[[dict[str, str]], str | None]

_LEVEL_TERM = re.compile(r"^(?:samkart[:\s_-]*|level[:\s_-]*|nivå[:\s_-]*|niveau[:\s_-]*)?"
                         r"([1-4])$", re.IGNORECASE)


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
        path: the folder holding ``organizations.csv``, ``services.csv`` and the other tables.
        level: the prevention level of services (see the module documentation).
        default_level: the level of services that have none from ``level`` or the taxonomy.
        owner: the owner of organisations (see the module documentation).
        default_owner: the owner of organisations that have none otherwise.
        name, year, currency: of the landscape; the name defaults to the folder's name.

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
    organizations = _table(folder, "organizations.csv", ("id", "name"))
    services = _table(folder, "services.csv", ("id", "name", "organization_id"))
    problems: list[str] = []
    ages = _ages(folder, services)
    areas = _areas(folder)
    terms = _service_terms(folder)
    level_of = _level_rule(level)
    owner_of = _owner_rule(owner)

    area_records: dict[str, dict[str, Any]] = {}
    actor_areas: dict[str, list[str]] = {}
    measures: list[dict[str, Any]] = []
    no_level: list[str] = []
    org_ids = {row["id"] for _line, row in organizations}
    for line, row in services:
        sid = row["id"]
        where = f"services.csv line {line} ({sid!r})"
        record: dict[str, Any] = {"id": sid, "name": row["name"] or sid,
                                  "providers": [row["organization_id"]],
                                  "citation": f"HSDS {folder.name}, service {sid}"}
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
        else:
            record["level"] = found
        lo, hi = ages.get(sid, (None, None))
        if lo is not None or hi is not None:
            record["ages"] = [0 if lo is None else lo, 120 if hi is None else hi]
        service_areas = areas.get(sid, [])
        if service_areas:
            record["areas"] = service_areas
            for a in service_areas:
                area_records.setdefault(a, {"id": a, "name": a, "kind": "municipality"})
                actor_areas.setdefault(row["organization_id"], [])
                if a not in actor_areas[row["organization_id"]]:
                    actor_areas[row["organization_id"]].append(a)
        measures.append(record)
    if no_level:
        problems.append(
            f"{len(no_level)} {'service has' if len(no_level) == 1 else 'services have'} no "
            f"prevention level: {', '.join(no_level)}. HSDS has no level field: pass "
            "level={service id: 1-4} (or a function of the service's row), tag the services "
            "with a taxonomy term naming the level, or pass default_level=")

    actors: list[dict[str, Any]] = []
    no_owner: list[str] = []
    for _line, row in organizations:
        oid = row["id"]
        actor: dict[str, Any] = {"id": oid, "name": row["name"] or oid,
                                 "citation": f"HSDS {folder.name}, organization {oid}"}
        found_owner = owner_of(row) or _owner_from_text(row.get("legal_status", "")) \
            or default_owner
        if found_owner is None:
            no_owner.append(f"{oid!r} ({row['name']})")
        else:
            actor["owner"] = found_owner
        if oid in actor_areas:
            actor["areas"] = actor_areas[oid]
        actors.append(actor)
    if no_owner:
        problems.append(
            f"{len(no_owner)} {'organization has' if len(no_owner) == 1 else 'organizations have'}"
            f" no owner: {', '.join(no_owner)}. Pass owner= (one of municipal, county, state, "
            "private, voluntary, or a mapping organization id → owner) or default_owner=")
    if problems:
        raise _error(folder, problems)

    doc: dict[str, Any] = {"samkart": 1, "name": name or folder.name, "currency": currency,
                           "areas": list(area_records.values()), "actors": actors,
                           "measures": measures}
    if year is not None:
        doc["year"] = year
    try:
        return _core.from_json_string(json.dumps(doc, ensure_ascii=False), str(folder))
    except ValidationError as e:
        raise _error(folder, [str(p) for p in e.problems]) from None


def _error(folder: Path, problems: list[str]) -> ValidationError:
    n = len(problems)
    head = f"{n} {'problem' if n == 1 else 'problems'} importing the HSDS package {folder}"
    return ValidationError("\n  - ".join([head, *problems]))


def _table(folder: Path, name: str, required: tuple[str, ...] = (),
           optional: bool = False) -> list[tuple[int, dict[str, str]]]:
    path = folder / name
    if not path.exists():
        if optional:
            return []
        msg = f"{path}: missing; an HSDS package needs {name}"
        raise SamkartError(msg)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in required if c not in header]
        if missing:
            msg = f"{path}: missing column(s) {', '.join(missing)}"
            raise SamkartError(msg)
        return [(reader.line_num, {str(k).strip(): (v or "").strip() for k, v in row.items()
                                   if k is not None}) for row in reader]


def _age(value: str, where: str) -> int | None:
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        msg = f"{where}: {value!r} is not an age"
        raise SamkartError(msg) from None


def _ages(folder: Path, services: list[tuple[int, dict[str, str]]]
          ) -> dict[str, tuple[int | None, int | None]]:
    out: dict[str, tuple[int | None, int | None]] = {}

    def add(sid: str, lo: int | None, hi: int | None) -> None:
        old_lo, old_hi = out.get(sid, (None, None))
        new_lo = lo if old_lo is None else old_lo if lo is None else min(lo, old_lo)
        new_hi = hi if old_hi is None else old_hi if hi is None else max(hi, old_hi)
        out[sid] = (new_lo, new_hi)

    for line, row in services:
        where = f"services.csv line {line}"
        lo = _age(row.get("minimum_age", ""), where)
        hi = _age(row.get("maximum_age", ""), where)
        if lo is not None or hi is not None:
            add(row["id"], lo, hi)
    given = set(out)
    for line, row in _table(folder, "eligibility.csv", ("service_id",), optional=True):
        sid = row["service_id"]
        if sid in given:
            continue  # the service's own columns win (HSDS 3.0)
        where = f"eligibility.csv line {line}"
        lo = _age(row.get("minimum_age", ""), where)
        hi = _age(row.get("maximum_age", ""), where)
        if lo is not None or hi is not None:
            add(sid, lo, hi)
    return out


def _areas(folder: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def add(sid: str, area: str) -> None:
        if area and area not in out.setdefault(sid, []):
            out[sid].append(area)

    rows = _table(folder, "service_areas.csv", ("service_id",), optional=True)
    for _line, row in rows:
        add(row["service_id"], row.get("name") or row.get("service_area") or row.get("uri", ""))
    if rows:
        return out
    cities = {row["location_id"]: row.get("city", "")
              for _line, row in _table(folder, "addresses.csv", ("location_id",), optional=True)}
    for _line, row in _table(folder, "service_at_location.csv", ("service_id", "location_id"),
                             optional=True):
        add(row["service_id"], cities.get(row["location_id"], ""))
    return out


def _service_terms(folder: Path) -> dict[str, list[list[str]]]:
    """Service id → for each taxonomy term: the names and codes of the term and its parents."""
    terms: dict[str, tuple[list[str], str]] = {}
    for _line, row in _table(folder, "taxonomy_terms.csv", ("id",), optional=True):
        terms[row["id"]] = ([row.get("code", ""), row.get("name", "")], row.get("parent_id", ""))
    for _line, row in _table(folder, "taxonomy.csv", ("id",), optional=True):
        terms.setdefault(row["id"], ([row.get("name", "")], row.get("parent_id", "")))
    links: list[tuple[str, str]] = []
    for _line, row in _table(folder, "attributes.csv", ("link_id", "taxonomy_term_id"),
                             optional=True):
        if row.get("link_entity", "service") in ("service", ""):
            links.append((row["link_id"], row["taxonomy_term_id"]))
    for _line, row in _table(folder, "service_taxonomy.csv", ("service_id", "taxonomy_id"),
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
