"""What the indicator keys mean: labels, units and descriptions in nb, da and en.

An :class:`samkart.Indicator` has a machine key (``neet_share_16_25``, ``ot_registered_16_21``)
that must never reach a reader. This module is the vocabulary that turns it into words::

    import samkart.indicators as ind
    ind.describe("neet_share_16_25", "nb").label    # 'Andel unge 16–25 år utenfor arbeid ...'
    ind.format_value("neet_share_16_25", 0.08, "nb")  # '8 %'

The vocabulary is package data (``samkart/data/indicators.json``), not a C++ vocabulary table:
indicator keys are open (any user may add one), so the core never needs to know them, and the
words change with the readers, not with the model. Every key of the Vestfold og Telemark data
set is in it, with the Danish keys of seed 003 (``dropout_unemployed_share``, about 15 %, and
the KUI target group); a key outside it gets a readable fallback (the key split into words,
age bands as ``16–25``) and ``known=False``, so a report can list it.

Units: ``persons`` (a count of people; ``count`` says ``stock``, one day, or ``flow``, over a
period), ``share`` (a fraction 0–1, shown as a percentage), ``currency`` (in the landscape's
currency). ``headline`` orders the key figures of the report; ``range_of``/``bound`` say that a
key is the lowest or highest municipality of another key.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from samkart import vocabulary
from samkart.errors import ArgumentError

__all__ = ["LANGUAGES", "IndicatorInfo", "describe", "format_number", "format_value", "keys",
           "label"]

#: The languages of the vocabulary.
LANGUAGES = ("nb", "da", "en")

#: Between thousands: a narrow no-break space in nb and da (as the gap messages write them).
_THOUSANDS = {"nb": "\u202f", "da": "\u202f", "en": ","}
_DECIMAL = {"nb": ",", "da": ",", "en": "."}
_PERCENT = {"nb": "\u00a0%", "da": "\u00a0%", "en": "%"}
_SHARE_WORDS = ("share", "rate", "ratio", "percent", "pct")


@dataclass(frozen=True)
class IndicatorInfo:
    """What one indicator key means, in one language.

    Attributes:
        key: the machine key.
        label: a noun phrase a reader understands (``"Registrerte arbeidssøkere under 30 år"``).
        description: one sentence: what is counted, of whom.
        unit: ``persons``, ``share``, ``currency`` or ``number`` (unknown keys).
        count: ``stock`` (a count on one day), ``flow`` (over a period) or None.
        headline: the order among the report's key figures, None when not one.
        range_of: the key this one is the lowest or highest municipality of, or None.
        bound: ``min`` or ``max`` with ``range_of``.
        known: False when the key is not in the vocabulary (the label is a fallback).
        partition: the name of a split of the whole that this key is one piece of (``reason``:
            the four reasons for an OT registration add up to the 2,939), or None; parts
            without one are subsets that overlap or leave some out.
    """

    key: str
    label: str
    description: str
    unit: str
    count: str | None = None
    headline: int | None = None
    range_of: str | None = None
    bound: str | None = None
    known: bool = True
    partition: str | None = None


@functools.cache
def _table() -> dict[str, dict[str, object]]:
    text = resources.files("samkart").joinpath("data/indicators.json").read_text("utf-8")
    table: dict[str, dict[str, object]] = json.loads(text)["indicators"]
    return table


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        msg = f"unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)


def keys() -> tuple[str, ...]:
    """Every key of the vocabulary, in the order of the data file."""
    return tuple(_table())


def _fallback_label(key: str) -> str:
    """``"foo_bar_16_25"`` → ``"Foo bar 16–25"``: readable, never the bare key."""
    text = re.sub(r"(\d+)_(\d+)", "\\1–\\2", key)
    words = [w for w in text.replace("-", " ").split("_") if w]
    out = " ".join(words).strip() or key
    return out[:1].upper() + out[1:]


def describe(key: str, lang: str = "en") -> IndicatorInfo:
    """The label, description and unit of ``key`` in ``lang``.

    A key outside the vocabulary is described by its words (``known=False``), with unit
    ``share`` when a word of it says so (share, rate, ratio, percent) and ``number`` otherwise.

    Raises:
        ArgumentError: an unknown language.
    """
    _check_lang(lang)
    entry = _table().get(key)
    if entry is None:
        words = key.lower().split("_")
        unit = "share" if any(w in words for w in _SHARE_WORDS) else "number"
        return IndicatorInfo(key=key, label=_fallback_label(key), description="", unit=unit,
                             known=False)
    labels = entry["label"]
    descriptions = entry["description"]
    assert isinstance(labels, dict)
    assert isinstance(descriptions, dict)
    headline = entry.get("headline")
    return IndicatorInfo(
        key=key, label=str(labels[lang]), description=str(descriptions[lang]),
        unit=str(entry["unit"]), count=None if entry.get("count") is None else str(entry["count"]),
        headline=None if headline is None else int(str(headline)),
        range_of=None if entry.get("range_of") is None else str(entry["range_of"]),
        bound=None if entry.get("bound") is None else str(entry["bound"]),
        partition=None if entry.get("partition") is None else str(entry["partition"]))


def label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang`` (a readable fallback for an unknown key)."""
    return describe(key, lang).label


def format_number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number as a reader of ``lang`` writes it: ``4 200`` (narrow no-break space) and
    ``3,8`` in nb and da, ``4,200`` and ``3.8`` in en; trailing zero decimals dropped."""
    _check_lang(lang)
    text = f"{abs(value):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", _THOUSANDS[lang])
    sign = "\u2212" if value < 0 and text.strip("0.,") else ""
    return sign + whole + (_DECIMAL[lang] + frac if frac else "")


def format_value(key: str, value: float, lang: str = "en", currency: str = "",
                 comparator: str | None = None) -> str:
    """The value of indicator ``key`` as a reader reads it: a share as a percentage with at
    most one decimal (``3,8 %``), a count of people as a whole number (``2 939``), money with
    its currency (``1 300 000 NOK``). With the indicator's ``comparator`` (a source that gives
    only a bound), its label stands before the figure: ``over 2 100``, ``under 10 %``.

    Raises:
        ArgumentError: an unknown language.
        ValueError: a comparator outside its vocabulary.
    """
    text = _format_figure(key, value, lang, currency)
    if comparator is None or comparator != comparator:  # None, or NaN from a frame
        return text
    return f"{vocabulary.label('comparator', str(comparator), lang)} {text}"


def _format_figure(key: str, value: float, lang: str, currency: str) -> str:
    unit = describe(key, lang).unit
    if unit == "share":
        return format_number(100.0 * value, lang, 1) + _PERCENT[lang]
    if unit == "persons":
        return format_number(value, lang, 0)
    if unit == "currency":
        amount = format_number(value, lang, 0)
        return f"{amount} {currency}".strip()
    return format_number(value, lang, 0 if float(value).is_integer() else 3)
