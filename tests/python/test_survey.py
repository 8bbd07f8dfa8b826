"""The collaboration survey kit: forms written and filled as respondents would, read back with
their mistakes located, the same answers as a long table, and the scores worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest

import samkart as sk
from samkart.io.survey import NonResponseWarning, SurveyProblem

openpyxl = pytest.importorskip("openpyxl")

DATE = "2023-03-01"
DK = "dk"


def four_actors(name: str = "Eksempelkommune") -> sk.Landscape:
    """Four actors of one municipality; a and b already have an agreement."""
    land = sk.Landscape(name=name, year=2021, currency="NOK")
    land.add_area("40", name="Fylket", kind="county")
    land.add_area("4001", name="Kommunen", kind="municipality", parent="40")
    for ident, label, owner in (("a", "OT", "county"), ("b", "NAV", "state"),
                                ("c", "Skolen", "county"), ("d", "Helsestasjonen", "municipal")):
        land.add_actor(ident, name=label, owner=owner, areas=["4001"])
    land.add_link("a", "b", kind="agreement", formal=True, since="2020-09-01", trust=1.0)
    return land


# The hand-worked example: respondent → partner → (contact, three trust, three value items).
# d does not answer. "dk" is don't know; None an item left empty (contact 0).
ANSWERS: dict[str, dict[str, tuple[object, ...]]] = {
    "a": {"b": (3, 4, 3, DK, 2, 2, 2), "c": (0,) + (None,) * 6, "d": (5, 4, 4, 4, 4, 4, 4)},
    "b": {"a": (1, 2, 2, 2, 4, 4, 4), "c": (2, 3, 3, 3, 3, 3, 3), "d": (1, DK, DK, DK, 1, 1, 1)},
    "c": {"a": (2, 3, 3, 3, 3, 2, 1), "b": (2, 4, 4, 4, 4, 4, 4), "d": (0,) + (None,) * 6},
}


def long_table(answers: Mapping[str, Mapping[str, Sequence[object]]]) -> pd.DataFrame:
    rows = []
    for respondent, partners in answers.items():
        for partner, values in partners.items():
            for item, value in zip(sk.survey.ITEMS, values, strict=True):
                if value is not None:
                    rows.append({"respondent": respondent, "partner": partner, "item": item,
                                 "value": value})
    return pd.DataFrame(rows)


def result() -> sk.SurveyResult:
    return sk.read_survey(long_table(ANSWERS), four_actors(), date=DATE)


# --- the hand-worked example ---------------------------------------------------------------


def test_directed_scores_are_item_means_on_the_model_scale() -> None:
    frame = result().to_frame().set_index(["respondent", "partner"])
    assert len(frame) == 9
    # a → b: trust items 4, 3, dk → 3.5 → (3.5 − 1)·4/3; value 2, 2, 2 → 2 → 4/3.
    assert frame.loc[("a", "b"), "trust"] == pytest.approx(10 / 3)
    assert frame.loc[("a", "b"), "value"] == pytest.approx(4 / 3)
    assert frame.loc[("a", "b"), "intensity"] == "coordination"
    # b → d: every trust item don't know → NaN; value 1 → 0.
    assert math.isnan(frame.loc[("b", "d"), "trust"])
    assert frame.loc[("b", "d"), "value"] == 0.0
    # c → a: value 3, 2, 1 → 2 → 4/3; a → c has contact 0 and no items.
    assert frame.loc[("c", "a"), "value"] == pytest.approx(4 / 3)
    assert frame.loc[("a", "c"), "contact"] == 0
    assert pd.isna(frame.loc[("a", "c"), "intensity"])
    assert math.isnan(frame.loc[("a", "c"), "trust"])
    assert frame.loc[("a", "d"), "intensity"] == "integration"  # 5 collaboration


def test_pairs_combine_both_sides_and_measure_disagreement() -> None:
    pairs = result().pairs().set_index(["a", "b"])
    assert list(pairs.index) == [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"),
                                 ("c", "d")]
    ab = pairs.loc[("a", "b")]
    assert (ab["sides"], ab["contact_ab"], ab["contact_ba"], ab["contact"]) == (2, 3, 1, 3)
    assert ab["trust"] == pytest.approx((10 / 3 + 4 / 3) / 2)  # 7/3
    assert ab["value"] == pytest.approx((4 / 3 + 4) / 2)  # 8/3
    assert ab["contact_diff"] == 2
    assert ab["trust_diff"] == pytest.approx(2.0)
    assert ab["value_diff"] == pytest.approx(8 / 3)
    ac = pairs.loc[("a", "c")]  # a says no contact, c says cooperation: one tie report
    assert (ac["contact"], ac["intensity"]) == (2, "cooperation")
    assert ac["trust"] == pytest.approx(8 / 3)  # only c rated a
    assert math.isnan(ac["trust_diff"])
    assert ac["contact_diff"] == 2
    bc = pairs.loc[("b", "c")]
    assert bc["contact_diff"] == 0
    assert bc["trust"] == pytest.approx((8 / 3 + 4) / 2)
    assert bc["trust_diff"] == pytest.approx(4 / 3)
    ad = pairs.loc[("a", "d")]  # d did not answer: one side
    assert (ad["sides"], ad["contact"], ad["trust"]) == (1, 5, 4.0)
    assert math.isnan(ad["contact_diff"])
    assert pairs.loc[("c", "d"), "contact"] == 0
    # The lower report: a–b is networking, a–c no contact.
    low = result().pairs(rule="min").set_index(["a", "b"])
    assert low.loc[("a", "b"), "intensity"] == "awareness"
    assert low.loc[("a", "c"), "contact"] == 0


def test_disagreement_lists_the_pairs_both_sides_answered_most_apart_first() -> None:
    d = result().disagreement()
    assert list(zip(d["a"], d["b"], strict=True)) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_response_rate_and_nonrespondents() -> None:
    r = result()
    assert r.sent == ("a", "b", "c", "d")
    assert r.respondents == ("a", "b", "c")
    assert r.response_rate == 0.75
    assert r.nonrespondents == ["d"]
    assert r.date == dt.date(2023, 3, 1)
    # Who was sent a form can be said explicitly.
    r5 = sk.read_survey(long_table(ANSWERS), four_actors(), date=DATE,
                        sent=["a", "b", "c", "d"])
    assert r5.response_rate == 0.75


def test_apply_puts_the_scores_on_links() -> None:
    land = four_actors()
    after = result().apply(land, year=2023)
    assert after.year == 2023
    links = after.to_frames()["links"]
    assert len(links) == 5  # the agreement + a–c, a–d, b–c, b–d; c–d has no contact
    agreement = links[links["kind"] == "agreement"].iloc[0]
    assert agreement["intensity"] == "coordination"
    assert agreement["trust"] == pytest.approx(7 / 3)
    assert agreement["value"] == pytest.approx(8 / 3)
    assert agreement["since"] == "2020-09-01"  # an existing link keeps its start
    new = links[links["kind"] == "network"].set_index(["source", "target"])
    assert set(new.index) == {("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")}
    assert (new["since"] == DATE).all()
    assert not new["formal"].any()
    assert new.loc[("a", "d"), "intensity"] == "integration"
    assert new.loc[("b", "d"), "intensity"] == "awareness"
    assert math.isnan(new.loc[("b", "d"), "trust"])  # every trust item don't know
    assert new.loc[("b", "d"), "value"] == 0.0
    # The landscape given is not changed.
    assert len(land.to_frames()["links"]) == 1


def test_nonresponse_compares_respondents_only_with_the_reconstructed_network() -> None:
    # Ties (contact ≥ 1, one side enough): a–b, a–c, a–d, b–c, b–d.
    # Respondents only (a, b, c): a triangle, density 1, centralization 0, betweenness 0.
    # Reconstructed (a–d): 5 of 6 ties, degrees 3, 3, 2, 2 → centralization 2/(3·2) = 1/3;
    # c–d is reached through a or b → betweenness of a and b (1/2)/3 = 1/6 each.
    with pytest.warns(NonResponseWarning, match="response rate 75%"):
        nr = result().nonresponse(threshold=0.1, top=2)
    t = nr.table
    assert t.loc["density", "respondents_only"] == pytest.approx(1.0)
    assert t.loc["density", "reconstructed"] == pytest.approx(5 / 6)
    assert t.loc["centralization", "respondents_only"] == pytest.approx(0.0)
    assert t.loc["centralization", "reconstructed"] == pytest.approx(1 / 3)
    assert t.loc["components", "respondents_only"] == 1
    assert t.loc["betweenness a", "reconstructed"] == pytest.approx(1 / 6)
    assert t.loc["betweenness a", "respondents_only"] == pytest.approx(0.0)
    assert list(t.index) == ["density", "centralization", "components", "betweenness a",
                             "betweenness b"]
    assert t.loc["density", "differs"]  # 0.2 > 0.1
    assert not t.loc["components", "differs"]
    assert nr.nonrespondents == ("d",)
    assert any(w.startswith("centralization") for w in nr.warnings)
    # The same at a looser threshold: only the measures more than 50 % apart.
    quiet = result().nonresponse(threshold=0.5, warn=False)
    assert not quiet.table.loc["density", "differs"]
    assert quiet.table.loc["centralization", "differs"]


# --- the forms ----------------------------------------------------------------------------------

COLUMN = {item: "CDEFGHI"[k] for k, item in enumerate(sk.survey.ITEMS)}


def fill(path: Path, answers: Mapping[str, Sequence[object]],
         extra: Sequence[tuple[str, Sequence[object]]] = ()) -> None:
    """Fill a form as a respondent would: the drop-down labels, "Vet ikke" for don't know."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    contact = ws.parent[sk.survey._LIST_SHEET]
    contact_labels = [contact.cell(row=r, column=1).value for r in range(1, 7)]
    item_labels = [contact.cell(row=r, column=2).value for r in range(1, 6)]

    def put(row: int, values: Sequence[object]) -> None:
        for item, value in zip(sk.survey.ITEMS, values, strict=True):
            if value is None:
                continue
            if value == DK:
                shown: object = item_labels[4]
            elif item == "contact" and isinstance(value, int) and 0 <= value <= 5:
                shown = contact_labels[value]
            elif isinstance(value, int) and 1 <= value <= 4:
                shown = item_labels[value - 1]
            else:
                shown = value  # typed over the drop-down
            ws[f"{COLUMN[item]}{row}"] = shown

    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    for partner, values in answers.items():
        put(rows[partner], values)
    first_free = max(r for p, r in rows.items() if p is not None) + 1
    for k, (partner, values) in enumerate(extra):
        ws[f"A{first_free + k}"] = partner
        put(first_free + k, values)
    wb.save(path)


def test_write_survey_writes_a_form_per_respondent_and_an_index(tmp_path: Path) -> None:
    index = sk.write_survey(four_actors(), tmp_path, lang="nb", date=DATE)
    assert list(index["respondent"]) == ["a", "b", "c", "d"]
    assert list(index["partners"]) == [3, 3, 3, 3]
    assert index.loc[0, "partner_ids"] == "b;c;d"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx", "survey-index.csv"]
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames[:2] == ["Veiledning", "Svar"]
    ws = wb["Svar"]
    assert [c.value for c in ws[1]] == ["partner", "partner_name", *sk.survey.ITEMS]
    assert [ws.cell(row=r, column=1).value for r in (3, 4, 5)] == ["b", "c", "d"]
    assert ws["B3"].value == "NAV"
    # Drop-downs on the contact column, the six items and the free rows' partner column.
    ranges = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert ranges["C3:C15"] == "=lists!$A$1:$A$6"
    assert ranges["D3:I15"] == "=lists!$B$1:$B$5"
    assert "A6:A15" in ranges
    assert wb["lists"]["A4"].value == "3 – Samordning"
    assert wb["lists"]["B5"].value == "Vet ikke"
    assert wb["samkart"].sheet_state == "hidden"
    # The answers are not filled in.
    assert all(ws.cell(row=r, column=3).value is None for r in range(3, 16))


@pytest.mark.parametrize(("lang", "sheets", "dont_know"), [
    ("da", ["Vejledning", "Svar"], "Ved ikke"),
    ("en", ["Instructions", "Answers"], "Don't know"),
])
def test_forms_in_danish_and_english(tmp_path: Path, lang: str, sheets: list[str],
                                     dont_know: str) -> None:
    sk.write_survey(four_actors(), tmp_path, lang=lang, respondents=["b"], date=DATE)
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert wb.sheetnames[:2] == sheets
    assert wb["lists"]["B5"].value == dont_know


def test_partners_are_the_actors_of_related_areas_and_linked_ones() -> None:
    land = sk.Landscape(name="To kommuner", year=2021)
    land.add_area("40", name="Fylket", kind="county")
    land.add_area("4001", name="Én", kind="municipality", parent="40")
    land.add_area("4002", name="To", kind="municipality", parent="40")
    land.add_actor("fylke", name="Fylket", owner="county", areas=["40"])
    land.add_actor("nav1", name="NAV Én", owner="state", areas=["4001"])
    land.add_actor("nav2", name="NAV To", owner="state", areas=["4002"])
    land.add_actor("skole2", name="Skole To", owner="county", areas=["4002"])
    land.add_link("nav1", "skole2", kind="referral")
    frames = land.to_frames()
    # The county serves both municipalities; nav1 sees the county and its linked school.
    assert sk.survey._partners(frames, "fylke") == ["nav1", "nav2", "skole2"]
    assert sk.survey._partners(frames, "nav1") == ["fylke", "skole2"]
    assert sk.survey._partners(frames, "nav2") == ["fylke", "skole2"]


def test_filled_forms_with_three_mistakes_are_located(tmp_path: Path) -> None:
    sk.write_survey(four_actors(), tmp_path, lang="nb", date=DATE)
    a = dict(ANSWERS["a"])
    a["b"] = (3, 4, 3, DK, 7, 2, 2)  # value_influence 7: out of range
    c = dict(ANSWERS["c"])
    c["b"] = (None, 4, 4, 4, 4, 4, 4)  # contact left empty
    fill(tmp_path / "a.xlsx", a)
    fill(tmp_path / "b.xlsx", ANSWERS["b"], extra=[("Ukjent aktør", (2, 3, 3, 3, 3, 3, 3))])
    fill(tmp_path / "c.xlsx", c)
    with pytest.raises(sk.ValidationError) as err:
        sk.read_survey(tmp_path, four_actors())
    problems = err.value.problems
    assert len(problems) == 3
    found = {(p.file, p.sheet, p.row, p.column, p.field) for p in problems}  # type: ignore[attr-defined]
    assert found == {
        ("a.xlsx", "Svar", 3, "G", "value_influence"),
        ("b.xlsx", "Svar", 6, "A", "partner"),
        ("c.xlsx", "Svar", 4, "C", "contact"),
    }
    text = str(err.value)
    assert "a.xlsx: Svar!G3 (value_influence): the answer 7 is out of range" in text
    assert "b.xlsx: Svar!A6 (partner): unknown actor 'Ukjent aktør'" in text
    assert "c.xlsx: Svar!C4 (contact): empty required answer" in text
    assert all(isinstance(p, SurveyProblem) for p in problems)


def test_forms_and_the_long_csv_give_the_same_result(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    sk.write_survey(four_actors(), forms, lang="nb", date=DATE)
    for respondent, answers in ANSWERS.items():
        fill(forms / f"{respondent}.xlsx", answers)
    # d's form comes back empty: d is a non-respondent, not an error.
    from_forms = sk.read_survey(forms, four_actors())
    csv = tmp_path / "answers.csv"
    long_table(ANSWERS).to_csv(csv, index=False)
    from_csv = sk.read_survey(csv, four_actors(), date=DATE)
    for r in (from_forms, from_csv):
        assert r.response_rate == 0.75
        assert r.nonrespondents == ["d"]
        assert r.date == dt.date(2023, 3, 1)
    pd.testing.assert_frame_equal(from_forms.to_frame().drop(columns="file"),
                                  from_csv.to_frame().drop(columns="file"))
    pd.testing.assert_frame_equal(from_forms.pairs(), from_csv.pairs())
    # Without the landscape, the forms' own lists name the partners.
    pd.testing.assert_frame_equal(sk.read_survey(forms).pairs(), from_forms.pairs())
    # And the result of the hand-worked example, read from a DataFrame.
    pd.testing.assert_frame_equal(from_csv.pairs(), result().pairs())
    # Partners named in the free rows, by name, are read as their ids.
    extra = tmp_path / "extra"
    sk.write_survey(four_actors(), extra, respondents=["a"], date=DATE)
    fill(extra / "a.xlsx", {"b": ANSWERS["a"]["b"]})  # c and d left empty: required
    with pytest.raises(sk.ValidationError, match=r"a.xlsx: Svar!C4 \(contact\)"):
        sk.read_survey(extra, four_actors())


def test_a_form_from_the_free_rows_names_partners_by_name(tmp_path: Path) -> None:
    land = four_actors()
    sk.write_survey(land, tmp_path, respondents=["a"], date=DATE)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    ws = wb["Svar"]
    for row in (3, 4, 5):  # remove the listed partners; name one in a free row instead
        ws.cell(row=row, column=1).value = None
        ws.cell(row=row, column=2).value = None
    ws["A6"] = "Skolen"
    ws["C6"] = "2 – Samarbeid"
    for col in "DEFGHI":
        ws[f"{col}6"] = "Vet ikke"
    wb.save(tmp_path / "a.xlsx")
    r = sk.read_survey(tmp_path, land)
    frame = r.to_frame()
    assert list(zip(frame["respondent"], frame["partner"], strict=True)) == [("a", "c")]
    assert math.isnan(frame.loc[0, "trust"])


# --- long tables and bad input ------------------------------------------------------------------


def test_long_table_problems_name_the_line_and_column(tmp_path: Path) -> None:
    table = long_table({"a": {"b": (3, 4, 3, 3, 2, 2, 2)}, "b": {"b": (1, 1, 1, 1, 1, 1, 1)},
                        "c": {"x": (2, 2, 2, 2, 2, 2, 2)}})
    table.loc[3, "value"] = 9  # a → b trust_open
    table = table.drop(index=6)  # a → b value_resources missing
    csv = tmp_path / "svar.csv"
    table.to_csv(csv, index=False)
    with pytest.raises(sk.ValidationError) as err:
        sk.read_survey(csv, four_actors(), date=DATE)
    text = str(err.value)
    assert "4 problems in svar.csv" in text
    assert "svar.csv line 5, column 'value' (trust_open): the answer 9 is out of range" in text
    assert "svar.csv line 2, column 'value' (value_resources): empty required answer" in text
    assert "svar.csv line 8, column 'partner': 'b' answers about itself" in text
    assert "svar.csv line 15, column 'partner': unknown actor 'x'" in text


def test_contact_cannot_be_dont_know_and_answers_must_be_answers() -> None:
    table = long_table({"a": {"b": (DK,) + (None,) * 6, "c": ("mye", 1, 1, 1, 1, 1, 1)}})
    with pytest.raises(sk.ValidationError) as err:
        sk.read_survey(table, four_actors(), date=DATE)
    text = str(err.value)
    assert "<frame> row 0, column 'value' (contact): the contact level is required" in text
    assert "'mye' is not an answer" in text


def test_forms_from_another_landscape_are_refused(tmp_path: Path) -> None:
    sk.write_survey(four_actors("Annen kommune"), tmp_path, respondents=["a"], date=DATE)
    fill(tmp_path / "a.xlsx", ANSWERS["a"])
    with pytest.raises(sk.ValidationError, match="written for the mapping 'Annen kommune', not "
                       "'Eksempelkommune'"):
        sk.read_survey(tmp_path, four_actors())
    # Read with its own landscape, it is fine.
    assert sk.read_survey(tmp_path, four_actors("Annen kommune")).respondents == ("a",)


def test_forms_of_two_rounds_are_not_mixed(tmp_path: Path) -> None:
    sk.write_survey(four_actors(), tmp_path, respondents=["a"], date="2021-10-01")
    sk.write_survey(four_actors(), tmp_path / "later", respondents=["b"], date=DATE)
    fill(tmp_path / "a.xlsx", ANSWERS["a"])
    fill(tmp_path / "later" / "b.xlsx", ANSWERS["b"])
    files = [tmp_path / "a.xlsx", tmp_path / "later" / "b.xlsx"]
    with pytest.raises(sk.ValidationError, match="different survey rounds"):
        sk.read_survey(files, four_actors())
    assert sk.read_survey(files, four_actors(), date=DATE).date == dt.date(2023, 3, 1)


@pytest.mark.parametrize("bad", ["våren 2023", "2023-13-01", 2023, None])
def test_a_survey_date_that_is_not_a_date(tmp_path: Path, bad: object) -> None:
    if bad is None:  # None is "today" when writing; an unknown date cannot make new links
        r = sk.read_survey(long_table(ANSWERS), four_actors())
        with pytest.raises(sk.ArgumentError, match="survey date is unknown"):
            r.apply(four_actors())
        return
    with pytest.raises(sk.ArgumentError, match="is not a date"):
        sk.write_survey(four_actors(), tmp_path, date=bad)  # type: ignore[arg-type]
    with pytest.raises(sk.ArgumentError, match="is not a date"):
        sk.read_survey(long_table(ANSWERS), four_actors(), date=bad)  # type: ignore[arg-type]


def test_other_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(sk.ArgumentError, match="unknown language 'sv'"):
        sk.write_survey(four_actors(), tmp_path, lang="sv")
    with pytest.raises(sk.UnknownIdError, match="'z' is not an actor"):
        sk.write_survey(four_actors(), tmp_path, respondents=["z"])
    with pytest.raises(sk.ValidationError, match="missing item, value"):
        sk.read_survey(pd.DataFrame({"respondent": ["a"], "partner": ["b"]}))
    with pytest.raises(sk.ArgumentError, match="rule must be"):
        result().pairs(rule="mean")
    other = sk.Landscape(name="Eksempelkommune", year=2021)
    other.add_area("4001", name="Kommunen", kind="municipality")
    other.add_actor("a", name="OT", owner="county", areas=["4001"])
    with pytest.raises(sk.UnknownIdError, match="names actor 'b'"):
        result().apply(other)
    (tmp_path / "empty").mkdir()
    with pytest.raises(sk.SamkartError, match="no survey forms"):
        sk.read_survey(tmp_path / "empty")
