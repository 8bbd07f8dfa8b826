"""The mapping spreadsheet: an ``.xlsx`` form that municipal staff fill in, and its reader.

:func:`write_template` writes the form: an instruction sheet in Norwegian, Danish or English, a
``landscape`` sheet (name, year, currency), one sheet per collection (``areas``,
``population``, ``actors``, ``measures``, ``links``, ``transitions``, ``indicators``) and a
hidden ``lists`` sheet behind the drop-down lists. On every collection sheet row 1 holds the
model's field names, row 2 their label in the chosen language, and the records start on row 3.

The sheets, their columns, which are required, the drop-down lists and the labels all come
from the field table of each record type (:mod:`samkart.schema`); a field added to the model
appears in the form without a change here. The layout differs from the model only where a
table needs it:

- ``ages`` is two columns ``age_min`` and ``age_max``;
- list fields (``areas``, ``providers``, ``targets``, ``keys``, ``tees``, ``mapped``) are one
  cell with the values separated by commas (semicolons and line breaks also separate);
- ``population`` of areas is its own sheet, one row per area and age band;
- levels are written ``"2 – Tidlig innsats"``; vocabulary terms as their label in the form's
  language. The reader accepts the number or name (``2``, ``"early"``), the machine name
  (``"municipal"``) and the label in any of nb, da and en, in any case;
- a field left blank has its default (a measure's ``status`` is ``active``).

:func:`read_excel` reads one or several filled forms into one :class:`samkart.Landscape`
(through :func:`samkart.from_frames`) and reports every problem at once, each naming the sheet,
the row as Excel shows it and the column (letter and name): ``measures!C7 (level): level 5
does not exist; …``. A cell holding a formula whose result was never stored (a form filled by
a script and not opened in a spreadsheet program since) is reported too, not read as blank.

openpyxl is an optional dependency: ``pip install "samkart[excel]"``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, cast

import pandas as pd

from samkart import _core
from samkart import schema as _schema
from samkart._util import (
    check_zip,
    did_you_mean,
    flat_columns,
    flat_tables,
    input_limits,
    limit_error,
    parse_bool,
    write_atomic,
)
from samkart.errors import SamkartError, SchemaError, ValidationError
from samkart.io import _excel_text as text
from samkart.io.frames import from_frames

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from samkart._core import FieldInfo, Landscape, Problem

__all__ = ["SHEETS", "SheetProblem", "read_excel", "write_template"]

# How a cell is read, by column.
_Kind = Literal["text", "id", "ids", "terms", "term", "int", "number", "bool", "date", "level"]
_KIND_OF_TYPE: dict[str, _Kind] = {
    "id": "id", "ref": "id", "ref_list": "ids", "text": "text", "text_list": "ids",
    "enum": "term", "enum_list": "terms", "number": "number", "integer": "int", "bool": "bool",
    "level": "level", "date": "date",
}


@dataclass(frozen=True)
class _Column:
    """One column of a sheet, derived from the field table."""

    name: str
    field: FieldInfo | None  # None for population's ``area``
    kind: _Kind
    vocabulary: str | None
    closed: bool
    refers_to: str | None
    required: bool

    def label(self, lang: str) -> str:
        if self.field is None:  # population's area: the area's id
            return _schema.field("areas", "id").label(lang)
        label = self.field.label(lang)
        if self.name in ("age_min", "age_max"):
            return f"{label} {text.pick(text.WORDS[self.name], lang)}"
        return label


def _columns_of(collection: str) -> tuple[_Column, ...]:
    out: list[_Column] = []
    for name, f in flat_columns(collection):
        if f is None:  # population's area
            out.append(_Column(name, None, "id", None, False, "areas", True))
            continue
        kind = "int" if f.type == "ages" else _KIND_OF_TYPE[f.type]
        if f.vocabulary is not None and kind == "text":
            kind = "term"
        if f.vocabulary is not None and kind == "ids":
            kind = "terms"
        out.append(_Column(name, f, kind, f.vocabulary,
                           f.vocabulary is not None and not f.open_vocabulary, f.refers_to,
                           f.required))
    return tuple(out)


_COLUMNS: dict[str, tuple[_Column, ...]] = {s: _columns_of(s) for s in flat_tables()}
_BY_NAME: dict[str, dict[str, _Column]] = {s: {c.name: c for c in cs}
                                           for s, cs in _COLUMNS.items()}
#: The data sheets of the form and their columns, in order (from :mod:`samkart.schema`).
SHEETS: dict[str, tuple[str, ...]] = {s: tuple(c.name for c in cs) for s, cs in _COLUMNS.items()}
_REQUIRED: dict[str, frozenset[str]] = {s: frozenset(c.name for c in cs if c.required)
                                        for s, cs in _COLUMNS.items()}
#: The vocabularies behind drop-down lists, in the order the sheets first use them.
_VOCABULARIES: tuple[str, ...] = tuple(dict.fromkeys(
    c.vocabulary for cs in _COLUMNS.values() for c in cs if c.vocabulary is not None))
#: Records that others refer to by id; the other collections are never referred to.
_WITH_ID = tuple(s for s in _schema.COLLECTIONS if "id" in SHEETS[s])

_FIRST_ROW = 3  # row 1: field names, row 2: labels
_LAST_ROW = 2000  # the drop-down lists cover the rows up to this one
_LANDSCAPE_FIELDS = ("name", "year", "currency")
_SPLIT = re.compile(r"[,;\n]")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")
_LEADING_NUMBER = re.compile(r"[+-]?\d[\d\s\u00a0]*(?:[.,]\d+)?")
_SPACES = re.compile(r"[\s\u00a0]")
_LEADING_INT = re.compile(r"^\s*(\d+)\b")
_LINE_SUFFIX = re.compile(r" \(line \d+\)$")
_RECORD_PREFIX = re.compile(r"^[a-z_]+\[\d+\](?: '.*?')?(?:, field '[^']*')?: ")
_LEVEL_NAMES = {"universal": 1, "early": 2, "targeted": 3, "intensive": 4}


# --- problems ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetProblem:
    """One problem in a filled form, located by file, sheet, row and column.

    It has the attributes of :class:`samkart.Problem` (``severity``, ``collection``, ``index``,
    ``id``, ``field``, ``message``), so code that reads ``ValidationError.problems`` works on
    both; ``collection`` is the sheet. ``str()`` gives ``"measures!C7 (level): message"``,
    prefixed with the file name when several files were read.
    """

    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    field: str = ""
    id: str = ""
    index: int | None = None
    severity: Literal["error", "warning"] = "error"
    show_file: bool = False

    @property
    def collection(self) -> str:
        """The sheet, named like the collection it holds."""
        return self.sheet

    @property
    def location(self) -> str:
        """``"measures!C7 (level)"``, or as much of it as is known."""
        where = self.sheet
        if self.row is not None:
            where += f"!{self.column}{self.row}" if self.column else f" row {self.row}"
        if self.field:
            where += f" ({self.field})"
        if self.show_file and self.file:
            where = f"{self.file}: {where}" if where else self.file
        return where or self.file

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


# --- openpyxl, lazily ----------------------------------------------------------------------------


def _openpyxl() -> Any:
    try:
        import openpyxl  # optional: imported when used
    except ImportError as err:
        msg = ('reading and writing spreadsheets needs openpyxl: pip install "samkart[excel]" '
               "(or pip install openpyxl)")
        raise ImportError(msg) from err
    return openpyxl


# --- vocabulary lookups --------------------------------------------------------------------------


def _labels(vocabulary: str, lang: str) -> dict[str, str]:
    return {t.name: t.label(lang) for t in _core.terms(vocabulary)}


def _lookup(vocabulary: str) -> dict[str, str]:
    """Lower-cased name and labels (every language) → name; a label two terms share is left
    out, so that it never picks one of them silently."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for t in _core.terms(vocabulary):
        out[t.name.lower()] = t.name
        for lang in _core.languages:
            key = t.label(lang).strip().lower()
            if key in out and out[key] != t.name:
                clash.add(key)
            out.setdefault(key, t.name)
    for key in clash:
        del out[key]
    for t in _core.terms(vocabulary):
        out[t.name.lower()] = t.name
    return out


def _level_lookup() -> dict[str, int]:
    out = dict(_LEVEL_NAMES)
    for level in _core.Level:
        out[level.iom.lower()] = int(level)
        for lang in _core.languages:
            out[level.label(lang).lower()] = int(level)
    return out


def _level_text(level: int, lang: str) -> str:
    return f"{level} – {_core.Level(level).label(lang)}"


# --- writing -------------------------------------------------------------------------------------


def write_template(path: str | os.PathLike[str], lang: str = "nb",
                   landscape: Landscape | None = None) -> None:
    """Write the mapping form to ``path`` (an ``.xlsx`` file).

    Args:
        path: where to write; replaced atomically (a temporary file beside it is renamed over
            it), so a failed write leaves an existing file intact.
        lang: the language of the instructions and labels: ``"nb"``, ``"da"`` or ``"en"``.
        landscape: fill the sheets with this landscape's records instead of the example rows;
            :func:`read_excel` on the result gives a landscape equal to it.

    Raises:
        ValueError: ``lang`` is not nb, da or en.
        ImportError: openpyxl is not installed.
    """
    if lang not in ("nb", "da", "en"):
        msg = f"unknown language {lang!r}; expected nb, da or en"
        raise ValueError(msg)
    openpyxl = _openpyxl()
    land = landscape if landscape is not None else _example(lang)
    frames = land.to_frames()
    wb = openpyxl.Workbook()
    _instruction_sheet(wb.active, lang)
    _landscape_sheet(wb.create_sheet("landscape"), land, lang)
    lists = wb.create_sheet("lists")
    ranges = _list_sheet(lists, lang)
    for sheet, columns in _COLUMNS.items():
        ws = wb.create_sheet(sheet)
        _header(ws, sheet, lang)
        _validations(ws, sheet, ranges)
        frame = _population_frame(frames["areas"]) if sheet == "population" else frames[sheet]
        _write_rows(ws, columns, frame, lang)
    lists.sheet_state = "hidden"
    wb.move_sheet(lists, offset=len(wb.sheetnames))
    write_atomic(path, lambda f: wb.save(cast("IO[bytes]", f)), binary=True)


def _example(lang: str) -> Landscape:
    """A small consistent landscape, every record illustrative: the form read back as it is
    written is valid, and shows how each sheet is filled."""
    name = {"nb": "Eksempelkommune", "da": "Eksempelkommune", "en": "Example municipality"}
    land = _core.Landscape(name=name[lang], year=2024, currency="DKK" if lang == "da" else "NOK")
    land.add_area("40", name="Eksempelfylke", kind="county", illustrative=True)
    land.add_area("4001", name=name[lang], kind="municipality", parent="40",
                  population={(16, 25): 6900}, illustrative=True)
    land.add_actor("ot", name="Oppfølgingstjenesten", sector="follow_up_service", owner="county",
                   areas=["4001"], ages=(16, 21), illustrative=True)
    land.add_actor("nav", name="NAV", sector="labour_welfare", owner="state", areas=["4001"],
                   ages=(16, 29), illustrative=True)
    land.add_actor("skole", name="Videregående skole", sector="upper_secondary_school",
                   owner="county", areas=["4001"], ages=(16, 19), illustrative=True)
    land.add_measure("samtale", name="Samtalegruppe", level=2, providers=["ot"], ages=(16, 21),
                     targets=["mental_health"], capacity=40, keys=["participation"],
                     tees=["early", "close_follow_up"], illustrative=True)
    land.add_measure("ungdomsteam", name="Ungdomsteam", level=4, providers=["ot", "nav"],
                     targets=["neet"], capacity=25, cost=1800000, keys=["collaboration"],
                     tees=["cross_sector"], illustrative=True)
    land.add_link("ot", "nav", kind="agreement", formal=True, coordinator="ot", consent=True,
                  intensity="coordination", since="2020-09-01", illustrative=True)
    land.add_link("skole", "ot", kind="referral", illustrative=True)
    land.add_transition("skole", "ot", volume=120, reason="dropout", ages=(16, 19),
                        illustrative=True)
    land.add_indicator("4001", "neet_share_16_25", 0.08, year=2023, illustrative=True)
    return land


def _population_frame(areas: pd.DataFrame) -> pd.DataFrame:
    """The population bands of the areas frame as rows (area, age_min, age_max, count)."""
    rows: list[tuple[Any, ...]] = []
    if "population" in areas.columns:
        for area, bands in zip(areas["id"], areas["population"], strict=True):
            for band in _present(bands) or ():
                lo, hi = band["ages"]
                rows.append((area, lo, hi, band["count"]))
    return pd.DataFrame(rows, columns=["area", "age_min", "age_max", "count"])


def _present(value: Any) -> Any:
    """The value as a plain Python value, or None when it is missing (None, NaN, pd.NA) or
    empty (``[]``, ``""``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()  # numpy scalars and arrays
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str | list | tuple) and len(value) == 0:
        return None
    return value


def _write_rows(ws: Worksheet, columns: Sequence[_Column], frame: pd.DataFrame,
                lang: str) -> None:
    present = [(k, c, frame[c.name].tolist()) for k, c in enumerate(columns, start=1)
               if c.name in frame.columns]
    for r in range(len(frame)):
        for k, column, values in present:
            value = _cell_value(column, values[r], lang)
            if value is not None:
                cell = ws.cell(row=_FIRST_ROW + r, column=k, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"


def _default(column: _Column) -> str | None:
    if column.field is None or column.field.default is None:
        return None
    return column.field.default.strip('"')


def _cell_value(column: _Column, raw: Any, lang: str) -> Any:
    value = _present(raw)
    if value is None or value is False:
        return None
    if column.kind == "term" and not column.required and value == _default(column):
        return None  # blank is the default (status active, mapping complete)
    if column.kind == "level":
        return _level_text(int(value), lang)
    if column.vocabulary is not None:
        labels = _labels(column.vocabulary, lang)
        if isinstance(value, list | tuple):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if column.kind == "date":
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _instruction_sheet(ws: Worksheet, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = text.pick(text.WORDS["instructions"], lang)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 90
    ws.append([text.pick(text.WORDS["title"], lang)])
    ws["A1"].font = Font(bold=True, size=14)
    for paragraph in text.INSTRUCTIONS[lang]:
        ws.append([])
        ws.append([paragraph])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.cell(row=row, column=1).alignment = wrap
        ws.row_dimensions[row].height = 15 * (1 + len(paragraph) // 130)
    # The levels.
    ws.append([])
    ws.append([text.pick(text.WORDS["levels"], lang)])
    ws.cell(row=ws.max_row, column=1).font = bold
    for level in _core.Level:
        ws.append([int(level), level.label(lang), "", f"IOM: {level.iom}; BTI {level.bti}"])
    # Each sheet and its columns.
    words = text.WORDS
    sheets: dict[str, Sequence[str]] = {"landscape": _LANDSCAPE_FIELDS, **SHEETS}
    for sheet, names in sheets.items():
        ws.append([])
        ws.append([f"{text.pick(words['sheet'], lang)} {sheet}",
                   text.pick(text.SHEETS[sheet], lang)])
        ws.cell(row=ws.max_row, column=1).font = bold
        ws.append([text.pick(words["column"], lang), text.pick(words["label"], lang),
                   text.pick(words["required"], lang), text.pick(words["help"], lang)])
        for c in range(1, 5):
            ws.cell(row=ws.max_row, column=c).font = Font(italic=True)
        for name in names:
            if sheet == "landscape":
                label, help_text = text.pick(words[name], lang), ""
                required = name == "name"
            else:
                column = _BY_NAME[sheet][name]
                label, help_text = column.label(lang), _help(sheet, column, lang)
                required = column.required
            yes_no = text.pick(words["yes" if required else "no"], lang)
            ws.append([name, label, yes_no, help_text])
            ws.cell(row=ws.max_row, column=4).alignment = wrap
    # The vocabularies with their labels.
    ws.append([])
    ws.append([text.pick(words["vocabularies"], lang)])
    ws.cell(row=ws.max_row, column=1).font = bold
    for vocabulary in _VOCABULARIES:
        for t in _core.terms(vocabulary):
            ws.append([vocabulary, t.name, "", t.label(lang)])


def _help(sheet: str, column: _Column, lang: str) -> str:
    """The column's help text: the translated one, else the field table's description."""
    entry = text.HELP.get((sheet, column.name)) or text.SHARED.get(column.name)
    if entry is not None:
        return text.pick(entry, lang)
    if column.field is None:  # pragma: no cover - population's area has a help text (tested)
        return ""
    return column.field.description


def _landscape_sheet(ws: Worksheet, land: Landscape, lang: str) -> None:
    from openpyxl.styles import Font

    ws.append(["field", "value", text.pick(text.WORDS["label"], lang)])
    for c in range(1, 4):
        ws.cell(row=1, column=c).font = Font(bold=True)
    values = {"name": land.name, "year": land.year, "currency": land.currency}
    for field in _LANDSCAPE_FIELDS:
        ws.append([field, values[field], text.pick(text.WORDS[field], lang)])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 40


def _list_sheet(ws: Worksheet, lang: str) -> dict[str, str]:
    """Write the drop-down lists, one column each; return list name → range formula."""
    from openpyxl.utils import get_column_letter

    lists: dict[str, list[str]] = {
        "level": [_level_text(int(level), lang) for level in _core.Level],
        "bool": ["TRUE", "FALSE"],
    }
    for vocabulary in _VOCABULARIES:
        lists[vocabulary] = [t.label(lang) for t in _core.terms(vocabulary)]
    ranges: dict[str, str] = {}
    for c, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=c, value=name)
        for r, value in enumerate(values, start=2):
            ws.cell(row=r, column=c, value=value)
        letter = get_column_letter(c)
        ranges[name] = f"lists!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _header(ws: Worksheet, sheet: str, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDEBF7")
    for c, column in enumerate(_COLUMNS[sheet], start=1):
        label = column.label(lang)
        head = ws.cell(row=1, column=c, value=column.name)
        head.font = Font(bold=True, color="C00000" if column.required else "000000")
        head.fill = fill
        head.comment = Comment(_help(sheet, column, lang), "samkart", width=300, height=80)
        sub = ws.cell(row=2, column=c, value=label + (" *" if column.required else ""))
        sub.font = Font(italic=True, color="595959")
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(40, len(label) + 4))
    ws.freeze_panes = "A3"


_STOP: Literal["stop"] = "stop"
_WARNING: Literal["warning"] = "warning"


def _validations(ws: Worksheet, sheet: str, ranges: Mapping[str, str]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for c, column in enumerate(_COLUMNS[sheet], start=1):
        style: Literal["stop", "warning"] | None
        if column.kind == "level":
            formula, style = ranges["level"], _STOP
        elif column.kind == "bool":
            formula, style = ranges["bool"], _STOP
        elif column.vocabulary is not None:
            # Lists of terms and the open vocabularies take other entries too.
            single_closed = column.closed and column.kind == "term"
            formula, style = ranges[column.vocabulary], _STOP if single_closed else None
        elif column.refers_to is not None and column.refers_to in SHEETS:
            # An id may be defined in another municipality's form: warn, do not refuse.
            target = column.refers_to
            formula = f"{target}!$A${_FIRST_ROW}:$A${_LAST_ROW}"
            style = _WARNING if column.kind == "id" else None
        else:
            continue
        dv = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
        if style is not None:
            dv.errorStyle = style
            dv.showErrorMessage = True
        else:
            dv.showErrorMessage = False
        letter = get_column_letter(c)
        dv.add(f"{letter}{_FIRST_ROW}:{letter}{_LAST_ROW}")
        ws.add_data_validation(dv)


# --- reading -------------------------------------------------------------------------------------


@dataclass
class _Located:
    """Where a record came from: file, sheet, row and the column letter of each field."""

    file: str
    sheet: str
    row: int
    letters: Mapping[str, str]


@dataclass
class _Reader:
    """Collects records and problems over all the files read."""

    show_file: bool
    problems: list[SheetProblem]
    records: dict[str, list[dict[str, Any]]]
    located: dict[str, list[_Located]]
    flagged: set[tuple[str, int, str]]
    population: list[tuple[dict[str, Any], _Located]]
    population_by_area: dict[str, list[_Located]]

    def problem(self, where: _Located | None, field: str, message: str, *,
                file: str = "", sheet: str = "", row: int | None = None,
                column: str = "", record_id: str = "") -> None:
        if where is not None:
            file, sheet, row = where.file, where.sheet, where.row
            column = column or where.letters.get(field, "")
        self.problems.append(SheetProblem(
            message=message, file=file, sheet=sheet, row=row, column=column, field=field,
            id=record_id, show_file=self.show_file))


def read_excel(path_or_paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
               name: str | None = None, year: int | None = None,
               currency: str | None = None) -> Landscape:
    """Read one or several filled forms into one landscape.

    Several files (one per municipality, say) are merged: their records are put together, and
    an id used in two places is reported with both places. The name, year and currency come
    from the arguments, else from the ``landscape`` sheet (the files must agree), else the
    name is the file name and the currency ``NOK``.

    Raises:
        ValidationError: the forms have problems; ``problems`` lists every one of them as a
            :class:`SheetProblem` naming the file, sheet, row and column: a missing sheet, a
            header that does not match, a blank required cell, a number typed as text, an
            unknown term, a formula without a stored result, and every rule of the model
            (unknown ids, level 5, …).
        SamkartError: a file cannot be opened as a spreadsheet.
        ImportError: openpyxl is not installed.
    """
    if isinstance(path_or_paths, str | os.PathLike):
        paths = [Path(path_or_paths)]
    else:
        paths = [Path(p) for p in path_or_paths]
    if not paths:
        msg = "read_excel needs at least one file"
        raise ValueError(msg)
    _openpyxl()  # ImportError before any file is read
    names = [p.name for p in paths]
    reader = _Reader(len(paths) > 1, [], {s: [] for s in _schema.COLLECTIONS},
                     {s: [] for s in _schema.COLLECTIONS}, set(), [], {})
    meta: list[dict[str, Any]] = []
    for path, label in zip(paths, names, strict=True):
        # Both passes stream the rows (read-only), so memory holds one row at a time besides
        # the records kept, and the limits hold as the file is read (issue 18).
        check_zip(path)  # sizes from the zip directory, before anything is unpacked
        # The file with formulas as text: a formula cell that data_only reads as None has no
        # stored result (nobody recalculated it), which is not a blank cell.
        formulas = _formulas(open_workbook(path, data_only=False), path)
        wb = open_workbook(path, data_only=True)
        try:
            meta.append(_read_landscape_sheet(wb, formulas.get("landscape", {}), path, label,
                                              reader))
            for sheet in SHEETS:
                if sheet not in wb.sheetnames:
                    reader.problem(None, "", f"the sheet {sheet!r} is missing; copy it from a "
                                   "new template (samkart template)", file=label, sheet=sheet)
                    continue
                _read_sheet(wb[sheet], formulas.get(sheet, {}), sheet, path, label, reader)
        finally:
            wb.close()
    landscape_name, landscape_year, landscape_currency = _landscape_fields(
        meta, paths, name, year, currency, reader)
    _attach_population(reader)
    _check_duplicates(reader)
    frames = {c: _frame(c, reader.records[c]) for c in _schema.COLLECTIONS}
    land: Landscape | None = None
    try:
        land = from_frames(**frames, name=landscape_name, year=landscape_year,
                           currency=landscape_currency)
    except ValidationError as e:
        for p in e.problems:
            _model_problem(p, reader)
    except SchemaError as e:  # pragma: no cover - the cells are checked before this
        for pointer, _line, _column, message in e.problems:
            _schema_problem(pointer, _RECORD_PREFIX.sub("", message), reader)
    if reader.problems or land is None:
        raise _error(reader.problems, names)
    return land


def _frame(collection: str, records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The records of one sheet as the frame :func:`samkart.from_frames` reads: the sheet's
    columns (and ``population`` for areas), absent cells missing."""
    columns = list(SHEETS[collection])
    if collection == "areas":
        columns.append("population")
    cells: dict[str, list[Any]] = {c: [r.get(c) for r in records] for c in columns}
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cells.items()},
                        columns=columns)


def _error(problems: list[SheetProblem], names: Sequence[str]) -> ValidationError:
    order = {n: k for k, n in enumerate(names)}
    sheets = {s: k for k, s in enumerate(("landscape", *SHEETS))}
    problems = sorted(problems, key=lambda p: (order.get(p.file, -1), sheets.get(p.sheet, -1),
                                               p.row or 0, len(p.column), p.column))
    n = len(problems)
    head = f"{n} {'problem' if n == 1 else 'problems'} in {', '.join(names)}"
    lines = [str(p) for p in problems]
    # ValidationError.problems is typed for the core's Problem; SheetProblem has the same
    # attributes (duck-typed), plus the sheet, row and column.
    return ValidationError("\n  - ".join([head, *lines]), cast("list[Problem]", problems))


def _no_result(formula: Any) -> str:
    shown = str(formula)
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return (f"the cell holds the formula {shown} but no stored result (the file was written "
            "by a program and never recalculated); open it in Excel or LibreOffice and save "
            "it, or type the value")


_Formulas = Mapping[tuple[int, int], str]


def open_workbook(path: Path, *, data_only: bool) -> Any:
    """The workbook at ``path`` opened read-only (its sheets stream their rows; close it).

    Raises:
        SamkartError: no such file, or not an .xlsx spreadsheet openpyxl can open.
    """
    openpyxl = _openpyxl()
    try:
        return openpyxl.load_workbook(path, data_only=data_only, read_only=True)
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise SamkartError(msg) from None
    except Exception as err:
        msg = f"{path}: cannot be read as an .xlsx spreadsheet ({err})"
        raise SamkartError(msg) from None


def stream_rows(ws: Any, path: Path, *, min_row: int = 1, max_row: int | None = None,
                max_col: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The cell values of a read-only sheet, row by row from ``min_row`` (a row missing from
    the file comes as an empty tuple, so the count gives the row number), under the limits:

    - a sheet whose stored dimension claims more rows than the records a collection may hold
      (``max_records``) plus the two header rows is refused before a row is read;
    - the rows are counted as they are read, and the first one beyond that is refused (the
      stored dimension may be wrong, so every row is read from A1 whatever it says).

    openpyxl parses the sheet's XML as the rows are taken, so its errors (broken XML, a cell
    it cannot convert) come here and become a :class:`SamkartError` naming the file.
    """
    limit = input_limits()["max_records"] + _FIRST_ROW - 1
    where = f"{path}, sheet {getattr(ws, 'title', '?')!r}"
    fix = ("split the mapping into several files; if the sheet holds fewer rows, delete the "
           "empty rows below the last record and save it again")
    try:
        declared = ws.max_row if hasattr(ws, "reset_dimensions") else None
        if isinstance(declared, int) and declared > limit:
            raise limit_error(where, f"the sheet declares {declared:,} rows (dimension "
                              f"{ws.calculate_dimension()}); samkart reads at most "
                              f"{limit - _FIRST_ROW + 1:,} records per collection", fix)
        ws.reset_dimensions()  # a stored dimension may be wrong: read every row there is
        rows = ws.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col,
                            values_only=True)
        for number, row in enumerate(rows, start=min_row):
            if number > limit:
                raise limit_error(f"{where}, row {number:,}", "more than "
                                  f"{limit - _FIRST_ROW + 1:,} records; samkart reads at most "
                                  "that many per collection", fix)
            yield tuple(row)
    except SamkartError:
        raise
    except Exception as err:
        msg = f"{path}: cannot be read as an .xlsx spreadsheet ({type(err).__name__}: {err})"
        raise SamkartError(msg) from None


def _formulas(wb: Any, path: Path) -> dict[str, _Formulas]:
    """Sheet → (row, column) → formula, for every cell that holds a formula."""
    out: dict[str, _Formulas] = {}
    try:
        for ws in wb.worksheets:
            out[ws.title] = {
                (r, c): v for r, row in enumerate(stream_rows(ws, path), start=1)
                for c, v in enumerate(row, start=1) if _is_formula(v)}
    finally:
        wb.close()
    return out


def _read_landscape_sheet(wb: Any, formulas: _Formulas, path: Path, label: str,
                          reader: _Reader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "landscape" not in wb.sheetnames:
        return out
    ws = wb["landscape"]
    for number, row in enumerate(stream_rows(ws, path, min_row=2, max_col=2), start=2):
        key = row[0] if row else None
        if not isinstance(key, str) or key.strip() not in _LANDSCAPE_FIELDS:
            continue
        key = key.strip()
        value = row[1] if len(row) > 1 else None
        where = _Located(label, "landscape", number, {key: "B"})
        if value is None:
            formula = formulas.get((number, 2))
            if formula is not None:
                reader.problem(where, key, _no_result(formula))
            continue
        if isinstance(value, str) and not value.strip():
            continue
        if key == "year":
            converted, problem = _to_int(value)
            if problem:
                reader.problem(where, key, problem)
                continue
            out[key] = converted
        else:
            out[key] = _to_text(value)
    return out


def _landscape_fields(meta: Sequence[Mapping[str, Any]], paths: Sequence[Path],
                      name: str | None, year: int | None, currency: str | None,
                      reader: _Reader) -> tuple[str, int | None, str]:
    def agreed(field: str) -> Any:
        values = {m[field] for m in meta if field in m}
        if len(values) > 1:
            shown = ", ".join(sorted(str(v) for v in values))
            reader.problem(None, field, f"the files give different values ({shown}); pass "
                           f"{field}= to read_excel", sheet="landscape")
            return None
        return next(iter(values), None)

    out_name = name if name is not None else agreed("name")
    if out_name is None:
        out_name = " + ".join(p.stem for p in paths)
    out_year = year if year is not None else agreed("year")
    out_currency = currency if currency is not None else agreed("currency")
    return str(out_name), out_year, str(out_currency or "NOK")


def _header_row(first: Sequence[Any], sheet: str, label: str,
                reader: _Reader) -> dict[str, int] | None:
    """Column name → column number, from row 1; problems for unknown, repeated or missing
    columns. None when a required column is missing (the sheet cannot be read)."""
    from openpyxl.utils import get_column_letter

    columns = SHEETS[sheet]
    found: dict[str, int] = {}
    for column, value in enumerate(first, start=1):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        letter = get_column_letter(column)
        key = str(value).strip().lower()
        if key not in columns:
            hint = did_you_mean(key, columns)
            more = f"; did you mean {hint!r}?" if hint else (
                f"; the columns of this sheet are {', '.join(columns)}")
            reader.problem(None, str(value), f"unknown column {value!r}{more}", file=label,
                           sheet=sheet, row=1, column=letter)
            continue
        if key in found:
            reader.problem(None, key, f"the column {key!r} appears twice (also in column "
                           f"{get_column_letter(found[key])})", file=label, sheet=sheet, row=1,
                           column=letter)
            continue
        found[key] = column
    missing = [c for c in columns if c in _REQUIRED[sheet] and c not in found]
    for field in missing:
        reader.problem(None, field, f"the required column {field!r} is missing from row 1; "
                       "row 1 must hold the column names of the template", file=label,
                       sheet=sheet, row=1)
    return None if missing else found


def _is_label_row(values: Mapping[str, Any], sheet: str) -> bool:
    """Row 2 of the template holds the columns' labels; recognise it in any language."""
    seen = False
    for field, value in values.items():
        if value is None:
            continue
        if not isinstance(value, str):
            return False
        column = _BY_NAME[sheet][field]
        labels = {column.label(lang) for lang in _core.languages}
        if value.strip().rstrip("*").strip() not in labels:
            return False
        seen = True
    return seen


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(ws: Worksheet, formulas: _Formulas, sheet: str, path: Path, label: str,
                reader: _Reader) -> None:
    from openpyxl.utils import get_column_letter

    rows = enumerate(stream_rows(ws, path), start=1)
    header = _header_row(next(rows, (1, ()))[1], sheet, label, reader)
    if header is None:
        return
    letters = {f: get_column_letter(c) for f, c in header.items()}
    for row, cells in rows:
        values = {f: cells[c - 1] if c <= len(cells) else None for f, c in header.items()}
        where = _Located(label, sheet, row, letters)
        unstored = [f for f, c in header.items() if values[f] is None and (row, c) in formulas]
        for f in unstored:
            reader.problem(where, f, _no_result(formulas[(row, header[f])]))
        if all(_blank(v) for v in values.values()):
            continue
        if row == 2 and _is_label_row(values, sheet):
            continue
        _read_record(sheet, values, where, reader, frozenset(unstored))


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _read_record(sheet: str, values: Mapping[str, Any], where: _Located, reader: _Reader,
                 unstored: frozenset[str] = frozenset()) -> None:
    record: dict[str, Any] = {}
    bad: set[str] = set(unstored)
    for field, value in values.items():
        if _blank(value):
            continue
        converted, problem = _convert(_BY_NAME[sheet][field], value)
        if problem:
            reader.problem(where, field, problem)
            bad.add(field)
        elif converted is not None:
            record[field] = converted
    # Ages: both columns or neither.
    lo, hi = record.get("age_min"), record.get("age_max")
    if (lo is None) != (hi is None) and not ({"age_min", "age_max"} & bad):
        blank = "age_max" if hi is None else "age_min"
        reader.problem(where, blank, "fill in both age_min and age_max, or neither")
        bad.add(blank)
    if {"age_min", "age_max"} & bad:
        record.pop("age_min", None)
        record.pop("age_max", None)
        bad.add("ages")
    record_id = str(record.get("id", ""))
    for field in sorted(_REQUIRED[sheet] - set(record) - bad):
        if field in ("age_min", "age_max") and "ages" in bad:
            continue
        label = _BY_NAME[sheet][field].label("en")
        reader.problem(where, field, f"required: fill in the {label.lower()}",
                       record_id=record_id)
        bad.add(field)
    if sheet == "population":
        if {"area", "ages", "count", "age_min", "age_max"} & bad:
            return
        reader.population.append((record, where))
        return
    # A record that nothing refers to is left out when a required cell is unusable; one
    # that others refer to goes in with a stand-in value, so that the model still checks its
    # other cells and the references to it. Problems on stand-in fields are not repeated.
    if sheet not in _WITH_ID and bad & _REQUIRED[sheet]:
        return
    if "id" in bad:
        return
    for field in bad & _REQUIRED[sheet]:
        record[field] = _stand_in(_BY_NAME[sheet][field], record)
    index = len(reader.records[sheet])
    reader.records[sheet].append(record)
    reader.located[sheet].append(where)
    for field in bad:
        reader.flagged.add((sheet, index, "ages" if field.startswith("age_") else field))


def _stand_in(column: _Column, record: Mapping[str, Any]) -> Any:
    """A valid value for a required cell that could not be read (already reported)."""
    default = _default(column)
    if default is not None:
        return default
    if column.kind == "level":
        return 1
    if column.kind == "ids":
        return []
    if column.vocabulary is not None:
        return _core.terms(column.vocabulary)[0].name
    return record.get("id", "")


def _convert(column: _Column, value: Any) -> tuple[Any, str]:
    """A cell's value as the frames want it, or a message saying what is wrong."""
    kind = column.kind
    if kind in ("text", "date"):
        return _to_text(value), ""
    if kind == "id":
        return _to_text(value), ""
    if kind == "ids":
        return _split(value), ""
    if kind == "int":
        return _to_int(value)
    if kind == "number":
        return _to_number(value)
    if kind == "bool":
        return _to_bool(value)
    if kind == "level":
        return _to_level(value)
    vocabulary = column.vocabulary
    assert vocabulary is not None
    if kind == "terms":
        out, unknown = [], []
        for part in _split_terms(value, vocabulary):
            name, ok = _to_term(part, column)
            out.append(name)
            if not ok:
                unknown.append(part)
        if unknown:
            return None, _unknown_term(unknown[0], vocabulary)
        return out, ""
    name, ok = _to_term(_to_text(value), column)
    return (name, "") if ok else (None, _unknown_term(_to_text(value), vocabulary))


def _to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _SPLIT.split(_to_text(value)) if part.strip()]


def _split_terms(value: Any, vocabulary: str) -> list[str]:
    """Split a list cell; labels that contain a comma ("Not in employment, education or
    training") are taken whole before splitting."""
    cell = _to_text(value)
    for t in _core.terms(vocabulary):
        for lang in _core.languages:
            label = t.label(lang)
            if "," in label:
                cell = re.sub(re.escape(label), t.name, cell, flags=re.IGNORECASE)
    return [part.strip() for part in _SPLIT.split(cell) if part.strip()]


def _to_term(value: str, column: _Column) -> tuple[str, bool]:
    assert column.vocabulary is not None
    name = _lookup(column.vocabulary).get(value.strip().lower())
    if name is not None:
        return name, True
    return value, not column.closed


def _unknown_term(value: str, vocabulary: str) -> str:
    names = [t.name for t in _core.terms(vocabulary)]
    lookup = _lookup(vocabulary)
    hint = did_you_mean(value.lower(), lookup)
    more = f"; did you mean {lookup[hint]!r}?" if hint else ""
    return (f"unknown value {value!r}; choose one of the list: {', '.join(names)} (or their "
            f"labels){more}")


def _to_number(value: Any) -> tuple[float | int | None, str]:
    if isinstance(value, bool):
        return None, f"{value} is not a number"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None, "the number is not finite"
        return _plain_number(float(value)), ""
    if isinstance(value, str):
        compact = _SPACES.sub("", value)
        if _NUMBER.match(compact):
            return _plain_number(float(compact.replace(",", "."))), ""
        found = _LEADING_NUMBER.search(value)
        digits = _SPACES.sub("", found.group()) if found else ""
        hint = f"; type the number alone ({digits})" if digits else "; type a number"
        return None, f"{value!r} is text, not a number{hint}"
    return None, f"{value!r} is not a number"


def _plain_number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _to_int(value: Any) -> tuple[int | None, str]:
    number, problem = _to_number(value)
    if problem:
        return None, problem.replace("a number", "a whole number")
    if not isinstance(number, int):
        return None, f"{number} is not a whole number"
    return number, ""


def _to_bool(value: Any) -> tuple[bool | None, str]:
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value), ""
    found = parse_bool(_to_text(value))
    if found is None:
        return None, f"{value!r} is not TRUE or FALSE"
    return found, ""


def _to_level(value: Any) -> tuple[int | None, str]:
    if isinstance(value, bool):
        return None, f"{value} is not a level; choose 1–4 from the list"
    if isinstance(value, int | float):
        if float(value).is_integer():
            return int(value), ""  # the model says when it is outside 1–4
        return None, f"{value} is not a level; choose 1–4 from the list"
    cell = str(value).strip()
    match = _LEADING_INT.match(cell)
    if match:
        return int(match.group(1)), ""
    level = _level_lookup().get(cell.lower())
    if level is not None:
        return level, ""
    return None, f"unknown level {cell!r}; choose 1–4 from the list"


# --- the model's problems, located ---------------------------------------------------------------


def _attach_population(reader: _Reader) -> None:
    by_id: dict[str, dict[str, Any]] = {}
    for record in reader.records["areas"]:
        by_id.setdefault(record["id"], record)
    for record, where in reader.population:
        area = by_id.get(record["area"])
        if area is None:
            reader.problem(where, "area", f"unknown area {record['area']!r}; add it to the "
                           "areas sheet or correct the code", record_id=record["area"])
            continue
        area.setdefault("population", []).append(
            {"ages": [record["age_min"], record["age_max"]], "count": record["count"]})
        reader.population_by_area.setdefault(area["id"], []).append(where)


def _check_duplicates(reader: _Reader) -> None:
    """Report an id used twice with both places (file, sheet, row), and keep the first."""
    for sheet in _WITH_ID:
        first: dict[str, _Located] = {}
        kept: list[dict[str, Any]] = []
        kept_at: list[_Located] = []
        flagged = {(s, i, f) for (s, i, f) in reader.flagged if s == sheet}
        renumbered: set[tuple[str, int, str]] = set()
        for index, (record, where) in enumerate(
                zip(reader.records[sheet], reader.located[sheet], strict=True)):
            other = first.get(record["id"])
            if other is not None:
                place = f"{other.sheet}!{other.letters.get('id', 'A')}{other.row}"
                if other.file != where.file:
                    place = f"{place} in {other.file} (this row is in {where.file})"
                reader.problem(where, "id", f"duplicate id {record['id']!r}: also used at "
                               f"{place}; give each record its own id, or keep it in one "
                               "place only", record_id=record["id"])
                continue
            first[record["id"]] = where
            renumbered |= {(sheet, len(kept), f) for (_, i, f) in flagged if i == index}
            kept.append(record)
            kept_at.append(where)
        reader.records[sheet] = kept
        reader.located[sheet] = kept_at
        reader.flagged = {p for p in reader.flagged if p[0] != sheet} | renumbered


def _model_problem(p: Problem, reader: _Reader) -> None:
    message = _LINE_SUFFIX.sub("", p.message)
    collection, index, field = p.collection, p.index, p.field
    if collection not in reader.located or index is None or index >= len(
            reader.located[collection]):
        reader.problem(None, field, message, sheet=collection, record_id=p.id)
        return
    if (collection, index, field) in reader.flagged:
        return  # already reported for the cell that holds it
    where = reader.located[collection][index]
    if field == "population":
        rows = reader.population_by_area.get(p.id, [])
        if rows:
            at = rows[0]
            more = (f" (rows {', '.join(str(w.row) for w in rows)} of this area)"
                    if len(rows) > 1 else "")
            reader.problem(at, "count", message + more, record_id=p.id)
            return
    if field == "ages":
        reader.problem(where, "age_min/age_max", message, column=where.letters.get("age_min", ""),
                       record_id=p.id)
        return
    reader.problem(where, field, message, record_id=p.id)


def _schema_problem(pointer: str, message: str, reader: _Reader) -> None:
    parts = pointer.split("/")[1:]
    if len(parts) >= 2 and parts[0] in reader.located and parts[1].isdigit():
        index = int(parts[1])
        if index < len(reader.located[parts[0]]):
            field = parts[2] if len(parts) >= 3 else ""
            reader.problem(reader.located[parts[0]][index], field, message)
            return
    reader.problem(None, "", message, sheet=pointer)
