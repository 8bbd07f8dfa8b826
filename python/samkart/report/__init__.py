"""What a reader sees: the council report (one self-contained HTML file) and the figures."""

from samkart.report.html import LANGUAGES, render, report

__all__ = ["LANGUAGES", "render", "report"]
