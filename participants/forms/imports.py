"""The upload form of the Excel import: the book is read here, once, within the bounds of ``limits``."""

from __future__ import annotations

from django import forms

from participants.importing import MAX_FILE_SIZE_LABEL, FileProblem, read_sheet
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
        """The rows of the book go to ``cleaned_data["sheet"]``; the file is not kept anywhere."""
        file = self.cleaned_data["file"]
        try:
            self.cleaned_data["sheet"] = read_sheet(file)
        except FileProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return file
