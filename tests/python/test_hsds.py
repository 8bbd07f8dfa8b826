"""Open Referral HSDS import: the sample package in tests/data/hsds (written for these tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import samkart as sk
from samkart.hsds import from_hsds


@pytest.fixture
def package(data_dir: Path, tmp_path: Path) -> Path:
    """A copy of the sample package that a test may change."""
    out = tmp_path / "hsds"
    shutil.copytree(data_dir / "hsds", out)
    return out


def test_sample_package_imports(data_dir: Path) -> None:
    land = from_hsds(data_dir / "hsds", level={"svc-ungdomsteam": 4}, name="Grenland")
    assert land.name == "Grenland"
    assert {a.id: a.owner for a in land.actors} == {
        "org-ot": "county", "org-nav": "state", "org-helse": "municipal",
        "org-klubb": "voluntary"}
    assert land.actor("org-klubb").name == 'Ungdomsklubben "Huset"'
    levels = {m.id: int(m.level) for m in land.measures}
    assert levels == {"svc-los": 3, "svc-samtale": 2, "svc-klubb": 1, "svc-ungdomsteam": 4}
    ages = {m.id: m.ages for m in land.measures}
    assert ages == {
        "svc-los": (16, 21),  # services.csv (HSDS 3.0)
        "svc-samtale": (13, 24),  # two eligibility rows combined
        "svc-klubb": (13, 18),  # eligibility.csv
        "svc-ungdomsteam": (16, 29),  # services.csv wins over eligibility.csv
    }
    assert land.measure("svc-los").providers == ("org-ot",)
    assert land.measure("svc-los").areas == ("Skien", "Porsgrunn")
    assert land.actor("org-ot").areas == ("Skien", "Porsgrunn")
    assert [a.id for a in land.areas] == ["Skien", "Porsgrunn"]
    assert all(a.kind == "municipality" for a in land.areas)


def test_missing_level_is_reported_for_every_service(package: Path) -> None:
    with pytest.raises(sk.ValidationError) as e:
        from_hsds(package)
    message = str(e.value)
    assert "1 service has no prevention level: 'svc-ungdomsteam' (Ungdomsteam)" in message
    assert "level=" in message
    # Without the taxonomy no service has a level: all four are named in one error.
    (package / "attributes.csv").unlink()
    with pytest.raises(sk.ValidationError, match="4 services have no prevention level") as e:
        from_hsds(package)
    for sid in ("svc-los", "svc-samtale", "svc-klubb", "svc-ungdomsteam"):
        assert sid in str(e.value)


def test_default_level_and_a_level_function(package: Path) -> None:
    land = from_hsds(package, default_level=sk.Level.INTENSIVE)
    assert land.measure("svc-ungdomsteam").level == sk.Level.INTENSIVE
    assert land.measure("svc-los").level == sk.Level.TARGETED  # the taxonomy comes first
    land = from_hsds(package, level=lambda row: 2 if "team" in row["name"].lower() else None)
    assert land.measure("svc-ungdomsteam").level == sk.Level.EARLY


def test_conflicting_taxonomy_levels(package: Path) -> None:
    with (package / "attributes.csv").open("a", encoding="utf-8") as f:
        f.write("a-6,svc-los,service_category,service,t-1,\n")
    with pytest.raises(sk.ValidationError, match=r"svc-los.*different levels") as e:
        from_hsds(package, default_level=4)
    assert "'1' → 1" in str(e.value)
    assert "'3' → 3" in str(e.value)


def test_owner_missing_or_given(package: Path) -> None:
    text = (package / "organizations.csv").read_text(encoding="utf-8")
    (package / "organizations.csv").write_text(text.replace(",state\n", ",\n"),
                                               encoding="utf-8")
    with pytest.raises(sk.ValidationError, match="1 organization has no owner: 'org-nav'"):
        from_hsds(package, default_level=4)
    land = from_hsds(package, default_level=4, owner={"org-nav": "state"})
    assert land.actor("org-nav").owner == "state"


def test_uk_profile_taxonomy_tables(package: Path) -> None:
    """HSDS 1.1/2.0 (UK profile): service_taxonomy.csv and taxonomy.csv instead of
    attributes.csv and taxonomy_terms.csv."""
    (package / "attributes.csv").unlink()
    (package / "taxonomy_terms.csv").unlink()
    (package / "taxonomy.csv").write_text(
        "id,name,vocabulary,parent_id\nx-early,Early intervention,samkart,\n"
        "x-sub,Talk groups,local,x-early\n", encoding="utf-8")
    (package / "service_taxonomy.csv").write_text(
        "id,service_id,taxonomy_id\n1,svc-samtale,x-sub\n", encoding="utf-8")
    land = from_hsds(package, default_level=1)
    assert land.measure("svc-samtale").level == sk.Level.EARLY  # from the parent term
    assert land.measure("svc-los").level == sk.Level.UNIVERSAL  # the default


def test_locations_give_areas_without_service_areas(package: Path) -> None:
    (package / "service_areas.csv").unlink()
    (package / "service_at_location.csv").write_text(
        "id,service_id,location_id\n1,svc-los,loc-1\n", encoding="utf-8")
    (package / "addresses.csv").write_text(
        "id,location_id,address_1,city\nad-1,loc-1,Gate 1,Skien\n", encoding="utf-8")
    land = from_hsds(package, default_level=1)
    assert land.measure("svc-los").areas == ("Skien",)
    assert land.measure("svc-klubb").areas == ()


def test_unknown_organization_and_missing_files(package: Path, tmp_path: Path) -> None:
    with (package / "services.csv").open("a", encoding="utf-8") as f:
        f.write("svc-x,org-missing,Orphan,,active,,\n")
    with pytest.raises(sk.ValidationError, match=r"services.csv line 6 \('svc-x'\), "
                                                 "organization_id: unknown organization"):
        from_hsds(package, default_level=1)
    (package / "services.csv").unlink()
    with pytest.raises(sk.SamkartError, match=r"services.csv: missing"):
        from_hsds(package)
    with pytest.raises(sk.SamkartError, match="no such folder"):
        from_hsds(tmp_path / "nowhere")
