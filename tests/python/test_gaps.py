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
from samkart.analysis.gaps import GAP_KINDS, GapReport, GapRules, find_gaps

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


def test_vt_reads_like_the_seeds(vt: GapReport) -> None:
    data = Path(__file__).resolve().parents[2] / "examples" / "data" / "vestfold_telemark.json"
    records = json.loads(data.read_text(encoding="utf-8"))
    parent = {a["id"]: a.get("part_of") for a in records["actors"]}

    def top(actor: str) -> str:
        while parent.get(actor):
            actor = parent[actor]  # type: ignore[assignment]
        return actor

    for gap in vt.filter(kind=["handoff_unlinked", "handoff_uncoordinated"]):
        # Seed 004: the 2020 agreement covers every OT department and every NAV office.
        assert {top(gap.actors[0]), top(gap.actors[1])} != {"vtfk-ot", "nav-vt"}
        # Registration with OT by the admissions office is statutory (opplæringslova § 3-6).
        assert gap.actors[0] != "vtfk-inntak"
    # OT ends at 21 and NAV's youth effort, in every municipality, takes over to 30.
    assert not [g for g in vt.filter(kind="age_cliff") if top(g.actors[0]) == "vtfk-ot"]
    kinds = set(vt.to_frame(messages=False)["kind"])
    assert not kinds & {"level_missing", "age_uncovered", "capacity_short"}
    assert len(vt.filter(kind="not_mapped")) == 23
    unknown = vt.filter(kind="capacity_unknown", level=4)[0]
    assert (unknown.value, unknown.expected) == (18, 19)
    findings = vt.findings()
    assert findings[0].category == "service"
    assert findings[0].young_people is not None
    data = findings.filter(category="data")
    assert {f.kind for f in data} == {"not_mapped", "capacity_unknown"}
    horten = next(f for f in data if "Horten" in f.area_names)
    assert horten.message("nb").startswith(
        "Bare fylkeskommunale og statlige tjenester er kartlagt i 16 kommuner"
    )
    for f in findings:
        for lang in ("nb", "da", "en"):
            text = f.message(lang)
            assert "_" not in text.replace("«", "").split("(")[0] or f.kind == "duplication"
            assert "neet_count" not in text


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


# --- issue 13 on hand-built landscapes --------------------------------------------------------


def county(**extra: Any) -> dict[str, Any]:
    """A county with two municipalities; OT and NAV with one unit in each (OT ends at 21,
    NAV's youth measure starts at ``nav_from``), OT hands over to NAV at the age limit."""
    nav_from = extra.pop("nav_from", 18)
    doc: dict[str, Any] = {
        "samkart": 1,
        "name": "Fylke",
        "areas": [
            {"id": "F", "name": "Fylket", "kind": "county"},
            {"id": "A", "name": "Alfa", "kind": "municipality", "parent": "F"},
            {"id": "B", "name": "Beta", "kind": "municipality", "parent": "F"},
        ],
        "actors": [
            {
                "id": "ot",
                "name": "OT Fylket",
                "sector": "follow_up_service",
                "owner": "county",
                "areas": ["F"],
                "ages": [16, 21],
            },
            {
                "id": "nav",
                "name": "NAV Fylket",
                "sector": "labour_welfare",
                "owner": "state",
                "areas": ["F"],
            },
        ],
        "measures": [],
        "links": [],
        "transitions": [],
    }
    for m, volume in (("A", 30), ("B", 10)):
        doc["actors"] += [
            {
                "id": f"ot-{m}",
                "name": f"OT {m}",
                "sector": "follow_up_service",
                "owner": "county",
                "areas": [m],
                "ages": [16, 21],
                "part_of": "ot",
            },
            {
                "id": f"nav-{m}",
                "name": f"NAV {m}",
                "sector": "labour_welfare",
                "owner": "state",
                "areas": [m],
                "part_of": "nav",
            },
        ]
        doc["measures"] += [
            {
                "id": f"ot-{m}-folg",
                "name": f"Oppfølging {m}",
                "level": 3,
                "providers": [f"ot-{m}"],
                "targets": ["neet"],
            },
            {
                "id": f"nav-{m}-ung",
                "name": f"Ungdomsinnsats {m}",
                "level": 3,
                "providers": [f"nav-{m}"],
                "ages": [nav_from, 29],
                "targets": ["neet"],
            },
        ]
        doc["transitions"].append(
            {"source": f"ot-{m}", "target": f"nav-{m}", "volume": volume, "reason": "age_limit"}
        )
    for key, value in extra.items():
        doc[key] = doc.get(key, []) + value if isinstance(value, list) else value
    return doc


AGREEMENT = {
    "source": "ot",
    "target": "nav",
    "kind": "agreement",
    "formal": True,
    "coordinator": "ot",
    "consent": True,
}


def kinds_of(report: GapReport) -> list[str]:
    return [g.kind for g in report]


def test_an_agreement_of_the_parents_covers_their_units() -> None:
    without = find_gaps(build(county()))
    assert kinds_of(without.filter(kind="handoff_unlinked")) == ["handoff_unlinked"] * 2
    covered = find_gaps(build(county(links=[AGREEMENT])))
    assert not covered.filter(kind=["handoff_unlinked", "handoff_uncoordinated", "age_cliff"])
    # The network of organisations: two nodes, one edge; of units: six nodes.
    land = build(county(links=[AGREEMENT]))
    assert len(sk.network(land).degree()) == 6
    orgs = sk.network(land, collapse_units=True)
    assert sorted(orgs.degree().index) == ["nav", "ot"]
    assert orgs.density() == 1.0


def test_a_statutory_registration_is_coordinated() -> None:
    doc = county()
    doc["actors"].append(
        {
            "id": "inntak",
            "name": "Inntakskontoret",
            "sector": "administration",
            "owner": "county",
            "areas": ["F"],
        }
    )
    doc["transitions"].append(
        {"source": "inntak", "target": "ot", "volume": 2358, "reason": "registration"}
    )
    doc["links"].append(
        {
            "source": "inntak",
            "target": "ot",
            "kind": "referral",
            "legal_basis": "opplæringslova § 3-6",
        }
    )
    land = build(doc)
    only = ("handoff_unlinked", "handoff_uncoordinated")
    routes = {tuple(g.actors) for g in find_gaps(land, GapRules(kinds=only))}
    assert ("inntak", "ot") not in routes
    strict = find_gaps(land, GapRules(kinds=only, statutory_coordination=False))
    registration = [g for g in strict if g.actors == ("inntak", "ot")]
    assert [g.kind for g in registration] == ["handoff_uncoordinated"]
    assert (
        registration[0].message("nb").startswith("2\u202f358 unge i året går fra Inntakskontoret")
    )
    other_law = find_gaps(land, GapRules(kinds=only, statutory_bases=("barnevernloven",)))
    assert ("inntak", "ot") in {tuple(g.actors) for g in other_law}


def test_an_unmapped_area_raises_data_gaps_and_no_service_gaps() -> None:
    doc = county()
    doc["areas"].append(
        {"id": "N", "name": "Nullby", "kind": "municipality", "parent": "F", "mapping": "none"}
    )
    doc["areas"][2].update(mapping="partial", mapped=["county", "state"])  # Beta
    report = find_gaps(build(doc))
    nullby = report.filter(area="N")
    assert kinds_of(nullby) == ["not_mapped"]
    assert nullby[0].category == "data"
    beta = report.filter(area="B")
    assert "level_missing" not in kinds_of(beta)
    assert "not_mapped" in kinds_of(beta)
    assert len(report.filter(kind="level_missing", area="A")) > 0  # Alfa was mapped
    data = report.findings().filter(category="data", kind="not_mapped")
    assert len(data) == 2
    assert all(f.category == "data" for f in data)


def test_a_proposed_measure_covers_nothing() -> None:
    doc = county()
    doc["measures"].append(
        {
            "id": "idea",
            "name": "Øremerkede læreplasser",
            "level": 2,
            "providers": ["nav-A"],
            "status": "proposed",
        }
    )
    land = build(doc)
    missing = find_gaps(land, GapRules(kinds=("level_missing",))).filter(area="A", level=2)
    assert len(missing) == 1
    table = sk.coverage(land, "level", "level")
    assert table.loc[2, 2] == 0


def test_duplication_never_across_municipalities() -> None:
    doc = county()
    for m in ("A", "B"):
        doc["actors"].append(
            {
                "id": f"psyk-{m}",
                "name": f"Psykisk helse {m}",
                "sector": "mental_health",
                "owner": "municipal",
                "areas": [m],
            }
        )
        doc["measures"].append(
            {
                "id": f"team-{m}",
                "name": f"Team {m}",
                "level": 3,
                "providers": [f"psyk-{m}"],
                "ages": [16, 25],
                "targets": ["mental_health"],
            }
        )
    doc["actors"].append(
        {
            "id": "psyk-f",
            "name": "Psykisk helse Fylket",
            "sector": "mental_health",
            "owner": "county",
            "areas": ["F"],
        }
    )
    doc["measures"].append(
        {
            "id": "team-f",
            "name": "Team Fylket",
            "level": 3,
            "providers": ["psyk-f"],
            "ages": [16, 25],
            "targets": ["mental_health"],
        }
    )
    report = find_gaps(build(doc), GapRules(kinds=("duplication",)))
    pairs = sorted((g.measures, g.area) for g in report)
    assert pairs == [(("team-A", "team-f"), "A"), (("team-B", "team-f"), "B")]


def test_findings_group_the_cliffs_of_one_organisation() -> None:
    report = find_gaps(build(county(nav_from=23)))
    cliffs = report.findings().filter(kind="age_cliff")
    assert len(cliffs) == 1
    cliff = cliffs[0]
    assert cliff.cause == "age_cliff:follow_up_service:3:22"
    assert cliff.areas == ("A", "B")
    assert cliff.young_people == 40
    assert sorted(report[i].area for i in cliff.gaps) == ["A", "B"]
    assert cliff.message("nb").startswith(
        "Tiltakene på nivå 3 hos OT Fylket gjelder til og med 21 år"
    )
    assert "Om lag 40 unge i året går ut på grunn av aldersgrensen." in cliff.message("nb")


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        (lambda d: d["actors"][2].update(part_of="otx"), "part_of", "unknown actor id 'otx'"),
        (lambda d: d["actors"][0].update(part_of="ot-A"), "part_of", "form a cycle"),
        (lambda d: d["areas"][1].update(mapped=["county"]), "mapped", "set mapping to 'partial'"),
        (
            lambda d: d["areas"][1].update(mapping="partial", mapped=["nav"]),
            "mapped",
            "neither a recommended sector nor an owner",
        ),
        (
            lambda d: d["measures"][0].update(since="2022-01-01", until="2021-01-01"),
            "until",
            "ends (2021-01-01) before it starts (2022-01-01)",
        ),
        (
            lambda d: d["measures"][0].update(participants_of="nav-A-ung"),
            "participants_of",
            "gives no participants",
        ),
        (
            lambda d: (
                d["measures"][1].update(participants=5),
                d["measures"][0].update(participants=10, participants_of="nav-A-ung"),
            ),
            "participants",
            "more than its 5",
        ),
        (
            lambda d: (
                d["measures"][1].update(participants=50, participants_kind="stock"),
                d["measures"][0].update(participants=10, participants_of="nav-A-ung"),
            ),
            "participants_kind",
            "cannot be a subset",
        ),
        (
            lambda d: d.update(
                indicators=[{"area": "A", "key": "x", "value": 3, "year": 2021, "subset_of": "y"}]
            ),
            "subset_of",
            "area 'A' has no indicator 'y' in 2021",
        ),
    ],
)
def test_bad_new_fields_name_the_record_field_and_fix(change: Any, field: str, text: str) -> None:
    doc = county()
    change(doc)
    with pytest.raises(sk.ValidationError) as caught:
        build(doc)
    assert any(p.field == field and text in p.message for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
