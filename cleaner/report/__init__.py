"""``cleaner report``: one self-contained HTML page showing every decision the cleaner made.

``data.py`` gathers what the page shows (the same dict ``--json`` writes),
``page.py`` renders it as HTML (inline CSS and SVG, no script, no network),
and ``batch.py`` collects the report of a ``cleaner batch --report`` run.
The command that cleans dumps into a report is :mod:`cleaner.cli.report`.
Importing this package costs nothing: each module loads what it needs.
"""
