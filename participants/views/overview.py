"""The request map, the editable lists and the access journal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from mentoring.access import allow
from mentoring.params import int_param
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from participants.forms.bases import VocabularyEntryForm
from participants.models import AccessLogEntry, MenteeCategory, Topic
from participants.selectors.lists import paginate
from participants.selectors.request_map import request_map as build_request_map
from participants.services import vocabulary as services
from participants.views.mentees import chosen_programme

VOCABULARIES = {"categories": MenteeCategory, "topics": Topic}


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def request_map(request):
    programme = chosen_programme(request)
    return render(
        request,
        "participants/request_map.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "map": build_request_map(programme),
        },
    )


@allow(Role.CURATOR, Role.DIRECTOR)
def vocabulary(request):
    organisation = request.access.organisation
    forms = {key: VocabularyEntryForm(prefix=key) for key in VOCABULARIES}
    if request.method == "POST":
        if request.access.role != Role.CURATOR:
            messages.error(request, "Списки изменяет куратор программы.")
            return redirect("vocabulary")
        key = request.POST.get("list")
        model = VOCABULARIES.get(key)
        if model is None:
            messages.error(request, "Неизвестный список.")
            return redirect("vocabulary")
        if "toggle" in request.POST:
            # A toggle that is not an entry's number names no entry: 404, like another school's entry.
            entry = get_object_or_404(
                model, pk=int_param(request.POST.get("toggle")), organisation=organisation
            )
            services.set_entry_active(entry=entry, organisation=organisation, active=not entry.is_active)
            return redirect("vocabulary")
        form = forms[key] = VocabularyEntryForm(request.POST, prefix=key)
        if form.is_valid():
            try:
                entry = services.add_entry(model=model, organisation=organisation, **form.cleaned_data)
                messages.success(request, f"«{entry.name}» добавлено в список.")
                return redirect("vocabulary")
            except ValidationError as error:
                form.add_error("name", error.messages)
    lists = [
        (
            key,
            model._meta.verbose_name_plural,
            model.objects.filter(organisation=None, is_active=True),
            model.objects.filter(organisation=organisation),
            forms[key],
        )
        for key, model in VOCABULARIES.items()
    ]
    return render(request, "participants/vocabulary.html", {"lists": lists})


@allow(Role.DIRECTOR, methods=("GET",))
def access_log(request):
    entries = request.access.scope(AccessLogEntry).select_related("user", "person")
    person_id = int_param(request.GET.get("person"))
    if person_id is not None:
        entries = entries.filter(person_id=person_id)
    page = paginate(entries, request.GET.get("page"))
    return render(request, "participants/access_log.html", {"page": page})
