"""The command line `samkart validate FILE`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl  # the "excel" extra; the "test" extra installs it
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


@pytest.mark.parametrize("args", [["--version"], ["validate", "good/small.json"],
                                  ["validate", "bad/level_0.json"], ["gaps", "missing.json"]])
def test_python_m_samkart_is_the_samkart_command(data_dir: Path, args: list[str]) -> None:
    """``python -m samkart`` (once: No module named samkart.__main__) runs the same command
    line as ``samkart``: same output, same exit status."""
    script = shutil.which("samkart", path=str(Path(sys.executable).parent))
    assert script is not None
    argv = [str(data_dir / a) if a.endswith(".json") else a for a in args]
    by_module = subprocess.run([sys.executable, "-m", "samkart", *argv], capture_output=True,
                               text=True, check=False, cwd=data_dir)
    by_script = subprocess.run([script, *argv], capture_output=True, text=True, check=False,
                               cwd=data_dir)
    assert "No module named" not in by_module.stderr
    assert (by_module.returncode, by_module.stdout) == (by_script.returncode, by_script.stdout)
    assert by_module.returncode == {"--version": 0, "validate": 0 if "good" in args[-1] else 1,
                                    "gaps": 2}[args[0]]
    if args == ["--version"]:
        assert by_module.stdout.startswith("samkart ")


# --- help, template and convert ------------------------------------------------------------------


def test_help_lists_every_command_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("validate", "template", "convert", "exit status", "0  success",
                 "1  the input has problems", "2  usage error"):
        assert word in out
    for command, words in {"validate": ("--strict", "measures!C7"),
                           "template": ("--lang", "--data", "samkart[excel]"),
                           "convert": ("IN", "OUT", "FILE.xlsx", "FOLDER")}.items():
        assert main([command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "exit status" in out
        for word in words:
            assert word in out, (command, word)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["template", "x.xlsx", "--lang", "sv"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_template_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "form.xlsx"
    assert main(["template", str(out), "--lang", "da"]) == 0
    assert out.exists()
    assert main(["validate", str(out)]) == 0
    assert "is valid: 0 errors" in capsys.readouterr().out


def test_validate_a_form_with_problems(tmp_path: Path, data_dir: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "form.xlsx"
    assert main(["template", str(out), "--data", str(data_dir / "good" / "small.json")]) == 0
    wb = openpyxl.load_workbook(out)
    wb["measures"]["C3"] = 7
    wb.save(out)
    capsys.readouterr()
    assert main(["validate", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "measures!C3 (level): level 7 does not exist" in printed
    assert "has problems: 1 errors" in printed
    assert main(["validate", str(tmp_path / "missing.xlsx")]) == 2


def test_convert_between_the_formats(tmp_path: Path, data_dir: Path) -> None:
    import samkart as sk

    small = data_dir / "good" / "small.json"
    land = sk.read_json(small)
    assert main(["convert", str(small), str(tmp_path / "a.xlsx")]) == 0
    assert main(["convert", str(tmp_path / "a.xlsx"), str(tmp_path / "csv")]) == 0
    assert main(["convert", str(tmp_path / "csv"), str(tmp_path / "b.json")]) == 0
    assert sk.read_json(tmp_path / "b.json") == land
    assert main(["convert", str(tmp_path / "missing.json"), str(tmp_path / "c.json")]) == 2
    assert main(["convert", str(data_dir / "bad" / "level_0.json"),
                 str(tmp_path / "d.json")]) == 1
    assert main(["convert", str(data_dir / "bad" / "truncated.json"),
                 str(tmp_path / "d.json")]) == 1
    assert not (tmp_path / "d.json").exists()
    assert main(["convert", str(small), str(tmp_path / "e.txt")]) == 2
