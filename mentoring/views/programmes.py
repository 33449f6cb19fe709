from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from mentoring import selectors, services
from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import ProgrammeForm, apply_errors
from mentoring.guards import programme_completed_message
from mentoring.models import Programme
from mentoring.roles import Role
from mentoring.submissions import submit_once

READERS = (Role.CURATOR, Role.DIRECTOR)


@allow(*READERS, methods=("GET",))
def programme_list(request):
    programmes = selectors.programmes_of(request.access.organisation)
    return render(request, "mentoring/programme_list.html", {"programmes": programmes})


@allow(*READERS, methods=("GET",))
def programme_detail(request, programme_id: int):
    programme = request.access.get(Programme.objects.prefetch_related("forms__variants"), pk=programme_id)
    return render(request, "mentoring/programme_detail.html", {"programme": programme})


@allow(Role.CURATOR)
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            programme = services.create_programme(
                organisation=request.access.organisation,
                make_current=data["make_current"],
                **{k: data[k] for k in ("name", "start_date", "end_date", "forms", "goal", "status")},
            )
            messages.success(request, f"Программа «{programme.name}» создана.")
            return programme.get_absolute_url()

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            return redirect(url)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "mentoring/programme_form.html", {"form": form, "creating": True})


@allow(Role.CURATOR)
def programme_edit(request, programme_id: int):
    programme = request.access.get(Programme, pk=programme_id)
    if programme.is_completed:
        messages.error(request, programme_completed_message(programme))
        return redirect(programme.get_absolute_url())
    form = ProgrammeForm(request.POST or None, instance=programme)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_programme(
                programme=programme,
                version=data["version"] or 0,
                **{k: data[k] for k in ("name", "start_date", "end_date", "forms", "goal", "status")},
            )
            messages.success(request, "Изменения сохранены.")
            return redirect(programme.get_absolute_url())
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request, "mentoring/programme_form.html", {"form": form, "programme": programme, "stale": stale}
    )


@allow(Role.CURATOR, methods=("POST",))
def programme_make_current(request, programme_id: int):
    programme = request.access.get(Programme, pk=programme_id)
    services.set_current_programme(programme=programme)
    messages.success(request, f"Текущая программа: «{programme.name}».")
    return redirect("programme_list")
