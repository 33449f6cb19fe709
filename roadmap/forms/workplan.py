from django import forms

from mentoring.forms import DateInput, SubmitOnceForm
from roadmap.forms.roadmap import ResponsibleChoice
from roadmap.selectors.roadmap import responsible_choices


class EventForm(SubmitOnceForm):
    title = forms.CharField(label="Мероприятие", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    by_month = forms.BooleanField(
        label="В течение месяца", required=False, help_text="Без точной даты: в плане будет стоять месяц."
    )
    starts_on = forms.DateField(label="Дата или начало", widget=DateInput())
    ends_on = forms.DateField(
        label="Окончание", widget=DateInput(), required=False, help_text="Для многодневных."
    )
    responsible = ResponsibleChoice(
        label="Ответственный", queryset=None, required=False, empty_label="— не из списка —"
    )
    responsible_name = forms.CharField(label="…или впишите", max_length=200, required=False)
    participants = forms.CharField(
        label="Участники",
        max_length=300,
        required=False,
        help_text="Например: «наставники и наставляемые 5–8 классов».",
    )
    note = forms.CharField(label="Примечание, итог", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_choices(programme)
