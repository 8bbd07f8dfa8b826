"""The command line `samkart validate FILE`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samkart.cli import main


def test_valid_file_exits_0(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(data_dir / "good" / "small.json")]) == 0
    out = capsys.readouterr().out
    assert "is valid: 0 errors" in out


def test_file_with_problems_exits_1(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(data_dir / "bad" / "several_problems.json")]) == 1
    out = capsys.readouterr().out
    assert "actors[0] 'ot-skien', field 'areas'" in out
    assert "has problems: 3 errors" in out
    assert main(["validate", str(data_dir / "bad" / "truncated.json")]) == 1
    assert "not valid JSON" in capsys.readouterr().out


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_strict_counts_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import samkart as sk

    land = sk.Landscape("w")
    land.add_area("1", name="A")
    land.add_actor("a", name="A", owner="state", sector="made_up", areas=["1"])
    path = tmp_path / "w.json"
    land.to_json(path)
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    assert "warning" in capsys.readouterr().out


def test_console_script_is_installed(data_dir: Path) -> None:
    script = shutil.which("samkart", path=str(Path(sys.executable).parent))
    assert script is not None, "pip install puts the samkart command beside python"
    done = subprocess.run([script, "validate", str(data_dir / "good" / "small.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "samkart.cli", "validate",
                           str(data_dir / "bad" / "level_0.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "field 'level'" in done.stdout
