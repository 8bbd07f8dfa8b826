"""The collaboration network drawn so a reader can follow it (issue 14, item 6).

A force layout of a hundred actors is a cloud of dots: nobody can say where the schools are or
who holds the county together. This picture puts the actors on a ring, grouped into a few
families of sectors (governance, education, follow-up and work, health, welfare and leisure)
and, inside a family, by sector; inside a sector, actors are ordered by the mean position of
their partners (barycentre ordering, Sugiyama et al. 1981, on a circle), so links between
neighbours stay short. Links are curves through the inside of the ring (the shorter the gap
between two actors, the flatter the curve). Three line styles tell a formal agreement from
another formal or statutory link and from an informal one. Units (``part_of``) are merged
into their organisation by default, so OT's five departments are one OT.

Names are written on the actors that matter to a reader: every cut-point (an actor whose loss
splits the network, :meth:`samkart.Network.articulation_points`), the actors with the highest
betweenness (the brokers, :meth:`samkart.Network.betweenness`), and every actor when there are
few. Every actor has a ``<title>`` (shown on hover) with its full name, owner and sector.

The output is inline SVG and HTML with inline styles: no script, no font, nothing fetched; the
SVG has a ``viewBox`` and ``width: 100%`` so it scales to a phone. The drawing depends only on
the landscape: the same landscape gives the same bytes.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from samkart import _core
from samkart.errors import ArgumentError, UnknownIdError

if TYPE_CHECKING:
    from samkart.analysis.network import Network

__all__ = ["network_svg"]

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in grey.
OWNER_COLOURS = {
    "municipal": "#0072B2",
    "county": "#E69F00",
    "state": "#009E73",
    "private": "#CC79A7",
    "voluntary": "#D55E00",
    "self_governing": "#56B4E9",  # FGU, the Danish youth educations (seed 003)
}
_UNKNOWN_COLOUR = "#777777"

#: Families of sectors, in the order they go round the ring (clockwise from the top). The
#: twenty-eight sectors of the vocabulary are too many groups for one picture; these families
#: are samkart's own grouping of them by the service field a reader knows (the seeds speak of
#: silos in the public sector, 002 §3.1, without naming them). A sector outside the
#: vocabulary goes to "other".
_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("governance", ("administration", "county_governor", "directorate", "ministry",
                    "association", "research", "public_health")),
    ("education", ("kindergarten", "primary_school", "upper_secondary_school",
                   "apprenticeship_office", "preparatory_education")),
    ("follow_up_work", ("follow_up_service", "youth_effort", "cross_sector", "labour_welfare",
                        "job_centre", "employer")),
    ("health", ("health_station", "school_health_service", "general_practice",
                "mental_health", "substance_abuse", "specialist_health")),
    ("welfare_leisure", ("child_welfare", "housing", "culture_leisure", "ngo")),
)
_OTHER = "other"

_TEXT: dict[str, dict[str, str]] = {
    "governance": {"nb": "Styring og kunnskap", "da": "Styring og viden",
                   "en": "Governance and knowledge"},
    "education": {"nb": "Barnehage og skole", "da": "Dagtilbud og uddannelse",
                  "en": "Kindergarten and school"},
    "follow_up_work": {"nb": "Oppfølging og arbeid", "da": "Opfølgning og beskæftigelse",
                       "en": "Follow-up and work"},
    "health": {"nb": "Helse", "da": "Sundhed", "en": "Health"},
    "welfare_leisure": {"nb": "Velferd og fritid", "da": "Velfærd og fritid",
                        "en": "Welfare and leisure"},
    "other": {"nb": "Annet", "da": "Andet", "en": "Other"},
    "figure": {"nb": "Samarbeidsnettverket: {n} aktører og {m} par med koblinger",
               "da": "Samarbejdsnetværket: {n} aktører og {m} par med forbindelser",
               "en": "The collaboration network: {n} actors and {m} linked pairs"},
    "figure_area": {"nb": "Samarbeidsnettverket i {area}: {n} aktører og {m} par med koblinger",
                    "da": "Samarbejdsnetværket i {area}: {n} aktører og {m} par med "
                          "forbindelser",
                    "en": "The collaboration network in {area}: {n} actors and {m} linked "
                          "pairs"},
    "collapsed": {"nb": "Enheter (avdelinger, lokale kontorer) er slått sammen med "
                        "organisasjonen de hører til.",
                  "da": "Enheder (afdelinger, lokale kontorer) er slået sammen med "
                        "organisationen, de hører til.",
                  "en": "Units (departments, local offices) are merged into the organisation "
                        "they belong to."},
    "area_note": {"nb": "Tegningen viser aktørene som betjener {area}, også de som betjener "
                        "hele fylket eller landet.",
                  "da": "Tegningen viser de aktører, der betjener {area}, også dem der "
                        "betjener hele regionen eller landet.",
                  "en": "Shown are the actors serving {area}, including those serving the "
                        "whole county or country."},
    "layout": {"nb": "Aktørene står i en ring, gruppert etter sektor (grå buer); størrelsen "
                     "viser antall samarbeidspartnere.",
               "da": "Aktørerne står i en ring, grupperet efter sektor (grå buer); størrelsen "
                     "viser antallet af samarbejdspartnere.",
               "en": "Actors stand on a ring, grouped by sector (grey arcs); size shows the "
                     "number of partners."},
    "agreement": {"nb": "Formell avtale eller felles plan", "da": "Formel aftale eller fælles "
                  "plan", "en": "Formal agreement or shared plan"},
    "formal": {"nb": "Annen formell eller lovpålagt kobling",
               "da": "Anden formel eller lovbestemt forbindelse",
               "en": "Other formal or statutory link"},
    "informal": {"nb": "Uformell kobling", "da": "Uformel forbindelse", "en": "Informal link"},
    "cut_point": {"nb": "Svart ring: knutepunkt som deler nettverket om det faller bort",
                  "da": "Sort ring: knudepunkt, der deler netværket, hvis det falder bort",
                  "en": "Black ring: a cut-point, whose loss splits the network"},
    "labels_all": {"nb": "Alle aktører har navn.", "da": "Alle aktører har navn.",
                   "en": "Every actor is named."},
    "labels_some": {"nb": "Navn står ved knutepunktene og de {k} aktørene som oftest ligger "
                          "mellom to andre (høyest betweenness); hold pekeren over en sirkel "
                          "for de andre.",
                    "da": "Navne står ved knudepunkterne og de {k} aktører, der oftest ligger "
                          "mellem to andre (højest betweenness); hold markøren over en cirkel "
                          "for de andre.",
                    "en": "Names are shown for the cut-points and the {k} actors most often "
                          "between two others (highest betweenness); hover over a circle for "
                          "the others."},
    "cut_title": {"nb": "knutepunkt", "da": "knudepunkt", "en": "cut-point"},
    "partners": {"nb": "{n} samarbeidspartnere", "da": "{n} samarbejdspartnere",
                 "en": "{n} partners"},
}

#: Link kinds that make a formal link an *agreement* (a binding arrangement between the two,
#: 004) rather than another formal tie such as a statutory referral.
_AGREEMENT_KINDS = frozenset({"agreement", "shared_plan"})
_STYLES = {  # stroke, width, dash
    "agreement": ("#1a1a1a", 2.8, ""),
    "formal": ("#4d4d4d", 1.4, ""),
    "informal": ("#8a8a8a", 1.0, "5 4"),
}
_RANK = {"informal": 0, "formal": 1, "agreement": 2}

_FONT = 15.0  # label size in user units; the figure's scale sets the size on screen
_CHAR = 0.56  # mean advance of a character, in ems (system sans-serif, Latin text)
_CHAR_BOLD = 0.64  # the same in bold, with room for wide letters (measured in Chromium)
_LABEL_CHARS = 28
#: Shorter names when every actor is named (a municipality's picture): the figure then stays
#: small enough for its labels to be about 9 px on a 390 px phone.
_LABEL_CHARS_ALL = 20
_GAP_SLOTS = 1.5  # empty slots between two families
_LETTER_SPACING = 0.5  # of the family names inside the ring, in user units


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _t(key: str, lang: str, **values: object) -> str:
    text = _TEXT[key][lang]
    return text.format(**values) if values else text


def _term(vocabulary: str, name: str, lang: str) -> str:
    for term in _core.terms(vocabulary):
        if term.name == name:
            return str(term.label(lang))
    return name


def shorten(name: str, limit: int = _LABEL_CHARS) -> str:
    """A name cut to ``limit`` characters with an ellipsis. When the name ends in a short
    place after a comma ("Psykisk helsetjeneste, Porsgrunn"), the place is kept and the head is
    cut: otherwise the six municipalities' health stations would all read the same."""
    if len(name) <= limit:
        return name
    head, sep, tail = name.rpartition(", ")
    if sep and len(tail) <= limit // 2:
        return head[: limit - len(tail) - 3].rstrip() + "…, " + tail
    return name[: limit - 1].rstrip() + "…"


def _without_place(name: str, place: str) -> str:
    """The name without a trailing ", Skien" or " i Skien" when the picture is of Skien: it
    is the same for every local service there (the full name stays in the ``<title>``)."""
    if not place:
        return name
    short = re.sub(rf"(?:,| i| in) {re.escape(place)}$", "", name)
    return short or name


# --- what is drawn ---------------------------------------------------------------------------


def _roots(actors: pd.DataFrame) -> dict[str, str]:
    """Each actor's organisation: ``part_of`` followed to the top (the landscape has no
    cycles; validation refuses them)."""
    parent = {a: p for a, p in zip(actors["id"], actors["part_of"], strict=True)
              if isinstance(p, str) and p}
    out: dict[str, str] = {}
    for a in actors["id"]:
        top = a
        while top in parent:
            top = parent[top]
        out[a] = top
    return out


def _serving(land: _core.Landscape, frames: dict[str, pd.DataFrame], area: str) -> set[str]:
    """The actors that serve ``area``: those serving it, an area above it (an actor serving
    the county serves each of its municipalities) or an area below it (a district)."""
    areas = frames["areas"]
    if area not in set(areas["id"]):
        msg = f"network_svg: unknown area {area!r}"
        raise UnknownIdError(msg, "area", area)
    parent = {a: p for a, p in zip(areas["id"], areas["parent"], strict=True)
              if isinstance(p, str) and p}
    above = {area}
    a = area
    while a in parent:
        a = parent[a]
        above.add(a)

    def below(x: str) -> bool:
        while x in parent:
            x = parent[x]
            if x == area:
                return True
        return False

    actors = frames["actors"]
    return {i for i, served in zip(actors["id"], actors["areas"], strict=True)
            if any(s in above or below(s) for s in served)}


def _area_landscape(land: _core.Landscape, area: str) -> _core.Landscape:
    """The landscape cut to the actors serving ``area`` (with the organisations they are part
    of, so units can still be merged) and the links among them."""
    from samkart.io.frames import from_frames

    frames = land.to_frames()
    actors = frames["actors"]
    keep = _serving(land, frames, area)
    parent = {a: p for a, p in zip(actors["id"], actors["part_of"], strict=True)
              if isinstance(p, str) and p}
    for a in list(keep):
        while a in parent:
            a = parent[a]
            keep.add(a)
    links = frames["links"]
    links = links[links["source"].isin(keep) & links["target"].isin(keep)].copy()
    links["coordinator"] = links["coordinator"].where(links["coordinator"].isin(keep))
    return from_frames(frames["areas"], actors[actors["id"].isin(keep)], links=links,
                       name=land.name, year=land.year, currency=land.currency)


class _Pair:
    """One drawn line: every kept link between two actors, in either direction."""

    __slots__ = ("kinds", "style")

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.style = "informal"


def _pairs(net: Network, links: pd.DataFrame, root: dict[str, str]) -> dict[tuple[int, int],
                                                                            _Pair]:
    """The network's edges merged per pair of actors, each with its line style: "agreement"
    when a formal link of a kind in ``_AGREEMENT_KINDS`` joins the two, "formal" when another
    formal link or a link with a legal basis does, "informal" otherwise. Only links of the
    kinds the network kept count."""
    index = {a: i for i, a in enumerate(net.actors)}
    out: dict[tuple[int, int], _Pair] = {}
    edges = net.edges()
    for s, t, kinds in zip(edges["source"], edges["target"], edges["kinds"], strict=True):
        key = (min(index[s], index[t]), max(index[s], index[t]))
        out.setdefault(key, _Pair()).kinds.update(str(kinds).split(";"))
    for s, t, kind, formal, basis in zip(links["source"], links["target"], links["kind"],
                                         links["formal"], links["legal_basis"], strict=True):
        u, v = root.get(s, s), root.get(t, t)
        if u not in index or v not in index or u == v:
            continue
        pair = out.get((min(index[u], index[v]), max(index[u], index[v])))
        if pair is None or kind not in pair.kinds:
            continue
        has_basis = isinstance(basis, str) and bool(basis.strip())
        style = ("agreement" if formal is True and kind in _AGREEMENT_KINDS
                 else "formal" if formal is True or has_basis else "informal")
        if _RANK[style] > _RANK[pair.style]:
            pair.style = style
    return out


def _family(sector: str) -> int:
    for i, (_, sectors) in enumerate(_FAMILIES):
        if sector in sectors:
            return i
    return len(_FAMILIES)


def _sector_rank(sector: str) -> int:
    names = [t.name for t in _core.terms("sector")]
    return names.index(sector) if sector in names else len(names)


def _order(groups: list[list[list[int]]], neighbours: list[list[int]], n: int,
           sweeps: int = 6) -> list[float]:
    """Position of each actor on the ring, in slots from the top (a gap between two families
    is ``_GAP_SLOTS`` wide). ``groups`` is families → sectors → actors; actors stay
    in their sector, and inside it are sorted by the circular mean of their partners' angles,
    measured from the sector's own middle (the barycentre heuristic, repeated ``sweeps``
    times; a stable sort, so ties and actors without partners keep their order)."""
    slots = sum(len(s) for f in groups for s in f) + _GAP_SLOTS * max(len(groups) - 1, 0)
    if len(groups) > 1:
        slots += _GAP_SLOTS  # the gap between the last family and the first
    step = 2 * math.pi / max(slots, 1)
    angle = np.zeros(n)

    def place() -> None:
        pos = 0.0
        for family in groups:
            for sector in family:
                for a in sector:
                    angle[a] = pos * step
                    pos += 1
            pos += _GAP_SLOTS

    place()
    for _ in range(sweeps):
        changed = False
        for family in groups:
            for sector in family:
                if len(sector) < 2:
                    continue
                centre = float(np.mean(angle[sector]))
                keys = []
                for a in sector:
                    if neighbours[a]:
                        d = angle[neighbours[a]] - centre
                        key = math.atan2(float(np.sin(d).sum()), float(np.cos(d).sum()))
                    else:
                        key = float(angle[a] - centre)
                    keys.append(key)
                new = [a for _, a in sorted(zip(keys, sector, strict=True),
                                            key=lambda x: x[0])]
                if new != sector:
                    sector[:] = new
                    changed = True
        place()
        if not changed:
            break
    return [float(a / step) for a in angle]


# --- the picture -----------------------------------------------------------------------------


def _arc(cx: float, cy: float, r: float, a0: float, a1: float, clockwise: bool = True) -> str:
    x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
    x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
    large = 1 if abs(a1 - a0) > math.pi else 0
    return (f"M{x0:.1f},{y0:.1f} A{r:.1f},{r:.1f} 0 {large} {1 if clockwise else 0} "
            f"{x1:.1f},{y1:.1f}")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def network_svg(
    land: _core.Landscape,
    lang: str = "nb",
    *,
    area: str | None = None,
    collapse_units: bool = True,
    net: Network | None = None,
    brokers: int = 8,
    label_all: int = 30,
) -> str:
    """The collaboration network as a ``<figure>``: an inline SVG, its caption and a legend.

    Parameters
    ----------
    land : Landscape
    lang : {"nb", "da", "en"}
        Language of the caption, the legend and the owner and sector names in the titles.
    area : str, optional
        Draw only the actors that serve this area: those serving it, an area above it (an
        actor serving the county serves its municipalities) or an area below it, and the links
        among them. Measures (cut-points, betweenness) are those of the network drawn.
    collapse_units : bool
        Merge units (``part_of``) into their organisation (:func:`samkart.network`).
    net : Network, optional
        A network to draw instead of ``network(land, collapse_units=collapse_units)``, e.g.
        one with only some link kinds. It must come from ``land``; ``area`` must then be None
        (build the network from the area's actors yourself).
    brokers : int
        How many of the actors with the highest betweenness are named (besides every
        cut-point).
    label_all : int
        Name every actor when there are at most this many.

    Returns
    -------
    str
        HTML: ``<figure class="network-figure">`` holding ``<svg class="network">`` (one
        ``circle.actor`` per node with ``data-id``, one ``path.link`` per linked pair with
        ``data-style`` agreement|formal|informal, ``text.label`` for each named actor), a
        ``<figcaption>`` and ``<div class="legend" id="network-legend">``.

    Raises
    ------
    ArgumentError
        An unknown language, a negative ``brokers`` or ``label_all``, or ``net`` with ``area``.
    UnknownIdError
        ``area`` is not an area of the landscape.
    """
    from samkart.analysis.network import network

    if lang not in ("nb", "da", "en"):
        msg = f"network_svg: unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)
    if brokers < 0 or label_all < 0:
        msg = f"network_svg: brokers and label_all must be ≥ 0, got {brokers}, {label_all}"
        raise ArgumentError(msg)
    if net is not None and area is not None:
        msg = "network_svg: give either net or area, not both"
        raise ArgumentError(msg)
    drawn = land if area is None else _area_landscape(land, area)
    if net is None:
        net = network(drawn, collapse_units=collapse_units)
        collapsed = collapse_units
    else:
        collapsed = bool(net._link_filter and net._link_filter.collapse_units)
    frames = drawn.to_frames()
    table = frames["actors"]
    names = {str(a): str(v) for a, v in zip(table["id"], table["name"], strict=True)}
    owner_of = {str(a): str(v) for a, v in zip(table["id"], table["owner"], strict=True)}
    sector_of = {str(a): v if isinstance(v, str) else ""
                 for a, v in zip(table["id"], table["sector"], strict=True)}
    root = _roots(frames["actors"]) if collapsed else {}

    ids = [str(a) for a in net.actors]
    n = len(ids)
    pairs = _pairs(net, frames["links"], root)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for i, j in pairs:
        neighbours[i].append(j)
        neighbours[j].append(i)
    cut = set(net.articulation_points()) if n else set()
    between = net.betweenness() if n else pd.Series(dtype=float)
    top = [a for a in between.sort_values(ascending=False, kind="stable").index[:brokers]
           if between[a] > 0]
    named = set(ids) if n <= label_all else cut | set(top)

    # Families → sectors → actors, in landscape order to begin with.
    tree: dict[int, dict[tuple[int, str], list[int]]] = {}
    for i, a in enumerate(ids):
        s = sector_of[a]
        tree.setdefault(_family(s), {}).setdefault((_sector_rank(s), s), []).append(i)
    families = sorted(tree)
    groups = [[tree[f][k] for k in sorted(tree[f])] for f in families]
    slot = _order(groups, neighbours, n) if n else []
    total = (sum(len(s) for f in groups for s in f)
             + _GAP_SLOTS * (len(groups) if len(groups) > 1 else 0))

    # Geometry: the ring is large enough for a line of text per slot, the margin for the
    # longest name drawn; everything scales with the viewBox.
    degree = [len(x) for x in neighbours]
    radius = [min(4.0 + 1.6 * math.sqrt(d), 13.0) for d in degree]
    r_max = max(radius, default=4.0)
    # At least 12 lines of type across: on a small ring (a municipality of 20–30 actors) the
    # sector names inside it ran into the actors and each other.
    ring = max(12 * _FONT, total * 1.3 * _FONT / (2 * math.pi))
    limit = _LABEL_CHARS_ALL if n <= label_all else _LABEL_CHARS
    place = _area_name(frames, area) if area else ""
    labels = {a: shorten(_without_place(names[a], place), limit) for a in ids if a in named}
    longest = max((len(t) * (_CHAR_BOLD if a in cut else _CHAR) * _FONT
                   for a, t in labels.items()), default=0.0)
    margin = ring + r_max + 6 + longest + 12
    size = 2 * margin
    cx = cy = margin
    step = 2 * math.pi / max(total, 1)
    theta = [-math.pi / 2 + s * step for s in slot]
    xy = [(cx + ring * math.cos(t), cy + ring * math.sin(t)) for t in theta]

    prefix = "np-" + _slug(area or "all")
    title_text = (_t("figure_area", lang, area=_area_name(frames, area), n=n, m=len(pairs))
                  if area else _t("figure", lang, n=n, m=len(pairs)))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" id="{prefix}" '
           f'viewBox="0 0 {size:.0f} {size:.0f}" role="img" aria-label="{_e(title_text)}" '
           f'style="display:block;width:100%;height:auto;max-width:{min(size, 900):.0f}px;'
           f'margin:0 auto;background:#fff" font-family="system-ui, sans-serif">']

    # Grey arcs behind each family's actors, and the family's name inside the ring.
    out.append('<g class="groups">')
    for k, (f, family) in enumerate(zip(families, groups, strict=True)):
        members = [a for sector in family for a in sector]
        a0 = min(theta[a] for a in members) - step * 0.45
        a1 = max(theta[a] for a in members) + step * 0.45
        name = _t(_FAMILIES[f][0] if f < len(_FAMILIES) else _OTHER, lang)
        out.append(f'<path class="group" d="{_arc(cx, cy, ring, a0, a1)}" fill="none" '
                   f'stroke="#ececec" stroke-width="{2 * r_max + 8:.1f}"><title>{_e(name)}'
                   "</title></path>")
        mid = (a0 + a1) / 2
        span = math.pi / 2
        bottom = math.sin(mid) > 0
        r_text = ring - r_max - 8 - (0 if bottom else 0.8 * _FONT)
        path_id = f"{prefix}-g{k}"
        # The name fits the family's arc (and the gaps beside it): smaller type, then cut.
        # Measured as bold type with its letter spacing, and a tenth of the room kept free so
        # that the names of two small neighbouring families do not touch.
        room = 0.9 * (a1 - a0 + step * _GAP_SLOTS) * r_text
        font = min(0.85 * _FONT, (room / max(len(name), 1) - _LETTER_SPACING) / _CHAR_BOLD)
        if font < 9.0:
            font = 9.0
            name = shorten(name, max(int(room / (font * _CHAR_BOLD + _LETTER_SPACING)), 2))
        d = (_arc(cx, cy, r_text, mid + span, mid - span, clockwise=False) if bottom
             else _arc(cx, cy, r_text, mid - span, mid + span))
        out.append(f'<path id="{path_id}" d="{d}" fill="none" stroke="none"/>'
                   f'<text class="group-label" style="font-size:{font:.1f}px" fill="#666" '
                   f'font-weight="600" text-anchor="middle" letter-spacing="{_LETTER_SPACING}">'
                   f'<textPath href="#{path_id}" startOffset="50%">{_e(name)}</textPath>'
                   "</text>")
    out.append("</g>")

    # Links: curves through the inside of the ring, informal first so formal ones lie on top.
    out.append('<g class="links" fill="none">')
    for style in ("informal", "formal", "agreement"):
        stroke, width, dash = _STYLES[style]
        for (i, j), pair in pairs.items():
            if pair.style != style:
                continue
            (x0, y0), (x1, y1) = xy[i], xy[j]
            gap = abs(theta[i] - theta[j]) % (2 * math.pi)
            gap = min(gap, 2 * math.pi - gap)
            pull = 0.85 - 0.7 * gap / math.pi  # 0.85 for neighbours, 0.15 across the ring
            qx = cx + pull * ((x0 + x1) / 2 - cx)
            qy = cy + pull * ((y0 + y1) / 2 - cy)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            kinds = ", ".join(sorted(pair.kinds))
            out.append(f'<path class="link" data-style="{style}" '
                       f'd="M{x0:.1f},{y0:.1f} Q{qx:.1f},{qy:.1f} {x1:.1f},{y1:.1f}" '
                       f'stroke="{stroke}" stroke-width="{width}"{dash_attr} '
                       f'stroke-opacity="0.75"><title>{_e(names[ids[i]])} – '
                       f"{_e(names[ids[j]])}: {_e(kinds)}</title></path>")
    out.append("</g>")

    # Actors, with a black ring on the cut-points.
    out.append('<g class="actors">')
    for i, a in enumerate(ids):
        owner = owner_of[a]
        colour = OWNER_COLOURS.get(owner, _UNKNOWN_COLOUR)
        facts = [_term("owner", owner, lang)]
        if sector_of[a]:
            facts.append(_term("sector", sector_of[a], lang))
        facts.append(_t("partners", lang, n=degree[i]))
        if a in cut:
            facts.append(_t("cut_title", lang))
        ring_attr = ('stroke="#000" stroke-width="2.5"' if a in cut
                     else 'stroke="#fff" stroke-width="1"')
        out.append(f'<circle class="actor" data-id="{_e(a)}" cx="{xy[i][0]:.1f}" '
                   f'cy="{xy[i][1]:.1f}" r="{radius[i]:.1f}" fill="{colour}" {ring_attr}>'
                   f"<title>{_e(names[a])} ({_e('; '.join(facts))})</title></circle>")
    out.append("</g>")

    # Names, radiating out from the ring; on the left half turned to read left to right.
    # Sizes as inline styles: a page's stylesheet (``svg text {font-size: …}``) would
    # override presentation attributes, and the margins are computed for this size.
    out.append('<g class="labels" fill="#1a1a1a">')
    for i, a in enumerate(ids):
        if a not in labels:
            continue
        deg = math.degrees(theta[i])
        left = math.cos(theta[i]) < -1e-9
        offset = ring + radius[i] + 5
        rotate = deg + 180 if left else deg
        x = -offset if left else offset
        weight = ' font-weight="700"' if a in cut else ""
        out.append(f'<text class="label" data-id="{_e(a)}" transform="translate({cx:.1f},'
                   f'{cy:.1f}) rotate({rotate:.1f})" x="{x:.1f}" dy="0.35em" '
                   f'text-anchor="{"end" if left else "start"}" '
                   f'style="font-size:{_FONT:.0f}px"{weight}>'
                   f"<title>{_e(names[a])}</title>{_e(labels[a])}</text>")
    out.append("</g></svg>")

    caption = [title_text + "."]
    if collapsed and root and any(u != r for u, r in root.items()):
        caption.append(_t("collapsed", lang))
    if area:
        caption.append(_t("area_note", lang, area=_area_name(frames, area)))
    caption.append(_t("layout", lang))
    caption.append(_t("labels_all", lang) if n <= label_all
                   else _t("labels_some", lang, k=len(top)))
    legend = _legend([owner_of[a] for a in ids], lang, bool(cut))
    return (f'<figure class="network-figure" style="margin:0">{"".join(out)}'
            f'<figcaption>{_e(" ".join(caption))}</figcaption>{legend}</figure>')


def _area_name(frames: dict[str, pd.DataFrame], area: str | None) -> str:
    areas = frames["areas"]
    names = dict(zip(areas["id"], areas["name"], strict=True))
    return str(names.get(area, area))


def _legend(owners: Iterable[str], lang: str, cut: bool) -> str:
    # Swatches are spans, not SVG circles: every <circle> of the figure is an actor.
    item = 'style="display:inline-flex;align-items:center;gap:0.35em"'
    dot = "display:inline-block;width:0.8em;height:0.8em;border-radius:50%;"
    present = set(owners)
    parts = ['<div class="legend" id="network-legend" style="display:flex;flex-wrap:wrap;'
             'gap:0.3rem 1.2rem;font-size:0.9rem;margin:0.4rem 0">']
    for owner, colour in OWNER_COLOURS.items():
        if owner in present:
            parts.append(f'<span {item}><span style="{dot}background:{colour}"></span>'
                         f"{_e(_term('owner', owner, lang))}</span>")
    for style in ("agreement", "formal", "informal"):
        stroke, width, dash = _STYLES[style]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<span {item}><svg width="32" height="10" aria-hidden="true">'
                     f'<line x1="0" y1="5" x2="32" y2="5" stroke="{stroke}" '
                     f'stroke-width="{width}"{dash_attr}/></svg>{_e(_t(style, lang))}</span>')
    if cut:
        parts.append(f'<span {item}><span style="{dot}background:#bbb;'
                     f'border:2px solid #000"></span>{_e(_t("cut_point", lang))}</span>')
    parts.append("</div>")
    return "".join(parts)
