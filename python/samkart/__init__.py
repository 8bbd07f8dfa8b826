"""samkart: map the services around young people.

Four prevention levels, the service actors and their measures, the collaboration between
actors and the hand-overs of young people, with analyses on them. The compute lives in C++
(``samkart._core``); this package is the Python face of it::

    import samkart as sk
    land = sk.datasets.vestfold_telemark()
    print(land.summary())
"""

from __future__ import annotations

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

from samkart import (
    _landscape,
    areas,
    datasets,
    errors,
    excel,
    export,
    flow,
    hsds,
    jsonstat,
    mapping,
    plot,
    scenario,
    schema,
    survey,
    vocabulary,
)
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
from samkart.diff import LandscapeDiff, diff
from samkart.errors import (
    ArgumentError,
    SamkartError,
    SchemaError,
    UnknownIdError,
    ValidationError,
)
from samkart.excel import read_excel, write_template
from samkart.export import read_csv_folder, write_csv_folder
from samkart.flow import FlowModel
from samkart.frames import from_frames, to_frames
from samkart.gaps import GAP_KINDS, Finding, Findings, Gap, GapReport, GapRules, find_gaps
from samkart.hsds import from_hsds
from samkart.jsonstat import indicators_from_jsonstat, read_jsonstat
from samkart.mapping import age_coverage, compare_areas, coverage, level_shares, role_map
from samkart.network import Communities, CorePeriphery, EIIndex, Network, network
from samkart.privacy import suppress
from samkart.report import report
from samkart.scenario import Prioritization, Scenario, ScenarioComparison, compare, prioritize
from samkart.summary import Summary
from samkart.survey import SurveyResult, read_survey, write_survey
from samkart.vocabulary import label, terms

__version__: str = _core.__version__

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
