"""The errors samkart raises.

One hierarchy, mirroring the C++ one: every error is a :class:`SamkartError`. The compiled
core raises these very classes (its exception translator imports this module), so
``except samkart.ValidationError`` catches errors from C++ and from Python alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samkart._core import Problem

__all__ = [
    "ArgumentError",
    "SamkartError",
    "SchemaError",
    "SchemaProblem",
    "UnknownIdError",
    "ValidationError",
]

#: One schema problem: (JSON pointer, line, column, message); line and column are 1-based,
#: None when unknown.
SchemaProblem = tuple[str, int | None, int | None, str]


class SamkartError(Exception):
    """Root of every error samkart raises (C++ ``samkart::Error``)."""


class ValidationError(SamkartError, ValueError):
    """The input breaks one or more rules of the model.

    ``problems`` lists every problem found, not just the first; each names the collection,
    the record (index and id), the field and what to do about it. Nothing was changed or
    loaded.
    """

    problems: list[Problem]

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ArgumentError(SamkartError, ValueError):
    """An argument is outside what the function accepts (C++ ``samkart::ArgumentError``): an
    unknown dimension, kind or language, a negative threshold, more samples than actors. The
    message names the argument and what is accepted."""


class UnknownIdError(SamkartError, KeyError):
    """An id was looked up that the landscape does not have.

    ``collection`` is ``"area"``, ``"actor"`` or ``"measure"``; ``id`` the id looked up.
    """

    collection: str
    id: str

    def __init__(self, message: str, collection: str = "", id: str = "") -> None:
        super().__init__(message)
        self.collection = collection
        self.id = id

    def __str__(self) -> str:
        # KeyError would show the repr of its argument, quotes and escapes included.
        return str(self.args[0]) if self.args else ""


class SchemaError(SamkartError, ValueError):
    """A JSON document is not well-formed or does not follow the samkart schema.

    ``problems`` lists every schema problem as (pointer, line, column, message);
    ``pointer`` and ``line`` name the first one.
    """

    problems: list[SchemaProblem]
    source_name: str

    def __init__(
        self, message: str, problems: Sequence[SchemaProblem] = (), source_name: str = ""
    ) -> None:
        super().__init__(message)
        self.problems = [(p[0], p[1], p[2], p[3]) for p in problems]
        self.source_name = source_name

    @property
    def pointer(self) -> str:
        """JSON pointer of the first problem, e.g. ``"/actors/3/ages"``; ``""`` for the document."""
        return self.problems[0][0] if self.problems else ""

    @property
    def line(self) -> int | None:
        """1-based line of the first problem in the source text, None if unknown."""
        return self.problems[0][1] if self.problems else None
