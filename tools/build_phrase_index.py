#!/usr/bin/env python3
"""Rebuild cleaner/data/boilerplate.index.marshal (and .native.marshal) after editing cleaner/data/boilerplate.toml,
cleaner/data/rules.native.marshal after editing a regex the native core's rules read (cleaner.native.rules),
cleaner/data/profile_literals.marshal after editing a built-in profile's fingerprints,
the twin of each shipped TOML file (cleaner/data/*.toml, cleaner/profiles/*.toml) after editing it, and of the
shipped text model (cleaner/data/text_model.json) after training it,
cleaner/data/re_programs.marshal (the lazy patterns' programs, for the interpreter running this) after editing a pattern,
cleaner/data/columns.native.marshal (the text model's columns translated for the native core, when it is built)
after editing a column, and cleaner/data/needles.native.marshal (each core regex's needles, when the core is
built) after editing a phrase or a rule's regex, and cleaner/data/phrasebook.native.marshal (the shipped phrase
book as the native core takes it, when the core is built) after editing a phrase, and cleaner/data/parsed.native.bin
(the core's regexes as it parses them, when the core is built) after editing a phrase or a rule's regex.

The index holds each phrase's prefilter keys, and the native file each phrase translated for the native
core, so the CLI does not derive them at every start; tests fail when either shipped file is out of date.
The files are marshalled (:func:`cleaner.data.read_marshal`): a start loads them without importing ``json``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.data import DATA_DIR, data_file, make_twin, twin_path, write_marshal  # noqa: E402
from cleaner.stages.phrases import INDEX_FILE, build_index  # noqa: E402

write_marshal(INDEX_FILE, build_index())
print(f"wrote {INDEX_FILE}")

from cleaner.native import TRANSLATIONS_FILE, build_translations  # noqa: E402

write_marshal(data_file(TRANSLATIONS_FILE), build_translations())
print(f"wrote {data_file(TRANSLATIONS_FILE)}")

from cleaner.native.rules import SPECS_FILE, build_specs  # noqa: E402

write_marshal(data_file(SPECS_FILE), build_specs())
print(f"wrote {data_file(SPECS_FILE)}")

from cleaner.profiles import Registry  # noqa: E402
from cleaner.profiles.patterns import LITERALS_FILE, build_literals  # noqa: E402

write_marshal(data_file(LITERALS_FILE), build_literals(f for p in Registry.load() for f in p.fingerprints))
print(f"wrote {data_file(LITERALS_FILE)}")

from cleaner.profiles.loader import BUILTIN_DIR  # noqa: E402
from cleaner.textmodel.loading import MODEL_FILE  # noqa: E402

for source in [*sorted(Path(DATA_DIR).glob("*.toml")), *sorted(Path(BUILTIN_DIR).glob("*.toml")), data_file(MODEL_FILE)]:
    write_marshal(twin_path(source), make_twin(source))
    print(f"wrote {twin_path(source)}")

from cleaner.lazy_re import PROGRAMS_FILE, build_programs, programs_file, programs_header  # noqa: E402
from cleaner.startup import package_patterns  # noqa: E402

with open(data_file(PROGRAMS_FILE), "wb") as binary:
    binary.write(programs_file(build_programs(package_patterns())))
print(f"wrote {data_file(PROGRAMS_FILE)} ({programs_header().decode().strip()})")

from cleaner.native import core  # noqa: E402
from cleaner.native import BOOK_FILE, NEEDLES_FILE, PARSED_FILE, build_book  # noqa: E402
from cleaner.native.rules import COLUMNS_FILE, build_columns, build_needles, build_parsed  # noqa: E402

if core() is None:
    print(f"left {data_file(COLUMNS_FILE)} as it is: the native core is not built here")
    print(f"left {data_file(NEEDLES_FILE)} as it is: the native core is not built here")
    print(f"left {data_file(BOOK_FILE)} as it is: the native core is not built here")
    print(f"left {data_file(PARSED_FILE)} as it is: the native core is not built here")
else:
    from cleaner.native.path import NativePath  # noqa: E402

    codes = {name: k for k, name in enumerate(NativePath().signals) if k}
    with open(data_file(COLUMNS_FILE), "wb") as binary:
        binary.write(build_columns(codes))
    print(f"wrote {data_file(COLUMNS_FILE)}")
    write_marshal(data_file(NEEDLES_FILE), build_needles())
    print(f"wrote {data_file(NEEDLES_FILE)}")
    write_marshal(data_file(BOOK_FILE), build_book())
    print(f"wrote {data_file(BOOK_FILE)}")
    with open(data_file(PARSED_FILE), "wb") as binary:
        binary.write(build_parsed())
    print(f"wrote {data_file(PARSED_FILE)}")

