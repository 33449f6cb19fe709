"""The overview's filters: form and flag."""

from __future__ import annotations

from django import forms

from mentoring.models import MentoringForm, Programme
from pairs.forms.pairs import programme_forms
from pairs.selectors.work import FLAGS
from participants.forms.bases import FilterForm


class OverviewFilterForm(FilterForm):
    form = forms.ModelChoiceField(
        label="Форма", required=False, queryset=MentoringForm.objects.none(), empty_label="Все"
    )
    flag = forms.ChoiceField(
        label="Отметка", required=False, choices=[("", "Все пары")] + [(f.code, f.label) for f in FLAGS]
    )

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["form"].queryset = programme_forms(programme)
