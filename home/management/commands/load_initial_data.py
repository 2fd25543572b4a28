"""Create the starter site: pages in Bahasa Indonesia and English, hotlines and settings.

Idempotent: what already exists (even if an editor has changed it) is left alone, so
running it again duplicates and overwrites nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from booking.starter_content import create_booking_starter
from home import starter_content as content
from home.models import HomePage, Hotline, SiteSettings, StandardPage
from programs.models import ProgramIndexPage, ProgramPage

DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "rangkul-admin"  # noqa: S105 - local development only, see RANGKUL_CREATE_DEV_ADMIN
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


class Command(BaseCommand):
    help = "Create the starter pages, hotlines and site settings; skips whatever already exists."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            locales = {
                code: Locale.objects.get_or_create(language_code=code)[0]
                for code, _name in settings.LANGUAGES
            }
            default = locales[settings.LANGUAGE_CODE]
            others = [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE]

            pages = self.create_tree(default, others)
            self.create_hotlines(default, others)
            self.fill_site_settings(pages)
            self.created += create_booking_starter(
                program_pages_by_service={
                    page.service: page for key, page in pages.items() if key.startswith("service-")
                }
            )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Starter content: {self.created} new item(s) created.")
        if getattr(settings, "RANGKUL_CREATE_DEV_ADMIN", False):
            self.ensure_dev_admin()

    def create_tree(self, default, others):
        root = Page.get_first_root_node()
        self.remove_wagtail_welcome_page(root)
        pages = {}
        for locale in [default, *others]:
            code = locale.language_code
            source = pages.get(settings.LANGUAGE_CODE)

            def translated(data, parent, model, key, *, locale=locale, code=code, source=source):
                return self.ensure_page(
                    parent=parent,
                    model=model,
                    fields=data[code],
                    locale=locale,
                    source=source[key] if source else None,
                )

            tree = {"home": translated(content.HOME, root, HomePage, "home")}
            tree["services"] = translated(content.SERVICES_INDEX, tree["home"], ProgramIndexPage, "services")
            for index, service in enumerate(content.SERVICE_PAGES):
                tree[f"service-{index}"] = translated(
                    service, tree["services"], ProgramPage, f"service-{index}"
                )
            for key, page_content in content.STANDARD_PAGES.items():
                tree[key] = translated(page_content, tree["home"], StandardPage, key)
            pages[code] = tree

        site = Site.objects.filter(is_default_site=True).first()
        home = pages[settings.LANGUAGE_CODE]["home"]
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif not isinstance(site.root_page.specific, HomePage):
            site.root_page = home
            site.save()
        return pages[settings.LANGUAGE_CODE]

    def remove_wagtail_welcome_page(self, root):
        """Wagtail's own migration leaves a placeholder page; ours replaces it."""
        for page in root.get_children().exact_type(Page):
            if page.title == WAGTAIL_WELCOME_TITLE and page.is_leaf():
                Site.objects.filter(root_page=page).update(root_page=root)
                page.delete()

    def ensure_page(self, *, parent, model, fields, locale, source):
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
        self.created += 1
        return page

    def create_hotlines(self, default, others):
        for hotline_content in content.HOTLINES:
            shared = {**hotline_content["shared"], "last_verified": content.HOTLINES_VERIFIED}
            source = Hotline.objects.filter(locale=default, number=shared["number"]).first()
            if source is None:
                source = Hotline.objects.create(
                    locale=default, **shared, **hotline_content[default.language_code]
                )
                self.created += 1
            for locale in others:
                if not Hotline.objects.filter(translation_key=source.translation_key, locale=locale).exists():
                    Hotline.objects.create(
                        locale=locale,
                        translation_key=source.translation_key,
                        **shared,
                        **hotline_content[locale.language_code],
                    )
                    self.created += 1

    def fill_site_settings(self, pages):
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        values = {
            **content.SITE_SETTINGS,
            "crisis_page": pages["crisis"],
            "privacy_page": pages["privacy"],
            "safety_page": pages["safety"],
        }
        changed = False
        for name, value in values.items():
            if not getattr(site_settings, name):
                setattr(site_settings, name, value)
                changed = True
        if changed:
            site_settings.save()

    def ensure_dev_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEV_ADMIN_USERNAME).exists():
            user = user_model.objects.create_superuser(
                username=DEV_ADMIN_USERNAME, email="admin@localhost", password=DEV_ADMIN_PASSWORD
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "id-id"
            profile.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Local admin (this copy only): http://127.0.0.1:8000/admin/ — "
                f"username {DEV_ADMIN_USERNAME}, password {DEV_ADMIN_PASSWORD}"
            )
        )
