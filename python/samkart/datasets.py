"""Landscapes that ship with samkart."""

from __future__ import annotations

from samkart import _core
from samkart._core import Landscape

__all__ = ["synthetic", "vestfold_telemark"]


def vestfold_telemark() -> Landscape:
    """Vestfold og Telemark county (Norway) as the seeds describe it.

    The county, its 23 municipalities, the county's services with Oppfølgingstjenesten's five
    departments, NAV, the two 2020 agreements, hand-overs with volumes from the OT figures and
    the indicators of seed 002 §5, each cited. Records that are not in the seeds are plausible
    and marked ``illustrative``. The data is ``examples/data/vestfold_telemark.json``, compiled
    into the library.
    """
    return _core.vestfold_telemark()


def synthetic(areas: int, actors_per_area: int, seed: int = 0) -> Landscape:
    """A deterministic synthetic landscape for scale tests.

    One country, counties, ``areas`` municipalities with ``actors_per_area`` actors each, and
    measures, links and transitions in realistic proportions. The same arguments give the same
    landscape on every platform.

    Raises:
        SamkartError: ``areas`` < 1 or ``actors_per_area`` < 1, or more than 10^7 actors.
    """
    return _core.synthetic(areas, actors_per_area, seed)
