from django import forms

from pairs.models import MemberResult


class ResultForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = forms.ChoiceField(
        label="Итог по запросу",
        choices=MemberResult.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Отметьте, выполнен ли запрос наставляемого."},
    )
    achieved = forms.CharField(
        label="Что достигнуто",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="По запросам наставляемого и пунктам плана: что получилось, чем это подтверждается.",
        error_messages={"required": "Опишите, чего достиг наставляемый: по его запросам и по плану."},
    )


class MenteeWordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    word = forms.CharField(
        label="Моё слово о результатах",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Что получилось, что было самым полезным, что хотелось бы продолжить.",
        error_messages={"required": "Напишите несколько слов: что получилось, что было важным."},
    )
    wants_to_mentor = forms.BooleanField(
        label="Хочу в следующем году сам(а) стать наставником", required=False
    )
