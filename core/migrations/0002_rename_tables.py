from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("home", "0002_hotlines_and_settings_moved_to_core"),
    ]

    operations = [
        migrations.AlterModelTable(name="hotline", table=None),
        migrations.AlterModelTable(name="sitesettings", table=None),
    ]
