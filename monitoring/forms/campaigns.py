"""Launching a campaign: which questionnaire, for whom, over which dates."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.forms import SelectMultiple

from mentoring.forms import DateInput, SubmitOnceForm
from mentoring.models import Programme
from monitoring.models import Campaign
from monitoring.selectors.campaigns import launchable_questionnaires
from pairs.models import Pair
from participants.selectors.consents import today


class QuestionnaireChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_stage_display()} · {obj.get_respondent_display()} · {obj}"


class PairChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} — {obj.mentor.person.full_name} ({obj.form.name})"


class CampaignForm(SubmitOnceForm):
    questionnaire = QuestionnaireChoice(label="Анкета", queryset=None, empty_label="— выберите анкету —")
    title = forms.CharField(
        label="Название опроса",
        max_length=300,
        required=False,
        help_text="Пусто — как у анкеты. Отвечающие видят это название.",
    )
    phase = forms.ChoiceField(
        label="Замер (для второго этапа)",
        choices=Campaign.Phase.choices,
        required=False,
        help_text="Вход — в начале работы пар, выход — в конце; отчёт сравнивает одних и тех же людей.",
    )
    opens_on = forms.DateField(label="Начало приёма ответов", widget=DateInput())
    closes_on = forms.DateField(label="Окончание приёма ответов", widget=DateInput())
    forms = forms.ModelMultipleChoiceField(
        label="Формы наставничества", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    pairs = PairChoices(
        label="Только эти пары и группы",
        queryset=None,
        required=False,
        widget=SelectMultiple(attrs={"size": 8}),
        help_text="Ничего не выбрано — все работающие пары выбранных форм.",
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = launchable_questionnaires(programme)
        self.fields["forms"].queryset = programme.forms.order_by("order")
        self.fields["forms"].error_messages["required"] = "Выберите хотя бы одну форму наставничества."
        self.fields["pairs"].queryset = (
            Pair.objects.filter(programme=programme, status__in=(Pair.Status.ACTIVE, Pair.Status.COMPLETED))
            .select_related("mentor__person", "form")
            .order_by("form__order", "pk")
        )
        if not self.is_bound:
            self.initial.setdefault("opens_on", today())
            self.initial.setdefault("closes_on", today() + timedelta(days=14))
            self.initial.setdefault("forms", list(programme.forms.all()))
