"""samkart: map the services around young people.

Four prevention levels, the service actors and their measures, the collaboration between
actors and the hand-overs of young people, with analyses on them. The compute lives in C++
(``samkart._core``); this package is the Python face of it::

    import samkart as sk
    land = sk.datasets.vestfold_telemark()
    print(land.summary())
"""

from __future__ import annotations

import sys as _sys

try:
    from samkart import _core
except ImportError as err:  # pragma: no cover - only when the package is not built
    if "_core" not in str(err):
        raise
    msg = (
        "samkart's compiled core (samkart._core) could not be imported. If you are running "
        "from the source tree, install the package first (pip install .) and run Python "
        "outside the source directory, so that the installed package is imported. "
        f"The error was: {err}"
    )
    raise ImportError(msg) from err

# The package's layout follows the flow of the data: samkart.io reads and writes landscapes,
# samkart.analysis computes on them, samkart.report writes what a reader sees. The public names
# below (samkart.read_excel, samkart.plot, ...) are unchanged from the flat layout of 0.x.
from samkart import _landscape, areas, datasets, errors, indicators, schema, vocabulary
from samkart._core import (
    Actor,
    Area,
    Indicator,
    Landscape,
    Level,
    Link,
    Measure,
    Problem,
    Term,
    Transition,
    from_json_string,
    read_json,
    to_json_string,
    validate_json_file,
    write_json,
)
from samkart.analysis import flow, mapping, scenario
from samkart.analysis import gaps as gaps  # modules as attributes, as in the flat layout
from samkart.analysis import privacy as privacy
from samkart.analysis import summary as summary
from samkart.analysis.diff import LandscapeDiff, diff
from samkart.analysis.flow import FlowModel
from samkart.analysis.gaps import GAP_KINDS, Finding, Findings, Gap, GapReport, GapRules, find_gaps
from samkart.analysis.mapping import age_coverage, compare_areas, coverage, level_shares, role_map
from samkart.analysis.network import Communities, CorePeriphery, EIIndex, Network, network
from samkart.analysis.privacy import suppress
from samkart.analysis.scenario import (
    Prioritization,
    Scenario,
    ScenarioComparison,
    compare,
    prioritize,
)
from samkart.analysis.summary import Summary
from samkart.errors import (
    ArgumentError,
    SamkartError,
    SchemaError,
    UnknownIdError,
    ValidationError,
)
from samkart.io import excel, export, hsds, jsonstat, survey
from samkart.io import frames as frames
from samkart.io.excel import read_excel, write_template
from samkart.io.export import read_csv_folder, write_csv_folder
from samkart.io.frames import from_frames, to_frames
from samkart.io.hsds import from_hsds
from samkart.io.jsonstat import indicators_from_jsonstat, read_jsonstat
from samkart.io.survey import SurveyResult, read_survey, write_survey
from samkart.report import plot
from samkart.report.html import report
from samkart.vocabulary import label, terms

__version__: str = _core.__version__

# The modules' old import paths (``import samkart.excel``, ``from samkart.mapping import ...``,
# pickles made before the layout changed) keep working: each is the same module object.
_MOVED = {
    "diff": "analysis", "flow": "analysis", "gaps": "analysis", "mapping": "analysis",
    "network": "analysis", "privacy": "analysis", "scenario": "analysis", "summary": "analysis",
    "excel": "io", "export": "io", "frames": "io", "hsds": "io", "jsonstat": "io",
    "survey": "io", "plot": "report",
}
for _old, _package in _MOVED.items():
    _sys.modules.setdefault(f"samkart.{_old}", _sys.modules[f"samkart.{_package}.{_old}"])

# The methods written in Python (samkart/_landscape.py), attached to the bound class.
_landscape.attach(Landscape)

__all__ = [
    "GAP_KINDS",
    "Actor",
    "Area",
    "ArgumentError",
    "Communities",
    "CorePeriphery",
    "EIIndex",
    "Finding",
    "Findings",
    "FlowModel",
    "Gap",
    "GapReport",
    "GapRules",
    "Indicator",
    "Landscape",
    "LandscapeDiff",
    "Level",
    "Link",
    "Measure",
    "Network",
    "Prioritization",
    "Problem",
    "SamkartError",
    "Scenario",
    "ScenarioComparison",
    "SchemaError",
    "Summary",
    "SurveyResult",
    "Term",
    "Transition",
    "UnknownIdError",
    "ValidationError",
    "__version__",
    "age_coverage",
    "areas",
    "compare",
    "compare_areas",
    "coverage",
    "datasets",
    "diff",
    "errors",
    "excel",
    "export",
    "find_gaps",
    "flow",
    "from_frames",
    "from_hsds",
    "from_json_string",
    "hsds",
    "indicators",
    "indicators_from_jsonstat",
    "jsonstat",
    "label",
    "level_shares",
    "mapping",
    "network",
    "plot",
    "prioritize",
    "read_csv_folder",
    "read_excel",
    "read_json",
    "read_jsonstat",
    "read_survey",
    "report",
    "role_map",
    "scenario",
    "schema",
    "suppress",
    "survey",
    "terms",
    "to_frames",
    "to_json_string",
    "validate_json_file",
    "vocabulary",
    "write_csv_folder",
    "write_json",
    "write_survey",
    "write_template",
]
