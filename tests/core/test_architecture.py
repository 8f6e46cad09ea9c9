"""The apps stand in layers and import only downwards (docs/architecture.md).

Reads every module of the apps with ``ast`` (nothing is imported or run) and fails on an import
from a higher layer or a sibling on the same layer, an import circle between any two modules,
or a first-party import hidden inside a function.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Ground first. Apps on one floor may not import each other.
LAYERS = [
    ["core"],
    ["contacts", "benchmarking"],
    ["events"],
    ["networks"],
    ["newsletters"],
    ["mailing", "importer"],
    ["seslip"],
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}


def modules():
    """Dotted name -> (path, is a package) for every module of the apps."""
    found = {}
    for app in FLOOR:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            package = parts[-1] == "__init__"
            if package:
                parts.pop()
            found[".".join(parts)] = (path, package)
    return found


MODULES = modules()


def owner(name):
    """The module of ours that ``name`` (a module or a name in one) belongs to, or None."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module):
    """(line, imported module of ours, whether inside a function) for each import."""
    path, package = MODULES[module]
    tree = ast.parse(path.read_text(), filename=str(path))
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    base = module if package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            prefix = node.module or ""
            if node.level:
                parts = base.split(".")[: len(base.split(".")) - node.level + 1]
                prefix = ".".join([*parts, prefix] if prefix else parts)
            targets = [f"{prefix}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            ours = owner(target)
            if ours and ours != module:
                found.append((node.lineno, ours, id(node) in inside))
    return found


GRAPH = {module: imports(module) for module in MODULES}


def app(module):
    return module.split(".")[0]


def test_the_layers_name_every_app():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(FLOOR)


def test_apps_import_only_from_layers_below_them():
    wrong = []
    for module, found in GRAPH.items():
        for line, target, _ in found:
            here, there = app(module), app(target)
            if here == there or FLOOR[there] < FLOOR[here]:
                continue
            wrong.append(f"{MODULES[module][0].relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_no_import_is_hidden_in_a_function():
    hidden = [
        f"{MODULES[module][0].relative_to(ROOT)}:{line} imports {target}"
        for module, found in GRAPH.items()
        for line, target, in_function in found
        # AppConfig.ready() is where Django wants signal handlers connected.
        if in_function and not module.endswith(".apps")
    ]
    assert hidden == []


def test_no_import_circle():
    edges = {module: {target for _, target, _ in found} for module, found in GRAPH.items()}
    circles = []
    state = {}

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize("floor", range(len(LAYERS)))
def test_each_floor_is_used(floor):
    """The guard reads real code: every floor has modules that it checked."""
    assert any(app(module) in LAYERS[floor] for module in GRAPH)
