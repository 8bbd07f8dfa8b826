"""The network picture of the report (samkart.report._network_svg): what is drawn, what is named,
how links look, and that the drawing is the same every time.

The hand-made landscape, worked out by hand:

    areas: county c; municipalities m1, m2 (parent c)
    actors: county (administration, serves c), ot (follow-up service, serves c),
            ot-m1 (unit of ot, serves m1), nav (serves m1), school (serves m1), club (serves m2)
    links:  county – ot        network, informal
            ot-m1 – nav        agreement, formal
            school → ot-m1     referral, formal, opplæringslova § 3-6
            nav – school       network, informal

With units merged (ot-m1 into ot) the nodes are county, ot, nav, school, club and the linked
pairs county–ot (informal), ot–nav (agreement), ot–school (formal), nav–school (informal);
club has no link. Removing ot cuts county off: ot is the one cut-point. Unmerged there are six
nodes, county–ot is a component of its own and ot-m1, nav, school a triangle: no cut-point.

Betweenness (directed, since a referral is kept; a symmetric link is two arcs): ot lies on the
only shortest paths county→nav, nav→county, school→county and county→school (county→ot→nav→
school, as ot→school is no arc), 4 of 12 ordered pairs of others; nav on county→school and
ot→school, 2 of 12; the others on none.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import samkart as sk
from samkart.report._network_svg import network_svg, shorten

SVG = "{http://www.w3.org/2000/svg}"


def _small() -> sk.Landscape:
    land = sk.Landscape(name="Small")
    land.add_area("c", name="County", kind="county")
    land.add_area("m1", name="One", kind="municipality", parent="c")
    land.add_area("m2", name="Two", kind="municipality", parent="c")
    land.add_actor("county", name="The county", sector="administration", owner="county",
                   areas=["c"])
    land.add_actor("ot", name="Oppfølgingstjenesten", sector="follow_up_service",
                   owner="county", areas=["c"])
    land.add_actor("ot-m1", name="OT, department One", sector="follow_up_service",
                   owner="county", areas=["m1"], part_of="ot")
    land.add_actor("nav", name="NAV One", sector="labour_welfare", owner="state", areas=["m1"])
    land.add_actor("school", name="Schools of One", sector="primary_school", owner="municipal",
                   areas=["m1"])
    land.add_actor("club", name="Sports club", sector="ngo", owner="voluntary", areas=["m2"])
    land.add_link("county", "ot", kind="network")
    land.add_link("ot-m1", "nav", kind="agreement", formal=True, coordinator="ot-m1")
    land.add_link("school", "ot-m1", kind="referral", formal=True,
                  legal_basis="opplæringslova § 3-6")
    land.add_link("nav", "school", kind="network")
    return land


class _Figure:
    """The parts of the figure a reader sees, parsed as XML (which also checks the markup is
    well formed)."""

    def __init__(self, markup: str) -> None:
        self.root = ET.fromstring(markup)
        svg = self.root.find(f"{SVG}svg")
        assert svg is not None
        self.svg = svg
        self.nodes = [c.get("data-id") for c in svg.iter(f"{SVG}circle")]
        # A label's text follows its <title> (the full name, shown on hover).
        self.labels = {t.get("data-id"): str(t.find(f"{SVG}title").tail)  # type: ignore[union-attr]
                       for t in svg.iter(f"{SVG}text") if t.get("class") == "label"}
        self.links = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "link"]
        self.rings = {c.get("data-id") for c in svg.iter(f"{SVG}circle")
                      if c.get("stroke") == "#000"}

    def styles(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.links:
            out[str(p.get("data-style"))] = out.get(str(p.get("data-style")), 0) + 1
        return out

    def link(self, a: str, b: str) -> ET.Element:
        found = [p for p in self.links if {a, b} <= set(p.findtext(f"{SVG}title", "")
                                                            .split(":")[0].split(" – "))]
        assert len(found) == 1, [p.findtext(f"{SVG}title") for p in self.links]
        return found[0]


def test_units_merge_into_their_organisation() -> None:
    fig = _Figure(network_svg(_small(), "en"))
    assert sorted(fig.nodes) == ["club", "county", "nav", "ot", "school"]  # type: ignore[type-var]
    assert len(fig.links) == 4
    unmerged = _Figure(network_svg(_small(), "en", collapse_units=False))
    assert sorted(unmerged.nodes) == sorted(  # type: ignore[type-var]
        ["club", "county", "nav", "ot", "ot-m1", "school"])
    assert len(unmerged.links) == 4
    assert unmerged.rings == set()  # no cut-point without the merge
    assert "merged into the organisation" in "".join(fig.root.itertext())


def test_cut_point_ringed_and_named() -> None:
    land = _small()
    assert sk.network(land, collapse_units=True).articulation_points() == ["ot"]
    fig = _Figure(network_svg(land, "en", brokers=0, label_all=0))
    assert fig.rings == {"ot"}
    assert fig.labels == {"ot": "Oppfølgingstjenesten"}
    assert "cut-point" in "".join(fig.root.itertext())  # the legend says what the ring is


def test_brokers_named_by_betweenness() -> None:
    land = _small()
    between = sk.network(land, collapse_units=True).betweenness()
    assert between["ot"] == pytest.approx(4 / 12)
    assert between["nav"] == pytest.approx(2 / 12)
    # Two brokers: ot (also the cut-point) and nav; nobody else is named.
    fig = _Figure(network_svg(land, "en", brokers=2, label_all=0))
    assert set(fig.labels) == {"ot", "nav"}
    # A few actors: everyone is named and the caption says so.
    everyone = _Figure(network_svg(land, "en"))
    assert set(everyone.labels) == {"club", "county", "nav", "ot", "school"}
    assert "Every actor is named." in "".join(everyone.root.itertext())


def test_line_styles() -> None:
    fig = _Figure(network_svg(_small(), "en"))
    assert fig.styles() == {"agreement": 1, "formal": 1, "informal": 2}
    agreement = fig.link("Oppfølgingstjenesten", "NAV One")
    statutory = fig.link("Oppfølgingstjenesten", "Schools of One")
    informal = fig.link("NAV One", "Schools of One")
    assert agreement.get("data-style") == "agreement"
    assert statutory.get("data-style") == "formal"
    assert informal.get("data-style") == "informal"
    # Solid and thicker for the agreement, solid for the statutory referral, dashed otherwise.
    assert agreement.get("stroke-dasharray") is None
    assert statutory.get("stroke-dasharray") is None
    assert informal.get("stroke-dasharray")
    assert (float(str(agreement.get("stroke-width"))) > float(str(statutory.get("stroke-width")))
            > float(str(informal.get("stroke-width"))) - 1e-9)
    # The legend shows the three styles.
    legend = fig.root.find(".//div[@id='network-legend']")
    assert legend is not None
    text = "".join(legend.itertext())
    for words in ("Formal agreement", "Other formal or statutory link", "Informal link"):
        assert words in text


def test_formal_only_by_legal_basis() -> None:
    # A link that is not marked formal but has a legal basis is drawn as statutory.
    land = sk.Landscape(name="Basis")
    land.add_area("m", name="M", kind="municipality")
    land.add_actor("a", name="A", owner="municipal", areas=["m"])
    land.add_actor("b", name="B", owner="municipal", areas=["m"])
    land.add_link("a", "b", kind="referral", legal_basis="barnevernloven § 6-4")
    assert _Figure(network_svg(land, "en")).styles() == {"formal": 1}


def test_same_picture_every_time() -> None:
    land = _small()
    assert network_svg(land, "nb") == network_svg(land, "nb")
    assert network_svg(land, "nb") == network_svg(_small(), "nb")


@pytest.mark.parametrize(
    ("area", "nodes", "pairs"),
    [
        # m1: the county-wide county and ot serve it (ot also through its unit ot-m1), and
        # nav and school; club serves m2 only.
        ("m1", ["county", "nav", "ot", "school"], 4),
        # m2: county and ot (serving c) and club; ot-m1 does not serve m2, so its agreement
        # with nav and the referral from school are not drawn, nor are nav and school.
        ("m2", ["club", "county", "ot"], 1),
        # c: everyone serves the county or a municipality in it.
        ("c", ["club", "county", "nav", "ot", "school"], 4),
    ],
)
def test_area_keeps_the_actors_serving_it(area: str, nodes: list[str], pairs: int) -> None:
    fig = _Figure(network_svg(_small(), "en", area=area))
    assert sorted(fig.nodes) == nodes  # type: ignore[type-var]
    assert len(fig.links) == pairs
    name = {"m1": "One", "m2": "Two", "c": "County"}[area]
    assert f"The collaboration network in {name}" in "".join(fig.root.itertext())


def test_bad_arguments() -> None:
    land = _small()
    with pytest.raises(sk.UnknownIdError):
        network_svg(land, "en", area="nowhere")
    with pytest.raises(sk.ArgumentError):
        network_svg(land, "sv")
    with pytest.raises(sk.ArgumentError):
        network_svg(land, "en", net=sk.network(land), area="m1")
    with pytest.raises(sk.ArgumentError):
        network_svg(land, "en", brokers=-1)


def test_given_network_is_drawn() -> None:
    # Only the formal links: the two informal pairs are left out.
    land = _small()
    fig = _Figure(network_svg(land, "en", net=sk.network(land, formal_only=True,
                                                         collapse_units=True)))
    assert fig.styles() == {"agreement": 1, "formal": 1}


def test_empty_and_single() -> None:
    empty = _Figure(network_svg(sk.Landscape(name="Empty"), "da"))
    assert empty.nodes == []
    one = sk.Landscape(name="One")
    one.add_actor("a", name="Alone", owner="private")
    fig = _Figure(network_svg(one, "nb"))
    assert fig.nodes == ["a"]
    assert fig.labels == {"a": "Alone"}


def test_shorten_keeps_the_place() -> None:
    assert shorten("NAV Skien") == "NAV Skien"
    assert shorten("Helsestasjon og helsestasjon for ungdom, Porsgrunn") == (
        "Helsestasjon og…, Porsgrunn")
    assert shorten("Psykisk helsetjeneste, Porsgrunn") == "Psykisk helsetje…, Porsgrunn"
    assert shorten("Oppfølgingstjenesten, Vestfold og Telemark fylkeskommune") == (
        "Oppfølgingstjenesten, Vestf…")


def test_vestfold_telemark(vt: sk.Landscape) -> None:
    net = sk.network(vt, collapse_units=True)
    fig = _Figure(network_svg(vt, "nb"))
    assert len(fig.nodes) == len(net) == len(set(fig.nodes))
    assert set(fig.nodes) == set(net.actors)
    cut = set(net.articulation_points())
    assert cut
    assert cut <= set(fig.labels)  # every cut-point is named
    assert fig.rings == cut
    # Each named actor's label is drawn, non-empty and at most 28 characters.
    assert all(0 < len(t) <= 28 for t in fig.labels.values())
    # One line per linked pair of organisations.
    edges = net.edges()
    pairs = {frozenset((s, t)) for s, t in zip(edges["source"], edges["target"], strict=True)}
    assert len(fig.links) == len(pairs)
    # Every <title> names someone: hovering over any actor tells who it is.
    names = {a.id: a.name for a in vt.actors}
    for c in fig.svg.iter(f"{SVG}circle"):
        assert str(c.findtext(f"{SVG}title")).startswith(names[str(c.get("data-id"))])


def test_area_picture_drops_the_place_from_names(vt: sk.Landscape) -> None:
    fig = _Figure(network_svg(vt, "nb", area="3807"))
    assert fig.labels["skien-helsestasjon"] == "Helsestasjon og hel…"
    assert fig.labels["skien-barnevern"] == "Barneverntjenesten"
    assert fig.labels["nav-vt"] == "NAV Vestfold og Tel…"  # another place is kept
    county = _Figure(network_svg(vt, "nb"))
    assert county.labels["skien-helsestasjon"] == "Helsestasjon og hels…, Skien"


def test_every_owner_has_its_own_colour() -> None:
    # A Danish FGU (self_governing) must not be drawn in the grey of an unknown owner.
    from samkart.report._network_svg import OWNER_COLOURS

    assert set(OWNER_COLOURS) == set(sk.vocabulary.names("owner"))
    assert len(set(OWNER_COLOURS.values())) == len(OWNER_COLOURS)


def test_every_sector_of_the_vocabulary_has_a_family_in_the_picture() -> None:
    # A sector missing from the families is drawn under "other": the Danish example's job
    # centre and ministry were, beside its volunteer organisations (found on the screenshot).
    from samkart.report._network_svg import _FAMILIES

    grouped = [s for _, sectors in _FAMILIES for s in sectors]
    assert sorted(grouped) == sorted(sk.vocabulary.names("sector"))
    assert len(grouped) == len(set(grouped))


def test_the_danish_example_has_no_other_group() -> None:
    svg = network_svg(sk.datasets.danish_municipality(), "da")
    groups = [t.text for t in ET.fromstring(svg[svg.index("<svg"):svg.index("</svg>") + 6])
              .iter("{http://www.w3.org/2000/svg}title")]
    assert "Andet" not in groups
    assert "Opfølgning og beskæftigelse" in groups
