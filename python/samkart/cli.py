"""The command line: ``samkart validate``, ``template``, ``convert``, ``gaps`` and ``report``.

Exit status: 0 success, 1 the input has problems (for ``gaps``: gaps were found), 2 a usage
error or an input that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from samkart import __version__, _core
from samkart.cli_analysis import add_commands, read_landscape
from samkart.errors import SamkartError, SchemaError, ValidationError

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["main"]

_EXIT_CODES = """\
exit status:
  0  success (for validate: the input is valid; warnings do not count unless --strict)
  1  the input has problems (each is printed with where it is); for gaps: gaps were found
  2  usage error, or the input cannot be read (missing file, not JSON/.xlsx/CSV folder)
"""

_FORMATS = """\
formats (by the path):
  FILE.json    samkart JSON (schema version 1)
  FILE.xlsx    the mapping spreadsheet (samkart template); needs openpyxl
  FOLDER       a folder of CSV files, one per collection (a path without .json/.xlsx)
"""


def _kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in ("", ".csv") or Path(path).is_dir():
        return "csv"
    return "unknown"


def _read(path: str) -> Landscape:
    """Read a landscape of any of the formats; errors propagate (one reader for every
    command: :func:`samkart.cli_analysis.read_landscape`)."""
    return read_landscape(path)


def _write(land: Landscape, path: str, lang: str) -> None:
    kind = _kind(path)
    if kind == "json":
        _core.write_json(land, path)
    elif kind == "xlsx":
        from samkart.io.excel import write_template

        write_template(path, lang=lang, landscape=land)
    elif kind == "csv":
        from samkart.io.export import write_csv_folder

        write_csv_folder(land, path)
    else:
        msg = f"{path}: unknown format; use a .json or .xlsx file or a folder"
        raise SamkartError(msg)


def _report_problems(e: ValidationError | SchemaError, source: str) -> int:
    if isinstance(e, SchemaError):
        print(e)
        count = len(e.problems)
    else:
        for p in e.problems:
            print(p)
        if not e.problems:
            print(e)
        count = len(e.problems)
    print(f"{source} has problems: {count or 1} errors")
    return 1


def _validate(args: argparse.Namespace) -> int:
    if _kind(args.file) == "json":
        try:
            problems = _core.validate_json_file(args.file)
        except SamkartError as e:
            print(f"samkart: {e}", file=sys.stderr)
            return 2
    else:
        try:
            land = _read(args.file)
        except (ValidationError, SchemaError) as e:
            return _report_problems(e, args.file)
        except (SamkartError, ImportError, OSError) as e:
            print(f"samkart: {e}", file=sys.stderr)
            return 2
        problems = land.validate()
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in problems:
        print(p)
    failed = bool(errors) or (args.strict and bool(warnings))
    status = "has problems" if failed else "is valid"
    print(f"{args.file} {status}: {len(errors)} errors, {len(warnings)} warnings")
    return 1 if failed else 0


def _template(args: argparse.Namespace) -> int:
    from samkart.io.excel import write_template

    land = None
    if args.data:
        try:
            land = _read(args.data)
        except (ValidationError, SchemaError) as e:
            return _report_problems(e, args.data)
        except (SamkartError, ImportError, OSError) as e:
            print(f"samkart: {e}", file=sys.stderr)
            return 2
    try:
        write_template(args.out, lang=args.lang, landscape=land)
    except (ImportError, OSError) as e:
        print(f"samkart: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0


def _convert(args: argparse.Namespace) -> int:
    try:
        land = _read(args.input)
    except (ValidationError, SchemaError) as e:
        return _report_problems(e, args.input)
    except (SamkartError, ImportError, OSError) as e:
        print(f"samkart: {e}", file=sys.stderr)
        return 2
    try:
        _write(land, args.output, args.lang)
    except (SamkartError, ImportError, OSError) as e:
        print(f"samkart: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="samkart", formatter_class=raw,
        description="Map the services around young people: prevention levels, actors, "
                    "measures and their collaboration.",
        epilog=_FORMATS + "\n" + _EXIT_CODES + "\nRun 'samkart COMMAND --help' for the "
               "options of a command.")
    parser.add_argument("--version", action="version", version=f"samkart {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", formatter_class=raw,
        help="check a landscape (JSON, .xlsx form or CSV folder) and list every problem",
        description="Check a landscape and print every problem with where it is: for JSON "
                    "the record and field, for a spreadsheet the sheet, row and column "
                    "(e.g. measures!C7 (level)). Warnings (e.g. a sector outside the "
                    "recommended list) are printed too.",
        epilog=_FORMATS + "\n" + _EXIT_CODES)
    validate.add_argument("file", help="a .json file, a filled .xlsx form or a CSV folder")
    validate.add_argument("--strict", action="store_true",
                          help="count warnings as problems (exit 1 when there are any)")
    validate.set_defaults(run=_validate)

    template = commands.add_parser(
        "template", formatter_class=raw,
        help="write the mapping spreadsheet (.xlsx) to fill in",
        description="Write the mapping form: an instruction sheet, one sheet per "
                    "collection with drop-down lists, and example rows (or the records of "
                    "--data). Needs openpyxl: pip install \"samkart[excel]\".",
        epilog=_EXIT_CODES)
    template.add_argument("out", metavar="OUT.xlsx", help="the file to write (replaced "
                          "atomically)")
    template.add_argument("--lang", choices=("nb", "da", "en"), default="nb",
                          help="language of the instructions and labels (default: nb)")
    template.add_argument("--data", metavar="FILE",
                          help="fill the form with this landscape (.json, .xlsx or CSV folder) "
                               "instead of the examples")
    template.set_defaults(run=_template)

    convert = commands.add_parser(
        "convert", formatter_class=raw,
        help="convert a landscape between JSON, the .xlsx form and a CSV folder",
        description="Read a landscape in one format and write it in another; the format of "
                    "each side follows its path. Nothing is written when the input has "
                    "problems.",
        epilog=_FORMATS + "\n" + _EXIT_CODES)
    convert.add_argument("input", metavar="IN", help="the landscape to read")
    convert.add_argument("output", metavar="OUT", help="where to write it")
    convert.add_argument("--lang", choices=("nb", "da", "en"), default="nb",
                         help="language of an .xlsx output (default: nb)")
    convert.set_defaults(run=_convert)
    add_commands(commands)  # gaps and report (samkart.cli_analysis)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status
    (0 success, 1 problems found, 2 usage error or unreadable input)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version (0) and usage errors (2)
        return e.code if isinstance(e.code, int) else 2
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
