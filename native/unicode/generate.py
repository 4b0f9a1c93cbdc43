#!/usr/bin/env python3
"""Write the character table the native core reads, from this Python's own Unicode database.

The native core must measure text exactly as the Python reference does: ``str.split()``, ``str.lower()``,
``str.isupper()``, ``isalpha()``, ``isdigit()`` and ``re``'s ``\\w``, ``\\s``, ``\\d`` and IGNORECASE all
follow the Unicode version of the running Python (13.0 in 3.10, 14.0 in 3.11, 15.0 in 3.12, 15.1 in 3.13),
and Rust's own tables follow Rust's. So the tables come from Python: run this script once with each Python
the package supports; it writes ``native/unicode/unicode-<version>.bin``, which the crate embeds. A Python
whose Unicode version has no table runs the pure-Python reference.

Format (little-endian): b"PYUC", the version as 16 bytes of ASCII, the run count (u32), then per run of
code points with the same properties: first code point (u32), flags (u16), lower-case delta (i32), fold
delta (i32); then the count of multi-character lower-case forms (u32), each as code point (u32), length
(u8) and its code points (u32 each).
"""

from __future__ import annotations

import importlib.util
import re
import struct
import unicodedata
from pathlib import Path

# The reference's own case folding, read from its file (importing the package needs its dependencies,
# which the other Pythons need not have).
_spec = importlib.util.spec_from_file_location("triggers", Path(__file__).resolve().parents[2] / "cleaner" / "triggers.py")
_triggers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_triggers)
fold = _triggers.fold

# The flag bits (native/src/unicode.rs reads the same numbers).
SPACE, ALPHA, UPPER, LOWER, TITLE, DIGIT, DECIMAL, WORD, CASED, CASE_IGNORABLE, LOWER_SPECIAL = (1 << bit for bit in range(11))
_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s")
_DIGIT = re.compile(r"\d")


def _sigma_final(text: str, index: int) -> bool:
    return text.lower()[index] == "\u03c2"


def properties(code: int) -> tuple[int, int, int]:
    """(flags, lower-case delta, fold delta) of one code point, as this Python sees it."""
    char = chr(code)
    flags = 0
    for bit, test in ((SPACE, char.isspace), (ALPHA, char.isalpha), (UPPER, char.isupper), (LOWER, char.islower),
                      (DIGIT, char.isdigit), (DECIMAL, char.isdecimal)):
        if test():
            flags |= bit
    if unicodedata.category(char) == "Lt":
        flags |= TITLE
    if _WORD.match(char):
        flags |= WORD
    # Final sigma: str.lower() asks whether the characters around a capital sigma are cased or
    # case-ignorable; Python has no direct test, so ask lower() itself.
    ignorable = _sigma_final("A" + char + "\u03a3", -1) and _sigma_final("A\u03a3" + char, 1)
    if ignorable:
        flags |= CASE_IGNORABLE
    elif _sigma_final(char + "\u03a3", -1):
        flags |= CASED
    lower = char.lower()
    lower_delta = 0
    if len(lower) != 1:
        flags |= LOWER_SPECIAL
    else:
        lower_delta = ord(lower) - code
    folded = fold(char)
    assert len(folded) == 1, hex(code)
    # re tests \w, \s, \d on the lower-case form under IGNORECASE: the core tests the original character
    for pattern in (_WORD, _SPACE, _DIGIT):
        assert bool(pattern.match(char)) == bool(pattern.match(folded)), (hex(code), pattern.pattern)
    return flags, lower_delta, ord(folded) - code


def main() -> None:
    version = unicodedata.unidata_version
    runs: list[tuple[int, int, int, int]] = []
    specials: list[tuple[int, str]] = []
    previous = None
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            props = (0, 0, 0)
        else:
            props = properties(code)
            if props[0] & LOWER_SPECIAL:
                specials.append((code, chr(code).lower()))
        if props != previous:
            runs.append((code, *props))
            previous = props
    out = bytearray(b"PYUC" + version.encode("ascii").ljust(16, b"\0"))
    out += struct.pack("<I", len(runs))
    for start, flags, lower_delta, fold_delta in runs:
        out += struct.pack("<IHii", start, flags, lower_delta, fold_delta)
    out += struct.pack("<I", len(specials))
    for code, lower in specials:
        out += struct.pack("<IB", code, len(lower)) + b"".join(struct.pack("<I", ord(c)) for c in lower)
    path = Path(__file__).resolve().parent / f"unicode-{version}.bin"
    path.write_bytes(bytes(out))
    print(f"{path.name}: {len(runs)} runs, {len(specials)} multi-character lower-case forms, {len(out)} bytes")


if __name__ == "__main__":
    main()
