"""The field table of every record type, read-only: one place that says which fields a record
has, their types, defaults, vocabularies and labels in nb/da/en.

It is the C++ core's table (``include/samkart/core/schema.hpp``); the readers, writers and
converters of this package take their fields from it rather than listing them again::

    import samkart as sk
    [f.name for f in sk.schema.fields("actors")]
    # ['id', 'name', 'sector', 'owner', 'areas', 'ages', 'part_of', 'illustrative', 'citation']
    sk.schema.field("measures", "status").default      # 'active'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from samkart import _core
from samkart._core import FieldInfo, RecordSchema

__all__ = ["COLLECTIONS", "POPULATION_BAND", "SCHEMAS", "FieldInfo", "RecordSchema", "field",
           "field_names", "fields"]

#: Every collection's schema, keyed by collection, in landscape order.
SCHEMAS: Mapping[str, RecordSchema] = MappingProxyType(
    {s.collection: s for s in _core.record_schemas()})
#: The collections of a landscape, in order.
COLLECTIONS: tuple[str, ...] = tuple(SCHEMAS)
#: The fields of a population band (``Area.population``).
POPULATION_BAND: RecordSchema = _core.population_band_schema()


def _schema(collection: str) -> RecordSchema:
    try:
        return SCHEMAS[collection]
    except KeyError:
        if collection == "population":
            return POPULATION_BAND
        accepted = "|".join(COLLECTIONS)
        msg = f"unknown collection {collection!r}; expected one of {accepted}"
        raise ValueError(msg) from None


def fields(collection: str) -> tuple[FieldInfo, ...]:
    """The fields of a collection's records, in the order of the JSON format.

    Raises ValueError for an unknown collection.
    """
    return _schema(collection).fields


def field_names(collection: str) -> tuple[str, ...]:
    """The names of a collection's fields, in order."""
    return tuple(f.name for f in fields(collection))


def field(collection: str, name: str) -> FieldInfo:
    """One field of a collection. Raises ValueError when the collection has no such field."""
    for f in fields(collection):
        if f.name == name:
            return f
    msg = (f"{collection} have no field {name!r}; their fields are "
           f"{', '.join(field_names(collection))}")
    raise ValueError(msg)
