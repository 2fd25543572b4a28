"""Hotlines and site settings move from ``home`` to ``core`` without touching their rows.

The tables keep their names here (state only); ``0002`` renames them. Content types move
with the models, so permissions, log entries and settings links stay attached.
"""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ["hotline", "sitesettings"]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="home", model__in=MOVED_MODELS).update(app_label="core")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="core", model__in=MOVED_MODELS).update(app_label="home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("home", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='SiteSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('organisation_name', models.CharField(default='Rangkul', max_length=120, verbose_name='organisation name')),
                    ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email')),
                    ('contact_phone', models.CharField(blank=True, max_length=30, verbose_name='contact phone')),
                    ('address', models.TextField(blank=True, verbose_name='address')),
                    ('counselor_name', models.CharField(blank=True, help_text='The counselor families can contact directly.', max_length=120, verbose_name="school counselor's name")),
                    ('counselor_phone', models.CharField(blank=True, max_length=30, verbose_name="school counselor's phone")),
                    ('counselor_email', models.EmailField(blank=True, max_length=254, verbose_name="school counselor's email")),
                    ('counselor_hours', models.CharField(blank=True, max_length=120, verbose_name="school counselor's hours")),
                    ('footer_text', models.TextField(blank=True, verbose_name='footer text (Bahasa Indonesia)')),
                    ('footer_text_en', models.TextField(blank=True, verbose_name='footer text (English)')),
                    ('exit_url', models.URLField(default='https://www.bmkg.go.id/', help_text='A neutral site, such as a weather forecast, that the exit button leads to.', verbose_name='“Exit this page” address')),
                    ('crisis_page', models.ForeignKey(blank=True, help_text='Linked from the crisis bar on every page.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='crisis resources page')),
                    ('privacy_page', models.ForeignKey(blank=True, help_text='Linked from the footer and from every booking form.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='privacy notice page')),
                    ('safety_page', models.ForeignKey(blank=True, help_text='Linked next to the “Exit this page” button.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='staying safe online page')),
                    ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                ],
                options={
                    'verbose_name': 'site settings',
                    'db_table': 'home_sitesettings',
                },
            ),
            migrations.CreateModel(
                name='Hotline',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                    ('name', models.CharField(max_length=120, verbose_name='name')),
                    ('number', models.CharField(blank=True, help_text='As people dial it, e.g. 112.', max_length=30, verbose_name='phone number')),
                    ('extension', models.CharField(blank=True, help_text='Number to press after calling.', max_length=10, verbose_name='extension')),
                    ('whatsapp', models.CharField(blank=True, help_text='e.g. 0811-1129-129', max_length=30, verbose_name='WhatsApp number')),
                    ('website', models.URLField(blank=True, verbose_name='website')),
                    ('hours', models.CharField(blank=True, help_text='e.g. 24 hours', max_length=80, verbose_name='hours')),
                    ('description', models.CharField(help_text='Who it is for, in a few words.', max_length=200, verbose_name='short description')),
                    ('last_verified', models.DateField(help_text='The date someone last checked this number works.', verbose_name='last verified')),
                    ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ('show_in_crisis_bar', models.BooleanField(default=False, help_text='The crisis bar at the top of every page shows these, in this order.', verbose_name='show in the crisis bar')),
                    ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ],
                options={
                    'verbose_name': 'hotline',
                    'verbose_name_plural': 'hotlines',
                    'ordering': ['sort_order', 'name'],
                    'abstract': False,
                    'unique_together': {('translation_key', 'locale')},
                    'db_table': 'home_hotline',
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
