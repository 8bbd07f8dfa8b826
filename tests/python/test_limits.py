"""Limits before reading (issue 18): the Python readers refuse an oversized input as they
stream it, with a SchemaError naming the limit, the file and where it was hit, in bounded time
and memory.

Each reader runs in a subprocess that reports its peak resident memory (``ru_maxrss``); the
bound is generous, but far below what reading the input whole would take (a hang is caught by
the subprocess timeout; time is not asserted, the machines are shared): a sheet of two million
rows held by openpyxl takes gigabytes, and the zip bomb unpacks to 300 MiB.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import samkart as sk

REPO = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 700  # samkart, pandas and openpyxl imported take about 150 MB
# No assertion on time (the machines are shared): a reader that hangs is caught by the
# subprocess timeout, one that reads what it should refuse by the memory bound.

RUN = textwrap.dedent('''
    import json, resource, sys
    import samkart as sk
    from samkart.io.excel import read_excel
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # after the imports
    try:
        exec(sys.argv[1])
        out = {"error": None}
    except sk.SamkartError as err:
        out = {"error": type(err).__name__, "message": str(err)}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["added_mb"] = out["rss_mb"] - before
    print(json.dumps(out))
''')


def refused(call: str) -> dict[str, object]:
    """Run ``call`` in a subprocess; its SchemaError and peak memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", RUN, call], capture_output=True, text=True,
                          timeout=600, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["error"] == "SchemaError", out
    assert float(str(out["rss_mb"])) < MAX_RSS_MB, out
    return out


def _form(tmp: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp / "form.xlsx"
    sk.write_template(path, "en")
    del openpyxl
    return path


def _replace_sheet(src: Path, dst: Path, sheet_xml: object, *, compress: bool = True) -> None:
    """Copy a workbook, its ``links`` sheet replaced by ``sheet_xml`` (bytes, or an iterable of
    byte chunks written one by one, so that the sheet is never held whole)."""
    with zipfile.ZipFile(src) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = wb.split('name="links"')[1].split('r:id="')[1].split('"')[0]
        target = rels.split(f'Id="{rid}"')[0].rsplit("<Relationship", 1)[1] \
            .split('Target="')[1].split('"')[0]
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        with zipfile.ZipFile(dst, "w", method) as out:
            for info in z.infolist():
                if info.filename == part:
                    with out.open(part, "w", force_zip64=True) as f:
                        for chunk in ([sheet_xml] if isinstance(sheet_xml, bytes)
                                      else sheet_xml):  # type: ignore[attr-defined]
                            f.write(chunk)
                else:
                    out.writestr(info, z.read(info.filename))


HEAD = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="%s"/><sheetData>')
TAIL = b"</sheetData></worksheet>"
ROW = (b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>a</t></is></c>'
       b'<c r="B%d" t="inlineStr"><is><t>b</t></is></c></row>')


def test_a_sheet_that_declares_millions_of_rows_is_refused_before_a_row_is_read(
        tmp_path: Path) -> None:
    bad = tmp_path / "declares.xlsx"
    _replace_sheet(_form(tmp_path), bad, HEAD % b"A1:H5000000" + ROW % (1, 1, 1) + TAIL)
    out = refused(f"read_excel({str(bad)!r})")
    message = str(out["message"])
    assert "declares 5,000,000 rows" in message, message
    assert "'links'" in message
    assert "1,000,000 records per collection" in message
    assert "declares.xlsx" in message


def test_a_sheet_of_millions_of_rows_under_a_false_dimension_is_refused_as_it_streams(
        tmp_path: Path) -> None:
    # The dimension says 3 rows; row 3,000,000 follows row 2. The rows are counted as they
    # are read (the gap counts: openpyxl yields the missing rows), so the reader stops at the
    # first row beyond the limit, never reaching the end of the sheet.
    bad = tmp_path / "lies.xlsx"

    def sheet() -> object:
        yield HEAD % b"A1:B3"
        yield ROW % (1, 1, 1) + ROW % (2, 2, 2)
        yield ROW % (3_000_000, 3_000_000, 3_000_000)
        yield TAIL

    _replace_sheet(_form(tmp_path), bad, sheet())
    out = refused(f"read_excel({str(bad)!r})")
    message = str(out["message"])
    assert "row 1,000,003" in message, message
    assert "more than 1,000,000 records" in message


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    # 300 MiB of white space compress more than a thousandfold: the part is refused from
    # the size the zip directory gives, before a byte is unpacked.
    bad = tmp_path / "bomb.xlsx"
    chunk = b" " * 2**20  # white space between the rows, as XML allows
    _replace_sheet(_form(tmp_path), bad,
                   [HEAD % b"A1:B1", *(chunk for _ in range(300)), TAIL])
    part = next(i for i in zipfile.ZipFile(bad).infolist() if i.file_size > 2**28)
    assert part.file_size / part.compress_size > 1000  # a bomb: it expands > 1000-fold
    out = refused(f"read_excel({str(bad)!r})")
    message = str(out["message"])
    assert f"part {part.filename}" in message, message
    assert "unpacks to" in message
    assert "at most 256 MiB" in message


def test_a_zip_directory_that_lies_about_a_size_reads_no_more_than_it_says(
        tmp_path: Path) -> None:
    # The same bomb with its directory claiming 1,000 bytes: Python's zipfile unpacks no more
    # than the directory says, and the part then fails its CRC check.
    src = tmp_path / "bomb.xlsx"
    chunk = b" " * 2**20
    _replace_sheet(_form(tmp_path), src, [HEAD % b"A1:B1", *(chunk for _ in range(300)), TAIL])
    data = bytearray(src.read_bytes())
    info = next(i for i in zipfile.ZipFile(src).infolist() if i.file_size > 2**28)
    # Central directory entry: uncompressed size at +24.
    cd = data.find(b"PK\x01\x02")
    while cd != -1:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46:cd + 46 + name_len].decode() == info.filename:
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    assert cd != -1
    struct.pack_into("<I", data, cd + 24, 1000)  # the central directory's size field
    bad = tmp_path / "lies.xlsx"
    bad.write_bytes(bytes(data))
    assert next(i for i in zipfile.ZipFile(bad).infolist()
                if i.filename == info.filename).file_size == 1000
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", RUN, f"read_excel({str(bad)!r})"],
                          capture_output=True, text=True, timeout=600, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["error"] == "SamkartError", out  # cannot be read: the part is broken
    assert "lies.xlsx" in out["message"]
    assert out["rss_mb"] < MAX_RSS_MB, out


def test_a_csv_file_of_a_million_and_one_rows_is_refused_at_the_row_beyond(
        tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    with (folder / "links.csv").open("w") as f:
        f.write("source,target,kind\n")
        f.writelines("a,b,network\n" for _ in range(1_000_001))
    out = refused(f"sk.read_csv_folder({str(folder)!r})")
    message = str(out["message"])
    assert "links.csv, line 1,000,002" in message or "links.csv, line 1000002" in message, \
        message
    assert "more than 1,000,000 rows" in message


def test_a_file_beyond_256_mib_is_refused_without_being_read(tmp_path: Path) -> None:
    # Sparse files: no disk space, and a reader that read them would take seconds and memory.
    folder = tmp_path / "csv"
    folder.mkdir()
    with (folder / "actors.csv").open("wb") as f:
        f.truncate(2**28 + 1)
    out = refused(f"sk.read_csv_folder({str(folder)!r})")
    assert "268,435,457 bytes" in str(out["message"]), out
    # The 256 MiB were never read into memory: the peak grew by far less than the file.
    assert float(str(out["added_mb"])) < 128, out
    hsds = tmp_path / "hsds"
    hsds.mkdir()
    with (hsds / "organizations.csv").open("wb") as f:
        f.truncate(2**28 + 1)
    (hsds / "services.csv").write_text("id,organization_id,name\n")
    out = refused(f"sk.from_hsds({str(hsds)!r})")
    assert "organizations.csv" in str(out["message"]), out
    stat = tmp_path / "table.json"
    with stat.open("wb") as f:
        f.truncate(2**28 + 1)
    out = refused(f"sk.read_jsonstat({str(stat)!r})")
    assert "table.json" in str(out["message"]), out


def test_a_jsonstat_table_of_more_cells_than_records_is_refused_before_it_is_built() -> None:
    # 3 dimensions of 101 categories: 1,030,301 cells from a document of a few kB.
    cats = {str(i): i for i in range(101)}
    doc = {"class": "dataset", "id": ["a", "b", "c"], "size": [101, 101, 101],
           "dimension": {d: {"category": {"index": cats}} for d in "abc"}, "value": [1]}
    with pytest.raises(sk.SchemaError, match=r"1,030,301 cells .* at most 1,000,000"):
        sk.read_jsonstat(json.dumps(doc).encode())


def test_an_hsds_resource_path_may_not_leave_the_package(tmp_path: Path) -> None:
    # /dev/zero never ends: a reader that followed the path would hang.
    (tmp_path / "datapackage.json").write_text(json.dumps(
        {"resources": [{"name": "organizations", "path": "/dev/zero"}]}))
    with pytest.raises(sk.SamkartError, match="leaves the package folder"):
        sk.from_hsds(tmp_path)
    (tmp_path / "datapackage.json").write_text(json.dumps(
        {"resources": [{"name": "services", "path": "../services.csv"}]}))
    with pytest.raises(sk.SamkartError, match="leaves the package folder"):
        sk.from_hsds(tmp_path)


def test_bad_utf8_and_broken_csv_are_schema_errors_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "areas.csv").write_bytes(b"id,name,kind\n40,Kr\xf8ger\xf8,county\n")
    with pytest.raises(sk.SchemaError, match=r"areas\.csv: not UTF-8 text .*save the file"):
        sk.read_csv_folder(tmp_path)
    (tmp_path / "areas.csv").write_text("id,name,kind\n" + "x" * 200_000 + ",a,county\n")
    with pytest.raises(sk.SchemaError, match=r"areas\.csv, line 2: not CSV"):
        sk.read_csv_folder(tmp_path)
