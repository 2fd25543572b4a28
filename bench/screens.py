"""Staff screens, exports and uncached public pages at a school year's scale, in-process with
production settings (1 is a year, 10 is ten years' worth; see ``main``).

Run by ``bench/run.py`` with an environment that points at a throwaway SQLite database: once to
build the data (prints its counts), then in a fresh process to measure (prints one JSON object
per screen or page: queries, median ms, bytes).
"""

import json
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.queries import counting  # noqa: E402
from bench.year import build  # noqa: E402
from booking.availability import renew_after_commit  # noqa: E402
from booking.models import Offering  # noqa: E402
from core.content_version import content_changed  # noqa: E402
from core.models import SpreadsheetFile, SpreadsheetStatus  # noqa: E402
from core.selectors import forget_locales  # noqa: E402
from core.spreadsheets import spreadsheet_build  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))


def public_pages(program_slug):
    """{page: (url, what runs before each answer)}: the content pages as after a publish (the
    page cache and what depends on pages are gone; the shared cache keeps free times, settings
    and hotlines), and once with the whole cache emptied; the booking page with its free times
    read afresh (as after any booking); the buddy sign-up as every visitor gets it (never cached whole)."""
    return {
        "home": ("/id/", content_changed),
        "program page": ("/id/layanan/bimbingan-konseling/", content_changed),
        "services index": ("/id/layanan/", content_changed),
        "program page, cache emptied": ("/id/layanan/bimbingan-konseling/", cache.clear),
        "booking page": ("/id/booking/konseling-individu/", _offering_booked("konseling-individu")),
        "buddy sign-up": (f"/id/buddy/{program_slug}/mentee/", None),
    }


def _a_new_process():
    """What a web worker that has just started does not know yet (the cache it shares is kept)."""
    ContentType.objects.clear_cache()
    forget_locales()


def _offering_booked(slug):
    """What a booking of the offering renews (outside a transaction, the renewal runs at once)."""
    offering = Offering.objects.get(slug=slug)
    return lambda: renew_after_commit(offering_id=offering.pk, counselor_id=None)


def staff_screens(program):
    return {
        "admin home (dashboard)": ("get", "/admin/", None),
        "Reports page": ("get", "/admin/reports/service/", None),
        "buddy matching": ("get", f"/admin/buddies/programs/{program}/matching/", None),
        "bookings listing": ("get", "/admin/booking/bookings/", None),
        "sessions listing": ("get", "/admin/booking/sessions/", None),
        "buddy sign-ups listing": ("get", "/admin/buddies/signups/", None),
        "data request search": ("post", "/admin/privacy/requests/", {"email": "siswa7@bench.invalid"}),
        "bookings CSV export": ("get", "/admin/booking/bookings/?export=csv", None),
        # Past RANGKUL_XLSX_IN_REQUEST_MOST_ROWS rows the request only queues the file for a worker.
        "bookings XLSX export asked": ("get", "/admin/booking/bookings/?export=xlsx", None),
    }


def answer(client, method, url, data):
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    # A large XLSX export sends staff on to the page where its file is built.
    assert response.status_code == 200 or (response.status_code == 302 and "xlsx" in url), (url, response)
    if response.status_code == 302:
        return response["Location"].encode()
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure(client, method, url, data, *, repeats, before=None):
    """Queries and the median time of ``repeats`` answers, after one that fills per-process caches.

    ``before`` runs before each answer (to empty a cache). With ``repeats`` of 1 (exports), the
    one timed answer is also the one counted.
    """
    first = []
    if repeats > 1:
        # The first answer of a new process (content types, the locales' ids, templates): one
        # answer fills the shared cache, then the process forgets what it learnt.
        answer(client, method, url, data)
        _a_new_process()
        if before:
            before()
        with counting() as first:
            answer(client, method, url, data)
    times, counted = [], []
    for _repeat in range(repeats):
        if before:
            before()
        with counting() as queries:
            started = time.perf_counter()
            body = answer(client, method, url, data)
            times.append((time.perf_counter() - started) * 1000)
        counted.append(len(queries))
    return {
        "queries": max(counted),
        "first_queries": len(first) or max(counted),
        "median_ms": statistics.median(times),
        "bytes": len(body),
    }


def build_data(scale):
    """The year's data in the bench's database; its counts, for the measuring process."""
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_initial_data", demo=True, verbosity=0)
    started = time.perf_counter()
    counts = build(now=timezone.now(), scale=scale)
    counts["build_seconds"] = time.perf_counter() - started
    get_user_model().objects.create_superuser("bench", "bench@bench.invalid", "bench")
    print(json.dumps({"counts": counts, "scale": scale}))


def measure_all(scale, counts):
    # One connection for the whole run, as a web worker keeps it (CONN_MAX_AGE).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    visitor = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    for name, (url, before) in public_pages(counts["program_slug"]).items():
        row = measure(visitor, "get", url, None, repeats=REPEATS * 3, before=before)
        print(json.dumps({"public": name, "scale": scale, **row}))
    staff = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    staff.force_login(get_user_model().objects.get(username="bench"))
    for name, (method, url, data) in staff_screens(counts["program"]).items():
        repeats = 1 if "export" in name else REPEATS
        print(
            json.dumps({"screen": name, "scale": scale, **measure(staff, method, url, data, repeats=repeats)})
        )
    print(
        json.dumps({"screen": "bookings XLSX built by the worker", "scale": scale, **measure_worker_build()})
    )


def measure_worker_build():
    """The task worker building the last file asked for, as ``core.tasks.build_spreadsheet`` does."""
    spreadsheet = SpreadsheetFile.objects.latest("pk")
    with counting() as queries:
        started = time.perf_counter()
        status = spreadsheet_build(spreadsheet.pk)
        elapsed = (time.perf_counter() - started) * 1000
    assert status == SpreadsheetStatus.READY, status
    content = SpreadsheetFile.objects.values_list("content", flat=True).get(pk=spreadsheet.pk)
    return {
        "queries": len(queries),
        "first_queries": len(queries),
        "median_ms": elapsed,
        "bytes": len(content),
    }


def main():
    """``screens.py build SCALE`` fills the database; ``screens.py measure SCALE 'COUNTS'`` then
    measures in a fresh process, as a web worker that never built a year of rows would."""
    step, scale = sys.argv[1], int(sys.argv[2])
    if step == "build":
        build_data(scale)
    else:
        measure_all(scale, json.loads(sys.argv[3]))


if __name__ == "__main__":
    main()
