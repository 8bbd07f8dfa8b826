"""Fuzz target: bytes → ``samkart.read_json`` (a file) and ``samkart.from_json_string`` (the
bytes decoded, bad UTF-8 replaced), through the Python bindings (docs/fuzzing.md)."""

from __future__ import annotations

import _common

with _common.instrumented():
    import samkart as sk


def one_input(data: bytes) -> None:
    path = _common.workdir() / "mapping.json"
    path.write_bytes(data)
    _common.guarded(lambda: sk.read_json(path))
    _common.guarded(lambda: sk.from_json_string(data.decode("utf-8", "replace")))


if __name__ == "__main__":
    _common.main(one_input)
