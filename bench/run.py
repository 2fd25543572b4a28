"""``make bench``: the public pages measured in-process and through gunicorn, written to bench/RESULTS.md.

Everything runs on this machine with production settings against a throwaway SQLite
database filled with the starter content (then 200 offerings). Loads go to 127.0.0.1 only.
"""

import contextlib
import datetime
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import requests_per_second  # noqa: E402

# Targets from the fast-pages issue: a quarter of bakerydemo's times measured on this machine class.
TIME_TARGETS_MS = {
    "program page": 4.2,
    "home": 9.2,
    "services index": 5.9,
    "search": 8.7,
    "booking page": 8.0,
}
QUERY_BUDGET = 12
GENERATION_TARGET_SECONDS = 2.0
MATCHING_TARGET_SECONDS = 1.0
STATIC_RATIO_TARGET = 2.0


def environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
        "DJANGO_STATIC_ROOT": f"{workdir}/static",
        "DJANGO_DB_CONN_MAX_AGE": "600",
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, deadline=30):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def page_size(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "localhost"})
    size = len(connection.getresponse().read())
    connection.close()
    return size


@contextlib.contextmanager
def gunicorn(env):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def throughput(env, workdir):
    """Requests per second for two pages and for a static file exactly as large as the program page,
    on a site with the starter content (the site as it is shipped)."""
    for command in (["migrate"], ["load_initial_data", "--demo"], ["sessions_generate"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    program_page = "/id/layanan/bimbingan-konseling/"
    with gunicorn(env) as port:
        size = page_size(port, program_page)
    # whitenoise reads the static files when it starts, so the file exists before the second start.
    static_file = Path(workdir, "static", "bench", "page.html")
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_text("x" * size)
    paths = {
        "program page": program_page,
        "home": "/id/",
        "static file of the program page's size": "/static/bench/page.html",
    }
    with gunicorn(env) as port:
        requests_per_second("127.0.0.1", port, "/id/", seconds=1)  # warm both workers
        return {name: requests_per_second("127.0.0.1", port, path) for name, path in paths.items()}


def verdict(ok):
    return "✅" if ok else "❌"


def write_results(pages, generation, rates, matching):
    machine = f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine}.",
        "Production settings, SQLite, in-process median of repeated warm requests (Django test client);",
        "throughput through gunicorn (2 sync workers) and whitenoise, 4 client processes on 127.0.0.1,",
        "with the starter content.",
        "",
        "## Public pages",
        "",
        "| page | data | queries (≤ 12) | median ms | target ms | bytes |",
        "|---|---|---|---|---|---|",
    ]
    for row in pages:
        target = TIME_TARGETS_MS[row["page"]]
        time_note = f"{verdict(row['median_ms'] <= target)} {target}" if row["data"] == "starter" else "—"
        lines.append(
            f"| {row['page']} | {row['data']} | {verdict(row['queries'] <= QUERY_BUDGET)} {row['queries']} "
            f"| {row['median_ms']:.2f} | {time_note} | {row['bytes']:,} |"
        )
    grows = {
        row["page"]
        for row in pages
        for other in pages
        if row["page"] == other["page"] and row["queries"] != other["queries"]
    }
    lines += ["", f"Query counts that grow with the data: {', '.join(sorted(grows)) or 'none'}.", ""]
    lines += ["## Throughput through gunicorn", "", "| URL | requests/s | failed |", "|---|---|---|"]
    for name, (rate, failed) in rates.items():
        lines.append(f"| {name} | {rate:,.0f} | {failed} |")
    static_rate = rates["static file of the program page's size"][0]
    page_rate = rates["program page"][0]
    ratio = static_rate / page_rate if page_rate else float("inf")
    lines += [
        "",
        f"Static file ÷ program page: {ratio:.2f} (target ≤ {STATIC_RATIO_TARGET}) {verdict(ratio <= STATIC_RATIO_TARGET)}.",
        "The side-by-side comparison with Wagtail's bakerydemo is not run here: its code cannot be",
        "fetched on this machine. The time targets above are its figures divided by four.",
        "",
        "## Session generation",
        "",
        f"{generation['schedules']} weekly schedules, 12 weeks ahead: {generation['sessions']} sessions in "
        f"{generation['generation_seconds']:.2f} s (target ≤ {GENERATION_TARGET_SECONDS} s) "
        f"{verdict(generation['generation_seconds'] <= GENERATION_TARGET_SECONDS)}.",
        "",
        "## Buddy matching",
        "",
        f"{matching['size']} students × {matching['size']} buddies, one optimal assignment: "
        f"{matching['pairs']} pairs in {matching['matching_seconds']:.2f} s "
        f"(target ≤ {MATCHING_TARGET_SECONDS} s) {verdict(matching['matching_seconds'] <= MATCHING_TARGET_SECONDS)}.",
        "",
    ]
    text = "\n".join(lines)
    Path(ROOT, "bench", "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


def collected_environment(workdir):
    env = environment(workdir)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def main():
    with tempfile.TemporaryDirectory(prefix="rangkul-bench-") as workdir:
        output = subprocess.run(
            [sys.executable, "bench/pages.py"],
            cwd=ROOT,
            env=collected_environment(workdir),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    pages = [row for row in rows if "page" in row]
    (generation,) = [row for row in rows if "generation_seconds" in row]
    with tempfile.TemporaryDirectory(prefix="rangkul-bench-") as workdir:
        env = collected_environment(workdir)
        rates = throughput(env, workdir)
        matching_output = subprocess.run(
            [sys.executable, "bench/matching.py"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    matching = json.loads(matching_output.strip().splitlines()[-1])
    write_results(pages, generation, rates, matching)


if __name__ == "__main__":
    main()
