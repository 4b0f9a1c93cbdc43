"""The package's shape: no import cycle, and no import from a lower layer back up.

The graph is read from the source (``ast``): every ``import`` and ``from … import`` of a ``cleaner`` module,
at the top of a module or inside a function (a lazy import is still an arrow). A unit is a top-level module
of ``cleaner/`` or a sub-package; ``LAYERS`` orders the units from the top (what a user runs) to the bottom
(what every part reads). A unit may import units of its own layer or below; no two units, and no two modules,
may import each other, directly or round a loop. A new module must be placed in a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

from cleaner.compat import tomllib

#: The layers, top to bottom (README's package map says what each unit is).
LAYERS: tuple[frozenset[str], ...] = tuple(map(frozenset, (
    # entry points: `python -m cleaner`, and pytest's plugin (it runs `cleaner check`'s comparison)
    {"__main__", "pytest_plugin"},
    # the command line (command: its clean command's work, which the plain start runs without click)
    {"cli", "command"},
    # the faces: the package's names, clean()/Cleaner, batches, reports, datatrove; the version, with the
    # native core it names (which reads the stages' rules, so it sits above them); the start (it finds the
    # package's lazy patterns, whose programs are shipped)
    {"cleaner", "api", "batch", "report", "integrations", "version", "native", "learn", "startup"},
    # the ordered stages
    {"pipeline"},
    {"stages"},
    # what the stages call: the text model, the HTML path, the site profiles
    {"textmodel", "html", "profiles"},
    # what every part reads
    {"document", "models", "language", "dates", "lexicon", "triggers", "chunks", "errors", "reading", "output",
     "urls", "compat", "caching", "data", "site_evidence", "lazy_re", "extension", "records", "memo"},
)))


def extension_modules(root: Path) -> frozenset[str]:
    """The compiled modules (the native core): imported by name, with no source to read."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return frozenset(ext["target"] for ext in pyproject["tool"]["setuptools-rust"]["ext-modules"])


def module_graph(root: Path, extensions: frozenset[str] = frozenset()) -> dict[str, dict[str, int]]:
    """Every module of ``root/cleaner`` → the ``cleaner`` modules it imports (with the line of the first import).

    ``from PACKAGE import NAME`` imports the module ``PACKAGE.NAME`` when there is one, else ``PACKAGE``
    itself (its ``__init__``). A compiled module is outside the graph (it imports nothing of ours).
    """
    package = root / "cleaner"
    paths = {_module_name(root, path): path for path in package.rglob("*.py")}
    known = set(paths) | extensions
    graph: dict[str, dict[str, int]] = {}
    for name, path in paths.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(here[:len(here) - node.level + 1] + [node.module or ""]) if node.level \
                    else node.module or ""
                base = base.rstrip(".")
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                           for alias in node.names]
            else:
                continue
            for target in targets:
                while target not in known and "." in target:
                    target = target.rsplit(".", 1)[0]      # import cleaner.a.b names a.b (or its package)
                if target in paths and target != name:
                    found.setdefault(target, node.lineno)
        graph[name] = found
    return graph


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    """``cleaner.stages.shapes`` → ``stages``; the package's own ``__init__`` is ``cleaner``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(graph: dict[str, set[str] | dict[str, int]]) -> list[list[str]]:
    """The loops of a graph: its strongly connected components of more than one node (Tarjan's, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def unit_graph(graph: dict[str, dict[str, int]]) -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for module, imports in graph.items():
        units.setdefault(unit(module), set()).update(unit(target) for target in imports if unit(target) != unit(module))
    return units


def upward_imports(graph: dict[str, dict[str, int]], layers=LAYERS) -> list[str]:
    """Each import of a unit from a higher layer, as ``module:line imports module (layer a above b)``."""
    level = {name: depth for depth, layer in enumerate(layers) for name in layer}
    return [f"{module}:{line} imports {target} ({unit(target)} is above {unit(module)})"
            for module, imports in sorted(graph.items()) for target, line in sorted(imports.items())
            if level[unit(target)] < level[unit(module)]]


def problems(root: Path, layers=LAYERS) -> dict[str, list]:
    graph = module_graph(root, extension_modules(root))
    placed = set().union(*layers)
    return {
        "not in a layer": sorted(set(map(unit, graph)) - placed),
        "in a layer, gone from the tree": sorted(placed - set(map(unit, graph))),
        "module cycles": cycles(graph),
        "unit cycles": cycles(unit_graph(graph)),
        "upward imports": upward_imports(graph, layers) if placed >= set(map(unit, graph)) else [],
    }


def test_no_import_cycle_and_no_import_back_up():
    assert problems(ROOT) == {"not in a layer": [], "in a layer, gone from the tree": [], "module cycles": [],
                              "unit cycles": [], "upward imports": []}


def test_html_reads_no_stage_and_the_metadata_stage_no_other_stage():
    """The two arrows the lexicon removed: the HTML path reading a stage's patterns, one stage reading another's."""
    graph = module_graph(ROOT, extension_modules(ROOT))
    assert not [(m, t) for m, imports in graph.items() for t in imports
                if unit(m) in ("html", "textmodel", "language", "dates", "lexicon") and unit(t) == "stages"]
    assert {t for t in graph["cleaner.stages.metadata"] if unit(t) == "stages"} == set()


def _tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    (root / "pyproject.toml").write_text('[[tool.setuptools-rust.ext-modules]]\ntarget = "cleaner._native"\n',
                                         encoding="utf-8")
    for name, source in files.items():
        path = root / "cleaner" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_the_check_sees_an_upward_import_a_lazy_one_and_a_cycle(tmp_path):
    layers = tuple(map(frozenset, ({"cleaner", "api"}, {"stages"}, {"lexicon", "native", "dates"})))
    clean = {"__init__.py": "", "api.py": "from .stages import shapes\n", "stages/__init__.py": "",
             "stages/shapes.py": "from ..lexicon import WORDS\nfrom .. import dates\n",
             "lexicon.py": "WORDS = 1\n", "dates.py": "import cleaner.lexicon\n",
             "native.py": "from . import _native\n"}
    assert problems(_tree(tmp_path / "clean", clean), layers) == {
        "not in a layer": [], "in a layer, gone from the tree": [], "module cycles": [], "unit cycles": [],
        "upward imports": []}
    upward = dict(clean, **{"lexicon.py": "def words():\n    from .stages.shapes import X\n"})
    found = problems(_tree(tmp_path / "upward", upward), layers)
    assert found["upward imports"] == ["cleaner.lexicon:2 imports cleaner.stages.shapes (stages is above lexicon)"]
    assert found["module cycles"] == [["cleaner.dates", "cleaner.lexicon", "cleaner.stages.shapes"]]
    assert found["unit cycles"] == [["dates", "lexicon", "stages"]]
    sideways = dict(clean, **{"lexicon.py": "from .dates import X\n", "dates.py": "from . import lexicon\n"})
    found = problems(_tree(tmp_path / "sideways", sideways), layers)
    assert found["upward imports"] == [] and found["unit cycles"] == [["dates", "lexicon"]]
    unplaced = dict(clean, **{"reading.py": ""})
    assert problems(_tree(tmp_path / "unplaced", unplaced), layers)["not in a layer"] == ["reading"]
