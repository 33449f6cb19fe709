"""Forms of the plan pages: starting a plan, its goal, a row, a mentee's proposal, a decision, a comment.
The services check the rules; the forms only the types."""

from __future__ import annotations

from django import forms

from mentoring.forms import DateInput, SubmitOnceForm
from pairs.models import PairMember, PlanRow, PlanTemplate


class PlanStartForm(SubmitOnceForm):
    template = forms.ModelChoiceField(
        label="Начать с шаблона",
        queryset=PlanTemplate.objects.none(),
        required=False,
        empty_label="Пустой план — строки добавлю сам(а)",
        help_text="Строки шаблона попадут в план со сроками от начала работы пары; их можно будет изменить.",
    )
    goal = forms.CharField(
        label="Цель",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Пусто — возьмём цель из шаблона.",
    )

    def __init__(self, *args, member: PairMember, templates, **kwargs):
        super().__init__(*args, **kwargs)
        own_form = templates.filter(form=member.pair.form_id)
        self.fields["template"].queryset = own_form
        if not self.is_bound and own_form.exists():
            self.initial.setdefault("template", own_form.first().pk)


class GoalForm(forms.Form):
    goal = forms.CharField(label="Цель", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class RowForm(SubmitOnceForm):
    task = forms.CharField(label="Задача или мероприятие", max_length=500)
    mentor_action = forms.CharField(
        label="Что делает наставник", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    work_form = forms.CharField(
        label="Форма работы", required=False, max_length=200, help_text="Например: консультация, практикум."
    )
    deadline = forms.DateField(label="Срок", required=False, widget=DateInput())
    expected_result = forms.CharField(
        label="Ожидаемый результат", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RowEditForm(RowForm):
    actual_result = forms.CharField(
        label="Фактический результат", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    done = forms.BooleanField(label="Выполнено", required=False)
    done_on = forms.DateField(
        label="Дата выполнения", required=False, widget=DateInput(), help_text="Пусто — сегодня."
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_row(cls, row: PlanRow, data=None) -> RowEditForm:
        initial = {
            name: getattr(row, name)
            for name in (
                "task",
                "mentor_action",
                "work_form",
                "deadline",
                "expected_result",
                "actual_result",
                "done",
                "done_on",
                "version",
            )
        }
        return cls(data, initial=initial)


class ProposeForm(SubmitOnceForm):
    task = forms.CharField(
        label="Что добавить в план", max_length=500, help_text="Например: разобрать задачи к олимпиаде."
    )
    expected_result = forms.CharField(
        label="Чего хотелось бы добиться", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(label="Желаемый срок", required=False, widget=DateInput())


class CommentForm(SubmitOnceForm):
    text = forms.CharField(label="Комментарий", widget=forms.Textarea(attrs={"rows": 3}))
