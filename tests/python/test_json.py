"""JSON input and output from Python: lossless round trips and atomic writes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

import samkart as sk


def landscapes(data_dir: Path, vt: sk.Landscape, small: sk.Landscape) -> dict[str, sk.Landscape]:
    return {
        "vestfold_telemark": vt,
        "small.json": sk.read_json(data_dir / "good" / "small.json"),
        "api": small,
        "synthetic": sk.datasets.synthetic(4, 6, seed=3),
    }


@pytest.mark.parametrize("which", ["vestfold_telemark", "small.json", "api", "synthetic"])
def test_round_trip_through_a_file(
    which: str, data_dir: Path, vt: sk.Landscape, small: sk.Landscape, tmp_path: Path
) -> None:
    land = landscapes(data_dir, vt, small)[which]
    path = tmp_path / "land.json"
    assert land.to_json(path) is None
    again = sk.read_json(path)
    assert again == land
    assert again.to_json() == land.to_json()
    # Through the other spellings too.
    sk.write_json(land, str(tmp_path / "b.json"), indent=-1)
    assert sk.read_json(str(tmp_path / "b.json")) == land
    assert sk.Landscape.from_json(land.to_json(indent=4)) == land
    assert sk.from_json_string(sk.to_json_string(land)) == land


def test_small_json_reads_as_written(data_dir: Path) -> None:
    land = sk.read_json(data_dir / "good" / "small.json")
    doc = json.loads((data_dir / "good" / "small.json").read_text(encoding="utf-8"))
    assert land.name == doc["name"]
    assert [a.id for a in land.actors] == [a["id"] for a in doc["actors"]]
    assert land.area("3807").population == {(0, 15): 10400, (16, 25): 6950.5}
    # The writer leaves out absent optionals, empty lists and false booleans.
    written = json.loads(land.to_json())
    assert written["samkart"] == 1
    for record in written["actors"]:
        assert record.get("illustrative", True) is True
        assert record.get("areas", ["x"]) != []


def test_json_text_shape(small: sk.Landscape) -> None:
    doc = json.loads(small.to_json())
    assert list(doc)[:4] == ["samkart", "name", "year", "currency"]
    m1 = doc["measures"][0]
    assert m1 == {"id": "m1", "name": "Samtalegruppe", "level": 2, "providers": ["nav-skien"],
                  "ages": [16, 29], "capacity": 40, "keys": ["participation"],
                  "tees": ["close_follow_up"]}
    assert "\n" not in small.to_json(indent=-1).rstrip("\n")


def test_json_matches_the_schema(repo: Path, vt: sk.Landscape, small: sk.Landscape) -> None:
    schemas = sorted((repo / "docs" / "schema").glob("*.json"))
    assert schemas, "docs/schema holds the JSON Schema"
    schema = json.loads(schemas[0].read_text(encoding="utf-8"))
    for land in (vt, small):
        jsonschema.validate(json.loads(land.to_json()), schema)


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(sk.SamkartError, match="no such file") as info:
        sk.read_json(tmp_path / "missing.json")
    assert not isinstance(info.value, ValueError)
    with pytest.raises(sk.SamkartError, match="directory"):
        sk.read_json(tmp_path)
    with pytest.raises(sk.SchemaError) as schema_info:
        sk.Landscape.from_json('{"samkart": 1, "name": "x", "actors": [{"id": 3}]}')
    assert schema_info.value.pointer.startswith("/actors/0")
    assert schema_info.value.line == 1
    assert isinstance(schema_info.value.problems[0], tuple)


def test_write_into_a_missing_directory_fails_and_creates_nothing(
    small: sk.Landscape, tmp_path: Path
) -> None:
    with pytest.raises(sk.SamkartError, match="does not exist"):
        small.to_json(tmp_path / "no" / "such" / "dir.json")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    # A file-size limit makes the write fail half-way, as a full disk would; the target must
    # keep its old content and no temporary file may be left behind. Run in a child process
    # so that the limit does not touch this one.
    target = tmp_path / "land.json"
    target.write_text("old content\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import resource, signal, sys
        import samkart as sk
        land = sk.datasets.vestfold_telemark()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            land.to_json({str(target)!r})
        except sk.SamkartError as e:
            print("failed:", e)
            sys.exit(0)
        sys.exit("the write did not fail")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "cannot write" in done.stdout
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["land.json"]


def test_write_replaces_the_old_file(small: sk.Landscape, tmp_path: Path) -> None:
    target = tmp_path / "land.json"
    target.write_text("old content\n", encoding="utf-8")
    small.to_json(target)
    assert sk.read_json(target) == small
    assert [p.name for p in tmp_path.iterdir()] == ["land.json"]


def test_validate_json_file_lists_problems_without_raising(data_dir: Path) -> None:
    good = sk.validate_json_file(data_dir / "good" / "small.json")
    assert all(p.severity == "warning" for p in good)
    bad = sk.validate_json_file(data_dir / "bad" / "several_problems.json")
    assert len([p for p in bad if p.severity == "error"]) == 3
    schema = sk.validate_json_file(data_dir / "bad" / "truncated.json")
    assert [p.collection for p in schema] == ["schema"]


# --- messages are text whatever the input bytes ----------------------------------------------

def test_a_syntax_error_quoting_a_split_utf8_sequence_is_a_schema_error(tmp_path: Path) -> None:
    # The parser quotes the last bytes it read: the first byte of 'ø' where a value should
    # start. This raised UnicodeDecodeError before the fix.
    path = tmp_path / "split.json"
    path.write_bytes(b'{"samkart": 1, "name": \xc3\xb8}')
    with pytest.raises(sk.SchemaError, match="not valid JSON") as info:
        sk.read_json(path)
    assert "\ufffd" in str(info.value)
    assert info.value.line == 1


def test_a_path_that_is_not_utf8_is_named_in_a_samkart_error(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("paths are UTF-16 on Windows")
    path = Path(os.fsdecode(bytes(tmp_path) + b"/Krager\xf8.json"))  # Latin-1 'ø'
    with pytest.raises(sk.SamkartError, match="no such file") as info:
        sk.read_json(path)
    assert "Krager\ufffd.json" in str(info.value)
    path.write_bytes(b'{"samkart": 1, "name": 3}')
    with pytest.raises(sk.SchemaError) as schema_info:
        sk.read_json(path)
    assert schema_info.value.source_name.endswith("Krager\ufffd.json")


def test_random_mutations_of_the_example_file_raise_only_samkart_errors(
    repo: Path, tmp_path: Path
) -> None:
    original = (repo / "examples" / "data" / "vestfold_telemark.json").read_bytes()
    # Mutations just before or at the first byte of a multi-byte sequence split one most often.
    leads = [i for i in range(1, len(original)) if original[i] >= 0xC0]
    rng = random.Random(20261202)
    path = tmp_path / "mutated.json"
    outcomes: dict[str, int] = {}
    for n in range(1000):
        text = bytearray(original)
        at = rng.randrange(len(text)) if n % 2 == 0 else rng.choice(leads) - rng.randrange(2)
        kind = rng.randrange(3)
        if kind == 0:
            text[at] = rng.randrange(256)
        elif kind == 1:
            del text[at]
        else:
            text.insert(at, rng.randrange(256))
        path.write_bytes(bytes(text))
        try:
            sk.read_json(path)
            outcome = "landscape"
        except (sk.SchemaError, sk.ValidationError) as e:
            outcome = type(e).__name__
            str(e).encode("utf-8")  # valid text, no lone surrogates
            for p in e.problems:  # type: ignore[attr-defined]
                str(p).encode("utf-8")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert set(outcomes) <= {"landscape", "SchemaError", "ValidationError"}
    assert outcomes.get("SchemaError", 0) > 250
