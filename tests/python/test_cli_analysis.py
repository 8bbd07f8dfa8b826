"""``samkart gaps`` and ``samkart report`` (samkart.cli_analysis) through a small argparse
harness: the exit codes scripts rely on, the formats, suppression by default."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

import samkart as sk
from samkart.cli_analysis import add_commands


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="samkart")
    commands = parser.add_subparsers(dest="command", required=True)
    add_commands(commands)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    status: int = args.run(args)
    return status


@pytest.fixture(scope="module")
def vt_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "vt.json"
    sk.write_json(sk.datasets.vestfold_telemark(), str(path))
    return path


@pytest.fixture(scope="module")
def no_gaps_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Every level at every age, with participation, two linked actors: nothing missing.
    land = sk.Landscape(name="Whole")
    land.add_area("m", name="Helby", kind="municipality")
    land.add_actor("a", name="A", owner="municipal", areas=["m"])
    land.add_actor("b", name="B", owner="municipal", areas=["m"])
    for level in range(1, 5):
        land.add_measure(f"m{level}", name=f"M{level}", level=level, providers=["a"],
                         ages=(0, 29), keys=["participation"], capacity=10)
    land.add_link("a", "b", kind="agreement", formal=True, coordinator="a")
    path = tmp_path_factory.mktemp("cli") / "whole.json"
    sk.write_json(land, str(path))
    return path


@pytest.fixture(scope="module")
def small_handoff_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    land = sk.Landscape(name="Tiny")
    land.add_area("m", name="Mørkeby", kind="municipality")
    for a in ("school", "ot", "nav"):
        land.add_actor(a, name=a.upper(), owner="county", areas=["m"])
    land.add_measure("m1", name="Tiltak", level=1, providers=["school"])
    land.add_transition("school", "ot", volume=3)
    land.add_link("school", "nav", kind="network")
    land.add_link("ot", "nav", kind="network")
    path = tmp_path_factory.mktemp("cli") / "tiny.json"
    sk.write_json(land, str(path))
    return path


def test_gaps_table_exit_1(vt_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(vt_file), "--lang", "en", "--top", "3"]) == 1
    out = capsys.readouterr().out.splitlines()
    total = len(sk.find_gaps(sk.datasets.vestfold_telemark()))
    # Findings first (issue 13), then the gaps.
    assert out[0] == "Findings:"
    gaps_at = out.index("Gaps:")
    assert len(out) - gaps_at == 5
    assert out[gaps_at + 1].startswith("  1. 0.80 age_cliff [Færder]: The level 3 measures")
    assert out[-1] == f"{vt_file}: {total} gaps, 3 shown"


def test_top_limits_the_findings_listed_not_what_they_hold(
        vt_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A finding is built from every gap found; --top 1 lists the first service finding and the
    # first data finding, each with all its gaps.
    assert run(["gaps", str(vt_file), "--format", "json", "--top", "1"]) == 1
    doc = json.loads(capsys.readouterr().out)
    full = sk.find_gaps(sk.datasets.vestfold_telemark()).findings()
    first = {c: next(f for f in full if f.category == c) for c in ("service", "data")}
    assert [f["category"] for f in doc["findings"]] == ["service", "data"]
    for f in doc["findings"]:
        assert f["gaps"] == len(first[f["category"]].gaps)
    assert len(doc["gaps"]) == 1


def test_gaps_none_exit_0(no_gaps_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(no_gaps_file)]) == 0
    assert capsys.readouterr().out.strip() == f"{no_gaps_file}: 0 gaps"


def test_min_severity_decides_the_exit_code(vt_file: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(vt_file), "--min-severity", "0.8", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["found"] == len(doc["gaps"]) == 1
    assert run(["gaps", str(vt_file), "--min-severity", "1"]) == 0


def test_gaps_json_and_csv(vt_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(vt_file), "--format", "json", "--lang", "da", "--top", "5"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["gaps"]) == 5
    assert doc["gaps"][0]["kind"] == "age_cliff"
    assert doc["gaps"][0]["message"].startswith("Indsatserne på niveau 3")
    assert doc["findings"][0]["category"] == "service"
    assert isinstance(doc["gaps"][0]["actors"], list)
    assert run(["gaps", str(vt_file), "--format", "csv", "--top", "4"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4
    assert rows[0]["kind"] == "age_cliff"
    assert float(rows[0]["severity"]) == 0.8


def test_gaps_hides_small_volumes(small_handoff_file: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(small_handoff_file), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "handoff_unlinked" in out
    assert "3 young people" not in out
    assert ": young people a year go from SCHOOL to OT" in out
    assert run(["gaps", str(small_handoff_file), "--lang", "en", "--no-suppress",
                "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    handoff = next(g for g in doc["gaps"] if g["kind"] == "handoff_unlinked")
    assert handoff["value"] == 3
    assert handoff["message"].startswith("3 young people")
    assert run(["gaps", str(small_handoff_file), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    handoff = next(g for g in doc["gaps"] if g["kind"] == "handoff_unlinked")
    assert handoff["value"] is None


def test_unreadable_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(tmp_path / "missing.json")]) == 2
    assert "samkart:" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"samkart": 1, "name": "x", "actors": [', encoding="utf-8")
    assert run(["gaps", str(broken)]) == 2
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps({"samkart": 1, "name": "x", "measures": [
        {"id": "m", "name": "M", "level": 1, "providers": ["nobody"]}]}), encoding="utf-8")
    assert run(["report", str(invalid), "-o", str(tmp_path / "r.html")]) == 2
    assert "nobody" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    odd = tmp_path / "notes.txt"
    odd.write_text("hello", encoding="utf-8")
    assert run(["gaps", str(odd)]) == 2


def test_bad_usage_exit_2(vt_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", str(vt_file), "--lang", "sv"]) == 2
    assert run(["gaps", str(vt_file), "--format", "xml"]) == 2
    assert run(["gaps", str(vt_file), "--top", "-1"]) == 2
    assert run(["gaps", str(vt_file), "--min-severity", "2"]) == 2
    assert run(["report", str(vt_file)]) == 2  # -o is required
    capsys.readouterr()


def test_report_written_exit_0(vt_file: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "vt.html"
    assert run(["report", str(vt_file), "-o", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert 'id="findings"' in text
    assert 'id="keyfigures"' in text
    assert "cannot be worked out from the totals" in text
    assert run(["report", str(vt_file), "-o", str(out), "--no-suppress"]) == 0
    assert "suppress_below=0" in out.read_text(encoding="utf-8")


def test_report_one_area_and_per_area(vt_file: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "skien.html"
    assert run(["report", str(vt_file), "-o", str(out), "--area", "3807"]) == 0
    assert "Tjenestekart for unge: Skien" in out.read_text(encoding="utf-8")
    assert run(["report", str(vt_file), "-o", str(out), "--area", "9999"]) == 2
    assert "unknown area '9999'" in capsys.readouterr().err
    folder = tmp_path / "kommuner"
    assert run(["report", str(vt_file), "-o", str(folder), "--per-area", "municipality",
                "--lang", "da"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("wrote 23 reports")
    assert "\r[" not in printed.err  # no progress bar when stderr is not a terminal
    index = (folder / "index.html").read_text(encoding="utf-8")
    land = sk.read_json(str(vt_file))
    for a in land.areas:
        if a.kind == "municipality":
            assert f">{a.name}</a>" in index
            assert any(p.name.startswith(f"{a.id}-") for p in folder.iterdir())
    assert run(["report", str(vt_file), "-o", str(folder), "--per-area", "municipality",
                "--area", "3807"]) == 2  # one or the other


def test_progress_bar_only_on_a_terminal() -> None:
    from samkart.report._areas import ProgressBar

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = ProgressBar(2, stream=stream, width=4)
        bar(1, "Skien")
        bar(2, "Siljan")
    assert pipe.getvalue() == ""
    assert tty.getvalue().startswith("\r[##..] 1/2 Skien")
    assert tty.getvalue().endswith("\r[####] 2/2 Siljan" + " " * 24 + "\n")


def test_report_unwritable_exit_2(vt_file: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["report", str(vt_file), "-o", str(tmp_path / "no" / "such" / "r.html")]) == 2
    assert "samkart:" in capsys.readouterr().err


def test_help_lists_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["gaps", "--help"]) == 0
    text = capsys.readouterr().out
    assert "exit status" in text
    assert "1  gaps found" in text
    assert run(["report", "--help"]) == 0
    assert "0  the report was written" in capsys.readouterr().out
