from django import forms

from mentoring.forms import DateInput
from mentoring.uploads import EVIDENCE, CheckedFileField
from roadmap.models import RoadmapItem
from roadmap.selectors.roadmap import responsible_choices


class ResponsibleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ItemForm(forms.Form):
    title = forms.CharField(label="Мероприятие", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    by_month = forms.BooleanField(
        label="Срок — месяц", required=False, help_text="Снимите отметку, чтобы указать точную дату."
    )
    due_on = forms.DateField(
        label="Срок", widget=DateInput(), help_text="Для срока-месяца подойдёт любой день месяца."
    )
    responsible = ResponsibleChoice(
        label="Ответственный", queryset=None, required=False, empty_label="— не из списка —"
    )
    responsible_name = forms.CharField(
        label="…или впишите",
        max_length=200,
        required=False,
        help_text="Например: «Рабочая группа», «Педагог-психолог».",
    )
    status = forms.ChoiceField(label="Статус", choices=RoadmapItem.Status.choices, required=False)
    result_note = forms.CharField(
        label="Что получилось", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_choices(programme)
        if creating:
            del self.fields["status"], self.fields["result_note"], self.fields["version"]


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label="Документ",
        max_length=300,
        error_messages={"required": "Назовите документ: например, «Приказ № 45 от 01.09.2026»."},
    )
    file = CheckedFileField(policy=EVIDENCE, label="Файл", error_messages={"required": "Выберите файл."})
