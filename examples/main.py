"""The README's main example: Vestfold og Telemark from key figures to the council report.

Loads the county's mapping, prints its key figures (as seed 002 gives them: parts stand under
their whole and are never added to it) and its top findings, and writes the council report in
Norwegian Bokmål. Run it with ``python examples/main.py [REPORT.html]`` after installing
samkart; ``scripts/example.sh`` installs what is missing and runs it.
"""

import sys
from pathlib import Path

import samkart as sk
from samkart import indicators

land = sk.datasets.vestfold_telemark()
print(repr(land))

# --- key figures: the headline indicators of the county, each part under its whole ----------
county = "38"
figures = {i.key: i for i in land.indicators if i.area == county}


def show(key: str, depth: int) -> None:
    i = figures[key]
    info = indicators.describe(key, "en")
    value = indicators.format_value(key, i.value, "en", land.currency, i.comparator)
    year = i.year if i.year is not None else "year not stated"
    print(f"{'    ' * depth}  {value:>15}  {info.label} ({year})")
    parts = [p for p in figures.values() if p.subset_of == key]  # in the seed's order
    # A split of the whole (OT's four reasons add up to the 2,939) first, then other subsets.
    split = [p for p in parts if indicators.describe(p.key).partition]
    if split:
        print(f"{'    ' * (depth + 1)}  {'':>10}  by reason (together, all of them):")
    for part in split + [p for p in parts if p not in split]:
        show(part.key, depth + 1)


headline = sorted((k for k in figures if indicators.describe(k).headline is not None),
                  key=lambda k: indicators.describe(k).headline or 0)
print("\nKey figures (seed 002 §5; a part stands under its whole, never added to it):")
for key in headline:
    if figures[key].subset_of is None:
        show(key, 0)

# --- the top findings: where young people may fall between the services ----------------------
findings = sk.find_gaps(land).findings()
service = [f for f in findings if f.category == "service"]
print(f"\n{len(findings)} findings, {len(service)} about the services; the top five:")
for n, f in enumerate(service[:5], 1):
    mark = " [illustrative records]" if f.illustrative else ""
    print(f"{n:>3}. {f.message('en')}{mark}")

# --- the council report -----------------------------------------------------------------------
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/example/vestfold-telemark-nb.html")
out.parent.mkdir(parents=True, exist_ok=True)
path = sk.report(land, out, lang="nb")
print(f"\nThe council report (nb) is {path.resolve()}")
