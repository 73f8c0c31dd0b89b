#!/usr/bin/env python
"""`make report [DAYS=30]`: the staff report, reports/report.html (see staff/report/)."""
import os
import sys
import warnings
from pathlib import Path

warnings.simplefilter("ignore", DeprecationWarning)   # Rasa's and SQLAlchemy's, not for the staff

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from staff.report.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
