"""The HTML report (samkart.report): self-contained, translated, escaped, suppressed by
default, written atomically."""

from __future__ import annotations

import html
import importlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import samkart as sk
from samkart import _util
from samkart.report import report

# The module, not the function: samkart may export ``report`` (the function) under the same
# name as the module.
report_module = importlib.import_module("samkart.report.html")


class _Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.circles: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.lang = ""
        self.stack: list[str] = []
        self.gap_cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang") or ""
        for key in ("src", "href", "xlink:href", "action"):
            if a.get(key):
                self.urls.append(str(a[key]))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "circle":
            self.circles.append(a)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> tuple[str, _Page]:
    text = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    return text, page


@pytest.fixture(scope="module")
def vt_gaps(vt: sk.Landscape) -> sk.GapReport:
    return sk.find_gaps(vt)


@pytest.fixture(scope="module")
def nb_report(tmp_path_factory: pytest.TempPathFactory, vt: sk.Landscape,
              vt_gaps: sk.GapReport) -> Path:
    path = tmp_path_factory.mktemp("report") / "vt.html"
    assert report(vt, path, "nb", vt_gaps) == path
    return path


def test_self_contained(nb_report: Path) -> None:
    text, page = _parse(nb_report)
    # Only links inside the page: no stylesheet, script, font or image from elsewhere.
    assert page.urls
    assert all(u.startswith("#") for u in page.urls), [u for u in page.urls if u[0] != "#"]
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert "img" not in page.tags
    # url(#id) is a reference inside the page (the hatching of "no data" on the maps).
    assert not re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/2000/svg)", text)
    assert "@media print" in text


SECTIONS = ["keyfigures", "levels", "findings", "maps", "roles", "network", "appendix",
            "method"]


def test_sections_in_order_and_network(nb_report: Path, vt: sk.Landscape) -> None:
    text, page = _parse(nb_report)
    assert re.findall(r'<section id="(\w+)"', text) == SECTIONS
    assert re.findall(r'<li><a href="#(\w+)">', text) == SECTIONS
    # One circle per node of the network with units merged into their organisation (the
    # picture's default), coloured by owner, each with the actor's id.
    nodes = sk.network(vt, collapse_units=True).actors
    assert len(page.circles) == len(nodes)
    assert {c["data-id"] for c in page.circles} == set(nodes)
    assert {c["fill"] for c in page.circles} <= set(report_module._OWNER_COLOURS.values())
    assert "network-legend" in page.ids


def test_key_figures_read_right(nb_report: Path) -> None:
    """The headline figures of seed 002 as a reader reads them: shares in %, thousands apart,
    parts under their whole (never added), year and source."""
    text, _ = _parse(nb_report)
    top = text.split('<section id="levels"')[0]
    nb = "\u202f"
    for shown in ("8\u00a0%", f"4{nb}200", "13\u00a0%", f"2{nb}939", f"3{nb}780", f"3{nb}497",
                  "3,8\u00a0%", "Mellom kommunene: fra 0,9\u00a0% til 5,1\u00a0%.",
                  "Norge 2,5\u00a0%", "Registrerte arbeidssøkere under 30 år hos NAV",
                  "Kilde: 002 §5.3 Table 1"):
        assert shown in top, shown
    # NAV: 2,080 + 1,246 + 454 = 3,780 stand under the whole, "telling på én dag".
    nav = re.search(r'<div class="kf"><div class="kf-value">3\u202f780</div>.*?</div></div>',
                    top, re.S)
    assert nav is not None
    assert re.findall(r"<li><b>([\d\u202f]+)</b>", nav.group(0)) == [
        f"2{nb}080", f"1{nb}246", "454"]
    assert "telling på én dag" in nav.group(0)
    # OT: 343 is a part of 858, which is a part of 2,939 (nested lists, not a sum).
    ot = re.search(r'<div class="kf-value">2\u202f939</div>.*?</div></div>', top, re.S)
    assert ot is not None
    assert re.search(r"<b>858</b>[^<]*<ul class=\"parts\"><li><b>343</b>", ot.group(0))
    # The four reasons add up to the 2,939 and are listed apart from the overlapping subsets.
    card = ot.group(0).split("Vestfold og Telemark ·")[0]
    reasons, rest = card.split("Etter grunn til registreringen (til sammen alle):")[1] \
        .split("Av disse:")
    assert re.findall(r"<b>([\d\u202f]+)</b>", reasons) == [f"1{nb}381", "460", "581", "517"]
    assert re.findall(r"<b>([\d\u202f]+)</b>", rest) == [f"1{nb}236", "858", "343"]
    assert "2019" in top
    assert "2021" in top
    # 002 §5 gives bounds, not figures: "Mer enn 2100" under 30 on disability benefit, and
    # "litt i underkant av 10 prosent" to "litt i overkant av 20 prosent" between municipalities.
    assert f'<div class="kf-value">over 2{nb}100</div>' in top
    assert "Mellom kommunene: fra under 10\u00a0% til over 20\u00a0%." in top


def test_no_raw_indicator_key_anywhere(vt: sk.Landscape, tmp_path: Path,
                                       vt_gaps: sk.GapReport) -> None:
    keys = {i.key for i in vt.indicators}
    assert len(keys) == 26
    for lang in ("nb", "da", "en"):
        for area in (None, "3807"):
            text = report(vt, tmp_path / f"{lang}.html", lang, vt_gaps, area=area).read_text(
                encoding="utf-8")
            assert not [k for k in keys if k in text], (lang, area)


def test_levels_explained(nb_report: Path, vt: sk.Landscape) -> None:
    text, _ = _parse(nb_report)
    levels = text.split('<section id="levels"')[1].split("</section>")[0]
    assert levels.count('<li class="level') == 4
    assert "Forebyggingsparadokset (Rose 1992)" in levels
    # The number of measures at each level is coverage's (measures in place only).
    total = sk.coverage(vt, "level", "area", "measures", totals=True)["total"]
    for lv in range(1, 5):
        assert f"{int(total.loc[lv])} tiltak" in levels


def test_every_finding_with_its_cause(nb_report: Path, vt_gaps: sk.GapReport) -> None:
    text, _ = _parse(nb_report)
    findings = vt_gaps.findings()
    assert len(findings) == 16
    causes = [html.unescape(c) for c in
              re.findall(r'<article class="finding[^"]*" data-cause="([^"]+)"', text)]
    assert sorted(causes) == sorted(f.cause for f in findings)
    # service findings in the findings section, grouped by cause; data gaps in the appendix
    section = text.split('<section id="findings"')[1].split("</section>\n<section")[0]
    for f in findings:
        where = section if f.category == "service" else text.split('id="appendix"')[1]
        assert f'data-cause="{html.escape(f.cause)}"' in where, f.cause
    assert re.findall(r'<section class="cause" id="([\w-]+)">', section) == [
        "cause-handover", "cause-age", "cause-network"]
    assert "Analysen fant 12 funn om tjenestene og 4 om" in section
    # names, not ids
    assert "Skien, Sandefjord og Larvik" in section
    assert "hele Vestfold og Telemark" in section


def test_illustrative_marks_name_the_records(nb_report: Path, vt_gaps: sk.GapReport) -> None:
    text, _ = _parse(nb_report)
    cards = dict(re.findall(r'data-cause="([^"]+)"><h4>(.*?)</article>', text, re.S))
    cliff = cards["age_cliff:upper_secondary_school:3:25"]
    # by hand: the gap rests on Færder and the schools of Tønsberg and Færder (from the seeds)
    # and on their "Tilrettelagt opplæring" (illustrative in the data): only that is named
    assert '<span class="badge">Illustrativt</span>' in cliff
    assert ("Bygger på illustrative registreringer: Tilrettelagt opplæring og alternative løp "
            "(tiltak).") in cliff
    culture = cards["isolated_actor:sector:culture_leisure:1"]
    assert "badge" not in culture
    # The appendix lists every illustrative record by name.
    appendix = text.split('id="illustrative-records"')[1]
    assert "Barneverntjenesten i Fyresdal" in appendix
    assert "Tilrettelagt opplæring og alternative løp" in appendix


def test_per_area_report_for_skien(tmp_path: Path, vt: sk.Landscape,
                                   vt_gaps: sk.GapReport) -> None:
    text, page = _parse(report(vt, tmp_path / "skien.html", "nb", vt_gaps, area="3807"))
    shown = "".join(page.text)
    assert "Tjenestekart for unge: Skien" in shown
    roles = re.findall(r'<table class="roles">.*?</table>', text, re.S)[0]
    # by hand (examples/data/vestfold_telemark.json): Skien's own services, the county's OT
    # and NAV Vestfold og Telemark serve Skien ...
    for name in ("Barneverntjenesten i Skien", "Talenthuset", "NAV Skien",
                 "Oppfølgingstjenesten, Vestfold og Telemark fylkeskommune",
                 "NAV Vestfold og Telemark", "Idrett for alle"):
        assert name in roles, name
    # ... other municipalities' own services do not
    for name in ("NAV Porsgrunn", "Barnehagene i Porsgrunn", "Barneverntjenesten i Larvik",
                 "Møteplass og fritidskontakt for unge", "Fritidsaktiviteter for alle i Fyresdal"):
        assert name not in roles, name
    # the comparison with the county: Skien's measures per level and the municipalities'
    compare = re.findall(r'<table class="compare">.*?</table>', text, re.S)[0]
    table = sk.compare_areas(vt, inherit=True)
    assert f">{int(table.loc['3807', 'total'])}<" in compare
    assert "Median for kommunene" in compare
    # findings: the school-health hand-over (Skien is one of three) is here; Larvik's
    # child-welfare hand-over is not
    assert "handoff_uncoordinated:school_health_service&gt;specialist_health" in text
    assert "handoff_unlinked:child_welfare&gt;labour_welfare" not in text
    assert "keyfigures-parent" in page.ids  # the county's figures, said to be the county's


def test_bad_area_and_language(tmp_path: Path, vt: sk.Landscape, vt_gaps: sk.GapReport) -> None:
    with pytest.raises(sk.ArgumentError, match=r"unknown area '38o7'.*did you mean '3807'"):
        report(vt, tmp_path / "x.html", "nb", vt_gaps, area="38o7")
    with pytest.raises(sk.ArgumentError, match=r"did you mean '3807' \(Skien\)"):
        report(vt, tmp_path / "x.html", "nb", vt_gaps, area="Skein")
    with pytest.raises(sk.ArgumentError, match="language"):
        report(vt, tmp_path / "x.html", "sv", vt_gaps, area="3807")
    assert not (tmp_path / "x.html").exists()


def test_map_section_tables(nb_report: Path, vt: sk.Landscape, vt_gaps: sk.GapReport) -> None:
    text, _ = _parse(nb_report)
    maps = text.split('<section id="maps"')[1].split("</section>")[0]
    # findings per municipality, by hand: Larvik has the school-health and the child-welfare
    # hand-overs, the isolated-actor finding is not Larvik's (its culture service is linked);
    # Færder has the age cliff; Skien and Sandefjord the school-health hand-over.
    per = report_module._mapsection.findings_per_area(vt_gaps, report_module._Data(vt))
    assert per["3811"] >= 1
    assert per["3805"] >= 2
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td class=num>(\d+)</td></tr>", maps))
    # Færder's own services were not mapped: its row says so with a star (see below).
    assert rows["Færder *"] == str(int(per["3811"]))
    assert "Folketallet er ikke oppgitt for kommunene" in maps
    assert len(re.findall(r"<tr><td>", maps)) >= 2 * 23


def test_write_area_reports_and_index(tmp_path: Path, vt: sk.Landscape,
                                      vt_gaps: sk.GapReport) -> None:
    from samkart.report import write_area_reports

    seen: list[tuple[int, str]] = []
    paths = write_area_reports(vt, tmp_path / "out", lang="en", gaps=vt_gaps,
                               progress=lambda i, name: seen.append((i, name)))
    munis = [a for a in vt.areas if a.kind == "municipality"]
    assert len(paths) == len(munis) + 2
    assert paths[0].name == "all.html"
    assert paths[-1].name == "index.html"
    assert (tmp_path / "out" / "3807-skien.html").exists()
    assert (tmp_path / "out" / "3811-faerder.html").exists()
    index = paths[-1].read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', index)
    assert sorted(links) == sorted(p.name for p in paths[:-1])
    assert [i for i, _ in seen] == list(range(1, len(munis) + 1))
    with pytest.raises(sk.ArgumentError, match="no area of kind 'district'"):
        write_area_reports(vt, tmp_path / "d", "district")


@pytest.mark.parametrize(
    ("lang", "words", "absent"),
    [
        ("nb", ["Tjenestekart for unge", "Funn: hvor unge kan falle mellom tjenestene",
                "Universelt forebyggende", "Kommunal", "Nøkkeltall", "Av disse:"],
         ["Findings", "Indsatser", "Nøgletal"]),
        ("da", ["Kortlægning af indsatser for unge", "Fund: hvor unge kan falde mellem",
                "Universel forebyggelse", "Nøgletal", "Heraf:",
                "Forebyggelsesparadokset", "indsatser"],
         ["Hull i", "Findings", "Nøkkeltall", "Av disse"]),
        ("en", ["Service map for young people", "Findings: where young people can fall",
                "Universal prevention", "Municipal", "Key figures", "Of these:"],
         ["Tiltak", "Indsatser"]),
    ],
)
def test_languages(tmp_path: Path, vt: sk.Landscape, vt_gaps: sk.GapReport, lang: str,
                   words: list[str], absent: list[str]) -> None:
    path = report(vt, tmp_path / f"{lang}.html", lang, vt_gaps, top=5)
    _, page = _parse(path)
    assert page.lang == lang
    shown = "".join(page.text)
    for w in words:
        assert w in shown, w
    for w in absent:
        assert w not in shown, w
    assert vt_gaps.findings()[0].message(lang)[:30] in shown


def test_unknown_language(tmp_path: Path, vt: sk.Landscape, vt_gaps: sk.GapReport) -> None:
    with pytest.raises(sk.ArgumentError, match="language"):
        report(vt, tmp_path / "x.html", "sv", vt_gaps)
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(sk.ArgumentError, match="suppress_below"):
        report(vt, tmp_path / "x.html", "nb", vt_gaps, suppress_below=-1)


def _volumes(text: str) -> list[str]:
    table = re.findall(r'<table class="handovers">.*?</table>', text, re.S)[0]
    return re.findall(r'<td class=num>(.*?)</td>', table)


def test_small_counts_suppressed_by_default(nb_report: Path, tmp_path: Path,
                                           vt: sk.Landscape, vt_gaps: sk.GapReport) -> None:
    small = [t for t in vt.transitions if t.volume is not None and 0 < t.volume < 5]
    assert small, "the data set should have a small hand-over to test with"
    text, _ = _parse(nb_report)
    hidden = _volumes(text)
    assert '<span class="suppressed">:</span>' in hidden
    shown = {v for v in hidden if v.isdigit()}
    assert not {v for v in shown if 0 < int(v) < 5}
    assert 'id="suppression-note"' in text
    assert "«:» betyr" in text
    plain = report(vt, tmp_path / "open.html", "nb", vt_gaps, suppress_below=0)
    text0, _ = _parse(plain)
    volumes = _volumes(text0)
    assert '<span class="suppressed">:</span>' not in volumes
    assert {str(int(t.volume)) for t in small} <= set(volumes)
    assert "suppress_below=0" in text0


def test_small_handoff_volume_hidden_in_gap_messages(tmp_path: Path) -> None:
    land = sk.Landscape(name="Tiny")
    land.add_area("m", name="Mørkeby", kind="municipality")
    for a in ("school", "ot", "nav"):
        land.add_actor(a, name=a.upper(), owner="county", areas=["m"])
    land.add_measure("m1", name="Tiltak", level=1, providers=["school"])
    land.add_transition("school", "ot", volume=3)
    land.add_transition("school", "nav", volume=40)
    land.add_link("school", "nav", kind="network")
    gaps = sk.find_gaps(land)
    unlinked = [g for g in gaps if g.kind == "handoff_unlinked"]
    assert unlinked
    assert unlinked[0].message("en").startswith("3 young people")
    text, _ = _parse(report(land, tmp_path / "t.html", "en", gaps))
    assert "3 young people" not in text
    assert ": young people a year go from SCHOOL to OT" in text
    text0, _ = _parse(report(land, tmp_path / "t0.html", "en", gaps, suppress_below=0))
    assert "3 young people a year go from SCHOOL to OT" in text0


def test_user_text_is_escaped(tmp_path: Path) -> None:
    land = sk.Landscape(name="<script>alert(1)</script>")
    land.add_area("m", name='Evil "area" <b>', kind="municipality")
    land.add_actor("a", name="<img src=x onerror=alert(1)>", owner="municipal", areas=["m"])
    land.add_actor("b", name="B & Co", owner="state", areas=["m"])
    land.add_measure("x", name="<i>measure</i>", level=1, providers=["a"])
    land.add_link("a", "b", kind="network")
    text, page = _parse(report(land, tmp_path / "e.html", "en"))
    assert "<script>" not in text
    assert "<img" not in text
    assert "<i>measure</i>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "B &amp; Co" in text
    assert "script" not in page.tags
    assert len(page.circles) == 2


def test_empty_landscape(tmp_path: Path) -> None:
    land = sk.Landscape(name="Empty")
    text, page = _parse(report(land, tmp_path / "empty.html", "da"))
    assert page.circles == []
    assert "Ingen overgange er registreret." in text


def test_atomic_write_keeps_the_old_file(tmp_path: Path, vt: sk.Landscape,
                                         vt_gaps: sk.GapReport,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.html"
    path.write_text("old report", encoding="utf-8")
    os.chmod(path, 0o640)

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(_util.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        report(vt, path, "nb", vt_gaps)
    assert path.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temporary file left
    monkeypatch.undo()
    report(vt, path, "nb", vt_gaps)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert path.stat().st_mode & 0o777 == 0o640  # the mode of the file it replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_interrupted_render_writes_nothing(tmp_path: Path, vt: sk.Landscape,
                                          vt_gaps: sk.GapReport,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(report_module, "_roles", boom)
    with pytest.raises(RuntimeError):
        report(vt, tmp_path / "r.html", "nb", vt_gaps)
    assert list(tmp_path.iterdir()) == []


# --- the tables come from the analyses ---------------------------------------------------------


def _heat(text: str, caption: str) -> list[list[str]]:
    """The cells of the heatmap with this caption, row by row (row label first)."""
    table = re.findall(rf"<table class=\"heat[^\"]*\"><caption>{re.escape(caption)}</caption>"
                       r".*?</table>", text, re.S)[0]
    rows = re.findall(r"<tr><th>(.*?)</th>(.*?)</tr>", table, re.S)
    out = [[label, *re.findall(r"<td[^>]*>(.*?)</td>", cells)] for label, cells in rows]
    return [r for r in out if len(r) > 1]  # the head row has no <td>


def _county() -> sk.Landscape:
    """Worked by hand: a county-wide measure counts in both municipalities (coverage with
    inherit); ages 14–17 and
    16–29 overlap at 16 and 17."""
    land = sk.Landscape(name="Fylket")
    land.add_area("40", name="Fylket", kind="county")
    land.add_area("4001", name="Nord", parent="40")
    land.add_area("4002", name="Sør", parent="40")
    land.add_actor("ot", name="OT", owner="county", areas=["40"], ages=(16, 21))
    land.add_actor("nav", name="NAV Nord", owner="state", areas=["4001"], ages=(16, 29))
    land.add_measure("fylke", name="Fylkestiltak", level=3, providers=["ot"], ages=(14, 17),
                     participants=30)
    land.add_measure("nord", name="Nordtiltak", level=3, providers=["nav"], participants=12)
    land.add_measure("nord2", name="Samtale", level=2, providers=["nav"], ages=(16, 29))
    return land


def test_coverage_and_ages_tables_are_the_analyses(tmp_path: Path) -> None:
    land = _county()
    text, _ = _parse(report(land, tmp_path / "c.html", "en", suppress_below=0))
    cover = _heat(text, "Measures covering each municipality, by level (county-wide measures "
                        "count in each municipality)")
    # By hand: level 3 in Nord = Fylkestiltak + Nordtiltak, in Sør = Fylkestiltak; level 2
    # in Nord = Samtale.
    assert [r[1:] for r in cover] == [["0", "0"], ["1", "0"], ["2", "1"], ["0", "0"]]
    expected = sk.coverage(land, "level", "area", inherit=True)[["4001", "4002"]]
    assert [[float(c or 0) for c in r[1:]] for r in cover] == expected.to_numpy().tolist()
    ages = _heat(text, "Measures covering each year of age, by level")
    by_age = sk.age_coverage(land, ages=(0, 29))
    assert [[float(c or 0) for c in r[1:]] for r in ages] == by_age.to_numpy().tolist()
    assert ages[2][1 + 14:1 + 22] == ["1", "1", "2", "2", "1", "1", "1", "1"]  # level 3, 14–21
    # Participants by the measures' own areas: Nordtiltak in Nord; the county's in the
    # "several areas" column; the total counts each measure once.
    people = _heat(text, "Participants by level and the measure&#x27;s area")
    assert people[2][1:] == ["12", "30", "42"]
    assert people[4][1:] == ["12", "30", "42"]


def test_sections_use_the_analyses(tmp_path: Path, vt: sk.Landscape,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The report draws its tables with samkart.coverage, age_coverage, role_map,
    Landscape.summary and the gap report: replace them and the report shows what they say."""
    land = _county()
    calls: list[str] = []

    def fake_age_coverage(land: sk.Landscape, **kwargs: object) -> object:
        calls.append("age_coverage")
        import pandas as pd

        return pd.DataFrame(7.0, index=[1, 2, 3, 4], columns=range(30))

    real_coverage = sk.coverage

    def spy_coverage(*args: object, **kwargs: object) -> object:
        calls.append("coverage")
        return real_coverage(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "age_coverage", fake_age_coverage)
    monkeypatch.setattr(report_module, "coverage", spy_coverage)
    text, _ = _parse(report(land, tmp_path / "f.html", "en", suppress_below=0))
    ages = _heat(text, "Measures covering each year of age, by level")
    assert all(c == "7" for r in ages for c in r[1:])
    assert calls.count("age_coverage") == 1
    assert calls.count("coverage") == 2  # measures and participants
    roles = re.findall(r'<table class="roles">.*?</table>', text, re.S)[0]
    rm = sk.role_map(land).frame
    for actor_id, row in rm.iterrows():
        for lv in (1, 2, 3, 4):
            for name in filter(None, str(row[lv]).split("; ")):
                assert name in roles, (actor_id, lv, name)


# --- "What changed since …" (baseline) ---------------------------------------------------------


def _before_after() -> tuple[sk.Landscape, sk.Landscape]:
    """A 2022 and a 2024 mapping of Telemark, by hand: in 2024 a youth health clinic (hs) is
    new, Sommerjobb (level 2, Porsgrunn) is gone, Jobbspor (level 4, Skien) is new, Losen is
    renamed, the OT–school network link has ended (until set) and NAV–hs is a new link."""

    def base(name: str, year: int) -> sk.Landscape:
        land = sk.Landscape(name=name, year=year)
        land.add_area("40", name="Telemark", kind="county")
        land.add_area("3807", name="Skien", parent="40")
        land.add_area("3806", name="Porsgrunn", parent="40")
        land.add_actor("ot", name="Oppfølgingstjenesten", owner="county", areas=["40"])
        land.add_actor("nav", name="NAV Skien", owner="state", areas=["3807"])
        land.add_actor("skole", name="Skien vgs", owner="county", areas=["3807"])
        land.add_link("ot", "nav", kind="agreement", formal=True)
        return land

    before = base("Telemark", 2022)
    before.add_measure("m1", name="Losen", level=3, providers=["ot"], areas=["3807"])
    before.add_measure("m2", name="Sommerjobb", level=2, providers=["nav"], areas=["3806"])
    before.add_link("ot", "skole", kind="network")
    after = base("Telemark", 2024)
    after.add_actor("hs", name="Helsestasjon for ungdom", owner="municipal", areas=["3807"])
    after.add_measure("m1", name="Losen (utvidet)", level=3, providers=["ot"], areas=["3807"])
    after.add_measure("m3", name="Jobbspor", level=4, providers=["nav"], areas=["3807"])
    after.add_link("ot", "skole", kind="network", until="2023-12-31")
    after.add_link("nav", "hs", kind="network", since="2024-01-01")
    return before, after


def _table(text: str, css: str) -> list[list[str]]:
    """The rows (header first) of the table of class ``css``, cells as plain text."""
    m = re.search(rf'<table class="{css}">(.*?)</table>', text, re.S)
    assert m is not None, css
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row,
                                                           re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", m.group(1), re.S)]


def test_changes_section_only_with_a_baseline(tmp_path: Path) -> None:
    before, after = _before_after()
    plain, page = _parse(report(after, tmp_path / "plain.html", "nb"))
    assert "changes" not in page.ids
    assert "changes-lead" not in page.ids
    _, page = _parse(report(after, tmp_path / "since.html", "nb", baseline=before))
    assert {"changes", "changes-lead", "changes-gaps-text", "changes-network-text"} <= page.ids
    # the new section comes last, in the contents too
    text = (tmp_path / "since.html").read_text(encoding="utf-8")
    assert re.findall(r'<section id="(\w+)"', text) == [*SECTIONS, "changes"]
    assert '<a href="#changes">Endringer siden forrige kartlegging</a>' in text

    # the rest of the report is the report without a baseline
    def strip(t: str) -> str:
        return re.sub(r'<li><a href="#changes">.*?</li>|<section id="changes"[^>]*>.*?'
                      r"</section>", "", t, flags=re.S)
    assert strip(text) == plain


def test_changes_section_says_what_diff_says(tmp_path: Path) -> None:
    before, after = _before_after()
    text, _ = _parse(report(after, tmp_path / "r.html", "nb", baseline=before))
    d = sk.diff(before, after)
    # records, by hand: hs added; m3 added, m2 removed, m1 renamed; NAV–hs added, OT–school
    # changed (its until)
    records = _table(text, "changes-records")
    assert records == [["Hva", "Lagt til", "Fjernet", "Endret"], ["Aktører", "1", "0", "0"],
                       ["Tiltak", "1", "1", "1"], ["Koblinger", "1", "0", "1"]]
    counts = d.counts()
    assert [[int(x) for x in r[1:]] for r in records[1:]] == [
        counts.loc[c].tolist() for c in ("actors", "measures", "links")]
    assert ("Kartleggingen er sammenlignet med Telemark (2022). Siden da er 3 registreringer "
            "lagt til, 1 fjernet og 2 endret.") in text
    # coverage, by hand: Skien +1 at level 4 (Jobbspor), Porsgrunn −1 at level 2 (Sommerjobb)
    coverage = _table(text, "changes-coverage")
    assert coverage[0] == ["Nivå", "Skien", "Porsgrunn"]
    assert [r[1:] for r in coverage[1:]] == [["", ""], ["", "\u22121"], ["", ""], ["+1", ""]]
    assert d.coverage_change.loc["3807", 4] == 1
    assert d.coverage_change.loc["3806", 2] == -1
    # gaps: what compare() found, by kind
    gaps = _table(text, "changes-gaps")
    assert sum(int(r[1]) for r in gaps[1:]) == len(d.gaps.opened)
    assert sum(int(r[2]) for r in gaps[1:]) == len(d.gaps.closed)
    assert (f"Analysen finner {d.gaps.gaps_after} hull nå mot {d.gaps.gaps_before} før: "
            f"{len(d.gaps.opened)} er nye og {len(d.gaps.closed)} er lukket.") in text
    # network, by hand: 3 links against 2 (3 of 6 pairs among 4 actors; 2 of 3 among 3)
    assert ("Nettverket har 3 koblinger mot 2 før; tettheten er 0.500 mot 0.667. 1 koblinger er "
            "nye og 1 er avsluttet.") in text
    assert d.links_added == ["hs – nav (network)"]
    assert d.links_ended == ["ot – skole (network)"]
    assert re.search(r'<ul class="links-new"><li>Helsestasjon for ungdom – NAV Skien '
                     r"\(Nettverk\)</li></ul>", text)
    assert re.search(r'<ul class="links-ended"><li>Oppfølgingstjenesten – Skien vgs '
                     r"\(Nettverk\)</li></ul>", text)


@pytest.mark.parametrize(("lang", "heading", "lead"), [
    ("da", "Ændringer siden sidste kortlægning", "Siden da er 3 registreringer tilføjet"),
    ("en", "What changed since the last mapping", "Since then 3 records have been added")])
def test_changes_section_languages(tmp_path: Path, lang: str, heading: str, lead: str) -> None:
    before, after = _before_after()
    text, _ = _parse(report(after, tmp_path / "r.html", lang, baseline=before))
    assert f"<h2>{heading}</h2>" in text
    assert lead in text


def test_changes_section_when_nothing_changed_and_bad_baselines(tmp_path: Path) -> None:
    before, _ = _before_after()
    text, _ = _parse(report(before, tmp_path / "same.html", "en", baseline=_before_after()[0]))
    assert '<p id="changes-lead">Nothing has changed since Telemark (2022).</p>' in text
    assert 'class="changes-records"' not in text
    _, after = _before_after()
    with pytest.raises(sk.ArgumentError, match="reversed"):
        report(before, tmp_path / "bad.html", "nb", baseline=after)
    assert not (tmp_path / "bad.html").exists()


def _key_figure_cells(path: Path) -> dict[str, str]:
    """The key figures' part list as {label: shown value}."""
    text = path.read_text(encoding="utf-8").split('<section id="levels"')[0]
    return {html.unescape(label).strip(): value for value, label in
            re.findall(r'<li><b>(.*?)</b> ([^<]*)', text)}


def test_a_small_part_of_a_whole_is_not_given_away_by_the_others(tmp_path: Path) -> None:
    # OT's four reasons add up to the registered (a partition); NAV's three kinds of job
    # seeker add up to the job seekers. With one small part hidden, the whole minus the parts
    # shown would give it: the smallest other part is hidden too (worked by hand: 3 is hidden
    # first, then 27, the smallest part shown; 4 hides itself, then 16). The overlapping
    # subsets (outside, followed up) do not add up to the whole and stay shown.
    land = sk.Landscape(name="Småby")
    land.add_area("m", name="Småby", kind="municipality")
    land.add_actor("ot", name="OT", owner="county", areas=["m"])
    reg, nav = "ot_registered_16_21", "nav_jobseekers_under_30"
    land.add_indicator("m", reg, 100, year=2021, count="flow")
    for key, value in (("did_not_apply", 3), ("declined", 40), ("dropout", 30), ("other", 27)):
        land.add_indicator("m", f"ot_registered_{key}_16_21", value, year=2021, count="flow",
                           subset_of=reg)
    land.add_indicator("m", "ot_outside_16_21", 50, year=2021, count="flow", subset_of=reg)
    land.add_indicator("m", "ot_followed_up_16_21", 4, year=2021, count="flow", subset_of=reg)
    land.add_indicator("m", nav, 120, year=2021, count="stock")
    for key, value in (("fully_unemployed", 100), ("partly_unemployed", 16),
                       ("on_measures", 4)):
        land.add_indicator("m", f"nav_{key}_under_30", value, year=2021, count="stock",
                           subset_of=nav)
    cells = _key_figure_cells(report(land, tmp_path / "r.html", "en"))
    hidden = '<span class="suppressed">:</span>'
    by_label = {sk.indicators.describe(k, "en").label: k for k in
                {i.key for i in land.indicators}}
    shown = {by_label[label]: value for label, value in cells.items() if label in by_label}
    assert {k for k, v in shown.items() if v == hidden} == {
        "ot_registered_did_not_apply_16_21", "ot_registered_other_16_21",
        "ot_followed_up_16_21", "nav_on_measures_under_30", "nav_partly_unemployed_under_30"}
    assert shown["ot_registered_declined_16_21"] == "40"
    assert shown["ot_outside_16_21"] == "50"
    assert shown["nav_fully_unemployed_under_30"] == "100"
    # Without suppression every figure is shown.
    plain = _key_figure_cells(report(land, tmp_path / "p.html", "en", suppress_below=0))
    assert hidden not in plain.values()


def test_maps_stripe_the_municipalities_whose_own_services_were_not_mapped(
        nb_report: Path, vt: sk.Landscape) -> None:
    # 16 of the 23 municipalities have only the county's and the state's services mapped: their
    # 0 findings (Bamble) or 8 measures (Horten) are not a municipality without gaps or with few
    # services. Both maps stripe them and say so; Skien (municipal services mapped) is plain.
    text, _ = _parse(nb_report)
    expected = sorted(a.id for a in vt.areas if a.kind == "municipality"
                      and "municipal" not in a.mapped)
    assert len(expected) == 16
    for css in ("map-findings", "map-measures"):
        figure = re.search(rf'<figure class="map {css}">.*?</figure>', text, re.S)
        assert figure is not None
        assert sorted(re.findall(r'data-partial="(\d+)"', figure.group(0))) == expected
        assert "Kommunens egne tjenester er ikke (alle) kartlagt" in figure.group(0)
        # The table says it in words: a star on exactly those rows, and the note.
        names = {a.id: a.name for a in vt.areas}
        starred = re.findall(r"<tr><td>([^<]+) \*</td>", figure.group(0))
        assert sorted(starred) == sorted(names[a] for a in expected)
        assert '<p class="note map-partial">* Kommunens egne tjenester' in figure.group(0)
    assert "3807" not in expected
