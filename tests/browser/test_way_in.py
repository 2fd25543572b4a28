"""A way in, as a student would find it: which help fits, ask to be contacted, report bullying.

Phone and laptop, with and without JavaScript; axe checks every step where JavaScript runs
(it is JavaScript itself; the pages are the same without it, which only loses enhancements)."""

import itertools
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from support.models import HelpRequest
from tests.browser.conftest import load_starter_content
from tests.browser.test_staff_journeys import sign_in
from tests.roles import roles_as_migrated

pytestmark = pytest.mark.django_db(transaction=True)


def answers_to_each_kind():
    """For each kind of help, the first answers (as labels) that make it the suggestion shown."""
    from support.chooser import suggestion_order
    from support.models import HelpChooser

    chooser = HelpChooser.load()
    questions, suggestions = list(chooser.questions), list(chooser.suggestions)
    paths = {}
    for answers in itertools.product(*(range(len(block.value["answers"])) for block in questions)):
        best = suggestion_order(questions, suggestions, list(answers))[0].value
        paths.setdefault(
            best["title"],
            [
                block.value["answers"][answer]["label"]
                for block, answer in zip(questions, answers, strict=True)
            ],
        )
    return paths


def test_which_help_fits_leads_to_each_suggestion_and_to_the_crisis_numbers(visit, check):
    load_starter_content()
    visit.goto("/id/")
    with visit.expect_navigation():
        visit.get_by_role("link", name="Bantuan mana yang cocok untukku?").first.click()
    check(visit)
    visit.get_by_role("button", name="Ya, atau aku tidak yakin").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Cari bantuan sekarang")
    expect(visit.locator("main .hotline-card").first).to_be_visible()
    check(visit)

    paths = answers_to_each_kind()
    assert len(paths) == 6
    for title, labels in paths.items():
        visit.goto("/id/help/which/")
        visit.get_by_role("button", name="Tidak", exact=True).click()
        for number, label in enumerate(labels, start=1):
            expect(visit.locator(".chooser__step")).to_contain_text(f"Pertanyaan {number} dari {len(labels)}")
            if number == 1 and title == next(iter(paths)):
                check(visit)
            visit.get_by_role("button", name=label, exact=True).click()
        expect(visit.locator(".chooser__best .notice__title")).to_have_text(title)
        next_step = visit.locator(".chooser__best a.button")
        address = next_step.get_attribute("href")
        next_step.click()
        visit.wait_for_url(re.compile(re.escape(address) + "$"))
    check(visit)


def test_an_urgent_request_reaches_the_counselors_at_once_and_its_link_works(
    other_visit, check, django_user_model
):
    load_starter_content()
    roles_as_migrated()
    counselor = django_user_model.objects.create_user(
        username="konselor", email="bk@sekolah.sch.id", password="pw"
    )
    from django.contrib.auth.models import Group

    counselor.groups.add(Group.objects.get(name="Counselor"))
    page = other_visit
    page.goto("/id/layanan/bimbingan-konseling/")
    with page.expect_navigation():
        page.get_by_role("link", name="Minta dihubungi").first.click()
    check(page)
    page.get_by_label("Untuk diriku sendiri").check()
    page.get_by_label("Perasaanku (stres, cemas, sedih)").check()
    page.get_by_label("Hal yang ingin kamu sampaikan").fill("Aku tidak bisa tidur karena ujian")
    page.get_by_label("Ini mendesak").check()
    page.get_by_label("Nama atau nama panggilanmu").fill("Sekar")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Alamat email atau nomormu").fill("sekar@contoh.id")
    page.get_by_label("Tolong jangan hubungi orang tua atau waliku").check()
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.get_by_role("heading", name="Pesanmu sudah kami terima")).to_be_visible()
    # The crisis numbers come first on the page after an urgent request.
    expect(page.locator("main aside.notice--safety").first).to_be_visible()
    check(page)

    assert sorted(message.to[0] for message in mail.outbox) == ["bk@sekolah.sch.id", "sekar@contoh.id"]
    for message in mail.outbox:
        assert "ujian" not in message.body and "stres" not in message.body.lower()
    (link,) = re.findall(
        r"https?://\S+/help/status/\S+/", next(m for m in mail.outbox if m.to == ["sekar@contoh.id"]).body
    )
    page.goto("/" + link.split("/", 3)[3])
    expect(page.get_by_text("Sekarang:")).to_contain_text("Diterima")
    assert "ujian" not in page.content()
    check(page)


def test_an_anonymous_bullying_report_is_seen_by_the_safety_team_and_no_counselor(
    visit, check, live_server, django_user_model
):
    from django.contrib.auth.models import Group

    load_starter_content()
    roles_as_migrated()
    member = django_user_model.objects.create_user(
        username="tppk", email="tppk@sekolah.sch.id", password="pw"
    )
    member.groups.add(Group.objects.get(name="School safety team (TPPK)"))
    counselor = django_user_model.objects.create_user(
        username="konselor", email="bk@sekolah.sch.id", password="pw"
    )
    counselor.groups.add(Group.objects.get(name="Counselor"))

    page = visit
    page.goto("/id/layanan/")
    with page.expect_navigation():
        page.get_by_role("link", name="Laporkan perundungan atau kekerasan").first.click()
    check(page)
    page.get_by_label("Terjadi pada orang lain, dan aku melihat atau mendengarnya").check()
    page.get_by_label("Apa yang terjadi, di mana dan kapan").fill("Adik kelas dipukul di kantin setiap Jumat")
    page.get_by_label("Kirim laporan ini tanpa namaku").check()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_text("tanpa namamu")).to_be_visible()
    status_link = page.locator("main a[href*='/help/status/']").get_attribute("href")
    check(page)
    report = HelpRequest.objects.get()
    assert (
        report.is_anonymous
        and report.contact == ""
        and [m.to for m in mail.outbox] == [["tppk@sekolah.sch.id"]]
    )

    sign_in(page, live_server, member)
    page.goto("/admin/requests/")
    check(page)
    page.locator("table.listing a").first.click()
    expect(page.get_by_text("Adik kelas dipukul di kantin setiap Jumat")).to_be_visible()
    check(page)
    # The admin speaks the browser's language (English here).
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("The request is assigned.")).to_be_visible()
    page.get_by_label("Contacted").check()
    page.get_by_role("button", name="Save").click()
    # Wait for the page after the redirect: a request still reading the session would lock its table.
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    report.refresh_from_db()
    assert report.assigned_to == member and report.status == "contacted"

    sign_in(page, live_server, counselor)
    page.goto("/admin/requests/")
    assert "Jumat" not in page.content() and page.locator("table.listing").count() == 0
    response = page.goto(f"/admin/requests/{report.pk}/")
    assert response.status == 404

    page.context.clear_cookies()
    page.goto("/" + status_link.split("/", 3)[3])  # shown in full, at the site's public address
    expect(page.get_by_text("Sekarang:")).to_contain_text("Seseorang akan menghubungimu")
