"""The documentation site builds without a warning, and every public name has a docstring.

The site (docs/, Sphinx + MyST, the notebooks shown with their stored outputs) is built with
warnings as errors, as CI does; it needs the 'docs' extra (sphinx, myst-nb, furo).
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import types
from pathlib import Path

import pytest

import samkart

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "examples" / "notebooks").glob("*.ipynb"))

# Public names that are data, not code: a docstring is the type's, not theirs.
DATA_NAMES = {
    name
    for name in samkart.__all__
    if not isinstance(getattr(samkart, name), type | types.ModuleType)
    and not callable(getattr(samkart, name))
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(REPO / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"the docs build failed:\n{result.stderr}{result.stdout}"
    return out


def test_site_has_the_pages(site: Path) -> None:
    for page in ["index", "api", "_generated/cpp-api", "nb", "getting-started", "gaps"]:
        assert (site / f"{page}.html").is_file(), page


def test_site_shows_every_notebook(site: Path) -> None:
    assert NOTEBOOKS
    for notebook in NOTEBOOKS:
        page = site / "_generated" / "notebooks" / f"{notebook.stem}.html"
        assert page.is_file(), notebook.name


def test_api_page_documents_every_public_name(site: Path) -> None:
    html = (site / "api.html").read_text(encoding="utf-8")
    for name in samkart.__all__:
        if name in DATA_NAMES and name != "GAP_KINDS":
            continue  # __version__ is in the page title, not the reference
        # A module is documented under its own path (samkart.io.excel for samkart.excel).
        module = getattr(getattr(samkart, name), "__name__", f"samkart.{name}")
        anchors = (f'id="samkart.{name}"', f'id="module-{module}"')
        assert any(anchor in html for anchor in anchors), name


def test_cpp_page_lists_every_public_header(site: Path) -> None:
    html = (site / "_generated" / "cpp-api.html").read_text(encoding="utf-8")
    include = REPO / "include"
    for header in (include / "samkart").rglob("*.hpp"):
        if "detail" not in header.parts:
            assert header.relative_to(include).as_posix() in html, header.name
    # The declarations are there too, not only the file comments.
    assert "from_records" in html
    assert "find_gaps" in html


@pytest.mark.parametrize("name", sorted(set(samkart.__all__) - DATA_NAMES))
def test_public_name_has_a_docstring(name: str) -> None:
    assert inspect.getdoc(getattr(samkart, name)), f"samkart.{name} has no docstring"
