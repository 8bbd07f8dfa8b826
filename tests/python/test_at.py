"""Landscape.at(date): a mapping with dated links and measures, as it was on a day."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import samkart as sk
from samkart._at import at_frames


def dated() -> sk.Landscape:
    land = sk.Landscape(name="Grenland", year=2023, currency="NOK")
    land.add_area("3807", name="Skien", kind="municipality")
    for ident, owner in (("ot", "county"), ("nav", "state"), ("skole", "county"),
                         ("usn", "state")):
        land.add_actor(ident, name=ident.upper(), owner=owner, areas=["3807"])
    land.add_link("ot", "nav", kind="agreement", formal=True, since="2020-09-01")  # still on
    land.add_link("ot", "skole", kind="joint_measure", since="2021-08-15",
                  until="2022-12-31")  # the Grenland project: ends 2022
    land.add_link("nav", "skole", kind="network", since="2022-09-01")  # starts autumn 2022
    land.add_link("usn", "ot", kind="network")  # no dates: always there
    land.add_measure("m1", name="Samtalegruppe", level=2, providers=["ot"])
    land.add_indicator("3807", "neet_count_16_25", 420, year=2019)
    land.add_indicator("3807", "neet_count_16_25", 400, year=2023)
    return land


def pairs(land: sk.Landscape) -> set[tuple[str, str]]:
    links = land.to_frames()["links"]
    return set(zip(links["source"], links["target"], strict=True))


@pytest.mark.parametrize(("day", "expected"), [
    ("2019-06-01", {("usn", "ot")}),
    ("2020-09-01", {("ot", "nav"), ("usn", "ot")}),  # since is inclusive
    ("2022-06-01", {("ot", "nav"), ("ot", "skole"), ("usn", "ot")}),
    ("2022-12-31", {("ot", "nav"), ("ot", "skole"), ("nav", "skole"), ("usn", "ot")}),
    ("2023-01-01", {("ot", "nav"), ("nav", "skole"), ("usn", "ot")}),  # until is inclusive
])
def test_links_in_force_on_the_day(day: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(dated().at(day)) == expected


def test_at_keeps_the_rest_and_sets_the_year() -> None:
    land = dated()
    then = land.at(dt.date(2022, 6, 1))
    assert then.year == 2022
    assert (then.name, then.currency) == (land.name, land.currency)
    frames, original = then.to_frames(), land.to_frames()
    for collection in ("areas", "actors", "measures", "transitions"):
        pd.testing.assert_frame_equal(frames[collection], original[collection])
    assert list(frames["indicators"]["year"]) == [2019]  # the 2023 figure did not exist yet
    assert len(land.to_frames()["links"]) == 4  # not changed
    assert pairs(land.at(dt.datetime(2022, 6, 1, 12, 0))) == pairs(then)


def test_at_today_of_an_undated_landscape_is_the_same_landscape() -> None:
    land = sk.datasets.vestfold_telemark()
    later = land.at("2099-01-01")
    assert later.to_frames()["links"].equals(land.to_frames()["links"])
    # The 2020 agreements did not exist in 2019.
    earlier = land.at("2019-12-31")
    assert len(earlier.to_frames()["links"]) < len(land.to_frames()["links"])
    assert not (earlier.to_frames()["links"]["since"].fillna("") > "2019-12-31").any()


@pytest.mark.parametrize("bad", ["juni 2022", "2022-02-30", 2022, None])
def test_a_date_that_is_not_a_date(bad: object) -> None:
    with pytest.raises(sk.ArgumentError, match="is not a date"):
        dated().at(bad)


def measure_frames() -> dict[str, pd.DataFrame]:
    """Frames with measures carrying status, since and until, as to_frames gives them once the
    measures' dates are read (the columns of the model's field table)."""
    frames = dated().to_frames()
    frames["measures"] = pd.DataFrame({
        "id": ["running", "project", "new", "old-unknown", "proposal"],
        "name": ["Løpende", "Grenlandsprosjektet", "Nytt", "Gammelt", "Forslag"],
        "level": [2, 3, 3, 2, 4],
        "providers": [["ot"]] * 5,
        "status": ["active", "ended", "pilot", "ended", "proposed"],
        "since": [None, "2021-08-15", "2022-09-01", None, None],
        "until": [None, "2022-12-31", None, None, None],
        "participants_of": [None, None, "project", None, None],
    })
    return frames


def test_measures_that_start_and_end() -> None:
    def state(day: str) -> dict[str, str]:
        m = at_frames(measure_frames(), dt.date.fromisoformat(day))["measures"]
        return dict(zip(m["id"], m["status"], strict=True))

    # Before the project: only what has no dates.
    assert state("2021-01-01") == {"running": "active", "old-unknown": "ended",
                                   "proposal": "proposed"}
    # During the project: it was running, so active then.
    assert state("2022-06-01") == {"running": "active", "project": "active",
                                   "old-unknown": "ended", "proposal": "proposed"}
    assert state("2022-12-31")["project"] == "active"
    # After: the project is left out, the pilot is in.
    assert state("2023-01-01") == {"running": "active", "new": "pilot", "old-unknown": "ended",
                                   "proposal": "proposed"}


def test_a_count_that_is_a_subset_of_a_measure_left_out_loses_the_reference() -> None:
    m = at_frames(measure_frames(), dt.date(2023, 6, 1))["measures"].set_index("id")
    assert m.loc["new", "participants_of"] is None
    m = at_frames(measure_frames(), dt.date(2022, 10, 1))["measures"].set_index("id")
    assert m.loc["new", "participants_of"] == "project"


def test_measures_with_dates_through_the_landscape() -> None:
    frames = measure_frames()
    frames["measures"] = frames["measures"].drop(columns="participants_of")
    land = sk.from_frames(**frames, name="Grenland", year=2023)
    assert "since" in land.to_frames()["measures"].columns
    assert set(land.at("2023-01-01").to_frames()["measures"]["id"]) == {
        "running", "new", "old-unknown", "proposal"}
