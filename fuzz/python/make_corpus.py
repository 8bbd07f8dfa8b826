"""Write the seed corpora of the Python fuzz targets into ``fuzz/python/corpus/<target>/``
from the test data and the examples (run once; the seeds are committed):

    PYTHONPATH=python python fuzz/python/make_corpus.py

Each seed is a few kB, so that the fuzzer mutates small inputs; the readers' larger inputs
(the Vestfold og Telemark data set) are the C++ target's seeds."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import _common

import samkart as sk
from samkart.io.excel import write_template

ROOT = _common.ROOT
DATA = ROOT / "tests" / "data"
CORPUS = Path(__file__).resolve().parent / "corpus"


def small() -> sk.Landscape:
    """tests/data/good/small.json: a few records of every kind."""
    return sk.read_json(DATA / "good" / "small.json")


def xlsx_container(path: Path) -> bytes:
    """The parts of a workbook, as the container the spreadsheet targets zip again."""
    with zipfile.ZipFile(path) as z:
        return _common.pack((n, z.read(n)) for n in z.namelist())


def folder_container(folder: Path, pattern: str = "*") -> bytes:
    return _common.pack((p.name, p.read_bytes()) for p in sorted(folder.glob(pattern))
                        if p.is_file() and p.suffix in (".csv", ".json"))


def typed(value: object) -> str:
    """A frame's cell in the typed notation of fuzz_frames.py."""
    if value is None or (isinstance(value, float) and value != value):
        return "n:"
    if isinstance(value, bool):
        return f"b:{int(value)}"
    if isinstance(value, int):
        return f"i:{value}"
    if isinstance(value, float):
        return f"f:{value!r}"
    if isinstance(value, list | tuple):
        return "l:" + ";".join(typed(v) for v in value)
    return str(value)


def frames_container(land: sk.Landscape) -> bytes:
    files = []
    for name, frame in land.to_frames().items():
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(frame.columns)
        for row in frame.itertuples(index=False):
            w.writerow([typed(v.tolist() if hasattr(v, "tolist") else v) for v in row])
        files.append((name, out.getvalue().encode()))
    return _common.pack(files)


def write(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def survey_seeds(tmp: Path) -> None:
    import openpyxl

    land = sk.Landscape(name="Eksempelkommune", year=2021, currency="NOK")
    land.add_area("40", name="Fylket", kind="county")
    land.add_area("4001", name="Kommunen", kind="municipality", parent="40")
    for ident, label, owner in (("a", "OT", "county"), ("b", "NAV", "state"),
                                ("c", "Skolen", "county")):
        land.add_actor(ident, name=label, owner=owner, areas=["4001"])
    land.to_json(CORPUS.parent / "survey_land.json")
    sk.write_survey(land, tmp, lang="nb", respondents=["a"], date="2021-11-01")
    wb = openpyxl.load_workbook(tmp / "a.xlsx")
    ws = wb["Svar"]
    for row, values in ((3, (3, 4, 3, 2, 2, 2, 2)), (4, (0,))):
        for k, v in enumerate(values):
            ws.cell(row=row, column=3 + k, value=v)
    wb.save(tmp / "a.xlsx")
    write("fuzz_survey", "form-a.xlsx.parts", xlsx_container(tmp / "a.xlsx"))
    rows = ["respondent,partner,item,value"]
    rows += [f"a,b,{item},{v}" for item, v in zip(sk.survey.ITEMS, (3, 4, 3, "dk", 2, 2, 2),
                                                   strict=True)]
    rows += ["b,a,contact,1", "b,c,contact,0"]
    write("fuzz_survey", "long.csv", ("\n".join(rows) + "\n").encode())


def main() -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    land = small()
    for f in ("good/small.json", "mapping_fixture.json", "bad/truncated.json",
              "bad/not_utf8.json", "bad/duplicate_id.json", "bad/unknown_enum.json",
              "bad/several_problems.json"):
        write("fuzz_json", f.replace("/", "-"), (DATA / f).read_bytes())
    for f in sorted((DATA / "jsonstat").glob("*.json")):
        write("fuzz_jsonstat", f.name, f.read_bytes())
    write("fuzz_hsds", "tests-data-hsds", folder_container(DATA / "hsds"))
    write("fuzz_hsds", "openreferral-sample", folder_container(DATA / "hsds" /
                                                                "openreferral-sample"))
    write("fuzz_frames", "small", frames_container(land))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sk.write_csv_folder(land, tmp / "csv")
        write("fuzz_csv_folder", "small", folder_container(tmp / "csv"))
        write_template(tmp / "small.xlsx", "en", land)
        write("fuzz_excel", "small-en.xlsx.parts", xlsx_container(tmp / "small.xlsx"))
        write_template(tmp / "example.xlsx", "nb")
        write("fuzz_excel", "template-nb.xlsx.parts", xlsx_container(tmp / "example.xlsx"))
        survey_seeds(tmp / "survey")


if __name__ == "__main__":
    main()
