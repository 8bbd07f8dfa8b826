"""pybind11-stubgen, plus four things that pybind11-stubgen 3.0 does not yet read from pybind11 3.

Run by scripts/stubs.sh with the same arguments as ``python -m pybind11_stubgen``. Everything
else in the stubs comes from the signatures and docstrings that pybind11 writes
(python/bindings/*.cpp). No fix edits the output text: each works on pybind11-stubgen's model
of the module, in its parser or its printer:

1. ``py::native_enum`` members. pybind11-stubgen prints them as ``EARLY: ClassVar[Level]``,
   which mypy reads as an enum with no members, and adds untyped ``__new__`` and
   ``__format__`` (pybind11-stubgen issues 249 and 277). Here members are ``EARLY = 2``, as
   the typing spec asks, and the enum machinery is left to the ``enum`` stubs.
2. Module attribute types. pybind11's ``m.attr_with_type_hint<T>("name")`` records the type in
   the module's ``__annotations__``; pybind11-stubgen uses only ``type(value)`` (a bare
   ``tuple``). Here the recorded annotation wins.
3. Two spellings that fail ``mypy --strict``: pybind11 names path arguments
   ``os.PathLike | str | bytes`` (a generic without its parameter; here ``os.PathLike[str]``),
   and ``__hash__: ClassVar[None] = None`` (what Python sets for a class with ``__eq__``)
   needs typeshed's ``# type: ignore[assignment]``, as object declares ``__hash__``.
4. Methods written in Python. ``samkart._core`` never imports the package above it, so the
   methods of ``Landscape`` that need pandas (``to_frames``, ``summary``, ``_repr_html_``) are
   Python functions in ``samkart/_landscape.py``, attached to the class when ``samkart`` is
   imported (which importing ``samkart._core`` always does first). pybind11-stubgen reads
   them with their signatures and docstrings like any method; only their ``self`` annotation,
   which names the class from the Python side (``_core.Landscape``), is left out, as a
   method's ``self`` is in a stub.
"""

from __future__ import annotations

import enum
import inspect
import logging
import sys
import types
from typing import Any

from pybind11_stubgen import CLIArgs, arg_parser, run, stub_parser_from_args
from pybind11_stubgen.printer import Printer
from pybind11_stubgen.structs import (
    Attribute,
    Field,
    Identifier,
    InvalidExpression,
    QualifiedName,
    ResolvedType,
    Value,
)
from pybind11_stubgen.writer import Writer

ENUM_MACHINERY = {"__new__", "__format__"}


class SamkartFixes:
    """Parser mixin; placed before pybind11-stubgen's own mixins."""

    def handle_class_member(self, path: QualifiedName, class_: type, obj: Any) -> Any:
        if issubclass(class_, enum.Enum) and hasattr(class_, "__pybind11_native_enum__"):
            if str(path[-1]) in ENUM_MACHINERY:
                return None
            if isinstance(obj, class_):
                return Field(attribute=Attribute(name=path[-1],
                                                 value=Value(repr(obj.value), is_print_safe=True)),
                             modifier="static")
        return super().handle_class_member(path, class_, obj)  # type: ignore[misc]

    def handle_function(self, path: QualifiedName, func: Any) -> Any:
        if isinstance(func, types.FunctionType) and "self" in func.__annotations__:
            method = types.FunctionType(func.__code__, func.__globals__, func.__name__,
                                        func.__defaults__, func.__closure__)
            method.__doc__ = inspect.cleandoc(func.__doc__) if func.__doc__ else None
            method.__kwdefaults__ = func.__kwdefaults__
            method.__annotations__ = {k: v for k, v in func.__annotations__.items()
                                      if k != "self"}
            func = method
        return super().handle_function(path, func)  # type: ignore[misc]

    def handle_module_member(self, path: QualifiedName, module: types.ModuleType,
                             member: Any) -> Any:
        result = super().handle_module_member(path, module, member)  # type: ignore[misc]
        # Not inspect.get_annotations: reading module.__annotations__ creates it, in the
        # middle of pybind11-stubgen's walk over module.__dict__.
        hint = module.__dict__.get("__annotations__", {}).get(str(path[-1]))  # noqa: RUF063
        if isinstance(result, Attribute) and isinstance(hint, str):
            result.annotation = self.parse_annotation_str(hint)
        return result

    def parse_annotation_str(self, annotation_str: str) -> ResolvedType | InvalidExpression | Value:
        result = super().parse_annotation_str(annotation_str)  # type: ignore[misc]
        self._parameterize_path_like(result)
        return result  # type: ignore[no-any-return]

    def _parameterize_path_like(self, annotation: Any) -> None:
        if not isinstance(annotation, ResolvedType):
            return
        if str(annotation.name) == "os.PathLike" and not annotation.parameters:
            annotation.parameters = [ResolvedType(name=QualifiedName([Identifier("str")]))]
        for parameter in annotation.parameters or []:
            self._parameterize_path_like(parameter)


class SamkartPrinter(Printer):
    def print_attribute(self, attr: Attribute) -> list[str]:
        lines = super().print_attribute(attr)
        if str(attr.name) == "__hash__" and attr.value is not None and attr.value.repr == "None":
            lines[0] += "  # type: ignore[assignment]"
        return lines


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(name)s - [%(levelname)7s] %(message)s")
    args = arg_parser().parse_args(argv, namespace=CLIArgs())
    configured = stub_parser_from_args(args)
    parser = type("Parser", (SamkartFixes, type(configured)), {})()
    vars(parser).update(vars(configured))  # the settings made from the arguments
    printer = SamkartPrinter(invalid_expr_as_ellipses=not args.print_invalid_expressions_as_is,
                             print_value_comments=args.print_value_comments)
    run(parser, printer, args.module_names, args.output_dir, root_suffix=args.root_suffix,
        dry_run=args.dry_run, writer=Writer(stub_ext=args.stub_extension))


if __name__ == "__main__":
    main(sys.argv[1:])
