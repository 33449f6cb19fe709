"""Closing the programme (этап 7): what is left to finish, the closing report, the read-only switch;
and starting the next school year's programme from a completed one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.models import Programme
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from pairs.models import PairMember
from participants.views.mentees import chosen_programme
from roadmap.forms.completion import ClosingForm, NextProgrammeForm
from roadmap.services import completion as services

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _closing_url(programme: Programme) -> str:
    return f"{reverse('programme_closing')}?programme={programme.pk}"


def _closing_page(request, programme: Programme | None, *, form: ClosingForm | None = None, status=200):
    if programme is None:
        return render(request, "roadmap/completion/closing.html", {"programme": None})
    completed = programme.is_completed
    return render(
        request,
        "roadmap/completion/closing.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "completed": completed,
            "blockers": [] if completed else services.closing_blockers(programme),
            "next_programmes": list(programme.next_programmes.order_by("start_date")),
            "form": form or ClosingForm(programme=programme),
        },
        status=status,
    )


@allow(*KEEPERS, methods=("GET",))
def programme_closing(request):
    return _closing_page(request, chosen_programme(request))


@allow(*KEEPERS, methods=("POST",))
def programme_complete(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("programme_closing")
    form = ClosingForm(request.POST, programme=programme)
    if not form.is_valid():
        return _closing_page(request, programme, form=form, status=400)
    try:
        services.complete_programme(programme=programme, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Программа «{programme.name}» завершена: теперь она только для чтения.")
    return redirect(_closing_url(programme))


@allow(Role.CURATOR)
def programme_next(request):
    programme = chosen_programme(request)
    if programme is None or not programme.is_completed:
        # Explained on the page: the next year starts from a completed programme only.
        return render(request, "roadmap/completion/next.html", {"programme": programme, "form": None})
    plan = services.carry_over(programme)
    start, end = services.suggested_period(programme)
    offers = PairMember.objects.filter(pk__in=[m.pk for m in plan.offers]).select_related("mentee__person")
    form = NextProgrammeForm(
        request.POST or None,
        offers=offers,
        initial={"name": programme.name, "start_date": start, "end_date": end, "offers": list(offers)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def start_it() -> str:
            result = services.start_next_programme(
                programme=programme,
                name=data["name"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                offer_member_ids=[m.pk for m in data["offers"]],
                user=request.user,
            )
            messages.success(
                request,
                f"Программа «{result.programme.name}» начата и стала текущей: наставников продолжают "
                f"{result.continuing}, в резерв переведено {result.to_reserve}, в кандидаты в наставники "
                f"внесено {result.offered}, наставляемых с открытыми запросами перенесено {result.carried}; "
                "дорожная карта и план работы скопированы со сдвигом дат.",
            )
            return reverse("programme_detail", kwargs={"programme_id": result.programme.pk})

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=start_it)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(url)
    return render(
        request, "roadmap/completion/next.html", {"programme": programme, "form": form, "plan": plan}
    )
