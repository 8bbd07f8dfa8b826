"""The package as a whole: public names, ruff and mypy, the example. The stubs of _core are
generated and checked in test_stubs.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import samkart as sk
from samkart import _core


def test_public_names() -> None:
    assert sk.__version__ == "0.1.0"
    for name in sk.__all__:
        assert hasattr(sk, name), name
    assert sk.read_json is _core.read_json
    assert sk.Landscape is _core.Landscape
    assert isinstance(sk.datasets.vestfold_telemark(), sk.Landscape)
    for cls in (sk.SamkartError, sk.ValidationError, sk.UnknownIdError, sk.SchemaError):
        assert cls.__doc__
        assert cls.__module__ == "samkart.errors"
    for method in ("to_frames", "to_json", "summary", "_repr_html_", "from_json", "validate"):
        assert callable(getattr(sk.Landscape, method))


def run_tool(repo: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", *args], cwd=repo, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def test_ruff(repo: Path) -> None:
    run_tool(repo, "ruff", "check", "python/samkart", "tests/python", "examples/main.py", "tools")


def test_mypy_strict(repo: Path) -> None:
    run_tool(repo, "mypy", "python/samkart")  # strict, as configured in pyproject.toml
    run_tool(repo, "mypy", "--strict", "examples/main.py")
    run_tool(repo, "mypy", "--strict", "tools/stubgen.py")


def test_main_example_runs(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "kart.html"
    done = subprocess.run([sys.executable, str(repo / "examples" / "main.py"), str(out)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Landscape('Vestfold og Telemark'")
    lines = done.stdout.splitlines()
    # The key figures as seed 002 gives them, a part indented under its whole.
    assert (f"{'2,939':>17}  Young people registered with Oppfølgingstjenesten (OT) (2021)"
            in lines)
    assert "                      343  moved into OT's own measures (2021)" in lines
    assert "                2,080  fully unemployed (2021)" in lines
    # 002 §5: "Mer enn 2100", a bound, read as one.
    assert ("  more than 2,100  Young people under 30 on disability benefit (year not stated)"
            in lines)
    assert "16 findings, 12 about the services; the top five:" in lines
    assert sum(1 for line in lines if line[:5].strip().rstrip(".").isdigit()) == 5
    assert f"The council report (nb) is {out.resolve()}" in lines
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_installed_package_imports_outside_the_source_tree(tmp_path: Path) -> None:
    # The package under test is the installed one, not python/samkart of the checkout.
    done = subprocess.run(
        [sys.executable, "-c", "import samkart, sys; print(samkart.__file__); "
         "print(samkart.datasets.vestfold_telemark().name)"],
        cwd=tmp_path, capture_output=True, text=True, check=True)
    path, name = done.stdout.splitlines()
    assert "site-packages" in path
    assert name == "Vestfold og Telemark"


def test_the_flat_layout_names_still_import() -> None:
    """The package is grouped as io → analysis → report, but the flat module paths of 0.x
    (``import samkart.excel``, ``from samkart.mapping import coverage``, old pickles) are the same
    module objects, and ``samkart.<module>`` attributes are unchanged."""
    import importlib

    moved = {"diff": "analysis", "flow": "analysis", "gaps": "analysis", "mapping": "analysis",
             "network": "analysis", "privacy": "analysis", "scenario": "analysis",
             "summary": "analysis", "excel": "io", "export": "io", "frames": "io", "hsds": "io",
             "jsonstat": "io", "survey": "io", "plot": "report"}
    for old, package in moved.items():
        module = importlib.import_module(f"samkart.{old}")
        assert module is importlib.import_module(f"samkart.{package}.{old}"), old
        if old not in ("diff", "network"):  # these two names are the functions, as before
            assert getattr(sk, old) is module, old
    from samkart.mapping import coverage

    assert coverage is sk.coverage
