"""``make graph``: which app imports which, and inside each app which module imports which."""

from django.core.management.base import BaseCommand

from core.import_graph import APPS, app_graph, app_of, import_graph


class Command(BaseCommand):
    help = "Print the app and module import graph, read from the code."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="only these apps' modules (default: all)")

    def handle(self, *args, apps, **options):
        graph = import_graph()
        self.stdout.write("Apps (→ the apps they import):")
        for app, targets in app_graph(graph).items():
            self.stdout.write(f"  {app:<9} → {', '.join(sorted(targets)) or '—'}")
        for app in apps or APPS:
            modules = sorted(name for name in graph if app_of(name) == app)
            self.stdout.write(f"\n{app} ({len(modules)} modules; → what each imports):")
            for name in modules:
                targets = sorted(graph[name])
                inside = [
                    target.removeprefix(f"{app}.") for target in targets if app_of(target) == app != target
                ]
                outside = [target for target in targets if app_of(target) != app]
                self.stdout.write(
                    f"  {name.removeprefix(f'{app}.') or app:<28} → {', '.join(inside + outside) or '—'}"
                )
