"""The form under the draft of «подобрать пары»: the period of the new pairs and the rows to accept."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from mentoring.forms import DateInput
from mentoring.models import Programme
from mentoring.submissions import new_token
from participants.selectors.consents import today

STALE = "Подбор устарел или повреждён: откройте «Подбор пар» заново."


def parse_rows(values: list[str]) -> list[tuple[int, int, int]]:
    """«mentee_id:mentor_id:form_id» values as the page posts them → id triples, in their order."""
    rows = []
    for value in values:
        parts = value.split(":")
        if len(parts) != 3 or not all(part.isdigit() for part in parts):
            raise ValidationError(STALE)
        rows.append((int(parts[0]), int(parts[1]), int(parts[2])))
    return rows


def default_start(programme: Programme) -> date:
    day = today()
    return day if programme.start_date <= day < programme.end_date else programme.start_date


class AcceptMatchesForm(forms.Form):
    start_date = forms.DateField(label="Начало работы пар", widget=DateInput())
    planned_end_date = forms.DateField(label="Плановое окончание", widget=DateInput())
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        if not self.is_bound:
            self.initial.setdefault("start_date", default_start(programme))
            self.initial.setdefault("planned_end_date", programme.end_date)
            self.initial.setdefault("submit_token", new_token())
        for field in ("start_date", "planned_end_date"):
            self.fields[field].widget.attrs.setdefault("class", "form-control")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end:
            if end <= start:
                self.add_error("planned_end_date", "Плановое окончание должно быть позже начала.")
            elif start < self.programme.start_date or end > self.programme.end_date:
                self.add_error(
                    None,
                    f"Период работы пар должен укладываться в срок программы: {self.programme.period_label}.",
                )
        return data
