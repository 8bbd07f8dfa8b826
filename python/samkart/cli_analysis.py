"""The analysis commands of the command line: ``samkart gaps`` and ``samkart report``.

``add_commands(subparsers)`` adds them to the ``samkart`` parser (``samkart.cli``). Exit
status, which scripts can rely on:

- ``gaps``: 0 no gap found (at the asked severity), 1 gaps found, 2 bad usage or an input
  that cannot be read (missing file, not a landscape, invalid).
- ``report``: 0 the report was written, 2 bad usage, unreadable input or a file that cannot
  be written.

Counts of young people in the output (hand-over volumes in gap messages) under 5 are hidden
unless ``--no-suppress`` is given (see docs/report.md).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samkart import _core
from samkart.errors import ArgumentError, SamkartError, ValidationError

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["GAPS_EXIT_CODES", "REPORT_EXIT_CODES", "add_commands", "read_landscape"]

GAPS_EXIT_CODES = """\
exit status:
  0  no gaps found (with --min-severity: none at least that severe)
  1  gaps found (they are printed)
  2  usage error, or the input cannot be read or is not a valid landscape
"""

REPORT_EXIT_CODES = """\
exit status:
  0  the report was written
  2  usage error, the input cannot be read or is not a valid landscape, or the report
     cannot be written
"""

_LANGS = ("nb", "da", "en")
_SUPPRESS_BELOW = 5


def read_landscape(path: str) -> Landscape:
    """Read a landscape for any command: .json, a filled .xlsx form, or a folder of CSV files
    (by the path). Errors propagate: SamkartError for a missing or unknown file,
    ValidationError and SchemaError for its problems."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return _core.read_json(path)
    if suffix in (".xlsx", ".xlsm"):
        from samkart.io.excel import read_excel

        return read_excel(path)
    if p.is_dir():
        from samkart.io.export import read_csv_folder

        return read_csv_folder(path)
    if not p.exists():
        msg = f"{path}: no such file or folder"
        raise SamkartError(msg)
    msg = f"{path}: unknown format; use a .json or .xlsx file or a folder of CSV files"
    raise SamkartError(msg)


def _read_or_fail(path: str) -> Landscape | None:
    """The landscape, or None after printing why it cannot be read (exit status 2)."""
    try:
        return read_landscape(path)
    except ValidationError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        print(f"samkart: {path} is not a valid landscape: {len(e.problems) or 1} errors",
              file=sys.stderr)
    except (SamkartError, ImportError, OSError) as e:
        print(f"samkart: {e}", file=sys.stderr)
    return None


def _hide_small(frame: Any, threshold: float) -> Any:
    """Gap rows with a hand-over volume under the threshold: the volume (``value``) becomes
    missing and the number disappears from the message (as in the HTML report)."""
    from samkart.report._findings import PEOPLE_VALUE_KINDS as _PEOPLE_VALUE_KINDS
    from samkart.report._findings import redact as _redact

    frame = frame.copy()
    small = frame["kind"].isin(_PEOPLE_VALUE_KINDS) & (frame["value"] > 0) & (
        frame["value"] < threshold)
    if "message" in frame.columns:
        frame.loc[small, "message"] = [
            _redact(str(m), [float(v)], "nb") for m, v in zip(frame.loc[small, "message"],
                                                       frame.loc[small, "value"], strict=True)]
    frame.loc[small, "value"] = float("nan")
    return frame


def _finding_rows(report: Any, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The findings of ``report`` as plain rows; a count of young people under 5 is hidden
    from the message unless --no-suppress."""
    from samkart.report._findings import redact as _redact

    rows = []
    for f in report.findings():
        message = f.message(args.lang)
        people = f.young_people
        if not args.no_suppress and people is not None and 0 < people < _SUPPRESS_BELOW:
            message = _redact(message, [float(round(people))], args.lang)
            people = None
        rows.append({"cause": f.cause, "kind": f.kind, "category": f.category,
                     "severity": f.severity, "young_people": people, "areas": list(f.areas),
                     "gaps": len(f.gaps), "illustrative": f.illustrative, "message": message})
    return rows


def _gaps(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 0:
        print("samkart gaps: --top must be ≥ 0", file=sys.stderr)
        return 2
    if not 0.0 <= args.min_severity <= 1.0:
        print("samkart gaps: --min-severity must be in [0, 1]", file=sys.stderr)
        return 2
    land = _read_or_fail(args.file)
    if land is None:
        return 2
    from samkart.analysis.gaps import find_gaps

    report = find_gaps(land).filter(min_severity=args.min_severity)
    found = len(report)
    # Findings come from every gap found (a finding built from the top gaps alone would be
    # missing some of its gaps); --top then limits the findings and the gaps listed.
    findings = _finding_rows(report, args)
    if args.top is not None:
        report = report.top(args.top)
        findings = [r for category in ("service", "data")
                    for r in [r for r in findings if r["category"] == category][:args.top]]
    frame = report.to_frame(lang=args.lang)
    if not args.no_suppress:
        frame = _hide_small(frame, _SUPPRESS_BELOW)
    if args.format == "json":
        import json

        rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        for row in rows:
            for key in ("ages", "actors", "actor_names", "measures", "measure_names", "records"):
                if isinstance(row.get(key), tuple):
                    row[key] = list(row[key])
        print(json.dumps({"findings": findings, "gaps": rows, "found": found,
                          "notes": report.notes}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = frame.copy()
        for key in ("ages", "actors", "actor_names", "measures", "records"):
            out[key] = [";".join(str(x) for x in v) if isinstance(v, tuple) else v
                        for v in out[key]]
        sys.stdout.write(out.to_csv(index=False, lineterminator="\n"))
    else:
        # Findings first: the gaps grouped by cause, ranked by the young people affected,
        # service findings before what is not known (data); then every gap.
        rows = findings
        for category, title in (("service", "Findings"), ("data", "Data gaps")):
            chosen = [r for r in rows if r["category"] == category]
            if not chosen:
                continue
            print(f"{title}:")
            for rank, r in enumerate(chosen, start=1):
                mark = " (illustrative)" if r["illustrative"] else ""
                gaps = f"{r['gaps']} gap" + ("" if r["gaps"] == 1 else "s")
                print(f"{rank:>3}. {r['message']}{mark} [{gaps}]")
            print()
        if rows:
            print("Gaps:")
        for rank, g in enumerate(frame.itertuples(index=False), start=1):
            area = f" [{g.area_name}]" if isinstance(g.area_name, str) and g.area_name else ""
            print(f"{rank:>3}. {g.severity:.2f} {g.kind}{area}: {g.message}")
        shown = f", {len(frame)} shown" if len(frame) < found else ""
        print(f"{args.file}: {found} gaps{shown}")
    return 1 if found else 0


@contextlib.contextmanager
def _executor(args: argparse.Namespace) -> Iterator[object]:
    """None, a local process pool of ``--workers N``, or a client of the Dask scheduler at
    ``--scheduler ADDRESS`` (closed afterwards; the cluster itself is left running)."""
    if args.workers is not None:
        with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
            yield pool
    elif args.scheduler is not None:
        try:
            import distributed
        except ImportError as err:
            raise ArgumentError(
                "--scheduler needs the dask extra: pip install 'samkart[dask]'"
            ) from err
        client_class: Any = distributed.Client  # distributed has no type hints
        with client_class(args.scheduler) as client:
            yield client
    else:
        yield None


def _workers(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _report(args: argparse.Namespace) -> int:
    land = _read_or_fail(args.file)
    if land is None:
        return 2
    from samkart.report import report, write_area_reports
    from samkart.report._areas import ProgressBar

    suppress_below = 0 if args.no_suppress else _SUPPRESS_BELOW
    if (args.workers is not None or args.scheduler is not None) and args.per_area is None:
        print("samkart: --workers and --scheduler need --per-area", file=sys.stderr)
        return 2
    try:
        if args.per_area is not None:
            count = sum(1 for a in land.areas if a.kind == args.per_area)
            with _executor(args) as executor:
                paths = write_area_reports(land, args.out, args.per_area, args.lang,
                                           progress=ProgressBar(count), executor=executor,
                                           suppress_below=suppress_below)
            print(f"wrote {len(paths) - 2} reports, {paths[0]} and {paths[-1]}")
            return 0
        path = report(land, args.out, lang=args.lang, suppress_below=suppress_below,
                      area=args.area)
    except (SamkartError, OSError) as e:
        print(f"samkart: {e}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``gaps`` and ``report`` to the sub-commands of the ``samkart`` parser.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers()`` returned. Each command sets
            ``run`` (a function of the parsed arguments returning the exit status).
    """
    raw = argparse.RawDescriptionHelpFormatter
    gaps = subparsers.add_parser(
        "gaps", formatter_class=raw,
        help="find the gaps in a landscape: findings first, then every gap",
        description="Find where young people can fall between services (levels with "
                    "nothing, ages where services end, hand-overs without an agreement, "
                    "silos, ...): first the findings (gaps grouped by cause, ranked by the "
                    "young people affected; then the data gaps: what was not mapped), then "
                    "each gap with its severity and a message in --lang. Counts of young "
                    "people under 5 are hidden unless --no-suppress.",
        epilog=GAPS_EXIT_CODES)
    gaps.add_argument("file", metavar="FILE",
                      help="a .json file, a filled .xlsx form or a CSV folder")
    gaps.add_argument("--lang", choices=_LANGS, default="nb",
                      help="language of the messages (default: nb)")
    gaps.add_argument("--format", choices=("table", "json", "csv"), default="table",
                      help="table (one line per gap, the default), json or csv")
    gaps.add_argument("--top", type=int, metavar="N",
                      help="list only the N top findings of each kind and the N most severe gaps")
    gaps.add_argument("--min-severity", type=float, default=0.0, metavar="X",
                      help="only gaps at least this severe, 0–1 (default 0); the exit "
                           "status counts these only")
    gaps.add_argument("--no-suppress", action="store_true",
                      help="show hand-over volumes under 5 too (not for publication)")
    gaps.set_defaults(run=_gaps)

    report = subparsers.add_parser(
        "report", formatter_class=raw,
        help="write a self-contained HTML report of a landscape",
        description="Write one HTML file for a municipal council (no network needed to open "
                    "it, print-friendly): key figures, the four prevention levels, the "
                    "findings by cause, maps, the role map and coverage, the network, an "
                    "appendix of what is not mapped and what is illustrative, and the method. "
                    "--area ID writes one municipality's report; --per-area KIND -o DIR one "
                    "report per area of that kind and an index.html. Counts of young people "
                    "under 5 are hidden (shown as ':') unless --no-suppress.",
        epilog=REPORT_EXIT_CODES)
    report.add_argument("file", metavar="FILE",
                        help="a .json file, a filled .xlsx form or a CSV folder")
    report.add_argument("-o", "--out", required=True, metavar="OUT.html",
                        help="the file to write (replaced atomically); with --per-area, "
                             "the folder")
    where = report.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="ID",
                       help="one area's report (a municipality id, e.g. 3807)")
    where.add_argument("--per-area", choices=("municipality", "county", "district"),
                       metavar="KIND",
                       help="one report per area of this kind (municipality) in the folder "
                            "-o DIR, with index.html; a progress bar on a terminal")
    parallel = report.add_mutually_exclusive_group()
    parallel.add_argument("--workers", type=_workers, metavar="N",
                          help="with --per-area: render the reports in N local processes "
                               "(the landscape is sent to each once)")
    parallel.add_argument("--scheduler", metavar="ADDRESS",
                          help="with --per-area: render the reports on the Dask cluster whose "
                               "scheduler is at ADDRESS (tcp://host:8786; needs "
                               "samkart[dask]); the files are written here")
    report.add_argument("--lang", choices=_LANGS, default="nb",
                        help="language of the report (default: nb)")
    report.add_argument("--no-suppress", action="store_true",
                        help="show counts of young people under 5 (not for publication)")
    report.set_defaults(run=_report)
