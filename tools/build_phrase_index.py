#!/usr/bin/env python3
"""Rebuild cleaner/data/boilerplate.index.json after editing cleaner/data/boilerplate.toml.

The index holds each phrase's prefilter keys, so the CLI does not derive them
at every start; a test fails when the shipped index is out of date.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.stages.phrases import INDEX_FILE, build_index  # noqa: E402

with open(INDEX_FILE, "w", encoding="utf-8") as out:
    json.dump(build_index(), out, ensure_ascii=False, indent=0, sort_keys=True)
    out.write("\n")
print(f"wrote {INDEX_FILE}")
