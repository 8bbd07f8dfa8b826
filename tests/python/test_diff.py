"""diff(before, after): each kind of change appears exactly where it was made, and nowhere else."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import pytest

import samkart as sk
from samkart.analysis.diff import KEYS, LandscapeDiff


def base(year: int = 2021, currency: str = "NOK", **changes: bool) -> sk.Landscape:
    """A small mapping; each keyword turns on one change against the default."""
    land = sk.Landscape(name="Grenland", year=year, currency=currency)
    land.add_area("40", name="Fylket", kind="county")
    land.add_area("3807", name="Skien", kind="municipality", parent="40")
    land.add_area("3806", name="Porsgrunn", kind="municipality", parent="40")
    land.add_actor("ot", name="OT" if not changes.get("rename") else "Oppfølgingstjenesten",
                   owner="county", areas=["3807", "3806"],
                   ages=(16, 24) if changes.get("ages") else (16, 21))
    land.add_actor("nav", name="NAV Skien", owner="state", areas=["3807"], ages=(16, 29))
    land.add_actor("skole", name="Skien vgs", owner="county", areas=["3807"], ages=(16, 19))
    land.add_actor("helse", name="Helsestasjon", owner="municipal", areas=["3806"])
    land.add_measure("m1", name="Samtalegruppe", level=2, providers=["ot"], areas=["3807"],
                     capacity=60 if changes.get("capacity") else 40)
    land.add_measure("m2", name="Skolehelse", level=1, providers=["skole"], areas=["3807"])
    if changes.get("measure"):
        land.add_measure("m3", name="Ungdomsteam", level=4, providers=["nav", "ot"],
                         areas=["3806"])
    if changes.get("reverse"):  # the same symmetric link, written the other way
        land.add_link("nav", "ot", kind="agreement", formal=True, since="2020-09-01")
    else:
        land.add_link("ot", "nav", kind="agreement", formal=True, since="2020-09-01")
    land.add_link("skole", "ot", kind="referral",
                  until="2022-12-31" if changes.get("end_link") else None)
    if not changes.get("drop_link"):
        land.add_link("ot", "helse", kind="network", trust=3.0 if changes.get("trust") else 2.0)
    land.add_transition("skole", "ot", volume=120)
    land.add_indicator("3807", "neet_count_16_25", 400 if changes.get("indicator") else 420,
                       year=2019)
    return land


def only(d: LandscapeDiff) -> list[tuple[str, str, str, object]]:
    return list(zip(d.records["collection"], d.records["key"], d.records["change"],
                    d.records["field"], strict=True))


def test_a_landscape_against_itself_is_empty() -> None:
    for land in (base(), sk.datasets.vestfold_telemark()):
        d = sk.diff(land, land)
        assert d.empty
        assert d.records.empty
        assert not d.coverage_change.to_numpy().any()
        assert not d.gaps.opened
        assert not d.gaps.closed
        assert not d.gaps.changed
        assert (d.network["change"].dropna() == 0).all()
        assert d.links_added == d.links_ended == []
        assert d.moved_to_core == d.moved_to_periphery == []
        assert d.summary().endswith(": none")
        assert "No change" in d._repr_html_()
    # A symmetric link written the other way round is the same link.
    assert sk.diff(base(), base(reverse=True)).empty


def test_a_renamed_actor_is_one_changed_field() -> None:
    d = sk.diff(base(), base(2023, rename=True))
    assert only(d) == [("actors", "ot", "changed", "name")]
    assert d.records.loc[0, "before"] == "OT"
    assert d.records.loc[0, "after"] == "Oppfølgingstjenesten"
    assert not d.coverage_change.to_numpy().any()
    assert not d.gaps.opened
    assert not d.gaps.closed
    assert not d.empty


def test_ages_capacity_and_an_indicator() -> None:
    d = sk.diff(base(), base(ages=True))
    assert only(d) == [("actors", "ot", "changed", "ages")]
    assert (d.records.loc[0, "before"], d.records.loc[0, "after"]) == ((16, 21), (16, 24))
    d = sk.diff(base(), base(capacity=True))
    assert only(d) == [("measures", "m1", "changed", "capacity")]
    assert (d.records.loc[0, "before"], d.records.loc[0, "after"]) == (40, 60)
    d = sk.diff(base(), base(indicator=True))
    assert only(d) == [("indicators", "3807 neet_count_16_25 2019", "changed", "value")]


def test_a_new_measure_changes_one_coverage_cell() -> None:
    d = sk.diff(base(), base(measure=True))
    assert only(d) == [("measures", "m3", "added", None)]
    change = d.coverage_change
    # Porsgrunn and the county above it (coverage counts a municipality's measures in its
    # county's row), at level 4, and nowhere else.
    nonzero = {(a, int(lv)): int(change.loc[a, lv]) for a in change.index
               for lv in change.columns if change.loc[a, lv]}
    assert nonzero == {("3806", 4): 1, ("40", 4): 1}
    assert d.coverage_before.loc["3806", 4] == 0
    assert d.coverage_after.loc["3806", 4] == 1
    reverse = sk.diff(base(measure=True), base())
    assert only(reverse) == [("measures", "m3", "removed", None)]
    assert reverse.coverage_change.loc["3806", 4] == -1


def test_links_added_ended_and_trust() -> None:
    d = sk.diff(base(drop_link=True), base())
    assert only(d) == [("links", "helse – ot (network)", "added", None)]
    assert d.links_added == ["helse – ot (network)"]
    assert d.links_ended == []
    net = d.network
    assert net.loc["links", "change"] == 1
    assert net.loc["density", "after"] > net.loc["density", "before"]
    assert net.loc["components", "before"] == 2  # helse alone
    assert net.loc["components", "after"] == 1
    d = sk.diff(base(), base(end_link=True))
    assert only(d) == [("links", "skole → ot (referral)", "changed", "until")]
    assert d.links_ended == ["skole → ot (referral)"]
    assert d.links_added == []
    d = sk.diff(base(), base(drop_link=True))
    assert d.links_ended == ["helse – ot (network)"]
    d = sk.diff(base(), base(trust=True))
    assert only(d) == [("links", "helse – ot (network)", "changed", "trust")]
    assert d.network.loc["mean_trust", "before"] == 2.0
    assert d.network.loc["mean_trust", "change"] == 1.0
    assert math.isnan(d.network.loc["mean_value", "before"])  # no link has a value


def test_the_cut_point_and_the_gaps_of_a_new_link() -> None:
    # ot joins nav, skole and helse: it is the only cut-point; helse – nav and skole – nav
    # close two cycles through it and take it away.
    before = base()
    after = base()
    after.add_link("helse", "nav", kind="network")
    after.add_link("skole", "nav", kind="network")
    assert sk.network(before).articulation_points() == ["ot"]
    assert sk.network(after).articulation_points() == []
    d = sk.diff(before, after)
    assert d.cut_points_removed == ["ot"]
    assert d.cut_points_added == []
    assert d.network.loc["cut_points", "change"] == -1
    expected = sk.compare(before, after)
    assert [g.kind for g in d.gaps.closed] == [g.kind for g in expected.closed]
    assert [g.kind for g in d.gaps.opened] == [g.kind for g in expected.opened]


def test_an_actor_moves_from_the_periphery_to_the_core() -> None:
    def land(d_in_core: bool) -> sk.Landscape:
        out = sk.Landscape(name="Kjerne", year=2021 if not d_in_core else 2023)
        out.add_area("1", name="Kommunen", kind="municipality")
        for a in "abcdefgh":
            out.add_actor(a, name=a, owner="municipal", areas=["1"])
        # A triangle a, b, c, each with pendants; d hangs on a.
        for s, t in ("ab", "ac", "bc", "ad", "ae", "bf", "cg", "ch"):
            out.add_link(s, t, kind="network")
        if d_in_core:  # d joins the triangle and takes e on: d–e would be a periphery tie
            for s, t in ("db", "dc", "de"):
                out.add_link(s, t, kind="network")
        return out

    before, after = land(False), land(True)
    # The partitions, from the network itself.
    assert list(sk.network(before).core_periphery().core[lambda c: c].index) == ["a", "b", "c"]
    assert list(sk.network(after).core_periphery().core[lambda c: c].index) == [
        "a", "b", "c", "d"]
    d = sk.diff(before, after)
    assert d.moved_to_core == ["d"]
    assert d.moved_to_periphery == []
    assert "moved to the core: d" in d.summary()
    reverse = sk.diff(land(True), land(True))
    assert reverse.moved_to_core == []


def test_counts_summary_and_frames() -> None:
    d = sk.diff(base(), base(2023, rename=True, measure=True, drop_link=True))
    counts = d.counts()
    assert list(counts.index) == list(KEYS)
    assert counts.loc["actors", "changed"] == 1
    assert counts.loc["measures", "added"] == 1
    assert counts.loc["links", "removed"] == 1
    assert int(counts.to_numpy().sum()) == 3
    frame = d.to_frame()
    assert list(frame.columns) == ["collection", "key", "change", "field", "before", "after"]
    frame.loc[0, "key"] = "x"  # a copy
    assert d.records.loc[0, "key"] != "x"
    text = d.summary()
    assert text.startswith("Changes Grenland (2021) → Grenland (2023)")
    assert "measures: 1 added, 0 removed, 0 changed" in text
    assert "<h4>Records</h4>" in d._repr_html_()
    assert "3 record changes" in repr(d)


def test_every_field_of_the_schema_is_compared() -> None:
    # Each field the frames carry, changed alone, is found and named.
    links = sk.schema.field_names("links")
    for name in ("formal", "consent", "legal_basis", "intensity", "value", "since",
                 "illustrative", "citation"):
        assert name in links
    before = base()
    frames = before.to_frames()
    after_frames = {k: v.copy() for k, v in frames.items()}
    after_frames["links"].loc[0, "legal_basis"] = "opplæringslova § 3-6"
    after_frames["links"].loc[0, "intensity"] = "integration"
    after = sk.from_frames(**after_frames, name="Grenland", year=2021)
    d = sk.diff(before, after)
    assert sorted(d.records["field"]) == ["intensity", "legal_basis"]
    assert set(d.records["key"]) == {"nav – ot (agreement)"}


@pytest.mark.parametrize(("make", "message"), [
    (lambda: sk.diff(base(currency="NOK"), base(currency="DKK")), "in NOK and after in DKK"),
    (lambda: sk.diff(base(2023), base(2021)), "years are reversed"),
])
def test_bad_pairs(make: Callable[[], object], message: str) -> None:
    with pytest.raises(sk.ArgumentError, match=message):
        make()


def test_not_a_landscape() -> None:
    with pytest.raises(TypeError, match=r"after must be a samkart\.Landscape"):
        sk.diff(base(), pd.DataFrame())  # type: ignore[arg-type]
