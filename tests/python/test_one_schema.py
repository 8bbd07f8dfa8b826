"""One schema for every record (issue 12): every field of every record type reaches every
reader, writer and converter under the same name. The expected names are taken from the field
table (``samkart.schema``) and checked against what each output really holds, read back with
other tools (openpyxl, the csv module, json), not through the code that derives them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

import samkart as sk

REPO = Path(__file__).resolve().parents[2]


def flat(collection: str) -> list[str]:
    """A record's columns in a flat table: ages as two columns, population a table of its own."""
    out: list[str] = []
    for f in sk.schema.fields(collection):
        if f.type == "ages":
            out += ["age_min", "age_max"]
        elif f.type != "population":
            out.append(f.name)
    return out


def test_every_field_is_a_frame_column() -> None:
    frames = sk.datasets.vestfold_telemark().to_frames()
    for collection in sk.schema.COLLECTIONS:
        expected = [c for f in sk.schema.fields(collection)
                    for c in (["age_min", "age_max"] if f.type == "ages" else [f.name])]
        assert list(frames[collection].columns) == expected, collection


def test_every_field_is_a_column_of_the_spreadsheet_form(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    sk.write_template(path, lang="en")
    book = openpyxl.load_workbook(path)
    for collection in sk.schema.COLLECTIONS:
        header = [c for c in next(book[collection].iter_rows(max_row=1, values_only=True)) if c]
        assert header == flat(collection), collection
    population = next(book["population"].iter_rows(max_row=1, values_only=True))
    assert [c for c in population if c] == ["area", *flat("population")]


def test_every_field_is_a_column_of_the_csv_folder(tmp_path: Path) -> None:
    sk.write_csv_folder(sk.datasets.vestfold_telemark(), tmp_path)
    for collection in sk.schema.COLLECTIONS:
        with (tmp_path / f"{collection}.csv").open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == flat(collection), collection


def test_every_field_is_in_the_json_schema_and_the_model_docs() -> None:
    document = json.loads((REPO / "docs/schema/samkart-1.schema.json").read_text("utf-8"))
    model = (REPO / "docs/model.md").read_text("utf-8")
    text = json.dumps(document)
    for collection in sk.schema.COLLECTIONS:
        for f in sk.schema.fields(collection):
            assert f'"{f.name}"' in text, (collection, f.name)
            assert f"`{f.name}`" in model, (collection, f.name)


@pytest.mark.parametrize("collection", sk.schema.COLLECTIONS)
def test_every_field_has_labels_in_three_languages(collection: str) -> None:
    for f in sk.schema.fields(collection):
        labels = {f.label(lang) for lang in ("nb", "da", "en")}
        assert all(labels), (collection, f.name)
