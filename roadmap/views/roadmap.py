"""The roadmap of a programme: seven stages with their items, the facts the product knows, the papers
that show an item done. The curator edits; the director reads; a mentor sees the items they answer for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.downloads import stored_file_response
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap.forms.roadmap import EvidenceForm, ItemForm
from roadmap.selectors.facts import stage_facts
from roadmap.selectors.roadmap import access_evidence, access_item, access_stage, items_of, roadmap_of
from roadmap.services import roadmap as services

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _roadmap_url(programme) -> str:
    return f"{reverse('roadmap')}?programme={programme.pk}"


def _item_url(item) -> str:
    return f"{_roadmap_url(item.stage.programme)}#item-{item.pk}"


@allow(*KEEPERS, methods=("GET",))
def roadmap(request):
    programme = chosen_programme(request)
    day = today()
    stages = roadmap_of(programme, day=day) if programme else []
    facts = stage_facts(programme, day=day) if programme else {}
    for view in stages:
        view.facts = facts.get(view.stage.number, [])
    return render(
        request,
        "roadmap/roadmap/page.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "stages": stages,
            "today": day,
            "can_edit": request.access.role == Role.CURATOR,
            "evidence_form": EvidenceForm(),
        },
    )


@allow(Role.CURATOR)
def item_edit(request, item_id: int):
    item = access_item(request.access, item_id)
    programme = item.stage.programme
    initial = {
        "title": item.title,
        "by_month": item.by_month,
        "due_on": item.due_on,
        "responsible": item.responsible_id,
        "responsible_name": item.responsible_name,
        "status": item.status,
        "result_note": item.result_note,
        "version": item.version,
    }
    form = ItemForm(request.POST or None, initial=initial, programme=programme)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name] for name in ("title", "by_month", "due_on", "responsible", "responsible_name")
        }
        fields.update(status=data["status"] or item.status, result_note=data["result_note"])
        if not data["by_month"]:
            fields["starts_on"] = None
        try:
            services.update_item(item=item, version=data["version"] or 0, user=request.user, **fields)
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Пункт {item.code} сохранён.")
            return redirect(_item_url(item))
    return render(request, "roadmap/roadmap/item_form.html", {"item": item, "form": form, "stale": stale})


@allow(Role.CURATOR)
def item_add(request, stage_number: int):
    programme = chosen_programme(request)
    if programme is None:
        raise Http404
    stage = access_stage(request.access, programme, stage_number)
    form = ItemForm(request.POST or None, programme=programme, creating=True, initial={"by_month": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.add_item(
                stage=stage,
                title=data["title"],
                due_on=data["due_on"],
                by_month=data["by_month"],
                responsible=data["responsible"],
                responsible_name=data["responsible_name"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Пункт {item.code} добавлен.")
            return redirect(_item_url(item))
    return render(request, "roadmap/roadmap/item_form.html", {"stage": stage, "form": form, "creating": True})


@allow(Role.CURATOR, methods=("POST",))
def item_delete(request, item_id: int):
    item = access_item(request.access, item_id)
    programme = item.stage.programme
    try:
        services.delete_item(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Пункт «{item.title}» удалён.")
    return redirect(_roadmap_url(programme))


@allow(Role.CURATOR, methods=("POST",))
def evidence_add(request, item_id: int):
    item = access_item(request.access, item_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        # The file is checked by content (mentoring.uploads): say what was wrong with it.
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(_item_url(item))
    try:
        services.add_evidence(
            item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Документ прикреплён к пункту {item.code}.")
    return redirect(_item_url(item))


@allow(*KEEPERS, methods=("GET",))
def evidence_file(request, evidence_id: int):
    evidence = access_evidence(request.access, evidence_id)
    return stored_file_response(evidence.file, filename=evidence.file_name)


@allow(Role.CURATOR, methods=("POST",))
def evidence_delete(request, evidence_id: int):
    evidence = access_evidence(request.access, evidence_id)
    item = evidence.item
    try:
        services.delete_evidence(evidence=evidence, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Документ «{evidence.title}» убран.")
    return redirect(_item_url(item))


@allow(Role.MENTOR, methods=("GET",))
def my_items(request):
    """A mentor's part of the roadmap: the items they answer for."""
    return render(
        request,
        "roadmap/roadmap/mine.html",
        {"items": items_of(request.user, request.access.programme), "today": today()},
    )
