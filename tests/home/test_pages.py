import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from programs.models import ProgramIndexPage, ProgramPage

pytestmark = pytest.mark.django_db


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ProgramIndexPage, StandardPage})

    def test_programs_live_under_the_services_index_only(self):
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})
        self.assertAllowedSubpageTypes(ProgramPage, set())
        self.assertAllowedParentPageTypes(ProgramIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})

    def test_standard_pages_nest(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, ProgramPage)

    def test_only_one_services_index_per_home(self):
        home = HomePage.objects.filter(locale__language_code="id").get()
        self.assertFalse(ProgramIndexPage.can_create_at(home))


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific()


def test_every_starter_page_renders_in_both_languages(client):
    pages = list(live_pages())
    languages = {page.locale.language_code for page in pages}
    assert languages == {"id", "en"}
    assert {type(page) for page in pages} == {HomePage, ProgramIndexPage, ProgramPage, StandardPage}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == page.locale.language_code
        assert soup.h1.get_text(strip=True), page.url


def test_crisis_bar_is_on_every_page_in_the_same_order(client):
    orders = set()
    for page in live_pages().filter(locale__language_code="id"):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        bar = soup.select_one("aside.crisis-bar")
        assert bar is not None, page.url
        orders.add(tuple(a["href"] for a in bar.select("a[href^='tel:']")))
    assert orders == {("tel:112", "tel:119,8", "tel:129")}


def test_home_page_shows_the_three_services_from_the_program_pages(client, home_page):
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    card_titles = [a.get_text(strip=True) for a in soup.select(".card--service .card__title a")]
    program_titles = list(
        ProgramPage.objects.filter(locale=home_page.locale).order_by("path").values_list("title", flat=True)
    )
    assert (
        card_titles
        == program_titles
        == ["Dukungan Teman Sebaya", "Bimbingan Konseling", "Layanan Psikososial"]
    )


def test_home_page_routes_people_by_urgency(client, home_page):
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    routes = soup.select(".help-route")
    assert len(routes) == 3
    assert routes[0].select_one("a[href='tel:112']")
    assert routes[1].select_one("a[href*='bimbingan-konseling']")
    assert routes[2].select_one("a[href*='dukungan-teman-sebaya']")


def test_a_changed_program_title_shows_on_the_home_page_cards(client, home_page):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    page.title = "Konseling Sekolah"
    page.save_revision().publish()
    assert "Konseling Sekolah" in client.get(home_page.url).content.decode()


def test_services_index_shows_the_comparison_table(client):
    index = ProgramIndexPage.objects.get(locale__language_code="id")
    soup = BeautifulSoup(client.get(index.url).content, "html.parser")
    table = soup.select_one("table")
    assert table.caption.get_text(strip=True) == "Perbandingan"
    row_headers = [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")]
    assert row_headers == ["Siapa"]


def test_every_program_page_says_it_is_not_an_emergency_service(client):
    for page in ProgramPage.objects.live():
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        notice = soup.select_one(".notice--safety")
        assert notice is not None, page.url
        assert notice.select_one("a[href='tel:112']"), page.url


def test_exit_button_is_a_plain_link_on_flagged_pages_only(client, site):
    flagged = ProgramPage.objects.get(slug="layanan-psikososial")
    unflagged = ProgramPage.objects.get(slug="dukungan-teman-sebaya")
    soup = BeautifulSoup(client.get(flagged.url).content, "html.parser")
    button = soup.select_one("a[data-exit-this-page]")
    assert button is not None
    assert button["href"] == "https://www.bmkg.go.id/"
    assert soup.find("body").find(True, recursive=False)["class"] == ["skip-link"]
    unflagged_soup = BeautifulSoup(client.get(unflagged.url).content, "html.parser")
    assert unflagged_soup.select_one("a[data-exit-this-page]") is None


def test_the_exit_button_switched_on_in_bahasa_indonesia_carries_to_the_english_page(client, site_tree):
    english_peer = ProgramPage.objects.get(slug="peer-support")
    assert not english_peer.show_exit_button
    assert (
        BeautifulSoup(client.get(english_peer.url).content, "html.parser").select_one(
            "a[data-exit-this-page]"
        )
        is None
    )
    indonesian_peer = ProgramPage.objects.get(slug="dukungan-teman-sebaya")
    indonesian_peer.show_exit_button = True
    indonesian_peer.save_revision().publish()
    soup = BeautifulSoup(client.get(english_peer.url).content, "html.parser")
    assert soup.select_one("a[data-exit-this-page]") is not None


def test_menu_marks_the_current_section(client):
    page = ProgramPage.objects.get(slug="layanan-psikososial")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    marked = {a.get_text(strip=True): a["aria-current"] for a in soup.select(".main-nav a[aria-current]")}
    assert marked == {"Layanan Kami": "true"}


def test_breadcrumbs_lead_back_home(client):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Beranda", "Layanan Kami", "Bimbingan Konseling"]


def test_meta_description_and_open_graph_come_from_search_fields(client):
    page = ProgramPage.objects.get(slug="bimbingan-konseling")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.select_one("meta[name=description]")["content"] == page.search_description
    assert soup.select_one("meta[property='og:title']")["content"] == "Bimbingan Konseling"


def test_skip_link_targets_main(client, home_page):
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.select_one("main#main")
