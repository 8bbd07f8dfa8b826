"""Batches on an executor (issue 17): prioritize, the bootstrap, the PSA draws and map_areas give
the serial result on a thread pool, a process pool and a Dask cluster, the shared landscape is
pickled once per batch (not once per task), and the result objects pickle."""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import functools
import math
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from test_scenario import V40, V300, build, candidates, keys

import samkart as sk
from samkart import _parallel
from samkart.analysis import flow
from samkart.analysis.scenario import Scenario, prioritize
from samkart.errors import ArgumentError

# --- executors: one of each kind, started once per module -------------------------------------


@pytest.fixture(scope="module")
def threads() -> Iterator[cf.ThreadPoolExecutor]:
    with cf.ThreadPoolExecutor(2) as pool:
        yield pool


@pytest.fixture(scope="module")
def processes() -> Iterator[cf.ProcessPoolExecutor]:
    with cf.ProcessPoolExecutor(2) as pool:
        yield pool


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    cloudpickle = pytest.importorskip("cloudpickle")
    # The workers are new processes that cannot import this test module by name: its functions
    # travel by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@pytest.fixture(params=["threads", "processes", "dask"])
def executor(request: pytest.FixtureRequest) -> Any:
    name = {"threads": "threads", "processes": "processes", "dask": "dask_client"}[request.param]
    return request.getfixturevalue(name)


# --- the adapter --------------------------------------------------------------------------------


def test_chunks_are_contiguous_and_balanced() -> None:
    # 7 items into 3 workers: sizes 3, 2, 2 (divmod(7, 3) = (2, 1): the first gets one more).
    assert _parallel.chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert _parallel.chunks([1, 2], 5) == [[1], [2]]
    assert _parallel.chunks([], 3) == []


def test_worker_count(threads: cf.ThreadPoolExecutor) -> None:
    assert _parallel.worker_count(None) == 1
    assert _parallel.worker_count(threads) == 2


def test_an_executor_of_another_type_is_refused() -> None:
    land = build()
    with pytest.raises(ArgumentError, match="executor must be None"):
        prioritize(land, list(candidates(land).values()), k=1, executor="2 workers")
    with pytest.raises(ArgumentError, match="map_areas: executor"):
        sk.map_areas(land, _count_actors, executor=4)


def test_a_client_is_not_recognised_without_distributed_imported() -> None:
    class Client:  # a look-alike is not a Client
        def scatter(self, *args: object, **kwargs: object) -> None: ...

    assert not _parallel.is_dask_client(Client())


# --- prioritize ---------------------------------------------------------------------------------


def test_prioritize_on_an_executor_is_the_hand_worked_serial_result(executor: Any) -> None:
    land = build()
    c = candidates(land)
    options = [c["agreement"], c["level2"], c["capacity"], c["club"]]
    serial = prioritize(land, options, k=4)
    result = prioritize(land, options, k=4, executor=executor)
    # The hand-worked order of test_scenario: club, agreement, level2; then nothing reduces.
    assert [s.label for s in result.steps] == ["club", "agreement", "level2"]
    assert result.steps[0].severity_reduced == pytest.approx(0.25)
    assert (result.steps[0].runner_up, result.steps[0].runner_up_ratio) == (
        "agreement", pytest.approx(V300 / 200_000),
    )  # fmt: skip
    assert keys(result.steps[1].closed) == [("handoff_unlinked", "3801", None, ("cw", "nav"))]
    assert result.severity_after == pytest.approx(0.6 * V40)
    # ... and identical to the serial run, to the bit.
    assert result.summary() == serial.summary()
    pd.testing.assert_frame_equal(result.to_frame(), serial.to_frame())
    assert [s.severity_reduced for s in result.steps] == [s.severity_reduced for s in serial.steps]
    assert result.landscape == serial.landscape
    assert result.notes == serial.notes


def synthetic_candidates(land: sk.Landscape, n: int) -> list[Scenario]:
    """``n`` agreements between actors three apart, at different costs, and one removal."""
    actors = [a.id for a in land.actors]
    out = [
        Scenario(land).add_link(
            actors[2 * i], actors[2 * i + 3], kind="agreement", formal=True,
            coordinator=actors[2 * i], cost=1000 + 10 * i,
        )
        for i in range(n - 1)
    ]  # fmt: skip
    out.append(Scenario(land).remove_actor(actors[5], cost=5))
    return out


def test_prioritize_on_a_synthetic_landscape_is_identical(executor: Any) -> None:
    land = sk.datasets.synthetic(12, 6)
    options = synthetic_candidates(land, 16)
    serial = prioritize(land, options, k=4)
    result = prioritize(land, options, k=4, executor=executor)
    assert len(serial.steps) == 4
    assert result.summary() == serial.summary()
    assert [s.ratio for s in result.steps] == [s.ratio for s in serial.steps]
    assert result.landscape == serial.landscape


def test_a_candidate_that_no_longer_applies_is_dropped_with_the_same_note(
    processes: cf.ProcessPoolExecutor,
) -> None:
    # Removing the youth club is chosen first (free and it closes isolated_actor); the club's
    # own candidate then names an actor that is gone, so it is dropped with a note.
    land = build()
    c = candidates(land)
    remove = Scenario(land, label="remove youth").remove_actor("youth")
    options = [c["club"], remove, c["agreement"]]
    serial = prioritize(land, options, k=3)
    result = prioritize(land, options, k=3, executor=processes)
    assert result.steps[0].label == "remove youth"
    assert any("no longer applies and was dropped" in n for n in serial.notes)
    assert result.notes == serial.notes
    assert result.summary() == serial.summary()


def test_a_candidate_that_does_not_apply_at_the_start_raises_as_serially(
    processes: cf.ProcessPoolExecutor,
) -> None:
    land = build()
    bad = Scenario(land, label="bad").remove_actor("youth").remove_link("cw", "nav")
    with pytest.raises(ArgumentError, match="prioritize: candidate 'bad'") as serial:
        prioritize(land, [bad], k=1)
    with pytest.raises(ArgumentError, match="prioritize: candidate 'bad'") as parallel:
        prioritize(land, [bad], k=1, executor=processes)
    assert str(parallel.value) == str(serial.value)


def test_prioritize_sends_the_landscape_once_for_every_step(
    processes: cf.ProcessPoolExecutor,
) -> None:
    # Three steps, two chunks a step: six tasks, one pickle of the shared payload.
    land = sk.datasets.synthetic(12, 6)
    _parallel.PICKLES = 0
    result = prioritize(land, synthetic_candidates(land, 10), k=3, executor=processes)
    assert len(result.steps) == 3
    assert _parallel.PICKLES == 1


def test_prioritize_scatters_the_landscape_once_on_dask(dask_client: Any) -> None:
    land = sk.datasets.synthetic(12, 6)
    _parallel.PICKLES = 0
    result = prioritize(land, synthetic_candidates(land, 10), k=3, executor=dask_client)
    assert len(result.steps) == 3
    assert _parallel.PICKLES == 1


def _token(shared: _parallel.Shared[Any], item: int) -> tuple[str, int]:
    return shared.token, item


def test_a_batch_puts_its_value_on_every_dask_worker(dask_client: Any) -> None:
    with _parallel.Batch(dask_client, sk.datasets.synthetic(3, 2)) as batch:
        key = batch._future.key
        holders = dask_client.who_has([batch._future])[key]
        assert len(holders) == 2  # broadcast: one copy per worker, before any task
        results = batch.map(_token, range(6))
    assert results == [(batch.shared.token, i) for i in range(6)]


# --- bootstrap and PSA --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for person in range(200):
        state = "school"
        for year in range(5):
            rows.append((person, year, state))
            if state == "work":
                break
            state = str(rng.choice(["school", "neet", "work"], p=[0.6, 0.2, 0.2]))
    return pd.DataFrame(rows, columns=["id", "year", "state"])


def test_bootstrap_blocks_are_the_serial_replicates(executor: Any, panel: pd.DataFrame) -> None:
    # Replicate r draws from the stream (seed, r) whatever the block it falls in: blocks of 30
    # (30, 30, 30, 30, 10) concatenate to the one serial call, bit for bit.
    serial = flow.bootstrap(panel, "id", "year", "state", reps=130, seed=7, absorbing=["work"])
    blocks = flow.bootstrap(panel, "id", "year", "state", reps=130, seed=7, absorbing=["work"],
                            executor=executor, block=30)
    assert list(blocks.replicates) == list(serial.replicates)
    for key, values in serial.replicates.items():
        np.testing.assert_array_equal(blocks.replicates[key], values)
    assert blocks.rows_filled == serial.rows_filled
    assert blocks.replicates["matrices"].shape == (130, 3, 3)


def test_psa_draws_and_projections_are_the_serial_ones(executor: Any) -> None:
    counts = np.array([[50.0, 10, 5], [3, 30, 7], [0, 0, 1]])
    serial = flow.dirichlet_draws(counts, 75, seed=3, absorbing=[2])
    drawn = flow.dirichlet_draws(counts, 75, seed=3, absorbing=[2], executor=executor, block=20)
    np.testing.assert_array_equal(drawn, serial)
    assert np.allclose(drawn.sum(axis=2), 1.0)
    projected = flow.project_draws(serial, [100, 0, 0], 4, executor=executor, block=20)
    np.testing.assert_array_equal(projected, flow.project_draws(serial, [100, 0, 0], 4))


def test_the_psa_matrices_are_sent_once(processes: cf.ProcessPoolExecutor) -> None:
    counts = np.array([[5.0, 1], [1, 5]])
    _parallel.PICKLES = 0
    flow.dirichlet_draws(counts, 50, seed=1, executor=processes, block=10)
    assert _parallel.PICKLES == 1


def test_a_bad_block_is_refused(threads: cf.ThreadPoolExecutor) -> None:
    with pytest.raises(ArgumentError, match="block must be an integer >= 1"):
        flow.dirichlet_draws(np.eye(2), 5, executor=threads, block=0)


# --- map_areas ----------------------------------------------------------------------------------


def _count_actors(land: sk.Landscape, area: str) -> int:
    return sum(area in a.areas for a in land.actors)


def two_municipalities() -> sk.Landscape:
    land = sk.Landscape(name="To kommuner", year=2024, currency="NOK")
    land.add_area("40", name="Vestfold og Telemark", kind="county")
    land.add_area("3805", name="Larvik", kind="municipality", parent="40")
    land.add_area("3807", name="Skien", kind="municipality", parent="40")
    for actor, area in (("nav-larvik", "3805"), ("ot-larvik", "3805"), ("nav-skien", "3807")):
        land.add_actor(actor, name=actor, sector="labour_welfare", owner="state", areas=[area])
    return land


def test_map_areas_hand_worked(executor: Any) -> None:
    # Larvik has two actors, Skien one; the county is not a municipality.
    land = two_municipalities()
    assert sk.map_areas(land, _count_actors) == {"3805": 2, "3807": 1}
    assert sk.map_areas(land, _count_actors, executor=executor) == {"3805": 2, "3807": 1}
    assert sk.map_areas(land, _count_actors, "county", executor=executor) == {"40": 0}
    assert sk.map_areas(land, _count_actors, areas=["3807"]) == {"3807": 1}


def test_map_areas_runs_an_analysis_per_municipality(executor: Any) -> None:
    land = sk.datasets.synthetic(8, 4)
    role_map = functools.partial(sk.role_map)
    serial = sk.map_areas(land, role_map)
    parallel = sk.map_areas(land, role_map, executor=executor)
    assert list(parallel) == [a.id for a in land.areas if a.kind == "municipality"]
    for area, roles in serial.items():
        pd.testing.assert_frame_equal(parallel[area].frame, roles.frame)


def test_map_areas_sends_the_landscape_once(processes: cf.ProcessPoolExecutor) -> None:
    land = sk.datasets.synthetic(8, 4)
    _parallel.PICKLES = 0
    assert len(sk.map_areas(land, _count_actors, executor=processes)) == 8
    assert _parallel.PICKLES == 1


def test_map_areas_refuses_what_it_cannot_run() -> None:
    land = two_municipalities()
    with pytest.raises(ArgumentError, match="unknown level 'kommune'"):
        sk.map_areas(land, _count_actors, "kommune")
    with pytest.raises(ArgumentError, match="no area of kind 'district'"):
        sk.map_areas(land, _count_actors, "district")
    with pytest.raises(ArgumentError, match="not municipality areas of the landscape: 40"):
        sk.map_areas(land, _count_actors, areas=["40"])


# --- pickling -----------------------------------------------------------------------------------


def round_trip(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def test_gap_reports_pickle(vt: sk.Landscape) -> None:
    report = sk.find_gaps(vt)
    again = round_trip(report)
    assert again.gaps == report.gaps
    assert again.notes == report.notes
    pd.testing.assert_frame_equal(again.to_frame(), report.to_frame())
    assert [f.cause for f in again.findings()] == [f.cause for f in report.findings()]
    gap = report.gaps[0]
    assert round_trip(gap) == gap
    assert round_trip(gap).message("nb") == gap.message("nb")


def test_networks_pickle(vt: sk.Landscape) -> None:
    net = sk.network(vt, kinds=["agreement", "referral"], formal_only=True, collapse_units=True)
    again = round_trip(net)
    assert len(again) == len(net)
    pd.testing.assert_frame_equal(again.degree(), net.degree())
    pd.testing.assert_series_equal(again.betweenness(), net.betweenness())
    assert again.bridges() == net.bridges()
    unfiltered = round_trip(sk.network(vt))
    assert unfiltered.density() == sk.network(vt).density()


def test_flow_models_and_bootstraps_pickle(panel: pd.DataFrame) -> None:
    model = sk.FlowModel.estimate(panel, "id", "year", "state", absorbing=["work"])
    again = round_trip(model)
    pd.testing.assert_frame_equal(again.matrix, model.matrix)
    assert (again.absorbing, again.step) == (model.absorbing, model.step)
    pd.testing.assert_frame_equal(again.absorption_probabilities(),
                                  model.absorption_probabilities())
    assert again.report is not None
    assert model.report is not None
    pd.testing.assert_frame_equal(again.report.counts, model.report.counts)
    boot = flow.bootstrap(panel, "id", "year", "state", reps=20, absorbing=["work"])
    lower, _ = round_trip(boot).interval("absorption_probabilities")
    pd.testing.assert_frame_equal(lower, boot.interval("absorption_probabilities")[0])


def test_scenario_results_pickle() -> None:
    land = build()
    c = candidates(land)
    result = prioritize(land, list(c.values()), k=2)
    again = round_trip(result)
    assert again.summary() == result.summary()
    assert again.landscape == result.landscape
    pd.testing.assert_frame_equal(again.to_frame(), result.to_frame())
    comparison = sk.compare(land, c["agreement"].apply())
    assert round_trip(comparison) == comparison
    assert math.isclose(round_trip(comparison).severity_reduced, comparison.severity_reduced)


# --- one report per municipality, and the command line --------------------------------------------


def reported() -> sk.Landscape:
    """The two municipalities with a measure each and a link, so that the reports have levels,
    a network and findings to show (Vestfold og Telemark's 23 take minutes on a loaded CI)."""
    land = two_municipalities()
    land.add_measure("kvp", name="Kvalifiseringsprogrammet", level=4, providers=["nav-larvik"],
                     ages=(18, 29), capacity=40)
    land.add_measure("ot", name="Oppfølging", level=3, providers=["ot-larvik"], ages=(16, 21))
    land.add_measure("kurs", name="Jobbkurs", level=2, providers=["nav-skien"], ages=(16, 29))
    land.add_link("ot-larvik", "nav-larvik", kind="agreement", formal=True,
                  coordinator="ot-larvik")
    return land


def test_area_reports_on_an_executor_are_the_serial_files(executor: Any, tmp_path: Path) -> None:
    from samkart.report import write_area_reports

    land = reported()
    serial = write_area_reports(land, tmp_path / "serial", "municipality", "en")
    parallel = write_area_reports(land, tmp_path / "parallel", "municipality", "en",
                                  executor=executor)
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.name for p in serial] == [
        "all.html", "3805-larvik.html", "3807-skien.html", "index.html",
    ]  # fmt: skip
    assert "Kvalifiseringsprogrammet" in serial[1].read_text(encoding="utf-8")
    for a, b in zip(serial, parallel, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def run_cli(argv: list[str]) -> int:
    from samkart.cli_analysis import add_commands

    parser = argparse.ArgumentParser(prog="samkart")
    add_commands(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    status: int = args.run(args)
    return status


def test_report_per_area_with_workers_and_a_scheduler(
    dask_client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two.json"
    sk.write_json(reported(), str(path))
    base = ["report", str(path), "--per-area", "municipality", "--lang", "da", "-o"]
    assert run_cli([*base, str(tmp_path / "serial")]) == 0
    assert run_cli([*base, str(tmp_path / "pool"), "--workers", "2"]) == 0
    address = dask_client.scheduler.address
    assert run_cli([*base, str(tmp_path / "dask"), "--scheduler", address]) == 0
    assert capsys.readouterr().out.count("wrote 2 reports") == 3
    for name in ("pool", "dask"):
        for serial in (tmp_path / "serial").iterdir():
            assert (tmp_path / name / serial.name).read_bytes() == serial.read_bytes()
    # The flags need --per-area, and take one way of running at a time.
    out = str(tmp_path / "one.html")
    assert run_cli(["report", str(path), "-o", out, "--workers", "2"]) == 2
    assert "--workers and --scheduler need --per-area" in capsys.readouterr().err
    assert run_cli([*base, out, "--workers", "2", "--scheduler", address]) == 2
    assert run_cli([*base, out, "--workers", "0"]) == 2
