from django.db import migrations

from mentoring.reference_data import install_default_forms


def add_forms(apps, schema_editor):
    install_default_forms(apps.get_model("mentoring", "MentoringForm"), apps.get_model("mentoring", "RoleVariant"))


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]
    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]
