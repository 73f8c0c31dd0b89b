"""Kept for the modules that read the tracker store through it (cpas_rasa/retention.py): the staff report
now lives in the package cpas_rasa/report/ (store, analysis, grouping, page, cli)."""
from cpas_rasa.report.cli import main  # noqa: F401
from cpas_rasa.report.store import PROJECT_DIR, ReportError, database_url, safe_url  # noqa: F401
