"""One report per municipality, and an index page linking them.

:func:`write_area_reports` is a plain loop over the areas of one kind, each iteration
independent of the others (the gap report is computed once and shared), so that a later change
can hand the iterations to a process pool or Dask.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import IO, Any, TextIO

from samkart._core import Landscape
from samkart._util import write_atomic
from samkart.errors import ArgumentError
from samkart.report._common import check_lang, e, t

__all__ = ["ProgressBar", "slug", "write_area_reports"]

_KINDS = ("country", "county", "municipality", "district")


def slug(text: str) -> str:
    """A file-name part from a name: ``"Midt-Telemark"`` → ``"midt-telemark"``, ``"Færder"`` →
    ``"faerder"``, ``"Tønsberg"`` → ``"tonsberg"``."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "area"


class ProgressBar:
    """A one-line progress bar on a terminal (``[#####.....] 12/23 Skien``); silent when the
    stream is not a terminal, so logs and pipes get no control characters."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = sys.stderr if stream is None else stream
        self.width = width
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, what: str) -> None:
        if not self.active or self.total <= 0:
            return
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {what[:30]:<30}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _write(text: str, file: IO[str]) -> None:
    file.write(text)


def _render_area(land: Landscape, area: str, *, lang: str, options: dict[str, Any]) -> str:
    """One area's report as HTML text: what a worker of an executor returns."""
    from samkart.report.html import render

    return render(land, lang, area=area, **options)


def write_area_reports(land: Landscape, out_dir: str | PathLike[str],
                       level: str = "municipality", lang: str = "nb", *,
                       progress: Callable[[int, str], None] | None = None,
                       executor: object = None, **options: Any) -> list[Path]:
    """Write one report per area of kind ``level`` into ``out_dir``, and ``index.html``.

    Each report is ``report(land, path, lang, area=id, **options)`` in a file named from the
    id and the slugged name (``3807-skien.html``); the index lists them by name, with a link
    to each and to the whole landscape's report when ``index.html`` sits beside one called
    ``all.html`` (written here too). The gap report is computed once and shared.

    Args:
        land: the landscape.
        out_dir: the folder (created if missing).
        level: the kind of area: ``country``, ``county``, ``municipality`` or ``district``.
        lang: ``nb``, ``da`` or ``en``.
        progress: called after each report with (number done, area name), e.g. a
            :class:`ProgressBar`.
        executor: None (one report after the other), a ``concurrent.futures`` executor or a
            ``dask.distributed.Client``: the areas' reports are rendered there
            (:func:`samkart.map_areas`: the landscape and the gap report are sent to each
            worker once) and come back as HTML text, written here, so the files land on this
            machine whatever the cluster; the same files as without.
        options: passed on to :func:`samkart.report.report` (``suppress_below``, ``gaps``,
            ``baseline``).

    Returns:
        The reports written: the whole landscape's (``all.html``), one per area, the index
        last.

    Raises:
        ArgumentError: an unknown language or area kind, or no area of that kind.
    """
    from samkart.analysis.gaps import find_gaps
    from samkart.report.html import report

    check_lang(lang)
    if level not in _KINDS:
        msg = f"write_area_reports: unknown area kind {level!r}; expected one of {'|'.join(_KINDS)}"
        raise ArgumentError(msg)
    areas = sorted((a for a in land.areas if a.kind == level), key=lambda a: a.name)
    if not areas:
        msg = f"write_area_reports: the landscape has no area of kind {level!r}"
        raise ArgumentError(msg)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if options.get("gaps") is None:
        options["gaps"] = find_gaps(land)
    written: list[Path] = []
    whole = report(land, out / "all.html", lang, **options)
    pages: dict[str, str] | None = None
    if executor is not None:
        from samkart._parallel import map_areas

        render_one = functools.partial(_render_area, lang=lang, options=options)
        pages = map_areas(land, render_one, level, areas=[a.id for a in areas],
                          executor=executor)
    for i, a in enumerate(areas, start=1):
        path = out / f"{slug(a.id)}-{slug(a.name)}.html"
        if pages is None:
            written.append(report(land, path, lang, area=a.id, **options))
        else:
            written.append(write_atomic(path, functools.partial(_write, pages[a.id])))
        if progress is not None:
            progress(i, a.name)
    items = "".join(f'<li><a href="{e(p.name)}">{e(a.name)}</a> <span class="id">({e(a.id)})'
                    "</span></li>" for a, p in zip(areas, written, strict=True))
    title = f"{t('title', lang)}: {land.name}" if land.name else t("title", lang)
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(title)}</title>\n<style>body{{font-family:system-ui,sans-serif;"
            "max-width:50rem;margin:0 auto;padding:1rem;line-height:1.5}"
            "ul{columns:2}.id{color:#555;font-size:.85em}</style>\n</head>\n<body>\n"
            f"<h1>{e(title)}</h1>\n<p>{e(t('index_lead', lang, n=len(written)))}</p>\n"
            f"<p><b>{e(t('index_whole', lang))}</b> <a href=\"{e(whole.name)}\">"
            f"{e(land.name or title)}</a></p>\n<ul>{items}</ul>\n</body>\n</html>\n")
    index = write_atomic(out / "index.html", lambda f: f.write(page))
    return [whole, *written, index]
