"""Batches of independent tasks on an executor: the one adapter behind every ``executor=``.

The long, embarrassingly parallel entry points (:func:`samkart.prioritize`, the bootstrap and
the PSA draws of :mod:`samkart.analysis.flow`, :func:`samkart.map_areas`) take ``executor=``:

- ``None`` (the default): the tasks run one after the other in this process, exactly as
  before executors existed;
- a :class:`concurrent.futures.ThreadPoolExecutor`: the tasks share the objects of this
  process (the compute runs in C++ with the GIL released, so threads do run in parallel);
- a :class:`concurrent.futures.ProcessPoolExecutor`: the large object the tasks share (a
  landscape, a panel) is pickled **once** into a temporary file; each task carries only the
  file's name, and each worker process loads it on its first task and keeps it (the
  equivalent of Dask's scatter for a pool on one machine);
- a ``dask.distributed.Client``: the shared object is sent to every worker once with
  ``client.scatter(value, broadcast=True)`` and the tasks are submitted with its future;
- any other ``concurrent.futures.Executor``: the tasks are grouped into one chunk per worker
  and each chunk carries the shared object (so it is pickled once per chunk).

Results come back in the order of the tasks whatever the executor, so a caller that combines
them in order gets the same answer with any executor and any number of workers. ``distributed``
is never imported here: a Client is recognised only when the caller has imported it.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import functools
import os
import pickle
import shutil
import sys
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from samkart._core import Landscape
from samkart._util import private_folder, write_atomic
from samkart.errors import ArgumentError

__all__ = ["Batch", "Shared", "chunks", "is_dask_client", "map_areas", "worker_count"]

T = TypeVar("T")
R = TypeVar("R")

#: How many times a :class:`Shared` value was pickled in this process (tests check that a
#: batch sends its landscape once, not once per task).
PICKLES = 0


class Shared(Generic[T]):
    """A value shared by the tasks of one batch, with a scratch ``memo`` per process.

    ``memo`` (guarded by ``lock``) lets the tasks that run in one process keep what they derive
    from the value (a landscape after the steps chosen so far, converted candidates) from one
    task to the next; it is never pickled, so each process builds its own.
    """

    def __init__(self, value: T) -> None:
        self.value = value
        self.token = uuid.uuid4().hex
        self.memo: dict[str, Any] = {}
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        global PICKLES
        PICKLES += 1
        return {"value": self.value, "token": self.token}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.value = state["value"]
        self.token = state["token"]
        self.memo = {}
        self.lock = threading.Lock()


class _FileRef:
    """A :class:`Shared` pickled into a file: what a process-pool task carries instead."""

    __slots__ = ("path", "token")

    def __init__(self, path: str, token: str) -> None:
        self.path = path
        self.token = token

    def __getstate__(self) -> tuple[str, str]:
        return (self.path, self.token)

    def __setstate__(self, state: tuple[str, str]) -> None:
        self.path, self.token = state


#: Shared values loaded by this (worker) process, by token; the few most recent are kept, so a
#: long-lived pool does not hold every landscape it was ever sent.
_LOADED: OrderedDict[str, Shared[Any]] = OrderedDict()
_LOADED_LOCK = threading.Lock()
_KEEP_LOADED = 4


def _load(ref: _FileRef) -> Shared[Any]:
    with _LOADED_LOCK:
        shared = _LOADED.get(ref.token)
        if shared is None:
            with open(ref.path, "rb") as file:
                shared = pickle.load(file)
            _LOADED[ref.token] = shared
            while len(_LOADED) > _KEEP_LOADED:
                _LOADED.popitem(last=False)
        else:
            _LOADED.move_to_end(ref.token)
        return shared


def _run_ref(func: Callable[[Shared[Any], Any], Any], ref: _FileRef, item: Any) -> Any:
    return func(_load(ref), item)


def _run_chunk(
    func: Callable[[Shared[Any], Any], Any], shared: Shared[Any], items: list[Any]
) -> list[Any]:
    return [func(shared, item) for item in items]


def is_dask_client(executor: object) -> bool:
    """True for a ``distributed.Client`` (without importing distributed: a Client can only
    exist once the caller has imported it)."""
    module = sys.modules.get("distributed")
    return module is not None and isinstance(executor, module.Client)


def worker_count(executor: object) -> int:
    """How many tasks the executor runs at once: 1 for None, the pool's ``max_workers``, the
    Dask cluster's threads (summed over its workers); else ``os.cpu_count()``."""
    if executor is None:
        return 1
    if is_dask_client(executor):
        threads: dict[str, int] = executor.nthreads()  # type: ignore[attr-defined]
        return max(1, sum(threads.values()))
    count = getattr(executor, "_max_workers", None)
    if isinstance(count, int) and count > 0:
        return count
    return max(1, os.cpu_count() or 1)


def check_executor(executor: object, where: str) -> None:
    """Raise ArgumentError unless ``executor`` is None, an Executor or a Dask Client."""
    if executor is None or isinstance(executor, cf.Executor) or is_dask_client(executor):
        return
    raise ArgumentError(
        f"{where}: executor must be None, a concurrent.futures.Executor or a "
        f"dask.distributed.Client, got {type(executor).__name__}"
    )


def chunks(items: Sequence[T], n: int) -> list[list[T]]:
    """``items`` in at most ``n`` contiguous chunks of sizes that differ by at most one, in
    order (so that concatenating the chunks' results gives the results in order)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    out: list[list[T]] = []
    start = 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [c for c in out if c]


class Batch(Generic[T]):
    """Tasks ``func(shared, item)`` on an executor, with ``shared`` sent to each worker once.

    Use as a context manager; :meth:`map` may be called many times (e.g. once per step of a
    greedy search) and sends nothing large again. ``func`` must be picklable (a module-level
    function) for a process pool or a Dask cluster.
    """

    def __init__(self, executor: object, value: T, where: str = "executor") -> None:
        check_executor(executor, where)
        self.executor = executor
        self.shared: Shared[T] = Shared(value)
        self._dir: Path | None = None
        self._ref: _FileRef | None = None
        self._future: Any = None
        if isinstance(executor, cf.ProcessPoolExecutor):
            self._dir = private_folder("samkart-batch-")
            path = self._dir / "shared.pickle"
            dump = functools.partial(pickle.dump, self.shared, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(path, dump, binary=True)
            self._ref = _FileRef(str(path), self.shared.token)
        elif is_dask_client(executor):
            self._future = executor.scatter(  # type: ignore[attr-defined]
                self.shared, broadcast=True, hash=False
            )

    def __enter__(self) -> Batch[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def workers(self) -> int:
        """How many tasks run at once (:func:`worker_count`)."""
        return worker_count(self.executor)

    def map(self, func: Callable[[Shared[T], Any], R], items: Iterable[Any]) -> list[R]:
        """``[func(shared, item) for item in items]``, run on the executor, in order."""
        items = list(items)
        executor = self.executor
        if executor is None:
            return [func(self.shared, item) for item in items]
        if self._ref is not None:
            pool: cf.Executor = executor  # type: ignore[assignment]
            futures = [pool.submit(_run_ref, func, self._ref, item) for item in items]
            return [f.result() for f in futures]
        if self._future is not None:
            client: Any = executor
            futures = [
                client.submit(func, self._future, item, pure=False) for item in items
            ]
            results: list[R] = client.gather(futures)
            return results
        pool = executor  # type: ignore[assignment]
        if isinstance(pool, cf.ThreadPoolExecutor):
            futures = [pool.submit(func, self.shared, item) for item in items]
            return [f.result() for f in futures]
        groups = chunks(items, self.workers)
        parts = [pool.submit(_run_chunk, func, self.shared, group) for group in groups]
        return [result for part in parts for result in part.result()]

    def close(self) -> None:
        """Release what was sent: the scattered data, the temporary file."""
        if self._future is not None:
            future, self._future = self._future, None
            with contextlib.suppress(Exception):  # a cluster already closed
                future.release()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


# --- map_areas -------------------------------------------------------------------------------

#: The area kinds ``map_areas`` accepts as ``level``.
AREA_KINDS = ("country", "county", "municipality", "district")


def _area_task(shared: Shared[tuple[Landscape, Callable[..., Any]]], area: str) -> Any:
    land, func = shared.value
    return func(land, area)


def map_areas(
    land: Landscape,
    func: Callable[[Landscape, str], R],
    level: str = "municipality",
    *,
    areas: Iterable[str] | None = None,
    executor: object = None,
) -> dict[str, R]:
    """``func(land, area_id)`` for every area of kind ``level``, gathered by area id.

    An analysis per area (a role map, the gaps of one municipality, a network, a report file)
    over a whole country: with ``executor`` (a ``concurrent.futures`` executor or a
    ``dask.distributed.Client``) the areas run in parallel, one task per area, and the
    landscape (with ``func``) is sent to each worker once, not once per area
    (``samkart._parallel``). ``func`` must be picklable for processes and clusters: a
    module-level function or a ``functools.partial`` of one, not a lambda.

    Parameters
    ----------
    land : Landscape
    func : callable (land, area_id) -> result
    level : {"country", "county", "municipality", "district"}
        The kind of the areas to run over.
    areas : iterable of str, optional
        Only these area ids (each must be of kind ``level``), in this order.
    executor : None, concurrent.futures.Executor or distributed.Client
        None runs in this process, one area after the other.

    Returns
    -------
    dict
        ``{area_id: func(land, area_id)}``, in landscape order (or the order of ``areas``).

    Raises
    ------
    ArgumentError
        An unknown ``level``, no area of that kind, an area of ``areas`` that is not of that
        kind, an executor of another type.
    """
    if level not in AREA_KINDS:
        raise ArgumentError(f"map_areas: unknown level {level!r}; one of {', '.join(AREA_KINDS)}")
    of_kind = [a.id for a in land.areas if a.kind == level]
    if areas is not None:
        wanted = list(areas)
        allowed = set(of_kind)
        wrong = [a for a in wanted if a not in allowed]
        if wrong:
            raise ArgumentError(
                f"map_areas: not {level} areas of the landscape: {', '.join(map(str, wrong))}"
            )
        of_kind = wanted
    elif not of_kind:
        kinds = sorted({a.kind for a in land.areas})
        raise ArgumentError(
            f"map_areas: the landscape has no area of kind {level!r} (it has: "
            f"{', '.join(kinds) or 'no areas'})"
        )
    check_executor(executor, "map_areas")
    with Batch(executor, (land, func), "map_areas") as batch:
        results = batch.map(_area_task, of_kind)
    return dict(zip(of_kind, results, strict=True))
