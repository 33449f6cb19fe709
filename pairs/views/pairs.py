"""The pages of pairs and groups: the list, forming, the pair's page with its history, editing and
deleting a draft, completion and termination, and offering a completed mentee to the mentor base."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.params import int_param
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from pairs.forms.pairs import CompleteForm, PairCreateForm, PairEditForm, PairFilterForm, TerminateForm
from pairs.guards import pair_problem
from pairs.models import IndividualPlan, Meeting, OrderItem, Pair, PairEvent, PairMember
from pairs.selectors import lists, work
from pairs.selectors.pairs import access_pair, with_people
from pairs.selectors.results import members_for_results
from pairs.services import formation, lifecycle
from pairs.services.offers import offer_as_mentor
from participants.models import Mentor, Person
from participants.selectors.consents import today
from participants.selectors.lists import paginate
from participants.services.access_log import Action, log_access_many
from participants.views.mentees import chosen_programme
from participants.views.paging import querystring_without_page

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
EVERYONE = (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)
# What a mentor does not read in the history: a mentee's complaint about them is the director's business.
HIDDEN_FROM_MENTOR = (PairEvent.Kind.REPLACEMENT_FILED, PairEvent.Kind.REPLACEMENT_DECIDED)
# Nor why a mentee left or the pair ended (the text of an approved replacement request, a withdrawn
# consent): the mentor sees that it ended and when, as with a member's leave reason.
REASONS_HIDDEN_FROM_MENTOR = (PairEvent.Kind.MEMBER_LEFT, PairEvent.Kind.TERMINATED)


def _detail_url(pair: Pair) -> str:
    return reverse("pair_detail", kwargs={"pair_id": pair.pk})


def _noun(pair: Pair) -> str:
    return "Группа" if pair.is_group else "Пара"


@allow(*EVERYONE, methods=("GET",))
def pair_list(request):
    access = request.access
    keeper = access.role in KEEPERS
    programme = chosen_programme(request) if keeper else None
    context = {"keeper": keeper, "programme": programme}
    pairs = lists.listed_pairs(access, programme)
    if keeper:
        filters = PairFilterForm(request.GET or None, programme=programme)
        context.update(
            filters=filters,
            counts=lists.status_counts(pairs),
            programmes=programmes_of(access.organisation),
        )
        pairs = lists.filter_pairs(pairs, filters.filters())
        if access.role == Role.CURATOR:
            context["offers"] = list(lists.completed_wanting_to_mentor(programme))
    page = paginate(with_people(pairs.order_by("pk")), request.GET.get("page"))
    rows = lists.mark_consent_gaps(page.object_list) if keeper else list(page.object_list)
    for pair in rows:
        members = lists.shown_members(pair)
        if access.role == Role.MENTEE:  # a mentee of a group never sees the others
            members = [m for m in members if m.mentee.person.user_id == access.user.pk]
        pair.shown = members
    page.object_list = rows
    context.update(page=page, querystring=querystring_without_page(request))
    return render(request, "pairs/pairs/list.html", context)


@allow(Role.CURATOR)
def pair_create(request):
    programme = request.access.programme
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("programme_list")
    # The match suggestions link here with ?mentee=<id>&mentor=<id>.
    initial = {}
    if (mentor := int_param(request.GET.get("mentor"))) is not None:
        initial["mentor"] = mentor
    if (mentee := int_param(request.GET.get("mentee"))) is not None:
        initial["mentees"] = [mentee]
    if (form := int_param(request.GET.get("form"))) is not None:
        initial["form"] = form
    form = PairCreateForm(
        request.POST or None, programme=programme, organisation=request.access.organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = data["kind"] == Pair.Kind.GROUP

        def create() -> str:
            pair = formation.form_pair(
                programme=programme,
                mentor=data["mentor"],
                mentees=list(data["mentees"]),
                form=data["form"],
                variant=data["variant"],
                start_date=data["start_date"],
                planned_end_date=data["planned_end_date"],
                name=data["name"] if group else "",
                kind=data["kind"],
                user=request.user,
            )
            messages.success(
                request,
                f"{_noun(pair)} сформирована; она вступит в силу после приказа директора.",
            )
            return _detail_url(pair)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/pairs/form.html", {"form": form, "programme": programme, "creating": True})


def _log_view(request, pair: Pair, people: list[Person]) -> None:
    # The access journal names the person in its own column; the detail names nobody.
    detail = f"Страница {'группы' if pair.is_group else 'пары'} № {pair.pk}"
    log_access_many(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        people=people,
        detail=detail,
    )


@allow(*EVERYONE, methods=("GET",))
def pair_detail(request, pair_id: int):
    access = request.access
    pair = access_pair(access, pair_id)
    members = list(pair.members.select_related("mentee__person", "result").order_by("pk"))
    if access.role == Role.MENTEE:
        own = [m for m in members if m.mentee.person.user_id == access.user.pk]
        # The mentor's phone and e-mail are for the time of the work together.
        in_pair = pair.status == Pair.Status.ACTIVE and any(m.is_open for m in own)
        if in_pair:
            _log_view(request, pair, [pair.mentor.person])
        plan = IndividualPlan.objects.filter(member__in=own).order_by("-pk").first()
        return render(
            request,
            "pairs/pairs/detail_mentee.html",
            {
                "pair": pair,
                "mentor": pair.mentor.person,
                "members": own,
                "in_pair": in_pair,
                "plan": plan,
                "meetings": work.meetings_of(pair).exclude(status=Meeting.Status.CANCELLED),
            },
        )
    _log_view(request, pair, [member.mentee.person for member in members])
    keeper = access.role in KEEPERS
    events = pair.events.select_related("member__mentee__person", "user").order_by("created_at", "pk")
    if not keeper:
        events = list(events.exclude(kind__in=HIDDEN_FROM_MENTOR))
        for event in events:
            if event.kind in REASONS_HIDDEN_FROM_MENTOR:
                event.text = ""
    plans = work.plans_by_member(pair)
    for member in members:
        member.work_plan = plans.get(member.pk)
    context = {
        "pair": pair,
        "members": members,
        "events": events,
        "keeper": keeper,
        "milestones": work.milestones(pair),
        "meetings": work.meetings_of(pair),
        # ``access_pair`` gives a mentor their own pairs only.
        "may_write": pair_problem(pair) is None and access.role in (Role.CURATOR, Role.MENTOR),
    }
    if keeper:
        consent = lists.people_with_consent([pair.mentor.person_id, *(m.mentee.person_id for m in members)])
        mentors_already = set(
            Mentor.objects.filter(person__in=[m.mentee.person_id for m in members]).values_list(
                "person_id", flat=True
            )
        )
        for member in members:
            member.has_consent = member.mentee.person_id in consent
            member.can_offer = (
                pair.status == Pair.Status.COMPLETED
                and member.mentee.status == member.mentee.Status.COMPLETED
                and member.mentee.wants_to_mentor
                and member.mentee.person_id not in mentors_already
            )
        context.update(
            mentor_has_consent=pair.mentor.person_id in consent,
            order_items=OrderItem.objects.filter(pair=pair)
            .select_related("order")
            .order_by("order__date", "pk"),
        )
    return render(request, "pairs/pairs/detail.html", context)


@allow(Role.CURATOR)
def pair_edit(request, pair_id: int):
    pair = access_pair(request.access, pair_id)
    if pair.status != Pair.Status.DRAFT:
        return render(request, "pairs/pairs/form.html", {"pair": pair, "locked": True})
    form = PairEditForm(request.POST or None, pair=pair)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            formation.update_draft_pair(
                pair=pair,
                version=data["version"] or 0,
                mentor=data["mentor"],
                mentees=list(data["mentees"]),
                user=request.user,
                form=data["form"],
                variant=data["variant"],
                start_date=data["start_date"],
                planned_end_date=data["planned_end_date"],
                name=data.get("name", pair.name),
            )
            messages.success(request, "Изменения сохранены.")
            return redirect(_detail_url(pair))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/pairs/form.html", {"form": form, "pair": pair, "stale": stale})


@allow(Role.CURATOR, methods=("POST",))
def pair_delete(request, pair_id: int):
    pair = access_pair(request.access, pair_id)
    try:
        formation.delete_draft_pair(pair=pair, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(pair))
    noun = "группы" if pair.is_group else "пары"
    messages.success(request, f"Проект {noun} № {pair_id} удалён; наставляемые снова ожидают наставника.")
    return redirect("pair_list")


def _end_page(request, pair_id: int, *, form_class, template: str, end, context=None):
    pair = access_pair(request.access, pair_id)
    locked = pair_problem(pair)
    if locked:
        return render(request, template, {"pair": pair, "locked": locked})
    extra = context(pair) if context else {}
    form = form_class(request.POST or None, initial={"end_date": today(), **extra.pop("initial", {})})
    if request.method == "POST" and form.is_valid():
        try:
            end(pair, form.cleaned_data)
            return redirect(_detail_url(pair))
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, template, {"pair": pair, "form": form, **extra})


@allow(Role.CURATOR)
def pair_complete(request, pair_id: int):
    def end(pair: Pair, data: dict) -> None:
        lifecycle.complete_pair(
            pair=pair, end_date=data["end_date"], results=data["results"], user=request.user
        )
        messages.success(
            request, f"{_noun(pair)} завершена; наставляемые отмечены как завершившие программу."
        )

    def context(pair: Pair) -> dict:
        members = members_for_results(pair)
        recorded = [m for m in members if m.recorded]
        # The pair's common results start as what the mentor wrote of each mentee.
        summary = "\n".join(
            f"{m.mentee.person.full_name}: {m.recorded.achieved}" if pair.is_group else m.recorded.achieved
            for m in recorded
        )
        return {
            "members": members,
            "missing": [m for m in members if not m.recorded],
            "initial": {"results": summary} if recorded else {},
        }

    return _end_page(
        request,
        pair_id,
        form_class=CompleteForm,
        template="pairs/pairs/complete.html",
        end=end,
        context=context,
    )


@allow(Role.CURATOR)
def pair_terminate(request, pair_id: int):
    def end(pair: Pair, data: dict) -> None:
        lifecycle.terminate_pair(
            pair=pair, end_date=data["end_date"], reason=data["reason"], user=request.user
        )
        messages.success(request, f"{_noun(pair)} прекращена; наставляемые снова ожидают наставника.")

    return _end_page(
        request, pair_id, form_class=TerminateForm, template="pairs/pairs/terminate.html", end=end
    )


@allow(Role.CURATOR, methods=("POST",))
def mentor_offer(request, member_id: int):
    member = request.access.get(PairMember.objects.select_related("mentee__person"), pk=member_id)
    back = reverse("pair_list") if request.POST.get("back") == "list" else _detail_url(member.pair)
    try:
        mentor = offer_as_mentor(member=member, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, f"«{mentor.person.full_name}» внесён(а) в базу наставников как кандидат.")
    return redirect("mentor_detail", mentor_id=mentor.pk)
