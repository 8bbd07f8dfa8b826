"""Gap analysis from Python: the hand-built landscape where every kind appears (the same
expectations as tests/cpp/test_gaps.cpp, from tests/data/gaps/), the report API, bad rules,
and what the gaps of Vestfold og Telemark say to a reader of the seeds."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import samkart as sk
from samkart.gaps import GAP_KINDS, GapReport, GapRules, find_gaps

DATA = Path(__file__).resolve().parents[1] / "data" / "gaps"
BASE: dict[str, Any] = json.loads((DATA / "every_kind.json").read_text(encoding="utf-8"))
EXPECTED: dict[str, Any] = json.loads(
    (DATA / "every_kind_expected.json").read_text(encoding="utf-8")
)


#: The rules the expectations were worked out under (duplication at every level).
RULES = GapRules(duplication_levels=tuple(EXPECTED["rules"]["duplication_levels"]))


def build(doc: dict[str, Any]) -> sk.Landscape:
    return sk.from_json_string(json.dumps(doc))


def with_fix(doc: dict[str, Any], fix: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    for collection, records in fix.get("add", {}).items():
        doc.setdefault(collection, []).extend(records)
    for measure in doc["measures"]:
        measure.update(fix.get("set_measures", {}).get(measure["id"], {}))
        measure.setdefault("keys", []).extend(fix.get("add_keys", {}).get(measure["id"], []))
    return doc


def signatures(report: GapReport) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return sorted((g.kind, g.area, tuple(g.actors)) for g in report)


@pytest.fixture(scope="module")
def report() -> GapReport:
    return find_gaps(build(BASE), RULES)


def test_every_kind_appears_where_expected_in_order(report: GapReport) -> None:
    assert len(report) == len(EXPECTED["gaps"])
    for gap, want in zip(report, EXPECTED["gaps"], strict=True):
        assert gap.kind == want["kind"]
        assert gap.area == want["area"]
        assert list(gap.actors) == want["actors"]
        assert gap.severity == pytest.approx(want["severity"], rel=1e-5)
        assert (None if gap.level is None else int(gap.level)) == want["level"]
        assert gap.ages == (None if want["ages"] is None else tuple(want["ages"]))
    # Every kind but not_mapped (the fixture's areas were all mapped; see test_mapping_*).
    assert {g.kind for g in report} == set(GAP_KINDS) - {"not_mapped"}
    severities = [g.severity for g in report]
    assert severities == sorted(severities, reverse=True)


@pytest.mark.parametrize("kind", [k for k in GAP_KINDS if k in EXPECTED["fixes"]])
def test_adding_the_missing_piece_closes_that_gap_and_no_other(
    report: GapReport, kind: str
) -> None:
    after = find_gaps(build(with_fix(BASE, EXPECTED["fixes"][kind])), RULES)
    assert signatures(after) == [s for s in signatures(report) if s[0] != kind]


def test_messages_name_actors_and_numbers(report: GapReport) -> None:
    handoff = report.filter(kind="handoff_unlinked")[0]
    assert handoff.message("en") == (
        "40 young people a year go from Helsestasjonen Alfa to BUP Fylket, but no agreement or "
        "other link joins them. An agreement that says who coordinates would close this gap."
    )
    assert handoff.young_people == 40
    assert handoff.category == "service"
    assert handoff.illustrative  # the area Alfa is illustrative
    assert handoff.records == (
        "areas:m1",
        "actors:helse-a",
        "actors:bup",
        "transitions:helse-a → bup",
    )
    assert handoff.message("nb").startswith("40 unge i året går fra Helsestasjonen Alfa")
    assert handoff.message("da").startswith("40 unge om året går fra Helsestasjonen Alfa")
    for gap in report:
        texts = {gap.message(lang) for lang in ("nb", "da", "en")}
        assert len(texts) == 3
        assert not any("{" in t for t in texts)
    with pytest.raises(sk.ArgumentError, match="unknown language"):
        report[0].message("sv")


def test_frame_summary_filter_top_json_html(report: GapReport, tmp_path: Path) -> None:
    frame = report.to_frame(lang="nb")
    assert len(frame) == len(report)
    assert list(frame.columns[:6]) == ["kind", "severity", "area", "area_name", "level", "ages"]
    assert frame["level"].dtype == "Int64"
    assert frame.loc[0, "message"].startswith("I Gamma")
    summary = report.summary()
    assert summary.loc[("kind", "silo"), "gaps"] == 1
    assert summary.loc[("area", "m3"), "gaps"] == 3
    assert summary.loc[("level", "(none)"), "gaps"] == 8
    assert summary.xs("kind")["gaps"].sum() == len(report)
    assert len(report.filter(area="m3")) == 3
    assert len(report.filter(level=sk.Level.INTENSIVE)) == 2
    assert len(report.filter(kind=["silo", "isolated_actor"])) == 2
    assert len(report.filter(min_severity=0.5)) == 7
    assert [g.kind for g in report.top(2)] == ["age_uncovered", "silo"]
    with pytest.raises(sk.ArgumentError, match="unknown gap kind 'silos'"):
        report.filter(kind="silos")
    text = report.to_json(tmp_path / "gaps.json", lang="da")
    doc = json.loads((tmp_path / "gaps.json").read_text(encoding="utf-8"))
    assert doc == json.loads(text)
    assert [g["kind"] for g in doc["gaps"]] == [g.kind for g in report]
    assert doc["gaps"][0]["message"] == report[0].message("da")
    html = report._repr_html_()
    assert html.count("<tr>") == len(report) + 1
    assert "Fritid Beta" in html
    empty = report.filter(kind="silo", area="m1")
    assert len(empty) == 0
    assert empty.to_frame().empty
    assert empty.summary().empty
    assert "0 gaps" in repr(empty)


def test_rules_change_the_result() -> None:
    land = build(BASE)
    weighted = find_gaps(
        land, GapRules(kind_weights={"silo": 0.5}, kinds=("silo", "isolated_actor"))
    )
    assert [(g.kind, g.severity) for g in weighted] == [("silo", 0.5), ("isolated_actor", 0.25)]
    # A larger need: capacity 50 against 2 × 100.
    short = find_gaps(land, GapRules(needs={4: ("need_level_4", 2.0)}, kinds=("capacity_short",)))
    assert short[0].expected == 200
    assert short[0].severity == pytest.approx(0.75)
    # Allowing one hop less makes nothing reachable that was not; allowing none flags more.
    strict = find_gaps(land, GapRules(max_referral_hops=0, kinds=("unreachable_intensive",)))
    assert len(strict[0].actors) >= 1


@pytest.mark.parametrize(
    ("rules", "match"),
    [
        (GapRules(volume_reference=-1), "rules.volume_reference"),
        (GapRules(min_level1_share=1.5), "rules.min_level1_share"),
        (GapRules(duplication_min_overlap=-2), "rules.duplication_min_overlap"),
        (GapRules(silo_threshold=-2), "rules.silo_threshold"),
        (GapRules(ages=(10, 5)), "rules.ages"),
        (GapRules(silo_by=("colour",)), "owner|sector|area"),
        (GapRules(cliff_min_level=7), "rules.cliff_min_level"),
        (GapRules(imbalance_value="cost"), "rules.imbalance_value"),
        (GapRules(kinds=("holes",)), "unknown gap kind 'holes'"),
        (GapRules(needs={4: "neet_count_15_29"}), "no area has the indicator 'neet_count_15_29'"),
        (GapRules(needs={4: ("need_level_4", -1.0)}), r"rules.needs\[4\].share"),
        (GapRules(capacity_unknown_share=1.5), "rules.capacity_unknown_share"),
        (GapRules(duplication_levels=(5,)), "rules.duplication_levels"),
        (GapRules(statutory_bases=("",)), "rules.statutory_bases"),
        (GapRules(level_weights=(1.0, 0.8, 0.8)), "rules.level_weights"),  # type: ignore[arg-type]
    ],
)
def test_bad_rules_are_argument_errors_naming_the_rule(rules: GapRules, match: str) -> None:
    with pytest.raises(sk.ArgumentError, match=match):
        find_gaps(build(BASE), rules)


def test_unknown_language_in_frame_and_json(report: GapReport) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        report.to_frame(lang="xx")
    with pytest.raises(ValueError, match="unknown language"):
        report.filter(kind="silo", area="m1").to_frame(lang="xx")
    with pytest.raises(ValueError, match="unknown language"):
        report.to_json(lang="xx")


# --- Vestfold og Telemark: the gaps make sense to a reader of the seeds --------------------


@pytest.fixture(scope="module")
def vt() -> GapReport:
    return find_gaps(sk.datasets.vestfold_telemark())


def is_ot(actor: str) -> bool:
    return actor == "vtfk-ot" or actor.startswith("ot-")


def test_vt_ot_nav_agreement_means_no_unlinked_handoff(vt: GapReport) -> None:
    # Seed 004: OT and NAV Vestfold og Telemark signed a binding agreement in 2020; every
    # OT → NAV hand-over has a link, and the county-level one a named coordinator.
    for gap in vt.filter(kind="handoff_unlinked"):
        source, target = gap.actors
        assert not (is_ot(source) and target.startswith("nav-"))
        assert not (source.startswith("nav-") and is_ot(target))
    assert not [
        g for g in vt.filter(kind="handoff_uncoordinated") if g.actors == ("vtfk-ot", "nav-vt")
    ]


def test_vt_ot_ends_at_21_as_an_age_cliff(vt: GapReport) -> None:
    # OT follows up 16–21-year-olds (seed 002): where no level-3/4 actor linked to the OT
    # department takes over, the end of OT shows as an age cliff at 22.
    cliffs = [g for g in vt.filter(kind="age_cliff") if is_ot(g.actors[0])]
    assert cliffs
    assert all(g.ages == (22, 22) and int(g.level) >= 3 for g in cliffs)
    # The county OT is bound to NAV Vestfold og Telemark, whose level-4 measures go on to 29.
    assert not [g for g in cliffs if g.actors == ("vtfk-ot",)]
    # OT Skien hands over to NAV Skien, whose coordinator measure covers Skien at 22.
    assert not [g for g in cliffs if g.actors == ("ot-skien",) and g.area == "3807"]
    assert {"ot-horten", "ot-skien"} <= {g.actors[0] for g in cliffs}


def test_vt_top_ten(vt: GapReport) -> None:
    top = vt.top(10).to_frame()
    assert len(top) == 10
    # Intensive places are never compared with everyone outside work and education.
    assert "capacity_short" not in set(vt.to_frame(messages=False)["kind"])
    assert isinstance(top, pd.DataFrame)


# --- findings ---------------------------------------------------------------------------------


def test_findings_hold_every_gap_once_ranked_by_young_people(report: GapReport) -> None:
    findings = report.findings()
    assert isinstance(findings, sk.Findings)
    positions = sorted(i for f in findings for i in f.gaps)
    assert positions == list(range(len(report)))
    for f in findings:
        assert {report[i].cause for i in f.gaps} == {f.cause}
        assert {report[i].kind for i in f.gaps} == {f.kind}
        assert f.severity == max(report[i].severity for i in f.gaps)
    counted = [f.young_people for f in findings if f.young_people is not None]
    assert counted == sorted(counted, reverse=True)
    # Those with a count come first: here the 50 places missing, 40 and 20 handed over.
    assert counted == [50, 40, 20]
    assert [f.kind for f in findings[:3]] == [
        "capacity_short",
        "handoff_unlinked",
        "handoff_uncoordinated",
    ]
    frame = findings.to_frame(lang="da")
    assert list(frame.columns) == list(sk.gaps.FINDING_COLUMNS)
    assert len(frame) == len(findings)
    assert frame.loc[0, "message"] == findings[0].message("da")
    assert frame["young_people"].isna().sum() == len(findings) - 3
    data = findings.filter(category="data")
    assert [f.kind for f in data] == ["capacity_unknown"]
    assert len(findings.filter(category="service")) == len(findings) - 1
    assert isinstance(findings[:2], sk.Findings)
    assert "Findings(" in repr(findings)
    assert "<table>" in findings._repr_html_()
    with pytest.raises(sk.ArgumentError, match="unknown gap category"):
        findings.filter(category="services")
    with pytest.raises(sk.ArgumentError, match="unknown language"):
        findings.to_frame(lang="sv")
    doc = json.loads(report.to_json(lang="nb"))
    assert [f["cause"] for f in doc["findings"]] == [f.cause for f in findings]


def test_gap_frame_has_category_illustrative_and_records(report: GapReport) -> None:
    frame = report.to_frame()
    assert set(frame["category"]) == {"service", "data"}
    assert frame["illustrative"].dtype == bool
    assert report.filter(category="data")[0].kind == "capacity_unknown"
    with pytest.raises(sk.ArgumentError, match="unknown gap category"):
        report.filter(category="both")
