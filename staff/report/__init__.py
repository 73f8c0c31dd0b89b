"""The staff report (`make report`): what people asked, what the bot missed, how the guided checks went.

- ``store``: reads Rasa's SQL tracker store (the ``events`` table; SQLite by default, PostgreSQL when the
  endpoints file says so), as Rasa reads its endpoints file (``${VAR}`` environment variables included).
- ``analysis``: conversations and messages per day, topics, guided checks, missed messages, site warnings.
- ``grouping``: missed messages grouped by similarity (TF-IDF on character n-grams, cosine).
- ``page``: one self-contained HTML page (inline CSS and SVG, no script, no external file), in French.
- ``cli``: ``scripts/report.py`` / ``make report [DAYS=30]``.

Everything comes from the tracker store, ``domain.yml`` and ``data/nlu/``; only the checks' names come from
their specs (``actions/checks/``). Sender
ids are replaced by a counter as soon as they are read: they never reach the analysis nor the page.
"""
