"""Hypothesis strategies shared by the Python tests: random valid landscapes built through the
API. Imported as ``strategies`` (pyproject.toml puts tests/python on pytest's pythonpath)."""

from __future__ import annotations

from hypothesis import strategies as st

import samkart as sk

ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-æøå", min_size=1, max_size=8)
names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=20)
amounts = st.one_of(st.none(), st.integers(0, 10**6), st.floats(0, 1e9, allow_nan=False))
age_ranges = st.tuples(st.integers(0, 120), st.integers(0, 120)).map(lambda t: (min(t), max(t)))
ages = st.one_of(st.none(), age_ranges)
optional_text = st.one_of(st.none(), names)


def sample(draw: st.DrawFn, pool: list[str], max_size: int) -> list[str]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), max_size=max_size, unique=True))


@st.composite
def landscapes(draw: st.DrawFn) -> sk.Landscape:
    land = sk.Landscape(draw(names), year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
                        currency=draw(st.sampled_from(["NOK", "DKK", "EUR"])))
    area_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    kinds = sk.vocabulary.names("area_kind")
    for i, area in enumerate(area_ids):
        population = draw(st.dictionaries(age_ranges,
                                          st.integers(0, 10**6), max_size=2))
        mapping = draw(st.sampled_from(sk.vocabulary.names("mapping_status")))
        mapped_names = ["primary_school", "child_welfare", "county", "state"]
        mapped = (draw(st.lists(st.sampled_from(mapped_names), min_size=1, max_size=2, unique=True))
                  if mapping == "partial" else [])
        land.add_area(area, name=draw(names), kind=draw(st.sampled_from(kinds)),
                      parent=area_ids[draw(st.integers(0, i - 1))] if i else None,
                      population=population, mapping=mapping, mapped=mapped,
                      illustrative=draw(st.booleans()), citation=draw(optional_text))
    actor_ids = draw(st.lists(ids, min_size=2, max_size=6, unique=True))
    for i, actor in enumerate(actor_ids):
        land.add_actor(actor, name=draw(names),
                       sector=draw(st.sampled_from(["", "child_welfare", "own_sector"])),
                       owner=draw(st.sampled_from(sk.vocabulary.names("owner"))),
                       areas=sample(draw, area_ids, 3), ages=draw(ages),
                       part_of=draw(st.one_of(st.none(), st.sampled_from(actor_ids[:i])))
                       if i else None,
                       illustrative=draw(st.booleans()), citation=draw(optional_text))
    measure_ids = draw(st.lists(ids, max_size=5, unique=True))
    counted: dict[str, tuple[float, str]] = {}  # measure → (participants, kind), for subsets
    for measure in measure_ids:
        since = draw(st.one_of(st.none(), st.just("2019-08-01")))
        participants = draw(amounts)
        kind = draw(st.sampled_from(sk.vocabulary.names("count_kind")))
        # A subset is counted as its whole is and is no larger (the model's checks).
        whole = (draw(st.one_of(st.none(), st.sampled_from(sorted(counted))))
                 if counted and participants is not None else None)
        if whole is not None:
            participants = min(participants, counted[whole][0])
            kind = counted[whole][1]
        if participants is not None:
            counted[measure] = (participants, kind)
        land.add_measure(measure, name=draw(names), level=draw(st.integers(1, 4)),
                         providers=sample(draw, actor_ids, 2) or [actor_ids[0]],
                         areas=sample(draw, area_ids, 2), ages=draw(ages),
                         targets=draw(st.lists(st.sampled_from(["all", "neet", "x y"]),
                                               unique=True, max_size=2)),
                         capacity=draw(amounts), participants=participants, cost=draw(amounts),
                         participants_kind=kind, participants_of=whole,
                         keys=sample(draw, list(sk.vocabulary.names("key")), 3),
                         tees=sample(draw, list(sk.vocabulary.names("tee")), 4),
                         status=draw(st.sampled_from(sk.vocabulary.names("measure_status"))),
                         since=since,
                         until=draw(st.one_of(st.none(), st.just("2025-06-30"))),
                         illustrative=draw(st.booleans()), citation=draw(optional_text))
    # Two different actors, drawn without a filter (Hypothesis rejects filters that discard a lot).
    pairs = st.permutations(actor_ids).map(lambda p: (p[0], p[1]))
    scores = st.one_of(st.none(), st.floats(0, 4, allow_nan=False))
    for source, target in draw(st.lists(pairs, max_size=5)):
        land.add_link(source, target, kind=draw(st.sampled_from(sk.vocabulary.names("link_kind"))),
                      formal=draw(st.booleans()),
                      coordinator=draw(st.one_of(st.none(), st.sampled_from(actor_ids))),
                      consent=draw(st.booleans()), legal_basis=draw(optional_text),
                      intensity=draw(st.one_of(st.none(), st.sampled_from(
                          sk.vocabulary.names("intensity")))),
                      trust=draw(scores), value=draw(scores),
                      since=draw(st.one_of(st.none(), st.just("2020-02-29"))),
                      until=draw(st.one_of(st.none(), st.just("2024-12-31"))),
                      illustrative=draw(st.booleans()), citation=draw(optional_text))
    for source, target in draw(st.lists(pairs, max_size=4)):
        land.add_transition(source, target, volume=draw(amounts), reason=draw(optional_text),
                            ages=draw(ages), illustrative=draw(st.booleans()),
                            citation=draw(optional_text))
    # Indicators: a subset names an earlier indicator of the same area and year, is counted as
    # it is, and is no larger (the model's checks).
    earlier: dict[str, list[tuple[str, float, int | None, str | None]]] = {}
    for area in draw(st.lists(st.sampled_from(area_ids), max_size=4)):
        key = draw(ids)
        value = draw(st.floats(-1e12, 1e12, allow_nan=False))
        year = draw(st.one_of(st.none(), st.integers(1950, 2100)))
        count = draw(st.one_of(st.none(), st.sampled_from(sk.vocabulary.names("count_kind"))))
        wholes = [w for w in earlier.setdefault(area, []) if w[0] != key]
        whole = draw(st.one_of(st.none(), st.sampled_from(wholes))) if wholes else None
        if whole is not None:
            value, year, count = min(value, whole[1]), whole[2], whole[3]
        # A bound ("more than 2,100") on wholes only: the model compares a part with its whole
        # only where both can be compared, which a bound would make vacuous here.
        comparator = None if whole is not None else draw(
            st.one_of(st.none(), st.sampled_from(sk.vocabulary.names("comparator"))))
        land.add_indicator(area, key, value, year=year, source=draw(optional_text), count=count,
                           subset_of=None if whole is None else whole[0],
                           comparator=comparator, illustrative=draw(st.booleans()))
        earlier[area].append((key, value, year, count))
    return land
