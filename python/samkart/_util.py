"""Helpers the readers and writers of this package share (private): one of each.

- :func:`write_atomic`: every file the package writes goes through it, so that a reader never
  sees half a file and a failed write leaves the old file as it was;
- :func:`did_you_mean`: the "did you mean ...?" hint of an unknown name, by edit distance, with
  the rule of the C++ core's messages (``src/json.cpp``);
- :data:`TRUE_WORDS`, :data:`FALSE_WORDS` and :func:`parse_bool`: the words a spreadsheet or
  CSV cell may hold for true and false, in nb, da and en;
- :func:`flat_tables` and :func:`flat_columns`: the tables and columns of a landscape laid out
  flat (the spreadsheet's sheets, the CSV folder's files), from the field table;
- :func:`limit_error`, :func:`check_file_size`, :func:`check_zip` and :func:`read_csv_rows`:
  the input limits of ``docs/reliability.md`` (the C++ core's, ``_core._input_limits()``)
  enforced by the Python readers as they stream their input (issue 18), so that an oversized
  file is refused before it is held in memory.
"""

from __future__ import annotations

import csv
import functools
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from samkart.errors import SchemaError

if TYPE_CHECKING:
    from samkart._core import FieldInfo

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "check_file_size", "check_zip", "did_you_mean",
           "edit_distance", "flat_columns", "flat_tables", "input_limits", "limit_error",
           "parse_bool", "read_csv_rows", "write_atomic"]

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


# --- input limits (issue 18) ---------------------------------------------------------------------

#: Parts in a zip container (.xlsx) beyond which it is refused before its directory is read: a
#: workbook written by a spreadsheet program has a few dozen.
MAX_ZIP_ENTRIES = 10_000


@functools.cache
def input_limits() -> dict[str, int]:
    """The C++ core's input limits (``include/samkart/core/limits.hpp``): ``max_input_bytes``
    (256 MiB), ``max_records`` (10⁶ per collection), ``max_string_bytes`` (1 MiB) and
    ``max_depth``. The Python readers enforce the same numbers."""
    from samkart import _core

    return dict(_core._input_limits())


def limit_error(where: str, message: str, fix: str) -> SchemaError:
    """The refusal of an input beyond a limit: ``"<where>: <message>; <fix>"``, as a
    :class:`SchemaError` whose problem points at ``where``."""
    text = f"{where}: {message}; {fix}"
    return SchemaError(text, [("", None, None, f"{message}; {fix}")], where)


def _mib(n: int) -> str:
    return f"{n // 2**20} MiB" if n % 2**20 == 0 else f"{n:,} bytes"


def check_file_size(path: Path, what: str = "file") -> None:
    """Refuse a file larger than ``max_input_bytes`` before reading any of it (its size from
    the file system; a file that does not exist is left to the reader's own error)."""
    limit = input_limits()["max_input_bytes"]
    try:
        size = path.stat().st_size
    except (OSError, ValueError):  # missing, or not a path at all: left to the reader
        return
    if size > limit:
        raise limit_error(str(path), f"the {what} is {size:,} bytes; samkart reads at most "
                          f"{_mib(limit)}", "split the mapping into several files")


def _entry_count(path: Path) -> int | None:
    """The number of entries a zip file declares in its end-of-central-directory record (zip64
    included), read before :class:`zipfile.ZipFile` builds an object per entry; None when the
    record is not found (then ``ZipFile`` refuses the file)."""
    end_record: Any = getattr(zipfile, "_EndRecData", None)
    if end_record is None:  # pragma: no cover - private since Python 2, present in 3.11-3.13
        return None
    try:
        with path.open("rb") as f:
            record = end_record(f)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    return None if record is None else int(record[zipfile._ECD_ENTRIES_TOTAL])  # type: ignore[attr-defined]


def check_zip(path: Path) -> None:
    """Refuse a zip container (an .xlsx) that is too large to read, from its directory,
    before any part is unpacked: the file beyond ``max_input_bytes``, more than
    :data:`MAX_ZIP_ENTRIES` parts, a part or all parts together unpacking to more than
    ``max_input_bytes``. The directory may lie about a part's size, but Python's zipfile never
    unpacks more than the size the directory gives (the rest fails the CRC check), so the sizes
    checked here bound what is read. A file that is not a zip is left to the reader."""
    check_file_size(path, "spreadsheet")
    limit = input_limits()["max_input_bytes"]
    count = _entry_count(path)
    fix = "this is not a spreadsheet a spreadsheet program wrote; open it and save it again"
    if count is not None and count > MAX_ZIP_ENTRIES:
        raise limit_error(str(path), f"the zip file declares {count:,} parts; samkart reads "
                          f"at most {MAX_ZIP_ENTRIES:,}", fix)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limit:
            raise limit_error(f"{path}, part {info.filename}", f"it unpacks to "
                              f"{info.file_size:,} bytes; samkart reads at most {_mib(limit)}",
                              "split the mapping into several files")
        if total > limit:
            raise limit_error(f"{path}, part {info.filename}", "the parts unpack to more "
                              f"than {_mib(limit)} together; samkart reads at most that",
                              "split the mapping into several files")


def read_csv_rows(path: Path, *, strip: bool = False
                  ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (names stripped) and the data rows of a UTF-8 CSV file (a byte-order mark
    allowed), each row as (line number where it ends, column → cell), the cells stripped when
    ``strip``. The limits hold as the file is read: its size before it is opened, the rows one
    by one (at most ``max_records``), a cell at most the csv module's field limit.

    Raises:
        SchemaError: the file is beyond a limit, is not UTF-8, or is not CSV the csv module
            can read; the message names the file, the line and the fix.
    """
    check_file_size(path, "CSV file")
    limit = input_limits()["max_records"]
    rows: list[tuple[int, dict[str, str]]] = []
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [str(h).strip() for h in reader.fieldnames or []]
            twice = sorted({h for h in header if h and header.count(h) > 1})
            if twice:
                # A dict row keeps only the last of two equal columns: the first would be
                # dropped without a word (found by fuzzing read_survey).
                msg = (f"{path}, line 1: the column {twice[0]!r} is named twice; rename or "
                       "remove one of them")
                raise SchemaError(msg, [("", 1, None, f"column {twice[0]!r} named twice")],
                                  str(path))
            for row in reader:
                line = reader.line_num
                if len(rows) >= limit:
                    raise limit_error(f"{path}, line {line}", f"more than {limit:,} rows; "
                                      f"samkart reads at most {limit:,} records per "
                                      "collection", "split the mapping into several files")
                rows.append((line, {str(k).strip(): (v or "").strip() if strip else v or ""
                                    for k, v in row.items() if k is not None}))
    except UnicodeDecodeError as err:
        msg = (f"{path}: not UTF-8 text (byte 0x{err.object[err.start]:02x} after line "
               f"{line}); save the file as UTF-8 (CSV UTF-8 in Excel)")
        raise SchemaError(msg, [("", line, None, "not UTF-8 text")], str(path)) from None
    except csv.Error as err:
        msg = (f"{path}, line {line + 1}: not CSV samkart can read ({err}); check the quotes "
               f"of that line, a cell holds at most {csv.field_size_limit():,} characters")
        raise SchemaError(msg, [("", line + 1, None, str(err))], str(path)) from None
    return header, rows
