"""The year's work plan: a list and a month's calendar. The curator edits; the director and the
mentors read it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from participants.exporting import write_book
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap import exporting_workplan
from roadmap.forms.workplan import EventForm
from roadmap.models import WorkEvent
from roadmap.selectors.workplan import access_event, events_of, month_grid, parse_month, programme_months
from roadmap.services import workplan as services

READERS = (Role.CURATOR, Role.DIRECTOR, Role.MENTOR)
FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "by_month",
    "responsible",
    "responsible_name",
    "participants",
    "note",
)


def _list_url(programme) -> str:
    return f"{reverse('work_plan')}?programme={programme.pk}"


def _programme(request):
    # A mentor reads the current programme only; the keepers may pick another.
    if request.access.role == Role.MENTOR:
        return request.access.programme
    return chosen_programme(request)


@allow(*READERS, methods=("GET",))
def work_plan(request):
    programme = _programme(request)
    status = request.GET.get("status", "")
    return render(
        request,
        "roadmap/workplan/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation)
            if request.access.role != Role.MENTOR
            else [],
            "events": events_of(programme, status=status),
            "status": status,
            "statuses": WorkEvent.Status.choices,
            "can_edit": request.access.role == Role.CURATOR,
        },
    )


@allow(*READERS, methods=("GET",))
def work_plan_month(request):
    programme = _programme(request)
    grid = (
        month_grid(programme, parse_month(request.GET.get("month", ""), programme, today()))
        if programme
        else None
    )
    return render(
        request,
        "roadmap/workplan/month.html",
        {
            "programme": programme,
            "grid": grid,
            "months": programme_months(programme) if programme else [],
            "today": today(),
            "can_edit": request.access.role == Role.CURATOR,
        },
    )


@allow(Role.CURATOR)
def work_event_create(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("work_plan")
    form = EventForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            services.create_event(
                programme=programme, user=request.user, **{name: data[name] for name in FIELDS}
            )
            return _list_url(programme)

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Мероприятие добавлено в план работы.")
            return redirect(url)
    return render(
        request, "roadmap/workplan/form.html", {"form": form, "programme": programme, "creating": True}
    )


@allow(Role.CURATOR)
def work_event_edit(request, event_id: int):
    event = access_event(request.access, event_id)
    initial = {name: getattr(event, name) for name in FIELDS} | {"version": event.version}
    initial["responsible"] = event.responsible_id
    form = EventForm(request.POST or None, initial=initial, programme=event.programme)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_event(
                event=event,
                version=data["version"] or 0,
                user=request.user,
                **{name: data[name] for name in FIELDS},
            )
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Мероприятие сохранено.")
            return redirect(_list_url(event.programme))
    return render(
        request,
        "roadmap/workplan/form.html",
        {"form": form, "event": event, "programme": event.programme, "stale": stale},
    )


@allow(Role.CURATOR, methods=("POST",))
def work_event_status(request, event_id: int):
    event = access_event(request.access, event_id)
    try:
        services.set_event_status(event=event, status=request.POST.get("status", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"«{event.title}»: отметка сохранена.")
    return redirect(_list_url(event.programme))


@allow(Role.CURATOR, methods=("POST",))
def work_event_delete(request, event_id: int):
    event = access_event(request.access, event_id)
    try:
        services.delete_event(event=event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Мероприятие «{event.title}» удалено из плана.")
    return redirect(_list_url(event.programme))


@allow(*READERS, methods=("GET",))
def work_plan_pdf(request):
    programme = _programme(request)
    if programme is None:
        return redirect("work_plan")
    pdf = render_pdf(
        template_name="roadmap/workplan/pdf.html",
        context={"programme": programme, "events": events_of(programme)},
    )
    return pdf_response(pdf, f"План работы — {programme.name}")


@allow(*READERS, methods=("GET",))
def work_plan_xlsx(request):
    programme = _programme(request)
    if programme is None:
        return redirect("work_plan")
    book = write_book(
        title="План работы",
        headers=exporting_workplan.HEADERS,
        rows=exporting_workplan.rows(events_of(programme)),
        widths=exporting_workplan.WIDTHS,
    )
    return xlsx_response(book, f"План работы — {programme.name}.xlsx")
