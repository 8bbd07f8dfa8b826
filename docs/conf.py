"""Sphinx configuration of the samkart documentation site.

Build (warnings are errors, as in CI)::

    python -m sphinx -W --keep-going -b html docs build/docs

The Python API is read from the installed package (``samkart._core`` must import: build the
package first). Two inputs are generated here at every build, into ``docs/_generated/``
(git-ignored): copies of ``examples/notebooks/*.ipynb``, which live outside the source
directory and are shown with their stored outputs, never executed (the test suite executes
them), and the C++ API page, read from the ``///`` comments of ``include/samkart/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import samkart

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
GENERATED = DOCS / "_generated"

project = "samkart"
author = "The samkart developers"
copyright = "the samkart developers"
release = samkart.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_nb",  # MyST Markdown pages and notebooks (includes myst_parser)
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
# No intersphinx: the build must not need the network (CI has none).

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]

# Notebooks are shown as they are stored; the test suite (tests/python/test_notebooks.py)
# executes them.
nb_execution_mode = "off"

myst_enable_extensions = ["colon_fence", "deflist"]
# Pages link to sections by their slug, e.g. datasets.md#synthetic.
myst_heading_anchors = 3

autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# The package's docstrings are Google style (Args:, Returns:, Raises:, Attributes:).
napoleon_google_docstring = True
napoleon_numpy_docstring = True

html_theme = "furo"
html_title = f"samkart {release}"
html_static_path: list[str] = []


# --- generated inputs --------------------------------------------------------------------------


def _write_if_changed(path: Path, text: str) -> None:
    """Write only on change, so that Sphinx does not rebuild an unchanged page."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _copy_notebooks() -> None:
    """Copy the notebooks into the source directory: Sphinx reads documents only from there,
    and symbolic links do not survive on every platform."""
    target = GENERATED / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
    for stale in set(target.glob("*.ipynb")) - {target / s.name for s in sources}:
        stale.unlink()
    for source in sources:
        copy = target / source.name
        if not copy.exists() or copy.read_bytes() != source.read_bytes():
            shutil.copyfile(source, copy)


# A namespace-level declaration starts in column 0 (class members are indented).
_DECLARATION_START = re.compile(
    r"^(template|class|struct|enum|using|inline|constexpr|\[\[|[A-Za-z_])"
)
_NOT_DECLARATION = re.compile(r"^(namespace|extern \"C\"|#)")


def _header_parts(text: str) -> tuple[str, list[str]]:
    """The file comment of a header (the `///` lines after `@file`) and its namespace-level
    declarations, each with its `///` comment, as C++ source (bodies elided)."""
    lines = text.splitlines()
    file_comment: list[str] = []
    i = 0
    while i < len(lines) and not lines[i].startswith("///"):
        i += 1
    while i < len(lines) and lines[i].startswith("///"):
        line = lines[i][3:].removeprefix(" ")
        if not line.startswith("@file"):
            file_comment.append(line)
        i += 1

    declarations: list[str] = []
    comment: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("///"):
            comment.append(line)
            i += 1
            continue
        if not _DECLARATION_START.match(line) or _NOT_DECLARATION.match(line):
            comment = []
            i += 1
            continue
        signature = []
        while i < len(lines):
            signature.append(lines[i].rstrip())
            i += 1
            if signature[-1].endswith((";", "{")):
                break
        if signature[-1].endswith("{"):
            signature[-1] = signature[-1][:-1].rstrip() + " { ... }"
            # Skip the body (its access specifiers stand in column 0) up to its closing brace.
            while i < len(lines) and not lines[i].startswith("}"):
                i += 1
        declarations.append("\n".join(comment + signature))
        comment = []
    return "\n".join(file_comment).strip(), declarations


def _cpp_api_page() -> str:
    include = ROOT / "include" / "samkart"
    out = [
        "# C++ API",
        "",
        "The public headers of `include/samkart/`: each file's comment and its namespace-level",
        "declarations with their `///` comments (generated when the site is built; class",
        "members are documented in the headers themselves).",
        '`#include "samkart/samkart.hpp"` includes everything; link against the CMake target',
        "`samkart::samkart`.",
        "",
    ]
    headers = sorted(p for p in include.rglob("*.hpp") if "detail" not in p.parts)
    for header in headers:
        name = header.relative_to(include.parent).as_posix()
        comment, declarations = _header_parts(header.read_text(encoding="utf-8"))
        out += [f"## `{name}`", ""]
        if comment:
            # A comment line starting with '#' (e.g. "#levels") must not become a heading.
            out += [re.sub(r"^#", r"\\#", line) for line in comment.splitlines()]
            out.append("")
        for declaration in declarations:
            out += ["```cpp", declaration, "```", ""]
    return "\n".join(out)


_copy_notebooks()
_write_if_changed(GENERATED / "cpp-api.md", _cpp_api_page())
