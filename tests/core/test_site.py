import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_search_finds_a_program_by_an_indonesian_word(client):
    response = client.get("/id/search/", {"q": "teman"})
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select(".search-results h3 a")]
    assert "Dukungan Teman Sebaya" in titles
    assert all("peer-support" not in a["href"] for a in soup.select(".search-results a"))


def test_search_in_english_finds_english_pages(client):
    soup = BeautifulSoup(client.get("/en/search/", {"q": "counseling"}).content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".search-results h3 a")]
    assert "/en/services/guidance-counseling/" in hrefs
    assert all(href.startswith("/en/") for href in hrefs)


def test_search_with_a_bad_page_number_still_answers(client):
    assert client.get("/id/search/", {"q": "teman", "page": "abc"}).status_code == 200


def test_sitemap_lists_pages_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/id/layanan/bimbingan-konseling/</loc>" in body
    assert "/en/services/guidance-counseling/</loc>" in body
    assert 'hreflang="en" href="http://testserver/en/services/guidance-counseling/"' in body


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_unknown_address_gets_the_friendly_404(client):
    response = client.get("/id/tidak-ada/")
    assert response.status_code == 404
    assert (
        "Halaman tidak ditemukan" in response.content.decode()
        or "Page not found" in response.content.decode()
    )
    assert BeautifulSoup(response.content, "html.parser").select_one("aside.crisis-bar")


def test_500_template_renders_on_its_own_with_emergency_numbers():
    html = render_to_string("500.html", request=RequestFactory().get("/"))
    assert 'href="tel:112"' in html
    assert "Nothing already saved has been lost" in html


def test_first_visit_is_redirected_by_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")["Location"] == "/id/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/id/"


def test_system_checks_and_migrations_are_clean():
    call_command("check", fail_level="WARNING")
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_production_settings_refuse_to_start_without_secrets():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

    env.update(DJANGO_SECRET_KEY="x" * 50)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr
