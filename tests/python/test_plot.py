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
