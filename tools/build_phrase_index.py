#!/usr/bin/env python3
"""Rebuild cleaner/data/boilerplate.index.json (and .native.json) after editing cleaner/data/boilerplate.toml,
cleaner/data/rules.native.json after editing a regex the native core's rules read (cleaner.native.rules),
cleaner/data/profile_literals.json after editing a built-in profile's fingerprints,
the JSON twin of each shipped TOML file (cleaner/data/*.toml, cleaner/profiles/*.toml) after editing it, and
cleaner/data/re_programs.marshal (the lazy patterns' programs, for the interpreter running this) after editing a pattern,
and cleaner/data/columns.native.marshal (the text model's columns translated for the native core, when it is built)
after editing a column.

The index holds each phrase's prefilter keys, and the native file each phrase translated for the native
core, so the CLI does not derive them at every start; tests fail when either shipped file is out of date.
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

from cleaner.native import TRANSLATIONS_FILE, build_translations  # noqa: E402

native_file = Path(str(INDEX_FILE)).with_name(TRANSLATIONS_FILE)
with open(native_file, "w", encoding="utf-8") as out:
    json.dump(build_translations(), out, ensure_ascii=False, indent=0, sort_keys=True)
    out.write("\n")
print(f"wrote {native_file}")

from cleaner.native.rules import SPECS_FILE, build_specs  # noqa: E402

specs_file = Path(str(INDEX_FILE)).with_name(SPECS_FILE)
with open(specs_file, "w", encoding="utf-8") as out:
    json.dump(build_specs(), out, ensure_ascii=False, indent=0, sort_keys=True)
    out.write("\n")
print(f"wrote {specs_file}")

from cleaner.profiles import Registry  # noqa: E402
from cleaner.profiles.patterns import LITERALS_FILE, build_literals  # noqa: E402

literals_file = Path(str(INDEX_FILE)).with_name(LITERALS_FILE)
with open(literals_file, "w", encoding="utf-8") as out:
    json.dump(build_literals(f for p in Registry.load() for f in p.fingerprints), out, ensure_ascii=False, indent=0,
              sort_keys=True)
    out.write("\n")
print(f"wrote {literals_file}")

from cleaner.data import DATA_DIR, make_twin, twin_path  # noqa: E402
from cleaner.profiles.loader import BUILTIN_DIR  # noqa: E402

for toml_file in [*sorted(Path(DATA_DIR).glob("*.toml")), *sorted(Path(BUILTIN_DIR).glob("*.toml"))]:
    with open(twin_path(toml_file), "w", encoding="utf-8") as out:
        json.dump(make_twin(toml_file), out, ensure_ascii=False, indent=0)  # unsorted: a table's order is data
        out.write("\n")
    print(f"wrote {twin_path(toml_file)}")

from cleaner.data import data_file  # noqa: E402
from cleaner.lazy_re import PROGRAMS_FILE, build_programs, programs_file, programs_header  # noqa: E402
from cleaner.startup import package_patterns  # noqa: E402

with open(data_file(PROGRAMS_FILE), "wb") as binary:
    binary.write(programs_file(build_programs(package_patterns())))
print(f"wrote {data_file(PROGRAMS_FILE)} ({programs_header().decode().strip()})")

from cleaner.native import core  # noqa: E402
from cleaner.native.rules import COLUMNS_FILE, build_columns  # noqa: E402

if core() is None:
    print(f"left {data_file(COLUMNS_FILE)} as it is: the native core is not built here")
else:
    from cleaner.native.path import NativePath  # noqa: E402

    codes = {name: k for k, name in enumerate(NativePath().signals) if k}
    with open(data_file(COLUMNS_FILE), "wb") as binary:
        binary.write(build_columns(codes))
    print(f"wrote {data_file(COLUMNS_FILE)}")

