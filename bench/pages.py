"""Query counts and in-process server times of the public pages, with production settings.

Run by ``bench/run.py`` in a fresh process whose environment points at a throwaway
SQLite database. Prints one JSON object per line: page, data size, queries, median ms.
"""

import json
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.data import add_offerings  # noqa: E402
from booking.models import Offering  # noqa: E402
from booking.services.scheduling import sessions_generate  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "200"))
PAGES = {
    "home": "/id/",
    "program page": "/id/layanan/bimbingan-konseling/",
    "services index": "/id/layanan/",
    "search": "/id/search/?q=teman",
    "booking page": "/id/booking/konseling-individu/",
}


def measure(client, url):
    for _warm in range(3):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries.captured_queries)
    times = []
    for _repeat in range(REPEATS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return query_count, statistics.median(times), len(response.content)


def main():
    # One connection for the whole run, as a web worker keeps it (CONN_MAX_AGE).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_initial_data", demo=True, verbosity=0)
    call_command("sessions_generate", verbosity=0)
    client = Client(HTTP_HOST="localhost", headers={"X-Forwarded-Proto": "https"})
    sizes = [("starter", 0), ("200 offerings", 200 - Offering.objects.count())]
    for size, extra in sizes:
        if extra:
            add_offerings(extra, now=timezone.now())
        for name, url in PAGES.items():
            queries, median_ms, size_bytes = measure(client, url)
            print(
                json.dumps(
                    {
                        "page": name,
                        "data": size,
                        "queries": queries,
                        "median_ms": median_ms,
                        "bytes": size_bytes,
                    }
                )
            )
    schedules = add_offerings(50, now=timezone.now(), generate=False)
    started = time.perf_counter()
    result = sessions_generate(now=timezone.now(), schedules=schedules)
    seconds = time.perf_counter() - started
    print(json.dumps({"generation_seconds": seconds, "schedules": 50, "sessions": result.created}))


if __name__ == "__main__":
    main()
