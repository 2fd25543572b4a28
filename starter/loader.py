"""Load the starter content in ``content/``: pages, hotlines and settings, and (``demo``) bookable offerings.

Idempotent: whatever already exists, even if an editor has changed it, is left alone.
Pages are YAML files with the Indonesian and English text side by side; rich text is
Markdown, turned into HTML here. Files are read in name order, so a parent comes first.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import recurrence
import yaml
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail import blocks
from wagtail.models import Locale, Page, Site

from booking.models import Counselor, Offering, Schedule
from booking.services.closures import closures_add_national_holidays
from buddies.models import BuddyProgram, BuddySignup
from core.models import Hotline, SiteSettings
from home.models import HomePage
from starter.past_term import load_past_term
from support.models import HelpChooser

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
SETTINGS_LINKED_PAGES = {"crisis_page": "crisis", "privacy_page": "privacy", "safety_page": "safety"}


@dataclass
class LoadResult:
    created: int = 0
    pages: dict = field(default_factory=dict)  # key → page in the default language


def read(path):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def markdown_to_html(text):
    return markdown.markdown(text, extensions=["nl2br"])


def block_value(block, raw):
    """A block's stored value from its YAML form; rich text anywhere inside is Markdown."""
    if isinstance(block, blocks.RichTextBlock):
        return markdown_to_html(raw)
    if isinstance(block, blocks.StructBlock):
        return {name: block_value(block.child_blocks[name], value) for name, value in raw.items()}
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item) for item in raw]
    return raw


def page_fields(model, fields):
    """Field values for a page: StreamFields listed as ``- block_type: value``."""
    values = {}
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        if hasattr(model_field, "stream_block"):
            stream = model_field.stream_block
            value = [
                (block_type, block_value(stream.child_blocks[block_type], raw))
                for item in value
                for block_type, raw in item.items()
            ]
        values[name] = value
    return values


def load_starter(*, demo=False):
    result = LoadResult()
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES]
    _load_pages(locales, result)
    _load_hotlines(result)
    _fill_site_settings(result)
    _load_help_chooser(result)
    if demo:
        _load_demo_booking(result)
        _load_demo_buddies(result)
        peer_page = next(page for page in result.pages.values() if getattr(page, "service", None) == "peer")
        result.created += load_past_term(
            read(CONTENT_DIR / "demo" / "past-term.yaml"), peer_page=peer_page, now=timezone.now()
        )
    return result


def _load_pages(locales, result):
    root = Page.get_first_root_node()
    _remove_wagtail_welcome_page(root)
    specs = [read(path) for path in sorted(CONTENT_DIR.glob("pages/*.yaml"))]
    for locale in locales:  # the default language first: translations need their source
        tree = {}
        for spec in specs:
            model = apps.get_model(spec["type"])
            fields = page_fields(model, {**spec.get("shared", {}), **spec[locale.language_code]})
            parent = tree[spec["parent"]] if "parent" in spec else root
            source = result.pages.get(spec["key"])
            tree[spec["key"]] = _ensure_page(
                result, parent=parent, model=model, fields=fields, locale=locale, source=source
            )
        if locale.language_code == settings.LANGUAGE_CODE:
            result.pages = tree
    home = result.pages["home"]
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.save()


def _remove_wagtail_welcome_page(root):
    """Wagtail's own migration leaves a placeholder page; ours replaces it."""
    for page in root.get_children().exact_type(Page):
        if page.title == WAGTAIL_WELCOME_TITLE and page.is_leaf():
            Site.objects.filter(root_page=page).update(root_page=root)
            page.delete()


def _ensure_page(result, *, parent, model, fields, locale, source):
    if source is not None:
        existing = model.objects.filter(translation_key=source.translation_key, locale=locale).first()
    else:
        existing = model.objects.child_of(parent).filter(slug=fields["slug"], locale=locale).first()
    if existing is not None:
        return existing
    page = model(locale=locale, **fields)
    if source is not None:
        page.translation_key = source.translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    result.created += 1
    return page


def _load_hotlines(result):
    data = read(CONTENT_DIR / "hotlines.yaml")
    for fields in data["hotlines"]:
        _hotline, created = Hotline.objects.get_or_create(
            number=fields["number"], defaults={**fields, "last_verified": data["last_verified"]}
        )
        result.created += created


def _fill_site_settings(result):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values = {
        **read(CONTENT_DIR / "site-settings.yaml"),
        **{name: result.pages[key] for name, key in SETTINGS_LINKED_PAGES.items()},
    }
    empty = {name: value for name, value in values.items() if not getattr(site_settings, name)}
    if empty:
        for name, value in empty.items():
            setattr(site_settings, name, value)
        site_settings.save()


def _load_help_chooser(result):
    """The starter questions, unless editors have written their own."""
    chooser = HelpChooser.load()
    if chooser.questions or chooser.suggestions:
        return
    data = read(CONTENT_DIR / "which-help.yaml")
    chooser.intro, chooser.intro_en = data["intro"], data["intro_en"]
    chooser.questions = [("question", question) for question in data["questions"]]
    chooser.suggestions = [
        (
            "suggestion",
            {**suggestion, "page": result.pages[suggestion["page"]] if suggestion.get("page") else None},
        )
        for suggestion in data["suggestions"]
    ]
    chooser.save()
    result.created += 1


def _load_demo_booking(result):
    data = read(CONTENT_DIR / "demo" / "booking.yaml")
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        result.created += closures_add_national_holidays(year=year, now=timezone.now())
    counselors = {}
    for fields in data["counselors"]:
        counselors[fields["name"]], created = Counselor.objects.get_or_create(
            name=fields["name"], defaults=fields
        )
        result.created += created
    program_pages = {page.service: page for page in result.pages.values() if hasattr(page, "service")}
    for spec in data["offerings"]:
        spec = dict(spec)
        schedule, service, counselor = (
            spec.pop("schedule"),
            spec.pop("service"),
            counselors[spec.pop("counselor")],
        )
        if Offering.objects.filter(slug=spec["slug"]).exists():
            continue
        offering = Offering.objects.create(program_page=program_pages[service], **spec)
        offering.counselors.add(counselor)
        Schedule.objects.create(
            offering=offering,
            recurrences=recurrence.deserialize("RRULE:" + schedule["rule"]),
            start_time=schedule["start"],
            end_time=schedule.get("end"),
            valid_from=timezone.localdate(),
            counselor=counselor,
        )
        result.created += 2


def _load_demo_buddies(result):
    data = read(CONTENT_DIR / "demo" / "buddies.yaml")
    peer_page = next(page for page in result.pages.values() if getattr(page, "service", None) == "peer")
    now = timezone.now()
    for spec in data["programs"]:
        if BuddyProgram.objects.filter(slug=spec["slug"]).exists():
            continue
        starts_on = timezone.localdate() + datetime.timedelta(days=spec["starts_in_days"])
        program = BuddyProgram.objects.create(
            program_page=peer_page,
            kind=spec["kind"],
            slug=spec["slug"],
            title=spec["title"],
            title_en=spec["title_en"],
            description=spec["description"],
            description_en=spec["description_en"],
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=spec["lasts_days"]),
            signup_opens=now - datetime.timedelta(days=7),
            signup_closes=now + datetime.timedelta(days=spec["starts_in_days"] - 1),
            mentees_per_buddy=spec["mentees_per_buddy"],
            mentee_year_min=spec["mentee_years"][0],
            mentee_year_max=spec["mentee_years"][1],
            buddy_year_min=spec["buddy_years"][0],
            buddy_year_max=spec["buddy_years"][1],
        )
        result.created += 1
        for side, students in spec["signups"].items():
            for student in students:
                BuddySignup.objects.create(
                    program=program,
                    side=side,
                    email=f"{student['first_name'].lower()}.{program.pk}@contoh.id",
                    age_group="13_15",
                    guardian_name="Orang tua (contoh)",
                    guardian_contact="wali@contoh.id",
                    guardian_consent=True,
                    language="id",
                    privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                    consented_at=now,
                    **student,
                )
                result.created += 1
