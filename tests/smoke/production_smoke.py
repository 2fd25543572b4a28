"""`make smoke`: the production processes started as README.md says, then used over HTTP.

PostgreSQL (a throwaway database next to RANGKUL_TEST_POSTGRES_URL's), Redis (Debian's
redis-server) and an SMTP sink (aiosmtpd, writing a Maildir) on loopback; then migrate,
createcachetable, collectstatic, the starter content, gunicorn with production settings
and the email worker, behind one (pretend) proxy. Over HTTP: pages and their security
headers, static files, the health check, a booking whose email arrives through SMTP with
its .ics; then PostgreSQL restarts, and bookings by four more students (each behind the
proxy with their own address) all arrive, each exactly once, from the same worker; then a
burst refused with 429. Everything it started is stopped, whatever happens.

The restart stops and starts the cluster named by RANGKUL_SMOKE_POSTGRES_CLUSTER (.ci/run sets
it, e.g. "15 main"); without it every connection to the smoke database is ended, as a
restart ends them.
"""

import contextlib
import email
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from email import policy
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PROGRAM_PAGE = "/id/layanan/bimbingan-konseling/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, deadline=60):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a process stopped while starting (exit {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


@contextlib.contextmanager
def started(command, *, env=None, port=None, log):
    process = subprocess.Popen(  # noqa: S603 - fixed commands of our own
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        if port:
            wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def fresh_database(base_url):
    """A new empty database beside the CI one; its URL."""
    parts = urlsplit(base_url)
    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS rangkul_smoke")
        connection.execute("CREATE DATABASE rangkul_smoke")
    return urlunsplit(parts._replace(path="/rangkul_smoke"))


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


class Visitor:
    """A browser over plain HTTP behind an HTTPS proxy: sends the proxy's headers and keeps secure cookies."""

    def __init__(self, port, address="203.0.113.10"):
        self.base = f"http://127.0.0.1:{port}"
        self.origin = f"https://127.0.0.1:{port}"
        self.address = address
        self.cookies = {}

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Accept-Language": "id",
            "Accept-Encoding": "gzip",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers.update({"Origin": self.origin, "Referer": self.origin + path})
        response = requests.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        for name, value in response.cookies.items():
            self.cookies[name] = value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data):
        return self.request("POST", path, data=data)


def check(condition, message):
    if not condition:
        raise SystemExit(f"SMOKE FAILED: {message}")
    print(f"ok  {message}")


def booking_form(visitor, path):
    page = visitor.get(path)
    check(page.status_code == 200, f"booking page {path} answers 200")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session = re.search(r'name="session" value="(\d+)"', page.text).group(1)
    return token, session


def booking_data(token, session, email_address):
    return {
        "csrfmiddlewaretoken": token,
        "session": session,
        "name": "Ayu Smoke",
        "email": email_address,
        "age_group": "18_plus",
        "contact_channel": "email",
        "privacy_consent": "on",
    }


def arrived(maildir, recipient, deadline=60):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        for path in (maildir / "new").glob("*"):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if recipient in str(message["To"]):
                return message
        time.sleep(0.5)
    return None


DATABASE_AWAY_SECONDS = 6


def restart_database(database_url):
    cluster = os.environ.get("RANGKUL_SMOKE_POSTGRES_CLUSTER", "").split()
    if cluster:
        # Down for a few of the worker's one-second polls, as a real restart or failover is.
        subprocess.run(["pg_ctlcluster", *cluster, "stop"], check=True)  # noqa: S603, S607
        time.sleep(DATABASE_AWAY_SECONDS)
        subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)  # noqa: S603, S607
        return f"PostgreSQL stopped for {DATABASE_AWAY_SECONDS} s and started again"
    with psycopg.connect(database_url, autocommit=True) as connection:
        ended = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    return f"{ended} database connection(s) ended, as a restart ends them"


def wait_until_healthy(visitor, deadline=60):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        with contextlib.suppress(requests.RequestException):
            if visitor.get("/healthz").status_code == 200:
                return True
        time.sleep(0.5)
    return False


def messages_to(maildir, recipient):
    return sum(
        recipient in str(email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"])
        for path in (maildir / "new").glob("*")
    )


def free_times(visitor):
    program = visitor.get(PROGRAM_PAGE)
    return list(dict.fromkeys(re.findall(r'href="(/id/booking/[a-z0-9-]+/\?session=\d+)', program.text)))


def exercise(port, maildir, database_url, worker):
    visitor = Visitor(port)
    home = visitor.get("/id/")
    check(home.status_code == 200, "home page answers 200")
    headers = home.headers
    check("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS is sent")
    policy_header = headers.get("Content-Security-Policy", "")
    check(
        "script-src 'self'" in policy_header and "unsafe-inline" not in policy_header,
        "a Content-Security-Policy without unsafe-inline",
    )
    check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff")
    check(headers.get("Referrer-Policy") == "same-origin", "Referrer-Policy")
    check("camera=()" in headers.get("Permissions-Policy", ""), "Permissions-Policy")
    check(headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"), "frame protection")

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home.text)
    check(stylesheet is not None, "the stylesheet has a hashed name")
    css = visitor.get(stylesheet.group(1))
    check(css.status_code == 200 and css.headers.get("Content-Encoding") == "gzip", "static files compressed")
    check("immutable" in css.headers.get("Cache-Control", ""), "hashed static files cached for good")

    health = visitor.get("/healthz")
    check((health.status_code, health.text) == (200, "ok\n"), "/healthz says ok")

    program = visitor.get(PROGRAM_PAGE)
    check(program.status_code == 200, "program page answers 200")
    time_link = re.search(r'href="(/id/booking/[a-z0-9-]+/\?session=\d+)', program.text)
    check(time_link is not None, "the program page links its next free times")
    booking_path = time_link.group(1).replace("&amp;", "&")
    token, session = booking_form(visitor, booking_path)
    booked = visitor.post(booking_path, booking_data(token, session, "ayu.smoke@contoh.id"))
    check(
        booked.status_code == 302 and booked.headers["Location"].endswith("/booking/confirmed/"),
        "a booking is taken (302 to the confirmation page)",
    )
    message = arrived(maildir, "ayu.smoke@contoh.id")
    check(message is not None, "the confirmation email arrived through SMTP (worker → SMTP sink)")
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    check(len(calendars) == 1 and b"BEGIN:VEVENT" in calendars[0].get_payload(decode=True), "with its .ics")
    body = message.get_body(preferencelist=("plain",)).get_content()
    check(f"https://127.0.0.1:{port}/id/booking/manage/" in body, "its link uses the public base URL")

    check(True, restart_database(database_url))
    check(wait_until_healthy(visitor), "the site answers again after the database came back")
    students = [Visitor(port, address=f"198.51.100.{number}") for number in range(1, 5)]
    times = [path.replace("&amp;", "&") for path in free_times(students[0]) if path != booking_path]
    check(len(times) >= len(students), f"{len(students)} more free times to book")
    for number, (student, path) in enumerate(zip(students, times, strict=False)):
        student_token, student_session = booking_form(student, path)
        answer = student.post(
            path, booking_data(student_token, student_session, f"murid{number}.smoke@contoh.id")
        )
        check(
            answer.status_code == 302, f"student {number + 1} behind the proxy books (own address, own limit)"
        )
    recipients = ["ayu.smoke@contoh.id"] + [
        f"murid{number}.smoke@contoh.id" for number in range(len(students))
    ]
    for recipient in recipients[1:]:
        check(arrived(maildir, recipient) is not None, f"{recipient}: the email arrived after the restart")
    time.sleep(2)  # anything sent twice would have arrived by now
    counts = {recipient: messages_to(maildir, recipient) for recipient in recipients}
    check(set(counts.values()) == {1}, f"every email arrived exactly once ({counts})")
    check(worker.poll() is None, "the same email worker is still running")

    # Every try counts, booked or refused, until the limit answers 429.
    statuses = [
        visitor.post(booking_path, booking_data(token, session, f"burst{number}@contoh.id")).status_code
        for number in range(125)
    ]
    # 60 tries in ten minutes per address, counted in fixed windows: 125 tries fill one window
    # past its ceiling wherever the burst starts (tests/security checks the count).
    check(429 in statuses, f"a burst from one address is refused with 429 (statuses {statuses})")
    refused = visitor.post(booking_path, booking_data(token, session, "lagi@contoh.id"))
    check(
        refused.status_code == 429 and "Terlalu banyak percobaan" in refused.text,
        "the 429 page speaks Indonesian",
    )


def main():
    base_url = os.environ.get("RANGKUL_TEST_POSTGRES_URL")
    if not base_url:
        raise SystemExit(
            "Set RANGKUL_TEST_POSTGRES_URL (a PostgreSQL role that may create databases); .ci/run does."
        )
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise SystemExit("Needs Debian's redis-server (apt-get install redis-server); .ci/run installs it.")
    database_url = fresh_database(base_url)
    web_port, redis_port, smtp_port = free_port(), free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="rangkul-smoke-") as workdir:
        workdir = Path(workdir)
        maildir = workdir / "maildir"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "smoke-only-" + "s" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "RANGKUL_BASE_URL": f"https://127.0.0.1:{web_port}",
            "DJANGO_DEFAULT_FROM_EMAIL": "Rangkul <rangkul@sekolah.example>",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp_port),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "GUNICORN_BIND": f"127.0.0.1:{web_port}",
            "GUNICORN_WORKERS": "2",
            "RANGKUL_PROXY_COUNT": "1",
        }
        log_path = workdir / "processes.log"
        with open(log_path, "w") as log:
            try:
                with (
                    started(
                        [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
                        port=redis_port,
                        log=log,
                    ),
                    started(
                        [
                            sys.executable,
                            "-m",
                            "aiosmtpd",
                            "-n",
                            "-l",
                            f"127.0.0.1:{smtp_port}",
                            "-c",
                            "aiosmtpd.handlers.Mailbox",
                            str(maildir),
                        ],
                        port=smtp_port,
                        log=log,
                    ),
                ):
                    for command in (
                        ["migrate", "--noinput", "-v0"],
                        ["createcachetable", "-v0"],
                        ["collectstatic", "--noinput", "-v0"],
                        ["load_initial_data", "--demo", "-v0"],
                        ["sessions_generate", "-v0"],
                    ):
                        manage(env, *command)
                    with (
                        started(
                            [
                                sys.executable,
                                "-m",
                                "gunicorn",
                                "-c",
                                "config/gunicorn.conf.py",
                                "config.wsgi",
                            ],
                            env=env,
                            port=web_port,
                            log=log,
                        ),
                        started(
                            [
                                sys.executable,
                                "manage.py",
                                "worker",
                                "--backend",
                                "background",
                                "--queue-name",
                                "email",
                            ],
                            env=env,
                            log=log,
                        ) as worker,
                    ):
                        exercise(web_port, maildir, database_url, worker)
            except BaseException:
                log.flush()
                print(log_path.read_text()[-6000:], file=sys.stderr)
                raise
    print("production smoke test passed")


if __name__ == "__main__":
    main()
