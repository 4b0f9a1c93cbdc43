"""Which lines of a dump are article body, according to the benchmark's true text.

The truth is the article as prose, not a list of dump lines, so lines are
aligned by content: a line of four tokens or more is body when most of its
4-token shingles occur in the truth; a shorter line is body when it equals a
line of the truth (after normalising case, punctuation and bullets). Used to
train and to diagnose the text model; never by the cleaner itself.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")
_BULLET = re.compile(r"^[\s\-–—•*·>#]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _short_key(text: str) -> str:
    return " ".join(_tokens(_BULLET.sub("", text)))


def body_flags(lines: list[str], truth: str, threshold: float = 0.5) -> list[bool]:
    """For each dump line (non-blank, stripped), is it part of the true article?"""
    truth_tokens = _tokens(truth)
    shingles = Counter(tuple(truth_tokens[i:i + 4]) for i in range(max(0, len(truth_tokens) - 3)))
    short_keys = {_short_key(line) for line in truth.splitlines() if line.strip()}
    flags = []
    for line in lines:
        tokens = _tokens(line)
        if len(tokens) >= 4:
            grams = [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]
            hits = sum(1 for g in grams if g in shingles)
            flags.append(hits >= threshold * len(grams))
        else:
            flags.append(bool(tokens) and _short_key(line) in short_keys)
    return flags
