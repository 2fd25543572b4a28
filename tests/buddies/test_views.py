import pytest
from bs4 import BeautifulSoup
from django.core import mail

from buddies.models import BuddySignup, Side
from tests.buddies.factories import BuddyProgramFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def program():
    return BuddyProgramFactory(slug="buddy-baru", mentees_per_buddy=2)


def form_data(**overrides):
    data = {
        "first_name": "Andi",
        "email": "andi@contoh.id",
        "school_class": "7A",
        "year": "7",
        "age_group": "13_15",
        "guardian_name": "Ibu Sri",
        "guardian_contact": "sri@contoh.id",
        "guardian_consent": "on",
        "languages": ["id", "jv"],
        "interests": ["sport"],
        "free_periods": ["lunch"],
        "contact_preference": "at_school",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_peer_support_page_links_both_sign_up_forms(client, site_tree, program):
    page = soup(client.get(site_tree.id.peer.url))
    section = page.select_one("#buddy")
    assert section.select_one("a[href='/id/buddy/buddy-baru/mentee/']")
    assert section.select_one("a[href='/id/buddy/buddy-baru/buddy/']")
    english = soup(client.get(site_tree.en.peer.url)).select_one("#buddy")
    assert english.select_one("a[href='/en/buddy/buddy-baru/buddy/']")
    assert "Buddy System" in english.get_text()


def test_a_student_signs_up_for_a_buddy_and_can_withdraw(client, program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/id/buddy/buddy-baru/mentee/", form_data())
    assert response.status_code == 302
    signup = BuddySignup.objects.get()
    assert (signup.side, signup.languages, signup.language) == (Side.MENTEE, ["id", "jv"], "id")
    confirmation = soup(client.get(response["Location"]))
    assert "andi@contoh.id" in confirmation.select_one("main").get_text()
    # The link travels by email only: the page looks the same for an address already signed up.
    assert signup.manage_token not in str(confirmation)
    assert f"/id/buddy/manage/{signup.manage_token}/" in mail.outbox[-1].body
    manage = f"/id/buddy/manage/{signup.manage_token}/"
    assert client.post(manage, {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(manage, {"confirm": "on"}).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "withdrawn"
    assert len(mail.outbox) == 2


def test_buddies_answer_more_and_errors_stay_next_to_their_fields(client, program):
    page = soup(client.get("/id/buddy/buddy-baru/buddy/"))
    assert page.select_one("#id_motivation") and page.select_one("#id_training_completed")
    assert soup(client.get("/id/buddy/buddy-baru/mentee/")).select_one("#id_motivation") is None
    response = client.post("/id/buddy/buddy-baru/buddy/", form_data(year="8", motivation="", languages=None))
    assert response.status_code == 400
    page = soup(response)
    links = {a["href"] for a in page.select(".error-summary a")}
    assert {"#id_motivation", "#id_languages_0"} <= links
    assert page.select_one("#id_first_name")["value"] == "Andi"
    assert not BuddySignup.objects.exists()


def test_the_sign_up_form_kept_for_every_visitor_follows_program_edits_and_language(client, program):
    def years(url):
        return [
            option["value"] for option in soup(client.get(url)).select("#id_year option") if option["value"]
        ]

    assert years("/id/buddy/buddy-baru/mentee/") == ["7"]
    assert years("/id/buddy/buddy-baru/buddy/") == ["8", "9"]
    program.mentee_year_max = 8
    program.save()
    assert years("/id/buddy/buddy-baru/mentee/") == ["7", "8"]
    assert (
        soup(client.get("/en/buddy/buddy-baru/mentee/"))
        .select_one("label[for=id_first_name]")
        .get_text(strip=True)
        .startswith("Your first name")
    )


def test_signing_up_again_with_an_address_answers_like_a_new_sign_up_and_tells_that_address(
    program, django_capture_on_commit_callbacks
):
    from django.test import Client

    first, second = Client(), Client()
    with django_capture_on_commit_callbacks(execute=True):
        new = first.post("/id/buddy/buddy-baru/mentee/", form_data())
        again = second.post(
            "/id/buddy/buddy-baru/mentee/", form_data(first_name="Orang lain", email="ANDI@contoh.id")
        )
    assert (new.status_code, new["Location"]) == (again.status_code, again["Location"])
    pages = [
        soup(browser.get("/id/buddy/confirmed/")).select_one("main").get_text() for browser in (first, second)
    ]
    assert pages[0] == pages[1].replace("ANDI@contoh.id", "andi@contoh.id")
    assert BuddySignup.objects.count() == 1
    told = mail.outbox[-1]
    assert told.to == ["andi@contoh.id"] and "sudah terdaftar" in told.body and "Orang lain" not in told.body


def test_a_full_side_says_so_and_what_to_do_instead(client, site_tree):
    BuddyProgramFactory(slug="penuh", buddy_places=0)
    page = soup(client.get("/id/buddy/penuh/buddy/"))
    assert page.select_one("form.booking-form") is None
    assert "penuh" in page.get_text()
    assert page.select_one(f"a[href='{site_tree.id.peer.url}']")
    assert page.select_one(".notice--safety a[href='tel:112']")


def test_unknown_program_or_side_is_404(client, program):
    assert client.get("/id/buddy/tidak-ada/").status_code == 404
    assert client.get("/id/buddy/buddy-baru/kakak/").status_code == 404
