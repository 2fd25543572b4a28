"""Factories for pages, hotlines and settings, and the small bilingual site most tests start from.

Its text is the tests' own, never the starter content in ``content/``: editing a starter
page cannot break a test about something else.
"""

import datetime
from types import SimpleNamespace

import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from core.models import Hotline, SiteSettings
from home.models import HomePage, StandardPage
from programs.models import ProgramIndexPage, ProgramPage, Service


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Beranda uji"
    intro = "Selamat datang."
    services_heading = "Layanan"
    help_heading = "Butuh bantuan?"
    danger_text = "Dalam bahaya? Hubungi nomor darurat."
    counselor_text = "Bicara dengan konselor."
    peer_text = "Bicara dengan teman sebaya."

    class Meta:
        model = HomePage


class ProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "Layanan Kami"
    intro = "Tiga layanan."
    show_in_menus = True

    class Meta:
        model = ProgramIndexPage


class ProgramPageFactory(wagtail_factories.PageFactory):
    service = Service.COUNSELING
    summary = factory.LazyAttribute(lambda page: f"Ringkasan {page.title}")
    body = factory.LazyFunction(list)

    class Meta:
        model = ProgramPage


class StandardPageFactory(wagtail_factories.PageFactory):
    body = factory.LazyFunction(list)

    class Meta:
        model = StandardPage


class HotlineFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Layanan {n}")
    description = "Untuk siapa saja."
    description_en = "For anyone."
    last_verified = datetime.date(2026, 11, 1)

    class Meta:
        model = Hotline


# key: (factory, parent key, {language: fields})
PAGES = {
    "home": (
        HomePageFactory,
        None,
        {"id": {"slug": "home"}, "en": {"slug": "home-en", "title": "Test home"}},
    ),
    "services": (
        ProgramIndexPageFactory,
        "home",
        {
            "id": {
                "slug": "layanan",
                "title": "Layanan Kami",
                "comparison": [
                    (
                        "table",
                        {
                            "caption": "Perbandingan",
                            "table": {
                                "first_row_is_table_header": True,
                                "first_col_is_header": True,
                                "data": [["", "Teman", "Konselor"], ["Siapa", "Teman seusia", "Profesional"]],
                            },
                        },
                    )
                ],
            },
            "en": {"slug": "services", "title": "Our Services"},
        },
    ),
    "peer": (
        ProgramPageFactory,
        "services",
        {
            "id": {
                "slug": "dukungan-teman-sebaya",
                "title": "Dukungan Teman Sebaya",
                "service": Service.PEER,
            },
            "en": {"slug": "peer-support", "title": "Peer Support", "service": Service.PEER},
        },
    ),
    "counseling": (
        ProgramPageFactory,
        "services",
        {
            "id": {
                "slug": "bimbingan-konseling",
                "title": "Bimbingan Konseling",
                "search_description": "Konseling individu dan kelompok.",
            },
            "en": {"slug": "guidance-counseling", "title": "Guidance & Counseling"},
        },
    ),
    "psychosocial": (
        ProgramPageFactory,
        "services",
        {
            "id": {
                "slug": "layanan-psikososial",
                "title": "Layanan Psikososial",
                "service": Service.PSYCHOSOCIAL,
                "show_exit_button": True,
            },
            "en": {
                "slug": "psychosocial-services",
                "title": "Psychosocial Services",
                "service": Service.PSYCHOSOCIAL,
                "show_exit_button": True,
            },
        },
    ),
    "privacy": (
        StandardPageFactory,
        "home",
        {
            "id": {"slug": "privasi", "title": "Kebijakan privasi"},
            "en": {"slug": "privacy", "title": "Privacy notice"},
        },
    ),
    "crisis": (
        StandardPageFactory,
        "home",
        {
            "id": {"slug": "darurat", "title": "Bantuan darurat"},
            "en": {"slug": "crisis", "title": "Crisis help"},
        },
    ),
    "safety": (
        StandardPageFactory,
        "home",
        {
            "id": {"slug": "aman", "title": "Aman di internet"},
            "en": {"slug": "safety", "title": "Staying safe"},
        },
    ),
}
# The English pages' own text, so that an English page holds no Indonesian.
ENGLISH_TEXT = {
    HomePageFactory: {
        "intro": "Welcome.",
        "services_heading": "Services",
        "help_heading": "Need help?",
        "danger_text": "In danger? Call an emergency number.",
        "counselor_text": "Talk to a counselor.",
        "peer_text": "Talk to a peer.",
    },
    ProgramIndexPageFactory: {"intro": "Three services."},
}

# number, extension, WhatsApp, in the crisis bar, Indonesian name, English name
HOTLINES = [
    ("112", "", "", True, "Darurat", "Emergency"),
    ("110", "", "", False, "Polisi", "Police"),
    ("119", "8", "", True, "Kesehatan jiwa", "Mental health"),
    ("129", "", "0811-1129-129", True, "SAPA", "SAPA"),
]


def build_site():
    """Home, services index, three program pages and three standard pages in Indonesian and English,
    four hotlines and the site settings that link them. Returns ``tree.id.<key>``, ``tree.en.<key>``."""
    indonesian, _created = Locale.objects.get_or_create(language_code="id")
    english, _created = Locale.objects.get_or_create(language_code="en")
    # A transactional test empties every table, Wagtail's root page included.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=indonesian)
    )
    Site.objects.all().delete()
    for welcome_page in root.get_children():  # Wagtail's own placeholder
        welcome_page.delete()
    tree = SimpleNamespace(id=SimpleNamespace(), en=SimpleNamespace())
    for locale in (indonesian, english):
        pages = getattr(tree, locale.language_code)
        for key, (page_factory, parent_key, fields) in PAGES.items():
            parent = getattr(pages, parent_key) if parent_key else root
            language_fields = {**fields[locale.language_code], "locale": locale}
            if locale is english:
                language_fields["translation_key"] = getattr(tree.id, key).translation_key
                language_fields = {**ENGLISH_TEXT.get(page_factory, {}), **language_fields}
                if page_factory is ProgramPageFactory:
                    language_fields.setdefault("summary", f"About {language_fields['title']}")
            setattr(pages, key, page_factory(parent=parent, **language_fields))
    tree.site = Site.objects.create(
        hostname="localhost", port=80, root_page=tree.id.home, is_default_site=True
    )
    for order, (number, extension, whatsapp, in_bar, name, name_en) in enumerate(HOTLINES):
        HotlineFactory(
            number=number,
            extension=extension,
            whatsapp=whatsapp,
            show_in_crisis_bar=in_bar,
            sort_order=order,
            name=name,
            name_en=name_en,
        )
    SiteSettings.objects.create(
        site=tree.site,
        organisation_name="Rangkul",
        counselor_name="Ibu Ratna",
        counselor_phone="0812-5550-0142",
        counselor_hours="Senin–Jumat, 07.30–15.00 WIB",
        counselor_hours_en="Monday to Friday, 07:30–15:00 WIB",
        footer_text="Layanan ini bukan layanan darurat.",
        footer_text_en="This is not an emergency service.",
        crisis_page=tree.id.crisis,
        privacy_page=tree.id.privacy,
        safety_page=tree.id.safety,
    )
    return tree
