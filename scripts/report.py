#!/usr/bin/env python
"""`make report [DAYS=30]`: the staff report, reports/report.html (see cpas_rasa/staff_report.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cpas_rasa.staff_report import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
