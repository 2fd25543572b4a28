"""The project's import graph, read from the code with ``ast`` — for ``make graph`` and the architecture test.

Imports inside functions count too: a lazy import that only dodges a cycle is still an edge.
"""

import ast
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
# The project's own apps, in INSTALLED_APPS order (a new app is in the graph the moment it is installed).
APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (PROJECT / app / "apps.py").is_file()]


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
            # "from booking.services import holds" imports the submodule, not the package's body.
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known]
            imports_names = len(submodules) < len(node.names)
            targets = submodules + ([base] if imports_names else [])
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


def app_of(module):
    return module.split(".")[0]


def app_graph(graph):
    """{app: the other apps its modules import}."""
    apps = {app: set() for app in APPS}
    for module, targets in graph.items():
        apps[app_of(module)] |= {app_of(target) for target in targets} - {app_of(module)}
    return apps
