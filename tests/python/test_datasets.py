"""The data sets that ship with samkart."""

from __future__ import annotations

from pathlib import Path

import pytest

import samkart as sk


def test_vestfold_telemark_is_the_county_of_the_seeds(vt: sk.Landscape) -> None:
    assert vt.name == "Vestfold og Telemark"
    counties = [a for a in vt.areas if a.kind == "county"]
    municipalities = [a for a in vt.areas if a.kind == "municipality"]
    assert len(counties) == 1
    assert len(municipalities) == 23
    assert all(a.parent == counties[0].id for a in municipalities)
    ot = [a for a in vt.actors if a.sector == "follow_up_service"]
    assert len(ot) >= 5
    assert any(a.sector == "labour_welfare" for a in vt.actors)
    assert len([link for link in vt.links if link.kind == "agreement" and link.formal]) >= 2
    assert any(t.volume is not None for t in vt.transitions)
    assert vt.indicators
    assert all(i.source for i in vt.indicators)
    # Records not in the seeds are marked; most measures are.
    assert any(m.illustrative for m in vt.measures)
    assert all(r.illustrative or r.citation for r in vt.measures)
    assert not [p for p in vt.validate() if p.severity == "error"]


def test_vestfold_telemark_is_a_fresh_landscape_each_time(vt: sk.Landscape) -> None:
    other = sk.datasets.vestfold_telemark()
    assert other == vt
    other.add_area("x", name="X", parent=vt.areas[0].id)
    assert other != sk.datasets.vestfold_telemark()


def test_vestfold_telemark_summary_prints(vt: sk.Landscape) -> None:
    text = str(vt.summary())
    assert text.startswith("Vestfold og Telemark")
    assert "Follow-up service (OT)" in text
    assert sum(vt.summary()["levels"]) == len(vt.measures)


def test_synthetic_is_deterministic_and_sized() -> None:
    a = sk.datasets.synthetic(10, 8, seed=7)
    assert a == sk.datasets.synthetic(10, 8, seed=7)
    assert a != sk.datasets.synthetic(10, 8, seed=8)
    assert len([x for x in a.areas if x.kind == "municipality"]) == 10
    assert len(a.actors) >= 10 * 8
    assert {int(m.level) for m in a.measures} == {1, 2, 3, 4}
    assert len({link.kind for link in a.links}) >= 4
    assert not [p for p in a.validate() if p.severity == "error"]
    assert isinstance(a, sk.Landscape)


@pytest.mark.parametrize(("areas", "per_area"), [(0, 5), (5, 0), (-1, 3)])
def test_synthetic_rejects_empty_sizes(areas: int, per_area: int) -> None:
    with pytest.raises((sk.SamkartError, TypeError)):
        sk.datasets.synthetic(areas, per_area)


# --- the illustrative Danish municipality (seed 003) ------------------------------------------

@pytest.fixture(scope="module")
def dk() -> sk.Landscape:
    return sk.datasets.danish_municipality()


def test_danish_municipality_validates_and_is_marked_illustrative(dk: sk.Landscape) -> None:
    assert dk.validate() == []  # neither errors nor warnings: every sector is recommended
    assert "illustrativt" in dk.name
    assert dk.currency == "DKK"
    municipality = next(a for a in dk.areas if a.kind == "municipality")
    # A real municipality and region (Danmarks Statistik codes), so that the map draws them ...
    real = sk.datasets.areas("dk").set_index("id")
    assert real.loc[municipality.id, "name"] == municipality.name == "Holbæk"
    assert real.loc[municipality.id, "parent"] == municipality.parent == "085"
    # ... but every record in it is illustrative, and the area says so.
    assert "ILLUSTRATIVE" in (municipality.citation or "")
    assert municipality.mapping == "partial"
    local = [a for a in dk.actors if municipality.id in a.areas]
    assert local
    assert all(a.illustrative for a in local)
    assert all(m.illustrative for m in dk.measures)
    assert all(t.illustrative for t in dk.transitions)
    local_ids = {a.id for a in local}
    assert all(link.illustrative for link in dk.links
               if {link.source, link.target} & local_ids)
    # What is not illustrative is 003's: the national partners and the one figure.
    for record in [*dk.actors, *dk.links]:
        assert record.illustrative or "003" in (record.citation or "")


def test_danish_municipality_figures_cite_003(dk: sk.Landscape) -> None:
    (share,) = dk.indicators
    assert (share.area, share.key, share.value) == ("DK", "dropout_unemployed_share", 0.15)
    assert share.source is not None
    assert share.source.startswith("003 p. 1")
    assert "15 pct." in share.source
    assert not share.illustrative
    # The one derived volume: 15 % of the 140 illustrative dropouts from the two youth
    # educations end up unemployed at the jobcenter (21 young people).
    dropouts = sum(t.volume or 0 for t in dk.transitions
                   if t.reason == "dropout" and t.source in ("eud", "gym"))
    (unemployed,) = [t for t in dk.transitions if t.reason == "unemployed"]
    assert dropouts == 140
    assert unemployed.volume == pytest.approx(0.15 * dropouts)
    assert unemployed.citation is not None
    assert "003" in unemployed.citation


def test_danish_municipality_serves_the_under_25s(dk: sk.Landscape) -> None:
    """The Danish youth effort covers young people under 25; the jobcenter takes over at 25."""
    kui = next(a for a in dk.actors if a.id == "kui")
    assert kui.ages == (13, 24)
    for m in dk.measures:
        assert m.ages is not None, m.id
        if "jobcenter" in m.providers:
            assert m.ages == (18, 29)
        else:
            assert m.ages[1] <= 24, m.id
    assert {int(m.level) for m in dk.measures} == {1, 2, 3, 4}
    names = {m.name for m in dk.measures}
    assert {"Målgruppevurdering til FGU", "Uddannelsesplan for alle unge under 25",
            "Forløbsplan for hver elev på FGU"} <= names
    (age_limit,) = [t for t in dk.transitions if t.reason == "age_limit"]
    assert (age_limit.source, age_limit.target, age_limit.ages) == ("kui", "jobcenter", (25, 25))


def test_danish_municipality_owners_and_sectors(dk: sk.Landscape) -> None:
    owners = {a.id: a.owner for a in dk.actors}
    assert owners["fgu"] == owners["eud"] == owners["gym"] == "self_governing"
    assert owners["kui"] == owners["jobcenter"] == "municipal"
    assert owners["modstroem"] == owners["autisme-ungdom"] == "voluntary"
    assert sk.vocabulary.label("owner", "self_governing", "da") == "Selvejende"
    assert sk.vocabulary.label("owner", "self_governing", "nb") == "Selveiende"
    sectors = {a.id: a.sector for a in dk.actors}
    assert sectors["jobcenter"] == "job_centre"  # not labour_welfare, which is NAV
    assert sk.vocabulary.label("sector", "job_centre", "da") == "Jobcenter"
    assert sk.vocabulary.label("sector", "ministry", "da") == "Ministerium"
    owners_da = dk.summary(lang="da")["owners"]
    assert owners_da["Selvejende"] == 4  # FGU, FGU Danmark, the vocational school, the gymnasium
    assert sum(owners_da) == len(dk.actors)


def test_danish_municipality_kui_is_the_coordinating_actor(dk: sk.Landscape) -> None:
    coordinators = {link.coordinator for link in dk.links if link.coordinator}
    assert coordinators == {"kui"}
    # Dropout risk and dropout are reported from the youth educations and FGU to KUI (003 p. 2):
    # formal, KUI coordinating; the legal basis is not in 003 and is not guessed.
    for school in ("eud", "gym", "fgu"):
        (report,) = [link for link in dk.links if link.kind == "information_sharing"
                     and {link.source, link.target} == {school, "kui"}]
        assert report.formal
        assert report.coordinator == "kui"
        assert report.legal_basis is None
        assert report.citation is not None
        assert "indberetning af risiko for frafald" in report.citation
    # The education plan and the course plan: one shared plan, with the young person's consent.
    (plan,) = [link for link in dk.links if link.kind == "shared_plan"]
    assert {plan.source, plan.target} == {"kui", "fgu"}
    assert plan.consent
    # KUI is the actor with the most links: the hub of the youth effort.
    degree = sk.network(dk).degree()["total"]
    assert degree.idxmax() == "kui"


# The findings, checked by hand against seed 003 and DOMAIN.md ("Denmark (003) in more detail"):
# - No hand-over is left without a coordinator. KUI keeps every under-25's education plan and
#   holds the baton with FGU (shared plan), the youth educations (formal dropout reporting) and
#   the jobcenter (agreement); so the move FGU → the vocational school (45 a year, 16–24) is
#   KUI's too. (Until session 5 it was reported as "nobody holds the baton": the analysis saw
#   only a coordinator on a link between the two.)
# - What was mapped: only the field of 003 (KUI, jobcenter, FGU, youth educations), in the
#   region and the municipality, and at the national level 003's partners besides; so no
#   missing level or age is claimed.
# No age cliff at 25: the jobcenter takes over from KUI (agreement and hand-over).
DANISH_FINDINGS = [
    ("not_mapped", "data", ("085", "316"), (), None),
    ("not_mapped", "data", ("DK",), (), None),
]


def _without_dropout_reporting(dk: sk.Landscape) -> sk.Landscape:
    """The Danish example without the vocational school's formal dropout reporting to KUI."""
    frames = dk.to_frames()
    links = frames["links"]
    frames["links"] = links[~((links["source"] == "eud") & (links["target"] == "kui"))] \
        .reset_index(drop=True)
    return sk.from_frames(**frames)


def test_danish_municipality_findings_are_the_hand_checked_ones(dk: sk.Landscape) -> None:
    findings = sk.find_gaps(dk).findings()
    got = [(f.kind, f.category, tuple(sorted(f.areas)), tuple(f.actors), f.young_people)
           for f in findings]
    assert got == DANISH_FINDINGS
    # Labels in running text are written as words, and six names are all named.
    assert findings[0].message("da").startswith(
        "Kun kommunal ungeindsats (KUI), jobcenter, forberedende grunduddannelse (FGU) og "
        "ungdomsuddannelse er kortlagt i Region Sjælland og Holbæk.")
    assert findings[1].message("da").startswith(
        "I Danmark er kun interesseorganisation (KL), ministerium, kommunal ungeindsats (KUI), "
        "jobcenter, forberedende grunduddannelse (FGU) og ungdomsuddannelse kortlagt.")


def test_without_kui_on_one_side_nobody_holds_the_baton(dk: sk.Landscape) -> None:
    # KUI then holds the baton with FGU only: the move FGU → the vocational school, and the
    # school's dropouts to KUI (the two share a measure, nothing binding), are uncoordinated.
    findings = sk.find_gaps(_without_dropout_reporting(dk)).findings()
    handoffs = [(tuple(f.actors), f.young_people) for f in findings
                if f.kind == "handoff_uncoordinated"]
    assert handoffs == [(("eud", "kui"), 100.0), (("fgu", "eud"), 45.0)]
    handoff = next(f for f in findings if tuple(f.actors) == ("fgu", "eud")).message("da")
    assert handoff.startswith("45 unge om året går fra FGU-skolen i Holbæk til Erhvervsskolen")
    assert "hvem der er tovholder" in handoff  # the Danish word, not Norwegian "stafettholder"


def test_danish_municipality_report_in_danish(dk: sk.Landscape, tmp_path: Path) -> None:
    path = sk.report(dk, tmp_path / "holbaek.html", lang="da")
    html = path.read_text(encoding="utf-8")
    assert "Holbæk" in html
    assert "Selvejende" in html
    assert "stafettholder" not in html
    # No service finding is said plainly, with where it holds.
    assert ("Analysen fandt ingen huller i indsatserne, hvor de er kortlagt, og 2 fund om det, "
            "der ikke er kortlagt godt nok.") in html
    assert "grupperet efter årsag" not in html
    # A finding on a hand-over reads "tovholder" (on the example without the school's reporting).
    path = sk.report(_without_dropout_reporting(dk), tmp_path / "uden.html", lang="da")
    html = path.read_text(encoding="utf-8")
    assert "tovholder" in html
    assert "stafettholder" not in html
