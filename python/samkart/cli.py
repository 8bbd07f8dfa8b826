"""The command line: ``samkart validate FILE``.

Exit status: 0 the file is a valid landscape (warnings are printed but do not count unless
``--strict``), 1 it has problems, 2 it cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from samkart import __version__, _core
from samkart.errors import SamkartError

__all__ = ["main"]


def _validate(args: argparse.Namespace) -> int:
    try:
        problems = _core.validate_json_file(args.file)
    except SamkartError as e:
        print(f"samkart: {e}", file=sys.stderr)
        return 2
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in problems:
        print(p)
    failed = bool(errors) or (args.strict and bool(warnings))
    status = "has problems" if failed else "is valid"
    print(f"{args.file} {status}: {len(errors)} errors, {len(warnings)} warnings")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = argparse.ArgumentParser(
        prog="samkart", description="Map the services around young people."
    )
    parser.add_argument("--version", action="version", version=f"samkart {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check a landscape JSON file and list every problem"
    )
    validate.add_argument("file", help="a samkart JSON file")
    validate.add_argument("--strict", action="store_true", help="count warnings as problems")
    validate.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
