from django.db import migrations

from pairs.reference_data import install_default_templates


def add_templates(apps, schema_editor):
    install_default_templates(
        apps.get_model("mentoring", "MentoringForm"),
        apps.get_model("pairs", "PlanTemplate"),
        apps.get_model("pairs", "PlanTemplateRow"),
    )


class Migration(migrations.Migration):
    dependencies = [("pairs", "0002_plans_meetings"), ("mentoring", "0002_default_forms")]
    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
