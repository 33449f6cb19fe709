"""The meeting form: kind, date and time, format, status, topic, notes, who came, which plan rows."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from pairs.models import Meeting, Pair, PairMember, PlanRow
from participants.selectors.consent_records import short_name


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member: PairMember) -> str:
        return member.mentee.person.full_name


class RowChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, row: PlanRow) -> str:
        done = " ✓" if row.done else ""
        return f"{short_name(row.plan.member.mentee.person.full_name)}: {row.position}. {row.task}{done}"


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Вид встречи", choices=Meeting.Kind.choices)
    day = forms.DateField(label="Дата", widget=DateInput())
    at = forms.TimeField(label="Время", widget=TimeInput())
    format = forms.ChoiceField(label="Формат", choices=Meeting.Format.choices)
    status = forms.ChoiceField(label="Статус", choices=Meeting.Status.choices)
    topic = forms.CharField(label="Тема", max_length=300)
    notes = forms.CharField(label="Заметки и итоги", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    mentor_attended = forms.BooleanField(label="Наставник присутствовал", required=False, initial=True)
    attendees = MemberChoices(
        label="Присутствовали",
        queryset=PairMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Отмечается для состоявшейся встречи.",
    )
    plan_rows = RowChoices(
        label="Какие строки плана продвинула встреча",
        queryset=PlanRow.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pair: Pair, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        members = pair.members.select_related("mentee__person").order_by("pk")
        self.fields["attendees"].queryset = members if meeting else members.filter(is_open=True)
        self.fields["plan_rows"].queryset = (
            PlanRow.objects.filter(plan__member__pair=pair, status=PlanRow.Status.ACCEPTED)
            .select_related("plan__member__mentee__person")
            .order_by("plan__member_id", "position", "pk")
        )
        if meeting is not None:
            local = timezone.localtime(meeting.starts_at)
            self.initial.update(
                kind=meeting.kind,
                day=local.date(),
                at=local.time().replace(second=0, microsecond=0),
                format=meeting.format,
                status=meeting.status,
                topic=meeting.topic,
                notes=meeting.notes,
                mentor_attended=meeting.mentor_attended,
                attendees=list(meeting.attendees.values_list("pk", flat=True)),
                plan_rows=list(meeting.plan_rows.values_list("pk", flat=True)),
                version=meeting.version,
            )
            del self.fields["submit_token"]
        elif not self.is_bound:
            self.initial.setdefault("submit_token", new_token())
            self.initial.setdefault("day", timezone.localdate())
            self.initial.setdefault(
                "attendees", list(self.fields["attendees"].queryset.values_list("pk", flat=True))
            )

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["day"], data["at"]))

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "starts_at": self.starts_at(),
            "format": data["format"],
            "status": data["status"],
            "topic": data["topic"],
            "notes": data["notes"],
            "mentor_attended": data["mentor_attended"],
            "attendees": list(data["attendees"]),
            "plan_rows": list(data["plan_rows"]),
        }
