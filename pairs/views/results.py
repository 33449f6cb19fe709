"""Results of a pair: the mentor (or the curator) records each mentee's result at the final meeting,
the mentee adds their own word; the curator then completes the pair."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.roles import Role
from pairs.forms.results import MenteeWordForm, ResultForm
from pairs.guards import member_problem, pair_problem
from pairs.models import Pair
from pairs.selectors.pairs import access_pair
from pairs.selectors.plans import access_member
from pairs.selectors.results import members_for_results, result_of
from pairs.services import results as services
from participants.services.access_log import Action, log_access_many


def _form_for(member, data=None) -> ResultForm:
    recorded = member.recorded
    initial = {"member": member.pk, "version": recorded.version if recorded else 0}
    if recorded:
        initial.update(outcome=recorded.outcome, achieved=recorded.achieved)
    return ResultForm(data, initial=initial, prefix=f"m{member.pk}")


@allow(Role.CURATOR, Role.MENTOR)
def pair_results(request, pair_id: int):
    pair = access_pair(request.access, pair_id)
    if pair.status == Pair.Status.DRAFT:
        raise Http404("Пара ещё не закреплена приказом.")
    locked = pair_problem(pair)
    writable = locked is None
    members = members_for_results(pair, open_only=writable)
    stale = None
    if request.method == "POST" and writable:
        wanted = request.POST.get("member", "")
        member = next((m for m in members if str(m.pk) == wanted), None)
        if member is None:
            messages.error(request, "Этого наставляемого уже нет в паре: обновите страницу.")
            return redirect("pair_results", pair_id=pair.pk)
        form = _form_for(member, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_result(
                    member=member,
                    outcome=data["outcome"],
                    achieved=data["achieved"],
                    version=data["version"] or 0,
                    user=request.user,
                )
            except StaleEditError as error:
                stale = error.changed
                apply_errors(form, error)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Результаты записаны: {member.mentee.person.full_name}.")
                return redirect(f"{reverse('pair_results', kwargs={'pair_id': pair.pk})}#m{member.pk}")
        member.form = form
    log_access_many(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        people=[m.mentee.person for m in members],
        detail=f"Результаты {'группы' if pair.is_group else 'пары'} № {pair.pk}",
    )
    for member in members:
        if not hasattr(member, "form"):
            member.form = _form_for(member)
    return render(
        request,
        "pairs/results/pair.html",
        {"pair": pair, "members": members, "writable": writable, "locked": locked, "stale": stale},
    )


@allow(Role.MENTEE)
def mentee_word(request, member_id: int):
    member = access_member(request.access, member_id)
    result = result_of(member)
    writable = member_problem(member) is None and result is not None
    initial = {"version": result.version if result else 0, "wants_to_mentor": member.mentee.wants_to_mentor}
    if result:
        initial["word"] = result.mentee_word
    form = MenteeWordForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and writable and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_mentee_word(
                member=member,
                word=data["word"],
                wants_to_mentor=data["wants_to_mentor"],
                version=data["version"] or 0,
                user=request.user,
            )
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Спасибо! Ваше слово добавлено к результатам.")
            return redirect("pair_detail", pair_id=member.pair_id)
    return render(
        request,
        "pairs/results/word.html",
        {
            "member": member,
            "pair": member.pair,
            "result": result,
            "form": form,
            "writable": writable,
            "stale": stale,
        },
    )
