#!/usr/bin/env python3
"""The old name of bench/metadata.py, which now measures the HTML and the text-dump paths in one run
(its options are a superset: ``python bench/html_metadata.py DIR --misses byline`` still works, listing
the text dump's misses unless ``--path html`` is given)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metadata import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
