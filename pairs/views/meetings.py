"""Meetings of a pair or group: the mentor (or the curator on their behalf) plans and records them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors, posted_version
from mentoring.roles import Role
from mentoring.submissions import submit_once
from pairs.forms.meetings import MeetingForm
from pairs.models import Pair
from pairs.selectors.pairs import access_pair
from pairs.selectors.work import access_meeting
from pairs.services import meetings as services

WRITERS = (Role.CURATOR, Role.MENTOR)


def _meetings_url(pair: Pair) -> str:
    return reverse("pair_detail", kwargs={"pair_id": pair.pk}) + "#meetings"


@allow(*WRITERS)
def meeting_create(request, pair_id: int):
    pair = access_pair(request.access, pair_id)
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else {}
    form = MeetingForm(request.POST or None, pair=pair, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            meeting = services.record_meeting(pair=pair, user=request.user, **form.values())
            messages.success(
                request,
                f"{meeting.get_kind_display()} {meeting.get_status_display().lower()}: запись сохранена.",
            )
            return _meetings_url(pair)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/meetings/form.html", {"form": form, "pair": pair})


@allow(*WRITERS)
def meeting_edit(request, meeting_id: int):
    meeting = access_meeting(request.access, meeting_id)
    pair = meeting.pair
    form = MeetingForm(request.POST or None, pair=pair, meeting=meeting)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                meeting=meeting, version=form.cleaned_data["version"] or 0, user=request.user, **form.values()
            )
            messages.success(request, "Встреча сохранена.")
            return redirect(_meetings_url(pair))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request, "pairs/meetings/form.html", {"form": form, "pair": pair, "meeting": meeting, "stale": stale}
    )


@allow(*WRITERS, methods=("POST",))
def meeting_delete(request, meeting_id: int):
    meeting = access_meeting(request.access, meeting_id)
    try:
        services.delete_meeting(meeting=meeting, version=posted_version(request), user=request.user)
        messages.success(request, "Запись о встрече удалена.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_meetings_url(meeting.pair))
