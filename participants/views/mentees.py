from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.models import Programme
from mentoring.params import int_param
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from participants.forms.bases import MenteeCreateForm, MenteeEditForm, MenteeFilterForm, RequestForm
from participants.models import Mentee, MenteeRequest, Person
from participants.selectors.consents import has_valid_consent
from participants.selectors.lists import filter_mentees, mentee_base, paginate
from participants.services import mentees as services
from participants.services.access_log import Action, log_access
from participants.services.mentees import MENTEE_FIELDS
from participants.views.paging import querystring_without_page

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _mentee(request, mentee_id: int) -> Mentee:
    return request.access.get(Mentee.objects.select_related("person", "programme"), pk=mentee_id)


def chosen_programme(request) -> Programme | None:
    """The programme a base page shows: ?programme= of the organisation, else the current one."""
    wanted = int_param(request.GET.get("programme"))
    if wanted is not None:
        return request.access.get(Programme, pk=wanted)
    return request.access.programme


@allow(*KEEPERS, methods=("GET",))
def mentee_list(request):
    programme = chosen_programme(request)
    filters = MenteeFilterForm(request.GET or None, organisation=request.access.organisation)
    data = filters.cleaned_data if filters.is_valid() else {}
    page = paginate(filter_mentees(mentee_base(programme), data), request.GET.get("page"))
    return render(
        request,
        "participants/mentees/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "filters": filters,
            "page": page,
            "querystring": querystring_without_page(request),
        },
    )


@allow(Role.CURATOR)
def mentee_create(request):
    programme = request.access.programme
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("programme_list")
    candidates = (
        request.access.scope(Person)
        .filter(kind__in=[Person.Kind.STUDENT, Person.Kind.TEACHER, Person.Kind.STAFF], pseudonymised_at=None)
        .exclude(mentees__programme=programme)
    )
    initial = {"entry_date": programme.start_date, "person": request.GET.get("person")}
    form = MenteeCreateForm(
        request.POST or None, organisation=request.access.organisation, candidates=candidates, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            mentee = services.add_mentee(
                programme=programme,
                person=data["person"],
                entry_date=data["entry_date"],
                categories=data["categories"],
                request_text=data["request_text"],
                topics=data["topics"],
                user=request.user,
            )
            messages.success(request, f"«{mentee.person.full_name}» включён(а) в базу наставляемых.")
            return reverse("mentee_detail", kwargs={"mentee_id": mentee.pk})

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/mentees/create.html", {"form": form, "programme": programme})


@allow(*KEEPERS, methods=("GET",))
def mentee_detail(request, mentee_id: int):
    mentee = _mentee(request, mentee_id)
    log_access(
        user=request.user, organisation=request.access.organisation, action=Action.VIEW, person=mentee.person
    )
    return render(
        request,
        "participants/mentees/detail.html",
        {
            "mentee": mentee,
            "person": mentee.person,
            "requests": mentee.requests.prefetch_related("topics"),
            "consent_valid": has_valid_consent(mentee.person),
            "request_form": RequestForm(organisation=request.access.organisation),
        },
    )


@allow(Role.CURATOR)
def mentee_edit(request, mentee_id: int):
    mentee = _mentee(request, mentee_id)
    form = MenteeEditForm(request.POST or None, instance=mentee, organisation=request.access.organisation)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_mentee(
                mentee=mentee,
                version=data["version"] or 0,
                categories=data["categories"],
                user=request.user,
                **{k: data[k] for k in MENTEE_FIELDS},
            )
            messages.success(request, "Изменения сохранены.")
            return redirect("mentee_detail", mentee_id=mentee.pk)
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/mentees/edit.html", {"form": form, "mentee": mentee, "stale": stale})


@allow(Role.CURATOR, methods=("POST",))
def mentee_request_add(request, mentee_id: int):
    mentee = _mentee(request, mentee_id)
    form = RequestForm(request.POST, organisation=request.access.organisation)
    if form.is_valid():
        try:
            services.add_request(
                mentee=mentee,
                text=form.cleaned_data["text"],
                topics=form.cleaned_data["topics"],
                user=request.user,
            )
            messages.success(request, "Запрос добавлен.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Запрос не добавлен: проверьте выбранные темы.")
    return redirect("mentee_detail", mentee_id=mentee.pk)


@allow(Role.CURATOR, methods=("POST",))
def mentee_request_delete(request, request_id: int):
    item = request.access.get(
        MenteeRequest.objects.select_related("mentee__programme", "mentee__person"), pk=request_id
    )
    services.remove_request(request_item=item, user=request.user)
    messages.success(request, "Запрос удалён.")
    return redirect("mentee_detail", mentee_id=item.mentee_id)
