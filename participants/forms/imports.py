"""The upload form of the Excel import."""

from __future__ import annotations

from django import forms

from participants.importing import MAX_FILE_SIZE_LABEL, FileProblem, read_bytes
from participants.models import ImportUpload

KIND_CHOICES = [("", "Определить по столбцам"), *ImportUpload.Kind.choices]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Файл Excel (.xlsx)",
        help_text=f"Книга Excel .xlsx не больше {MAX_FILE_SIZE_LABEL}: первая строка таблицы — заголовки столбцов.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    kind = forms.ChoiceField(label="Что в файле", choices=KIND_CHOICES, required=False)

    def clean_file(self):
        file = self.cleaned_data["file"]
        try:
            read_bytes(file)
        except FileProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return file
