"""Match suggestions for one mentee, and «подобрать пары» for the whole programme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.models import MentoringForm
from mentoring.plural import plural_ru
from mentoring.roles import Role
from mentoring.submissions import submit_once
from pairs.forms.matching import STALE, AcceptMatchesForm, parse_rows
from pairs.matching.assignment import plan_matches
from pairs.matching.candidates import free_places_text, load_pool
from pairs.matching.scoring import RULES, score
from pairs.models import PairMember
from pairs.services.matching import accept_matches
from participants.models import Mentee, Mentor
from participants.services.access_log import Action, log_access

PAIRS = "пара,пары,пар"


@allow(Role.CURATOR, methods=("GET",))
def mentee_suggestions(request, mentee_id: int):
    """The mentors who may take this mentee, best first, and why the others may not."""
    mentee = request.access.get(Mentee.objects.select_related("person", "programme"), pk=mentee_id)
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        person=mentee.person,
        detail="Подбор наставника",
    )
    context = {"mentee": mentee, "person": mentee.person, "rules": RULES, "facts": None}
    member = (
        PairMember.objects.filter(mentee=mentee, is_open=True).select_related("pair__mentor__person").first()
    )
    if member is not None:
        context["open_pair"] = member.pair
        return render(request, "pairs/matching/suggestions.html", context)
    if mentee.status != Mentee.Status.WAITING:
        context["status_note"] = (
            f"Статус наставляемого — «{mentee.get_status_display()}»: наставник не подбирается."
        )
        return render(request, "pairs/matching/suggestions.html", context)

    pool = load_pool(mentee.programme, mentee_ids=[mentee.pk], ready_only=False)
    facts = pool.mentees[0] if pool.mentees else None
    suitable, unsuitable = [], []
    if facts is not None:
        for mentor in pool.mentors:
            problem = pool.problem(facts, mentor)
            if problem is None:
                match = score(facts, mentor, pool.ranks, forms=pool.forms)
                suitable.append({"mentor": mentor, "match": match})
            else:
                unsuitable.append({"mentor": mentor, "problem": problem})
        suitable.sort(key=lambda row: -row["match"].points)  # stable: equal points keep the name order
    context.update(
        facts=facts,
        mentee_problem=pool.mentee_problem(facts) if facts else None,
        suitable=suitable,
        unsuitable=unsuitable,
        free_places_text=free_places_text,
    )
    return render(request, "pairs/matching/suggestions.html", context)


def _chosen_rows(request, programme) -> list[tuple[Mentee, Mentor, MentoringForm]]:
    """The rows the curator accepts, as objects of this programme and organisation."""
    if "one" in request.POST:
        values = [request.POST["one"]]
    elif request.POST.get("accept") == "all":
        values = request.POST.getlist("all_rows")
    else:
        values = request.POST.getlist("rows")
    if not values:
        raise ValidationError("Не выбрано ни одной пары: отметьте строки или нажмите «Принять все».")
    triples = parse_rows(values)
    mentees = Mentee.objects.filter(programme=programme, pk__in={t[0] for t in triples}).select_related(
        "person"
    )
    mentors = request.access.scope(Mentor).filter(pk__in={t[1] for t in triples}).select_related("person")
    forms = MentoringForm.objects.filter(pk__in={t[2] for t in triples})
    mentee_of = {m.pk: m for m in mentees}
    mentor_of = {m.pk: m for m in mentors}
    form_of = {f.pk: f for f in forms}
    try:
        return [(mentee_of[a], mentor_of[b], form_of[c]) for a, b, c in triples]
    except KeyError as error:
        raise ValidationError(STALE) from error


@allow(Role.CURATOR, methods=("GET", "POST"))
def match_draft(request):
    """GET: the optimal draft of the current programme. POST: accept the chosen rows (or all) as pairs."""
    programme = request.access.programme
    if programme is None:
        return render(request, "pairs/matching/draft.html", {"programme": None, "rules": RULES})
    form = AcceptMatchesForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rows = _chosen_rows(request, programme)

            def accept() -> str:
                pairs = accept_matches(
                    programme=programme,
                    rows=rows,
                    start_date=data["start_date"],
                    planned_end_date=data["planned_end_date"],
                    variants=form.variants(),
                    user=request.user,
                )
                n = len(pairs)
                messages.success(
                    request,
                    f"{plural_ru(n, 'Сформирована,Сформированы,Сформировано')} {n} {plural_ru(n, PAIRS)} — "
                    "проекты ждут приказа директора.",
                )
                return reverse("pair_list")

            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=accept)
            )
        except ValidationError as error:
            apply_errors(form, error)
    plan = plan_matches(load_pool(programme))
    return render(
        request,
        "pairs/matching/draft.html",
        {"programme": programme, "plan": plan, "form": form, "rules": RULES},
    )
