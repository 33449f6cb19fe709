"""Cases of best practice (этап 7 «Завершение программы»): the curator writes a pair's or a group's
work up as a case with photos and publishes it where everyone named agreed to publication; the
director reads and prints; mentors read the published cases of their organisation."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.downloads import stored_file_response
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.guards import programme_completed_message
from mentoring.params import int_param
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from participants.selectors.consents import today
from participants.services.access_log import Action, log_access_many
from participants.views.mentees import chosen_programme
from roadmap.forms.cases import CaseFilterForm, CaseForm, PhotoForm
from roadmap.models import Case
from roadmap.selectors.cases import (
    access_case,
    access_photo,
    case_people,
    cases_of,
    publication_blockers,
    reads_drafts,
)
from roadmap.services import cases as services

READERS = (Role.CURATOR, Role.DIRECTOR, Role.MENTOR)
FIELDS = ("pair", "form", "title", "problem", "actions", "result", "quotes")
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def _list_url(programme) -> str:
    return f"{reverse('case_list')}?programme={programme.pk}"


def _detail_url(case) -> str:
    return reverse("case_detail", kwargs={"case_id": case.pk})


def _programme(request):
    # A mentor reads the current programme only; the keepers may pick another.
    if not reads_drafts(request.access):
        return request.access.programme
    return chosen_programme(request)


def _can_edit(request, programme) -> bool:
    return request.access.has_any((Role.CURATOR,)) and programme is not None and not programme.is_completed


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@allow(*READERS, methods=("GET",))
def case_list(request):
    programme = _programme(request)
    filters = CaseFilterForm(request.GET or None, programme=programme)
    data = filters.cleaned_data if filters.is_valid() else {}
    keeper = reads_drafts(request.access)
    status = data.get("status", "") if keeper else Case.Status.PUBLISHED
    cases = cases_of(
        programme,
        query=data.get("q", ""),
        form=data["form"].pk if data.get("form") else None,
        status=status,
    )
    return render(
        request,
        "roadmap/cases/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation) if keeper else [],
            "filters": filters,
            "cases": cases,
            "searching": bool(data.get("q") or data.get("form") or (keeper and data.get("status"))),
            "keeper": keeper,
            "can_edit": _can_edit(request, programme),
        },
    )


@allow(Role.CURATOR)
def case_create(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("case_list")
    if programme.is_completed:
        messages.error(request, programme_completed_message(programme))
        return redirect(_list_url(programme))
    initial = {}
    if (pair := int_param(request.GET.get("pair"))) is not None:
        initial["pair"] = pair
    form = CaseForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            case = services.create_case(
                programme=programme, user=request.user, **{name: data[name] for name in FIELDS}
            )
            return _detail_url(case)

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Кейс сохранён как черновик.")
            return redirect(url)
    return render(
        request, "roadmap/cases/form.html", {"form": form, "programme": programme, "creating": True}
    )


def _log_view(request, case, people, detail: str) -> None:
    log_access_many(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        people=people,
        detail=f"{detail} кейса № {case.pk}",
    )


@allow(*READERS, methods=("GET",))
def case_detail(request, case_id: int):
    case = access_case(request.access, case_id)
    keeper = reads_drafts(request.access)
    people = case_people(case)
    _log_view(request, case, people, "Страница")
    return render(
        request,
        "roadmap/cases/detail.html",
        {
            "case": case,
            "programme": case.programme,
            "people": people,
            # The keepers see who still has to agree (or no longer agrees) before the case is public.
            "blockers": publication_blockers(case, today()) if keeper else [],
            "keeper": keeper,
            "can_edit": _can_edit(request, case.programme),
            "photo_form": PhotoForm(),
        },
    )


@allow(Role.CURATOR)
def case_edit(request, case_id: int):
    case = access_case(request.access, case_id)
    if case.programme.is_completed:
        messages.error(request, programme_completed_message(case.programme))
        return redirect(_detail_url(case))
    initial = {name: getattr(case, name) for name in FIELDS} | {"version": case.version}
    initial["pair"], initial["form"] = case.pair_id, case.form_id
    form = CaseForm(request.POST or None, initial=initial, programme=case.programme)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_case(
                case=case,
                version=data["version"] if data["version"] is not None else -1,
                user=request.user,
                **{name: data[name] for name in FIELDS},
            )
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Кейс сохранён.")
            return redirect(_detail_url(case))
    return render(
        request,
        "roadmap/cases/form.html",
        {"form": form, "case": case, "programme": case.programme, "stale": stale},
    )


@allow(Role.CURATOR, methods=("POST",))
def case_publish(request, case_id: int):
    case = access_case(request.access, case_id)
    action = request.POST.get("action", "")
    try:
        if action == "publish":
            services.publish_case(case=case, user=request.user)
        elif action == "unpublish":
            services.unpublish_case(case=case, user=request.user)
        else:
            raise ValidationError("Выберите: опубликовать кейс или снять его с публикации.")
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            "Кейс опубликован: его можно разместить на сайте организации."
            if action == "publish"
            else "Кейс снят с публикации и снова стал черновиком.",
        )
    return redirect(_detail_url(case))


@allow(Role.CURATOR, methods=("POST",))
def case_delete(request, case_id: int):
    case = access_case(request.access, case_id)
    try:
        services.delete_case(case=case, user=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect(_detail_url(case))
    messages.success(request, f"Кейс «{case.title}» удалён.")
    return redirect(_list_url(case.programme))


@allow(Role.CURATOR, methods=("POST",))
def case_photo_add(request, case_id: int):
    case = access_case(request.access, case_id)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        # The photo is checked by content and size (mentoring.uploads): say what was wrong with it.
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(f"{_detail_url(case)}#photos")
    try:
        services.add_photo(
            case=case,
            upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
            user=request.user,
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "Фотография добавлена к кейсу.")
    return redirect(f"{_detail_url(case)}#photos")


def _content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


@allow(*READERS, methods=("GET",))
def case_photo(request, photo_id: int):
    photo = access_photo(request.access, photo_id)
    return stored_file_response(photo.image, content_type=_content_type(photo.image.name))


@allow(Role.CURATOR, methods=("POST",))
def case_photo_delete(request, photo_id: int):
    photo = access_photo(request.access, photo_id)
    case = photo.case
    try:
        services.delete_photo(photo=photo, user=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "Фотография убрана.")
    return redirect(f"{_detail_url(case)}#photos")


def _data_url(photo) -> str:
    """Our PDF renderer fetches nothing but static files and ``data:`` URLs: embed the photo."""
    storage = photo.image.storage
    if not photo.image.name or not storage.exists(photo.image.name):
        return ""
    with storage.open(photo.image.name, "rb") as file:
        encoded = base64.b64encode(file.read()).decode("ascii")
    return f"data:{_content_type(photo.image.name)};base64,{encoded}"


@allow(*READERS, methods=("GET",))
def case_pdf(request, case_id: int):
    case = access_case(request.access, case_id)
    people = case_people(case)
    _log_view(request, case, people, "Печать")
    photos = [(photo, _data_url(photo)) for photo in case.photos.all()]
    pdf = render_pdf(
        template_name="roadmap/cases/pdf.html",
        context={
            "case": case,
            "organisation": case.programme.organisation,
            "people": people,
            "photos": [(photo, url) for photo, url in photos if url],
        },
    )
    return pdf_response(pdf, f"Кейс — {case.title}")
