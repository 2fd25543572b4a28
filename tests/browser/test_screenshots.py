"""`make screenshots`: the key pages at phone and laptop size, saved under docs/screenshots/ for README.md.

Runs only when RANGKUL_SCREENSHOTS names the folder (the make target sets it), on the
starter content with its demo offerings, so the pictures show the site as `make run` does.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from tests.browser.conftest import load_starter_content

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.empty_site]

FOLDER = os.environ.get("RANGKUL_SCREENSHOTS")


@pytest.mark.skipif(not FOLDER, reason="make screenshots sets RANGKUL_SCREENSHOTS")
def test_screenshots_of_the_key_pages(page, live_server, django_user_model):
    load_starter_content(demo=True, weeks_of_sessions=4)
    folder = Path(FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_name

    def shot(name, path=None):
        if path:
            page.goto(path)
        page.screenshot(
            path=str(folder / f"{name}-{size}.jpg"), type="jpeg", quality=70, full_page=size == "desktop"
        )

    shot("home", "/id/")
    shot("program", "/id/layanan/bimbingan-konseling/")
    first_time = page.locator("#booking a[href*='?session=']").first
    shot("booking-times", first_time.get_attribute("href").split("?")[0])
    page.go_back()
    page.locator("#booking a[href*='?session=']").first.click()
    shot("booking")
    page.locator("#id_name").fill("Ayu")
    page.locator("#id_email").fill("ayu@contoh.id")
    page.locator("input[name=age_group][value='18_plus']").check()
    page.locator("#id_privacy_consent").check()
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/booking/confirmed/"))
    shot("confirmation")
    (link,) = re.findall(r"https?://\S+/booking/manage/\S+/", mail.outbox[-1].body)
    shot("manage", "/" + link.split("/", 3)[3])

    from booking.models import Schedule
    from tests.browser.test_staff_journeys import sign_in

    sign_in(
        page, live_server, django_user_model.objects.create_superuser("koordinator", "k@contoh.invalid", "-")
    )
    page.goto(f"/admin/booking/schedules/edit/{Schedule.objects.order_by('pk').first().pk}/")
    page.locator("select[name=frequency]").evaluate("(element) => element.scrollIntoView({block: 'start'})")
    shot("schedule-editor")
