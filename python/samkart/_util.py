"""Helpers the readers and writers of this package share (private): one of each.

- :func:`write_atomic`: every file the package writes goes through it, so that a reader never
  sees half a file and a failed write leaves the old file as it was;
- :func:`did_you_mean`: the "did you mean ...?" hint of an unknown name, by edit distance, with
  the rule of the C++ core's messages (``src/json.cpp``);
- :data:`TRUE_WORDS`, :data:`FALSE_WORDS` and :func:`parse_bool`: the words a spreadsheet or
  CSV cell may hold for true and false, in nb, da and en;
- :func:`flat_tables` and :func:`flat_columns`: the tables and columns of a landscape laid out
  flat (the spreadsheet's sheets, the CSV folder's files), from the field table.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from samkart._core import FieldInfo

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "did_you_mean", "edit_distance", "flat_columns",
           "flat_tables", "parse_bool", "write_atomic"]

#: Cell words read as true (lower-cased): English, Norwegian and Danish, a tick and 1.
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "ja", "j", "sann", "sand", "sandt", "x",
                        "1"})
#: Cell words read as false (lower-cased).
FALSE_WORDS = frozenset({"false", "f", "no", "n", "nei", "nej", "usann", "falsk", "0"})


def parse_bool(text: str) -> bool | None:
    """``True`` or ``False`` for a word of :data:`TRUE_WORDS` / :data:`FALSE_WORDS` (any case,
    surrounding spaces ignored), ``None`` for anything else."""
    key = text.strip().lower()
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between ``a`` and ``b``, ignoring case (insertions, deletions and
    substitutions cost 1). O(len(a) · len(b)) time, O(len(b)) memory."""
    a, b = a.lower(), b.lower()
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        diagonal, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            above = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, diagonal + (ca != cb))
            diagonal = above
    return row[len(b)]


def did_you_mean(given: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``given`` was probably meant to be, or None when none is close.

    Close means an edit distance of at most ``max(2, len(given) // 3)``; a candidate that
    starts with ``given`` (at least 3 characters: ``"intens"`` → ``"intensity"``) counts as
    distance 1. Ties go to the first candidate.
    """
    limit = max(2, len(given) // 3)
    best, guess = limit + 1, None
    low = given.lower()
    for c in candidates:
        score = 1 if len(given) >= 3 and c.lower().startswith(low) else edit_distance(given, c)
        if score < best:
            best, guess = score, c
    return guess


@overload
def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[str]], object], *,
                 binary: Literal[False] = False, mode: int | None = None) -> Path: ...
@overload
def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object], *,
                 binary: Literal[True], mode: int | None = None) -> Path: ...


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[str]], object]
                 | Callable[[IO[bytes]], object], *, binary: bool = False,
                 mode: int | None = None) -> Path:
    """Write a file atomically: ``write(f)`` fills a temporary file in the same folder, which
    is flushed to disk and renamed over ``path`` (``os.replace``).

    Text files are UTF-8 with ``\\n`` line ends as written. The file gets ``mode``, else the
    mode of the file it replaces, else ``0o644`` (``mkstemp`` alone would leave it 0600, and
    what samkart writes is meant to be shared).

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        OSError: the folder does not exist or cannot be written; ``path`` is left as it was and
            no temporary file is left behind. Whatever ``write`` raises propagates the same way.
    """
    out = Path(path)
    if mode is None:
        mode = out.stat().st_mode & 0o777 if out.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        os.fchmod(fd, mode)
        if binary:
            with os.fdopen(fd, "wb") as fb:
                write(fb)  # type: ignore[arg-type]
                fb.flush()
                os.fsync(fb.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as ft:
                write(ft)  # type: ignore[arg-type]
                ft.flush()
                os.fsync(ft.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def private_folder(prefix: str) -> Path:
    """A new, empty folder that only this user can read (``tempfile.mkdtemp``: mode 0700), for
    files that live as long as one piece of work, e.g. what the workers of a process pool load
    (samkart._parallel). The caller removes it."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def flat_columns(collection: str) -> tuple[tuple[str, FieldInfo | None], ...]:
    """The columns of a collection in a flat table (a spreadsheet sheet, a CSV file), from the
    field table: ``ages`` becomes ``age_min`` and ``age_max``; ``population`` of areas is left
    out (it is a table of its own: ``collection="population"`` gives ``area``, ``age_min``,
    ``age_max``, ``count``). Each column comes with its field (``ages`` for both age columns;
    None for population's ``area``, the id of an area)."""
    from samkart import schema  # here: schema imports the compiled core

    out: list[tuple[str, FieldInfo | None]] = []
    if collection == "population":
        out.append(("area", None))
    for f in schema.fields(collection):
        if f.type == "population":
            continue
        if f.type == "ages":
            out += [("age_min", f), ("age_max", f)]
        else:
            out.append((f.name, f))
    return tuple(out)


def flat_tables() -> tuple[str, ...]:
    """The flat tables of a landscape in order: each collection, ``population`` after the
    collection that holds population bands (areas)."""
    from samkart import schema

    out: list[str] = []
    for collection in schema.COLLECTIONS:
        out.append(collection)
        if any(f.type == "population" for f in schema.fields(collection)):
            out.append("population")
    return tuple(out)
