"""Fuzz target: bytes → an .xlsx file → ``samkart.read_excel`` (docs/fuzzing.md).

The input is the workbook's parts in a container (``_common``), zipped by the target, or a zip
file itself when it starts with ``PK``."""

from __future__ import annotations

import _common

with _common.instrumented():
    import samkart as sk


def one_input(data: bytes) -> None:
    path = _common.make_xlsx(data, _common.workdir() / "kartlegging.xlsx")
    _common.guarded(lambda: sk.read_excel(path))


if __name__ == "__main__":
    _common.main(one_input)
