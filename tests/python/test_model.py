"""The model as Python sees it: building a landscape, Level, records, errors."""

from __future__ import annotations

import copy
import enum
import pickle
import re
from collections.abc import Callable

import pytest

import samkart as sk


def test_design_example_verbatim() -> None:
    # The areas and actors the example refers to must exist first (references are checked).
    import samkart as sk

    land = sk.Landscape(name="Skien", year=2021, currency="NOK")
    land.add_area("40", name="Vestfold og Telemark", kind="county")
    land.add_actor("nav-skien", name="NAV Skien", sector="labour_welfare", owner="state")
    land.add_actor("vgs-skien", name="Skien vgs", sector="upper_secondary_school", owner="county")
    # --- DESIGN.md, "Building a landscape in Python" ---
    land.add_area("3807", name="Skien", kind="municipality", parent="40")
    land.add_actor("ot-skien", name="Oppfølgingstjenesten Skien", sector="follow_up_service",
                   owner="county", areas=["3807"], ages=(16, 21))
    land.add_measure("m1", name="Samtalegruppe", level=2, providers=["nav-skien"], ages=(16, 29),
                     capacity=40, keys=["participation"], tees=["close_follow_up"])
    land.add_link("ot-skien", "nav-skien", kind="agreement", formal=True,
                  coordinator="ot-skien", consent=True)
    land.add_transition("vgs-skien", "ot-skien", volume=120, reason="dropout", ages=(16, 19))
    land.add_indicator("3807", "neet_count_16_25", 420, year=2019, source="002 §5")
    # ---
    assert (land.name, land.year, land.currency) == ("Skien", 2021, "NOK")
    assert [len(getattr(land, c)) for c in ("areas", "actors", "measures", "links",
                                            "transitions", "indicators")] == [2, 3, 1, 1, 1, 1]
    m = land.measure("m1")
    assert m.level is sk.Level.EARLY
    assert m.providers == ("nav-skien",)
    assert m.ages == (16, 29)
    assert m.capacity == 40
    assert m.keys == ("participation",)
    assert m.tees == ("close_follow_up",)
    assert m.areas == ()
    assert m.cost is None
    link = land.links[0]
    assert (link.source, link.target, link.kind) == ("ot-skien", "nav-skien", "agreement")
    assert link.formal
    assert link.consent
    assert link.coordinator == "ot-skien"
    t = land.transitions[0]
    assert (t.volume, t.reason, t.ages) == (120, "dropout", (16, 19))
    ind = land.indicators[0]
    assert (ind.area, ind.key, ind.value, ind.year, ind.source) == (
        "3807", "neet_count_16_25", 420, 2019, "002 §5")


# --- Level ---------------------------------------------------------------------------------


def test_level_is_a_real_int_enum() -> None:
    assert issubclass(sk.Level, enum.IntEnum)
    assert [lv.name for lv in sk.Level] == ["UNIVERSAL", "EARLY", "TARGETED", "INTENSIVE"]
    assert [int(lv) for lv in sk.Level] == [1, 2, 3, 4]
    assert sk.Level(3) is sk.Level.TARGETED
    assert sk.Level["INTENSIVE"] == 4
    assert sk.Level.EARLY < sk.Level.TARGETED
    assert pickle.loads(pickle.dumps(sk.Level.EARLY)) is sk.Level.EARLY


def test_level_labels_and_crosswalks() -> None:
    assert sk.Level.EARLY.label("nb") == "Tidlig innsats"
    assert sk.Level.EARLY.label("da") == "Tidlig indsats"
    assert sk.Level.EARLY.label() == sk.Level.EARLY.label("en") == "Early intervention"
    assert [lv.iom for lv in sk.Level] == ["universal", "selective", "indicated", "treatment"]
    assert [lv.bti for lv in sk.Level] == [0, 1, 2, 3]
    with pytest.raises(sk.SamkartError, match="'de'"):
        sk.Level.EARLY.label("de")


@pytest.mark.parametrize(
    ("level", "expected"),
    [(1, sk.Level.UNIVERSAL), (4, sk.Level.INTENSIVE), (sk.Level.TARGETED, sk.Level.TARGETED),
     ("early", sk.Level.EARLY)],
)
def test_level_accepts_ints_levels_and_names(
    small: sk.Landscape, level: int | str, expected: sk.Level
) -> None:
    small.add_measure("mx", name="X", level=level, providers=["ot-skien"])
    assert small.measure("mx").level is expected


@pytest.mark.parametrize("level", [0, 5, -1, 2**70, "intensiv", True, 2.0])
def test_level_outside_1_to_4_is_a_validation_error(small: sk.Landscape, level: object) -> None:
    with pytest.raises(sk.ValidationError) as info:
        small.add_measure("mx", name="X", level=level, providers=["ot-skien"])  # type: ignore[arg-type]
    [problem] = info.value.problems
    assert (problem.collection, problem.id, problem.field) == ("measures", "mx", "level")
    assert "1 (universal) to 4 (intensive)" in problem.message


# --- records -------------------------------------------------------------------------------


def test_records_are_read_only_python_values(small: sk.Landscape) -> None:
    area = small.area("40")
    assert area.kind == "county"
    assert area.population == {(16, 25): 52000}
    assert area.parent is None
    assert area.citation == "001"
    actor = small.actor("vgs-skien")
    assert actor.owner == "county"
    assert actor.areas == ("3807",)
    assert actor.ages == (16, 19)
    assert actor.illustrative is True
    link = small.links[0]
    assert link.intensity == "coordination"
    assert link.since == "2020-01-01"
    assert link.trust == 3.5
    assert small.measure("m2").targets == ("all",)
    with pytest.raises(AttributeError):
        actor.owner = "state"  # type: ignore[misc]
    assert small.areas == tuple(small.areas)
    assert small.actor("ot-skien") == small.actors[2]
    assert small.actor("ot-skien") != small.actors[0]


def test_reprs_are_readable(small: sk.Landscape) -> None:
    assert repr(small) == ("Landscape('Skien', year=2021, currency='NOK'): 2 areas, 3 actors, "
                           "2 measures, 2 links, 1 transition, 1 indicator")
    assert repr(small.actor("ot-skien")) == (
        "Actor(id='ot-skien', name='Oppfølgingstjenesten Skien', sector='follow_up_service', "
        "owner='county', areas=('3807',), ages=(16, 21))")
    assert repr(small.links[1]) == "Link(source='vgs-skien', target='ot-skien', kind='referral')"
    assert repr(small.measure("m1")).startswith(
        "Measure(id='m1', name='Samtalegruppe', level=<Level.EARLY: 2>, providers=('nav-skien',)")
    assert repr(sk.Landscape("Tom")) == (
        "Landscape('Tom', currency='NOK'): 0 areas, 0 actors, 0 measures, 0 links, "
        "0 transitions, 0 indicators")
    html = small._repr_html_()
    assert "Skien" in html
    assert "<table" in html


def test_summary_counts_by_level_owner_sector_and_kind(small: sk.Landscape) -> None:
    s = small.summary()
    assert list(s) == ["levels", "owners", "sectors", "link_kinds"]
    assert s["levels"].tolist() == [1, 1, 0, 0]
    assert s.levels.index[1] == "2 Early intervention"
    assert dict(s.owners) == {"Municipal": 0, "County": 2, "State": 1, "Private": 0,
                              "Voluntary": 0, "Self-governing": 0}
    assert s.sectors.sum() == 3
    assert s.link_kinds["Agreement"] == 1
    assert s.link_kinds["Referral"] == 1
    assert s.counts == {"areas": 2, "actors": 3, "measures": 2, "links": 2, "transitions": 1,
                        "indicators": 1}
    text = str(s)
    for heading in ("Skien (2021)", "Measures by level", "Actors by owner", "Actors by sector",
                    "Links by kind", "Labour and welfare service (NAV)"):
        assert heading in text
    assert "2 Tidlig innsats" in str(small.summary(lang="nb"))


# --- errors ----------------------------------------------------------------------------------


def test_unknown_id_is_a_key_error_with_a_plain_message(small: sk.Landscape) -> None:
    with pytest.raises(KeyError) as info:
        small.actor("ot-skein")
    e = info.value
    assert isinstance(e, sk.UnknownIdError)
    assert isinstance(e, sk.SamkartError)
    assert (e.collection, e.id) == ("actor", "ot-skein")
    assert str(e).startswith("no actor record with id 'ot-skein'")
    for lookup in (small.area, small.measure):
        with pytest.raises(sk.UnknownIdError):
            lookup("nope")


def test_validation_error_is_a_value_error_with_every_problem(small: sk.Landscape) -> None:
    before = copy.deepcopy(small)
    with pytest.raises(ValueError, match="3 problems") as info:
        small.add_actor("x", name="X", owner="councl", areas=["3807", "9999"], ages=(30, 20))
    e = info.value
    assert isinstance(e, sk.ValidationError)
    assert isinstance(e, sk.SamkartError)
    assert [p.field for p in e.problems] == ["owner", "areas", "ages"]
    owner = e.problems[0]
    assert (owner.severity, owner.collection, owner.index, owner.id) == ("error", "actors", 3, "x")
    assert owner.message == ("unknown value 'councl'; expected one of "
                             "municipal|county|state|private|voluntary|self_governing")
    assert str(owner) == ("actors[3] 'x', field 'owner': unknown value 'councl'; expected one of "
                          "municipal|county|state|private|voluntary|self_governing")
    assert "9999" in e.problems[1].message
    assert "30–20" in e.problems[2].message
    assert small == before


@pytest.mark.parametrize(
    ("call", "field", "accepted"),
    [
        (lambda land: land.add_area("a", name="A", kind="town"), "kind", "country|county"),
        (lambda land: land.add_link("ot-skien", "nav-skien", kind="referal"), "kind",
         "agreement|referral|shared_plan"),
        (lambda land: land.add_link("ot-skien", "nav-skien", kind="network", intensity="high"),
         "intensity", "awareness|cooperation|coordination|integration"),
        (lambda land: land.add_measure("mx", name="X", level=1, providers=["ot-skien"],
                                       keys=["colaboration"]), "keys", "collaboration|"),
        (lambda land: land.add_measure("mx", name="X", level=1, providers=["ot-skien"],
                                       tees=["late"]), "tees", "early|close_follow_up"),
    ],
)
def test_unknown_enum_names_the_field_and_the_accepted_names(
    small: sk.Landscape, call: object, field: str, accepted: str
) -> None:
    before = copy.copy(small)
    with pytest.raises(sk.ValidationError) as info:
        call(small)  # type: ignore[operator]
    [problem] = info.value.problems
    assert problem.field == field
    assert accepted in problem.message
    assert small == before


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"ages": (16,)}, "ages", "(min, max)"),
        ({"ages": "16-21"}, "ages", "(min, max)"),
        ({"ages": (16.5, 20)}, "ages", "whole numbers"),
        ({"ages": (-1, 20)}, "ages", "negative"),
        ({"ages": (16, 10**30)}, "ages", "over 120"),
        ({"areas": ["9999"]}, "areas", "unknown area id '9999'"),
        ({"areas": ["3807", "3807"]}, "areas", "listed twice"),
        ({"name": ""}, "name", "name is empty"),
    ],
)
def test_bad_actor_fields(small: sk.Landscape, kwargs: dict[str, object], field: str,
                          fragment: str) -> None:
    args: dict[str, object] = {"name": "X", "owner": "state", **kwargs}
    with pytest.raises(sk.ValidationError) as info:
        small.add_actor("x", **args)  # type: ignore[arg-type]
    assert [p.field for p in info.value.problems] == [field]
    assert fragment in info.value.problems[0].message
    assert len(small.actors) == 3


def test_every_problem_of_a_measure_is_reported(small: sk.Landscape) -> None:
    with pytest.raises(sk.ValidationError) as info:
        small.add_measure("m1", name="", level=7, providers=[], ages=(10, 5), capacity=-1,
                          keys=["x"], tees=["y"])
    fields = sorted(p.field for p in info.value.problems)
    assert fields == sorted(["level", "ages", "keys", "tees", "id", "name", "providers",
                             "capacity"])
    assert all(p.index == 2 and p.id == "m1" for p in info.value.problems)
    assert len(small.measures) == 2


def test_bad_population_and_link_problems(small: sk.Landscape) -> None:
    with pytest.raises(sk.ValidationError) as info:
        small.add_area("x", name="X", population={(20, 10): 5, (0, 5): "many"})
    assert [p.field for p in info.value.problems] == ["population", "population"]
    with pytest.raises(sk.ValidationError) as info:
        small.add_link("ot-skien", "ot-skien", kind="network", coordinator="kommunen",
                       trust=9, since="2020-13-01")
    assert sorted(p.field for p in info.value.problems) == ["coordinator", "since", "target",
                                                              "trust"]
    assert info.value.problems[0].id == "ot-skien → ot-skien"
    with pytest.raises(sk.ValidationError):
        small.add_indicator("9999", "k", 1.0)
    with pytest.raises(sk.ValidationError):
        small.add_transition("vgs-skien", "ot-skien", volume=-3)
    assert (len(small.areas), len(small.links), len(small.indicators),
            len(small.transitions)) == (2, 2, 1, 1)


def test_wrong_python_types_are_type_errors(small: sk.Landscape) -> None:
    with pytest.raises(TypeError):
        small.add_actor("x", name="X", owner="state", areas="3807")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.add_measure("mx", name="X", level=1, providers=["ot-skien"],
                          capacity="many")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.add_area("x")  # type: ignore[call-arg]


def test_constructor_checks_the_header() -> None:
    with pytest.raises(sk.ValidationError) as info:
        sk.Landscape("X", year=1800)
    assert info.value.problems[0].collection == "landscape"
    assert info.value.problems[0].field == "year"
    with pytest.raises(sk.ValidationError):
        sk.Landscape("X", currency="")


# --- value semantics -------------------------------------------------------------------------


def test_equality_copy_deepcopy_and_pickle(
    small: sk.Landscape, make_small: Callable[[], sk.Landscape]
) -> None:
    assert small == make_small()
    assert small != sk.Landscape("Skien", 2021)
    assert small != "Skien"
    for twin in (copy.copy(small), copy.deepcopy(small), pickle.loads(pickle.dumps(small))):
        assert twin == small
        assert twin is not small
        twin.add_area("3806", name="Porsgrunn", parent="40")
        assert twin != small
        assert len(small.areas) == 2


def test_name_can_change(small: sk.Landscape) -> None:
    small.name = "Grenland"
    assert small.name == "Grenland"
    assert small.to_json().count('"Grenland"') == 1


def test_validate_returns_warnings_not_errors(small: sk.Landscape) -> None:
    assert all(p.severity == "warning" for p in small.validate())
    small.add_actor("frivillig", name="Frivillig", sector="made_up_sector", owner="voluntary",
                    areas=["3807"])
    warnings = small.validate()
    assert any(p.field == "sector" and p.id == "frivillig" for p in warnings)
    assert all(p.severity == "warning" for p in warnings)


def test_vocabulary_helpers() -> None:
    assert sk.vocabulary.names("owner") == ("municipal", "county", "state", "private",
                                            "voluntary", "self_governing")
    assert sk.label("owner", "county", "nb") == "Fylkeskommunal"
    assert sk.terms("link_kind")[1].name == "referral"
    assert "follow_up_service" in sk.vocabulary.names("sector")
    assert "neet" in sk.vocabulary.names("target")
    with pytest.raises(ValueError, match="area_kind"):
        sk.terms("colour")
    with pytest.raises(ValueError, match="municipal"):
        sk.label("owner", "kommune")


# --- the field table drives the keywords and the properties ----------------------------------


def test_every_field_is_a_keyword_and_a_property() -> None:
    adders = {"areas": "add_area", "actors": "add_actor", "measures": "add_measure",
              "links": "add_link", "transitions": "add_transition",
              "indicators": "add_indicator"}
    classes = {"areas": sk.Area, "actors": sk.Actor, "measures": sk.Measure, "links": sk.Link,
               "transitions": sk.Transition, "indicators": sk.Indicator}
    for collection, adder in adders.items():
        names = sk.schema.field_names(collection)
        # pybind11 writes the signature as the docstring's first line.
        doc = getattr(sk.Landscape, adder).__doc__
        parameters = re.findall(r"(\w+): ", doc.splitlines()[0].split("(", 1)[1])
        assert parameters == ["self", *names]
        for field in names:
            assert isinstance(getattr(classes[collection], field), property), field


def test_new_fields_as_keywords_with_their_defaults(small: sk.Landscape) -> None:
    small.add_area("3806", name="Porsgrunn", parent="40", mapping="partial",
                   mapped=["primary_school", "child_welfare"])
    area = small.area("3806")
    assert (area.mapping, area.mapped) == ("partial", ("primary_school", "child_welfare"))
    assert small.area("40").mapping == "complete"
    small.add_actor("ot-vt", name="OT Vestfold og Telemark", owner="county")
    small.add_actor("ot-porsgrunn", name="OT Porsgrunn", owner="county", part_of="ot-vt")
    assert small.actor("ot-porsgrunn").part_of == "ot-vt"
    small.add_measure("m3", name="Pilot", level=3, providers=["ot-skien"], participants=8,
                      participants_kind="flow", participants_of="m1", status="pilot",
                      since="2024-01-01")
    m = small.measure("m3")
    assert (m.participants_kind, m.participants_of, m.status, m.since, m.until) == (
        "flow", "m1", "pilot", "2024-01-01", None)
    assert small.measure("m1").status == "active"
    small.add_indicator("3807", "neet_count_16_19", 120, year=2019, count="stock",
                        subset_of="neet_count_16_25")
    assert (small.indicators[-1].count, small.indicators[-1].subset_of) == (
        "stock", "neet_count_16_25")
    assert small.indicators[0].count is None
    # A default is left out of the repr, a value other than the default shown.
    assert "status" not in repr(small.measure("m1"))
    assert "status='pilot'" in repr(m)
    assert "mapping='partial'" in repr(area)


def test_new_vocabulary_keywords_are_checked(small: sk.Landscape) -> None:
    before = copy.deepcopy(small)
    with pytest.raises(sk.ValidationError) as info:
        small.add_measure("m3", name="X", level=1, providers=["ot-skien"], status="planned",
                          participants_kind="yearly")
    assert [p.field for p in info.value.problems] == ["participants_kind", "status"]
    assert "active|pilot|proposed|ended" in info.value.problems[1].message
    with pytest.raises(sk.ValidationError) as info:
        small.add_indicator("3807", "k", 1.0, count="many")
    assert info.value.problems[0].field == "count"
    assert info.value.problems[0].id == "3807 k"
    assert small == before
