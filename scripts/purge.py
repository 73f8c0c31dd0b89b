#!/usr/bin/env python
"""`make purge DAYS=30`: delete conversations older than DAYS days (see staff/retention.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from staff.retention import main

if __name__ == "__main__":
    sys.exit(main())
