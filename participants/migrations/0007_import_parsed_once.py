# An upload keeps the rows read from the book and the checked result, never the file nor its name.

from django.db import migrations, models

from participants.storage import private_storage

FOLDER = "imports"


def forget_kept_files(apps, schema_editor):
    """The uploaded books lay in PRIVATE_STORAGE_ROOT/imports/ for ever: delete every one of them. An
    upload never confirmed cannot be checked again without its file, so it goes too (the curator
    uploads the list again); a confirmed one stays in the list of recent uploads."""
    ImportUpload = apps.get_model("participants", "ImportUpload")
    storage = private_storage()
    for upload in ImportUpload.objects.exclude(file=""):
        try:
            storage.delete(upload.file.name)
        except OSError:
            pass
    if storage.exists(FOLDER):
        for name in storage.listdir(FOLDER)[1]:
            try:
                storage.delete(f"{FOLDER}/{name}")
            except OSError:
                pass
    ImportUpload.objects.filter(imported_at__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('participants', '0006_mentee_withdrawn'),
    ]

    operations = [
        migrations.RunPython(forget_kept_files, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='importupload',
            name='file',
        ),
        migrations.RemoveField(
            model_name='importupload',
            name='original_name',
        ),
        migrations.AddField(
            model_name='importupload',
            name='rows',
            field=models.BinaryField(editable=False, null=True, verbose_name='строки списка'),
        ),
        migrations.AddField(
            model_name='importupload',
            name='result',
            field=models.BinaryField(editable=False, null=True, verbose_name='результат проверки'),
        ),
    ]
