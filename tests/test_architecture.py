"""The shape of the code: one-way dependencies between apps, no import cycles, no giant modules.

Reads every module's imports with ``ast`` (imports inside functions count too: a lazy
import that only dodges a cycle is still a cycle).
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
APPS = ["core", "home", "programs", "booking", "buddies", "staff", "privacy", "starter"]
# What each app may import. Anything not listed is a dependency pointing the wrong way.
ALLOWED = {
    "core": set(),
    "programs": {"core"},
    "home": {"core", "programs"},
    "booking": {"core", "programs"},
    # A buddy program's counselor is a foreign key by name ("booking.Counselor"); what a
    # person is (age groups, guardians, tokens, errors, retention, admin access) is core's.
    "buddies": {"core", "programs"},
    "staff": {"core", "programs", "booking", "buddies"},
    "privacy": {"core", "booking", "buddies"},
    "starter": {"core", "home", "programs", "booking", "buddies", "staff", "privacy"},
}
MAX_MODULE_LINES = 500


def project_modules():
    """{dotted module name: path} for every app module outside migrations."""
    modules = {}
    for app in APPS:
        for path in (PROJECT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(PROJECT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_modules(name, path, known):
    """The project modules that module ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph():
    modules = project_modules()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def find_cycle(graph):
    """One cycle in a directed graph as a list of nodes, or None."""
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return visiting[visiting.index(node) :] + [node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        cycle = visit(node)
        if cycle:
            return cycle
    return None


def app_of(module):
    return module.split(".")[0]


def test_the_cycle_finder_finds_cycles_it_is_shown():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_imports_are_read_from_real_code_including_lazy_ones(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from . import selectors\n\ndef view():\n    from booking.models import Booking\n")
    known = {"booking.views": module, "booking.selectors": module, "booking.models": module}
    assert imported_modules("booking.views", module, known) == {"booking.selectors", "booking.models"}


def test_no_import_cycle_inside_any_app():
    assert find_cycle(import_graph()) is None


def test_apps_depend_one_way_only():
    wrong_way = sorted(
        (module, target)
        for module, targets in import_graph().items()
        for target in targets
        if app_of(target) != app_of(module) and app_of(target) not in ALLOWED[app_of(module)]
    )
    assert wrong_way == []


def test_no_app_cycle():
    apps = {app: set() for app in APPS}
    for module, targets in import_graph().items():
        apps[app_of(module)] |= {app_of(target) for target in targets} - {app_of(module)}
    assert find_cycle(apps) is None


@pytest.mark.parametrize("app", APPS)
def test_no_module_is_over_500_lines(app):
    long_modules = {
        str(path.relative_to(PROJECT)): lines
        for path in project_modules().values()
        if path.relative_to(PROJECT).parts[0] == app
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long_modules == {}


def same_app_model_lookups(app):
    """``apps.get_model("<app>", …)`` calls inside the app's own modules: a cycle dodged by name."""
    found = []
    for name, path in project_modules().items():
        if app_of(name) != app:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get_model"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == app
            ):
                found.append(f"{name}:{node.lineno}")
    return found


def test_the_model_lookup_finder_finds_what_it_is_shown(tmp_path, monkeypatch):
    module = tmp_path / "booking" / "models.py"
    module.parent.mkdir()
    module.write_text('from django.apps import apps\nEntry = apps.get_model("booking", "WaitingListEntry")\n')
    monkeypatch.setitem(globals(), "project_modules", lambda: {"booking.models": module})
    assert same_app_model_lookups("booking") == ["booking.models:2"]


@pytest.mark.parametrize("app", APPS)
def test_no_app_reaches_its_own_models_through_the_app_registry(app):
    assert same_app_model_lookups(app) == []
