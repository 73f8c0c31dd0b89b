"""Staff tools, run from the command line and never loaded by a server (the images do not copy this folder).

- ``report/``: the staff report (`make report`, scripts/report.py);
- ``retention``: delete old conversations from the tracker store (`make purge DAYS=30`, scripts/purge.py);
- ``knowledge_check``: check the dated amounts of actions/rules/parameters.yml (`make check-knowledge`).
"""
