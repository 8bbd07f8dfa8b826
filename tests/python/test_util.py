"""The shared private helpers (samkart._util): atomic writes, "did you mean", cell booleans and
the flat layout of the tables, each used by every reader and writer of the package."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import samkart as sk
from samkart import _util

# --- edit distance and "did you mean" --------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "d"), [
    ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("kitten", "sitting", 3),
    ("flaw", "lawn", 2), ("Value", "valeu", 2), ("providers", "provider", 1),
    ("nav-skein", "nav-skien", 2), ("ab", "ba", 2),
])
def test_edit_distance_by_hand(a: str, b: str, d: int) -> None:
    assert _util.edit_distance(a, b) == d
    assert _util.edit_distance(b, a) == d


def test_edit_distance_against_difflib_free_brute_force() -> None:
    """Cross-check with the textbook full-matrix recursion on all short strings over {a, b}."""
    from functools import cache
    from itertools import product

    @cache
    def lev(a: str, b: str) -> int:
        if not a or not b:
            return len(a) + len(b)
        return min(lev(a[1:], b) + 1, lev(a, b[1:]) + 1, lev(a[1:], b[1:]) + (a[0] != b[0]))

    words = ["".join(p) for n in range(4) for p in product("ab", repeat=n)]
    for a in words:
        for b in words:
            assert _util.edit_distance(a, b) == lev(a, b), (a, b)


def test_did_you_mean() -> None:
    columns = ("area", "key", "value", "year", "source", "illustrative")
    assert _util.did_you_mean("valeu", columns) == "value"
    assert _util.did_you_mean("yaer", columns) == "year"
    assert _util.did_you_mean("illus", columns) == "illustrative"  # a prefix counts as 1
    assert _util.did_you_mean("population", columns) is None  # nothing close
    assert _util.did_you_mean("frivilig", ("voluntary", "private")) is None  # 5 edits > 2
    assert _util.did_you_mean("privat", ("voluntary", "private")) == "private"


# --- booleans --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("TRUE", True), ("true", True), (" Ja ", True), ("yes", True), ("x", True), ("1", True),
    ("sandt", True), ("FALSE", False), ("nei", False), ("Nej", False), ("0", False),
    ("no", False), ("maybe", None), ("", None), ("2", None),
])
def test_parse_bool(text: str, value: bool | None) -> None:
    assert _util.parse_bool(text) is value


def test_true_and_false_words_do_not_overlap() -> None:
    assert not _util.TRUE_WORDS & _util.FALSE_WORDS


# --- atomic writes ---------------------------------------------------------------------------


def test_write_atomic_text_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    assert _util.write_atomic(path, lambda f: f.write("æøå\nline\n")) == path
    assert path.read_bytes() == "æøå\nline\n".encode()
    assert path.stat().st_mode & 0o777 == 0o644  # shareable, not mkstemp's 0600
    os.chmod(path, 0o600)
    _util.write_atomic(path, lambda f: f.write("new"))
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o600  # the mode of the file it replaced


def test_write_atomic_failure_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"old")

    def half(f: object) -> None:
        f.write(b"half")  # type: ignore[attr-defined]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        _util.write_atomic(path, half, binary=True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]
    with pytest.raises(FileNotFoundError):
        _util.write_atomic(tmp_path / "missing" / "x.txt", lambda f: f.write("x"))


def test_one_copy_of_each_helper() -> None:
    """No module of the package writes files, measures edit distance or lists true/false
    words on its own: they all use samkart._util."""
    package = Path(sk.__file__).parent
    own = re.compile(r"tempfile|os\.replace|get_close_matches|def _edit_distance|"
                     r"levenshtein|\"sann\"|'sann'|\"ja\"")
    offenders = [p.name for p in package.rglob("*.py")
                 if p.name not in ("_util.py", "_excel_text.py")
                 and own.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# --- the flat layout -------------------------------------------------------------------------


def test_flat_layout_follows_the_field_table() -> None:
    assert _util.flat_tables() == ("areas", "population", "actors", "measures", "links",
                                   "transitions", "indicators")
    for table in _util.flat_tables():
        names = [name for name, _f in _util.flat_columns(table)]
        if table == "population":
            assert names == ["area", "age_min", "age_max", "count"]
            continue
        expected: list[str] = []
        for f in sk.schema.fields(table):
            if f.type == "ages":
                expected += ["age_min", "age_max"]
            elif f.type != "population":
                expected.append(f.name)
        assert names == expected
    measures = [name for name, _f in _util.flat_columns("measures")]
    for new in ("participants_kind", "participants_of", "status", "since", "until"):
        assert new in measures
    assert {"mapping", "mapped"} <= {n for n, _f in _util.flat_columns("areas")}
    assert "part_of" in {n for n, _f in _util.flat_columns("actors")}
    assert {"count", "subset_of"} <= {n for n, _f in _util.flat_columns("indicators")}
