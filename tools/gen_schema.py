"""Generate the JSON Schema and the field tables of docs/model.md from the field table.

The field table (``include/samkart/core/schema.hpp``, in Python ``samkart.schema``) declares
every field of every record once. This script writes what restates it for readers:

- ``docs/schema/samkart-1.schema.json``, the JSON Schema of the file format;
- the field tables of ``docs/model.md``, between the marker comments
  ``<!-- fields:area -->`` and ``<!-- /fields:area -->`` (one pair per record type), so the
  prose around them stays as written.

Usage (with samkart installed, e.g. in the worktree's .venv)::

    python tools/gen_schema.py            # rewrite both files
    python tools/gen_schema.py --check    # exit 1, with a diff, if a committed copy is stale

``tests/python/test_schema.py`` runs the check, so a change to the table that is not followed
by running this script fails the tests.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

from samkart import schema, vocabulary
from samkart._core import FieldInfo, RecordSchema

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "docs" / "schema" / "samkart-1.schema.json"
MODEL_PATH = ROOT / "docs" / "model.md"

#: The $defs name of each record type's object.
DEF_NAMES = {"areas": "area", "actors": "actor", "measures": "measure", "links": "link",
             "transitions": "transition", "indicators": "indicator", "population": "band"}

#: Ranges the field table does not record (the model checks them and reports a
#: ValidationError); the schema states them so that editors can flag them early.
#: Every other number is an amount: finite and never negative.
NUMBER_RANGES: dict[tuple[str, str], dict[str, Any]] = {
    ("links", "trust"): {"$ref": "#/$defs/score"},
    ("links", "value"): {"$ref": "#/$defs/score"},
    ("indicators", "value"): {"type": "number"},
}
#: Whole numbers are years.
YEAR: dict[str, Any] = {"type": "integer", "minimum": 1900, "maximum": 2200}

LEVEL_NAMES = ["universal", "early", "targeted", "intensive"]

#: The landscape object itself: its own fields, which are not records.
TOP_FIELDS: dict[str, dict[str, Any]] = {
    "samkart": {"const": 1,
                "description": "The schema version. This library reads and writes version 1."},
    "name": {"type": "string",
             "description": "The landscape's name, e.g. \"Vestfold og Telemark\"."},
    "year": {**YEAR, "description": "The year the mapping describes."},
    "currency": {"type": "string", "minLength": 1, "default": "NOK",
                 "description": "ISO 4217 code of every cost in the landscape."},
}

DESCRIPTION = (
    "A mapping of the services around young people: areas, service actors, their measures at "
    "the four prevention levels, the collaboration links between actors, hand-overs of young "
    "people and indicators. Read by samkart::read_json / samkart.read_json. This schema checks "
    "types, names and ranges; references between records (ids that must exist, unique ids, "
    "parent cycles, self-links) can only be checked by the library, which reports type and "
    "name problems as SchemaError and range and reference problems as ValidationError. Writers "
    "omit fields that hold their default (absent optional fields, empty lists, false booleans "
    "and the default of an enum such as a measure's status \"active\"), and write whole numbers "
    "as integers. Generated from the field table by tools/gen_schema.py: do not edit by hand."
)

COMMON_DEFS: dict[str, Any] = {
    "id": {
        "type": "string", "minLength": 1, "pattern": "^\\S(.*\\S)?$",
        "description": "A user-chosen identifier such as \"ot-skien\" or the municipality "
                       "number \"3807\"; no leading or trailing white space.",
    },
    "area_ref": {"$ref": "#/$defs/id", "description": "The id of an area of this landscape."},
    "actor_ref": {"$ref": "#/$defs/id", "description": "The id of an actor of this landscape."},
    "measure_ref": {"$ref": "#/$defs/id",
                    "description": "The id of a measure of this landscape."},
    "ages": {
        "type": "array",
        "prefixItems": [{"type": "integer", "minimum": 0, "maximum": 120},
                        {"type": "integer", "minimum": 0, "maximum": 120}],
        "minItems": 2, "maxItems": 2, "items": False,
        "description": "Ages [min, max], inclusive whole years, 0 ≤ min ≤ max ≤ 120 "
                       "(min ≤ max is checked by the library).",
    },
    "amount": {"type": "number", "minimum": 0,
               "description": "A finite number, never negative."},
    "score": {"type": "number", "minimum": 0, "maximum": 4,
              "description": "A survey score on the scale 0–4."},
    "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
             "description": "An ISO date YYYY-MM-DD that exists in the calendar."},
}


def _ref(collection: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{DEF_NAMES[collection]}_ref"}


def _enum(f: FieldInfo) -> dict[str, Any]:
    assert f.vocabulary is not None, f.name
    return {"enum": list(vocabulary.names(f.vocabulary))}


def _default(f: FieldInfo) -> Any:
    """The default as a JSON value ("false" → false, "[]" → [], "active" → "active")."""
    assert f.default is not None
    try:
        return json.loads(f.default)
    except json.JSONDecodeError:
        return f.default


def field_schema(collection: str, f: FieldInfo) -> dict[str, Any]:
    """The JSON Schema of one field."""
    t = f.type
    s: dict[str, Any]
    if t == "id":
        s = {"$ref": "#/$defs/id"}
    elif t == "text":
        s = {"type": "string", "minLength": 1} if f.required else {"type": "string"}
    elif t == "ref":
        assert f.refers_to is not None
        s = _ref(f.refers_to)
    elif t == "ref_list":
        assert f.refers_to is not None
        s = {"type": "array", "items": _ref(f.refers_to), "uniqueItems": True}
        if f.required:
            s["minItems"] = 1
    elif t == "text_list":
        s = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
    elif t == "enum":
        s = _enum(f)
    elif t == "enum_list":
        s = {"type": "array", "items": _enum(f), "uniqueItems": True}
    elif t == "number":
        s = dict(NUMBER_RANGES.get((collection, f.name), {"$ref": "#/$defs/amount"}))
    elif t == "integer":
        s = dict(YEAR)
    elif t == "bool":
        s = {"type": "boolean"}
    elif t == "ages":
        s = {"$ref": "#/$defs/ages"}
    elif t == "level":
        s = {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 4},
                       {"enum": LEVEL_NAMES}]}
    elif t == "date":
        s = {"$ref": "#/$defs/date"}
    elif t == "population":
        s = {"type": "array", "items": {"$ref": "#/$defs/band"}}
    else:  # pragma: no cover - a new field type must be taught to this script
        msg = f"{collection}.{f.name}: field type {t!r} is not known to gen_schema.py"
        raise ValueError(msg)
    s["title"] = f.label("en")
    s["description"] = f.description
    if not f.required and f.default is not None:
        s["default"] = _default(f)
    return s


def record_schema(rs: RecordSchema) -> dict[str, Any]:
    """The JSON Schema of one record type: every field, the required ones, nothing else."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in rs.fields if f.required],
        "description": rs.description,
        "properties": {f.name: field_schema(rs.collection, f) for f in rs.fields},
    }


def json_schema() -> dict[str, Any]:
    """The whole JSON Schema of a landscape document."""
    properties: dict[str, Any] = dict(TOP_FIELDS)
    for collection, rs in schema.SCHEMAS.items():
        properties[collection] = {
            "type": "array",
            "items": {"$ref": f"#/$defs/{DEF_NAMES[collection]}"},
            "default": [],
            "description": rs.description,
        }
    defs: dict[str, Any] = dict(COMMON_DEFS)
    defs["band"] = record_schema(schema.POPULATION_BAND)
    for collection, rs in schema.SCHEMAS.items():
        defs[DEF_NAMES[collection]] = record_schema(rs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samkart.example/schema/samkart-1.schema.json",
        "title": "samkart landscape, schema version 1",
        "description": DESCRIPTION,
        "type": "object",
        "required": ["samkart", "name"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- docs/model.md --------------------------------------------------------------------------

def _code_list(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def type_text(f: FieldInfo) -> str:
    """The type column of a field in model.md."""
    t = f.type
    of = (f.refers_to or "").rstrip("s")
    if t == "id":
        return "id"
    if t == "text":
        if f.vocabulary:
            return f"string (recommended: {f.vocabulary} vocabulary)"
        return "string"
    if t == "ref":
        return f"{of} id"
    if t == "ref_list":
        return f"list of {of} ids" + (", ≥ 1" if f.required else "")
    if t == "text_list":
        if f.vocabulary:
            return f"list of strings (recommended: {f.vocabulary} vocabulary)"
        return "list of strings"
    if t == "enum":
        assert f.vocabulary is not None
        return _code_list(vocabulary.names(f.vocabulary))
    if t == "enum_list":
        assert f.vocabulary is not None
        return "subset of " + _code_list(vocabulary.names(f.vocabulary))
    return {"number": "number", "integer": "whole number", "bool": "bool",
            "ages": "ages", "level": "1–4 or its name", "date": "`YYYY-MM-DD`",
            "population": "list of population bands"}[t]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(rs: RecordSchema) -> str:
    """The markdown table of one record type's fields."""
    lines = ["| field | type | required | default | meaning | nb | da |",
             "|---|---|---|---|---|---|---|"]
    for f in rs.fields:
        required = "yes" if f.required else "no"
        default = f"`{f.default}`" if f.default is not None else ""
        if f.required and f.default is not None:
            default += " (in the API)"
        lines.append("| " + " | ".join(_cell(c) for c in (
            f"`{f.name}`", type_text(f), required, default, f.description, f.label("nb"),
            f.label("da"))) + " |")
    return "\n".join(lines) + "\n"


def _marker_name(rs: RecordSchema) -> str:
    return DEF_NAMES.get(rs.collection, rs.record)


def model_text(current: str) -> str:
    """model.md with every generated table rewritten between its markers.

    Raises ValueError if a record type has no markers, so no table is silently left out.
    """
    out = current
    for rs in (*schema.SCHEMAS.values(), schema.POPULATION_BAND):
        name = _marker_name(rs)
        begin = f"<!-- fields:{name} -->"
        end = f"<!-- /fields:{name} -->"
        pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.DOTALL)
        if not pattern.search(out):
            msg = f"{MODEL_PATH}: no markers {begin} … {end} for the {rs.record} table"
            raise ValueError(msg)
        block = (f"{begin}\n<!-- generated by tools/gen_schema.py from the field table; do not "
                 f"edit -->\n{field_table(rs)}{end}")
        out = pattern.sub(block.replace("\\", "\\\\"), out)
    return out


# --- main -----------------------------------------------------------------------------------

def outputs() -> dict[Path, str]:
    """Every generated file and the text it should hold."""
    return {SCHEMA_PATH: schema_text(),
            MODEL_PATH: model_text(MODEL_PATH.read_text(encoding="utf-8"))}


def stale() -> dict[Path, str]:
    """The generated files whose committed copy differs, each with a unified diff."""
    diffs: dict[Path, str] = {}
    for path, text in outputs().items():
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            diffs[path] = "".join(difflib.unified_diff(
                old.splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"{path.relative_to(ROOT)} (committed)",
                tofile=f"{path.relative_to(ROOT)} (from the field table)"))
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="only check that the committed files are current")
    args = parser.parse_args(argv)
    if args.check:
        diffs = stale()
        for diff in diffs.values():
            sys.stdout.write(diff)
        if diffs:
            print("stale: run python tools/gen_schema.py", file=sys.stderr)
        return 1 if diffs else 0
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
