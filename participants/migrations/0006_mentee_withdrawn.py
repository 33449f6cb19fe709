# A withdrawn consent gets its own mentee status: the mentee leaves the waiting list and stays counted.

from django.db import migrations, models

# What the withdrawal leaves behind (participants.services.mentees.withdraw_from_mentee_bases does the same).
OPEN_STATUSES = ("waiting", "in_pair")


def mark_withdrawn(apps, schema_editor):
    """Mentees already pseudonymised before this status existed stopped at «ожидает наставника» (or stay in
    a draft pair): they are withdrawn. A completed programme is a record and keeps its statuses."""
    Mentee = apps.get_model("participants", "Mentee")
    (
        Mentee.objects.filter(person__pseudonymised_at__isnull=False, status__in=OPEN_STATUSES)
        .exclude(programme__status="completed")
        .update(status="withdrawn")
    )


def back_to_waiting(apps, schema_editor):
    # Before this status a withdrawn mentee stayed «ожидает наставника».
    apps.get_model("participants", "Mentee").objects.filter(status="withdrawn").update(status="waiting")


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0003_programme_completion'),
        ('participants', '0005_person_additional_education'),
    ]

    operations = [
        migrations.AlterField(
            model_name='mentee',
            name='status',
            field=models.CharField(choices=[('waiting', 'Ожидает наставника'), ('in_pair', 'В паре или группе'), ('completed', 'Завершил программу'), ('left', 'Выбыл'), ('withdrawn', 'Согласие отозвано')], default='waiting', max_length=20, verbose_name='статус'),
        ),
        migrations.RunPython(mark_withdrawn, back_to_waiting),
    ]
