"""The methods of :class:`samkart.Landscape` that are written in Python: ``to_frames``,
``summary``, Jupyter's ``_repr_html_``, ``at``, ``add_areas`` and ``add_indicators``.

``samkart._core`` never imports this package (as boost-histogram's ``_core`` knows nothing of
``boost_histogram``): the class is bound in C++ and these methods are attached to it here, when
``samkart`` is imported, which is also the only way to import ``samkart._core``. The stubs of
``_core`` (tools/stubgen.py) declare them, with these signatures and docstrings.
"""

from __future__ import annotations

import pandas

import samkart.analysis.summary
from samkart import _at, _core, areas
from samkart.analysis import summary as _summary
from samkart.io import frames

__all__ = ["attach"]


def to_frames(self: _core.Landscape) -> dict[str, pandas.DataFrame]:
    """One pandas DataFrame per collection: a dict keyed by "areas", "actors", "measures",
    "links", "transitions", "indicators" (see samkart.frames)."""
    return frames.to_frames(self)


def summary(self: _core.Landscape, lang: str = "en") -> samkart.analysis.summary.Summary:
    """Counts of the landscape: measures by level, actors by owner and by sector, links by kind
    (a samkart.Summary; print it for a text block)."""
    return _summary.summarize(self, lang=lang)


def _repr_html_(self: _core.Landscape) -> str:
    """The summary as HTML, for Jupyter."""
    return _summary.landscape_html(self)


#: The methods, by name: these, ``at`` (samkart/_at.py) and the bulk adders (samkart.areas).
METHODS = {"to_frames": to_frames, "summary": summary, "_repr_html_": _repr_html_, "at": _at.at,
           "add_areas": areas.add_areas_method, "add_indicators": areas.add_indicators_method}


def attach(cls: type[_core.Landscape]) -> None:
    """Make the methods of this module methods of ``cls``."""
    for name, method in METHODS.items():
        method.__qualname__ = f"{cls.__name__}.{name}"
        setattr(cls, name, method)
