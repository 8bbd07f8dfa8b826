"""The stubs of samkart._core are generated (scripts/stubs.sh) and must match the built module."""

from __future__ import annotations

import ast
import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMITTED = Path("python") / "samkart" / "_core.pyi"


def generate(repo: Path, out: Path) -> None:
    done = subprocess.run(["bash", str(repo / "scripts" / "stubs.sh"), str(out)], cwd=repo,
                          env={**os.environ, "PYTHON": sys.executable}, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"scripts/stubs.sh failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def generated(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("stubs") / "_core.pyi"
    generate(repo, out)
    return out.read_text(encoding="utf-8")


def test_committed_stubs_are_current(repo: Path, generated: str) -> None:
    committed = (repo / COMMITTED).read_text(encoding="utf-8")
    if committed != generated:
        diff = "".join(difflib.unified_diff(
            committed.splitlines(keepends=True), generated.splitlines(keepends=True),
            fromfile=f"{COMMITTED} (committed)", tofile=f"{COMMITTED} (from the built module)"))
        pytest.fail(f"{COMMITTED} is not what the bindings generate: run scripts/stubs.sh "
                    f"after installing the package, and commit the result.\n{diff}")


def test_generation_is_deterministic(repo: Path, generated: str, tmp_path: Path) -> None:
    again = tmp_path / "_core.pyi"
    generate(repo, again)
    assert again.read_text(encoding="utf-8") == generated


def test_stubs_are_precise(generated: str) -> None:
    # Nothing that pybind11 could not name (stubgen prints C++ names or bare Python types),
    # and the types the Python layer relies on.
    for vague in ("numpy.ndarray", "std::", "Eigen::", ": object", "-> object", "-> dict:",
                  "-> tuple:", "-> list:", ": tuple =", "ClassVar[Level]"):
        assert vague not in generated, (
            f"_core.pyi contains {vague!r}: name the type or the argument in python/bindings")
    for precise in ("def to_frames(self) -> dict[str, pandas.DataFrame]",
                    "def summary(self, lang: str = \"en\") -> samkart.analysis.summary.Summary",
                    "def severity(self) -> typing.Literal[\"error\", \"warning\"]",
                    "def areas(self) -> tuple[Area, ...]",
                    "def ages(self) -> tuple[int, int] | None",
                    "level: Level | int | str",
                    "@typing.overload"):
        assert precise in generated, f"_core.pyi lacks {precise!r}"


def test_every_public_name_has_a_docstring(generated: str) -> None:
    tree = ast.parse(generated)
    missing = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, ast.FunctionDef | ast.ClassDef):
                continue
            setter = any(isinstance(d, ast.Attribute) and d.attr == "setter"
                         for d in node.decorator_list)  # documented by its getter
            if node.name.startswith("_") or setter:
                continue
            if ast.get_docstring(node) is None:
                missing.append(prefix + node.name)
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")

    visit(tree.body, "")
    assert not missing, f"no docstring in python/bindings for: {', '.join(missing)}"
