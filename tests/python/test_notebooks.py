"""Every notebook in examples/notebooks/ runs from top to bottom without an error.

The notebooks are the documentation of each analysis on the Vestfold og Telemark example, so a
notebook that no longer runs is a broken doc. They are executed offline with nbclient in a
temporary directory, so anything they write does not land in the source tree.
"""

from __future__ import annotations

from pathlib import Path

import nbclient  # the 'test' extra: pip install '.[test]'
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "examples" / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "examples/notebooks/ should hold the executed examples"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    errors = [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"
