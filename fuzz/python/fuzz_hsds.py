"""Fuzz target: bytes → an HSDS data package folder → ``samkart.from_hsds`` (docs/fuzzing.md).

The input is the package's files (``datapackage.json`` and the CSV tables) in a container
(``_common``). Every other input is read twice: as it is, and with a default level and owner,
which lets the reader past its first problems to the model's checks."""

from __future__ import annotations

import _common

with _common.instrumented():
    import samkart as sk
    from samkart.io.hsds import _TABLES

FILES = ("datapackage.json", *(f for _names, files in _TABLES.values() for f in files))


def one_input(data: bytes) -> None:
    folder = _common.workdir() / "pakke"
    folder.mkdir()
    _common.write_files(folder, _common.unpack(data), FILES)
    if len(data) % 2:
        _common.guarded(lambda: sk.from_hsds(folder, default_level=2, default_owner="municipal"))
    else:
        _common.guarded(lambda: sk.from_hsds(folder))


if __name__ == "__main__":
    _common.main(one_input)
