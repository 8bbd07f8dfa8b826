"""The CSV folder export for R users, and reading it back; the GEXF and GraphML files of the
network, validated against the published schemas (tests/data/xsd)."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from lxml import etree  # the test extra; validates against tests/data/xsd

import samkart as sk
from samkart.export import CSV_COLUMNS, read_csv_folder, write_csv_folder


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
    from samkart.export import graphml_ids

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
    import samkart.export as export_module

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
