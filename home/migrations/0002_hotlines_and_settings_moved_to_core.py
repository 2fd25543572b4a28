from django.db import migrations


class Migration(migrations.Migration):
    """The models now live in ``core`` (see core 0001); their tables stay."""

    dependencies = [
        ("home", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Hotline"),
                migrations.DeleteModel(name="SiteSettings"),
            ],
            database_operations=[],
        ),
    ]
