"""``Landscape.at(date)``: a mapping as it was on a date.

A single mapping whose links and measures carry ``since``/``until`` can be followed over time:
``land.at("2022-06-01")`` keeps what was in force that day. Attached to
:class:`samkart.Landscape` by ``samkart/__init__.py``; also callable as
``samkart._at.at(land, date)``. The first parameter is named ``self`` so that the generated
stub of ``_core.Landscape`` declares it as the method it is.
"""

from __future__ import annotations

import datetime
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from samkart.errors import ArgumentError
from samkart.io.frames import from_frames

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["at"]


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    msg = (f"at: {value!r} is not a date; give an ISO date (YYYY-MM-DD), e.g. '2022-06-01', "
           "or a datetime.date")
    raise ArgumentError(msg)


def _date_or_none(value: Any) -> dt.date | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return dt.date.fromisoformat(str(value))


def _in_force(since: Any, until: Any, day: dt.date) -> bool:
    """since ≤ day ≤ until, each bound open when absent (both are inclusive days)."""
    start, end = _date_or_none(since), _date_or_none(until)
    return (start is None or start <= day) and (end is None or day <= end)


def at_frames(frames: Mapping[str, pd.DataFrame], day: dt.date) -> dict[str, pd.DataFrame]:
    """The frames of ``to_frames`` as they were on ``day`` (see :func:`at` for the rules)."""
    out = {name: frame.copy() for name, frame in frames.items()}
    links = out["links"]
    if len(links) and {"since", "until"} <= set(links.columns):
        keep = [_in_force(s, u, day) for s, u in zip(links["since"], links["until"], strict=True)]
        out["links"] = links[keep].reset_index(drop=True)
    measures = out["measures"]
    if len(measures) and {"since", "until"} <= set(measures.columns):
        keep = [_in_force(s, u, day)
                for s, u in zip(measures["since"], measures["until"], strict=True)]
        measures = measures[keep].reset_index(drop=True)
        if "status" in measures.columns:
            # An ended measure that was running on the day was active then.
            ended_later = [st == "ended" and _date_or_none(u) is not None
                           for st, u in zip(measures["status"], measures["until"], strict=True)]
            measures.loc[ended_later, "status"] = "active"
        if "participants_of" in measures.columns:
            # A count may be a subset of another measure's: not if that one is left out.
            kept = set(measures["id"])
            measures["participants_of"] = [p if p in kept else None
                                           for p in measures["participants_of"]]
        out["measures"] = measures
    indicators = out["indicators"]
    if len(indicators) and "year" in indicators.columns:
        years = indicators["year"]
        keep_ind = [y is pd.NA or y != y or int(y) <= day.year for y in years]
        out["indicators"] = indicators[keep_ind].reset_index(drop=True)
    return out


def at(self: Landscape, date: str | datetime.date) -> Landscape:
    """The landscape as it was on ``date``.

    - **links** are kept when ``since ≤ date ≤ until`` (both days inclusive; a missing bound
      is open): a link that started later or ended before is left out;
    - **measures** likewise by their ``since``/``until``: a measure that ended before the date
      (or started after it) is **left out**, so that coverage and gaps count only what was
      running; one with ``status`` ``ended`` whose ``until`` is on or after the date was
      running then and gets ``status`` ``active``. A measure with status ``ended`` and no
      ``until`` is kept as it is (when it ended is unknown), as are ``pilot`` and
      ``proposed`` measures without dates;
    - **indicators** of a later year than the date's are left out;
    - areas, actors and transitions have no dates and are kept;
    - the year becomes the date's year; name and currency are kept.

    The landscape (``self``) is not changed.

    Raises
    ------
    ArgumentError
        ``date`` is not a date.
    """
    day = _day(date)
    frames = at_frames(self.to_frames(), day)
    return from_frames(**frames, name=self.name, year=day.year, currency=self.currency)
