"""What the Python fuzz targets share: the input container, the files each reader needs, and
the invariant every reader must keep (issue 18, docs/fuzzing.md).

The invariant: any input gives a whole, valid result (a landscape that validates without errors
and round-trips through JSON to an equal landscape; a frame or survey result of the documented
shape) or a :class:`samkart.SamkartError` whose message is non-empty, valid text (encodes as
UTF-8). Any other exception, a hang (``-timeout``) or a crash is a finding: the target lets it
escape, and atheris writes the input to ``crash-*``.

Readers of folders and workbooks get several files from one input, in a *container*: a line
``==> name <==`` starts each file and everything up to the next such line is its content (the
format of ``head`` on several files). It is plain text, so the seeds stay readable and the
fuzzer's mutations stay inside one file or move the boundaries; a spreadsheet is its zip parts
in a container, zipped by the target (stored, not compressed, so a mutation changes the XML and
not the compression). An input that starts with ``PK`` is used as the zip file itself, to try
broken zip structure.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The working copy's package when a compiled core was copied into it (a worktree that changes
# only Python); else the installed one.
if any((ROOT / "python" / "samkart").glob("_core*.so")) and str(ROOT / "python") not in sys.path:
    sys.path.insert(0, str(ROOT / "python"))

_MARK = b"==> "
_END = b" <==\n"
_HEADER = re.compile(rb"(?m)^==> ([^\n]*) <==\n")

# from_hsds warns about inactive services; a warning is not a finding.
warnings.simplefilter("ignore")


def unpack(data: bytes) -> list[tuple[str, bytes]]:
    """The files of a container (see the module documentation); bytes before the first
    ``==> name <==`` line are the content of a file named ``""``."""
    out: list[tuple[str, bytes]] = []
    name, start = "", 0
    for m in _HEADER.finditer(data):
        out.append((name, _body(data[start:m.start()])))
        name, start = m.group(1).decode("utf-8", "replace"), m.end()
    out.append((name, _body(data[start:])))
    return [(n, c) for n, c in out if n or c]


def _body(content: bytes) -> bytes:
    return content[:-1] if content.endswith(b"\n") else content


def pack(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A container holding ``files`` (the inverse of :func:`unpack`)."""
    return b"".join(_MARK + n.encode() + _END + c + b"\n" for n, c in files)


def safe_name(name: str, allowed: Iterable[str]) -> str:
    """A file name from the input mapped onto ``allowed`` (no path escapes the work folder):
    itself if allowed, else one of them chosen by its characters."""
    names = list(allowed)
    if name in names:
        return name
    return names[sum(name.encode("utf-8", "replace")) % len(names)]


_WORK: Path | None = None


def workdir() -> Path:
    """An empty folder for this input (the same one each time, emptied; in memory when
    ``/dev/shm`` exists, so a run does not wear the disk)."""
    global _WORK
    if _WORK is None:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        _WORK = Path(tempfile.mkdtemp(prefix="samkart-fuzz-", dir=base))
    for p in _WORK.iterdir():
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()
    return _WORK


def write_files(folder: Path, files: Iterable[tuple[str, bytes]],
                allowed: Iterable[str]) -> None:
    """Write each file under its allowed name (a later file of the same name wins)."""
    names = list(allowed)
    for name, content in files:
        (folder / safe_name(name, names)).write_bytes(content)


def make_xlsx(data: bytes, path: Path) -> Path:
    """The input as a spreadsheet file: raw when it starts with ``PK``, else its container's
    parts zipped (stored)."""
    if data.startswith(b"PK"):
        path.write_bytes(data)
        return path
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        seen: set[str] = set()
        for name, content in unpack(data):
            # A name inside the zip: any text is safe, but zipfile cuts a name at a NUL and
            # strips leading slashes, so one can end up empty (zipfile then raises IndexError:
            # a fault of this harness, found by the 30-minute runs, not of the reader).
            part = zipfile.ZipInfo(name).filename if name else ""
            part = part or "xl/workbook.xml"
            if part in seen:
                continue
            seen.add(part)
            z.writestr(part, content)
    return path


def check_error(err: BaseException) -> None:
    """An expected refusal: a SamkartError with a message that is valid, non-empty text.
    Anything else is re-raised as the finding."""
    import samkart as sk

    if not isinstance(err, sk.SamkartError):
        raise err
    message = str(err)
    if not message.strip():
        msg = f"{type(err).__name__} with an empty message"
        raise AssertionError(msg) from err
    message.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError: a finding


def check_landscape(land: Any) -> None:
    """A landscape that was read is whole and valid: no errors from ``validate``, and the JSON
    round trip gives an equal landscape that writes the same text again."""
    import samkart as sk

    assert isinstance(land, sk.Landscape), type(land)
    errors = [p for p in land.validate() if p.severity == "error"]
    assert not errors, errors
    text = land.to_json()
    again = sk.from_json_string(text)
    assert again == land, "the JSON round trip changed the landscape"
    assert again.to_json() == text, "the landscape wrote different JSON the second time"


def guarded(read: Callable[[], Any], check: Callable[[Any], None] = check_landscape) -> None:
    """Run one read: its result must pass ``check``, its error :func:`check_error`."""
    try:
        result = read()
    except Exception as err:
        check_error(err)
        return
    check(result)


def main(one_input: Callable[[bytes], None]) -> None:
    """Run ``one_input`` under atheris with libFuzzer's command line (``sys.argv``)."""
    import atheris

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


def instrumented() -> Any:
    """``atheris.instrument_imports`` for samkart's Python code (coverage feedback), or a no-op
    context when atheris is not installed (the regression replay in pytest)."""
    try:
        import atheris
    except ImportError:
        import contextlib
        return contextlib.nullcontext()
    return atheris.instrument_imports(include=["samkart"])
