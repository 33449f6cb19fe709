"""Forms of the pair pages: the list's filters, forming and editing a pair or group, ending it."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db.models import Q

from mentoring.forms import DateInput
from mentoring.models import MentoringForm, Programme, RoleVariant
from mentoring.submissions import new_token
from pairs.models import Pair
from pairs.selectors.pairs import open_loads
from participants.forms.bases import FilterForm
from participants.models import Mentee, Mentor
from participants.selectors.consent_records import short_name
from participants.selectors.consents import today


def programme_forms(programme: Programme):
    """The forms a pair of the programme may use: the programme's own, all active ones if none is picked."""
    chosen = programme.forms.all()
    return chosen if chosen.exists() else MentoringForm.objects.filter(is_active=True)


def default_start(programme: Programme, day: date | None = None) -> date:
    """Today, moved into the programme's period (a pair must fit into it)."""
    day = day or today()
    return min(max(day, programme.start_date), programme.end_date - timedelta(days=1))


class PairFilterForm(FilterForm):
    q = forms.CharField(label="ФИО наставника или наставляемого", required=False)
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все")] + Pair.Status.choices)
    kind = forms.ChoiceField(
        label="Пара или группа", required=False, choices=[("", "Все")] + Pair.Kind.choices
    )
    form = forms.ModelChoiceField(
        label="Форма", required=False, queryset=MentoringForm.objects.none(), empty_label="Все"
    )
    mentor = forms.ModelChoiceField(
        label="Наставник", required=False, queryset=Mentor.objects.none(), empty_label="Все"
    )

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["form"].queryset = programme_forms(programme)
            self.fields["mentor"].queryset = (
                Mentor.objects.filter(pairs__programme=programme).select_related("person").distinct()
            )
        self.fields["mentor"].label_from_instance = lambda mentor: mentor.person.full_name


class MentorChoiceField(forms.ModelChoiceField):
    """Ready mentors with their free places: «Соколова И. В. — свободно 1 из 2»."""

    loads: dict[int, int] = {}

    def label_from_instance(self, mentor: Mentor) -> str:
        free = max(mentor.capacity - self.loads.get(mentor.pk, 0), 0)
        details = mentor.person.class_label or mentor.person.position
        label = short_name(mentor.person.full_name) + (f" ({details})" if details else "")
        return f"{label} — свободно {free} из {mentor.capacity}"


class MenteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, mentee: Mentee) -> str:
        details = mentee.person.class_label or mentee.person.position
        return f"{mentee.person.full_name}, {details}" if details else mentee.person.full_name


class PairForm(forms.Form):
    """The fields a pair and a group share; the services check every rule, the form only the types."""

    mentor = MentorChoiceField(
        label="Наставник",
        queryset=Mentor.objects.none(),
        help_text="Только наставники на этапе «Готов к работе»; в скобках — свободные места.",
        error_messages={"invalid_choice": "Выберите наставника из списка готовых к работе."},
    )
    mentees = MenteeChoiceField(
        label="Наставляемые",
        queryset=Mentee.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Для пары — один наставляемый, для группы — несколько (удерживайте Ctrl или ⌘).",
        error_messages={
            "required": "Выберите наставляемого.",
            "invalid_choice": "Наставляемый уже не ожидает наставника: обновите страницу.",
        },
    )
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentoringForm.objects.none())
    variant = forms.TypedChoiceField(
        label="Вариант ролевой модели", required=False, coerce=int, empty_value=None
    )
    name = forms.CharField(
        label="Название группы", required=False, max_length=200, help_text="Только для группы."
    )
    start_date = forms.DateField(label="Начало работы", widget=DateInput())
    planned_end_date = forms.DateField(label="Плановое окончание", widget=DateInput())

    def __init__(self, *args, programme: Programme, mentors, mentees, **kwargs):
        super().__init__(*args, **kwargs)
        mentors = mentors.select_related("person")
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].loads = open_loads(mentors.values_list("pk", flat=True))
        self.fields["mentees"].queryset = mentees.select_related("person")
        available = programme_forms(programme)
        self.fields["form"].queryset = available
        forms_ = list(available)
        self._variants = {v.pk: v for v in RoleVariant.objects.filter(form__in=forms_).select_related("form")}
        grouped = [
            (form.name, [(v.pk, v.name) for v in self._variants.values() if v.form_id == form.pk])
            for form in forms_
        ]
        self.fields["variant"].choices = [("", "— не выбран —")] + [g for g in grouped if g[1]]

    def clean_variant(self) -> RoleVariant | None:
        pk = self.cleaned_data.get("variant")
        return self._variants.get(pk) if pk else None


class PairCreateForm(PairForm):
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="Что формируем", choices=Pair.Kind.choices, initial=Pair.Kind.PAIR, widget=forms.RadioSelect
    )
    field_order = ["kind", "mentor", "mentees", "form", "variant", "name", "start_date", "planned_end_date"]

    def __init__(self, data=None, *args, programme: Programme, organisation, **kwargs):
        mentors = Mentor.objects.filter(organisation=organisation)
        mentees = Mentee.objects.filter(programme=programme)
        if data is None:
            # The choices offered; a posted form takes anyone of the school, so that the service's
            # Russian explanation (not ready, already in a pair…) is shown and a repeated submission
            # still reaches the double-submit guard.
            mentors = mentors.filter(stage=Mentor.Stage.READY)
            mentees = mentees.filter(status=Mentee.Status.WAITING)
        super().__init__(data, *args, programme=programme, mentors=mentors, mentees=mentees, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())
            self.initial.setdefault("start_date", default_start(programme))
            self.initial.setdefault("planned_end_date", programme.end_date)


class PairEditForm(PairForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, pair: Pair, **kwargs):
        programme = pair.programme
        mentors = Mentor.objects.filter(organisation=programme.organisation)
        mentees = Mentee.objects.filter(programme=programme)
        if data is None:  # as in PairCreateForm: offered choices narrow, posted ones checked by the service
            mentors = mentors.filter(Q(stage=Mentor.Stage.READY) | Q(pk=pair.mentor_id))
            mentees = mentees.filter(
                Q(status=Mentee.Status.WAITING) | Q(pk__in=pair.members.values("mentee_id"))
            )
        super().__init__(data, *args, programme=programme, mentors=mentors, mentees=mentees, **kwargs)
        if not pair.is_group:
            del self.fields["name"]
            self.fields["mentees"].label = "Наставляемый"
            self.fields["mentees"].help_text = "В паре — один наставляемый."
        if not self.is_bound:
            self.initial.update(
                version=pair.version,
                mentor=pair.mentor_id,
                mentees=[m.mentee_id for m in pair.members.all()],
                form=pair.form_id,
                variant=pair.variant_id,
                name=pair.name,
                start_date=pair.start_date,
                planned_end_date=pair.planned_end_date,
            )


class CompleteForm(forms.Form):
    end_date = forms.DateField(label="Дата окончания", widget=DateInput())
    results = forms.CharField(
        label="Результаты работы",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Чего достигли наставляемые; это попадёт в базу наставляемых и в отчёт.",
        error_messages={"required": "Опишите результаты работы пары."},
    )


class TerminateForm(forms.Form):
    end_date = forms.DateField(label="Дата прекращения", widget=DateInput())
    reason = forms.CharField(
        label="Причина прекращения",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Укажите причину прекращения."},
    )
