"""Real areas (samkart.datasets.areas), the 2024 recoding and the bulk adders.

The expected counts and codes are facts written out by hand, not read from the shipped tables:
Norway had 356 municipalities in 11 counties in 2020–2023 and has 357 in 15 from 2024
(Statistics Norway's classification of municipalities); Denmark has 98 municipalities in 5
regions (29 Hovedstaden, 17 Sjælland, 22 Syddanmark, 19 Midtjylland, 11 Nordjylland) since
2007. The 2024 numbers of Vestfold og Telemark's municipalities are those of the 2024
classification.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart import datasets

# Vestfold og Telemark: 2020–2023 number → (name, 2024 number).
VT = {
    "3801": ("Horten", "3901"), "3802": ("Holmestrand", "3903"), "3803": ("Tønsberg", "3905"),
    "3804": ("Sandefjord", "3907"), "3805": ("Larvik", "3909"), "3806": ("Porsgrunn", "4001"),
    "3807": ("Skien", "4003"), "3808": ("Notodden", "4005"), "3811": ("Færder", "3911"),
    "3812": ("Siljan", "4010"), "3813": ("Bamble", "4012"), "3814": ("Kragerø", "4014"),
    "3815": ("Drangedal", "4016"), "3816": ("Nome", "4018"), "3817": ("Midt-Telemark", "4020"),
    "3818": ("Tinn", "4026"), "3819": ("Hjartdal", "4024"), "3820": ("Seljord", "4022"),
    "3821": ("Kviteseid", "4028"), "3822": ("Nissedal", "4030"), "3823": ("Fyresdal", "4032"),
    "3824": ("Tokke", "4034"), "3825": ("Vinje", "4036"),
}


def _count(frame: pd.DataFrame, kind: str) -> int:
    return int((frame["kind"] == kind).sum())


# --- the tables -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2025])
def test_norway_from_2024(year: int) -> None:
    no = datasets.areas("no", year)
    assert list(no.columns[:4]) == ["id", "name", "kind", "parent"]
    assert (_count(no, "country"), _count(no, "county"), _count(no, "municipality")) == (1, 15, 357)
    counties = set(no.loc[no["kind"] == "county", "id"])
    assert counties == {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46",
                        "50", "55", "56"}


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023])
def test_norway_2020_to_2023(year: int) -> None:
    no = datasets.areas("no", year)
    assert (_count(no, "country"), _count(no, "county"), _count(no, "municipality")) == (1, 11, 356)
    assert set(no.loc[no["kind"] == "county", "id"]) == {"03", "11", "15", "18", "30", "34", "38",
                                                         "42", "46", "50", "54"}
    # The two islands missing from the simplified 2020 boundary file are added, and say whence.
    for code, name in (("1144", "Kvitsøy"), ("1835", "Træna")):
        row = no[no["id"] == code].iloc[0]
        assert (row["name"], row["parent"]) == (name, code[:2])
        assert "2024" in row["citation"]


def test_hierarchy_is_complete() -> None:
    for country, year in (("no", 2020), ("no", 2024), ("dk", 2024)):
        frame = datasets.areas(country, year)
        ids = set(frame["id"])
        assert frame["id"].is_unique
        assert frame.loc[frame["kind"] == "country", "parent"].isna().all()
        assert frame.loc[frame["kind"] != "country", "parent"].isin(ids).all()
        counties = set(frame.loc[frame["kind"] == "county", "id"])
        assert frame.loc[frame["kind"] == "municipality", "parent"].isin(counties).all()
        assert frame["citation"].str.contains("CC BY 4.0").sum() == len(frame) - 1


def test_vestfold_og_telemark_in_both_periods() -> None:
    no20 = datasets.areas("no", 2020)
    vt20 = no20[no20["parent"] == "38"]
    assert dict(zip(vt20["id"], vt20["name"], strict=True)) == {k: v[0] for k, v in VT.items()}
    no24 = datasets.areas("no", 2024)
    vt24 = no24[no24["parent"].isin(["39", "40"])]
    assert len(vt24) == 23
    assert dict(zip(vt24["id"], vt24["name"], strict=True)) == {v[1]: v[0] for v in VT.values()}
    assert (vt24["parent"] == "39").sum() == 6  # Vestfold
    assert (vt24["parent"] == "40").sum() == 17  # Telemark


def test_denmark() -> None:
    dk = datasets.areas("DK", 2024)
    assert (_count(dk, "country"), _count(dk, "county"), _count(dk, "municipality")) == (1, 5, 98)
    munis = dk[dk["kind"] == "municipality"]
    assert munis["parent"].value_counts().to_dict() == {
        "084": 29, "083": 22, "082": 19, "085": 17, "081": 11}
    parent = dict(zip(dk["id"], dk["parent"], strict=True))
    # Danmarks Statistik's codes; the regions were located from the boundaries.
    assert parent["101"] == parent["147"] == parent["400"] == "084"  # København, Frb., Bornholm
    assert parent["751"] == parent["615"] == "082"  # Aarhus, Horsens
    assert parent["851"] == "081"  # Aalborg
    assert parent["461"] == parent["621"] == parent["630"] == "083"  # Odense, Kolding, Vejle
    assert parent["265"] == parent["360"] == "085"  # Roskilde, Lolland
    assert "411" not in parent  # Christiansø is no municipality


@pytest.mark.parametrize(("country", "year"), [("se", 2024), ("xx", 2020), ("no", 2019),
                                               ("no", 1990), ("no", 2099), ("dk", 2006)])
def test_unknown_country_or_year(country: str, year: int) -> None:
    with pytest.raises(sk.ArgumentError, match="areas: "):
        datasets.areas(country, year)


def test_year_types() -> None:
    assert len(datasets.areas("no", np.int64(2021))) == 1 + 11 + 356
    for bad in ("2024", 2024.0, True):
        with pytest.raises(sk.ArgumentError, match="for year"):
            datasets.areas("no", bad)  # type: ignore[arg-type]


# --- the crosswalk --------------------------------------------------------------------------


def test_crosswalk_of_county_38() -> None:
    cw = datasets.crosswalk()
    rows = cw[cw["code_2020"].str.startswith("38") & (cw["kind"] == "municipality")]
    assert dict(zip(rows["code_2020"], rows["code_2024"], strict=True)) == {
        k: v[1] for k, v in VT.items()}
    assert (rows["change"] == "renumbered").all()
    county = cw[(cw["code_2020"] == "38") & (cw["kind"] == "county")]
    assert sorted(county["code_2024"]) == ["39", "40"]
    assert (county["change"] == "split").all()


def test_crosswalk_covers_both_years() -> None:
    cw = datasets.crosswalk()
    no20, no24 = datasets.areas("no", 2020), datasets.areas("no", 2024)
    assert set(cw["code_2020"]) == set(no20.loc[no20["kind"] != "country", "id"])
    assert set(cw["code_2024"]) == set(no24.loc[no24["kind"] != "country", "id"])
    aalesund = cw[cw["code_2020"] == "1507"]
    assert sorted(aalesund["code_2024"]) == ["1508", "1580"]
    assert (aalesund["change"] == "split").all()
    # Oslo and Bergen kept their numbers; Tromsø was renumbered.
    pairs = set(zip(cw["code_2020"], cw["code_2024"], strict=True))
    assert {("0301", "0301"), ("4601", "4601"), ("5401", "5501"), ("3005", "3301")} <= pairs


# --- recoding -------------------------------------------------------------------------------


def _doc(land: sk.Landscape) -> dict[str, object]:
    doc: dict[str, object] = json.loads(sk.to_json_string(land, -1))
    return doc


def test_recode_the_data_set() -> None:
    vt = datasets.vestfold_telemark()
    new = datasets.recode(vt, to=2024)
    munis = [a for a in new.areas if str(a.kind).endswith("MUNICIPALITY")
             or a.kind == "municipality"]
    assert len(munis) == 23
    no24 = datasets.areas("no", 2024)
    known = dict(zip(no24["id"], no24["parent"], strict=True))
    for a in munis:
        assert a.id in known
        assert a.parent == known[a.id]
    skien = new.area("4003")
    assert skien.name == "Skien"
    assert skien.citation.endswith("number 2020–2023: 3807 (samkart.datasets.recode)")
    ids = {a.id for a in new.areas}
    assert {"39", "40"} <= ids
    # The county's own figures (4,200 NEET in 2019) are for the old county: it stays for them.
    assert "38" in ids
    assert {i.area for i in new.indicators} <= ids
    assert any(i.area == "38" for i in new.indicators)
    assert not {"3801", "3807", "3825"} & ids
    # An actor that served the old county serves both new ones.
    served = [set(a.areas) for a in vt.actors if "38" in a.areas]
    assert served
    for actor in new.actors:
        old = vt.actor(actor.id)
        if "38" in old.areas:
            assert {"39", "40"} <= set(actor.areas)
            assert "38" not in actor.areas
    for old_m, now_m in zip(vt.measures, new.measures, strict=True):
        expected = []
        for a in old_m.areas:
            for b in (["39", "40"] if a == "38" else [VT[a][1]] if a in VT else [a]):
                if b not in expected:
                    expected.append(b)
        assert list(now_m.areas) == expected
    kept = new.area("38")
    assert kept.citation.endswith("county until 2023, split into 39 Vestfold, 40 Telemark; "
                                  "kept for the records that refer to it "
                                  "(samkart.datasets.recode)")


def test_recode_round_trip() -> None:
    vt = datasets.vestfold_telemark()
    back = datasets.recode(datasets.recode(vt, to=2024), to=2020)
    assert _doc(back) == _doc(vt)


def test_recode_is_a_no_op_in_the_same_period() -> None:
    vt = datasets.vestfold_telemark()
    assert _doc(datasets.recode(vt, to=2022)) == _doc(vt)


def _land(*codes: str, year: int = 2020) -> sk.Landscape:
    table = datasets.areas("no", year)
    land = sk.Landscape(name="test", year=2021)
    want = set(codes) | {c[:2] for c in codes} | {"NO"}
    land.add_areas(table[table["id"].isin(want)])
    return land


def test_recode_mixed_years_names_the_records() -> None:
    land = _land("3807")
    land.add_area("4001", name="Porsgrunn", kind="municipality")
    with pytest.raises(sk.ValidationError, match=r"mixes .*3807.*4001"):
        datasets.recode(land, to=2024)


def test_recode_a_split_municipality() -> None:
    land = _land("1507", "1505")
    with pytest.raises(sk.ValidationError, match=r"'1507'.*1508 Ålesund, 1580 Haram.*split="):
        datasets.recode(land, to=2024)
    new = datasets.recode(land, to=2024, split={"1507": "1508"})
    assert {a.id for a in new.areas} == {"NO", "15", "1508", "1505"}
    with pytest.raises(sk.ArgumentError, match="split="):
        datasets.recode(land, to=2024, split={"1507": "1580x"})


def test_recode_back_refuses_to_merge_municipalities() -> None:
    land = _land("1508", "1580", year=2024)
    with pytest.raises(sk.ValidationError, match=r"1508, 1580 would both become '1507'"):
        datasets.recode(land, to=2020)


def test_recode_back_merges_counties() -> None:
    land = _land("3901", "4003", year=2024)
    land.add_actor("ot", name="OT", sector="follow_up_service", owner="county",
                   areas=["39", "40"])
    old = datasets.recode(land, to=2020)
    assert {a.id for a in old.areas} == {"NO", "38", "3801", "3807"}
    assert old.area("38").name == "Vestfold og Telemark"
    assert old.area("3807").parent == "38"
    assert list(old.actor("ot").areas) == ["38"]


def test_recode_bad_year() -> None:
    with pytest.raises(sk.ArgumentError, match="to=2019"):
        datasets.recode(datasets.vestfold_telemark(), to=2019)


# --- add_areas / add_indicators -----------------------------------------------------------


def test_add_areas_the_whole_country() -> None:
    land = sk.Landscape(name="Norge")
    land.add_areas(datasets.areas("no", 2024))
    assert len(land.areas) == 1 + 15 + 357
    assert land.area("4003").parent == "40"


def test_add_areas_is_all_or_nothing() -> None:
    land = sk.Landscape(name="x")
    land.add_area("NO", name="Norge", kind="country")
    frame = pd.DataFrame({"id": ["38", "3807", "3806"], "name": ["VT", "Skien", "Porsgrunn"],
                          "kind": ["county", "municipality", "kommune"],
                          "parent": ["NO", "38", "38"]}, index=[10, 11, 12])
    with pytest.raises(sk.ValidationError, match=r"(?s)row 12 \(id '3806'\).*field 'kind'"):
        land.add_areas(frame)
    assert [a.id for a in land.areas] == ["NO"]
    with pytest.raises(sk.ArgumentError, match=r"unknown column.*'colour'"):
        land.add_areas(frame.assign(colour="red"))


def test_add_indicators_names_the_row() -> None:
    land = _land("3807")
    rows = pd.DataFrame({"area": ["3807", "9999"], "key": ["neet_count_16_25"] * 2,
                         "value": [420.0, 10.0], "year": [2019, 2019]})
    with pytest.raises(sk.ValidationError, match=r"row 1 \(area '9999'\)"):
        land.add_indicators(rows)
    assert len(land.indicators) == 0
    land.add_indicators(rows.iloc[:1])
    assert [(i.area, i.value, i.year) for i in land.indicators] == [("3807", 420.0, 2019)]


# --- synthetic over real areas ---------------------------------------------------------------


def test_synthetic_on_norway_2024() -> None:
    land = datasets.synthetic("no-2024", 3, seed=1)
    munis = [a for a in land.areas if a.parent and len(a.id) == 4]
    assert len(munis) == 357
    assert len(land.actors) == 357 * 3
    assert land.area("4003").name == "Skien"
    assert all(a.illustrative for a in munis)
    # Deterministic, and the int form is unchanged.
    assert _doc(datasets.synthetic("no-2024", 3, seed=1)) == _doc(land)
    small = datasets.synthetic(30, 2)
    assert len(small.actors) == 60


def test_synthetic_on_a_frame_and_bad_input() -> None:
    dk = datasets.areas("dk")
    land = datasets.synthetic(dk, 1)
    assert len(land.actors) == 98
    with pytest.raises(sk.ArgumentError, match="unknown country"):
        datasets.synthetic("se-2024", 1)
    with pytest.raises(sk.ArgumentError, match="field 'kind'"):
        datasets.synthetic(pd.DataFrame({"id": ["a"], "name": ["A"], "kind": ["town"]}), 1)
    with pytest.raises(sk.SamkartError, match="no municipality"):
        datasets.synthetic(dk[dk["kind"] != "municipality"], 1)
