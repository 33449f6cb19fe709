from django import forms

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from participants.selectors.consents import today


class ReplacementForm(forms.Form):
    reason = forms.CharField(
        label="Причина",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Почему нужна замена наставника: что не получается в работе пары.",
        error_messages={"required": "Укажите причину, по которой нужна замена наставника."},
    )
    day = forms.DateField(
        label="Дата заявления",
        widget=DateInput(),
        help_text="Для бумажного заявления — дата, которая на нём стоит.",
        error_messages={"required": "Укажите дату заявления.", "invalid": "Дата в виде ДД.ММ.ГГГГ."},
    )
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, on_behalf: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields[
                "reason"
            ].help_text = "Как в заявлении наставляемого (или его законного представителя)."
            self.initial.setdefault("day", today())
        else:
            # The mentee files today, from their own account.
            del self.fields["day"]
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())


class DecisionForm(forms.Form):
    APPROVE = "approve"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        choices=[(APPROVE, "Удовлетворить"), (DECLINE, "Отклонить")],
        widget=forms.HiddenInput,
        error_messages={"required": "Выберите решение: удовлетворить или отклонить."},
    )
    comment = forms.CharField(
        label="Комментарий к решению",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Обязателен при отказе: наставляемый увидит, почему заявление отклонено.",
    )
    day = forms.DateField(
        label="Дата решения",
        widget=DateInput(),
        error_messages={"required": "Укажите дату решения.", "invalid": "Дата в виде ДД.ММ.ГГГГ."},
    )
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("day", today())
            self.initial.setdefault("submit_token", new_token())

    @property
    def approves(self) -> bool:
        return self.cleaned_data.get("decision") == self.APPROVE
