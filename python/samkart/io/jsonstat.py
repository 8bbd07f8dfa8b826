"""Official statistics in: JSON-stat datasets as tidy DataFrames, and as indicator rows.

Statistics Norway (PxWebApi v2), Danmarks Statistik (StatBank API) and the Norwegian Institute
of Public Health publish their tables as JSON-stat (https://json-stat.org/format/). This module
reads the JSON-stat 2.0 dataset and collection responses and the older bundle form of
version 1 that Danmarks Statistik returns, with no network access: fetch a table once, keep the
file, read it offline (docs/statistics.md)::

    import samkart as sk
    frame = sk.read_jsonstat("ssb-13563.json")     # one row per cell
    rows = sk.indicators_from_jsonstat("ssb-13563.json", key="neet_share_15_29",
                                       area="Region", year="Tid",
                                       select={"Kjonn": "0", "Alder": "15-29"})
    land.add_indicators(rows)

Missing cells (``null``, absent from a sparse ``value``, or marked by a status symbol such as
``..`` or ``:``) are missing (NaN), never 0.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samkart._util import check_file_size, input_limits
from samkart.errors import ArgumentError, SchemaError

__all__ = ["MISSING_STATUS", "indicators_from_jsonstat", "read_jsonstat"]

#: Status symbols that mark a cell as not available, whatever its value says. From the Nordic
#: statistics offices' standard symbols: ``.`` cannot occur, ``..`` not available,
#: ``...`` not yet available, ``:`` confidential (suppressed); ``…`` is a typographic ``...``.
#: ``-`` (nil: exactly zero) and ``p``/``r`` (provisional/revised) keep their value.
MISSING_STATUS = frozenset({".", "..", "...", ":", "…"})

Source = str | os.PathLike[str] | bytes | Mapping[str, Any]


class _Doc:
    """Where the errors point: the source's name and a JSON pointer prefix."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, pointer: str, message: str) -> SchemaError:
        text = (f"{self.name} is not a JSON-stat dataset samkart can read: {pointer or '/'}: "
                f"{message}")
        return SchemaError(text, [(pointer, None, None, message)], self.name)


def _load(source: Source) -> tuple[Any, _Doc]:
    if isinstance(source, Mapping):
        return source, _Doc("<dict>")
    limit = input_limits()["max_input_bytes"]
    if isinstance(source, bytes):
        if len(source) > limit:
            raise _Doc("<bytes>").fail("", f"the text is {len(source):,} bytes; samkart reads "
                                       f"at most {limit:,}")
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as err:
            raise _Doc("<bytes>").fail("", f"not UTF-8 text (byte {err.start})") from None
        return _parse(text, _Doc("<bytes>")), _Doc("<bytes>")  # bytes are the text, never a path
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        doc = _Doc("<string>")
        return _parse(source, doc), doc
    path = Path(source)
    doc = _Doc(str(path))
    check_file_size(path, "JSON-stat file")  # before it is read
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise doc.fail("", f"not UTF-8 text (byte {err.start})") from None
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path
        msg = f"read_jsonstat: cannot read {str(path)!r}: {getattr(err, 'strerror', None) or err}"
        raise ArgumentError(msg) from err
    return _parse(text, doc), doc


def _parse(text: str, doc: _Doc) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise doc.fail("", f"not JSON ({err.msg}, line {err.lineno})") from err
    except RecursionError:
        raise doc.fail("", "nested too deep to be a JSON-stat dataset") from None


def _is_dataset(node: object) -> bool:
    return isinstance(node, Mapping) and "dimension" in node and "value" in node


def _pick(root: Any, doc: _Doc, dataset: int | str | None) -> tuple[Mapping[str, Any], str]:
    """The dataset node of a response and its JSON pointer."""
    if not isinstance(root, Mapping):
        raise doc.fail("", "the document is not a JSON object")
    if "error" in root and not _is_dataset(root):
        raise doc.fail("/error", f"the response is an error: {json.dumps(root['error'])[:200]}")
    cls = root.get("class")
    if cls == "dataset" or (cls is None and _is_dataset(root)):
        return root, ""
    if cls == "collection":
        items = root.get("link", {}).get("item", []) if isinstance(root.get("link"), Mapping) \
            else []
        found = [(i, it) for i, it in enumerate(items) if _is_dataset(it)]
        where = "/link/item"
        names = [str(it.get("label", i)) for i, it in found]
    elif cls is None:
        # A bundle (JSON-stat before 2.0): datasets keyed by their ids.
        found = [(k, v) for k, v in root.items() if _is_dataset(v)]
        where = ""
        names = [str(k) for k, _ in found]
    else:
        raise doc.fail("/class", f"class {cls!r}: samkart reads datasets (class \"dataset\", "
                       "a collection of datasets, or a version-1 bundle)")
    if not found:
        raise doc.fail(where, "no dataset in the response (a dataset has \"dimension\" and "
                       "\"value\"; a collection must embed its datasets)")
    if dataset is None:
        if len(found) > 1:
            msg = (f"read_jsonstat: the response has {len(found)} datasets "
                   f"({', '.join(names)}); choose one with dataset=<position or id>")
            raise ArgumentError(msg)
        key, node = found[0]
    else:
        match = [(k, v) for k, v in found
                 if k == dataset or (isinstance(dataset, int) and found.index((k, v)) == dataset)
                 or v.get("label") == dataset]
        if not match:
            msg = (f"read_jsonstat: no dataset {dataset!r} in the response; it has "
                   f"{', '.join(names)}")
            raise ArgumentError(msg)
        key, node = match[0]
    return node, f"{where}/{key}"


def _categories(dim: Any, did: str, at: str, doc: _Doc) -> tuple[list[str], list[str]]:
    """A dimension's category ids in index order, and their labels."""
    if not isinstance(dim, Mapping) or not isinstance(dim.get("category"), Mapping):
        raise doc.fail(at, f"dimension {did!r} has no \"category\" object")
    cat = dim["category"]
    index = cat.get("index")
    labels = cat.get("label") if isinstance(cat.get("label"), Mapping) else {}
    if isinstance(index, list):
        ids = [str(i) for i in index]
    elif isinstance(index, Mapping):
        try:
            order = sorted((int(p), str(c)) for c, p in index.items())
        except (TypeError, ValueError, OverflowError) as err:
            raise doc.fail(f"{at}/category/index", "the positions must be integers") from err
        if [p for p, _ in order] != list(range(len(order))):
            raise doc.fail(f"{at}/category/index", "the positions must be 0, 1, … without gaps")
        ids = [c for _, c in order]
    elif index is None and labels:
        # Allowed for a dimension of one category; for more, the order of "label" is used.
        ids = [str(c) for c in labels]
    else:
        raise doc.fail(f"{at}/category", f"dimension {did!r} has neither \"index\" nor "
                       "\"label\"")
    return ids, [str(labels.get(c, c)) for c in ids]


def _cells(raw: Any, n: int, at: str, doc: _Doc, what: str) -> dict[int, Any] | list[Any]:
    if isinstance(raw, list):
        if len(raw) == 1:
            return raw * n  # one entry for every cell (as the JSON-stat Javascript Toolkit reads)
        if len(raw) != n:
            raise doc.fail(at, f"{len(raw)} {what} entries for {n} cells (the product of size)")
        return raw
    if isinstance(raw, Mapping):
        out: dict[int, Any] = {}
        for k, v in raw.items():
            try:
                i = int(k)
            except ValueError:
                raise doc.fail(f"{at}/{k}", f"{what} keys must be cell positions") from None
            if not 0 <= i < n:
                raise doc.fail(f"{at}/{k}", f"cell {i} outside 0…{n - 1}")
            out[i] = v
        return out
    raise doc.fail(at, f"{what} must be an array or an object")


def read_jsonstat(source: Source, dataset: int | str | None = None) -> pd.DataFrame:
    """Read a JSON-stat dataset into a tidy DataFrame: one row per cell.

    Parameters
    ----------
    source : path, str, bytes or dict
        A file, the JSON text, or the parsed document: a JSON-stat 2.0 dataset
        (``"class": "dataset"``), a collection embedding datasets, or a version-1 bundle
        (``{"dataset": {...}}``, as Danmarks Statistik's ``JSONSTAT`` format returns).
    dataset : int or str, optional
        Which dataset of a collection or bundle (position, id or label); needed only when it
        holds more than one.

    Returns
    -------
    pandas.DataFrame
        Per dimension, in the dataset's ``id`` order, a column with the category id (named as
        the dimension) and one with its label (``<dimension>_label``); then ``value`` (float,
        NaN where missing) and, when the dataset has a ``status``, ``status`` (str or None).
        Rows in the dataset's order (the last dimension varies fastest). ``frame.attrs`` holds
        ``label``, ``source``, ``updated``, ``dimensions`` (id → label) and ``roles``.

    Raises
    ------
    SchemaError
        The document is not JSON or not a JSON-stat dataset: the message and ``pointer`` name
        the place (e.g. ``/size``: 3 sizes for 2 dimensions).
    ArgumentError
        The file cannot be read, or ``dataset`` is needed or names no dataset.
    """
    root, doc = _load(source)
    ds, at = _pick(root, doc, dataset)
    dims = ds.get("dimension")
    if not isinstance(dims, Mapping):
        raise doc.fail(f"{at}/dimension", "missing or not an object")
    # 2.0 puts id and size at the dataset's root; version 1 inside "dimension".
    ids = ds.get("id", dims.get("id"))
    size = ds.get("size", dims.get("size"))
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise doc.fail(f"{at}/id", "\"id\" must list the dimension ids")
    if not isinstance(size, list) or len(size) != len(ids):
        raise doc.fail(f"{at}/size", f"\"size\" must give one size per dimension ({len(ids)})")
    role = ds.get("role", dims.get("role"))
    roles: dict[str, list[str]] = dict(role) if isinstance(role, Mapping) else {}
    categories: list[tuple[list[str], list[str]]] = []
    for did, sz in zip(ids, size, strict=True):
        if did not in dims:
            raise doc.fail(f"{at}/dimension", f"no dimension {did!r} (it is in \"id\")")
        codes, labels = _categories(dims[did], did, f"{at}/dimension/{did}", doc)
        if len(codes) != sz:
            raise doc.fail(f"{at}/size", f"dimension {did!r} has {len(codes)} categories, "
                           f"\"size\" says {sz}")
        categories.append((codes, labels))
    n = math.prod(len(c) for c, _ in categories)
    limit = input_limits()["max_records"]
    if n > limit:  # each cell is a row; the product of a few sizes can be huge
        raise doc.fail(f"{at}/size", f"{n:,} cells (the product of size); samkart reads at "
                       f"most {limit:,} (its limit of records per collection); select fewer "
                       "categories in the query")
    values = _cells(ds.get("value"), n, f"{at}/value", doc, "value")
    value = np.full(n, np.nan)
    status: list[str | None] = [None] * n
    has_status = "status" in ds
    raw_status = ds.get("status")
    if isinstance(raw_status, str):
        status = [raw_status] * n
    elif raw_status is not None:
        for i, s in (enumerate(st) if isinstance(st := _cells(raw_status, n, f"{at}/status", doc,
                                                                  "status"), list)
                     else st.items()):
            status[i] = None if s is None else str(s)
    dense = None
    if isinstance(values, list) and not any(isinstance(v, bool | str) for v in values):
        try:  # the common case, in bulk: numbers and nulls (None becomes NaN)
            dense = np.asarray(values, dtype=float)
        except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond float
            dense = None
    if dense is not None:
        value = dense.reshape(n) if n else np.full(0, np.nan)
    for i, v in ([] if dense is not None else
                 enumerate(values) if isinstance(values, list) else values.items()):
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, int | float):
            try:
                value[i] = float(v)
            except OverflowError:  # an int beyond float's range
                value[i] = math.copysign(math.inf, v)
            continue
        text = str(v).strip()
        try:
            value[i] = float(text)
        except ValueError:
            # A symbol in place of the number (".." or ":"): missing, and kept as the status.
            has_status = True
            if status[i] is None:
                status[i] = text
    if has_status:
        for i, s in enumerate(status):
            if s is not None and s.strip() in MISSING_STATUS:
                value[i] = np.nan
    columns: dict[str, Any] = {}
    sizes = [len(c) for c, _ in categories]
    for k, (did, (codes, labels)) in enumerate(zip(ids, categories, strict=True)):
        inner = math.prod(sizes[k + 1:])
        outer = math.prod(sizes[:k])
        pos = np.tile(np.repeat(np.arange(len(codes)), inner), outer)
        columns[did] = np.asarray(codes, dtype=object)[pos] if codes else np.empty(0, object)
        columns[f"{did}_label"] = (np.asarray(labels, dtype=object)[pos] if labels
                                   else np.empty(0, object))
    columns["value"] = value
    if has_status:
        columns["status"] = pd.Series(status, dtype=object)  # None where none, not NaN
    frame = pd.DataFrame(columns)
    frame.attrs.update({
        "label": ds.get("label"), "source": ds.get("source"), "updated": ds.get("updated"),
        "dimensions": {d: str(dims[d].get("label", d)) for d in ids}, "roles": roles,
    })
    return frame


def _selected(frame: pd.DataFrame, dim: str, wanted: object) -> pd.Series:
    items: list[object] = ([wanted] if isinstance(wanted, str | int) or not isinstance(
        wanted, Sequence) else list(wanted))
    want = [str(w) for w in items]
    return frame[dim].isin(want) | frame[f"{dim}_label"].isin(want)


def _year_of(code: str) -> int | None:
    head = code.strip()[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def indicators_from_jsonstat(
    source: Source | pd.DataFrame,
    key: str,
    area: str,
    year: str | int | None,
    select: Mapping[str, str | Sequence[str]] | None = None,
    source_label: str | None = None,
    *,
    area_codes: Mapping[str, str] | Callable[[str], str | None] | None = None,
    count: str | None = None,
    missing: str = "drop",
    dataset: int | str | None = None,
) -> pd.DataFrame:
    """One selection of a JSON-stat dataset as indicator rows for ``Landscape.add_indicators``.

    Parameters
    ----------
    source : path, str, bytes, dict or DataFrame
        As for :func:`read_jsonstat`, or the frame it returned.
    key : str
        The indicator key of every row, e.g. ``"neet_share_15_29"``.
    area : str
        The dimension whose categories are areas (``"Region"``, ``"OMRÅDE"``, ``"GEO"``).
    year : str, int or None
        The dimension whose categories are years (``"Tid"``, ``"TID"``; the year is the first
        four digits of the code, so ``"2023"`` and ``"2023K4"`` give 2023), or one year for every
        row, or None.
    select : mapping, optional
        For every other dimension, the category to keep, by id or label (a list keeps several
        areas or years). After the selection every dimension but ``area`` and ``year`` must
        have one category left, so that each row is one figure.
    source_label : str, optional
        The provider to cite instead of the dataset's ``source``.
    area_codes : mapping or callable, optional
        Translates the dataset's area codes into the landscape's ids: a mapping (codes not in
        it are kept) or a function, e.g. ``lambda c: c.removeprefix("K-")`` (a code it maps to
        None is dropped).
    count : str, optional
        ``"flow"`` or ``"stock"`` for a count of people (the indicator's ``count`` field).
    missing : {"drop", "keep"}
        Rows whose value is missing are dropped (an indicator without a figure says nothing), or
        kept with NaN (``add_indicators`` then refuses them, naming the row).
    dataset : int or str, optional
        As for :func:`read_jsonstat`.

    Returns
    -------
    pandas.DataFrame
        Columns ``area, key, value, year, source`` (and ``count`` when given). ``source`` is
        ``"<provider>: <dataset label>"`` followed by the labels of the fixed categories.

    Raises
    ------
    ArgumentError
        A dimension that does not exist, a selection that matches nothing, a dimension left
        with several categories, two figures for one area and year, or a bad ``missing``.
    SchemaError
        The source is not JSON-stat (see :func:`read_jsonstat`).
    """
    if missing not in ("drop", "keep"):
        msg = f"indicators_from_jsonstat: missing={missing!r}; expected 'drop' or 'keep'"
        raise ArgumentError(msg)
    frame = (source if isinstance(source, pd.DataFrame)
             else read_jsonstat(source, dataset=dataset))
    dims: dict[str, str] = dict(frame.attrs.get("dimensions") or {})
    if not dims:
        dims = {c: c for c in frame.columns if f"{c}_label" in frame.columns}
    listed = ", ".join(f"{d} ({lab})" if lab != d else d for d, lab in dims.items())
    wanted = [("area", area)] + ([("year", year)] if isinstance(year, str) else [])
    for what, d in wanted + [("select", s) for s in (select or {})]:
        if d not in dims:
            msg = (f"indicators_from_jsonstat: {what}={d!r} is not a dimension of the dataset; "
                   f"its dimensions are {listed}")
            raise ArgumentError(msg)
    keep = pd.Series(True, index=frame.index)
    for d, w in (select or {}).items():
        hit = _selected(frame, d, w)
        if not hit.any():
            codes = ", ".join(pd.unique(frame[d]).astype(str)[:20])
            msg = (f"indicators_from_jsonstat: select {d}={w!r} matches no category; "
                   f"{d} has {codes}")
            raise ArgumentError(msg)
        keep &= hit
    rows = frame[keep]
    if rows.empty:
        msg = (f"indicators_from_jsonstat: the selection {dict(select or {})!r} matches no cell "
               "of the dataset together")
        raise ArgumentError(msg)
    fixed: list[str] = []
    for d in dims:
        if d in (area, year):
            continue
        left = pd.unique(rows[d])
        if len(left) > 1:
            pairs = list(dict.fromkeys(zip(rows[d], rows[f"{d}_label"], strict=True)))
            shown = ", ".join(f"{c} ({lab})" if c != lab else str(c) for c, lab in pairs[:8])
            msg = (f"indicators_from_jsonstat: dimension {d!r} still has {len(left)} categories "
                   f"({shown}); choose one, e.g. select={{{d!r}: {str(left[0])!r}}}")
            raise ArgumentError(msg)
        if len(dims) > 2 and len(frame[d].unique()) > 1:
            fixed.append(f"{dims[d]}: {rows[f'{d}_label'].iloc[0]}")
    codes = rows[area].astype(str)
    if isinstance(area_codes, Mapping):
        table = area_codes
        codes = codes.map(lambda c: table.get(c, c))
    elif area_codes is not None:
        codes = codes.map(area_codes)
    if isinstance(year, str):
        years = pd.array([_year_of(str(c)) for c in rows[year]], dtype="Int64")
    else:
        years = pd.array([year] * len(rows), dtype="Int64")
    provider = source_label or frame.attrs.get("source") or "JSON-stat"
    text = f"{provider}: {frame.attrs.get('label') or 'dataset'}"
    if fixed:
        text += " (" + "; ".join(fixed) + ")"
    if frame.attrs.get("updated"):
        text += f", updated {frame.attrs['updated']}"
    out = pd.DataFrame({
        "area": codes.to_numpy(dtype=object), "key": key,
        "value": rows["value"].to_numpy(dtype=float), "year": years, "source": text,
    })
    if count is not None:
        out["count"] = count
    out = out[out["area"].notna()]
    if missing == "drop":
        out = out[out["value"].notna()]
    dup = out.duplicated(["area", "year"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        msg = (f"indicators_from_jsonstat: several figures for area {first['area']!r}, year "
               f"{first['year']}; select one category of the dimension that tells them apart "
               "(e.g. quarters of one year)")
        raise ArgumentError(msg)
    return out.reset_index(drop=True)
