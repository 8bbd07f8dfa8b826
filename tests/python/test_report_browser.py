"""The report in a real browser (issue 14): headless Chromium (Debian package ``chromium``,
installed by scripts/setup.sh) opens the Norwegian report of Vestfold og Telemark, one
municipality's report and the Danish report at 390 px (a phone) and 1,280 px wide and prints
each to PDF. No console errors, no element wider than the page, one map shape per municipality
of the county, a sane number of pages; full-page screenshots and the PDFs are left in
tests/artifacts/ (git-ignored) for a person to look at.

The helpers are in ``browser.py``; each check is first shown to fail on a page made to fail
it. One Chromium profile serves the whole session; a report is measured once per width.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import Chromium, Measure, pdf_pages, png_size_and_colours

import samkart as sk
from samkart.report import report

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WIDTHS = (390, 1280)


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Chromium:
    return Chromium(tmp_path_factory.mktemp("chromium-profile"))


# --- the checks can fail -------------------------------------------------------------------------


def test_console_errors_are_seen(chromium: Chromium, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><script>undefinedFunction()</script>"
                   "</body></html>", encoding="utf-8")
    _, console = chromium.dump_dom(bad)
    assert any("Uncaught" in line and "undefinedFunction" in line for line in console), console


def test_wide_element_is_seen(chromium: Chromium, tmp_path: Path) -> None:
    # A 600 px table is too wide for a phone; the same table in a scrolling wrapper is not,
    # and a figure with a label outside its frame is reported.
    page = tmp_path / "wide.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        '</head><body style="margin:8px"><table id="wide" style="width:600px"><tr><td>x</td>'
        '</tr></table><div style="overflow-x:auto"><table id="scrolls" style="width:900px">'
        "<tr><td>y</td></tr></table></div>"
        '<svg class="network" viewBox="0 0 100 100" style="width:100px">'
        '<text class="label" data-id="out" x="90" y="50">far outside</text>'
        '<text class="label" data-id="in" x="5" y="50">in</text></svg>'
        '<svg viewBox="0 0 10 10"><path data-area="1" d="M0,0H5V5z"/>'
        '<path data-area="2" d="M5,5H9V9z"/></svg></body></html>', encoding="utf-8")
    narrow = chromium.measure(page, 390)
    assert narrow.width == 390
    assert narrow.too_wide == ["table#wide 8..608"]
    assert narrow.scroll_width > 390
    assert narrow.labels_outside == ["out"]
    assert narrow.map_areas == [2]
    assert chromium.measure(page, 1280).too_wide == []


def test_pdf_pages_are_counted(chromium: Chromium, tmp_path: Path) -> None:
    page = tmp_path / "three.html"
    page.write_text("<!DOCTYPE html><html><body>" + "".join(
        f'<p style="break-after:page">page {i}</p>' for i in range(3)) + "</body></html>",
        encoding="utf-8")
    pdf, console = chromium.print_pdf(page, tmp_path / "three.pdf")
    assert console == []
    assert pdf_pages(pdf) == 3


# --- the three reports ---------------------------------------------------------------------------


def _vestfold_telemark(path: Path) -> Path:
    return report(sk.datasets.vestfold_telemark(), path, "nb")


def _one_municipality(path: Path) -> Path:
    return report(sk.datasets.vestfold_telemark(), path, "nb", area="3807")


def _danish(path: Path) -> Path:
    return report(sk.datasets.danish_municipality(), path, "da")


REPORTS: dict[str, Callable[[Path], Path]] = {
    "vt-nb": _vestfold_telemark,
    "skien-nb": _one_municipality,
    "danish-da": _danish,
}

@pytest.fixture(scope="module")
def pages() -> dict[str, Path]:
    return {}


@pytest.fixture(scope="module")
def measures() -> dict[tuple[str, int], Measure]:
    return {}


def _page(name: str, pages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if name not in pages:
        pages[name] = REPORTS[name](tmp_path_factory.mktemp("reports") / f"{name}.html")
    return pages[name]


def _measure(name: str, width: int, chromium: Chromium, pages: dict[str, Path],
             measures: dict[tuple[str, int], Measure],
             tmp_path_factory: pytest.TempPathFactory) -> Measure:
    key = (name, width)
    if key not in measures:
        measures[key] = chromium.measure(_page(name, pages, tmp_path_factory), width)
    return measures[key]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_no_console_errors_and_labels_inside(
        name: str, width: int, chromium: Chromium, pages: dict[str, Path],
        measures: dict[tuple[str, int], Measure],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    m = _measure(name, width, chromium, pages, measures, tmp_path_factory)
    assert m.width == width
    assert m.console == []
    assert m.labels > 0  # the network picture names some actors ...
    assert m.labels_outside == []  # ... and every name is inside the figure


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_nothing_wider_than_the_page(
        name: str, width: int, chromium: Chromium, pages: dict[str, Path],
        measures: dict[tuple[str, int], Measure],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    m = _measure(name, width, chromium, pages, measures, tmp_path_factory)
    assert m.too_wide == []
    assert m.scroll_width <= width


def test_network_picture_wider_than_nothing(
        chromium: Chromium, pages: dict[str, Path], measures: dict[tuple[str, int], Measure],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    # What this branch owns passes today: the network figure fits a phone.
    m = _measure("vt-nb", 390, chromium, pages, measures, tmp_path_factory)
    network = [e for e in m.too_wide if "network" in e]
    assert network == []


@pytest.mark.parametrize("name", list(REPORTS))
def test_map_has_one_shape_per_municipality(
        name: str, chromium: Chromium, pages: dict[str, Path],
        measures: dict[tuple[str, int], Measure],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    m = _measure(name, 1280, chromium, pages, measures, tmp_path_factory)
    land = (sk.datasets.danish_municipality() if name == "danish-da"
            else sk.datasets.vestfold_telemark())
    frame = land.to_frames()["areas"]
    county = frame[frame["kind"] == "county"]["id"]
    municipalities = frame[(frame["kind"] == "municipality") & frame["parent"].isin(county)]
    assert m.map_areas  # every map draws each municipality of the county once
    assert set(m.map_areas) == {len(municipalities)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_screenshot(name: str, width: int, chromium: Chromium, pages: dict[str, Path],
                    measures: dict[tuple[str, int], Measure],
                    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    m = _measure(name, width, chromium, pages, measures, tmp_path_factory)
    shot, console = chromium.screenshot(_page(name, pages, tmp_path_factory),
                                        tmp_path / "shot.png", width, m.height)
    assert console == []
    w, h, colours = png_size_and_colours(shot)
    assert (w, h) == (width, m.height)  # the whole page
    assert colours > 50  # text, tables and colours, not a blank page
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / f"report-{name}-{width}.png")


@pytest.mark.parametrize(("name", "low", "high"), [
    # Vestfold og Telemark: 12 A4 pages today (118 actors, 58 gaps, the role map); the
    # municipality and the Danish municipality are smaller.
    ("vt-nb", 6, 30), ("skien-nb", 2, 20), ("danish-da", 2, 20)])
def test_pdf(name: str, low: int, high: int, chromium: Chromium, pages: dict[str, Path],
             tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    pdf, console = chromium.print_pdf(_page(name, pages, tmp_path_factory),
                                      tmp_path / "report.pdf")
    assert console == []
    assert low <= pdf_pages(pdf) <= high
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / f"report-{name}.pdf")


def test_dom_has_findings_and_network(chromium: Chromium, pages: dict[str, Path],
                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    dom, console = chromium.dump_dom(_page("vt-nb", pages, tmp_path_factory))
    assert console == []
    # The 12 service findings of Vestfold og Telemark as cards in the findings section, the 4
    # data findings in the appendix.
    findings = dom.split('<section id="findings"')[1].split("</section>\n")[0]
    gaps = sk.find_gaps(sk.datasets.vestfold_telemark())
    service = [f for f in gaps.findings() if f.category == "service"]
    assert findings.count('<article class="finding') >= len(service) == 12
    svg = re.findall(r'<svg[^>]*class="network".*?</svg>', dom, re.S)
    assert len(svg) == 1
    net = sk.network(sk.datasets.vestfold_telemark(), collapse_units=True)
    assert svg[0].count('class="actor"') == len(net)
    for actor in net.articulation_points():
        assert f'class="label" data-id="{actor}"' in svg[0]
    assert "Funn: hvor unge kan falle mellom tjenestene" in dom


@pytest.mark.parametrize("width", WIDTHS)
def test_network_figures_alone(width: int, chromium: Chromium, tmp_path: Path) -> None:
    # The picture in every language and for a municipality (all actors named), without the
    # report around it: every name inside its figure, nothing wider than the page.
    from samkart.report._network_svg import network_svg

    vt = sk.datasets.vestfold_telemark()
    figures = [network_svg(vt, "en"), network_svg(vt, "da", area="3823"),
               network_svg(vt, "nb", area="3807")]
    page = tmp_path / "figures.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" '
                    'content="width=device-width"></head><body style="margin:0 12px">'
                    + "".join(figures) + "</body></html>", encoding="utf-8")
    m = chromium.measure(page, width)
    assert m.console == []
    assert m.too_wide == []
    assert m.labels > 27 + 20
    assert m.labels_outside == []
    shot, _ = chromium.screenshot(page, tmp_path / "figures.png", width, m.height)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / f"network-figures-{width}.png")
