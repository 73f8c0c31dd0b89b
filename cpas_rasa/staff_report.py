"""Kept for the modules that read the tracker store through it (staff/retention.py): the staff report
now lives in the package staff/report/ (store, analysis, grouping, page, cli)."""
from staff.report.cli import main  # noqa: F401
from staff.report.store import PROJECT_DIR, ReportError, database_url, safe_url  # noqa: F401
