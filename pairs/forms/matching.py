"""The form under the draft of «подобрать пары»: the period of the new pairs and the rows to accept."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from mentoring.forms import DateInput
from mentoring.models import Programme, RoleVariant
from mentoring.params import int_params
from mentoring.submissions import new_token
from participants.selectors.consents import today

STALE = "Подбор устарел или повреждён: откройте «Подбор пар» заново."


def parse_rows(values: list[str]) -> list[tuple[int, int, int]]:
    """«mentee_id:mentor_id:form_id» values as the page posts them → id triples, in their order."""
    rows = []
    for value in values:
        ids = int_params(value.split(":"))
        if len(ids) != 3 or len(value.split(":")) != 3:
            raise ValidationError(STALE)
        rows.append((ids[0], ids[1], ids[2]))
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
        # The order prints every pair's role variant: one choice per form for the accepted rows,
        # from one query.
        self._variants: dict[int, RoleVariant] = {}
        by_form: dict[int, list[RoleVariant]] = {}
        variants = RoleVariant.objects.filter(form__in=programme.forms.all()).select_related("form")
        for variant in variants.order_by("form__order", "order", "pk"):
            self._variants[variant.pk] = variant
            by_form.setdefault(variant.form_id, []).append(variant)
        self.variant_fields = []
        for choices in by_form.values():
            name = f"variant_{choices[0].form_id}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"Вариант ролевой модели: {choices[0].form.name}",
                choices=[("", "— выбрать позже на странице пары —")] + [(v.pk, v.name) for v in choices],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.variant_fields.append(self[name])

    def variants(self) -> dict[int, RoleVariant]:
        """Form id → the variant chosen for its accepted pairs."""
        chosen = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("variant_") and value is not None:
                chosen[int(name.removeprefix("variant_"))] = self._variants[value]
        return chosen

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
