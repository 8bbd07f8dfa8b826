"""Every reader survives any bytes (issue 18): random mutations (2,000 with
SAMKART_MUTATIONS=2000) of a valid input through each reader, in a subprocess so that a crash
of the compiled core is caught too, and the inputs of fuzz/regressions/ replayed.

The mutations: bytes flipped, the input cut short, partial UTF-8 sequences inserted, a part
duplicated, and for spreadsheets the zip file itself broken (its directory and headers
mutated). Each mutated input goes through the fuzz target's ``one_input``
(fuzz/python/fuzz_<reader>.py), which checks the invariant: a whole, valid result (a landscape
that validates and round-trips through JSON) or a ``SamkartError`` with a valid message; any
other exception fails the test with the input that raised it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FUZZ = REPO / "fuzz" / "python"
CORPUS = FUZZ / "corpus"
READERS = ("fuzz_json", "fuzz_excel", "fuzz_csv_folder", "fuzz_hsds", "fuzz_frames",
           "fuzz_jsonstat", "fuzz_survey")
# 2,000 per reader is the bar: scripts/test.sh (the README's test command, CI) sets
# SAMKART_MUTATIONS=2000; a plain pytest tries 300, which keeps a developer's run short.
MUTATIONS = int(os.environ.get("SAMKART_MUTATIONS", "300"))

# Runs in the subprocess: mutate the seeds, feed each input to the target, report counts.
WORKER = textwrap.dedent('''
    import json, random, sys, traceback, zipfile
    sys.path.insert(0, sys.argv[1])
    args = json.loads(sys.argv[2])
    import _common
    target = __import__(args["target"])
    seeds = [open(p, "rb").read() for p in args["seeds"]]
    rng = random.Random(args["seed"])
    PARTIAL = [b"\\xc3", b"\\xe2\\x82", b"\\xf0\\x9f\\x98", b"\\xed\\xa0\\x80", b"\\xff"]

    def mutate(data):
        data = bytearray(data)
        kind = rng.randrange(5)
        if kind == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(data))
                data[i] ^= 1 << rng.randrange(8)
        elif kind == 1:  # truncate
            del data[rng.randrange(len(data) + 1):]
        elif kind == 2:  # a partial UTF-8 sequence
            i = rng.randrange(len(data) + 1)
            data[i:i] = rng.choice(PARTIAL)
        elif kind == 3 and data:  # a span repeated or removed
            i = rng.randrange(len(data))
            j = min(len(data), i + rng.randint(1, 64))
            if rng.random() < 0.5:
                data[i:i] = data[i:j]
            else:
                del data[i:j]
        elif data:  # a random byte overwritten
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)

    counts = {"inputs": 0}
    for n in range(args["n"]):
        data = rng.choice(seeds)
        if args["zip"] and n % 2:  # the zip file itself, broken
            data = open(_common.make_xlsx(data, _common.workdir() / "x.xlsx"), "rb").read()
        data = mutate(data)
        try:
            target.one_input(data)
        except BaseException:
            sys.stdout.write(json.dumps({"finding": data.hex(),
                                         "traceback": traceback.format_exc()}))
            sys.exit(1)
        counts["inputs"] += 1
    sys.stdout.write(json.dumps(counts))
''')


def _seeds(target: str) -> list[Path]:
    return sorted(p for p in (CORPUS / target).iterdir() if p.is_file())


def _run(target: str, n: int, seed: int) -> dict[str, object]:
    args = {"target": target, "seeds": [str(p) for p in _seeds(target)], "n": n,
            "seed": seed, "zip": target in ("fuzz_excel", "fuzz_survey")}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", WORKER, str(FUZZ), json.dumps(args)],
                          capture_output=True, text=True, timeout=900, env=env, check=False)
    if done.returncode != 0:
        found = json.loads(done.stdout) if done.stdout.startswith("{") else {}
        pytest.fail(f"{target}: exit {done.returncode}\n{found.get('traceback', '')}\n"
                    f"input (hex): {str(found.get('finding', ''))[:2000]}\n"
                    f"stderr: {done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("target", READERS)
def test_random_mutations_give_a_valid_result_or_a_samkart_error(target: str) -> None:
    pytest.importorskip("openpyxl")
    counts = _run(target, MUTATIONS, seed=18)
    assert counts["inputs"] == MUTATIONS


def _regressions() -> list[tuple[str, Path]]:
    root = REPO / "fuzz" / "regressions"
    return [(t, p) for t in READERS if (root / t).is_dir()
            for p in sorted((root / t).iterdir()) if p.is_file() and p.name != "README.md"]


@pytest.mark.parametrize(("target", "path"), _regressions(),
                         ids=[f"{t}/{p.name}" for t, p in _regressions()])
def test_fuzz_regressions_replay(target: str, path: Path) -> None:
    """Each input that once broke a reader (fuzz/regressions/<target>/) now gives a valid
    result or a SamkartError, through the same target."""
    sys.path.insert(0, str(FUZZ))
    try:
        module = __import__(target)
        module.one_input(path.read_bytes())
    finally:
        sys.path.remove(str(FUZZ))


def test_every_reader_has_a_target_a_corpus_and_a_regression_folder() -> None:
    for target in READERS:
        assert (FUZZ / f"{target}.py").is_file()
        assert _seeds(target), target
        assert (REPO / "fuzz" / "regressions" / target / "README.md").is_file(), target
