"""Real areas: the counties and municipalities of Norway and Denmark, and Norway's 2024 recoding.

The tables ship with the package (``samkart/data/``), built from the boundary files of
Kartverket (Norway, CC BY 4.0) and DAGI (Denmark, CC BY 4.0) by ``tools/build_areas.py``::

    import samkart as sk
    no = sk.datasets.areas("no", 2024)        # id, name, kind, parent, citation
    land = sk.Landscape(name="Norge 2024")
    land.add_areas(no)                        # the country, 15 counties, 357 municipalities
    vt24 = sk.datasets.recode(sk.datasets.vestfold_telemark(), to=2024)

Area ids are the codes the national statistics offices use, so that their tables join
without a lookup: Norwegian county ``"38"``/``"40"`` and municipality ``"3807"``/``"4003"``
(Statistics Norway, FHI); Danish region ``"084"`` and municipality ``"101"`` (Danmarks
Statistik's ``OMRÅDE`` codes; DAGI writes ``1084`` and ``0101``). The countries are ``"NO"``
and ``"DK"``.
"""

from __future__ import annotations

import copy
import functools
import inspect
import io
import math
import operator
import re
from collections.abc import Callable, Hashable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from samkart import schema
from samkart.errors import ArgumentError, SamkartError, ValidationError

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["ATTRIBUTION", "add_areas", "add_indicators", "areas", "crosswalk", "recode"]

#: The attribution the boundary data's licences ask for (CC BY 4.0), by country.
ATTRIBUTION = {
    "no": "Kommune- og fylkesgrenser: © Kartverket, CC BY 4.0",
    "dk": "Kommunegrænser: DAGI, Klimadatastyrelsen, CC BY 4.0",
}

#: Years each table covers, inclusive. Norway's municipalities changed on 1 January 2020 and
#: 1 January 2024; Denmark's have not changed since 2007. Later changes are not in the tables.
_TABLES: dict[str, list[tuple[int, int, str]]] = {
    "no": [(2020, 2023, "areas-no-2020.csv"), (2024, 2026, "areas-no-2024.csv")],
    "dk": [(2007, 2026, "areas-dk.csv")],
}
_COUNTRY_NAMES = {"norway": "no", "norge": "no", "nor": "no", "danmark": "dk", "denmark": "dk",
                  "dnk": "dk"}
_NOTE = "{label}: {code} (samkart.datasets.recode)"
_KEPT = "county until 2023, split into {successors}; kept for the records that refer to it " \
    "(samkart.datasets.recode)"
_KEPT_RE = re.compile(r"(?:^|; )county until 2023, split into [^;]*; kept for the records that "
                      r"refer to it \(samkart\.datasets\.recode\)$")
_LABEL = {2020: "number 2020–2023", 2024: "number from 2024"}


@functools.cache
def _read(name: str) -> pd.DataFrame:
    text = resources.files("samkart").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _year(value: object) -> int | None:
    """An integer year (numpy integers too), or None."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return None


def _table_of(country: str, year: int) -> tuple[str, str]:
    key = _COUNTRY_NAMES.get(str(country).lower(), str(country).lower())
    if key not in _TABLES:
        msg = (f"areas: unknown country {country!r}; samkart has the areas of "
               f"{', '.join(repr(c) for c in _TABLES)} (Norway, Denmark)")
        raise ArgumentError(msg)
    number = _year(year)  # a str or float year is refused, not compared
    for lo, hi, name in _TABLES[key]:
        if number is not None and lo <= number <= hi:
            return key, name
    spans = ", ".join(f"{lo}–{hi}" for lo, hi, _ in _TABLES[key])
    msg = f"areas: no table of {key!r} for year {year!r}; samkart has {spans}"
    raise ArgumentError(msg)


def areas(country: str = "no", year: int = 2024) -> pd.DataFrame:
    """The country, its counties (Danish regions) and all its municipalities in one year.

    Parameters
    ----------
    country : str
        ``"no"`` (Norway) or ``"dk"`` (Denmark); case-insensitive.
    year : int
        Norway: 2020–2023 (356 municipalities in 11 counties) or 2024 on (357 in 15);
        Denmark: 2007 on (98 municipalities in 5 regions).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, name, kind, parent, citation``; one row per area, the country first, then
        the counties, then the municipalities, each by code. ``parent`` is None for the
        country. Ready for ``from_frames(areas=...)`` and ``Landscape.add_areas``.

    Raises
    ------
    ArgumentError
        An unknown country, or a year the tables do not cover.
    """
    _, name = _table_of(country, year)
    frame = _read(name).copy()
    frame["parent"] = frame["parent"].astype(object).where(frame["parent"] != "", None)
    return frame


def crosswalk() -> pd.DataFrame:
    """Norway's municipality and county numbers of 2020–2023 against those of 2024.

    One row per pair: ``kind`` (municipality|county), ``code_2020, name_2020, code_2024,
    name_2024``, ``change`` (``unchanged``, ``renumbered`` or ``split``) and ``note``. Built by
    matching names within the successor counties (Viken 30 → 31/32/33, Vestfold og Telemark
    38 → 39/40, Troms og Finnmark 54 → 55/56); the one exception, Ålesund 1507 split into
    Ålesund 1508 and Haram 1580, is written out. Every 2024 number has a predecessor.
    """
    return _read("crosswalk-no-2020-2024.csv").copy()


# --- adding rows in bulk ----------------------------------------------------------------------


def _missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return False


def _plain(v: object) -> object:
    """numpy scalars to Python ones, so that pybind11 converts them."""
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, list | tuple | dict | str) else v


def _population(v: object) -> object:
    # to_frames writes population as [{"ages": [lo, hi], "count": n}]; add_area takes a dict.
    if isinstance(v, list | tuple):
        return {tuple(b["ages"]): b["count"] for b in v}
    return v


def _add_rows(land: Landscape, frame: pd.DataFrame, collection: str,
              positional: tuple[str, ...]) -> None:
    given: object = frame
    if not isinstance(given, pd.DataFrame):
        msg = f"add_{collection}: expected a pandas DataFrame, got {type(given).__name__}"
        raise ArgumentError(msg)
    fields = schema.field_names(collection)
    unknown = [str(c) for c in frame.columns if c not in fields]
    if unknown:
        msg = (f"add_{collection}: unknown column(s) {', '.join(map(repr, unknown))}; the "
               f"columns of {collection} are {', '.join(fields)}")
        raise ArgumentError(msg)
    absent = [c for c in positional if c not in frame.columns]
    if absent:
        msg = f"add_{collection}: the frame has no column {', '.join(map(repr, absent))}"
        raise ArgumentError(msg)
    method = "add_area" if collection == "areas" else "add_indicator"
    columns = list(frame.columns)
    records: list[tuple[Hashable, list[object], dict[str, object]]] = []
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        row = dict(zip(columns, values, strict=True))
        args = [_plain(row[c]) for c in positional]
        kwargs = {c: _plain(_population(v) if c == "population" else v)
                  for c, v in row.items() if c not in positional and not _missing(v)}
        records.append((label, args, kwargs))

    def run(target: Landscape) -> None:
        for label, args, kwargs in records:
            try:
                getattr(target, method)(*args, **kwargs)
            except (SamkartError, TypeError, ValueError, KeyError) as err:
                what = f"{positional[0]} {args[0]!r}"
                msg = (f"add_{collection}: row {label!r} ({what}): {err}. Nothing was added: "
                       "fix the row and add the frame again")
                raise ValidationError(msg, getattr(err, "problems", ())) from err

    # All or nothing: the rows go into a copy first; the landscape is touched only when every
    # row went in, and then the same calls cannot fail.
    run(copy.copy(land))
    run(land)


def add_areas(land: Landscape, frame: pd.DataFrame) -> None:
    """Add one area per row of ``frame``, all or nothing.

    Columns are the fields of an area (``samkart.schema.field_names("areas")``: ``id`` and
    ``name`` required; ``kind``, ``parent``, ``population``, ``citation``, ... optional). A
    missing value (None, NaN) leaves the field at its default. Rows may be in any order as long
    as a parent comes before its children (the tables of :func:`areas` are).

    Raises
    ------
    ArgumentError
        ``frame`` is not a DataFrame, has an unknown column, or lacks ``id``.
    ValidationError
        A row breaks a rule of the model; the message names the row and the field, and the
        landscape is unchanged.
    """
    _add_rows(land, frame, "areas", ("id",))


def add_indicators(land: Landscape, frame: pd.DataFrame) -> None:
    """Add one indicator per row of ``frame``, all or nothing.

    Columns are the fields of an indicator (``area``, ``key``, ``value`` required; ``year``,
    ``source``, ... optional), as :func:`samkart.indicators_from_jsonstat` returns them.

    Raises
    ------
    ArgumentError
        ``frame`` is not a DataFrame, has an unknown column, or lacks area, key or value.
    ValidationError
        A row breaks a rule of the model (e.g. its area is not in the landscape); the message
        names the row and the field, and the landscape is unchanged.
    """
    _add_rows(land, frame, "indicators", ("area", "key", "value"))


def _as_method(func: Callable[[Landscape, pd.DataFrame], None]) -> Callable[..., None]:
    """``func`` as a method of Landscape, with annotations that are objects, not strings, so
    that the stub generator (scripts/stubs.sh) can name their types."""

    def method(self: Landscape, frame: pd.DataFrame) -> None:
        func(self, frame)

    method.__name__ = func.__name__
    method.__qualname__ = f"Landscape.{func.__name__}"
    method.__doc__ = inspect.cleandoc(func.__doc__ or "")
    method.__annotations__ = {"frame": pd.DataFrame, "return": None}
    return method


#: The bulk adders as methods; samkart/__init__.py attaches them to Landscape.
add_areas_method = _as_method(add_areas)
add_indicators_method = _as_method(add_indicators)


# --- recoding -----------------------------------------------------------------------------------


def _area_refs() -> dict[str, list[tuple[str, bool]]]:
    """Per collection, the fields that hold area ids: (name, is_list)."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for collection in schema.COLLECTIONS:
        for f in schema.fields(collection):
            if f.type in ("ref", "ref_list") and f.refers_to == "areas":
                out.setdefault(collection, []).append((f.name, f.type == "ref_list"))
    return out


def _note(year: int, code: str) -> str:
    return _NOTE.format(label=_LABEL[year], code=code)


def _with_note(citation: object, note: str, strip: str) -> str | None:
    """The citation with ``note`` appended, or with ``strip`` removed when it ends with it (the
    note of the recoding this one undoes)."""
    text = "" if _missing(citation) else str(citation)
    if strip and text.endswith("; " + strip):
        return text[: -len(strip) - 2]
    if strip and text == strip:
        return None
    return f"{text}; {note}" if text else note


def recode(land: Landscape, to: int = 2024, *,
           split: Mapping[str, str] | None = None) -> Landscape:
    """Rewrite Norwegian municipality and county numbers of 2020–2023 as those of 2024, or back.

    Every area id found in :func:`crosswalk` (with the same kind) is replaced, and so is every
    reference to it: areas' parents, actors' and measures' areas, indicators' areas (all the
    fields of :mod:`samkart.schema` that refer to areas). A municipality's parent becomes its
    county in the target year. The old number is kept at the end of the area's ``citation``
    (``"…; number 2020–2023: 3807 (samkart.datasets.recode)"``); recoding back removes that
    note again, so ``recode(recode(land, to=2024), to=2020) == land`` for a landscape of one
    county.

    Counties split in 2024 (30, 38, 54): references in lists (an actor serving ``"38"``) become
    all successors (``"39"``, ``"40"``). The old county stays as an area only while a single
    reference still needs it (an indicator recorded for ``"38"``: it is a figure for the old
    county, not for either new one), and its municipalities move to the new counties. Back to
    2020, the new counties merge into the old one.

    Parameters
    ----------
    land : Landscape
        All of its Norwegian numbers from one side of 1 January 2024; ids not in the crosswalk
        (the country, districts, other countries) are left as they are.
    to : int
        2024 (or later) for today's numbers; 2020–2023 for the numbers of those years.
    split : mapping, optional
        For a municipality split in 2024, which successor takes its records, e.g.
        ``{"1507": "1508"}`` (Ålesund). Without it, recoding a split municipality is an error.

    Returns
    -------
    Landscape
        A new landscape; ``land`` is not changed. Name, year and currency are kept: the year is
        the year of the mapping, not of the numbers.

    Raises
    ------
    ArgumentError
        ``to`` outside 2020–2026, or ``split`` names a code that is not a split or a successor
        that is not one of its successors.
    ValidationError
        The landscape mixes numbers of both periods (the message names the records), a split
        municipality has no ``split`` choice, or two municipalities would merge into one.
    """
    from samkart.io.frames import from_frames, to_frames

    year = _year(to)
    if year is None or not 2020 <= year <= 2026:
        msg = f"recode: to={to!r}; give a year from 2020 to 2026 (2024 on: today's numbers)"
        raise ArgumentError(msg)
    target = 2024 if year >= 2024 else 2020
    source = 2020 if target == 2024 else 2024
    cw = crosswalk()
    src, dst = f"code_{source}", f"code_{target}"
    kind_of = {**dict(zip(cw["code_2020"] + "@2020", cw["kind"], strict=True)),
               **dict(zip(cw["code_2024"] + "@2024", cw["kind"], strict=True))}
    targets: dict[str, list[str]] = {}
    for a, b in zip(cw[src], cw[dst], strict=True):
        targets.setdefault(a, []).append(b)
    table = areas("no", target)
    new_parent = dict(zip(table["id"], table["parent"], strict=True))
    new_name = dict(zip(table["id"], table["name"], strict=True))
    only_old = set(cw["code_2020"]) - set(cw["code_2024"])
    only_new = set(cw["code_2024"]) - set(cw["code_2020"])

    frames = to_frames(land)
    area_f = frames["areas"].copy()
    recodable = [i for i, (aid, kind) in enumerate(zip(area_f["id"], area_f["kind"], strict=True))
                 if kind in (kind_of.get(f"{aid}@{source}"), kind_of.get(f"{aid}@{target}"))]
    # Which period are the numbers from? Municipalities decide; counties when there are none.
    for kinds in (("municipality",), ("county",)):
        rows = [i for i in recodable if area_f["kind"].iloc[i] in kinds]
        old = [str(area_f["id"].iloc[i]) for i in rows if area_f["id"].iloc[i] in only_old]
        new = [str(area_f["id"].iloc[i]) for i in rows if area_f["id"].iloc[i] in only_new]
        if old and new and kinds == ("municipality",):
            msg = (f"recode: the landscape {land.name!r} mixes municipality numbers of 2020–2023 "
                   f"(areas {', '.join(old[:10])}) and of 2024 (areas {', '.join(new[:10])}); "
                   "give every area the numbers of one period first")
            raise ValidationError(msg)
        if old or new:
            break
    from_old = bool(old) and not new
    if (source == 2020) != from_old and (old or new):
        return copy.copy(land)  # already in the target period
    if not (old or new):
        return copy.copy(land)  # only numbers that did not change

    choices = dict(split or {})
    for code, choice in choices.items():
        if len(targets.get(code, [])) < 2 or choice not in targets[code]:
            msg = (f"recode: split={{{code!r}: {choice!r}}}: {code!r} is not a municipality "
                   f"split in 2024 with successor {choice!r} (the crosswalk has "
                   f"{targets.get(code, [])})")
            raise ArgumentError(msg)

    ids = [str(x) for x in area_f["id"]]
    present = set(ids)
    recoded_ids = {ids[i] for i in recodable}
    # One id → its new ids (a list for split counties); ids not recoded map to themselves.
    mapping: dict[str, list[str]] = {}
    for aid in sorted(recoded_ids):
        succ = targets.get(aid, [aid])
        kind = kind_of.get(f"{aid}@{source}")
        if len(succ) > 1 and kind == "municipality":
            if aid not in choices:
                alternatives = ", ".join(f"{c} {new_name[c]}" for c in succ)
                msg = (f"recode: area {aid!r} was split in 2024 into {alternatives}; say which "
                       f"one takes its records, e.g. split={{{aid!r}: {succ[0]!r}}}")
                raise ValidationError(msg)
            succ = [choices[aid]]
        mapping[aid] = succ

    # Municipalities that would merge into one (Ålesund 1508 and Haram 1580 back to 1507).
    merged: dict[str, list[str]] = {}
    for aid, succ in mapping.items():
        if len(succ) == 1 and kind_of.get(f"{aid}@{source}") == "municipality":
            merged.setdefault(succ[0], []).append(aid)
    for new_id, olds in merged.items():
        if len(olds) > 1:
            msg = (f"recode: areas {', '.join(sorted(olds))} would both become {new_id!r}; "
                   "samkart does not merge municipalities: keep one of them")
            raise ValidationError(msg)

    refs = _area_refs()
    split_counties = {aid for aid, n in mapping.items() if len(n) > 1}
    # A split county stays while a single reference other than a recoded municipality's parent
    # points at it.
    keep: set[str] = set()
    for collection, fields in refs.items():
        frame = frames[collection]
        for name, is_list in fields:
            if is_list or name not in frame.columns:
                continue
            for i, v in enumerate(frame[name]):
                if v in split_counties and not (
                    collection == "areas" and name == "parent" and ids[i] in recoded_ids
                    and kind_of.get(f"{ids[i]}@{source}") == "municipality"):
                    keep.add(str(v))

    for aid in split_counties:
        pop = area_f["population"].iloc[ids.index(aid)] if "population" in area_f else None
        if isinstance(pop, list) and pop:
            keep.add(aid)  # its population is for the old county: do not lose it

    def one(v: object) -> object:
        if _missing(v) or v not in mapping or v in keep:
            return v
        return mapping[str(v)][0]

    def many(v: object) -> object:
        if not isinstance(v, list | tuple):
            return v
        out: list[str] = []
        for x in v:
            for y in mapping.get(x, [x]):
                if y not in out:
                    out.append(y)
        return out

    # Areas: every record gets its new id; records that get the same id (counties merging
    # back into one) become one: the record that already had that id, else the first.
    records = area_f.to_dict("records")
    is_county = cw["kind"] == "county"
    county_codes = set(cw.loc[is_county, "code_2020"]) | set(cw.loc[is_county, "code_2024"])
    groups: dict[str, list[int]] = {}
    renamed: list[str] = []
    for i, aid in enumerate(ids):
        new_id = aid if aid in split_counties or aid not in mapping else mapping[aid][0]
        renamed.append(new_id)
        if aid in split_counties and aid not in keep:
            continue
        groups.setdefault(new_id, []).append(i)
    new_rows: list[dict[str, Any]] = []
    done: set[str] = set()
    for i, rec in enumerate(records):
        aid, new_id = ids[i], renamed[i]
        if aid in split_counties:
            for c in mapping[aid]:
                if c not in present and c not in done:
                    done.add(c)
                    new_rows.append({"id": c, "name": new_name[c], "kind": "county",
                                     "parent": one(rec.get("parent")),
                                     "citation": f"county from 2024, part of {aid} "
                                     f"{rec['name']} before (samkart.datasets.recode)"})
        if new_id in done or i not in groups.get(new_id, []):
            continue
        group = groups[new_id]
        primary = next((j for j in group if ids[j] == new_id), group[0])
        for j in group:
            pop = records[j].get("population")
            if j != primary and isinstance(pop, list) and pop:
                msg = (f"recode: area {ids[j]!r} merges into {new_id!r} but has a population "
                       "of its own, which merging would lose: move its figures first")
                raise ValidationError(msg)
        done.add(new_id)
        rec = dict(records[primary])
        old_id = ids[primary]
        if aid in split_counties:  # kept: say why
            successors = ", ".join(f"{c} {new_name[c]}" for c in mapping[aid])
            rec["citation"] = _with_note(rec.get("citation"),
                                         _KEPT.format(successors=successors), "")
        elif rec["kind"] == "county" and isinstance(rec.get("citation"), str):
            rec["citation"] = _KEPT_RE.sub("", rec["citation"]) or None
        if old_id != new_id:
            rec["id"] = new_id
            if rec["kind"] == "county":
                rec["name"] = new_name.get(new_id, rec["name"])
            rec["citation"] = _with_note(rec.get("citation"), _note(source, old_id),
                                         _note(target, new_id))
        if (rec["kind"] == "municipality" and old_id in mapping
                and rec.get("parent") in county_codes and new_id in new_parent):
            rec["parent"] = new_parent[new_id]
        else:
            rec["parent"] = one(rec.get("parent"))
        new_rows.append(rec)
    out_frames = dict(frames)
    out_frames["areas"] = pd.DataFrame(new_rows, columns=list(area_f.columns))
    for collection, fields in refs.items():
        if collection == "areas":
            continue
        frame = frames[collection].copy()
        for name, is_list in fields:
            if name in frame.columns:
                frame[name] = [many(v) if is_list else one(v) for v in frame[name]]
        out_frames[collection] = frame
    return from_frames(**out_frames, name=land.name, year=land.year, currency=land.currency)
