"""Hotlines become one row each: the number is one fact; only the texts have an English variant.

Each English translation's texts move onto its Indonesian row, which keeps the number,
WhatsApp and website; rows in other languages are then removed.
"""

from django.conf import settings
from django.db import migrations, models


def merge_translations(apps, schema_editor):
    hotline = apps.get_model("core", "Hotline")
    default_language = settings.LANGUAGE_CODE
    for source in hotline.objects.filter(locale__language_code=default_language):
        english = hotline.objects.filter(translation_key=source.translation_key, locale__language_code="en").first()
        if english is not None:
            source.name_en = english.name
            source.hours_en = english.hours
            source.description_en = english.description
            source.save(update_fields=["name_en", "hours_en", "description_en"])
    hotline.objects.exclude(locale__language_code=default_language).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_rename_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="hotline",
            name="description_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="short description (English)"),
        ),
        migrations.AddField(
            model_name="hotline",
            name="hours_en",
            field=models.CharField(blank=True, help_text="e.g. 24 hours", max_length=80, verbose_name="hours (English)"),
        ),
        migrations.AddField(
            model_name="hotline",
            name="name_en",
            field=models.CharField(blank=True, max_length=120, verbose_name="name (English)"),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="counselor_hours_en",
            field=models.CharField(blank=True, max_length=120, verbose_name="school counselor's hours (English)"),
        ),
        migrations.AlterField(
            model_name="hotline",
            name="hours",
            field=models.CharField(blank=True, help_text="e.g. 24 jam", max_length=80, verbose_name="hours"),
        ),
        migrations.RunPython(merge_translations, migrations.RunPython.noop),
        migrations.AlterUniqueTogether(name="hotline", unique_together=set()),
        migrations.RemoveField(model_name="hotline", name="locale"),
        migrations.RemoveField(model_name="hotline", name="translation_key"),
    ]
