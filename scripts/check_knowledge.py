#!/usr/bin/env python
"""`make check-knowledge`: validate actions/rules/parameters.yml (see staff/knowledge_check.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from staff.knowledge_check import main

if __name__ == "__main__":
    sys.exit(main())
