"""The vocabularies of the model, with labels in Norwegian (nb), Danish (da) and English (en).

Closed vocabularies (only these names are accepted): ``area_kind``, ``owner``, ``link_kind``,
``intensity``, ``key``, ``tee``, ``mapping_status``, ``measure_status``, ``count_kind``,
``comparator``.
Recommended ones (other names are allowed and reported as a warning by
``Landscape.validate()``): ``sector``, ``target``. Level labels are methods of
:class:`samkart.Level`: ``Level.EARLY.label("nb")``, ``.iom``, ``.bti``.
"""

from __future__ import annotations

from samkart import _core
from samkart._core import Term

__all__ = ["LANGUAGES", "VOCABULARIES", "Term", "label", "names", "terms"]

#: The vocabularies by name.
VOCABULARIES = ("area_kind", "owner", "link_kind", "intensity", "key", "tee", "mapping_status",
                "measure_status", "count_kind", "comparator", "sector", "target")
#: The languages samkart writes labels in.
LANGUAGES = ("nb", "da", "en")


def terms(vocabulary: str) -> tuple[Term, ...]:
    """The terms of a vocabulary, in order. Raises ValueError for an unknown vocabulary."""
    return _core.terms(vocabulary)


def names(vocabulary: str) -> tuple[str, ...]:
    """The machine names of a vocabulary, e.g. ``names("owner")`` → ``("municipal", ...)``."""
    return tuple(t.name for t in _core.terms(vocabulary))


def label(vocabulary: str, name: str, lang: str = "en") -> str:
    """The label of one name, e.g. ``label("owner", "county", "nb")`` → ``"Fylkeskommunal"``.

    Raises ValueError for a name outside the vocabulary, SamkartError for an unknown language.
    """
    for t in _core.terms(vocabulary):
        if t.name == name:
            return t.label(lang)
    accepted = "|".join(names(vocabulary))
    msg = f"{name!r} is not in the {vocabulary} vocabulary; expected one of {accepted}"
    raise ValueError(msg)
