"""Editing a template of individual plans: its header and its rows as one table."""

from __future__ import annotations

from django import forms

from mentoring.forms import SubmitOnceForm
from mentoring.models import MentoringForm, Programme
from pairs.forms.pairs import programme_forms
from pairs.models import PlanTemplate
from pairs.services.plan_templates import MAX_WEEK


class TemplateForm(forms.Form):
    name = forms.CharField(label="Название", max_length=200)
    goal = forms.CharField(
        label="Цель по умолчанию", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TemplateRowForm(forms.Form):
    task = forms.CharField(label="Задача или мероприятие", max_length=500, required=False)
    mentor_action = forms.CharField(
        label="Что делает наставник", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    work_form = forms.CharField(label="Форма работы", max_length=200, required=False)
    week = forms.IntegerField(label="Неделя", min_value=0, max_value=MAX_WEEK, required=False, initial=1)
    expected_result = forms.CharField(
        label="Ожидаемый результат", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


# A posted row count is not trusted beyond the limit: without absolute_max Django would build 1,100 row
# forms for a forged «rows-TOTAL_FORMS» (seconds of work for one request) before refusing it.
TemplateRowFormSet = forms.formset_factory(
    TemplateRowForm, extra=3, max_num=100, validate_max=True, absolute_max=100
)


def rows_formset(template: PlanTemplate, data=None):
    initial = list(
        template.rows.order_by("position", "pk").values(
            "task", "mentor_action", "work_form", "week", "expected_result"
        )
    )
    return TemplateRowFormSet(data, initial=initial, prefix="rows")


class TemplateCreateForm(SubmitOnceForm):
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentoringForm.objects.none())
    name = forms.CharField(label="Название", max_length=200)
    goal = forms.CharField(
        label="Цель по умолчанию", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = (
            programme_forms(programme) if programme else MentoringForm.objects.filter(is_active=True)
        )
