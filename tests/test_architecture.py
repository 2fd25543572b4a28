"""The shape of the code: one-way dependencies between apps, no import cycles, no giant modules.

Reads every module's imports with ``ast`` (imports inside functions count too: a lazy
import that only dodges a cycle is still a cycle).
"""

import ast
import re

import pytest

from core.import_graph import (
    APPS,
    PROJECT,
    app_graph,
    app_of,
    import_graph,
    imported_modules,
    project_modules,
)

# What each app may import. Anything not listed is a dependency pointing the wrong way.
ALLOWED = {
    "core": set(),
    "programs": {"core"},
    "home": {"core", "programs"},
    "booking": {"core", "programs"},
    # A buddy program's counselor is a foreign key by name ("booking.Counselor"); what a
    # person is (age groups, guardians, tokens, errors, retention, admin access) is core's.
    "buddies": {"core", "programs"},
    "staff": {"core", "programs", "booking", "buddies", "support"},
    # Requests for help need no booking: "book for them" links to booking's own pages.
    "support": {"core"},
    "privacy": {"core", "booking", "buddies", "support"},
    "starter": {"core", "home", "programs", "booking", "buddies", "support", "staff", "privacy"},
}
MAX_MODULE_LINES = 500


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
    assert find_cycle(app_graph(import_graph())) is None


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


STATUS_AGAINST_A_LITERAL = re.compile(r"""\.status\s*(==|!=)\s*["']|["']\s*(==|!=)\s*[\w.]*\.status\b""")


def templates():
    for root in [PROJECT / "site", *(PROJECT / app for app in APPS)]:
        yield from (path for path in root.rglob("*.html") if "node_modules" not in path.parts)


def test_templates_ask_the_model_not_compare_status_strings():
    # "Is this place held?" is the model's question (booking.is_held); a template that
    # compares status strings decides a rule of its own and breaks silently on a rename.
    found = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if STATUS_AGAINST_A_LITERAL.search(line)
    ]
    assert found == []


def test_the_status_check_finds_what_it_is_shown():
    assert STATUS_AGAINST_A_LITERAL.search('{% if booking.status == "pending" %}')
    assert STATUS_AGAINST_A_LITERAL.search("{% elif 'offered' != entry.status %}")
    assert not STATUS_AGAINST_A_LITERAL.search("{% if booking.is_held %}{{ booking.get_status_display }}")


def outbox_rows_written_outside_core(modules):
    from django.apps import apps

    from core.models import OutboxEmail

    outbox_models = {model.__name__ for model in apps.get_models() if issubclass(model, OutboxEmail)}
    found = []
    for name, path in modules.items():
        if name == "core.outbox":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("create", "bulk_create", "get_or_create", "update_or_create")
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "objects"
                and isinstance(node.func.value.value, ast.Name)
                and node.func.value.value.id in outbox_models
            ):
                found.append(f"{name}:{node.lineno}")
    return found


def test_every_outbox_row_is_written_by_core_outbox_create():
    # One function writes them, so every email is kept in the transaction and queued after it.
    assert outbox_rows_written_outside_core(project_modules()) == []


def test_the_outbox_check_finds_what_it_is_shown(tmp_path):
    module = tmp_path / "services.py"
    module.write_text("def tell(signup):\n    BuddyEmail.objects.create(signup=signup, kind='paired')\n")
    assert outbox_rows_written_outside_core({"buddies.services": module}) == ["buddies.services:2"]
