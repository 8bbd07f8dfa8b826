"""samkart.plot on the Agg backend: each chart has the expected artists and labels."""

from __future__ import annotations

from pathlib import Path

import matplotlib  # the "plot" extra; the "test" extra installs it
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.image import AxesImage

import samkart as sk
from samkart import plot

# The hand-worked landscape of test_mapping.py (which checks that the file matches it).
FIXTURE = Path(__file__).parents[1] / "data" / "mapping_fixture.json"


@pytest.fixture
def land() -> sk.Landscape:
    return sk.read_json(FIXTURE)


@pytest.fixture(autouse=True)
def _close_figures():  # type: ignore[no-untyped-def]
    yield
    plt.close("all")


def tick_labels(labels: list) -> list[str]:  # type: ignore[type-arg]
    return [t.get_text() for t in labels]


def test_heatmap_actor_by_level(land: sk.Landscape) -> None:
    ax = plot.heatmap(land, lang="nb")
    images = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert len(images) == 1
    assert images[0].get_array().shape == (4, 4)
    assert tick_labels(ax.get_yticklabels()) == ["Skule", "NAV", "OT", "Klubb"]
    assert tick_labels(ax.get_xticklabels()) == [sk.Level(i).label("nb") for i in range(1, 5)]
    assert ax.get_xlabel() == "Nivå"
    assert ax.get_ylabel() == "Aktør"
    # One annotation per cell: school has m1 at level 1.
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 16
    assert texts[0] == "1"


def test_heatmap_marks_unknown_cells(land: sk.Landscape) -> None:
    _fig, ax = plt.subplots()
    out = plot.heatmap(land, "area", "level", "capacity", ax=ax, lang="da")
    assert out is ax
    # C, level 3: m3 gives no capacity.
    assert ax.texts[2].get_text() == "?"
    assert ax.get_title().startswith("Kapacitet")


def test_age_bands(land: sk.Landscape) -> None:
    ax = plot.age_bands(land, ages=(10, 26))
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 4
    assert tick_labels(ax.get_yticklabels()) == [sk.Level(i).label("en") for i in range(1, 5)]
    assert ax.get_xlabel() == "Age"
    assert ax.get_xlim() == (9.5, 26.5)
    one = plot.age_bands(land, level=4, lang="nb")
    assert tick_labels(one.get_yticklabels()) == [sk.Level.INTENSIVE.label("nb")]
    assert one.get_xlabel() == "Alder"


def test_compare_chart(land: sk.Landscape) -> None:
    ax = plot.compare_chart(land, per_capita=True, indicator="neet_share", lang="en")
    # Two municipalities × four levels of stacked bars.
    assert len(ax.patches) == 8
    assert tick_labels(ax.get_yticklabels()) == ["Ein", "To"]
    assert "per 1,000" in ax.get_xlabel()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [sk.Level(i).label("en") for i in range(1, 5)]
    twin = [a for a in ax.figure.axes if a is not ax and a.get_xlabel() == "neet_share"]
    assert len(twin) == 1


def test_unknown_language(land: sk.Landscape) -> None:
    with pytest.raises(ValueError, match=r"nb\|da\|en"):
        plot.heatmap(land, lang="sv")


# --- plot.map: the choropleth (the SVG of the report is tested in test_maps.py) ---------------


@pytest.fixture(scope="module")
def vt_map() -> sk.Landscape:
    return sk.datasets.vestfold_telemark()


def test_map_draws_one_patch_per_municipality(vt_map: sk.Landscape) -> None:
    from matplotlib.axes import Axes
    from matplotlib.patches import PathPatch

    table = sk.coverage(vt_map, "area", "level")
    ax = plot.map(vt_map, table[2], title="Tiltak på nivå 2")
    assert isinstance(ax, Axes)
    patches = [p for p in ax.patches if isinstance(p, PathPatch)]
    munis = sorted(a.id for a in vt_map.areas if a.kind == "municipality")
    assert sorted(p.get_gid() for p in patches) == munis  # NO and 38 are aggregates
    assert {p.get_label() for p in patches} >= {"Skien", "Vinje", "Færder"}
    assert ax.get_aspect() == 1.0
    assert list(ax.get_xticks()) == []
    assert list(ax.get_yticks()) == []
    assert ax.get_title() == "Tiltak på nivå 2"
    # The legend: one entry per class, as many as there are distinct values up to five.
    distinct = sorted({float(table.loc[m, 2]) for m in munis})
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    if len(distinct) <= 5:
        assert legend == [f"{v:g}" for v in distinct]
    else:
        assert len(legend) == 5
    # Same class, same colour; the colours are the report's.
    from matplotlib.colors import to_hex

    from samkart.report import _maps

    bounds = _maps.classes(distinct)
    palette = _maps.colours(len(bounds))
    for p in patches:
        value = float(table.loc[p.get_gid(), 2])
        assert to_hex(p.get_facecolor()) == palette[_maps.class_of(value, bounds)]


def test_map_of_a_mapping_with_no_data_and_missing_ids(vt_map: sk.Landscape) -> None:
    values = {"3807": 3.0, "3806": None, "3805": float("nan"), "9999": 1.0}
    with pytest.warns(UserWarning, match=r"1 areas not drawn.*'9999'"):
        ax = plot.map(vt_map, values, lang="en")
    hatched = sorted(p.get_gid() for p in ax.patches if p.get_hatch())
    assert hatched == ["3805", "3806"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["3", "no data"]
    assert "Kartverket" in " ".join(t.get_text() for t in ax.texts)


def test_map_rings_fill_with_their_holes(vt_map: sk.Landscape) -> None:
    """Skien's shape has a hole (where Nome's land reaches in). Exteriors run
    counter-clockwise and holes clockwise, so Agg leaves the hole unfilled whatever its fill
    rule: read back the rendered pixels (``Path.contains_point`` ignores holes)."""
    import numpy as np
    from matplotlib.colors import to_rgb

    from samkart import _topojson
    from samkart.report import _maps

    ax = plot.map(vt_map, {"3807": 1.0})
    (patch,) = ax.patches
    patch.set_edgecolor("none")
    skien = _maps.load("no-2020")["3807"]
    project = _maps.plane([skien])
    (poly,) = [p for p in skien.polygons if len(p) > 1]
    in_hole = _topojson.interior_point([[poly[1]]])
    in_skien = _topojson.interior_point([poly])
    assert not _topojson.contains(skien.polygons, in_hole)
    assert _topojson.contains(skien.polygons, in_skien)
    fig = ax.figure
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())
    height = pixels.shape[0]

    def colour_at(lonlat: tuple[float, float]) -> tuple[float, ...]:
        x, y = ax.transData.transform(project(*lonlat))
        r, g, b, _ = pixels[height - round(y), round(x)] / 255
        return (round(r, 1), round(g, 1), round(b, 1))

    fill = tuple(round(c, 1) for c in to_rgb(patch.get_facecolor()))
    assert colour_at(in_skien) == fill
    assert colour_at(in_hole) == (1.0, 1.0, 1.0)


def test_map_of_the_2024_recoding_draws_vestfold_and_telemark(vt_map: sk.Landscape) -> None:
    """After recoding to 2024 the landscape keeps county 38 (no shape on the 2024 map); it is a
    county in the landscape, an aggregate of what is drawn, so no warning (warnings are errors
    in the tests)."""
    land = sk.datasets.recode(vt_map, to=2024)
    values = sk.coverage(land, "area", "level")[2]
    assert "38" in values.index
    ax = plot.map(land, values)
    gids = sorted(str(p.get_gid()) for p in ax.patches)
    assert len(gids) == 23
    assert {g[:2] for g in gids} == {"39", "40"}


def test_map_errors(vt_map: sk.Landscape) -> None:
    with pytest.raises(sk.ArgumentError, match="unknown language"):
        plot.map(vt_map, {"3807": 1.0}, lang="sv")
    with pytest.raises(sk.ArgumentError, match="no municipality or county shape"):
        plot.map(vt_map, {"ot-skien": 1.0})
