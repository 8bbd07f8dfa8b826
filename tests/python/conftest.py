"""Fixtures shared by the Python tests: a small landscape built through the API, the
Vestfold og Telemark data set, and the paths of the test data."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

import samkart as sk

# In CI every Hypothesis test draws the same examples on every run, so a red build is always
# reproducible; locally they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


def build_small() -> sk.Landscape:
    """The DESIGN.md example with the areas and actors it refers to added first."""
    land = sk.Landscape(name="Skien", year=2021, currency="NOK")
    land.add_area("40", name="Vestfold og Telemark", kind="county",
                  population={(16, 25): 52000}, citation="001")
    land.add_area("3807", name="Skien", kind="municipality", parent="40")
    land.add_actor("nav-skien", name="NAV Skien", sector="labour_welfare", owner="state",
                   areas=["3807"], ages=(16, 29))
    land.add_actor("vgs-skien", name="Skien videregående skole", sector="upper_secondary_school",
                   owner="county", areas=["3807"], ages=(16, 19), illustrative=True)
    land.add_actor("ot-skien", name="Oppfølgingstjenesten Skien", sector="follow_up_service",
                   owner="county", areas=["3807"], ages=(16, 21))
    land.add_measure("m1", name="Samtalegruppe", level=2, providers=["nav-skien"], ages=(16, 29),
                     capacity=40, keys=["participation"], tees=["close_follow_up"])
    land.add_measure("m2", name="Skolehelsetjeneste", level=sk.Level.UNIVERSAL,
                     providers=["vgs-skien"], targets=["all"], cost=1.5e6)
    land.add_link("ot-skien", "nav-skien", kind="agreement", formal=True,
                  coordinator="ot-skien", consent=True, intensity="coordination",
                  since="2020-01-01", trust=3.5)
    land.add_link("vgs-skien", "ot-skien", kind="referral")
    land.add_transition("vgs-skien", "ot-skien", volume=120, reason="dropout", ages=(16, 19))
    land.add_indicator("3807", "neet_count_16_25", 420, year=2019, source="002 §5")
    return land


@pytest.fixture(scope="session")
def make_small() -> Callable[[], sk.Landscape]:
    """A function that builds a fresh small landscape."""
    return build_small


@pytest.fixture
def small() -> sk.Landscape:
    """A fresh small landscape (tests may change it)."""
    return build_small()


@pytest.fixture(scope="session")
def vt() -> sk.Landscape:
    """Vestfold og Telemark; tests must not change it (copy it first)."""
    return sk.datasets.vestfold_telemark()
