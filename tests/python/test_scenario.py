"""Scenarios, compare and prioritize (issue 6) on a hand-built landscape whose gaps and best
changes are worked out by hand from docs/gaps.md."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samkart as sk
from samkart.analysis.scenario import Change, Scenario, compare, prioritize
from samkart.errors import ArgumentError

# --- the hand-built landscape ---------------------------------------------------------------
#
# One county (40) with one municipality, Alfa (3801). Six actors; the collaboration network is
# the cycle school – ot – nav – health – cw – school (no articulation point, so no
# single_point_of_failure), plus the youth club, which has no link. Two level-1 measures (one
# 0–29, so no age is uncovered), level 3 (OT) and level 4 (NAV), both with participation; no
# level 2. No indicator, so capacity_short is skipped (a note). Its four gaps, by hand:
#
#   v(n) = log1p(n) / log1p(500)                                       (docs/gaps.md, Severity)
#   handoff_unlinked      cw → nav, 300 a year, no link:   v(300) = ln 301 / ln 501
#                                                               = 5.70711 / 6.21661 = 0.918043
#   level_missing         Alfa, level 2:                   level_weights[2]           = 0.8
#   handoff_uncoordinated ot → nav, 40 a year, a formal referral without coordinator:
#                                                          0.6 v(40) = 0.6 × ln 41 / ln 501
#                                                               = 0.6 × 0.597363       = 0.358418
#   isolated_actor        youth, no measure:               0.25 (0.25 × level, 0.25 if none)
#   total                                                                               = 2.326461

V300 = math.log1p(300) / math.log1p(500)
V40 = math.log1p(40) / math.log1p(500)
TOTAL = V300 + 0.8 + 0.6 * V40 + 0.25


def build() -> sk.Landscape:
    land = sk.Landscape(name="Alfa", year=2024)
    land.add_area("40", name="Fylke", kind="county")
    land.add_area("3801", name="Alfa", kind="municipality", parent="40")
    land.add_actor(
        "school",
        name="Alfa vgs",
        sector="upper_secondary_school",
        owner="county",
        areas=["40"],
        ages=(16, 19),
    )
    land.add_actor(
        "ot",
        name="OT Alfa",
        sector="follow_up_service",
        owner="county",
        areas=["40"],
        ages=(16, 21),
    )
    land.add_actor(
        "nav",
        name="NAV Alfa",
        sector="labour_welfare",
        owner="state",
        areas=["3801"],
        ages=(16, 29),
    )
    land.add_actor(
        "health", name="Helsestasjon Alfa", sector="health", owner="municipal", areas=["3801"]
    )
    land.add_actor(
        "cw", name="Barnevern Alfa", sector="child_welfare", owner="municipal", areas=["3801"]
    )
    land.add_actor(
        "youth", name="Ungdomsklubb Alfa", sector="leisure", owner="voluntary", areas=["3801"]
    )
    land.add_measure(
        "m-school", name="Skolehelse", level=1, providers=["school"], ages=(16, 19), targets=["all"]
    )
    land.add_measure(
        "m-health",
        name="Helsestasjon for ungdom",
        level=1,
        providers=["health"],
        ages=(0, 29),
        targets=["all"],
    )
    land.add_measure(
        "m-ot",
        name="OT-oppfølging",
        level=3,
        providers=["ot"],
        ages=(16, 21),
        keys=["participation"],
    )
    land.add_measure(
        "m-nav",
        name="Arbeidstrening",
        level=4,
        providers=["nav"],
        ages=(16, 29),
        keys=["participation"],
    )
    land.add_link("school", "ot", kind="referral")
    land.add_link("ot", "nav", kind="referral", formal=True)
    land.add_link("nav", "health", kind="network")
    land.add_link("health", "cw", kind="information_sharing")
    land.add_link("cw", "school", kind="information_sharing")
    land.add_transition("ot", "nav", volume=40, reason="age_limit")
    land.add_transition("cw", "nav", volume=300, reason="aftercare")
    return land


# The three candidate changes (hypothetical yearly costs):
#   agreement: a binding agreement cw → nav naming cw as coordinator, 200 000:
#              closes handoff_unlinked, 0.918043 / 200 000 = 4.590e-6 per krone
#   level2:    a level-2 measure by OT, 500 000 a year: closes level_missing 2,
#              0.8 / 500 000 = 1.6e-6 per krone
#   club:      link the youth club to the school and to the health station, 5 000 each:
#              closes isolated_actor, 0.25 / 10 000 = 2.5e-5 per krone. (Two links, so that
#              neither the school nor the health station becomes a single point of failure.)
#   capacity:  a capacity for NAV's measure, 1 000: closes nothing (no indicator), never picked.
# Greedy order: club (2.5e-5), agreement (4.59e-6), level2 (1.6e-6); then it stops.


def candidates(land: sk.Landscape) -> dict[str, Scenario]:
    return {
        "agreement": Scenario(land, label="agreement").add_link(
            "cw", "nav", kind="agreement", formal=True, coordinator="cw", cost=200_000
        ),
        "level2": Scenario(land, label="level2").add_measure(
            "m-l2",
            name="Tidlig innsats",
            level=2,
            providers=["ot"],
            ages=(16, 21),
            keys=["participation"],
            cost=500_000,
        ),
        "club": Scenario(land, label="club")
        .add_link("youth", "school", kind="network", cost=5_000)
        .add_link("youth", "health", kind="network", cost=5_000),
        "capacity": Scenario(land, label="capacity").set_capacity("m-nav", 40, cost=1_000),
    }


def keys(gaps: list[sk.Gap]) -> list[tuple[str, str | None, int | None, tuple[str, ...]]]:
    return [(g.kind, g.area, None if g.level is None else int(g.level), g.actors) for g in gaps]


def references(doc: dict[str, Any]) -> set[str]:
    """Every actor id the document refers to, field by field."""
    refs: set[str] = set()
    for m in doc.get("measures", []):
        refs.update(m["providers"])
    for link in doc.get("links", []):
        refs.update([link["source"], link["target"]])
        if "coordinator" in link:
            refs.add(link["coordinator"])
    for t in doc.get("transitions", []):
        refs.update([t["source"], t["target"]])
    return refs


# --- the landscape and compare -----------------------------------------------------------------


def test_hand_built_gaps_are_the_hand_worked_ones() -> None:
    report = sk.find_gaps(build())
    assert keys(report.gaps) == [
        ("handoff_unlinked", "3801", None, ("cw", "nav")),
        ("level_missing", "3801", 2, ()),
        ("handoff_uncoordinated", "3801", None, ("ot", "nav")),
        ("isolated_actor", None, None, ("youth",)),
    ]
    assert [g.severity for g in report.gaps] == pytest.approx([V300, 0.8, 0.6 * V40, 0.25])
    assert round(V300, 6) == 0.918043


def test_compare_agreement_closes_exactly_the_unlinked_handoff() -> None:
    land = build()
    after = candidates(land)["agreement"].apply()
    c = compare(land, after)
    assert keys(c.closed) == [("handoff_unlinked", "3801", None, ("cw", "nav"))]
    assert c.opened == []
    assert c.changed == []
    assert c.severity_before == pytest.approx(TOTAL)
    assert c.severity_after == pytest.approx(TOTAL - V300)
    assert c.severity_reduced == pytest.approx(V300)
    assert "1 closed, 0 opened, 0 changed" in repr(c)
    frame = c.to_frame()
    assert list(frame["status"]) == ["closed"]
    assert frame.loc[0, "severity_after"] == 0.0


def test_compare_referral_without_coordinator_closes_one_gap_and_opens_another() -> None:
    # A referral link only makes the hand-over linked but uncoordinated: v(300) closes and
    # 0.6 v(300) = 0.550826 opens, a net reduction of 0.4 v(300) = 0.367217.
    land = build()
    after = Scenario(land).add_link("cw", "nav", kind="referral").apply()
    c = compare(land, after)
    assert keys(c.closed) == [("handoff_unlinked", "3801", None, ("cw", "nav"))]
    assert keys(c.opened) == [("handoff_uncoordinated", "3801", None, ("cw", "nav"))]
    assert c.opened[0].severity == pytest.approx(0.6 * V300)
    assert c.severity_reduced == pytest.approx(0.4 * V300)
    summary = c.summary()
    assert summary.loc["handoff_unlinked", "closed"] == 1
    assert summary.loc["handoff_uncoordinated", "opened"] == 1
    assert summary["reduced"].sum() == pytest.approx(0.4 * V300)


def test_compare_reports_a_changed_severity() -> None:
    # A smaller hand-over cw → nav (300 → 40) keeps the gap but lowers it to v(40).
    land = build()
    doc = json.loads(land.to_json())
    for t in doc["transitions"]:
        if t["source"] == "cw":
            t["volume"] = 40
    c = compare(land, sk.Landscape.from_json(json.dumps(doc)))
    assert c.closed == []
    assert c.opened == []
    assert len(c.changed) == 1
    old, new = c.changed[0]
    assert (old.kind, old.severity, new.severity) == (
        "handoff_unlinked", pytest.approx(V300), pytest.approx(V40),
    )  # fmt: skip
    assert list(c.to_frame()["status"]) == ["changed"]


def test_compare_identical_landscapes_is_empty() -> None:
    land = build()
    c = compare(land, build())
    assert (c.closed, c.opened, c.changed) == ([], [], [])
    assert c.severity_reduced == 0.0
    assert c.to_frame().empty


# --- prioritize ---------------------------------------------------------------------------------


def test_prioritize_picks_in_the_hand_worked_order_with_explanations() -> None:
    land = build()
    before = land.to_json()
    c = candidates(land)
    result = prioritize(land, [c["agreement"], c["level2"], c["capacity"], c["club"]], k=4)
    assert [s.label for s in result.steps] == ["club", "agreement", "level2"]
    club, agreement, level2 = result.steps
    assert club.cost == 10_000
    assert club.severity_reduced == pytest.approx(0.25)
    assert club.ratio == pytest.approx(2.5e-5)
    assert keys(club.closed) == [("isolated_actor", None, None, ("youth",))]
    assert (club.runner_up, club.runner_up_ratio) == ("agreement", pytest.approx(V300 / 200_000))
    assert club.candidates == 4
    assert agreement.ratio == pytest.approx(V300 / 200_000)
    assert keys(agreement.closed) == [("handoff_unlinked", "3801", None, ("cw", "nav"))]
    assert (agreement.runner_up, agreement.runner_up_ratio) == ("level2", pytest.approx(1.6e-6))
    assert level2.ratio == pytest.approx(1.6e-6)
    assert keys(level2.closed) == [("level_missing", "3801", 2, ())]
    assert level2.runner_up is None
    # What is left is the uncoordinated OT → NAV hand-over.
    assert result.severity_after == pytest.approx(0.6 * V40)
    assert keys(sk.find_gaps(result.landscape).gaps) == [
        ("handoff_uncoordinated", "3801", None, ("ot", "nav"))
    ]
    assert result.total_cost == 710_000
    assert result.notes == [
        "stopped after 3 of 4 steps: no remaining candidate reduces the total gap severity"
    ]
    assert "Runner-up: agreement" in club.explain()
    assert "closes isolated_actor" in club.explain()
    frame = result.to_frame()
    assert list(frame["label"]) == ["club", "agreement", "level2"]
    assert list(frame["cumulative_cost"]) == [10_000, 210_000, 710_000]
    assert frame["severity_after"].iloc[-1] == pytest.approx(0.6 * V40)
    assert "3 steps" in repr(result)
    assert "Step 2: agreement" in result.summary()
    assert land.to_json() == before  # the original is unchanged


def test_prioritize_k_limits_the_steps() -> None:
    land = build()
    result = prioritize(land, list(candidates(land).values()), k=1)
    assert [s.label for s in result.steps] == ["club"]
    assert result.notes == []


def test_a_free_candidate_comes_before_any_costly_one() -> None:
    # Naming OT the coordinator of its formal referral to NAV costs nothing here and closes
    # handoff_uncoordinated (0.358418): less severity than the agreement, but free.
    land = build()
    free = Scenario(land, label="coordinator").set_link("ot", "nav", "referral", coordinator="ot")
    result = prioritize(land, [candidates(land)["club"], free], k=1)
    assert result.steps[0].label == "coordinator"
    assert result.steps[0].ratio == math.inf
    assert result.steps[0].severity_reduced == pytest.approx(0.6 * V40)
    assert keys(result.steps[0].closed) == [("handoff_uncoordinated", "3801", None, ("ot", "nav"))]


def test_ties_go_to_the_smaller_label() -> None:
    land = build()
    twins = [
        Scenario(land, label=name).add_link(
            "cw", "nav", kind="agreement", formal=True, coordinator="nav", cost=1_000
        )
        for name in ("zulu", "alpha")
    ]
    result = prioritize(land, twins, k=1)
    assert result.steps[0].label == "alpha"
    assert result.steps[0].runner_up == "zulu"


def test_lists_of_changes_are_candidates_with_summed_cost() -> None:
    land = build()
    changes = candidates(land)["club"].changes
    assert [c.cost for c in changes] == [5_000, 5_000]
    result = prioritize(land, [changes], k=1)
    step = result.steps[0]
    assert step.cost == 10_000
    assert step.label == "add link youth → school (network); add link youth → health (network)"


def test_a_candidate_that_closes_nothing_is_never_picked() -> None:
    land = build()
    result = prioritize(land, [candidates(land)["capacity"]], k=2)
    assert result.steps == []
    assert result.severity_after == pytest.approx(TOTAL)
    assert "no remaining candidate reduces" in result.notes[0]


# --- Scenario -------------------------------------------------------------------------------------


def test_apply_leaves_the_original_and_records_changes() -> None:
    land = build()
    before = land.to_json()
    s = candidates(land)["club"]
    after = s.apply()
    assert land.to_json() == before
    assert len(after.links) == len(land.links) + 2
    assert [c.kind for c in s.changes] == ["add_link", "add_link"]
    assert s.changes[0] == Change(
        "add_link", {"source": "youth", "target": "school", "kind": "network"}, 5_000,
        "add link youth → school (network)",
    )  # fmt: skip
    assert s.cost == 10_000
    assert "club" in repr(s)


def test_remove_actor_removes_links_handovers_providers_and_logs_measures() -> None:
    land = build()
    s = Scenario(land).remove_actor("ot")
    after = s.apply()
    doc = json.loads(after.to_json())
    assert "ot" not in {a["id"] for a in doc["actors"]}
    assert "ot" not in references(doc)
    assert "m-ot" not in {m["id"] for m in doc["measures"]}
    assert any("measure 'm-ot'" in line and "only provider" in line for line in s.log)
    c = compare(land, after)
    assert keys(c.closed) == [("handoff_uncoordinated", "3801", None, ("ot", "nav"))]
    assert ("level_missing", "3801", 3, ()) in keys(c.opened)
    assert land.to_json() == build().to_json()


def test_remove_actor_drops_it_as_coordinator_and_keeps_shared_measures() -> None:
    land = build()
    land.add_measure("m-shared", name="Felles", level=2, providers=["ot", "nav"], ages=(16, 21))
    land.add_link("cw", "school", kind="agreement", coordinator="ot")
    s = Scenario(land).remove_actor("ot")
    doc = json.loads(s.apply().to_json())
    shared = next(m for m in doc["measures"] if m["id"] == "m-shared")
    assert shared["providers"] == ["nav"]
    assert "ot" not in references(doc)
    assert any("lost its coordinator 'ot'" in line for line in s.log)


def test_set_link_remove_link_and_add_key() -> None:
    land = build()
    after = (
        Scenario(land)
        .set_link("ot", "nav", "referral", coordinator="ot", formal=False)
        .remove_link("school", "ot")
        .add_key("m-school", "participation")
        .apply()
    )
    link = next(li for li in after.links if (li.source, li.target) == ("ot", "nav"))
    assert (link.coordinator, link.formal) == ("ot", False)
    assert not any((li.source, li.target) == ("school", "ot") for li in after.links)
    assert after.measure("m-school").keys == ("participation",)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), data=st.data())
def test_remove_actor_never_leaves_a_dangling_reference(seed: int, data: st.DataObject) -> None:
    land = sk.datasets.synthetic(2, 6, seed)
    before = land.to_json()
    ids = [a.id for a in land.actors]
    removed = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
    s = Scenario(land)
    for actor in removed:
        s.remove_actor(actor)
    after = s.apply()  # read back from JSON: raises if anything dangles
    doc = json.loads(after.to_json())
    assert not set(removed) & {a["id"] for a in doc["actors"]}
    assert not set(removed) & references(doc)
    assert len(doc["actors"]) == len(ids) - len(removed)
    assert sk.Landscape.from_json(after.to_json()) == after
    assert land.to_json() == before


# --- bad input ------------------------------------------------------------------------------------


def test_remove_actor_unknown_id() -> None:
    land = build()
    with pytest.raises(sk.UnknownIdError, match="remove_actor: unknown actor 'nobody'") as err:
        Scenario(land).remove_actor("nobody")
    assert (err.value.collection, err.value.id) == ("actor", "nobody")


def test_remove_actor_of_an_actor_the_scenario_adds_is_accepted() -> None:
    land = build()
    s = Scenario(land).add_actor("new", name="Ny", owner="municipal").remove_actor("new")
    assert len(s.apply().actors) == len(land.actors)


def test_remove_actor_missing_from_another_landscape_names_the_change() -> None:
    land = build()
    s = Scenario(land).remove_actor("ot")
    other = sk.Landscape(name="tom")
    with pytest.raises(sk.UnknownIdError, match=r"scenario change 1 \(remove_actor"):
        s.apply(other)


def test_unknown_measure() -> None:
    with pytest.raises(sk.UnknownIdError, match="set_capacity: unknown measure 'm-x'"):
        Scenario(build()).set_capacity("m-x", 10)
    with pytest.raises(sk.UnknownIdError, match="add_key: unknown measure 'm-x'"):
        Scenario(build()).add_key("m-x", "participation")


def test_invalid_scenario_raises_validation_error_naming_the_change() -> None:
    land = build()
    s = (
        Scenario(land)
        .add_link("cw", "nav", kind="referral")
        .add_link("cw", "ghost", kind="network")
    )
    with pytest.raises(sk.ValidationError, match=r"scenario change 2 \(add_link") as err:
        s.apply()
    assert err.value.problems
    assert "ghost" in str(err.value)


def test_negative_cost_and_bad_k() -> None:
    land = build()
    with pytest.raises(ArgumentError, match="cost must be a finite number ≥ 0"):
        Scenario(land).add_link("cw", "nav", kind="referral", cost=-1)
    with pytest.raises(ArgumentError, match="cost"):
        Change("remove_actor", {"id": "ot"}, cost=-5)
    with pytest.raises(ArgumentError, match="cost"):
        Scenario(land).remove_actor("ot", cost=math.nan)
    good = list(candidates(land).values())
    with pytest.raises(ArgumentError, match="k must be an integer ≥ 1, got 0"):
        prioritize(land, good, k=0)
    with pytest.raises(ArgumentError, match="k must be"):
        prioritize(land, good, k=-2)
    with pytest.raises(ArgumentError, match="no candidates"):
        prioritize(land, [], k=1)
    with pytest.raises(ArgumentError, match="must be a Scenario or a list of Change"):
        prioritize(land, ["add a link"], k=1)  # type: ignore[list-item]


def test_link_errors() -> None:
    land = build()
    with pytest.raises(ArgumentError, match="unknown link field"):
        Scenario(land).set_link("ot", "nav", "referral", colour="red")
    with pytest.raises(ArgumentError, match="at least one field"):
        Scenario(land).set_link("ot", "nav", "referral")
    with pytest.raises(ArgumentError, match=r"no link nav → ot.*other direction"):
        Scenario(land).remove_link("nav", "ot").apply()
    with pytest.raises(ArgumentError, match="no link ot → nav of kind agreement"):
        Scenario(land).set_link("ot", "nav", "agreement", formal=True).apply()


def test_a_candidate_that_does_not_apply_is_named() -> None:
    land = build()
    bad = Scenario(land, label="broken").add_link("cw", "ghost", kind="network", cost=1)
    with pytest.raises(sk.ValidationError, match="prioritize: candidate 'broken'"):
        prioritize(land, [candidates(land)["club"], bad], k=1)


# --- the C++ core (issue 12) ------------------------------------------------------------------


def test_set_status_makes_a_proposed_measure_active() -> None:
    # Proposed, then set active: the same landscape as the measure added active at once.
    land = build()

    def with_measure(status: str | None) -> Scenario:
        return Scenario(land).add_measure(
            "m-l2", name="Tidlig innsats", level=2, providers=["ot"], ages=(16, 21), status=status
        )

    after = with_measure("proposed").apply()
    active_at_once = with_measure(None).apply()
    assert after != active_at_once
    assert Scenario(after).set_status("m-l2", "active", cost=100).apply() == active_at_once
    assert Scenario(active_at_once).set_status("m-l2", "proposed").apply() == after
    assert Scenario(after).set_status("m-l2", "pilot").changes[0].label == (
        "set status of m-l2 to pilot"
    )
    with pytest.raises(ArgumentError, match="unknown status 'planned'"):
        Scenario(land).set_status("m-ot", "planned")
    with pytest.raises(sk.UnknownIdError, match="set_status: unknown measure 'm-x'"):
        Scenario(land).set_status("m-x", "active")


def test_the_fast_path_gives_the_same_result() -> None:
    land = build()
    c = candidates(land)
    pool = [c["agreement"], c["level2"], c["capacity"], c["club"]]
    pool.append(Scenario(land, label="remove cw").remove_actor("cw", cost=1e6))
    pool.append(Scenario(land, label="status").set_status("m-ot", "pilot", cost=5))
    fast = prioritize(land, pool, k=6)
    slow = prioritize(land, pool, k=6, reuse=False)
    assert [(s.label, s.severity_reduced, s.ratio) for s in fast.steps] == [
        (s.label, s.severity_reduced, s.ratio) for s in slow.steps
    ]
    assert [s.comparison for s in fast.steps] == [s.comparison for s in slow.steps]
    assert fast.landscape == slow.landscape
    assert fast.notes == slow.notes


def test_a_value_that_does_not_suit_its_field_names_the_change() -> None:
    land = build()
    s = Scenario(land).add_link("cw", "nav", kind="referral").add_link("cw", "nav", kind="pact")
    with pytest.raises(ArgumentError, match=r"scenario change 2 \(add_link: .*expected one of"):
        s.apply()
    bad = Scenario(land, label="bad").add_link("cw", "nav", kind="pact", cost=1)
    with pytest.raises(ArgumentError, match="prioritize: candidate 'bad': scenario change 1"):
        prioritize(land, [bad], k=1)


def test_scenarios_do_not_go_through_json() -> None:
    import samkart.analysis.scenario as module

    assert "json" not in vars(module)
    with open(module.__file__, encoding="utf-8") as source:
        assert "to_json" not in source.read()
