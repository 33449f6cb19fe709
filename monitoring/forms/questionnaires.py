"""Forms of the questionnaire builder and of the characteristics page. They only collect what was typed:
the rules (options, stages, anonymity, frozen sheets) live in the services."""

from __future__ import annotations

from django import forms

from mentoring.forms import SubmitOnceForm
from mentoring.models import MentoringForm, Programme
from monitoring.models import Audience, Characteristic, Question, Questionnaire, Respondent, Stage


def _programme_forms(programme: Programme | None):
    if programme is None:
        return MentoringForm.objects.none()
    return programme.forms.order_by("order", "pk")


class VersionForm(forms.Form):
    """The version of the questionnaire the page was opened with (optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class _QuestionnaireFields(forms.Form):
    title = forms.CharField(label="Название", max_length=300)
    description = forms.CharField(
        label="Вступление для отвечающего",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Его увидят над вопросами: зачем анкета и как отвечать.",
    )
    audience = forms.ChoiceField(
        label="Кого измеряет",
        choices=Audience.choices,
        required=False,
        help_text="Для второго этапа: обучающимся и педагогам задают вопросы о разных характеристиках.",
    )
    is_anonymous = forms.BooleanField(
        label="Анонимная",
        required=False,
        help_text="Никто, включая куратора, не увидит, кто как ответил. На втором этапе анкета не бывает анонимной.",
    )

    # Last in the class body: the field's name hides the module below it.
    forms = forms.ModelMultipleChoiceField(
        label="Формы наставничества",
        queryset=MentoringForm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = _programme_forms(programme)


class QuestionnaireCreateForm(SubmitOnceForm, _QuestionnaireFields):
    stage = forms.TypedChoiceField(label="Этап мониторинга", choices=Stage.choices, coerce=int)
    respondent = forms.ChoiceField(label="Кто отвечает", choices=Respondent.choices)

    field_order = ["title", "stage", "respondent", "audience", "forms", "is_anonymous", "description"]


class QuestionnaireForm(_QuestionnaireFields, VersionForm):
    field_order = ["title", "audience", "forms", "is_anonymous", "description"]

    @classmethod
    def initial_for(cls, questionnaire: Questionnaire) -> dict:
        return {
            "title": questionnaire.title,
            "description": questionnaire.description,
            "audience": questionnaire.audience,
            "forms": list(questionnaire.forms.all()),
            "is_anonymous": questionnaire.is_anonymous,
            "version": questionnaire.version,
        }


class SectionForm(VersionForm):
    title = forms.CharField(label="Название раздела", max_length=300)


class QuestionForm(VersionForm):
    kind = forms.ChoiceField(label="Тип вопроса", choices=Question.Kind.choices, initial=Question.Kind.RATING)
    text = forms.CharField(label="Вопрос", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(label="Пояснение", max_length=500, required=False)
    required = forms.BooleanField(label="Обязательный вопрос", required=False, initial=True)
    choices = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="По одному в строке; нужны для вопросов с выбором одного или нескольких вариантов.",
    )
    min_value = forms.IntegerField(label="Наименьшее число", required=False, help_text="Для вопроса «Число».")
    max_value = forms.IntegerField(label="Наибольшее число", required=False, help_text="Для вопроса «Число».")
    section = forms.ModelChoiceField(
        label="Раздел", queryset=Questionnaire.objects.none(), required=False, empty_label="Без раздела"
    )
    report_role = forms.ChoiceField(
        label="В отчёте",
        choices=Question.Role.choices,
        required=False,
        help_text="Только для свободного ответа: отчёт первого этапа сопоставляет ожидания участников с тем, что получилось.",
    )

    field_order = [
        "kind",
        "text",
        "help_text",
        "required",
        "choices",
        "min_value",
        "max_value",
        "section",
        "report_role",
        "version",
    ]

    def __init__(self, *args, questionnaire: Questionnaire, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = questionnaire.sections.order_by("position", "pk")
        self.locked = bool(question and question.characteristic_id)
        if self.locked:
            # The characteristic decides the kind, the scale and where the question stands.
            for name in ("kind", "required", "choices", "min_value", "max_value", "section", "report_role"):
                del self.fields[name]

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "choices": "\n".join(question.choices or []),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "section": question.section_id,
            "report_role": question.report_role,
            "version": question.questionnaire.version,
        }

    def options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]

    def values(self) -> dict:
        """What the service takes, from the cleaned data."""
        data = self.cleaned_data
        if self.locked:
            return {"text": data["text"], "help_text": data["help_text"]}
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "choices": self.options(),
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "report_role": data["report_role"] or "",
        }


class CharacteristicForm(forms.Form):
    name = forms.CharField(label="Характеристика", max_length=200)
    audience = forms.ChoiceField(label="У кого измеряется", choices=Audience.choices[1:])
    question_text = forms.CharField(
        label="Вопрос в анкете",
        max_length=400,
        help_text="Его зададут дважды: на входе в программу и на выходе.",
    )
    kind = forms.ChoiceField(label="Как измеряется", choices=Characteristic.Kind.choices)
    unit = forms.CharField(
        label="Единица", max_length=40, required=False, help_text="Например: «шт.», «балл»."
    )
    higher_is_better = forms.TypedChoiceField(
        label="Что считать улучшением",
        choices=[("1", "рост — улучшение"), ("0", "снижение — улучшение")],
        coerce=lambda value: value == "1",
        initial="1",
    )
