"""Headless Chromium for the tests: screenshots, PDFs, console errors and layout measurements
of an HTML file (issue 14: the report is checked in a real browser).

Everything goes through Chromium's command line (``--screenshot``, ``--print-to-pdf``,
``--dump-dom``), one process per call (about 1–2 s each); the DevTools protocol would save a
few starts but needs a websocket client the tests do not otherwise depend on. Measurements
come from a small script injected into a temporary copy of the page, which writes its result
into the DOM as JSON; ``--dump-dom`` then carries it back. The page itself is never changed.

Chromium is the Debian package ``chromium`` (scripts/setup.sh installs it).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from pathlib import Path

#: The id of the element the measuring script writes into.
_RESULT_ID = "samkart-measure"

#: What the injected script measures. ``tooWide``: elements whose box reaches past the
#: viewport's right edge (or before its left edge), unless an ancestor clips or scrolls them
#: (a table in an ``overflow-x: auto`` wrapper scrolls inside the page; the page does not
#: scroll sideways); only the outermost offender of a subtree is listed. Shapes inside an
#: ``<svg>`` are left to the ``<svg>`` element itself. ``labelsOutside``: network labels
#: (``svg.network text.label``) not wholly inside their figure.
_SCRIPT = """
(function () {
  var doc = document.documentElement;
  var width = doc.clientWidth;
  function scrolls(el) {
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  }
  function name(el) {
    var cls = el.getAttribute('class');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (cls ? '.' + cls.trim().split(/\\s+/).join('.') : '');
  }
  var tooWide = [], flagged = [];
  var all = document.body.getElementsByTagName('*');
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (el.ownerSVGElement) continue;
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrolls(el)) {
      var inside = false;
      for (var k = 0; k < flagged.length; k++) if (flagged[k].contains(el)) inside = true;
      if (!inside) {
        flagged.push(el);
        tooWide.push(name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
      }
    }
  }
  var outside = [];
  var figures = document.querySelectorAll('svg.network');
  for (var f = 0; f < figures.length; f++) {
    var box = figures[f].getBoundingClientRect();
    var labels = figures[f].querySelectorAll('text.label');
    for (var j = 0; j < labels.length; j++) {
      var b = labels[j].getBoundingClientRect();
      if (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 ||
          b.bottom > box.bottom + 1) outside.push(labels[j].getAttribute('data-id'));
    }
  }
  var result = {
    width: width,
    scrollWidth: doc.scrollWidth,
    height: Math.max(doc.scrollHeight, document.body.scrollHeight),
    tooWide: tooWide,
    mapAreas: Array.from(document.querySelectorAll('svg'))
      .map(s => s.querySelectorAll('path[data-area]').length).filter(n => n > 0),
    labels: document.querySelectorAll('svg.network text.label').length,
    labelsOutside: outside
  };
  parent.postMessage(JSON.stringify(result), '*');
})();
"""

#: The page that holds the measured page in an ``<iframe>`` of the width asked and writes what
#: the frame posts into its own DOM (``--dump-dom`` shows only the top document).
_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><iframe src="{src}" style="width:{width}px;height:{height}px;border:0;
display:block"></iframe><script>
window.addEventListener('message', function (e) {{
  var pre = document.createElement('pre');
  pre.id = '{rid}';
  pre.textContent = e.data;
  document.body.appendChild(pre);
}});
</script></body></html>
"""


def _frame(src: str, width: int, height: int) -> str:
    return _FRAME.format(src=html.escape(src), width=width, height=height, rid=_RESULT_ID)


@dataclass(frozen=True)
class Measure:
    """What the measuring script saw at one window width."""

    width: int
    """The viewport's width in CSS pixels (without a scrollbar)."""
    scroll_width: int
    """The page's width: more than ``width`` when the page scrolls sideways."""
    height: int
    """The page's full height in CSS pixels."""
    too_wide: list[str]
    """Elements reaching past the viewport (tag#id.class left..right), outermost only."""
    map_areas: list[int]
    """``path[data-area]`` elements of each map (an SVG with any): one shape per area."""
    labels: int
    """Network labels drawn."""
    labels_outside: list[str]
    """Network labels (actor ids) not wholly inside their figure."""
    console: list[str] = field(default_factory=list)
    """Console messages Chromium logged while loading the page."""


def console_errors(stderr: str) -> list[str]:
    """Console messages in Chromium's log (``--enable-logging=stderr``): Chromium writes each
    as an ``INFO:CONSOLE``/``ERROR:CONSOLE`` line and an uncaught exception as "Uncaught".
    The report has no scripts, so any message at all is a fault."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


class Chromium:
    """Headless Chromium with one profile directory, reused by every call (a fresh profile
    costs a second at each start)."""

    def __init__(self, profile: Path, timeout: float = 180) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            msg = "headless Chromium is needed: apt-get install chromium (scripts/setup.sh)"
            raise RuntimeError(msg)
        self.exe = exe
        self.profile = profile
        self.timeout = timeout

    def run(self, url: str, *flags: str) -> subprocess.CompletedProcess[str]:
        """Chromium on ``url`` with ``flags``; logging to stderr, so console messages show."""
        command = [
            self.exe, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-extensions", "--mute-audio", f"--user-data-dir={self.profile}",
            "--enable-logging=stderr", "--v=0", *flags, url,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=self.timeout,
                              check=False)
        if done.returncode != 0:
            msg = f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
            raise RuntimeError(msg)
        return done

    def dump_dom(self, page: Path, width: int = 1280, height: int = 900) -> tuple[str, list[str]]:
        """The DOM after loading (scripts run) and the console messages."""
        done = self.run(page.as_uri(), "--dump-dom", f"--window-size={width},{height}")
        return done.stdout, console_errors(done.stderr)

    def measure(self, page: Path, width: int, height: int = 900) -> Measure:
        """Load a copy of ``page`` with the measuring script at the end of its body in a
        frame ``width`` × ``height`` CSS pixels, and read the result back from the DOM.

        The frame is what makes a phone's width possible: headless Chromium lays out a window
        at least 500 px wide whatever ``--window-size`` says, but an ``<iframe>`` is a viewport
        of its own (media queries inside it see its width)."""
        text = page.read_text(encoding="utf-8")
        script = f"<script>{_SCRIPT}</script>"
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        copy = page.with_name(f".{page.stem}.measure.html")
        frame = page.with_name(f".{page.stem}.frame.html")
        copy.write_text(text, encoding="utf-8")
        frame.write_text(_frame(copy.name, width, height),
                         encoding="utf-8")
        try:
            done = self.run(frame.as_uri(), "--dump-dom", "--virtual-time-budget=10000",
                            f"--window-size={max(width, 500)},{height}", "--hide-scrollbars")
            dom, console = done.stdout, console_errors(done.stderr)
        finally:
            copy.unlink()
            frame.unlink()
        found = re.search(rf'<pre id="{_RESULT_ID}">(.*?)</pre>', dom, re.S)
        if not found:
            msg = f"the measuring script wrote nothing (console: {console})"
            raise RuntimeError(msg)
        r = json.loads(html.unescape(found.group(1)))
        return Measure(int(r["width"]), int(r["scrollWidth"]), int(r["height"]),
                       list(r["tooWide"]), [int(n) for n in r["mapAreas"]], int(r["labels"]),
                       list(r["labelsOutside"]), console)

    def screenshot(self, page: Path, out: Path, width: int, height: int | None = None,
                   max_height: int = 30000) -> tuple[Path, list[str]]:
        """A PNG of ``page`` at ``width`` CSS pixels; the whole page when ``height`` is None
        (measured first: Chromium's ``--screenshot`` captures the window, so the window is
        made as tall as the page, up to ``max_height``). Returns the file and the console
        messages."""
        if height is None:
            height = min(self.measure(page, width).height, max_height)
        # In a frame of the width asked, as in measure(); the window is cut to ``width``.
        frame = page.with_name(f".{page.stem}.shot.html")
        frame.write_text(_frame(page.name, width, height), encoding="utf-8")
        try:
            done = self.run(frame.as_uri(), f"--screenshot={out}",
                            f"--window-size={width},{height}", "--hide-scrollbars")
        finally:
            frame.unlink()
        return out, console_errors(done.stderr)

    def print_pdf(self, page: Path, out: Path) -> tuple[Path, list[str]]:
        """``page`` printed to PDF as a reader would (the page's ``@page`` size and print
        styles, no header or footer). Returns the file and the console messages."""
        done = self.run(page.as_uri(), f"--print-to-pdf={out}", "--no-pdf-header-footer")
        return out, console_errors(done.stderr)


def pdf_pages(path: Path) -> int:
    """Pages of a PDF: its ``/Type /Page`` objects (Chromium's writer, Skia, keeps page
    dictionaries outside compressed object streams), checked against the page tree's
    ``/Count``."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        msg = f"{path} is not a PDF"
        raise ValueError(msg)
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(c) for c in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts and max(counts) != pages:
        msg = f"{path}: {pages} page objects but the page tree counts {max(counts)}"
        raise ValueError(msg)
    return pages


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the pixel data (a blank page
    has a handful)."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        msg = f"{path} is not a PNG"
        raise ValueError(msg)
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))
