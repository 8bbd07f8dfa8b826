"""The JSON Schema (docs/schema/samkart-1.schema.json) and the field tables of docs/model.md are
generated from the field table by tools/gen_schema.py: the committed copies are current, name
every field of every record type, and the JSON Schema accepts the data sets' JSON and what the
writer writes, and refuses what the reader refuses for type and name reasons."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

import samkart as sk
from samkart import schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "docs" / "schema" / "samkart-1.schema.json"
MODEL_PATH = ROOT / "docs" / "model.md"
DEF_NAMES = {"areas": "area", "actors": "actor", "measures": "measure", "links": "link",
             "transitions": "transition", "indicators": "indicator", "population": "band"}


def _load_gen_schema() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "tools" / "gen_schema.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_schema"] = module
    spec.loader.exec_module(module)
    return module


gen_schema = _load_gen_schema()


@pytest.fixture(scope="module")
def json_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="module")
def validator(json_schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(json_schema)
    return jsonschema.Draft202012Validator(
        json_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def all_schemas() -> list[tuple[str, schema.RecordSchema]]:
    return [*schema.SCHEMAS.items(), ("population", schema.POPULATION_BAND)]


def test_the_committed_copies_are_current() -> None:
    diffs = gen_schema.stale()
    assert not diffs, ("generated files are stale; run python tools/gen_schema.py\n"
                       + "\n".join(diffs.values()))


def test_the_check_reports_a_stale_copy_with_a_diff(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    stale_schema = tmp_path / "samkart-1.schema.json"
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    stale_schema.write_text(text.replace('"part_of"', '"part_off"'), encoding="utf-8")
    monkeypatch.setattr(gen_schema, "SCHEMA_PATH", stale_schema)
    monkeypatch.setattr(gen_schema, "ROOT", tmp_path.parent)
    diffs = gen_schema.stale()
    assert list(diffs) == [stale_schema]
    diff = diffs[stale_schema]
    assert '-      "part_off": {' in diff or '-        "part_off": {' in diff
    assert '+        "part_of": {' in diff


@pytest.mark.parametrize(("collection", "rs"), all_schemas(), ids=lambda x: str(x))
def test_every_field_is_in_the_json_schema(json_schema: dict[str, Any], collection: str,
                                           rs: schema.RecordSchema) -> None:
    definition = json_schema["$defs"][DEF_NAMES[collection]]
    assert list(definition["properties"]) == [f.name for f in rs.fields]
    assert definition["required"] == [f.name for f in rs.fields if f.required]
    assert definition["additionalProperties"] is False
    for f in rs.fields:
        prop = definition["properties"][f.name]
        if f.type in ("enum", "enum_list"):
            values = prop["enum"] if f.type == "enum" else prop["items"]["enum"]
            assert values == list(sk.vocabulary.names(f.vocabulary or ""))


def test_every_collection_is_in_the_json_schema(json_schema: dict[str, Any]) -> None:
    assert list(json_schema["properties"]) == ["samkart", "name", "year", "currency",
                                               *schema.COLLECTIONS]
    assert json_schema["additionalProperties"] is False


def _model_table_fields(marker: str) -> list[str]:
    text = MODEL_PATH.read_text(encoding="utf-8")
    match = re.search(rf"<!-- fields:{marker} -->\n(.*?)<!-- /fields:{marker} -->", text,
                      re.DOTALL)
    assert match, f"model.md has no table for {marker}"
    return re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.MULTILINE)


@pytest.mark.parametrize(("collection", "rs"), all_schemas(), ids=lambda x: str(x))
def test_every_field_is_in_model_md(collection: str, rs: schema.RecordSchema) -> None:
    assert _model_table_fields(DEF_NAMES[collection]) == [f.name for f in rs.fields]


def data_files() -> list[Path]:
    return [ROOT / "examples" / "data" / "vestfold_telemark.json",
            *sorted((ROOT / "tests" / "data" / "good").glob("*.json"))]


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.name)
def test_the_json_schema_accepts_the_data_sets(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(doc)]
    assert errors == []
    # What the writer writes of them too.
    written = json.loads(sk.read_json(path).to_json())
    assert list(validator.iter_errors(written)) == []


def test_the_json_schema_accepts_every_new_field(
    validator: jsonschema.Draft202012Validator
) -> None:
    doc = {
        "samkart": 1, "name": "x",
        "areas": [{"id": "1", "name": "A", "kind": "county", "mapping": "partial",
                   "mapped": ["primary_school"], "population": [{"ages": [16, 25], "count": 10}]}],
        "actors": [{"id": "a", "name": "A", "owner": "county", "part_of": "b"},
                   {"id": "b", "name": "B", "owner": "county"}],
        "measures": [{"id": "m", "name": "M", "level": "early", "providers": ["a"],
                      "participants": 3, "participants_kind": "stock",
                      "participants_of": "m2", "status": "pilot", "since": "2024-01-31",
                      "until": "2025-06-30"},
                     {"id": "m2", "name": "M2", "level": 2, "providers": ["b"],
                      "participants_kind": "stock"}],
        "indicators": [{"area": "1", "key": "k", "value": -1.5, "year": 2020, "count": "flow",
                        "subset_of": "population"},
                       {"area": "1", "key": "population", "value": 100, "year": 2020,
                        "count": "flow"}],
    }
    assert list(validator.iter_errors(doc)) == []
    sk.from_json_string(json.dumps(doc))  # and the reader reads it


@pytest.mark.parametrize(("where", "value"), [
    (("measures", 0, "status"), "stopped"),
    (("measures", 0, "participants_kind"), "daily"),
    (("measures", 0, "since"), "2024-1-31"),
    (("measures", 0, "cost"), -1),
    (("areas", 0, "mapping"), "some"),
    (("areas", 0, "mapped"), "school"),
    (("actors", 0, "part_of"), ""),
    (("actors", 0, "unknown"), 1),
    (("indicators", 0, "count"), "both"),
    (("indicators", 0, "subset_of"), 3),
    (("links", 0, "trust"), 5),
])
def test_the_json_schema_refuses_bad_values(
    validator: jsonschema.Draft202012Validator, where: tuple[Any, ...], value: Any
) -> None:
    doc: dict[str, Any] = {
        "samkart": 1, "name": "x",
        "areas": [{"id": "1", "name": "A", "kind": "county"}],
        "actors": [{"id": "a", "name": "A", "owner": "county"},
                   {"id": "b", "name": "B", "owner": "state"}],
        "measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"]}],
        "links": [{"source": "a", "target": "b", "kind": "network"}],
        "indicators": [{"area": "1", "key": "k", "value": 1}],
    }
    assert list(validator.iter_errors(doc)) == []
    bad = copy.deepcopy(doc)
    collection, index, name = where
    bad[collection][index][name] = value
    assert list(validator.iter_errors(bad)), f"{where} = {value!r} should be refused"


def test_missing_markers_are_an_error() -> None:
    with pytest.raises(ValueError, match="no markers <!-- fields:area -->"):
        gen_schema.model_text("# The model\n")
