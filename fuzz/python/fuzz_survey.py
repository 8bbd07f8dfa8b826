"""Fuzz target: bytes → ``samkart.read_survey``, from a filled form (.xlsx) or a long CSV
table (docs/fuzzing.md).

An input whose container holds workbook parts (``xl/...``), or that starts with ``PK``, is a
form; any other input is the CSV table. Inputs of odd length are read against the landscape
the seed forms were written from, the others without one."""

from __future__ import annotations

from typing import Any

import _common

with _common.instrumented():
    import samkart as sk
    from samkart.io.survey import SurveyResult

LAND = _common.ROOT / "fuzz" / "python" / "survey_land.json"


def _check(result: Any) -> None:
    assert isinstance(result, SurveyResult), type(result)


def one_input(data: bytes) -> None:
    folder = _common.workdir()
    parts = _common.unpack(data)
    if data.startswith(b"PK") or any(n.startswith(("xl/", "[Content")) for n, _c in parts):
        path = _common.make_xlsx(data, folder / "a.xlsx")
    else:
        path = folder / "svar.csv"
        path.write_bytes(data)
    land = sk.read_json(LAND) if len(data) % 2 else None
    _common.guarded(lambda: sk.read_survey(path, land), _check)


if __name__ == "__main__":
    _common.main(one_input)
