"""Stage 7 of the roadmap: the programme is closed and becomes read-only; the next school year's
programme starts from it.

What carries over to the next year:
- the long-term mentor base: a mentor who is trained or ready keeps working only with a consent valid
  today and their agreement to take part in later programmes; the others go to the reserve;
- completed mentees who want to mentor, as candidates of the mentor base, where the curator ticks them;
- open requests: mentees who were still waiting for a mentor enter the new programme's base with their
  categories and requests, where their consent is still valid;
- the roadmap and the work plan, with dates moved by the distance between the two programmes' starts,
  everything not started yet."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.guards import ensure_programme_open
from mentoring.models import Programme, User
from mentoring.services import create_programme
from monitoring.models import Campaign
from monitoring.services.campaigns import close_campaign
from pairs.models import Pair, PairMember
from pairs.services.offers import offer_as_mentor
from participants.models import Consent, Mentee, Mentor
from participants.models.consents import valid_consent_q
from participants.selectors.consents import today
from participants.services.mentees import add_mentee, add_request
from participants.services.mentors import move_mentor_stage
from roadmap.models import Award, RoadmapItem, RoadmapStage, WorkEvent

WORKING = (Mentor.Stage.TRAINED, Mentor.Stage.READY)


def closing_blockers(programme: Programme) -> list[str]:
    """What must be finished before the programme closes, in Russian; empty when nothing."""
    pairs = Pair.objects.filter(programme=programme)
    active = pairs.filter(status=Pair.Status.ACTIVE).count()
    drafts = pairs.filter(status=Pair.Status.DRAFT).count()
    proposed = Award.objects.filter(programme=programme, status=Award.Status.PROPOSED).count()
    blockers = []
    if active:
        blockers.append(
            f"Действующих пар и групп: {active}. Завершите их (с результатами) или прекратите досрочно."
        )
    if drafts:
        blockers.append(f"Проектов пар и групп, не закреплённых приказом: {drafts}. Удалите их.")
    if proposed:
        blockers.append(f"Награждений ждут решения директора: {proposed}.")
    return blockers


@transaction.atomic
def complete_programme(*, programme: Programme, user: User | None, day: date | None = None) -> Programme:
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    ensure_programme_open(current)  # closing twice: it is read-only already
    blockers = closing_blockers(current)
    if blockers:
        raise ValidationError(["Программу пока нельзя завершить.", *blockers])
    # The questionnaires still open close with the programme: their answers so far are kept.
    for campaign in Campaign.objects.filter(programme=current, closed_at__isnull=True):
        close_campaign(campaign=campaign, user=user)
    current.status = Programme.Status.COMPLETED
    current.completed_on = day or today()
    current.version += 1
    current.save(update_fields=["status", "completed_on", "version", "updated_at"])
    return current


@dataclass(frozen=True)
class CarryOver:
    """Who goes on to the next year, worked out before anything is written (the form shows it)."""

    continuing: list[Mentor]
    to_reserve: list[tuple[Mentor, str]]
    offers: list[PairMember]
    waiting: list[Mentee]
    without_consent: list[Mentee]


def _consenting(person_ids: Iterable[int], day: date) -> set[int]:
    return set(
        Consent.objects.filter(valid_consent_q(day), person_id__in=list(person_ids)).values_list(
            "person_id", flat=True
        )
    )


def carry_over(programme: Programme, *, day: date | None = None) -> CarryOver:
    day = day or today()
    organisation = programme.organisation
    mentors = list(
        Mentor.objects.filter(organisation=organisation, stage__in=WORKING)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    waiting = list(
        Mentee.objects.filter(programme=programme, status=Mentee.Status.WAITING)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    consenting = _consenting([m.person_id for m in mentors] + [m.person_id for m in waiting], day)
    continuing, to_reserve = [], []
    for mentor in mentors:
        if mentor.person_id not in consenting:
            to_reserve.append((mentor, "нет действующего согласия на обработку персональных данных"))
        elif not mentor.agrees_future_programmes:
            to_reserve.append((mentor, "не дал(а) согласия участвовать в следующих программах"))
        else:
            continuing.append(mentor)
    mentor_people = Mentor.objects.filter(organisation=organisation).values("person_id")
    offers = list(
        PairMember.objects.filter(
            pair__programme=programme,
            pair__status=Pair.Status.COMPLETED,
            mentee__status=Mentee.Status.COMPLETED,
            mentee__wants_to_mentor=True,
            # A list to tick, not a figure: nobody is offered under a pseudonym.
            mentee__person__pseudonymised_at__isnull=True,
        )
        .exclude(mentee__person_id__in=mentor_people)
        .select_related("mentee__person", "pair")
        .order_by("mentee__person__last_name", "mentee__person__first_name", "pk")
    )
    return CarryOver(
        continuing=continuing,
        to_reserve=to_reserve,
        offers=offers,
        waiting=[m for m in waiting if m.person_id in consenting and not m.person.is_pseudonymised],
        without_consent=[m for m in waiting if m.person_id not in consenting],
    )


def shifter(old_start: date, new_start: date):
    """Move a date as far as the new programme's start moved: by whole years when it moved by whole
    years (1 September stays 1 September, the last day of a month stays the last), by days otherwise."""
    years = new_start.year - old_start.year
    if _add_years(old_start, years) != new_start:
        delta = new_start - old_start
        return lambda day: day + delta if day else day

    def shift(day: date | None) -> date | None:
        if day is None:
            return None
        last = calendar.monthrange(day.year, day.month)[1]
        moved = _add_years(day, years)
        if day.day == last:
            return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
        return moved

    return shift


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _copy_roadmap(source: Programme, target: Programme, shift) -> None:
    # The new programme got the standard roadmap on creation; the school's own one replaces it.
    RoadmapStage.objects.filter(programme=target).delete()
    items = []
    stages = source.roadmap_stages.prefetch_related("items").order_by("number")
    for stage in stages:
        copy = RoadmapStage.objects.create(
            programme=target, number=stage.number, title=stage.title, task=stage.task, result=stage.result
        )
        for item in stage.items.all():
            due = min(shift(item.due_on), target.end_date)
            starts = shift(item.starts_on)
            items.append(
                RoadmapItem(
                    stage=copy,
                    position=item.position,
                    title=item.title,
                    starts_on=min(starts, due) if starts else None,
                    due_on=due,
                    by_month=item.by_month,
                    responsible=item.responsible,
                    responsible_name=item.responsible_name,
                )
            )
    RoadmapItem.objects.bulk_create(items)


def _copy_work_plan(source: Programme, target: Programme, shift) -> None:
    events = []
    for event in WorkEvent.objects.filter(programme=source).exclude(status=WorkEvent.Status.CANCELLED):
        starts = shift(event.starts_on)
        if starts > target.end_date:
            continue
        ends = shift(event.ends_on)
        events.append(
            WorkEvent(
                programme=target,
                title=event.title,
                starts_on=starts,
                ends_on=min(ends, target.end_date) if ends else None,
                by_month=event.by_month,
                responsible=event.responsible,
                responsible_name=event.responsible_name,
                participants=event.participants,
            )
        )
    WorkEvent.objects.bulk_create(events)


def _carry_mentee(mentee: Mentee, target: Programme, user: User | None) -> Mentee:
    copy = add_mentee(
        programme=target,
        person=mentee.person,
        entry_date=target.start_date,
        categories=list(mentee.categories.all()),
        user=user,
    )
    for item in mentee.requests.prefetch_related("topics").order_by("pk"):
        add_request(mentee=copy, text=item.text, topics=list(item.topics.all()), user=None)
    return copy


@dataclass(frozen=True)
class NextYear:
    programme: Programme
    continuing: int
    to_reserve: int
    offered: int
    carried: int


@transaction.atomic
def start_next_programme(
    *,
    programme: Programme,
    name: str,
    start_date: date,
    end_date: date,
    offer_member_ids: Iterable[int] = (),
    user: User | None,
    day: date | None = None,
) -> NextYear:
    """A new current programme from a completed one; everything or nothing."""
    source = Programme.objects.select_for_update().get(pk=programme.pk)
    if not source.is_completed:
        raise ValidationError("Следующую программу начинают от завершённой: сначала завершите эту.")
    if start_date <= source.start_date:
        raise ValidationError({"start_date": "Новая программа начинается позже той, от которой она начата."})
    day = day or today()
    plan = carry_over(source, day=day)
    target = create_programme(
        organisation=source.organisation,
        name=name,
        start_date=start_date,
        end_date=end_date,
        forms=list(source.forms.all()),
        goal=source.goal,
        status=Programme.Status.RUNNING,
        make_current=True,
        previous=source,
    )
    for mentor, _why in plan.to_reserve:
        move_mentor_stage(mentor=mentor, stage=Mentor.Stage.RESERVE, user=user, on=day)
    wanted = {int(pk) for pk in offer_member_ids}
    offered = [member for member in plan.offers if member.pk in wanted]
    for member in offered:
        offer_as_mentor(member=member, user=user)
    for mentee in plan.waiting:
        _carry_mentee(mentee, target, user)
    shift = shifter(source.start_date, start_date)
    _copy_roadmap(source, target, shift)
    _copy_work_plan(source, target, shift)
    return NextYear(
        programme=target,
        continuing=len(plan.continuing),
        to_reserve=len(plan.to_reserve),
        offered=len(offered),
        carried=len(plan.waiting),
    )


def suggested_period(programme: Programme) -> tuple[date, date]:
    """The same dates a school year later."""
    return _add_years(programme.start_date, 1), _add_years(programme.end_date, 1)
