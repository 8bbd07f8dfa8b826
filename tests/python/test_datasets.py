"""The data sets that ship with samkart."""

from __future__ import annotations

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
