"""Landscapes that ship with samkart, and the real areas of Norway and Denmark."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from samkart import _core
from samkart import areas as _areas
from samkart._core import Landscape
from samkart.areas import areas, crosswalk, recode
from samkart.errors import ArgumentError

__all__ = ["areas", "crosswalk", "danish_municipality", "recode", "synthetic", "vestfold_telemark"]


def vestfold_telemark() -> Landscape:
    """Vestfold og Telemark county (Norway) as the seeds describe it.

    The county, its 23 municipalities, the county's services with Oppfølgingstjenesten's five
    departments, NAV, the two 2020 agreements, hand-overs with volumes from the OT figures and
    the indicators of seed 002 §5, each cited. Records that are not in the seeds are plausible
    and marked ``illustrative``. The data is ``examples/data/vestfold_telemark.json``, compiled
    into the library.
    """
    return _core.vestfold_telemark()


def danish_municipality() -> Landscape:
    """An illustrative Danish municipality built from seed 003 (KL, August 2024).

    The youth effort as 003 and its partnership describe it: the municipality's KUI
    (*kommunal ungeindsats*), the coordinating actor for young people under 25, with its
    guidance unit; the jobcenter; the FGU institution, a vocational school and a gymnasium,
    which are self-governing (owner ``"self_governing"``); the national partners KL,
    Børne- og Undervisningsministeriet, FGU Danmark, Modstrøm and Autisme Ungdom; measures at
    the four levels (education plan, target-group assessment, FGU's tracks, course plan,
    mentor, the jobcenter's effort), the reporting of dropout risk from the educations to KUI,
    and hand-overs.

    **Illustrative.** The area is real (Holbæk, kommunekode 0316, in Region Sjælland) so that
    maps draw it, but every actor, measure, link and hand-over in it is marked
    ``illustrative`` and says nothing about Holbæk Kommune's actual services; each citation
    says which part comes from 003. The national partners are 003's and not illustrative; the
    one figure, about 15 % of those who drop out of a youth education ending up unemployed
    (indicator ``dropout_unemployed_share`` of ``DK``), is 003's. Only the field of 003 was
    mapped (``mapping="partial"``), so the gap analysis claims no missing level or age.
    The data is ``examples/data/danish_municipality.json``, compiled into the library.
    """
    return _core.danish_municipality()


def _area_rows(spec: str | pd.DataFrame) -> list[tuple[str, str, str, str | None]]:
    if isinstance(spec, str):
        country, _, year = spec.partition("-")
        if year and not year.isdigit():
            msg = (f"synthetic: areas={spec!r}; give a country and year such as 'no-2024', "
                   "'no-2020' or 'dk', an int, or a DataFrame of areas")
            raise ArgumentError(msg)
        frame = _areas.areas(country, int(year) if year else 2024)
    else:
        frame = spec
    missing = [c for c in ("id", "name") if c not in frame.columns]
    if missing:
        msg = f"synthetic: the areas frame has no column {', '.join(missing)}"
        raise ArgumentError(msg)
    kinds = frame["kind"] if "kind" in frame.columns else pd.Series("municipality",
                                                                   index=frame.index)
    parents = frame["parent"] if "parent" in frame.columns else pd.Series(None, index=frame.index)
    return [(str(i), str(n), str(k), None if p is None or p != p else str(p))
            for i, n, k, p in zip(frame["id"], frame["name"], kinds, parents, strict=True)]


def synthetic(areas: int | str | pd.DataFrame, actors_per_area: int,
              seed: int = 0) -> Landscape:
    """A deterministic synthetic landscape for scale tests.

    With an int: one country, counties of 25, ``areas`` made-up municipalities. With real
    areas (``"no-2024"``, ``"no-2020"``, ``"dk"``, or a DataFrame with ``id, name, kind,
    parent`` such as :func:`areas` returns): those areas as they are, every municipality with
    ``actors_per_area`` actors, grouped into counties by parent. Either way, measures, links and
    transitions in realistic proportions (docs/datasets.md); the same arguments give the same
    landscape on every platform. The actors and the municipalities' populations are synthetic
    and marked ``illustrative``.

    Raises:
        SamkartError: ``areas`` < 1 or no municipality, ``actors_per_area`` < 1, or more
            than 10^7 actors.
        ArgumentError: an unknown country or year in ``areas``, or an unknown kind.
        ValidationError: the given areas are not valid (a parent not among them).
    """
    if isinstance(areas, int) and not isinstance(areas, bool):
        return _core.synthetic(areas, actors_per_area, seed)
    given: object = areas
    if not isinstance(given, str | pd.DataFrame):
        msg = f"synthetic: areas must be an int, 'no-2024' or a DataFrame, not {type(given)}"
        raise ArgumentError(msg)
    # The overload over areas (bindings/datasets.cpp), whatever the stubs of _core declare.
    over_areas: Callable[..., Landscape] = _core.synthetic
    return over_areas(_area_rows(given), actors_per_area, seed)
