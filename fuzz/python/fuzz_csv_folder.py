"""Fuzz target: bytes → a folder of CSV files → ``samkart.read_csv_folder`` (docs/fuzzing.md).

The input is the folder's files in a container (``_common``); names other than the folder's
files are mapped onto them."""

from __future__ import annotations

import _common

with _common.instrumented():
    import samkart as sk
    from samkart.io.export import CSV_COLUMNS

FILES = tuple(f"{t}.csv" for t in CSV_COLUMNS)


def one_input(data: bytes) -> None:
    folder = _common.workdir()
    _common.write_files(folder, _common.unpack(data), FILES)
    _common.guarded(lambda: sk.read_csv_folder(folder))


if __name__ == "__main__":
    _common.main(one_input)
