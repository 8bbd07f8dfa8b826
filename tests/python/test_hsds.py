"""Open Referral HSDS import: the sample package in tests/data/hsds (written for these tests)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import samkart as sk
from samkart.io.hsds import from_hsds


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


# --- HSDS 1.1 table names, the package's datapackage.json, service status -------------------------


def _as_hsds_1_1(package: Path) -> None:
    """Rename the tables to the names of the Open Referral 1.1 data package and declare them
    in a datapackage.json, as a 1.1 package does."""
    (package / "service_areas.csv").unlink()
    (package / "attributes.csv").unlink()
    (package / "taxonomy_terms.csv").unlink()
    (package / "taxonomy.csv").write_text(
        "id,name,vocabulary,parent_id\nx-early,Early intervention,samkart,\n"
        "x-sub,Talk groups,local,x-early\nx-4,4,samkart,\n", encoding="utf-8")
    (package / "services_taxonomy.csv").write_text(
        "id,service_id,taxonomy_id\n1,svc-samtale,x-sub\n2,svc-ungdomsteam,x-4\n",
        encoding="utf-8")
    (package / "services_at_location.csv").write_text(
        "id,service_id,location_id\n1,svc-los,loc-1\n2,svc-klubb,loc-2\n", encoding="utf-8")
    (package / "physical_addresses.csv").write_text(
        "id,location_id,address_1,city\nad-1,loc-1,Gate 1,Skien\nad-2,loc-2,Vei 2,Porsgrunn\n",
        encoding="utf-8")
    resources = [("organization", "organizations.csv"), ("service", "services.csv"),
                 ("eligibility", "eligibility.csv"), ("taxonomy", "taxonomy.csv"),
                 ("service_taxonomy", "services_taxonomy.csv"),
                 ("service_at_location", "services_at_location.csv"),
                 ("physical_address", "physical_addresses.csv")]
    (package / "datapackage.json").write_text(json.dumps({
        "name": "hsds-1-1", "resources": [{"name": n, "path": p} for n, p in resources]}),
        encoding="utf-8")


def test_hsds_1_1_table_names(package: Path) -> None:
    _as_hsds_1_1(package)
    land = from_hsds(package, default_level=1)
    assert land.measure("svc-samtale").level == sk.Level.EARLY  # services_taxonomy.csv
    assert land.measure("svc-ungdomsteam").level == sk.Level.INTENSIVE
    assert land.measure("svc-los").areas == ("Skien",)  # services_at_location.csv +
    assert land.measure("svc-klubb").areas == ("Porsgrunn",)  # physical_addresses.csv
    assert [a.id for a in land.areas] == ["Skien", "Porsgrunn"]


def test_datapackage_json_names_the_files(package: Path) -> None:
    """The files are found by what datapackage.json declares, even under other names."""
    _as_hsds_1_1(package)
    (package / "services_taxonomy.csv").rename(package / "service-tags.csv")
    (package / "services.csv").rename(package / "tjenester.csv")
    meta = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for r in meta["resources"]:
        r["path"] = {"services_taxonomy.csv": "service-tags.csv",
                     "services.csv": "tjenester.csv"}.get(r["path"], r["path"])
    (package / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    land = from_hsds(package, default_level=1)
    assert land.measure("svc-ungdomsteam").level == sk.Level.INTENSIVE
    with (package / "tjenester.csv").open("a", encoding="utf-8") as f:
        f.write("svc-x,org-missing,Orphan,,active,,\n")
    with pytest.raises(sk.ValidationError, match=r"tjenester.csv line 6 \('svc-x'\)"):
        from_hsds(package, default_level=1)
    (package / "tjenester.csv").unlink()
    with pytest.raises(sk.SamkartError, match=r"tjenester.csv: missing"):
        from_hsds(package, default_level=1)


def test_inactive_services_are_ended_with_a_warning(package: Path) -> None:
    """Built as frames (what from_frames receives), so this runs before the core reads
    measure status; the end-to-end test below checks the landscape."""
    from samkart.io.hsds import _frames, _Package

    text = (package / "services.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    status = header.index("status")
    for k, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if cells[0] in ("svc-los", "svc-klubb"):
            cells[status] = {"svc-los": "inactive", "svc-klubb": "defunct"}[cells[0]]
        if cells[0] == "svc-samtale":
            cells[status] = "temporarily closed"
        lines[k] = ",".join(cells)
    (package / "services.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    frames, notes = _frames(_Package.open(package), level={"svc-ungdomsteam": 4},
                            default_level=None, owner=None, default_owner=None)
    statuses = dict(zip(frames["measures"]["id"], frames["measures"]["status"], strict=True))
    assert statuses == {"svc-los": "ended", "svc-samtale": None, "svc-klubb": "ended",
                        "svc-ungdomsteam": None}
    assert len(notes) == 2
    assert "2 services are no longer active and were imported with status 'ended'" in notes[0]
    assert "'svc-los' (Losordning for elever med høyt fravær, inactive)" in notes[0]
    assert "'svc-klubb'" in notes[0]
    assert "defunct" in notes[0]
    assert "'svc-samtale'" in notes[1]
    assert "temporarily closed" in notes[1]
    with pytest.warns(UserWarning, match="no longer active|not .active.") as record:
        land = from_hsds(package, level={"svc-ungdomsteam": 4})
    messages = [str(w.message) for w in record]
    assert len(messages) == 2
    assert "2 services are no longer active" in messages[0]
    assert "temporarily closed" in messages[1]
    assert land.measure("svc-los").status == "ended"
    assert land.measure("svc-samtale").status == "active"


def test_active_services_give_no_warning_and_no_status_column(package: Path) -> None:
    from samkart.io.hsds import _frames, _Package

    frames, notes = _frames(_Package.open(package), level={"svc-ungdomsteam": 4},
                            default_level=None, owner=None, default_owner=None)
    assert notes == []
    assert "status" not in frames["measures"].columns  # every measure has the default


def test_open_referral_sample_package(data_dir: Path) -> None:
    """Open Referral's own sample (HSDS 1.1, tests/data/hsds/openreferral-sample): thirteen
    services of ten organisations, three of them Inactive."""
    from samkart.io.hsds import _frames, _Package

    sample = data_dir / "hsds" / "openreferral-sample"
    frames, notes = _frames(_Package.open(sample), level=None, default_level=1, owner=None,
                            default_owner="voluntary")
    assert len(frames["actors"]) == 10
    assert len(frames["measures"]) == 13
    ended = dict(zip(frames["measures"]["name"], frames["measures"]["status"], strict=True))
    assert sorted(n for n, s in ended.items() if s == "ended") == [
        "Dear Teacher Skills Refresh", "Food Safety Program", "Wash & Go at The Cross"]
    assert len(notes) == 1
    assert notes[0].startswith("HSDS package openreferral-sample: 3 services are no longer "
                               "active")
    with pytest.warns(UserWarning, match="Wash & Go at The Cross"):
        land = from_hsds(sample, default_level=1, default_owner="voluntary")
    assert sum(m.status == "ended" for m in land.measures) == 3
    # Every organisation provides at least one service (counted by hand in services.csv).
    assert len({p[0] for p in frames["measures"]["providers"]}) == 10
