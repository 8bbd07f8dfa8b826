"""The mapping spreadsheet: the template, a person filling it in, round trips and merging."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl  # the "excel" extra; the "test" extra installs it
import pytest
from openpyxl.utils import get_column_letter

import samkart as sk
from samkart.io.excel import SHEETS, SheetProblem, read_excel, write_template


def _clear(ws: Any) -> None:
    """Delete the example rows, as a person starting on a new form would."""
    if ws.max_row >= 3:
        ws.delete_rows(3, ws.max_row - 2)


def _type_row(ws: Any, row: int, **cells: Any) -> None:
    """Type values into the cells of one row, by column name (row 1)."""
    columns = {c.value: c.column for c in ws[1]}
    for field, value in cells.items():
        ws.cell(row=row, column=columns[field], value=value)


def _problems(e: pytest.ExceptionInfo[sk.ValidationError]) -> list[str]:
    return [str(p) for p in e.value.problems]


# --- the template --------------------------------------------------------------------------------


def test_template_has_every_sheet_header_and_list(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_template(path, lang="nb")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "veiledning"
    assert wb.sheetnames[1:] == ["landscape", *SHEETS, "lists"]
    assert wb["lists"].sheet_state == "hidden"
    for sheet, columns in SHEETS.items():
        ws = wb[sheet]
        assert tuple(c.value for c in ws[1]) == columns
        assert all(c.comment is not None for c in ws[1]), "every column explains itself"
        assert all(isinstance(c.value, str) and c.value for c in ws[2]), "a label row"
    # Drop-down lists on the vocabulary columns, fed from the hidden lists sheet.
    measures = wb["measures"]
    formulas = {str(dv.sqref): dv.formula1 for dv in measures.data_validations.dataValidation}
    letter = {c: get_column_letter(k) for k, c in enumerate(SHEETS["measures"], start=1)}
    for column in ("level", "keys", "tees", "status", "participants_kind"):
        assert formulas[f"{letter[column]}3:{letter[column]}2000"].startswith("=lists!"), column
    assert letter["level"] == "C"
    actors = wb["actors"]
    sqrefs = {str(dv.sqref) for dv in actors.data_validations.dataValidation}
    assert {"C3:C2000", "D3:D2000"} <= sqrefs  # sector, owner
    lists = [c.value for c in wb["lists"]["A"] if c.value is not None]
    assert lists[1:] == [f"{int(lv)} – {lv.label('nb')}" for lv in sk.Level]


@pytest.mark.parametrize(("lang", "title", "words"), [
    ("nb", "veiledning", ("personopplysninger", "komma")),
    ("da", "vejledning", ("personoplysninger", "komma")),
    ("en", "instructions", ("personal data", "commas")),
])
def test_instruction_sheet_in_each_language(tmp_path: Path, lang: str, title: str,
                                            words: tuple[str, ...]) -> None:
    path = tmp_path / f"{lang}.xlsx"
    write_template(path, lang=lang)
    ws = openpyxl.load_workbook(path)[title]
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for level in sk.Level:
        assert level.label(lang) in texts
    for word in words:
        assert word in texts
    for sheet, columns in SHEETS.items():
        assert sheet in texts
        assert all(c in texts for c in columns)
    assert sk.vocabulary.label("owner", "county", lang) in texts


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nb, da or en"):
        write_template(tmp_path / "x.xlsx", lang="sv")


def test_blank_template_reads_as_the_illustrative_example(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_template(path, lang="en")
    land = read_excel(path)
    assert len(land.actors) == 3
    assert len(land.measures) == 2
    assert all(m.illustrative for m in land.measures)
    assert land.area("4001").population == {(16, 25): 6900}


# --- a person fills it in ------------------------------------------------------------------------


def _fill_skien(path: Path) -> None:
    """A form filled as a person would: example rows deleted, records typed in, labels and
    plain values mixed (a number typed as 2, an owner picked as its Norwegian label)."""
    wb = openpyxl.load_workbook(path)
    for sheet in SHEETS:
        _clear(wb[sheet])
    ws = wb["landscape"]
    ws["B2"] = "Skien 2024"
    ws["B3"] = 2024
    _type_row(wb["areas"], 3, id=3807, name="Skien", kind="Kommune")
    _type_row(wb["actors"], 3, id="nav-skien", name="NAV Skien", sector="NAV", owner="Statlig",
              areas=3807, age_min=16, age_max=29)
    _type_row(wb["actors"], 4, id="ot-skien", name="Oppfølgingstjenesten", owner="county",
              areas="3807", age_min=16, age_max=21)
    _type_row(wb["measures"], 3, id="m-samtale", name="Samtalegruppe",
              level="2 – Tidlig innsats", providers="ot-skien, nav-skien",
              keys="Medvirkning, innovation", tees="Tidlig innsats", capacity=40)
    _type_row(wb["links"], 3, source="ot-skien", target="nav-skien", kind="Samarbeidsavtale",
              formal=True, consent="ja", since="2020-09-01")
    wb.save(path)


def test_a_filled_form_reads(tmp_path: Path) -> None:
    path = tmp_path / "skien.xlsx"
    write_template(path, lang="nb")
    _fill_skien(path)
    land = read_excel(path)
    assert land.name == "Skien 2024"
    assert land.year == 2024
    assert land.area("3807").kind == "municipality"
    assert land.actor("nav-skien").owner == "state"
    assert land.actor("nav-skien").sector == "labour_welfare"
    assert land.actor("nav-skien").areas == ("3807",)
    m = land.measure("m-samtale")
    assert m.level == sk.Level.EARLY
    assert m.providers == ("ot-skien", "nav-skien")
    assert m.keys == ("participation", "innovation")
    assert m.tees == ("early",)
    assert m.capacity == 40
    link = land.links[0]
    assert (link.kind, link.formal, link.consent, link.since) == (
        "agreement", True, True, "2020-09-01")


def test_three_typical_mistakes_are_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "skien.xlsx"
    write_template(path, lang="nb")
    _fill_skien(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["measures"]
    # 1. a level that does not exist, typed as a number
    _type_row(ws, 4, id="m-a", name="Tiltak A", level=5, providers="ot-skien")
    # 2. a typo in a provider id
    _type_row(ws, 5, id="m-b", name="Tiltak B", level=3, providers="nav-skein")
    # 3. a number typed with a word
    _type_row(ws, 6, id="m-c", name="Tiltak C", level=1, providers="ot-skien",
              capacity="40 plasser")
    wb.save(path)
    with pytest.raises(sk.ValidationError) as e:
        read_excel(path)
    problems = _problems(e)
    assert len(problems) == 3, problems
    assert problems[0].startswith("measures!C4 (level): level 5 does not exist")
    assert problems[1].startswith("measures!D5 (providers): unknown actor id 'nav-skein'")
    assert problems[2] == ("measures!I6 (capacity): '40 plasser' is text, not a number; "
                           "type the number alone (40)")
    assert all(isinstance(p, SheetProblem) for p in e.value.problems)
    first = e.value.problems[0]
    assert isinstance(first, SheetProblem)
    assert (first.sheet, first.row, first.column, first.field) == ("measures", 4, "C", "level")
    assert "3 problems in skien.xlsx" in str(e.value)


def test_spreadsheet_level_problems_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "skien.xlsx"
    write_template(path, lang="en")
    _fill_skien(path)
    wb = openpyxl.load_workbook(path)
    del wb["transitions"]  # a missing sheet
    wb["indicators"]["C1"] = "valeu"  # a header that does not match
    _type_row(wb["actors"], 5, id="skole", name="Skolen", owner="", age_min=16)  # blanks
    _type_row(wb["actors"], 6, id="klubb", name="Klubben", owner="frivilig")  # unknown term
    _type_row(wb["links"], 4, source="ot-skien", target="nav-skien", kind="referral",
              trust="høy")  # text in a number column
    wb.save(path)
    with pytest.raises(sk.ValidationError) as e:
        read_excel(path)
    problems = _problems(e)
    expected = [
        "actors!D5 (owner): required: fill in the owner",
        "actors!G5 (age_max): fill in both age_min and age_max, or neither",
        "actors!D6 (owner): unknown value 'frivilig'",
        "links!I4 (trust): 'høy' is text, not a number",
        "transitions: the sheet 'transitions' is missing",
        "indicators!C1 (valeu): unknown column 'valeu'; did you mean 'value'?",
        "indicators row 1 (value): the required column 'value' is missing from row 1",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert "did you mean 'voluntary'?" in str(e.value)
    assert len(problems) == len(expected), problems


def test_a_blank_row_and_the_label_row_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_template(path, lang="da")
    wb = openpyxl.load_workbook(path)
    ws = wb["actors"]
    _type_row(ws, 10, id="ny", name="Ny aktør", owner="Privat")  # rows 6–9 left blank
    wb.save(path)
    land = read_excel(path)
    assert land.actor("ny").owner == "private"
    assert len(land.actors) == 4


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_round_trip_vestfold_telemark(tmp_path: Path, vt: sk.Landscape, lang: str) -> None:
    path = tmp_path / "vt.xlsx"
    write_template(path, lang=lang, landscape=vt)
    assert read_excel(path) == vt


def test_round_trip_small(tmp_path: Path, data_dir: Path) -> None:
    land = sk.read_json(data_dir / "good" / "small.json")
    path = tmp_path / "small.xlsx"
    write_template(path, lang="nb", landscape=land)
    back = read_excel(path)
    assert back == land
    assert back.to_json() == land.to_json()


# --- several files -------------------------------------------------------------------------------


def _second_municipality(path: Path) -> None:
    """A form for Porsgrunn that refers to an actor of the Skien form."""
    write_template(path, lang="nb")
    wb = openpyxl.load_workbook(path)
    for sheet in SHEETS:
        _clear(wb[sheet])
    wb["landscape"]["B2"] = "Skien 2024"
    _type_row(wb["areas"], 3, id="3806", name="Porsgrunn", kind="municipality")
    _type_row(wb["actors"], 3, id="nav-porsgrunn", name="NAV Porsgrunn", owner="state",
              areas="3806")
    _type_row(wb["links"], 3, source="nav-porsgrunn", target="ot-skien", kind="network")
    wb.save(path)


def test_several_files_are_merged(tmp_path: Path) -> None:
    skien, porsgrunn = tmp_path / "skien.xlsx", tmp_path / "porsgrunn.xlsx"
    write_template(skien, lang="nb")
    _fill_skien(skien)
    _second_municipality(porsgrunn)
    land = read_excel([skien, porsgrunn])
    assert [a.id for a in land.areas] == ["3807", "3806"]
    assert [a.id for a in land.actors] == ["nav-skien", "ot-skien", "nav-porsgrunn"]
    assert len(land.links) == 2
    assert land.name == "Skien 2024"
    assert read_excel([skien, porsgrunn], name="Grenland").name == "Grenland"


def test_duplicate_ids_across_files_name_both_files(tmp_path: Path) -> None:
    skien, porsgrunn = tmp_path / "skien.xlsx", tmp_path / "porsgrunn.xlsx"
    write_template(skien, lang="nb")
    _fill_skien(skien)
    _second_municipality(porsgrunn)
    wb = openpyxl.load_workbook(porsgrunn)
    _type_row(wb["actors"], 4, id="ot-skien", name="OT (again)", owner="county")
    wb.save(porsgrunn)
    with pytest.raises(sk.ValidationError) as e:
        read_excel([skien, porsgrunn])
    problems = _problems(e)
    assert problems == [
        "porsgrunn.xlsx: actors!A4 (id): duplicate id 'ot-skien': also used at actors!A4 in "
        "skien.xlsx (this row is in porsgrunn.xlsx); give each record its own id, or keep it "
        "in one place only"]


# --- writing and errors --------------------------------------------------------------------------


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "form.xlsx"
    write_template(path, lang="nb")
    before = path.read_bytes()

    def fail(self: Any, target: Any) -> None:
        target.write(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError, match="disk full"):
        write_template(path, lang="en")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"], "no temporary file left"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(sk.SamkartError, match="no such file"):
        read_excel(tmp_path / "missing.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a spreadsheet")
    with pytest.raises(sk.SamkartError, match=r"cannot be read as an \.xlsx"):
        read_excel(bad)


def test_missing_openpyxl_names_the_extra(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r'pip install "samkart\[excel\]"'):
        write_template(tmp_path / "x.xlsx")


def test_every_column_has_a_label_and_help_in_every_language() -> None:
    from samkart.io import _excel_text as text
    from samkart.io.excel import _BY_NAME, _help

    for sheet, columns in SHEETS.items():
        assert sheet in text.SHEETS
        for field in columns:
            column = _BY_NAME[sheet][field]
            for lang in ("nb", "da", "en"):
                assert column.label(lang), (sheet, field, lang)
                assert _help(sheet, column, lang), (sheet, field, lang)
    # Help texts name real columns only: no text is left behind for a field that is gone.
    assert {s for s, _c in text.HELP} <= set(SHEETS)
    for sheet, field in text.HELP:
        assert field in SHEETS[sheet], (sheet, field)
    assert set(text.SHARED) <= {c for cs in SHEETS.values() for c in cs}


# --- the columns come from the field table -------------------------------------------------------


def test_sheets_and_labels_come_from_the_field_table(tmp_path: Path) -> None:
    for collection in sk.schema.COLLECTIONS:
        expected: list[str] = []
        for f in sk.schema.fields(collection):
            if f.type == "ages":
                expected += ["age_min", "age_max"]
            elif f.type != "population":
                expected.append(f.name)
        assert list(SHEETS[collection]) == expected
    assert SHEETS["population"] == ("area", "age_min", "age_max", "count")
    path = tmp_path / "form.xlsx"
    write_template(path, lang="da")
    ws = openpyxl.load_workbook(path)["measures"]
    labels = {c.value: ws.cell(row=2, column=c.column).value for c in ws[1]}
    status = sk.schema.field("measures", "status")
    assert labels["status"] == status.label("da")
    assert labels["level"] == sk.schema.field("measures", "level").label("da") + " *"
    assert labels["age_min"] == sk.schema.field("measures", "ages").label("da") + " fra"


def test_new_fields_round_trip(tmp_path: Path) -> None:
    land = sk.Landscape(name="Findings fields", year=2021)
    land.add_area("40", name="VT", kind="county")
    land.add_area("3807", name="Skien", parent="40")
    land.add_actor("ot-vt", name="OT VT", owner="county", areas=["40"])
    land.add_actor("ot-skien", name="OT Skien", owner="county", areas=["3807"])
    land.add_measure("m1", name="Oppfølging", level=3, providers=["ot-skien"])
    frames = land.to_frames()
    frames["areas"]["mapping"] = ["complete", "partial"]
    frames["areas"]["mapped"] = [[], ["labour_welfare"]]
    frames["actors"]["part_of"] = [None, "ot-vt"]
    frames["measures"]["status"] = ["ended"]
    frames["measures"]["until"] = ["2022-06-30"]
    land = sk.from_frames(**frames, name=land.name, year=land.year)
    for lang in ("nb", "en"):
        path = tmp_path / f"{lang}.xlsx"
        write_template(path, lang=lang, landscape=land)
        assert read_excel(path) == land


# --- formulas without a stored result ------------------------------------------------------------


def test_formula_without_stored_result_is_reported(tmp_path: Path) -> None:
    """A form filled by a script (openpyxl writes formulas, never their results) and not
    opened in a spreadsheet program since: the cell is not blank, it has no value yet."""
    path = tmp_path / "skien.xlsx"
    write_template(path, lang="nb")
    _fill_skien(path)
    wb = openpyxl.load_workbook(path)
    _type_row(wb["measures"], 4, id="m-sum", name="Sum", level=1, providers="ot-skien",
              capacity="=20+20")
    wb["landscape"]["B3"] = "=2020+4"
    wb.save(path)
    assert openpyxl.load_workbook(path, data_only=True)["measures"]["I4"].value is None
    with pytest.raises(sk.ValidationError) as e:
        read_excel(path)
    problems = _problems(e)
    assert len(problems) == 2, problems
    assert problems[0].startswith("landscape!B3 (year): the cell holds the formula =2020+4 "
                                  "but no stored result")
    assert problems[1].startswith("measures!I4 (capacity): the cell holds the formula =20+20 "
                                  "but no stored result")
    assert "open it in Excel or LibreOffice and save it" in problems[1]
    first = e.value.problems[1]
    assert isinstance(first, SheetProblem)
    assert (first.sheet, first.row, first.column) == ("measures", 4, "I")


def test_formula_with_stored_result_is_read(tmp_path: Path) -> None:
    """The stored result of a formula is the cell's value: a recalculated form reads."""
    import zipfile

    path = tmp_path / "skien.xlsx"
    write_template(path, lang="nb")
    _fill_skien(path)
    wb = openpyxl.load_workbook(path)
    _type_row(wb["measures"], 4, id="m-sum", name="Sum", level=1, providers="ot-skien",
              capacity="=20+20")
    wb.save(path)
    # Store the result as a spreadsheet program does on saving: <f>20+20</f><v>40</v>.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"<f>20+20</f>" in
                 parts[n])
    parts[sheet] = parts[sheet].replace(b"<f>20+20</f><v></v>", b"<f>20+20</f><v>40</v>") \
        .replace(b"<f>20+20</f><v />", b"<f>20+20</f><v>40</v>") \
        .replace(b"<f>20+20</f></c>", b"<f>20+20</f><v>40</v></c>")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    land = read_excel(path)
    assert land.measure("m-sum").capacity == 40


def test_new_fields_reach_the_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed into the form, the fields of the findings issue reach samkart.from_frames as
    their machine values (checked on the frames, so before the core reads them too)."""
    import samkart.io.excel as excel_module

    path = tmp_path / "skien.xlsx"
    write_template(path, lang="nb")
    _fill_skien(path)
    wb = openpyxl.load_workbook(path)
    _type_row(wb["areas"], 3, mapping="Delvis kartlagt", mapped="labour_welfare; county")
    _type_row(wb["actors"], 4, part_of="nav-skien")
    _type_row(wb["measures"], 3, status="Avsluttet", since="2020-01-01", until="2022-06-30",
              participants=12, participants_kind="stock")
    wb.save(path)
    seen: dict[str, Any] = {}

    def capture(**frames: Any) -> sk.Landscape:
        seen.update(frames)
        return sk.Landscape(name="captured")

    monkeypatch.setattr(excel_module, "from_frames", capture)
    read_excel(path)
    areas, actors, measures = seen["areas"], seen["actors"], seen["measures"]
    assert (areas.loc[0, "mapping"], areas.loc[0, "mapped"]) == (
        "partial", ["labour_welfare", "county"])
    assert actors.loc[1, "part_of"] == "nav-skien"
    assert measures.loc[0, ["status", "since", "until", "participants",
                            "participants_kind"]].tolist() == [
        "ended", "2020-01-01", "2022-06-30", 12, "stock"]


def test_new_fields_are_written(tmp_path: Path, data_dir: Path) -> None:
    """Every column of the field table that to_frames gives is written, as its label; a
    default (status active) is left blank (a stand-in landscape gives the new fields before
    the core does)."""
    land = sk.read_json(data_dir / "good" / "small.json")
    frames = land.to_frames()
    n = len(frames["measures"])
    frames["measures"]["status"] = ["ended"] + ["active"] * (n - 1)
    frames["measures"]["participants_kind"] = ["stock"] + ["flow"] * (n - 1)

    class WithNewFields:
        name, year, currency = land.name, land.year, land.currency

        def to_frames(self) -> dict[str, Any]:
            return frames

    path = tmp_path / "new.xlsx"
    write_template(path, lang="nb", landscape=WithNewFields())  # type: ignore[arg-type]
    ws = openpyxl.load_workbook(path)["measures"]
    columns = {c.value: c.column for c in ws[1]}
    status = [ws.cell(row=r, column=columns["status"]).value for r in range(3, 3 + n)]
    kind = [ws.cell(row=r, column=columns["participants_kind"]).value for r in range(3, 3 + n)]
    assert status == ["Avsluttet"] + [None] * (n - 1)
    assert kind == ["På én dag"] + [None] * (n - 1)
