"""Real-browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

Chromium comes from apt (``.ci/run`` installs it; ``playwright install`` cannot download
here) and is kept off the network. Without it these tests are skipped locally; CI sets
RANGKUL_BROWSER_TESTS=1, which turns a missing browser into a failure.
"""

import os
import shutil

import pytest

from tests import clock

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}

# The live server runs in a thread of this process; Playwright's sync API marks the test
# thread as async, so Django's ORM would refuse to run in it otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("RANGKUL_BROWSER_TESTS"):
            pytest.fail(f"RANGKUL_BROWSER_TESTS is set but there is no Chromium at {CHROMIUM}")
        pytest.skip("no Chromium here (apt-get install chromium); CI runs these")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], base_url=live_server.url)
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
            },
        )
        assert results.violations_count == 0, results.generate_report()

    return check


def _page(browser, live_server, viewport, javascript):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], base_url=live_server.url, java_script_enabled=javascript
    )
    page = context.new_page()
    page.runs_javascript = javascript
    return page


# Journeys a student makes on a phone with JavaScript and on a laptop without (and the other way round).
@pytest.fixture(params=[("phone", True), ("desktop", False)], ids=["phone-js", "desktop-no-js"])
def visit(request, browser, live_server):
    page = _page(browser, live_server, *request.param)
    yield page
    page.context.close()


@pytest.fixture(params=[("phone", False), ("desktop", True)], ids=["phone-no-js", "desktop-js"])
def other_visit(request, browser, live_server):
    page = _page(browser, live_server, *request.param)
    yield page
    page.context.close()


@pytest.fixture
def check(axe):
    def run_axe_where_it_can(page):
        if page.runs_javascript:
            axe(page)

    return run_axe_where_it_can


def fill_buddy_signup(page, *, side, first_name, school_class, year):
    """The buddy sign-up questions, as a student (or staff from a paper form) answers them."""
    page.locator("#id_first_name").fill(first_name)
    page.locator("#id_email").fill(f"{first_name.lower()}.{side}@contoh.id")
    page.locator("#id_school_class").fill(school_class)
    page.locator("#id_year").select_option(year)
    page.locator("input[name=age_group][value='13_15']").check()
    page.locator("#id_guardian_name").fill("Ibu Sri")
    page.locator("#id_guardian_contact").fill("sri@contoh.id")
    page.locator("#id_guardian_consent").check()
    page.locator("input[name=languages][value='id']").check()
    page.locator("input[name=free_periods][value='lunch']").check()
    page.locator("input[name=contact_preference][value='at_school']").check()
    if side == "buddy":
        page.locator("#id_motivation").fill("Saya ingin membantu adik kelas.")


def load_starter_content(*, demo=False, weeks_of_sessions=0):
    """The real starter content in a transactional test's emptied database (Wagtail's root page first)."""
    import datetime

    from django.core.management import call_command
    from wagtail.models import Locale, Page

    from booking.services.scheduling import sessions_generate

    if Page.get_first_root_node() is None:
        locale = Locale.objects.get_or_create(language_code="id")[0]
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    call_command("load_initial_data", demo=demo, verbosity=0)
    if weeks_of_sessions:
        now = clock.now()
        sessions_generate(now=now, until=now + datetime.timedelta(weeks=weeks_of_sessions))
