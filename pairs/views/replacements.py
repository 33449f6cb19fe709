"""Replacement of the mentor: the mentee's (or the curator's) request, the director's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.roles import Role
from mentoring.submissions import submit_once
from pairs.forms.replacements import DecisionForm, ReplacementForm
from pairs.models import PairMember, ReplacementRequest
from pairs.selectors import replacements as selectors
from pairs.selectors.pairs import visible_pairs
from pairs.services import replacements as services
from participants.services.access_log import Action, log_access

READERS = (Role.CURATOR, Role.DIRECTOR)


def _member(request, member_id: int) -> PairMember:
    """The membership through the pair access; a mentee reaches only their own (404 otherwise)."""
    members = PairMember.objects.filter(pair__in=visible_pairs(request.access)).select_related(
        "pair__mentor__person", "pair__form", "pair__programme", "mentee__person"
    )
    member = get_object_or_404(members, pk=member_id)
    if request.access.role != Role.CURATOR and member.mentee.person.user_id != request.user.pk:
        raise Http404
    return member


@allow(Role.CURATOR, Role.MENTEE)
def replacement_create(request, member_id: int):
    member = _member(request, member_id)
    on_behalf = request.access.role == Role.CURATOR
    problem = services.filing_problem(member)
    pending = None if problem or request.method != "GET" else selectors.pending_request(member)
    context = {"member": member, "pair": member.pair, "on_behalf": on_behalf}
    if request.method == "GET" and (problem or pending):
        # Explain instead of offering the form. A POST goes on: a repeated submission of the form
        # that filed the request lands where the first one did, any other gets the service's refusal.
        context.update(problem=problem, pending=pending)
        return render(request, "pairs/replacements/form.html", context)
    form = ReplacementForm(request.POST or None, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def file() -> str:
            services.file_replacement(
                member=member, reason=data["reason"], user=request.user, day=data.get("day")
            )
            if on_behalf:
                messages.success(
                    request,
                    f"Заявление о замене наставника для «{member.mentee.person.full_name}» подано "
                    "и ждёт решения директора.",
                )
                return reverse("replacement_list")
            messages.success(request, "Заявление подано. Директор рассмотрит его и примет решение.")
            return reverse("replacement_mine")

        try:
            return redirect(submit_once(user=request.user, token=data.get("submit_token") or "", action=file))
        except ValidationError as error:
            apply_errors(form, error)
    context["form"] = form
    return render(request, "pairs/replacements/form.html", context)


@allow(*READERS, methods=("GET",))
def replacement_list(request):
    requests = list(selectors.organisation_replacements(request.access.organisation))
    pending = sum(1 for r in requests if r.status == ReplacementRequest.Status.PENDING)
    return render(request, "pairs/replacements/list.html", {"requests": requests, "pending_count": pending})


@allow(Role.MENTEE, methods=("GET",))
def replacement_mine(request):
    return render(
        request, "pairs/replacements/mine.html", {"requests": selectors.mentee_replacements(request.access)}
    )


@allow(Role.DIRECTOR)
def replacement_decide(request, replacement_id: int):
    replacement = selectors.access_replacement(request.access, replacement_id)
    member = replacement.member
    is_pending = replacement.status == ReplacementRequest.Status.PENDING
    form = DecisionForm(request.POST or None) if is_pending else None
    if request.method == "POST" and not is_pending:
        messages.error(request, services.closed_message(replacement))
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def decide() -> str:
            services.decide_replacement(
                request=replacement,
                approve=form.approves,
                comment=data["comment"],
                user=request.user,
                day=data["day"],
            )
            name = member.mentee.person.full_name
            if form.approves:
                where = "вышел из группы" if member.pair.is_group else "пара прекращена"
                messages.success(
                    request,
                    f"Заявление удовлетворено: {where}, «{name}» ожидает наставника. "
                    "Куратор может сформировать для него новую пару.",
                )
            else:
                messages.success(request, f"Заявление «{name}» отклонено, пара продолжает работу.")
            return reverse("replacement_list")

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=decide)
            )
        except ValidationError as error:
            apply_errors(form, error)
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        person=member.mentee.person,
        detail="Заявление о замене наставника",
    )
    return render(
        request,
        "pairs/replacements/decide.html",
        {
            "replacement": replacement,
            "member": member,
            "pair": member.pair,
            "form": form,
            "history": selectors.mentee_history(member),
            "cannot_approve": is_pending and services.filing_problem(member) is not None,
        },
    )
