"""The CSV folder export for R users, and reading it back; the GEXF and GraphML files of the
network, validated against the published schemas (tests/data/xsd)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from lxml import etree  # the test extra; validates against tests/data/xsd

import samkart as sk
from samkart.io.export import CSV_COLUMNS, read_csv_folder, write_csv_folder


@pytest.mark.parametrize("which", ["vestfold_telemark", "small", "empty"])
def test_round_trip(tmp_path: Path, data_dir: Path, vt: sk.Landscape, which: str) -> None:
    land = {"vestfold_telemark": vt, "small": sk.read_json(data_dir / "good" / "small.json"),
            "empty": sk.Landscape("empty", currency="DKK")}[which]
    write_csv_folder(land, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.csv" for name in CSV_COLUMNS)
    back = read_csv_folder(tmp_path / "out")
    assert back == land
    assert back.to_json() == land.to_json()


def test_files_are_plain_tables(tmp_path: Path, data_dir: Path) -> None:
    write_csv_folder(sk.read_json(data_dir / "good" / "small.json"), tmp_path)
    with (tmp_path / "measures.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    los = next(r for r in rows if r["id"] == "m-los")
    assert los["providers"] == "vgs-skien;ot-skien"
    assert los["tees"] == "tailored;cross_sector"
    assert (los["age_min"], los["age_max"], los["level"]) == ("16", "19", "3")
    assert los["illustrative"] == "FALSE"
    assert los["cost"] == ""
    with (tmp_path / "population.csv").open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f))[1:] == [["40", "16", "25", "52000"], ["3807", "0", "15",
                                                                          "10400"],
                                           ["3807", "16", "25", "6950.5"]]
    assert not (tmp_path / "measures.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_errors_name_file_line_and_column(tmp_path: Path, data_dir: Path) -> None:
    write_csv_folder(sk.read_json(data_dir / "good" / "small.json"), tmp_path)
    path = tmp_path / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",4,nav-skien,", ",5,nav-skien,"),
                    encoding="utf-8")
    with pytest.raises(sk.ValidationError, match=r"measures row 5 \('m-ungdomsteam'\), "
                                                 r"column 'level': level 5 does not exist"):
        read_csv_folder(tmp_path)


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path, vt: sk.Landscape) -> None:
    (tmp_path / "measures.csv").write_text("old", encoding="utf-8")
    write_csv_folder(vt, tmp_path)
    assert all(not p.name.startswith(".") for p in tmp_path.iterdir())
    assert (tmp_path / "measures.csv").read_text(encoding="utf-8").startswith("id,name,level")


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(sk.SamkartError, match="no such folder"):
        read_csv_folder(tmp_path / "missing")


def _with_new_fields() -> sk.Landscape:
    """A landscape that sets every field of the findings issue, away from its default."""
    frames = {
        "areas": pd.DataFrame({"id": ["40", "3807"], "name": ["VT", "Skien"],
                               "kind": ["county", "municipality"], "parent": [None, "40"],
                               "mapping": ["complete", "partial"],
                               "mapped": [[], ["labour_welfare", "county"]]}),
        "actors": pd.DataFrame({"id": ["ot-vt", "ot-skien"], "name": ["OT VT", "OT Skien"],
                                "owner": ["county", "county"], "areas": [["40"], ["3807"]],
                                "part_of": [None, "ot-vt"]}),
        "measures": pd.DataFrame({
            "id": ["m1", "m2"], "name": ["Oppfølging", "Egne tiltak"], "level": [3, 4],
            "providers": [["ot-skien"], ["ot-skien"]], "participants": [858.0, 343.0],
            "participants_kind": ["stock", "stock"], "participants_of": [None, "m1"],
            "status": ["active", "ended"], "since": ["2020-08-01", "2019-01-01"],
            "until": [None, "2022-06-30"]}),
        "indicators": pd.DataFrame({"area": ["40", "40"], "key": ["ot_registered",
                                                                 "ot_followed_up"],
                                    "value": [2939.0, 858.0], "year": [2021, 2021],
                                    "count": ["stock", "stock"],
                                    "subset_of": [None, "ot_registered"]}),
    }
    return sk.from_frames(**frames, name="Findings fields", year=2021)


def test_csv_columns_come_from_the_field_table() -> None:
    for table, columns in CSV_COLUMNS.items():
        if table in ("landscape", "population"):
            continue
        names = {f.name for f in sk.schema.fields(table) if f.type not in ("ages", "population")}
        assert names <= set(columns), names - set(columns)
    assert "status" in CSV_COLUMNS["measures"]
    assert "part_of" in CSV_COLUMNS["actors"]
    assert "subset_of" in CSV_COLUMNS["indicators"]


def test_new_fields_round_trip(tmp_path: Path) -> None:
    land = _with_new_fields()
    write_csv_folder(land, tmp_path)
    with (tmp_path / "measures.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert (rows["m2"]["status"], rows["m2"]["until"], rows["m2"]["participants_of"]) == (
        "ended", "2022-06-30", "m1")
    back = read_csv_folder(tmp_path)
    assert back == land
    assert back.actor("ot-skien").part_of == "ot-vt"


# --- GEXF and GraphML, validated against their schemas ------------------------------------------

XSD = Path(__file__).resolve().parents[1] / "data" / "xsd"
GEXF_NS = "http://www.gexf.net/1.2draft"


def _gexf_schema(tmp_path: Path) -> object:
    """The GEXF 1.2 schema for documents in the namespace NetworkX and Gephi write GEXF 1.2
    in (http://www.gexf.net/1.2draft): the published files with the target namespace
    renamed, nothing else (tests/data/xsd/README.md)."""
    out = tmp_path / "gexf-xsd"
    out.mkdir()
    for src in (XSD / "gexf-1.2").glob("*.xsd"):
        text = src.read_text(encoding="utf-8").replace("http://www.gexf.net/1.2",
                                                       "http://www.gexf.net/1.2draft")
        (out / src.name).write_text(text, encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(out / "gexf.xsd")))


def _graphml_schema() -> object:
    return etree.XMLSchema(etree.parse(str(XSD / "graphml-1.1" / "graphml.xsd")))


def _spaced() -> sk.Landscape:
    """Actors whose ids are allowed in samkart but are not XML name tokens."""
    land = sk.Landscape(name="ids")
    land.add_area("3807", name="Skien")
    for actor_id, name, owner in (("ot skien", "Oppfølgingstjenesten Skien", "county"),
                                  ("nav/skien", "NAV Skien", "state"),
                                  ("ot_skien", "Another OT", "county"),
                                  ("skole", "Skolen & co", "county")):
        land.add_actor(actor_id, name=name, owner=owner, areas=["3807"])
    land.add_link("ot skien", "nav/skien", kind="agreement", formal=True)
    land.add_link("skole", "ot skien", kind="referral")
    land.add_link("skole", "ot_skien", kind="network")
    return land


def test_schemas_reject_what_networkx_writes_unfixed(tmp_path: Path) -> None:
    """The faults this export fixes, seen with the real schemas: an empty name on <graph>
    (GEXF) and an id with a space (GraphML) are invalid; so the tests below can fail."""
    g = nx.Graph()
    g.add_edge("ot skien", "nav")
    nx.write_gexf(g, tmp_path / "raw.gexf")
    nx.write_graphml(g, tmp_path / "raw.graphml")
    assert not _gexf_schema(tmp_path).validate(etree.parse(str(tmp_path / "raw.gexf")))
    assert not _graphml_schema().validate(etree.parse(str(tmp_path / "raw.graphml")))


def test_gexf_validates_and_labels_nodes_with_names(tmp_path: Path, vt: sk.Landscape) -> None:
    schema = _gexf_schema(tmp_path)
    for land in (vt, _spaced()):
        path = tmp_path / "net.gexf"
        sk.network(land).write_gexf(path)
        doc = etree.parse(str(path))
        schema.assertValid(doc)
        graph = doc.getroot().find(f"{{{GEXF_NS}}}graph")
        assert graph is not None
        assert "name" not in graph.attrib
        labels = {n.get("id"): n.get("label") for n in doc.iter(f"{{{GEXF_NS}}}node")}
        assert labels == {a.id: a.name for a in land.actors}
    back = nx.read_gexf(path)
    assert back.nodes["ot skien"]["label"] == "Oppfølgingstjenesten Skien"
    assert back.number_of_edges() == 5  # directed (a referral): agreement and network both ways


def test_graphml_ids_are_name_tokens(tmp_path: Path) -> None:
    from samkart.io.export import graphml_ids

    assert graphml_ids(["ot-skien", "ot skien", "ot_skien", "nav/skien", "Ørsta.1", ""]) == {
        "ot-skien": "ot-skien", "ot skien": "ot_skien-2", "ot_skien": "ot_skien",
        "nav/skien": "nav_skien", "Ørsta.1": "Ørsta.1", "": "_"}


def test_graphml_validates_and_reads_back(tmp_path: Path, vt: sk.Landscape) -> None:
    schema = _graphml_schema()
    for land in (vt, _spaced()):
        path = tmp_path / "net.graphml"
        sk.network(land).write_graphml(path)
        schema.assertValid(etree.parse(str(path)))
    back = nx.read_graphml(path)
    by_actor = {d["actor_id"]: n for n, d in back.nodes(data=True)}
    assert set(by_actor) == {a.id for a in _spaced().actors}
    assert by_actor["ot skien"] == "ot_skien-2"
    assert by_actor["ot_skien"] == "ot_skien"
    assert back.nodes[by_actor["nav/skien"]]["name"] == "NAV Skien"
    assert back.has_edge(by_actor["ot skien"], by_actor["nav/skien"])
    assert back.number_of_edges() == 5  # directed (a referral): agreement and network both ways


def test_new_fields_reach_the_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written in a CSV folder, the fields of the findings issue reach samkart.from_frames
    typed by the field table (checked on the frames, before the core reads them too)."""
    import samkart.io.export as export_module

    write_csv_folder(sk.read_json(Path(__file__).resolve().parents[1] / "data" / "good"
                                  / "small.json"), tmp_path)
    text = (tmp_path / "measures.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    first = dict(zip(header, next(csv.reader([text[1]])), strict=True))
    first.update(status="ended", until="2022-06-30", participants="12",
                 participants_kind="stock", participants_of="m2")
    with (tmp_path / "measures.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerow([first[h] for h in header])
    seen: dict[str, object] = {}

    def capture(**frames: object) -> sk.Landscape:
        seen.update(frames)
        return sk.Landscape(name="captured")

    monkeypatch.setattr(export_module, "from_frames", capture)
    read_csv_folder(tmp_path)
    measures = seen["measures"]
    assert isinstance(measures, pd.DataFrame)
    row = measures.iloc[0]
    assert (row["status"], row["until"], row["participants"], row["participants_kind"],
            row["participants_of"]) == ("ended", "2022-06-30", 12, "stock", "m2")
    assert row["since"] is None  # an empty cell is an absent field
    assert measures.index[0] == 2  # the line in the CSV file


def test_new_fields_are_written(tmp_path: Path, data_dir: Path) -> None:
    """The writer writes every column of the field table that to_frames gives, the new fields
    included (a stand-in for the landscape gives them before the core does)."""
    land = sk.read_json(data_dir / "good" / "small.json")
    frames = land.to_frames()
    frames["measures"]["status"] = ["ended"] + ["active"] * (len(frames["measures"]) - 1)
    frames["measures"]["until"] = ["2022-06-30"] + [None] * (len(frames["measures"]) - 1)
    frames["areas"]["mapped"] = [["labour_welfare", "county"]] + [[]] * (
        len(frames["areas"]) - 1)

    class WithNewFields:
        name, year, currency = land.name, land.year, land.currency

        def to_frames(self) -> dict[str, pd.DataFrame]:
            return frames

    write_csv_folder(WithNewFields(), tmp_path)  # type: ignore[arg-type]
    with (tmp_path / "measures.csv").open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert (first["status"], first["until"], first["since"]) == ("ended", "2022-06-30", "")
    with (tmp_path / "areas.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["mapped"] for r in rows] == ["labour_welfare;county"] + [""] * (len(rows) - 1)


# --- dynamic GEXF: the edges' spells from the links' since/until ---------------------------------


def _dated() -> sk.Landscape:
    """Links that start and end: a–b an agreement then a network touching it (one spell, open
    at the end), b–c one closed spell, c–d two spells apart, a–d undated (always)."""
    land = sk.Landscape(name="dated")
    land.add_area("3807", name="Skien")
    for actor_id in "abcd":
        land.add_actor(actor_id, name=f"Actor {actor_id.upper()}", owner="municipal",
                       areas=["3807"])
    land.add_link("a", "b", kind="agreement", formal=True, since="2020-01-01",
                  until="2021-06-30")
    land.add_link("a", "b", kind="network", since="2021-07-01")
    land.add_link("b", "c", kind="network", since="2022-03-01", until="2023-12-31")
    land.add_link("c", "d", kind="shared_plan", since="2019-01-01", until="2019-12-31")
    land.add_link("c", "d", kind="agreement", formal=True, since="2021-01-01",
                  until="2021-12-31")
    land.add_link("a", "d", kind="network")
    return land


def _edges_by_pair(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    doc = etree.parse(str(path))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for e in doc.iter(f"{{{GEXF_NS}}}edge"):
        spells = [(s.get("start"), s.get("end")) for s in e.iter(f"{{{GEXF_NS}}}spell")]
        out[(str(e.get("source")), str(e.get("target")))] = {
            "start": e.get("start"), "end": e.get("end"), "spells": spells}
    return out


def test_dynamic_gexf_edges_carry_their_links_dates(tmp_path: Path) -> None:
    path = tmp_path / "dated.gexf"
    sk.network(_dated()).write_gexf(path, dynamic=True)
    doc = etree.parse(str(path))
    _gexf_schema(tmp_path).assertValid(doc)
    graph = doc.getroot().find(f"{{{GEXF_NS}}}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = _edges_by_pair(path)
    assert edges[("a", "b")] == {"start": "2020-01-01", "end": None, "spells": []}
    assert edges[("b", "c")] == {"start": "2022-03-01", "end": "2023-12-31", "spells": []}
    assert edges[("c", "d")] == {"start": None, "end": None, "spells": [
        ("2019-01-01", "2019-12-31"), ("2021-01-01", "2021-12-31")]}
    assert edges[("a", "d")] == {"start": None, "end": None, "spells": []}
    # nodes carry no dates: an actor has none
    assert all(n.get("start") is None and not list(n.iter(f"{{{GEXF_NS}}}spell"))
               for n in doc.iter(f"{{{GEXF_NS}}}node"))
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "dynamic"
    assert back.edges["b", "c"]["start"] == "2022-03-01"
    assert back.edges["b", "c"]["end"] == "2023-12-31"
    assert back.edges["c", "d"]["spells"] == [("2019-01-01", "2019-12-31"),
                                              ("2021-01-01", "2021-12-31")]


def _in_force(path: Path, day: str) -> set[tuple[str, str]]:
    """The edges of a dynamic GEXF in force on ``day`` (both bounds inclusive)."""

    def on(start: str | None, end: str | None) -> bool:
        return (start is None or start <= day) and (end is None or day <= end)

    return {pair for pair, e in _edges_by_pair(path).items()
            if (any(on(s, u) for s, u in e["spells"]) if e["spells"]
                else on(e["start"], e["end"]))}


def _edges_on(land: sk.Landscape, day: str) -> set[tuple[str, str]]:
    """The edges of the network of the mapping as it was on ``day`` (Landscape.at)."""
    then = sk.network(land.at(day)).edges()
    return set(zip(then["source"], then["target"], strict=True))


@pytest.mark.parametrize(("day", "pairs"), [
    ("2019-06-01", {"cd", "ad"}), ("2020-06-01", {"ab", "ad"}),
    ("2021-06-30", {"ab", "cd", "ad"}), ("2021-07-01", {"ab", "cd", "ad"}),
    ("2022-01-01", {"ab", "ad"}), ("2022-03-01", {"ab", "bc", "ad"}),
    ("2024-01-01", {"ab", "ad"})])
def test_dynamic_gexf_agrees_with_landscape_at(tmp_path: Path, day: str, pairs: set[str]) -> None:
    """The edges in force on a day, worked out by hand from _dated (both bounds inclusive),
    and cross-checked with Landscape.at: the network of the mapping as it was that day."""
    land = _dated()
    path = tmp_path / "dated.gexf"
    sk.network(land).write_gexf(path, dynamic=True)
    assert _in_force(path, day) == {(p[0], p[1]) for p in pairs}
    assert _in_force(path, day) == _edges_on(land, day)


def test_dynamic_gexf_follows_the_networks_filters(tmp_path: Path) -> None:
    """Only the links the network kept date its edges: with kinds="agreement" the a–b edge
    ends with the agreement, and c–d is the 2021 agreement alone."""
    path = tmp_path / "agreements.gexf"
    sk.network(_dated(), kinds="agreement").write_gexf(path, dynamic=True)
    _gexf_schema(tmp_path).assertValid(etree.parse(str(path)))
    edges = _edges_by_pair(path)
    assert edges == {("a", "b"): {"start": "2020-01-01", "end": "2021-06-30", "spells": []},
                     ("c", "d"): {"start": "2021-01-01", "end": "2021-12-31", "spells": []}}


def test_static_gexf_is_unchanged_and_module_function_takes_a_network(tmp_path: Path) -> None:
    from samkart.io.export import write_gexf

    net = sk.network(_dated())
    write_gexf(net, tmp_path / "static.gexf")
    graph = etree.parse(str(tmp_path / "static.gexf")).getroot().find(f"{{{GEXF_NS}}}graph")
    assert graph is not None
    assert graph.get("mode") == "static"
    assert "timeformat" not in graph.attrib
    assert all(e["start"] is None and not e["spells"]
               for e in _edges_by_pair(tmp_path / "static.gexf").values())
    write_gexf(net, tmp_path / "dynamic.gexf", dynamic=True)
    net.write_gexf(tmp_path / "method.gexf", dynamic=True)
    assert (tmp_path / "dynamic.gexf").read_bytes() == (tmp_path / "method.gexf").read_bytes()


def test_dynamic_gexf_vestfold_telemark(tmp_path: Path, vt: sk.Landscape) -> None:
    path = tmp_path / "vt.gexf"
    net = sk.network(vt)
    net.write_gexf(path, dynamic=True)
    doc = etree.parse(str(path))
    _gexf_schema(tmp_path).assertValid(doc)
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "dynamic"
    assert back.number_of_edges() == net.number_of_edges()
    # on the day each dated link starts and ends, the GEXF agrees with Landscape.at
    links = vt.to_frames()["links"]
    days = sorted({str(d) for col in ("since", "until") for d in links[col].dropna()})
    assert days, "Vestfold og Telemark has dated links"
    for day in days:
        assert _in_force(path, day) == _edges_on(vt, day), day
