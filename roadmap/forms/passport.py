"""The passport's texts and a line of its KPI table with a target for each year."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from mentoring.forms import SubmitOnceForm
from roadmap.models import Indicator
from roadmap.selectors.passport import number

TEXTAREA = {"rows": 4}


class PassportForm(forms.Form):
    curators = forms.CharField(
        label="Куратор(ы) программы",
        max_length=500,
        required=False,
        help_text="ФИО и должность, например: Кузнецова О. Н., заместитель директора по УВР.",
    )
    legal_basis = forms.CharField(
        label="Нормативная основа",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Распоряжения, приказы и положения, на которых стоит программа; каждое с новой строки.",
    )
    target_audience = forms.CharField(
        label="Целевая аудитория",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Кому адресована программа: какие обучающиеся, какие педагоги.",
    )
    tasks = forms.CharField(label="Задачи программы", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    monitoring = forms.CharField(
        label="Как проходит мониторинг и оценка результатов",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    expected_results = forms.CharField(
        label="Ожидаемые результаты", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    partners = forms.CharField(
        label="Партнёры",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Организации и люди, которые помогают программе; если их нет — оставьте пустым.",
    )
    actual_results = forms.CharField(
        label="Фактические результаты",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Заполняется по ходу и по итогам программы; новое утверждение для этого не нужно.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _value_field(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=8,
        decimal_places=1,
        min_value=Decimal(0),
        localize=True,
        error_messages={
            "invalid": "Введите число, например 35 или 12,5.",
            "max_decimal_places": "Достаточно одного знака после запятой.",
            "max_digits": "Слишком большое значение.",
            "max_whole_digits": "Слишком большое значение.",
            "min_value": "Значение не может быть отрицательным.",
        },
        **kwargs,
    )


class IndicatorForm(SubmitOnceForm):
    """A line of the KPI table. The targets are fields ``target_<year>``, one per year of the table,
    and one more pair for a year the table does not have yet."""

    project = forms.CharField(
        label="Проект",
        max_length=200,
        required=False,
        help_text="Национальный или региональный проект, к которому относится показатель, например «Современная школа».",
    )
    title = forms.CharField(label="Показатель", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.ChoiceField(
        label="Как считается",
        choices=Indicator.Measure.choices,
        required=False,
        help_text="Автоматически — по базам наставников и наставляемых и по парам; если так посчитать "
        "нельзя, значение вносится вручную.",
    )
    unit = forms.CharField(label="Единица измерения", max_length=20, initial="%", required=False)
    manual_value = _value_field(
        "Фактическое значение (вручную)", help_text="Только для показателя, который вносится вручную."
    )
    manual_note = forms.CharField(
        label="Откуда взято значение",
        max_length=300,
        required=False,
        help_text="Например: «по журналу обучения наставников на 01.12».",
    )
    extra_year = forms.IntegerField(label="Ещё один год", required=False, min_value=1900, max_value=2200)
    extra_value = _value_field("Цель на этот год")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        self.fields["title"].error_messages["required"] = "Напишите, что показывает показатель."
        self.fields["extra_year"].error_messages.update(
            {
                "invalid": "Укажите год четырьмя цифрами.",
                "min_value": "Укажите год четырьмя цифрами.",
                "max_value": "Укажите год четырьмя цифрами.",
            }
        )
        for year in self.years:
            self.fields[f"target_{year}"] = _value_field(f"Цель на {year} г.")

    @property
    def target_fields(self) -> list:
        return [self[f"target_{year}"] for year in self.years]

    def clean(self):
        data = super().clean()
        year, value = data.get("extra_year"), data.get("extra_value")
        typed_badly = self.has_error("extra_year") or self.has_error("extra_value")
        if (year is None) != (value is None) and not typed_badly:
            self.add_error("extra_year", "Укажите и год, и целевое значение на него.")
        if year is not None and year in self.years:
            self.add_error("extra_year", "Для этого года уже есть поле выше.")
        return data

    def targets(self) -> dict[int, Decimal | None]:
        data = self.cleaned_data
        targets = {year: data.get(f"target_{year}") for year in self.years}
        if data.get("extra_year") is not None and data.get("extra_value") is not None:
            targets[data["extra_year"]] = data["extra_value"]
        return targets

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "project": data["project"],
            "measure": data["measure"],
            "unit": data["unit"],
            "manual_value": data["manual_value"],
            "manual_note": data["manual_note"],
            "targets": self.targets(),
        }


def _typed(value: Decimal | None) -> str:
    """A figure the way a curator types it: «35», «12,5»."""
    return "" if value is None else number(value)


def indicator_initial(indicator: Indicator) -> dict:
    initial = {
        "project": indicator.project,
        "title": indicator.title,
        "measure": indicator.measure,
        "unit": indicator.unit,
        "manual_value": _typed(indicator.manual_value),
        "manual_note": indicator.manual_note,
        "version": indicator.version,
    }
    for target in indicator.targets.all():
        initial[f"target_{target.year}"] = _typed(target.value)
    return initial
