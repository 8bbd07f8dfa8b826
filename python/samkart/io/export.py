"""A landscape as a folder of CSV files, one per collection, for R and other table tools; and the
collaboration network as GEXF and GraphML for Gephi, Cytoscape and igraph.

``write_csv_folder(land, folder)`` writes ``landscape.csv`` (one row: name, year, currency),
``areas.csv``, ``population.csv`` (area, age_min, age_max, count), ``actors.csv``,
``measures.csv``, ``links.csv``, ``transitions.csv`` and ``indicators.csv``. The files and their
columns come from the field table of each record type (:mod:`samkart.schema`): every field of
the model is a column named as the field, in the order of the table, with:

- ``ages`` as two columns ``age_min`` and ``age_max``;
- list fields (``areas``, ``providers``, ``targets``, ``keys``, ``tees``, ``mapped``) joined
  with ``;``;
- booleans as ``TRUE``/``FALSE`` and absent values as empty cells (R reads both as they are
  meant: ``read.csv`` and ``readr::read_csv`` give logical columns and ``NA``);
- UTF-8 without a byte-order mark, ``\\n`` line ends, quoting only where needed.

In R: ``measures <- read.csv("folder/measures.csv")``; ``strsplit(measures$providers, ";")``
gives the provider lists. ``read_csv_folder(folder)`` reads the folder back into an equal
landscape (through :func:`samkart.from_frames`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from samkart._util import flat_columns, flat_tables, parse_bool, read_csv_rows, write_atomic
from samkart.errors import SamkartError
from samkart.io.frames import from_frames

if TYPE_CHECKING:
    import networkx as nx

    from samkart._core import FieldInfo, Landscape
    from samkart.analysis.network import Network

__all__ = ["CSV_COLUMNS", "read_csv_folder", "write_csv_folder"]

#: The columns of each CSV file, in order (``population`` is a file of its own).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "landscape": ("name", "year", "currency"),
    **{t: tuple(name for name, _f in flat_columns(t)) for t in flat_tables()},
}
_FIELDS: dict[str, dict[str, FieldInfo | None]] = {t: dict(flat_columns(t)) for t in flat_tables()}
_LIST_TYPES = frozenset({"ref_list", "text_list", "enum_list"})


# --- writing -------------------------------------------------------------------------------------


def write_csv_folder(land: Landscape, folder: str | os.PathLike[str]) -> None:
    """Write ``land`` as one CSV file per collection into ``folder`` (created if needed).

    Each file is replaced atomically (written to a temporary file beside it and renamed over
    it), so a reader never sees half a file. Every file is written, also for an empty
    collection (a header row only), so that the folder always has the same shape.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    frames = land.to_frames()
    tables: dict[str, pd.DataFrame] = {
        "landscape": pd.DataFrame({"name": [land.name], "year": [land.year],
                                   "currency": [land.currency]}, dtype=object),
        "population": _population(frames["areas"]),
        **frames,
    }
    for name, columns in CSV_COLUMNS.items():
        content = _csv_text(name, columns, tables[name])

        def write(f: IO[str], text: str = content) -> None:
            f.write(text)

        write_atomic(out / f"{name}.csv", write)


def _population(areas: pd.DataFrame) -> pd.DataFrame:
    rows: list[tuple[Any, ...]] = []
    if "population" in areas.columns:
        for area, bands in zip(areas["id"], areas["population"], strict=True):
            for band in [] if _missing(bands) else bands:
                rows.append((area, band["ages"][0], band["ages"][1], band["count"]))
    return pd.DataFrame(rows, columns=["area", "age_min", "age_max", "count"])


def _csv_text(table: str, columns: Sequence[str], frame: pd.DataFrame) -> str:
    fields = _FIELDS.get(table, {})
    cells: list[list[str]] = []
    for name in columns:
        f = fields.get(name)
        is_bool = f is not None and f.type == "bool"
        values = frame[name].tolist() if name in frame.columns else [None] * len(frame)
        cells.append([_cell(v, is_bool) for v in values])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*cells, strict=True))
    return buffer.getvalue()


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(value: Any, is_bool: bool) -> str:
    if hasattr(value, "tolist"):
        value = value.tolist()  # numpy scalars and arrays
    if _missing(value):
        return "FALSE" if is_bool else ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)  # shortest text that reads back to the same double
    return str(value)


# --- reading -------------------------------------------------------------------------------------


def read_csv_folder(folder: str | os.PathLike[str]) -> Landscape:
    """Read a folder written by :func:`write_csv_folder` (or by hand, in the same shape).

    Missing collection files are empty collections; a missing ``landscape.csv`` gives the
    folder's name as the landscape's name and ``NOK``. Booleans may be written ``TRUE``/
    ``FALSE`` or as the spreadsheet accepts them (``yes``, ``ja``, ``1``, …). Values that do not
    parse (``"40 places"`` in ``capacity``) are passed on as text so that the error names them.

    Raises:
        SamkartError: ``folder`` is not a folder.
        SchemaError, ValidationError: as :func:`samkart.from_frames`, naming the file
            (collection), the row as the line number in the CSV file and the column, e.g.
            ``measures row 5 ('m1'), column 'level': ...``.
    """
    src = Path(folder)
    if not src.is_dir():
        msg = f"{src}: no such folder"
        raise SamkartError(msg)
    meta = _read_table(src / "landscape.csv")
    name, year, currency = src.name, None, "NOK"
    if meta:
        row = meta[0][1]
        name = row.get("name") or name
        year = _parse("year", None, row.get("year", ""))
        currency = row.get("currency") or currency
    population: dict[str, list[dict[str, Any]]] = {}
    fields = _FIELDS["population"]
    for _line, row in _read_table(src / "population.csv"):
        band = {k: _parse(k, fields.get(k), row.get(k, "")) for k in fields}
        population.setdefault(str(band["area"] or ""), []).append(
            {"ages": [band["age_min"], band["age_max"]], "count": band["count"]})
    frames: dict[str, pd.DataFrame] = {}
    for table in flat_tables():
        if table == "population":
            continue
        rows = _read_table(src / f"{table}.csv")
        fields = _FIELDS[table]
        columns = list(dict.fromkeys(k for _line, row in rows for k in row))
        data: dict[str, list[Any]] = {
            k: [_parse(k, fields.get(k), row.get(k, "")) for _line, row in rows] for k in columns}
        if table == "areas" and population:
            # An areas file without an id column still has one population cell per row.
            ids = data.get("id", [None] * len(rows))
            data["population"] = [population.get(str(i or ""), []) for i in ids]
        index = pd.Index([line for line, _row in rows], name="line")
        frames[table] = pd.DataFrame({k: pd.Series(v, index=index, dtype=object)
                                      for k, v in data.items()}, index=index)
    return from_frames(**frames, name=str(name), year=year if isinstance(year, int) else None,
                       currency=str(currency))


def _read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header is line 1. The limits hold as the
    file is read (:func:`samkart._util.read_csv_rows`)."""
    if not path.exists():
        return []
    return read_csv_rows(path)[1]


def _parse(name: str, f: FieldInfo | None, value: str) -> Any:
    """A CSV cell as the frames want it, by the type of its field: None when empty (the field
    is absent and has its default); text that does not parse is kept as text, so that the
    schema check names the cell."""
    value = value.strip()
    kind = "integer" if name in ("age_min", "age_max", "year") else (
        "text" if f is None else f.type)
    if value == "" or value == "NA":
        return None  # absent: for a list, the empty list
    if kind in _LIST_TYPES:
        return [v.strip() for v in value.split(";") if v.strip()]
    if kind == "bool":
        found = parse_bool(value)
        return value if found is None else found
    if kind in ("integer", "level"):
        try:
            return int(value)
        except ValueError:
            return value
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value


# --- GEXF and GraphML ----------------------------------------------------------------------------

_NMTOKEN_CHAR = re.compile(r"[A-Za-z0-9._\-]")


def graphml_ids(ids: Sequence[str]) -> dict[str, str]:
    """A GraphML node id for each actor id: the id itself when it is an XML name token
    (``xs:NMTOKEN``: letters, digits, ``.``, ``-``, ``_``), else the id with every other
    character (a space, ``/``, ``&``) replaced by ``_`` and, if that is taken, a number added
    (``"ot skien"`` → ``"ot_skien"``, then ``"ot_skien-2"``). Distinct ids stay distinct."""
    taken = {i for i in ids if _is_nmtoken(i)}
    out: dict[str, str] = {}
    for i in ids:
        if _is_nmtoken(i):
            out[i] = i
            continue
        base = "".join(c if _NMTOKEN_CHAR.match(c) or c.isalpha() else "_" for c in i) or "_"
        candidate, k = base, 2
        while candidate in taken:
            candidate, k = f"{base}-{k}", k + 1
        taken.add(candidate)
        out[i] = candidate
    return out


def _is_nmtoken(i: str) -> bool:
    return bool(i) and all(_NMTOKEN_CHAR.match(c) or c.isalpha() for c in i)


def write_graphml(graph: nx.Graph[str], path: str | os.PathLike[str]) -> None:
    """Write a network's graph (:meth:`samkart.Network.to_networkx`) as GraphML that validates
    against the GraphML 1.1 schema: node ids that are not XML name tokens are replaced by
    :func:`graphml_ids`, and every node keeps its actor id in the attribute ``actor_id``.
    Written atomically."""
    import networkx as nx

    mapping = graphml_ids([str(n) for n in graph.nodes])
    out = nx.relabel_nodes(graph, mapping, copy=True)
    nx.set_node_attributes(out, {mapping[str(n)]: str(n) for n in graph.nodes}, "actor_id")
    lines = "".join(nx.generate_graphml(out, encoding="utf-8", prettyprint=True))
    write_atomic(path, lambda f: f.write(lines + "\n"))


#: Link kinds that run one way (source → target); every other kind is symmetric.
_DIRECTED_KINDS = frozenset({"referral"})


def _day(value: Any, link: str, name: str) -> dt.date | None:
    """A link's ``since``/``until`` as a date, None when absent."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = (f"write_gexf: link {link}: {name} {text!r} is not an ISO date; write it as "
               "YYYY-MM-DD (e.g. 2022-06-01) or leave it empty")
        raise SamkartError(msg) from None


Interval = tuple[dt.date | None, dt.date | None]


def _merge(intervals: list[Interval]) -> list[Interval]:
    """Overlapping or touching closed day intervals merged (None: open at that end)."""
    low, high = dt.date.min, dt.date.max
    spans = sorted((s or low, u or high) for s, u in intervals)
    merged: list[list[dt.date]] = []
    for start, end in spans:
        if merged and (merged[-1][1] == high or start <= merged[-1][1] + dt.timedelta(days=1)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(None if s == low else s, None if u == high else u) for s, u in merged]


def edge_spells(net: Network) -> dict[tuple[str, str], list[Interval]]:
    """When each edge of a network was in force, from its links' ``since``/``until``.

    Each merged edge of ``net`` (:meth:`samkart.Network.edges`) gets the closed day intervals
    of the links merged into it, overlapping or touching ones merged; ``None`` leaves an end
    open (no ``since``: in force from the start of the record; no ``until``: still in force).
    An edge with one link without either date is in force throughout: ``[(None, None)]``.

    The links of an edge are those ``samkart.network`` kept (its ``kinds``, ``formal_only``,
    ``area`` and ``collapse_units``) whose ends are the edge's ends: source → target for a
    referral in a directed network, either way otherwise.

    Raises
    ------
    SamkartError
        A link's ``since`` or ``until`` is not an ISO date (the message names the link).
    """
    options = net._link_filter
    kinds, formal_only, collapse = (options.kinds, options.formal_only,
                                    options.collapse_units) if options else (None, False, False)
    frames = net._land.to_frames()
    actors, links = frames["actors"], frames["links"]
    parent = {str(a): (None if p is None or p is pd.NA or (isinstance(p, float) and p != p)
                       else str(p))
              for a, p in zip(actors["id"], actors.get("part_of", [None] * len(actors)),
                              strict=True)}

    def top(a: str) -> str:
        seen = {a}
        while (p := parent.get(a)) is not None and p not in seen:
            seen.add(p)
            a = p
        return a

    edges = net.edges()
    directed = net.directed
    wanted: dict[tuple[str, str], list[Interval]] = {
        (str(s), str(t)): [] for s, t in zip(edges["source"], edges["target"], strict=True)}
    for row in links.itertuples(index=False):
        kind = str(row.kind)
        if kinds is not None and kind not in kinds:
            continue
        if formal_only and not bool(row.formal):
            continue
        s, t = str(row.source), str(row.target)
        if collapse:
            s, t = top(s), top(t)
            if s == t:
                continue
        name = f"{row.source} – {row.target} ({kind})"
        span = (_day(getattr(row, "since", None), name, "since"),
                _day(getattr(row, "until", None), name, "until"))
        ends = [(s, t)] if directed and kind in _DIRECTED_KINDS else [(s, t), (t, s)]
        for key in ends:
            if key in wanted:
                wanted[key].append(span)
    return {key: _merge(spans) if spans else [(None, None)] for key, spans in wanted.items()}


def write_gexf(graph: nx.Graph[str] | Network, path: str | os.PathLike[str], *,
               dynamic: bool = False) -> None:
    """Write a network's graph as GEXF 1.2 for Gephi: node labels are the actors' names (ids
    stay the node ids), and the ``<graph>`` element carries only the attributes the GEXF 1.2
    schema allows (no empty ``name``). Written atomically.

    Parameters
    ----------
    graph : networkx.Graph or samkart.Network
        A graph from :meth:`samkart.Network.to_networkx`, or the network itself (then the
        edges carry their links' dates when ``dynamic``).
    path : path-like
    dynamic : bool
        Write a dynamic graph (``mode="dynamic"``, ``timeformat="date"``) for Gephi's
        timeline: each edge is in force from its links' ``since`` to their ``until``
        (:func:`edge_spells`): one interval as the edge's ``start``/``end``, several as
        ``<spells>``, an end left open where the links give none. Nodes carry no dates (an
        actor has none): every actor is shown throughout. Given a networkx graph, the edges'
        own ``start``/``end``/``spells`` attributes (ISO date strings) are written.
    """
    import networkx as nx

    from samkart.analysis.network import Network

    if isinstance(graph, Network):
        net = graph
        graph = net.to_networkx()
        if dynamic:
            spells = edge_spells(net)
            for u, v, data in graph.edges(data=True):
                found = spells.get((str(u), str(v))) or spells.get((str(v), str(u))) or []
                if len(found) == 1:
                    start, end = found[0]
                    if start is not None:
                        data["start"] = start.isoformat()
                    if end is not None:
                        data["end"] = end.isoformat()
                elif found:
                    data["spells"] = [(None if s is None else s.isoformat(),
                                       None if e is None else e.isoformat()) for s, e in found]
    labelled = graph.copy()
    nx.set_node_attributes(labelled, {n: str(d.get("name") or n)
                                      for n, d in graph.nodes(data=True)}, "label")
    if dynamic:
        labelled.graph["mode"] = "dynamic"
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True,
                                          version="1.2draft")
    writer.add_graph(labelled)
    writer.graph_element.attrib.pop("name", None)  # GEXF 1.2 has no such attribute
    if dynamic:
        writer.graph_element.set("timeformat", "date")

    def write(f: IO[bytes]) -> None:
        writer.write(f)

    write_atomic(path, write, binary=True)
