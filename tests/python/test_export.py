"""The CSV folder export for R users, and reading it back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import samkart as sk
from samkart.export import CSV_COLUMNS, read_csv_folder, write_csv_folder


@pytest.mark.parametrize("which", ["vestfold_telemark", "small", "empty"])
def test_round_trip(tmp_path: Path, data_dir: Path, vt: sk.Landscape, which: str) -> None:
    land = {"vestfold_telemark": vt, "small": sk.read_json(data_dir / "good" / "small.json"),
            "empty": sk.Landscape("empty", currency="DKK")}[which]
    write_csv_folder(land, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.csv" for name in CSV_COLUMNS)
    back = read_csv_folder(tmp_path / "out")
    assert back == land
    assert back.to_json() == land.to_json()


def test_files_are_plain_tables(tmp_path: Path, data_dir: Path) -> None:
    write_csv_folder(sk.read_json(data_dir / "good" / "small.json"), tmp_path)
    with (tmp_path / "measures.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    los = next(r for r in rows if r["id"] == "m-los")
    assert los["providers"] == "vgs-skien;ot-skien"
    assert los["tees"] == "tailored;cross_sector"
    assert (los["age_min"], los["age_max"], los["level"]) == ("16", "19", "3")
    assert los["illustrative"] == "FALSE"
    assert los["cost"] == ""
    with (tmp_path / "population.csv").open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f))[1:] == [["40", "16", "25", "52000"], ["3807", "0", "15",
                                                                          "10400"],
                                           ["3807", "16", "25", "6950.5"]]
    assert not (tmp_path / "measures.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_errors_name_file_line_and_column(tmp_path: Path, data_dir: Path) -> None:
    write_csv_folder(sk.read_json(data_dir / "good" / "small.json"), tmp_path)
    path = tmp_path / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",4,nav-skien,", ",5,nav-skien,"),
                    encoding="utf-8")
    with pytest.raises(sk.ValidationError, match=r"measures row 5 \('m-ungdomsteam'\), "
                                                 r"column 'level': level 5 does not exist"):
        read_csv_folder(tmp_path)


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path, vt: sk.Landscape) -> None:
    (tmp_path / "measures.csv").write_text("old", encoding="utf-8")
    write_csv_folder(vt, tmp_path)
    assert all(not p.name.startswith(".") for p in tmp_path.iterdir())
    assert (tmp_path / "measures.csv").read_text(encoding="utf-8").startswith("id,name,level")


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(sk.SamkartError, match="no such folder"):
        read_csv_folder(tmp_path / "missing")
