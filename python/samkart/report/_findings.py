"""Section 3, findings: what :meth:`samkart.GapReport.findings` found, grouped by cause.

Service findings are grouped by what causes them (hand-overs, ages where services end,
levels and places, collaboration); data gaps (``not_mapped``, ``capacity_unknown``) go to the
appendix. Each finding is a card: its message, where (municipality names), the actors
involved, the young people affected (a count under the suppression threshold hidden, in the
message too) and, where it rests on illustrative records, a badge and the records by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from samkart.report._common import Data, Suppressed, e, join_names, number, t
from samkart.report._text import KIND_LABELS

__all__ = ["CAUSE_GROUPS", "PEOPLE_VALUE_KINDS", "finding_cards", "record_name", "redact",
           "relevant"]

#: Gap kinds whose ``value`` counts young people (a hand-over volume).
PEOPLE_VALUE_KINDS = ("handoff_unlinked", "handoff_uncoordinated")

#: The cause groups of the findings section, in order, with the kinds in each.
CAUSE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cause_handover", ("handoff_unlinked", "handoff_uncoordinated")),
    ("cause_age", ("age_cliff", "age_uncovered")),
    ("cause_levels", ("level_missing", "level_imbalance", "capacity_short",
                      "unreachable_intensive", "duplication", "no_participation")),
    ("cause_network", ("silo", "single_point_of_failure", "isolated_actor")),
)


def redact(message: str, numbers: Iterable[float], lang: str = "en") -> str:
    """The message with each of ``numbers`` (as the message writes them in ``lang``, and as
    a plain integer) replaced by ":"."""
    for v in numbers:
        if np.isnan(v):
            continue
        for text in dict.fromkeys((number(float(v), lang), number(float(v), "en"),
                                   f"{float(v):g}")):
            message = re.sub(rf"(?<![\d.,\u202f]){re.escape(text)}(?![\d]|[.,\u202f]\d)", ":",
                             message)
    return message


def record_name(d: Data, record: str, lang: str) -> tuple[str, str, bool]:
    """A record key of :attr:`samkart.Gap.records` (``"actors:ot-skien"``) as (the kind in
    words, the record's name, whether it is illustrative)."""
    collection, _, ident = record.partition(":")
    frames = {"areas": d.areas, "actors": d.actors, "measures": d.measures}
    if collection in frames:
        frame = frames[collection]
        rows = frame[frame["id"] == ident]
        names = {"areas": d.area_name, "actors": d.actor_name, "measures": d.measure_name}
        flag = bool(rows["illustrative"].any()) if "illustrative" in rows else False
        return t(collection, lang), str(names[collection].get(ident, ident)), flag
    if collection == "transitions":
        src, _, dst = ident.partition(" → ")
        tr = d.transitions
        rows = tr[(tr["source"] == src) & (tr["target"] == dst)]
        flag = bool(rows["illustrative"].any()) if "illustrative" in rows else False
        name = f"{d.actor_name.get(src, src)} → {d.actor_name.get(dst, dst)}"
        return t("transitions", lang), name, flag
    if collection == "indicators":
        from samkart.indicators import describe

        parts = ident.split(" ")
        key = parts[1] if len(parts) > 1 else ident
        ind = d.indicators
        rows = ind[(ind["area"] == parts[0]) & (ind["key"] == key)]
        flag = bool(rows["illustrative"].any()) if "illustrative" in rows else False
        return t("indicators_records", lang), describe(key, lang).label, flag
    return collection, ident, False


def relevant(finding: Any, gaps: Sequence[Any], d: Data) -> bool:
    """Whether a finding belongs in the report of ``d.area``: one of its gaps is in the area,
    an area above it (county-wide) or a district of it, or one of its actors serves the area
    (its own or a county-wide actor)."""
    if d.area is None:
        return True
    scope = {d.area, *d.above, *d.below}
    if any(gaps[i].area in scope for i in finding.gaps):
        return True
    if any(gaps[i].area for i in finding.gaps):
        return False
    return any(d.serves(str(a)) for a in finding.actors)


def _where(finding: Any, gaps: Sequence[Any], d: Data, lang: str) -> str:
    names: dict[str, str] = {}
    for a, n in zip(finding.areas, finding.area_names, strict=False):
        names[str(a)] = str(n)
    if not names:
        for i in finding.gaps:
            if gaps[i].area:
                names[str(gaps[i].area)] = str(gaps[i].area_name or gaps[i].area)
    if not names:
        for actor in finding.actors:
            for a in d.actor_areas.get(str(actor), ()):
                names[a] = str(d.area_name.get(a, a))
    parts = []
    for a, n in names.items():
        parts.append(t("whole_area", lang, area=n) if d.kind.get(a) in ("county", "country")
                     else n)
    return join_names(parts, lang, limit=8)


def _card(finding: Any, gaps: Sequence[Any], d: Data, lang: str, hide: Suppressed,
          hidden_routes: set[tuple[str, str]]) -> tuple[str, bool]:
    """One finding as a card, and whether a count in its message was hidden."""
    message = str(finding.message(lang))
    hidden = False
    people = finding.young_people
    if hide.threshold > 0:
        small = [float(gaps[i].value) for i in finding.gaps
                 if gaps[i].kind in PEOPLE_VALUE_KINDS and len(gaps[i].actors) == 2
                 and (hide.hides(float(gaps[i].value))
                      or (str(gaps[i].actors[0]), str(gaps[i].actors[1])) in hidden_routes)]
        if people is not None and hide.hides(float(people)):
            small.append(float(people))
        if small:
            message = redact(message, small, lang)
            hidden = True
    if people is None:
        affected = t("affected_none", lang)
    elif hide.hides(float(people)) or hidden:
        affected = t("affected_value", lang, n=":")
    else:
        affected = t("affected_value", lang, n=number(float(people), lang))
    kind = KIND_LABELS.get(str(finding.kind), {}).get(lang, str(finding.kind))
    badge = ""
    records = ""
    if finding.illustrative:
        badge = f' <span class="badge">{e(t("badge", lang))}</span>'
        named: dict[str, None] = {}
        for i in finding.gaps:
            for rec in gaps[i].records:
                what, name, flag = record_name(d, str(rec), lang)
                if flag:
                    named.setdefault(f"{name} ({what.lower()})", None)
        if named:
            records = (f'<p class="rests-on">'
                       f'{e(t("rests_on", lang, records=join_names(list(named), lang, 8)))}</p>')
    actors = join_names([str(n) for n in finding.actor_names], lang, limit=8)
    rows = [(t("where", lang), _where(finding, gaps, d, lang)), (t("who", lang), actors),
            (t("affected", lang), affected)]
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows if v)
    card = (f'<article class="finding{" illustrative" if finding.illustrative else ""}" '
            f'data-cause="{e(finding.cause)}"><h4>{e(kind)}{badge}</h4>'
            f'<p class="message">{e(message)}</p><dl>{facts}</dl>{records}</article>')
    return card, hidden


def finding_cards(gaps: Any, d: Data, lang: str, hide: Suppressed,
                  hidden_routes: set[tuple[str, str]], category: str) -> tuple[str, int, int]:
    """The cards of one category ("service": grouped by cause under headings; "data": one
    list), how many findings were shown and how many messages had a count hidden."""
    items = list(gaps)
    found = [f for f in gaps.findings() if f.category == category and relevant(f, items, d)]
    redacted = 0
    if category == "data":
        cards = []
        for f in found:
            card, hidden = _card(f, items, d, lang, hide, hidden_routes)
            cards.append(card)
            redacted += hidden
        return f'<div class="findings data">{"".join(cards)}</div>', len(found), redacted
    known = {k for _, kinds in CAUSE_GROUPS for k in kinds}
    groups = [*CAUSE_GROUPS, ("cause_other", tuple(sorted({str(f.kind) for f in found} - known)))]
    parts = []
    for key, kinds in groups:
        members = [f for f in found if f.kind in kinds]
        if not members:
            continue
        cards = []
        for f in members:
            card, hidden = _card(f, items, d, lang, hide, hidden_routes)
            cards.append(card)
            redacted += hidden
        parts.append(f'<section class="cause" id="{key.replace("_", "-")}">'
                     f'<h3>{e(t(key, lang))}</h3>{"".join(cards)}</section>')
    return "".join(parts), len(found), redacted
