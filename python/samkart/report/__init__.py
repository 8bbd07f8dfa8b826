"""What a reader sees: the council report (one self-contained HTML file) and the figures."""

from samkart.report._areas import write_area_reports
from samkart.report.html import LANGUAGES, render, report

__all__ = ["LANGUAGES", "render", "report", "write_area_reports"]
