import re
from datetime import date, datetime

from django import forms

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from participants.models import Mentor, TrainingCourse
from participants.selectors.training import trainable_mentors

SESSION_LINE = re.compile(r"^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*[—–\-:,]?\s*(.*)$")


class MentorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, mentor: Mentor) -> str:
        return f"{mentor.person.full_name} — {mentor.get_stage_display().lower()}"


def parse_sessions(text: str) -> list[tuple[date, str]]:
    """«ДД.ММ.ГГГГ — тема», one session a line; every wrong line is named with its number."""
    sessions, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SESSION_LINE.match(line)
        if not match:
            errors.append(f"Строка {number}: начните с даты в виде ДД.ММ.ГГГГ, затем тема.")
            continue
        try:
            day = datetime.strptime(match.group(1), "%d.%m.%Y").date()
        except ValueError:
            errors.append(f"Строка {number}: такой даты нет ({match.group(1)}).")
            continue
        topic = match.group(2).strip()
        if not topic:
            errors.append(f"Строка {number}: после даты напишите тему занятия.")
            continue
        sessions.append((day, topic))
    if errors:
        raise forms.ValidationError(errors)
    return sessions


class CourseForm(forms.Form):
    name = forms.CharField(label="Название", max_length=300, initial="Школа наставника")
    kind = forms.ChoiceField(
        label="Вид обучения",
        choices=TrainingCourse.Kind.choices,
        initial=TrainingCourse.Kind.PRIMARY,
        help_text="Первичное — до начала работы; вторичное — в процессе работы, по вопросам наставников.",
    )
    format = forms.ChoiceField(
        label="Формат",
        choices=TrainingCourse.Format.choices,
        initial=TrainingCourse.Format.WEEKLY,
        widget=forms.RadioSelect,
        help_text=(
            "4 встречи раз в неделю или двухдневный интенсив — занятия по трём частям обучения "
            "(самоанализ и самопрезентация, коммуникация, этапы программы) составятся сами от даты начала. "
            "Для иного формата перечислите занятия ниже."
        ),
    )
    trainer = forms.CharField(
        label="Кто проводит",
        max_length=300,
        required=False,
        help_text="Куратор, приглашённый эксперт или опытный наставник другой организации.",
    )
    start_date = forms.DateField(label="Дата первого занятия", required=False, widget=DateInput())
    sessions = forms.CharField(
        label="Занятия (для иного формата)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "05.10.2026 — Знакомство и ожидания"}),
        help_text="По одному в строке: дата ДД.ММ.ГГГГ, затем тема.",
    )
    participants = MentorChoices(
        label="Слушатели",
        required=False,
        queryset=Mentor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Наставники, прошедшие собеседование.",
    )
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = trainable_mentors(organisation)
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())

    def clean_sessions(self):
        return parse_sessions(self.cleaned_data.get("sessions") or "")

    def clean(self):
        data = super().clean()
        fmt = data.get("format")
        if fmt in (TrainingCourse.Format.WEEKLY, TrainingCourse.Format.INTENSIVE) and not data.get(
            "start_date"
        ):
            if "start_date" not in self.errors:
                self.add_error("start_date", "Укажите дату первого занятия.")
        if fmt == TrainingCourse.Format.OTHER and not data.get("sessions") and "sessions" not in self.errors:
            self.add_error("sessions", "Перечислите занятия курса: дата и тема, по одному в строке.")
        return data
