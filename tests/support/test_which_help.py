""" "Which help fits me?" as a student walks it: danger first, one question a screen, one suggestion."""

import re

import pytest
from bs4 import BeautifulSoup

from support.models import HelpChooser

WHICH = "/id/help/which/"


@pytest.fixture
def chooser(site_tree):
    chooser = HelpChooser.load()
    chooser.intro = "Dua pertanyaan singkat."
    chooser.questions = [
        (
            "question",
            {
                "question": "Apa yang terjadi?",
                "question_en": "What is happening?",
                "hint": "",
                "hint_en": "",
                "answers": [
                    {"label": "Sedih", "label_en": "Sad", "points_to": ["counseling"]},
                    {"label": "Dirundung", "label_en": "Bullied", "points_to": ["report"]},
                    {"label": "Baru", "label_en": "New here", "points_to": ["buddy"]},
                ],
            },
        ),
        (
            "question",
            {
                "question": "Dengan siapa?",
                "question_en": "With whom?",
                "hint": "Pilih satu.",
                "hint_en": "",
                "answers": [
                    {"label": "Teman", "label_en": "A peer", "points_to": ["buddy"]},
                    {"label": "Konselor", "label_en": "A counselor", "points_to": ["counseling"]},
                    {"label": "Belum tahu", "label_en": "Not sure", "points_to": ["contact"]},
                ],
            },
        ),
    ]
    suggestion = {"text": "Langkahnya.", "text_en": "", "link_label": "Lanjut", "link_label_en": "Go on"}
    chooser.suggestions = [
        (
            "suggestion",
            {**suggestion, "kind": "report", "title": "Lapor TPPK", "title_en": "Tell TPPK", "page": None},
        ),
        (
            "suggestion",
            {
                **suggestion,
                "kind": "counseling",
                "title": "Konselor",
                "title_en": "",
                "page": site_tree.id.counseling,
            },
        ),
        (
            "suggestion",
            {**suggestion, "kind": "buddy", "title": "Buddy", "title_en": "", "page": site_tree.id.peer},
        ),
        ("suggestion", {**suggestion, "kind": "contact", "title": "Dihubungi", "title_en": "", "page": None}),
    ]
    chooser.save()
    return site_tree


def page_of(response):
    return BeautifulSoup(response.content, "html.parser")


def walk(client, answers, *, language="id"):
    address = f"/{language}/help/which/"
    response = client.post(address, {"danger": "no"})
    chosen = []
    for answer in answers:
        response = client.post(address, {"answers": ",".join(chosen), "answer": answer})
        chosen.append(answer)
    return response


def test_it_first_asks_about_danger_and_yes_shows_the_crisis_numbers_at_once(client, chooser):
    first = page_of(client.get(WHICH))
    assert "bahaya" in first.h1.get_text()
    assert {b["value"] for b in first.select("button[name=danger]")} == {"yes", "no"}
    crisis = page_of(client.post(WHICH, {"danger": "yes"}))
    assert "112" in crisis.select_one("main").get_text()
    assert crisis.select("main .hotline-card")


def test_one_question_a_screen_with_its_number(client, chooser):
    screen = page_of(client.post(WHICH, {"danger": "no"}))
    assert screen.h1.get_text() == "Apa yang terjadi?"
    assert (
        "1" in screen.select_one(".chooser__step").get_text()
        and "2" in screen.select_one(".chooser__step").get_text()
    )
    assert [b.get_text() for b in screen.select("button[name=answer]")] == ["Sedih", "Dirundung", "Baru"]


@pytest.mark.parametrize(
    ("answers", "title", "address"),
    [
        (["0", "1"], "Konselor", "/id/layanan/bimbingan-konseling/"),
        (["2", "0"], "Buddy", "/id/layanan/dukungan-teman-sebaya/"),
        (["1", "1"], "Lapor TPPK", "/id/help/report/"),  # a tie: the editors' order decides
        (["1", "2"], "Lapor TPPK", "/id/help/report/"),
    ],
)
def test_the_answers_lead_to_one_suggestion_and_its_next_step(client, chooser, answers, title, address):
    result = page_of(walk(client, answers))
    assert result.select_one(".chooser__best .notice__title").get_text() == title
    assert result.select_one(".chooser__best a.button")["href"].startswith(address)
    others = [a.get_text() for a in result.select(".chooser__others a")]
    assert title not in others and len(others) == 3


def test_in_english_with_indonesian_where_no_english_was_written(client, chooser):
    result = page_of(walk(client, ["1", "0"], language="en"))
    assert result.select_one(".chooser__best .notice__title").get_text() == "Tell TPPK"
    assert result.select_one(".chooser__best a.button")["href"] == "/en/help/report/"
    assert "Buddy" in [a.get_text() for a in result.select(".chooser__others a")]


def test_back_returns_to_the_previous_question(client, chooser):
    back = page_of(client.post(WHICH, {"answers": "0", "back": "1"}))
    assert back.h1.get_text() == "Apa yang terjadi?"
    assert page_of(client.post(WHICH, {"answers": "", "back": "1"})).select("button[name=danger]")


def test_tampered_answers_are_a_clear_400_with_a_way_to_start_again(client, chooser):
    for answers in ("0,9", "x", "0,1,2"):
        response = client.post(WHICH, {"answers": answers})
        assert response.status_code == 400
        assert page_of(response).select_one(f"a[href='{WHICH}']")


def test_nothing_is_kept_and_no_cookie_is_set(client, chooser):
    response = walk(client, ["0", "1"])
    assert not response.cookies
    assert re.search(r"no-cache|no-store|max-age=0", response["Cache-Control"])


def test_it_is_linked_from_the_home_page_the_services_and_every_program(client, chooser):
    for page in (
        chooser.id.home,
        chooser.id.services,
        chooser.id.peer,
        chooser.id.counseling,
        chooser.id.psychosocial,
    ):
        links = {a["href"] for a in page_of(client.get(page.url)).select("a[href]")}
        assert {WHICH, "/id/help/ask/", "/id/help/report/"} <= links, page.url
