from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.roles import Role
from mentoring.submissions import submit_once
from participants.forms.bases import PersonFilterForm, PersonForm
from participants.models import AccessLogEntry, Mentor, Person
from participants.selectors.consent_records import consent_panel
from participants.selectors.lists import filter_people, paginate
from participants.selectors.people import access_person
from participants.services import people as services
from participants.services.access_log import Action, log_access
from participants.services.people import PERSON_FIELDS
from participants.views.paging import querystring_without_page

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


@allow(*KEEPERS, methods=("GET",))
def person_list(request):
    filters = PersonFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    page = paginate(filter_people(request.access.scope(Person), data), request.GET.get("page"))
    return render(
        request,
        "participants/people/list.html",
        {"filters": filters, "page": page, "querystring": querystring_without_page(request)},
    )


@allow(Role.CURATOR)
def person_create(request):
    form = PersonForm(request.POST or None, initial={"kind": request.GET.get("kind", Person.Kind.STUDENT)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            fields = {k: data[k] for k in PERSON_FIELDS if k in data}
            person = services.create_person(
                organisation=request.access.organisation, user=request.user, **fields
            )
            messages.success(request, f"Карточка «{person.full_name}» создана.")
            return reverse("person_detail", kwargs={"person_id": person.pk})

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/people/form.html", {"form": form, "creating": True})


@allow(*KEEPERS, methods=("GET",))
def person_detail(request, person_id: int):
    person = access_person(request.access, person_id)
    log_access(user=request.user, organisation=person.organisation, action=Action.VIEW, person=person)
    mentees = person.mentees.select_related("programme").prefetch_related("categories", "requests__topics")
    mentor = Mentor.objects.filter(person=person).first()
    journal = AccessLogEntry.objects.filter(person=person).select_related("user")[:20]
    return render(
        request,
        "participants/people/detail.html",
        {"mentees": mentees, "mentor": mentor, "journal": journal, **consent_panel(request.access, person)},
    )


@allow(Role.CURATOR)
def person_edit(request, person_id: int):
    person = access_person(request.access, person_id)
    form = PersonForm(request.POST or None, instance=person)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_person(
                person=person,
                version=data["version"] or 0,
                user=request.user,
                **{k: data[k] for k in PERSON_FIELDS if k in data},
            )
            messages.success(request, "Изменения сохранены.")
            return redirect("person_detail", person_id=person.pk)
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "participants/people/form.html", {"form": form, "person": person, "stale": stale})
