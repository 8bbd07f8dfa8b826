"""The report in a real browser: headless Chromium (Debian package ``chromium``, installed by
scripts/setup.sh) opens the file with the network switched off, renders the gap table and
the network figure without console errors, and leaves a screenshot in tests/artifacts/."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import samkart as sk
from samkart.report import report

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "headless Chromium is needed: apt-get install chromium (scripts/setup.sh)"
    return exe


def _run(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def _console_errors(stderr: str) -> list[str]:
    """Console messages in Chromium's log. The report has no scripts, so any message at all
    (Chromium logs them as "INFO:CONSOLE" or "ERROR:CONSOLE", errors as "Uncaught ...") is
    a fault."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_console_errors_are_seen(tmp_path: Path) -> None:
    # The check below must not pass because Chromium logs nothing: a page with an error.
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><script>undefinedFunction()</script>"
                   "</body></html>", encoding="utf-8")
    done = _run(tmp_path, bad.as_uri(), "--dump-dom")
    assert any("Uncaught" in line for line in _console_errors(done.stderr)), done.stderr


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the pixel data."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    land = sk.datasets.vestfold_telemark()
    return report(land, tmp_path_factory.mktemp("browser") / "vestfold_telemark.html", "nb")


def test_dom_has_gap_table_and_network(page: Path, tmp_path: Path) -> None:
    done = _run(tmp_path, page.as_uri(), "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert _console_errors(done.stderr) == []
    assert re.search(r'<table class="gaps" id="gap-table">', dom)
    gap_rows = re.findall(r'<table class="gaps" id="gap-table">(.*?)</table>', dom, re.S)[0]
    assert gap_rows.count("<tr>") == 26  # header and the 25 most severe
    svg = re.findall(r'<svg[^>]*id="network".*?</svg>', dom, re.S)
    assert svg
    land = sk.datasets.vestfold_telemark()
    assert svg[0].count('class="actor"') == len(land.actors)
    assert "Hull i tjenestetilbudet" in dom


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    done = _run(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2400",
                "--hide-scrollbars")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_errors(done.stderr) == []
    assert shot.exists()
    width, height, colours = _png_size_and_colours(shot)
    assert (width, height) == (1280, 2400)
    assert colours > 50  # text, tables and colours, not a blank page
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "report.png")


def test_network_figure_screenshot(page: Path, tmp_path: Path) -> None:
    # A frame that scrolls the report to the network section, so the figure is in view.
    frame = tmp_path / "frame.html"
    frame.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe src='
                     f'"{page.as_uri()}#network" style="width:1270px;height:1390px;border:0">'
                     "</iframe></body></html>", encoding="utf-8")
    shot = tmp_path / "network.png"
    done = _run(tmp_path, frame.as_uri(), f"--screenshot={shot}", "--window-size=1280,1400",
                "--hide-scrollbars", "--allow-file-access-from-files")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_errors(done.stderr) == []
    width, height, colours = _png_size_and_colours(shot)
    assert (width, height) == (1280, 1400)
    assert colours > 50
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "report-network.png")
