"""The collaboration survey kit: measure who works with whom, how closely, how much they trust
and value each other, and put the answers on the links of a landscape.

:func:`write_survey` writes one spreadsheet form per responding actor (nb, da or en) that lists
the other actors of its areas; :func:`read_survey` reads the filled forms, or a long table
from any survey tool, checks every answer and returns a :class:`SurveyResult`, whose
:meth:`~SurveyResult.apply` gives a new landscape with ``intensity``, ``trust`` and ``value``
on its links::

    import samkart as sk
    land = sk.datasets.vestfold_telemark()
    sk.survey.write_survey(land, "runde-2023", lang="nb", date="2023-03-01")
    # ... the forms are filled in and returned ...
    result = sk.survey.read_survey("runde-2023", land)
    print(result.response_rate, result.nonrespondents)
    land_2023 = result.apply(land, year=2023)

The questions
-------------
For each partner, the respondent answers:

``contact``
    The Levels of Collaboration Scale (Frey, Lohmeier, Lee & Tollefson 2006): 0 no contact,
    1 networking, 2 cooperation, 3 coordination, 4 coalition, 5 collaboration. Required.
``trust_reliable``, ``trust_mission``, ``trust_open``
    The partner is reliable; shares our mission for young people; is open to discussion.
``value_influence``, ``value_involvement``, ``value_resources``
    The partner has influence; is involved; brings resources.

The six trust and value items (the dimensions of the PARTNER tool, Varda et al. 2008) are
rated 1 (not at all) to 4 (a great deal), or "don't know"; they are required when
``contact`` ≥ 1 and may stay empty when it is 0.

The scores
----------
- **trust** and **value** of a directed pair (what the respondent says of the partner): the
  mean of the answered items of that kind on the 1–4 scale ("don't know" left out), put on
  the model's 0–4 scale by ``(mean − 1) × 4/3`` (1 → 0, 2 → 1.33, 3 → 2.67, 4 → 4). NaN when
  every item is "don't know".
- **an undirected pair** combines both directions: trust and value are the mean of the sides
  that gave one; ``contact`` is the higher of the two reports (``rule="max"``, the default: a
  tie reported by one side counts) or the lower (``rule="min"``: only ties both sides
  confirm); the disagreement is the absolute difference of the two sides.
- **intensity** (the PARTNER scale of ``Link.intensity``) from the combined contact level:
  0 → no link, 1 networking → ``awareness``, 2 cooperation → ``cooperation``,
  3 coordination → ``coordination``, 4 coalition and 5 collaboration → ``integration`` (both
  share decisions and resources, which is what PARTNER calls integration).

See ``docs/over-time.md`` for the method, non-response and its sources.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from samkart._util import check_zip, read_csv_rows, write_atomic
from samkart.errors import ArgumentError, SamkartError, UnknownIdError, ValidationError
from samkart.io import _survey_text as text
from samkart.io.frames import from_frames

if TYPE_CHECKING:
    from samkart._core import Landscape, Problem
    from samkart.analysis.network import Network

__all__ = [
    "CONTACT_INTENSITY",
    "ITEMS",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "NonResponse",
    "NonResponseWarning",
    "SurveyProblem",
    "SurveyResult",
    "read_survey",
    "write_survey",
]

#: Every item of the form, in column order.
ITEMS: tuple[str, ...] = ("contact", "trust_reliable", "trust_mission", "trust_open",
                          "value_influence", "value_involvement", "value_resources")
#: The three trust items (1–4).
TRUST_ITEMS: tuple[str, ...] = ITEMS[1:4]
#: The three value items (1–4).
VALUE_ITEMS: tuple[str, ...] = ITEMS[4:7]
#: Contact level (Frey et al. 2006) → ``Link.intensity`` (PARTNER scale); 0 is no link.
CONTACT_INTENSITY: Mapping[int, str | None] = {
    0: None, 1: "awareness", 2: "cooperation", 3: "coordination", 4: "integration",
    5: "integration",
}
#: The name of the index file :func:`write_survey` writes beside the forms.
INDEX_FILE = "survey-index.csv"

_LANGS = ("nb", "da", "en")
_META_SHEET = "samkart"
_LIST_SHEET = "lists"
_FORM_KIND = "samkart-survey"
_FORM_VERSION = 1
_FIRST_ROW = 3  # row 1: item names, row 2: questions
_COLUMNS: tuple[str, ...] = ("partner", "partner_name", *ITEMS)
_LETTERS = {name: "ABCDEFGHIJ"[k] for k, name in enumerate(_COLUMNS)}
_LONG_COLUMNS = ("respondent", "partner", "item", "value")
_DONT_KNOW = frozenset({"vet ikke", "vet ikkje", "ved ikke", "don't know", "dont know",
                        "don’t know", "dk", "?"})
_LABELLED = re.compile(r"^\s*([+-]?\d+)\s*[–—-]\s*\S")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


# --- problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyProblem:
    """One problem in the survey answers, located by file, sheet, row and column.

    It has the attributes of :class:`samkart.Problem` (``severity``, ``collection``,
    ``index``, ``id``, ``field``, ``message``), so code that reads
    ``ValidationError.problems`` works on it. ``str()`` gives
    ``"ot-skien.xlsx: Svar!C7 (contact): ..."`` for a form and
    ``"answers.csv line 7, column 'value' (contact): ..."`` for a long table.

    Attributes:
        message: what is wrong and what to do.
        file: the file name (``"<frame>"`` for a DataFrame).
        sheet: the sheet of a form, empty for a long table.
        row: the row as Excel shows it, the line of a CSV file (the header is line 1), or the
            index label of a DataFrame row.
        column: the column letter of a form, the column name of a long table.
        field: the item (``contact``, ``trust_open`` ...) or ``partner``/``respondent``.
        id: ``"respondent → partner"`` when known.
    """

    message: str
    file: str = ""
    sheet: str = ""
    row: Any = None
    column: str = ""
    field: str = ""
    id: str = ""
    severity: Literal["error", "warning"] = "error"
    index: int | None = None

    @property
    def collection(self) -> str:
        """Always ``"survey"``."""
        return "survey"

    @property
    def location(self) -> str:
        """Where the problem is, as ``str()`` shows it, without the message."""
        where = self.file
        if self.sheet:
            cell = f"{self.column}{self.row}" if self.row is not None else ""
            where += f": {self.sheet}" + (f"!{cell}" if cell else "")
        elif self.row is not None:
            kind = "line" if self.file.endswith(".csv") else "row"
            where += f" {kind} {self.row}"
            if self.column:
                where += f", column {self.column!r}"
        if self.field and self.field != self.column:
            where += f" ({self.field})"
        return where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def _raise(problems: list[SurveyProblem], what: str) -> None:
    if not problems:
        return
    n = len(problems)
    head = f"{n} {'problem' if n == 1 else 'problems'} in {what}"
    lines = [str(p) for p in problems]
    raise ValidationError("\n  - ".join([head, *lines]), cast("list[Problem]", problems))


# --- small helpers ------------------------------------------------------------------------------


def _check_lang(lang: str) -> str:
    if lang not in _LANGS:
        msg = f"lang: unknown language {lang!r}; expected nb, da or en"
        raise ArgumentError(msg)
    return lang


def _to_date(value: object, what: str = "date") -> dt.date:
    """A date from a ``datetime.date``, a ``datetime``, a pandas Timestamp or an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value.strip())
    msg = (f"{what}: {value!r} is not a date; give an ISO date (YYYY-MM-DD), e.g. "
           "'2023-03-01', or a datetime.date")
    raise ArgumentError(msg)


def _openpyxl() -> Any:
    try:
        import openpyxl  # optional: imported when used
    except ImportError as err:
        msg = ('the survey forms need openpyxl: pip install "samkart[excel]" '
               "(or pip install openpyxl)")
        raise ImportError(msg) from err
    return openpyxl


def _score(mean_1_to_4: float) -> float:
    """A mean of 1–4 items on the model's 0–4 scale: (mean − 1) × 4/3."""
    return (mean_1_to_4 - 1.0) * 4.0 / 3.0


def _areas_related(land_frames: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Each area → itself, its ancestors and its descendants."""
    areas = land_frames["areas"]
    parent = {str(a): (None if p is None or p != p else str(p))
              for a, p in zip(areas["id"], areas["parent"], strict=True)}
    ancestors: dict[str, list[str]] = {}
    for area in parent:
        chain, seen, cur = [], set(), parent[area]
        while cur is not None and cur not in seen:
            chain.append(cur)
            seen.add(cur)
            cur = parent.get(cur)
        ancestors[area] = chain
    related: dict[str, set[str]] = {a: {a, *ancestors[a]} for a in parent}
    for area, chain in ancestors.items():
        for up in chain:
            related[up].add(area)
    return related


def _partners(frames: Mapping[str, pd.DataFrame], respondent: str) -> list[str]:
    """The actors a respondent is asked about: those serving one of its areas, an area above
    or below one, and those it already has a link with; in landscape order."""
    actors = frames["actors"]
    ids = [str(a) for a in actors["id"]]
    served = {str(a): {str(x) for x in areas}
              for a, areas in zip(actors["id"], actors["areas"], strict=True)}
    related = _areas_related(frames)
    mine: set[str] = set()
    for area in served[respondent]:
        mine |= related.get(area, {area})
    links = frames["links"]
    linked = {str(t) for s, t in zip(links["source"], links["target"], strict=True)
              if s == respondent} | {str(s) for s, t in zip(links["source"], links["target"],
                                                           strict=True) if t == respondent}
    return [a for a in ids if a != respondent and (served[a] & mine or a in linked)]


# --- writing ------------------------------------------------------------------------------------


def write_survey(
    land: Landscape,
    outdir: str | os.PathLike[str],
    lang: str = "nb",
    respondents: Iterable[str] | None = None,
    date: str | dt.date | None = None,
    *,
    extra_rows: int = 10,
) -> pd.DataFrame:
    """Write one survey form per responding actor, and an index of who was sent what.

    Each form (``<outdir>/<actor id>.xlsx``) has an instruction sheet, an answer sheet with one
    row per partner (the other actors that serve one of the respondent's areas, an area above
    or below one, or that it already has a link with) and ``extra_rows`` empty rows where it
    can name other partners, drop-down lists for every answer, and a hidden sheet with the
    respondent, the landscape and the date that :func:`read_survey` checks. No answer is
    filled in, and the forms hold no personal data.

    Parameters
    ----------
    land : Landscape
        The mapping whose actors are surveyed.
    outdir : path
        A folder, made if missing. Existing forms of the same names are replaced.
    lang : {"nb", "da", "en"}
        The language of the questions and instructions.
    respondents : iterable of str, optional
        The actor ids sent a form; default every actor.
    date : str or datetime.date, optional
        The survey date (ISO ``YYYY-MM-DD``), which ``SurveyResult.apply`` writes as the
        ``since`` of the links it adds; default today.
    extra_rows : int
        Empty rows for partners not listed (≥ 0).

    Returns
    -------
    pandas.DataFrame
        The index, also written to ``<outdir>/survey-index.csv``: one row per respondent with
        ``respondent``, ``name``, ``file``, ``partners`` (how many were listed), ``partner_ids``
        (``;``-joined), ``date``, ``lang`` and ``landscape``.

    Raises
    ------
    ArgumentError
        An unknown language, a date that is not a date, ``extra_rows`` < 0.
    UnknownIdError
        A respondent that is not an actor of ``land``.
    ImportError
        openpyxl is not installed.
    """
    _check_lang(lang)
    day = dt.date.today() if date is None else _to_date(date)
    if int(extra_rows) < 0:
        msg = f"extra_rows must be ≥ 0, got {extra_rows}"
        raise ArgumentError(msg)
    openpyxl = _openpyxl()
    frames = land.to_frames()
    actors = frames["actors"]
    names = {str(a): str(n) for a, n in zip(actors["id"], actors["name"], strict=True)}
    chosen = list(names) if respondents is None else [str(r) for r in respondents]
    for r in chosen:
        if r not in names:
            msg = (f"respondents: {r!r} is not an actor of {land.name!r}; respondents are "
                   "actor ids")
            raise UnknownIdError(msg, "actor", r)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    rows = []
    for respondent in dict.fromkeys(chosen):
        partners = _partners(frames, respondent)
        stem = _SAFE.sub("_", respondent).strip("._") or "actor"
        file, k = f"{stem}.xlsx", 1
        while file.lower() in used:
            k += 1
            file = f"{stem}-{k}.xlsx"
        used.add(file.lower())
        wb = openpyxl.Workbook()
        _form(wb, land.name, respondent, names, partners, day, lang, int(extra_rows))
        _save(wb, out / file)
        rows.append({"respondent": respondent, "name": names[respondent], "file": file,
                     "partners": len(partners), "partner_ids": ";".join(partners),
                     "date": day.isoformat(), "lang": lang, "landscape": land.name})
    index = pd.DataFrame(rows, columns=["respondent", "name", "file", "partners", "partner_ids",
                                        "date", "lang", "landscape"])
    write_atomic(out / INDEX_FILE, lambda f: index.to_csv(f, index=False))
    return index


def _save(wb: Any, path: Path) -> None:
    write_atomic(path, wb.save, binary=True)


def _contact_labels(lang: str) -> list[str]:
    return [f"{k} – {label}" for k, (label, _) in enumerate(text.CONTACT[lang])]


def _item_labels(lang: str) -> list[str]:
    return [f"{k} – {label}" for k, label in enumerate(text.AGREEMENT[lang], start=1)] + [
        text.DONT_KNOW[lang]]


def _form(wb: Any, landscape: str, respondent: str, names: Mapping[str, str],
          partners: Sequence[str], day: dt.date, lang: str, extra_rows: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wrap = Alignment(wrap_text=True, vertical="top")
    # Instructions.
    ws = wb.active
    ws.title = text.SHEETS["instructions"][lang]
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    ws.append([text.TITLE[lang]])
    ws["A1"].font = Font(bold=True, size=14)
    facts = text.FACTS[lang]
    ws.append([facts[0], names[respondent]])
    ws.append([facts[1], landscape])
    ws.append([facts[2], day.isoformat()])
    for paragraph in text.INSTRUCTIONS[lang]:
        ws.append([])
        ws.append([paragraph.format(partners=len(partners))])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row=row, column=1).alignment = wrap
        ws.row_dimensions[row].height = 15 * (1 + len(paragraph) // 100)
    contact_heading, items_heading = text.SCALE_HEADING[lang]
    ws.append([])
    ws.append([contact_heading])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for k, (label, meaning) in enumerate(text.CONTACT[lang]):
        ws.append([f"{k} – {label}", meaning])
        ws.cell(row=ws.max_row, column=2).alignment = wrap
    ws.append([])
    ws.append([items_heading])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for item in ITEMS[1:]:
        ws.append([item, text.QUESTIONS[item][lang]])
    # Lists behind the drop-downs.
    lists = wb.create_sheet(_LIST_SHEET)
    contact, agreement = _contact_labels(lang), _item_labels(lang)
    everyone = [a for a in names if a != respondent]
    for r, value in enumerate(contact, start=1):
        lists.cell(row=r, column=1, value=value)
    for r, value in enumerate(agreement, start=1):
        lists.cell(row=r, column=2, value=value)
    for r, actor in enumerate(everyone, start=1):
        lists.cell(row=r, column=3, value=names[actor])
        lists.cell(row=r, column=4, value=actor)
    lists.sheet_state = "hidden"
    # Answers.
    ans = wb.create_sheet(text.SHEETS["answers"][lang], 1)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for c, name in enumerate(_COLUMNS, start=1):
        cell = ans.cell(row=1, column=c, value=name)
        cell.font = Font(bold=True, color="C00000" if name == "contact" else "000000")
        cell.fill = head_fill
        question = text.QUESTIONS[name][lang]
        sub = ans.cell(row=2, column=c, value=question)
        sub.font = Font(italic=True, color="595959")
        sub.alignment = wrap
        ans.column_dimensions[_LETTERS[name]].width = 14 if name == "partner" else (
            40 if name == "partner_name" else 22)
    ans.row_dimensions[2].height = 75
    ans.freeze_panes = "C3"
    for r, partner in enumerate(partners, start=_FIRST_ROW):
        ans.cell(row=r, column=1, value=partner)
        ans.cell(row=r, column=2, value=names[partner])
    last_listed = _FIRST_ROW + len(partners) - 1
    last = last_listed + extra_rows
    if last >= _FIRST_ROW:
        contact_dv = DataValidation(type="list", formula1=f"={_LIST_SHEET}!$A$1:$A$6",
                                    allow_blank=True, showErrorMessage=True, errorStyle="stop")
        contact_dv.add(f"C{_FIRST_ROW}:C{last}")
        items_dv = DataValidation(type="list", formula1=f"={_LIST_SHEET}!$B$1:$B$5",
                                  allow_blank=True, showErrorMessage=True, errorStyle="stop")
        items_dv.add(f"D{_FIRST_ROW}:I{last}")
        ans.add_data_validation(contact_dv)
        ans.add_data_validation(items_dv)
    if extra_rows and everyone:
        partner_dv = DataValidation(type="list",
                                    formula1=f"={_LIST_SHEET}!$C$1:$C${len(everyone)}",
                                    allow_blank=True, showErrorMessage=True,
                                    errorStyle="warning")
        partner_dv.add(f"A{last_listed + 1}:A{last}")
        ans.add_data_validation(partner_dv)
    # What the reader checks.
    meta = wb.create_sheet(_META_SHEET)
    hidden: tuple[tuple[str, str | int], ...] = (
        ("kind", _FORM_KIND), ("version", _FORM_VERSION), ("landscape", landscape),
        ("respondent", respondent), ("date", day.isoformat()), ("lang", lang))
    for key, fact in hidden:
        meta.append([key, fact])
    meta.sheet_state = "hidden"


# --- reading: the raw answers -----------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    file: str
    sheet: str
    row: Any
    columns: Mapping[str, str]  # item → column letter or name


@dataclass
class _Raw:
    """One answered pair as read: the raw cell of each item present."""

    respondent: str
    partner: str
    cells: dict[str, Any]
    where: _Where
    item_rows: dict[str, Any] = field(default_factory=dict)  # long tables: item → its row


@dataclass
class _Read:
    raws: list[_Raw] = field(default_factory=list)
    problems: list[SurveyProblem] = field(default_factory=list)
    landscape: set[str] = field(default_factory=set)
    dates: dict[str, str] = field(default_factory=dict)  # file → date
    sent: list[str] | None = None
    files: list[str] = field(default_factory=list)
    resolve: dict[str, str] = field(default_factory=dict)  # lower-cased name or id → id
    blank_forms: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_forms(paths: Sequence[Path], land: Landscape | None, out: _Read) -> None:
    openpyxl = _openpyxl()
    answer_sheets = set(text.SHEETS["answers"].values())
    respondents_seen: dict[str, str] = {}
    land_ids = [] if land is None else list(land.to_frames()["actors"]["id"])
    for path in paths:
        label = path.name
        out.files.append(label)
        try:
            check_zip(path)
            _count_rows(path)  # streamed, before the whole workbook is loaded
            wb = openpyxl.load_workbook(path, data_only=True)
        except SamkartError:
            raise
        except FileNotFoundError:
            msg = f"{path}: no such file"
            raise SamkartError(msg) from None
        except Exception as err:
            msg = f"{path}: cannot be read as an .xlsx spreadsheet ({err})"
            raise SamkartError(msg) from None
        if _META_SHEET not in wb.sheetnames:
            out.problems.append(SurveyProblem(
                "not a samkart survey form (its hidden sheet 'samkart' is missing); read only "
                "the forms write_survey wrote", file=label))
            continue
        meta = {_text(r[0].value): r[1].value for r in wb[_META_SHEET].iter_rows(max_col=2)
                if r[0].value is not None}
        if meta.get("kind") != _FORM_KIND:
            out.problems.append(SurveyProblem("not a samkart survey form", file=label,
                                              sheet=_META_SHEET))
            continue
        respondent = _text(meta.get("respondent"))
        out.landscape.add(_text(meta.get("landscape")))
        if land is not None and _text(meta.get("landscape")) != land.name:
            out.problems.append(SurveyProblem(
                f"the form was written for the mapping {_text(meta.get('landscape'))!r}, not "
                f"{land.name!r}; read it with the landscape it was written from",
                file=label, sheet=_META_SHEET, field="landscape"))
            continue
        if land is not None and respondent not in {str(a) for a in land_ids}:
            out.problems.append(SurveyProblem(
                f"unknown actor {respondent!r}: the form's respondent is not an actor of "
                f"{land.name!r}", file=label, sheet=_META_SHEET, row=4, column="B",
                field="respondent"))
            continue
        if respondent in respondents_seen:
            out.problems.append(SurveyProblem(
                f"a second form from {respondent!r} (the first is "
                f"{respondents_seen[respondent]}); keep one", file=label, field="respondent"))
            continue
        respondents_seen[respondent] = label
        out.dates[label] = _text(meta.get("date"))
        if _LIST_SHEET in wb.sheetnames:
            for r in wb[_LIST_SHEET].iter_rows(min_col=3, max_col=4):
                name, ident = _text(r[0].value), _text(r[1].value)
                if name and ident:
                    out.resolve.setdefault(name.lower(), ident)
                    out.resolve.setdefault(ident.lower(), ident)
        sheet = next((s for s in wb.sheetnames if s in answer_sheets), None)
        if sheet is None:
            out.problems.append(SurveyProblem(
                "the answer sheet is missing; fill in the form as it was sent", file=label))
            continue
        _read_answer_sheet(wb[sheet], label, sheet, respondent, out)


def _count_rows(path: Path) -> None:
    """Stream every sheet of a form once (read-only), under the row limit of
    :func:`samkart.io.excel.stream_rows`, before the form is loaded whole."""
    from samkart.io.excel import open_workbook, stream_rows

    wb = open_workbook(path, data_only=True)
    try:
        for ws in wb.worksheets:
            for _row in stream_rows(ws, path):
                pass
    finally:
        wb.close()


def _read_answer_sheet(ws: Any, label: str, sheet: str, respondent: str, out: _Read) -> None:
    header = [_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1))]
    if tuple(header[: len(_COLUMNS)]) != _COLUMNS:
        out.problems.append(SurveyProblem(
            f"row 1 should hold {', '.join(_COLUMNS)}; do not change the first two rows",
            file=label, sheet=sheet, row=1, column="A"))
        return
    before = len(out.raws)
    for r, row in enumerate(ws.iter_rows(min_row=_FIRST_ROW, max_col=len(_COLUMNS),
                                         values_only=True), start=_FIRST_ROW):
        values = dict(zip(_COLUMNS, row, strict=False))
        partner = _text(values.get("partner")) or _text(values.get("partner_name"))
        answers = {item: values.get(item) for item in ITEMS}
        answered = any(_text(v) for v in answers.values())
        where = _Where(label, sheet, r, _LETTERS)
        if not partner:
            if answered:
                out.problems.append(SurveyProblem(
                    "answers without a partner; pick the actor in column A",
                    file=label, sheet=sheet, row=r, column="A", field="partner"))
            continue
        out.raws.append(_Raw(respondent, partner, answers, where))
    if all(not any(_text(v) for v in raw.cells.values()) for raw in out.raws[before:]):
        # Nothing answered at all: the form was not returned, which is non-response.
        del out.raws[before:]
        out.blank_forms.append(respondent)


def _read_long(table: pd.DataFrame, label: str, out: _Read) -> None:
    missing = [c for c in _LONG_COLUMNS if c not in table.columns]
    if missing:
        out.problems.append(SurveyProblem(
            f"the long table needs the columns {', '.join(_LONG_COLUMNS)}; missing "
            f"{', '.join(missing)}", file=label))
        return
    csv = label.endswith(".csv")
    groups: dict[tuple[str, str], _Raw] = {}
    cols = dict.fromkeys(ITEMS, "value")
    for k, (idx, resp, partner, item, value) in enumerate(zip(
            table.index, table["respondent"], table["partner"], table["item"], table["value"],
            strict=True)):
        row = k + 2 if csv else idx
        respondent, partner_id, item_name = _text(resp), _text(partner), _text(item)
        where = _Where(label, "", row, cols)
        if not respondent or not partner_id:
            column = "respondent" if not respondent else "partner"
            out.problems.append(SurveyProblem(
                f"empty {column}", file=label, row=row, column=column, field=column))
            continue
        if item_name not in ITEMS:
            out.problems.append(SurveyProblem(
                f"unknown item {item_name!r}; one of {', '.join(ITEMS)}", file=label,
                row=row, column="item", field="item", id=f"{respondent} → {partner_id}"))
            continue
        raw = groups.get((respondent, partner_id))
        if raw is None:
            raw = groups[(respondent, partner_id)] = _Raw(respondent, partner_id, {}, where)
        if item_name in raw.cells:
            out.problems.append(SurveyProblem(
                f"a second answer to {item_name} for this pair; keep one", file=label,
                row=row, column="item", field=item_name, id=f"{respondent} → {partner_id}"))
            continue
        raw.cells[item_name] = None if _blank(value) else value
        raw.item_rows[item_name] = row
    out.raws.extend(groups.values())
    out.files.append(label)


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# --- reading: checking and scoring ------------------------------------------------------------


def _parse(value: Any, item: str) -> tuple[float | None, str]:
    """(the answer, or NaN for don't know, or None when empty; an error message or "")."""
    if _blank(value):
        return None, ""
    low, high = (0, 5) if item == "contact" else (1, 4)
    number: float | None = None
    if isinstance(value, bool):
        return None, f"{value!r} is not an answer; pick one from the list ({low}–{high})"
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        s = str(value).strip()
        if s.lower() in _DONT_KNOW or s.lower() in {v.lower() for v in text.DONT_KNOW.values()}:
            if item == "contact":
                return None, ("the contact level is required and cannot be 'don't know'; "
                              "pick 0 for no contact")
            return math.nan, ""
        try:
            number = float(s.replace(",", "."))
        except ValueError:
            m = _LABELLED.match(s)
            if m is None:
                return None, (f"{s!r} is not an answer; pick one from the list "
                              f"({low}–{high}{'' if item == 'contact' else ' or dont know'})")
            number = float(m.group(1))
    if not number.is_integer() or not low <= number <= high:
        what = "contact level" if item == "contact" else "answer"
        return None, (f"the {what} {number:g} is out of range; "
                      f"{'choose 0–5' if item == 'contact' else 'choose 1–4 or dont know'}")
    return number, ""


def _check(out: _Read, land: Landscape | None) -> pd.DataFrame:
    known: dict[str, str] | None = None
    if land is not None:
        frames_actors = land.to_frames()["actors"]
        known = {}
        for ident, name in zip(frames_actors["id"], frames_actors["name"], strict=True):
            known.setdefault(str(name).lower(), str(ident))
        for ident in frames_actors["id"]:
            known[str(ident).lower()] = str(ident)
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], _Where] = {}
    for raw in out.raws:
        w = raw.where
        pair = f"{raw.respondent} → {raw.partner}"

        def problem(message: str, item: str, raw: _Raw = raw, pair: str = pair) -> None:
            out.problems.append(SurveyProblem(
                message, file=raw.where.file, sheet=raw.where.sheet,
                row=raw.item_rows.get(item, raw.where.row),
                column=raw.where.columns.get(item, item), field=item, id=pair))

        respondent = raw.respondent
        if known is not None and respondent.lower() not in known:
            problem(f"unknown actor {respondent!r}: not an actor of the mapping", "respondent")
            continue
        if known is not None:
            respondent = known[respondent.lower()]
        partner = raw.partner
        lookup = known if known is not None else out.resolve
        if partner.lower() in lookup:
            partner = lookup[partner.lower()]
        elif known is not None or out.resolve:
            where = "the mapping" if known is not None else "the form's list of actors"
            problem(f"unknown actor {partner!r}: not in {where}; pick the partner from the "
                    "drop-down list", "partner")
            continue
        if partner == respondent:
            problem(f"{respondent!r} answers about itself; remove the row", "partner")
            continue
        if (respondent, partner) in seen:
            first = seen[(respondent, partner)]
            problem(f"{partner!r} is answered twice (also row {first.row}); keep one row",
                    "partner")
            continue
        seen[(respondent, partner)] = w
        values: dict[str, float | None] = {}
        wrong: set[str] = set()
        for item in ITEMS:
            value, error = _parse(raw.cells.get(item), item)
            if error:
                problem(error, item)
                wrong.add(item)
            values[item] = value
        contact = values["contact"]
        if contact is None and "contact" not in wrong:
            problem("empty required answer: pick the contact level (0 for no contact)",
                    "contact")
        if contact is not None and contact >= 1:
            for item in ITEMS[1:]:
                if values[item] is None and item not in wrong:
                    problem("empty required answer: with contact, rate the statement 1–4 or "
                            "pick dont know", item)
                    wrong.add(item)
        if wrong or contact is None:
            continue
        rows.append({"respondent": respondent, "partner": partner, "file": w.file,
                     **{i: (math.nan if values[i] is None else values[i]) for i in ITEMS}})
    columns = ["respondent", "partner", "file", *ITEMS]
    frame = pd.DataFrame(rows, columns=columns)
    frame["contact"] = frame["contact"].astype("int64")
    for item in ITEMS[1:]:
        frame[item] = frame[item].astype("float64")
    return frame


def read_survey(
    source: str | os.PathLike[str] | pd.DataFrame | Iterable[str | os.PathLike[str]],
    land: Landscape | None = None,
    *,
    sent: Iterable[str] | None = None,
    date: str | dt.date | None = None,
) -> SurveyResult:
    """Read survey answers: filled forms, or a long table from any survey tool.

    Parameters
    ----------
    source : path, list of paths or DataFrame
        A folder (every ``.xlsx`` in it, Excel's ``~$`` lock files left out, and
        ``survey-index.csv`` for who was sent a form), a list of ``.xlsx`` files, a ``.csv``
        file or a DataFrame in long form: columns ``respondent``, ``partner`` (actor ids),
        ``item`` (one of :data:`ITEMS`) and ``value`` (the number, ``"dk"`` or
        ``"don't know"``/``"vet ikke"``/``"ved ikke"`` for don't know).
    land : Landscape, optional
        The mapping surveyed: every respondent and partner must be one of its actors (an id,
        or in a form the actor's name), and a form must have been written from it (same
        name). Without it, partners are checked against the forms' own lists.
    sent : iterable of str, optional
        Who was sent a form, for the response rate. Default: the index file of the folder,
        else every actor of ``land``, else the respondents.
    date : str or datetime.date, optional
        The survey date; default the date in the forms.

    Returns
    -------
    SurveyResult

    Raises
    ------
    ValidationError
        Every problem at once, each a :class:`SurveyProblem` naming the file, the sheet, the
        row and the column: a value out of range, an unknown actor, a respondent answering
        about itself, an empty required answer, a pair answered twice, a form written from
        another landscape, forms of different dates.
    ArgumentError
        ``date`` is not a date.
    SamkartError
        A file cannot be opened.

    Notes
    -----
    A form with no answer at all is a form not returned: its actor counts as a
    non-respondent, not as an error.
    """
    out = _Read()
    if isinstance(source, pd.DataFrame):
        _read_long(source, "<frame>", out)
        what = "the survey table"
    else:
        paths = ([Path(source)] if isinstance(source, str | os.PathLike)
                 else [Path(p) for p in source])
        if len(paths) == 1 and paths[0].is_dir():
            folder = paths[0]
            paths = sorted(p for p in folder.glob("*.xlsx") if not p.name.startswith("~$"))
            index = folder / INDEX_FILE
            if index.is_file():
                header, rows = read_csv_rows(index, strip=True)
                if "respondent" not in header:
                    msg = f"{index}: no column 'respondent'; it lists who was sent a form"
                    raise SamkartError(msg)
                out.sent = [row.get("respondent", "") for _line, row in rows]
            if not paths:
                msg = f"{folder}: no survey forms (.xlsx) in this folder"
                raise SamkartError(msg)
        if not paths:
            msg = "read_survey needs at least one file"
            raise ArgumentError(msg)
        csvs = [p for p in paths if p.suffix.lower() == ".csv"]
        for p in csvs:
            if not p.is_file():
                msg = f"{p}: no such file"
                raise SamkartError(msg)
            header, rows = read_csv_rows(p)  # the limits hold as it is read
            _read_long(pd.DataFrame([row for _line, row in rows], columns=header, dtype=object)
                       .fillna(""), p.name, out)
        forms = [p for p in paths if p.suffix.lower() != ".csv"]
        if forms:
            _read_forms(forms, land, out)
        what = ", ".join(out.files)
    answers = _check(out, land)  # after file-level problems too: report everything at once
    day: dt.date | None = None
    if date is not None:
        day = _to_date(date)
    else:
        dates = {d for d in out.dates.values() if d}
        if len(dates) > 1:
            listing = ", ".join(f"{f} {d}" for f, d in sorted(out.dates.items()))
            out.problems.append(SurveyProblem(
                f"the forms come from different survey rounds ({listing}); read one round at "
                "a time, or pass date= to read them as one", file=what))
        elif dates:
            try:
                day = _to_date(dates.pop(), "the form's date")
            except ArgumentError as err:
                out.problems.append(SurveyProblem(str(err), file=what, sheet=_META_SHEET))
    _raise(out.problems, what)
    if sent is not None:
        sent_list = [str(s) for s in sent]
    elif out.sent is not None:
        sent_list = out.sent
    elif land is not None:
        sent_list = [str(a) for a in land.to_frames()["actors"]["id"]]
    else:
        sent_list = []
    responded = list(dict.fromkeys(str(r) for r in answers["respondent"]))
    for r in responded:
        if r not in sent_list:
            sent_list.append(r)
    landscape = next(iter(out.landscape)) if len(out.landscape) == 1 else (
        land.name if land is not None else None)
    return SurveyResult(answers, tuple(sent_list), tuple(responded), day, landscape, land)


# --- the result --------------------------------------------------------------------------------


class NonResponseWarning(UserWarning):
    """Network measures on the respondents only and on the reconstructed network differ much:
    non-response may bias them (see :meth:`SurveyResult.nonresponse`)."""


#: Network measures and why non-response biases them (Borgatti & Molina 2003; Kossinets 2006;
#: Huisman 2009; Žnidaršič, Ferligoj & Doreian 2012).
SENSITIVE: Mapping[str, str] = {
    "density": "ties among non-respondents are never observed, so density is too low even "
               "after reconstruction",
    "centralization": "the actors that did not answer lose the ties only they could report, "
                      "which changes who looks central",
    "components": "an actor whose ties were only its own reports looks isolated",
    "betweenness": "paths through missing actors or missing ties disappear; brokers are the "
                   "most affected",
    "degree": "respondents' degrees are robust once ties reported by one side count; "
              "non-respondents' degrees are lower bounds",
}


@dataclass(frozen=True)
class NonResponse:
    """Network measures on the respondents only and on the reconstructed network.

    Attributes:
        table: one row per measure (``density``, ``centralization``, ``components``,
            ``betweenness <actor>`` for the top actors), with ``respondents_only``,
            ``reconstructed``, ``difference`` (the absolute difference over the reconstructed
            value, at least 1e-9) and
            ``differs`` (difference above the threshold).
        response_rate: respondents / actors sent a form.
        nonrespondents: who did not answer.
        warnings: a sentence per measure that differs much.
    """

    table: pd.DataFrame
    response_rate: float
    nonrespondents: tuple[str, ...]
    warnings: tuple[str, ...]

    def __repr__(self) -> str:
        lines = [f"NonResponse(response rate {self.response_rate:.0%}, "
                 f"{len(self.nonrespondents)} not answered)",
                 self.table.to_string(float_format=lambda v: f"{v:.3f}")]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


class SurveyResult:
    """The checked answers of a survey round (from :func:`read_survey`).

    Attributes:
        answers: one row per answered directed pair: ``respondent``, ``partner``, ``file``
            and the raw items (contact 0–5; the others 1–4, NaN for don't know or empty).
        sent: who was sent a form.
        respondents: who answered (a form with at least one answer).
        date: the survey date, or None when unknown.
        landscape: the name of the mapping the forms were written from, if known.
    """

    def __init__(self, answers: pd.DataFrame, sent: tuple[str, ...],
                 respondents: tuple[str, ...], date: dt.date | None,
                 landscape: str | None, land: Landscape | None = None) -> None:
        self.answers = answers
        self.sent = sent
        self.respondents = respondents
        self.date = date
        self.landscape = landscape
        self._land = land

    # --- what it is ---------------------------------------------------------------------------

    @property
    def response_rate(self) -> float:
        """Respondents over actors sent a form (NaN when nobody was sent one)."""
        return len(self.respondents) / len(self.sent) if self.sent else math.nan

    @property
    def nonrespondents(self) -> list[str]:
        """The actors sent a form that did not answer, in the order they were sent one."""
        answered = set(self.respondents)
        return [a for a in self.sent if a not in answered]

    def __repr__(self) -> str:
        date = self.date.isoformat() if self.date else "no date"
        return (f"<samkart.SurveyResult {date}: {len(self.respondents)} of {len(self.sent)} "
                f"answered ({self.response_rate:.0%}), {len(self.answers)} pairs>")

    # --- scores -------------------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """One row per answered directed pair: ``respondent``, ``partner``, ``contact``
        (0–5), ``intensity`` (see :data:`CONTACT_INTENSITY`), ``trust`` and ``value`` (0–4,
        the mean of the answered items put on the model's scale; NaN when none was), the six
        raw items (1–4, NaN for don't know) and ``file``."""
        a = self.answers
        frame = a[["respondent", "partner", "contact"]].copy()
        frame["intensity"] = [CONTACT_INTENSITY[int(c)] for c in a["contact"]]
        frame["trust"] = _score_items(a, TRUST_ITEMS)
        frame["value"] = _score_items(a, VALUE_ITEMS)
        for item in ITEMS[1:]:
            frame[item] = a[item]
        frame["file"] = a["file"]
        return frame

    def pairs(self, rule: str = "max") -> pd.DataFrame:
        """One row per undirected pair answered by at least one side.

        Columns: ``a``, ``b`` (``a`` the first in the order actors were sent forms, then
        answered about), ``sides`` (1 or 2 answers), ``contact_ab`` (a about b),
        ``contact_ba``, ``contact`` (combined by ``rule``), ``intensity``, ``trust_ab``,
        ``trust_ba``, ``trust`` (mean of the sides that gave one), ``value_ab``, ``value_ba``,
        ``value``, and the disagreements ``contact_diff``, ``trust_diff``, ``value_diff``
        (absolute differences; NaN unless both sides gave the score).

        Parameters
        ----------
        rule : {"max", "min"}
            The combined contact level: the higher report (a tie one side reports counts) or
            the lower (only ties both sides confirm). A pair answered by one side has that
            side's level either way.
        """
        if rule not in ("max", "min"):
            msg = f"rule must be 'max' or 'min', got {rule!r}"
            raise ArgumentError(msg)
        directed = self.to_frame()
        order = {a: k for k, a in enumerate(self.sent)}
        for p in directed["partner"]:
            order.setdefault(p, len(order))
        by_pair: dict[tuple[str, str], dict[str, Any]] = {}
        for r, p, c, t, v in zip(directed["respondent"], directed["partner"],
                                 directed["contact"], directed["trust"], directed["value"],
                                 strict=True):
            a, b = (r, p) if order[r] <= order[p] else (p, r)
            side = "ab" if a == r else "ba"
            entry = by_pair.setdefault((a, b), {"a": a, "b": b})
            entry[f"contact_{side}"] = int(c)
            entry[f"trust_{side}"] = float(t)
            entry[f"value_{side}"] = float(v)
        rows = []
        for (a, b), e in by_pair.items():
            cab, cba = e.get("contact_ab"), e.get("contact_ba")
            reports = [c for c in (cab, cba) if c is not None]
            contact = max(reports) if rule == "max" else min(reports)
            row = {"a": a, "b": b, "sides": len(reports),
                   "contact_ab": cab, "contact_ba": cba, "contact": contact,
                   "intensity": CONTACT_INTENSITY[contact]}
            for score in ("trust", "value"):
                ab, ba = e.get(f"{score}_ab", math.nan), e.get(f"{score}_ba", math.nan)
                given = [x for x in (ab, ba) if not math.isnan(x)]
                row[f"{score}_ab"], row[f"{score}_ba"] = ab, ba
                row[score] = sum(given) / len(given) if given else math.nan
            rows.append(row)
        columns = ["a", "b", "sides", "contact_ab", "contact_ba", "contact", "intensity",
                   "trust_ab", "trust_ba", "trust", "value_ab", "value_ba", "value"]
        frame = pd.DataFrame(rows, columns=columns)
        for col in ("contact_ab", "contact_ba"):
            frame[col] = frame[col].astype("Int64")
        frame["contact"] = frame["contact"].astype("int64")
        frame["sides"] = frame["sides"].astype("int64")
        for col in ("trust_ab", "trust_ba", "trust", "value_ab", "value_ba", "value"):
            frame[col] = frame[col].astype("float64")
        diff = (frame["contact_ab"] - frame["contact_ba"]).abs()
        frame["contact_diff"] = diff.astype("Float64").astype("float64")
        frame["trust_diff"] = (frame["trust_ab"] - frame["trust_ba"]).abs()
        frame["value_diff"] = (frame["value_ab"] - frame["value_ba"]).abs()
        return frame

    def disagreement(self) -> pd.DataFrame:
        """The pairs both sides answered, most disagreeing first (by contact, then trust, then
        value difference): the rows of :meth:`pairs` with ``sides == 2``."""
        pairs = self.pairs()
        both = pairs[pairs["sides"] == 2]
        return both.sort_values(["contact_diff", "trust_diff", "value_diff"],
                                ascending=False, kind="stable").reset_index(drop=True)

    # --- onto a landscape -----------------------------------------------------------------------

    def apply(self, land: Landscape, *, year: int | None = None, rule: str = "max"
              ) -> Landscape:
        """A new landscape whose links carry what the survey measured.

        For each pair with a combined contact ≥ 1 (see :meth:`pairs`): every existing link
        between the two actors (any kind, either direction) gets ``intensity``, and ``trust``
        and ``value`` where the survey gave them (the link's own values are kept where it did
        not); a pair without a link gets a new one, kind ``network``, not formal, ``since``
        the survey date, cited ``"collaboration survey <date>"``. An existing link keeps its
        own ``since``: the survey shows the tie existed on its date, not that it started
        then. Pairs with contact 0 change nothing (a link the survey contradicts is kept; see
        :meth:`pairs` to find them). ``land`` is not changed.

        Parameters
        ----------
        land : Landscape
            The mapping to put the answers on (usually the one surveyed).
        year : int, optional
            The new landscape's year; default ``land.year``.
        rule : {"max", "min"}
            How the two sides' contact levels combine (:meth:`pairs`).

        Raises
        ------
        ArgumentError
            The survey date is unknown (pass ``date=`` to :func:`read_survey`).
        UnknownIdError
            An actor of the survey is not an actor of ``land`` (forms of another mapping).
        """
        if self.date is None:
            msg = ("the survey date is unknown, and new links need it as their 'since'; pass "
                   "date= to read_survey")
            raise ArgumentError(msg)
        frames = land.to_frames()
        ids = {str(a) for a in frames["actors"]["id"]}
        pairs = self.pairs(rule)
        for actor in pd.unique(pd.concat([pairs["a"], pairs["b"]])):
            if actor not in ids:
                msg = (f"the survey names actor {actor!r}, which {land.name!r} does not have; "
                       "apply the survey to the landscape it was written from")
                raise UnknownIdError(msg, "actor", str(actor))
        links = frames["links"].copy()
        by_pair: dict[frozenset[str], list[Any]] = defaultdict(list)
        for label, s, t in zip(links.index, links["source"], links["target"], strict=True):
            by_pair[frozenset((str(s), str(t)))].append(label)
        since = self.date.isoformat()
        new_rows = []
        for a, b, contact, intensity, trust, value in zip(
                pairs["a"].astype(str), pairs["b"].astype(str), pairs["contact"].astype(int),
                pairs["intensity"], pairs["trust"].astype(float), pairs["value"].astype(float),
                strict=True):
            if contact < 1:
                continue
            labels = by_pair.get(frozenset((a, b)))
            if labels:
                links.loc[labels, "intensity"] = intensity
                if not math.isnan(trust):
                    links.loc[labels, "trust"] = trust
                if not math.isnan(value):
                    links.loc[labels, "value"] = value
                continue
            new_rows.append({"source": a, "target": b, "kind": "network",
                             "formal": False, "consent": False, "intensity": intensity,
                             "trust": trust, "value": value, "since": since,
                             "illustrative": False,
                             "citation": f"collaboration survey {since}"})
        if new_rows:
            added = pd.DataFrame(new_rows)
            links = pd.concat([links, added], ignore_index=True) if len(links) else added
        frames["links"] = links
        return from_frames(**frames, name=land.name,
                           year=land.year if year is None else int(year),
                           currency=land.currency)

    # --- non-response --------------------------------------------------------------------------

    def nonresponse(self, land: Landscape | None = None, *, threshold: float = 0.2,
                    top: int = 3, warn: bool = True) -> NonResponse:
        """How much non-response may bias the network measures.

        Computes density, Freeman degree centralization, the number of components and the
        betweenness of the ``top`` actors (by betweenness in the reconstructed network) on
        two networks of ``contact ≥ 1`` ties:

        - **respondents only**: the respondents and the ties between them;
        - **reconstructed**: every actor sent a form, a tie counting when one side reports it
          (Stork & Richards 1992), which recovers the ties between a respondent and a
          non-respondent but never those between two non-respondents.

        The network's boundary is the actors sent a form: ties to partners that were not sent
        one are left out of both.

        Measures are sensitive to non-response in different degrees (:data:`SENSITIVE`);
        where the two networks differ by more than ``threshold`` (relative difference), the
        result lists a warning and, with ``warn``, a :class:`NonResponseWarning` is issued.

        Parameters
        ----------
        land : Landscape, optional
            The mapping surveyed; default the one given to :func:`read_survey`.
        threshold : float
            Relative difference above which a measure "differs much".
        top : int
            How many of the most between actors to compare.
        warn : bool
            Issue a :class:`NonResponseWarning` when a measure differs much.
        """
        land = land if land is not None else self._land
        if land is None:
            msg = "nonresponse needs the landscape surveyed: pass land= here or to read_survey"
            raise ArgumentError(msg)
        pairs = self.pairs("max")
        ties = pairs[pairs["contact"] >= 1]
        responded = set(self.respondents)
        sent = list(self.sent)
        inner = ties[ties["a"].isin(responded) & ties["b"].isin(responded)]
        net_r = _tie_network(land, [a for a in sent if a in responded], inner)
        within = ties[ties["a"].isin(set(sent)) & ties["b"].isin(set(sent))]
        net_f = _tie_network(land, sent, within)
        bf = net_f.betweenness() if len(net_f) else pd.Series(dtype=float)
        br = net_r.betweenness() if len(net_r) else pd.Series(dtype=float)
        rows: list[tuple[str, float, float]] = [
            ("density", net_r.density(), net_f.density()),
            ("centralization", _centralization(net_r), _centralization(net_f)),
            ("components", float(_components(net_r)), float(_components(net_f))),
        ]
        for actor in bf.sort_values(ascending=False, kind="stable").index[: max(0, top)]:
            rows.append((f"betweenness {actor}", float(br.get(actor, math.nan)),
                         float(bf[actor])))
        table = pd.DataFrame(rows, columns=["measure", "respondents_only", "reconstructed"])
        table = table.set_index("measure")
        diff = (table["respondents_only"] - table["reconstructed"]).abs() / np.maximum(
            table["reconstructed"].abs(), 1e-9)
        table["difference"] = diff.where(table["respondents_only"].notna(), math.nan)
        table["differs"] = table["difference"].fillna(math.inf) > threshold
        notes = []
        for measure, row in table.iterrows():
            if bool(row["differs"]):
                kind = str(measure).split(" ")[0]
                notes.append(f"{measure}: {row['respondents_only']:.3g} on the respondents "
                             f"only, {row['reconstructed']:.3g} reconstructed ({SENSITIVE[kind]})")
        if notes and warn:
            warnings.warn(
                f"response rate {self.response_rate:.0%}: network measures differ between the "
                f"respondents only and the reconstructed network: {'; '.join(notes)}",
                NonResponseWarning, stacklevel=2)
        return NonResponse(table, self.response_rate, tuple(self.nonrespondents),
                           tuple(notes))


def _score_items(answers: pd.DataFrame, items: Sequence[str]) -> pd.Series:
    means = answers[list(items)].mean(axis=1, skipna=True)
    return _score(means.astype("float64"))  # type: ignore[return-value]


def _tie_network(land: Landscape, actors: Sequence[str], ties: pd.DataFrame) -> Network:
    """The network of ``ties`` among ``actors`` only, built as a landscape of those actors
    (all areas kept, no measures) so that samkart's own network code measures it."""
    from samkart.analysis.network import network

    frames = land.to_frames()
    keep = set(actors)
    people = frames["actors"]
    people = people[people["id"].isin(keep)].copy()
    if "part_of" in people.columns:
        people["part_of"] = [p if p in keep else None for p in people["part_of"]]
    links = pd.DataFrame({"source": list(ties["a"]), "target": list(ties["b"]),
                          "kind": ["network"] * len(ties)})
    sub = from_frames(areas=frames["areas"], actors=people, links=links,
                      name=f"{land.name} (survey ties)", year=land.year,
                      currency=land.currency)
    return network(sub)


def _centralization(net: Network) -> float:
    """Freeman degree centralization of the undirected network: Σ(max − dᵢ) / ((n−1)(n−2));
    NaN for fewer than three actors."""
    n = len(net)
    if n < 3:
        return math.nan
    degree = net.degree()["total"].to_numpy(dtype=float)
    return float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))


def _components(net: Network) -> int:
    if not len(net):
        return 0
    return int(net.components()["weak"].max()) + 1
