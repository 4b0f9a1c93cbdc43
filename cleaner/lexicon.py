"""Words and patterns of the text that more than one part of the cleaner reads.

Kept apart from the stages so that the HTML path (``cleaner.html``) and the
text stages share them without one importing the other.
"""

from __future__ import annotations

import re

#: "By", "Written by", "Author:" and the like before a byline's name (the text's metadata and the
#: markup's both strip it).
BYLINE_PREFIX = re.compile(r"^[•·*|\-–—]?\s*(?:(?:written|posted|words|story|text)\s+by|by|von|par|por|di|door|"
                           r"av|af|от|autor(?:in)?:?|auteur\s*:|author\s*:|автор:?)\s+", re.I)
