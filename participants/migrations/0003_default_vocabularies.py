from django.db import migrations

from participants.reference_data import install_default_vocabularies


def add_entries(apps, schema_editor):
    install_default_vocabularies(apps.get_model("participants", "MenteeCategory"), apps.get_model("participants", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_bases")]
    operations = [migrations.RunPython(add_entries, migrations.RunPython.noop)]
