"""Forming pairs and groups under the hard rules of the methodology.

A broken rule is a ``ValidationError`` in Russian and nothing is written. The rules:
both sides have a valid consent; the mentor is «ready»; the mentor's capacity holds; a mentee has
at most one open (draft or active) pair in the programme; the form fits the people; nobody mentors
themselves. The last two are the pure checks of ``pairs.rules``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import MentoringForm, Programme, RoleVariant
from pairs.models import Pair, PairEvent, PairMember
from pairs.rules import form_fit_problem
from pairs.services.history import record_event
from participants.models import Mentee, Mentor
from participants.selectors.consents import today
from participants.services.guards import require_consent, require_ready_mentor

PAIR_FIELDS = ("form", "variant", "start_date", "planned_end_date", "name")


def open_load(mentor: Mentor, *, excluding_pair: Pair | None = None) -> int:
    """How many mentees the mentor has in open pairs and groups, in any programme."""
    members = PairMember.objects.filter(is_open=True, pair__mentor=mentor)
    if excluding_pair is not None:
        members = members.exclude(pair=excluding_pair)
    return members.count()


def _check_form(programme: Programme, form: MentoringForm, variant: RoleVariant | None) -> None:
    programme_forms = list(programme.forms.all())
    if programme_forms and form not in programme_forms:
        raise ValidationError({"form": f"Форма «{form.name}» не выбрана для этой программы."})
    if variant is not None and variant.form_id != form.pk:
        raise ValidationError({"variant": f"Вариант «{variant.name}» относится к другой форме."})


def _check_dates(programme: Programme, start_date: date, planned_end_date: date) -> None:
    if planned_end_date <= start_date:
        raise ValidationError({"planned_end_date": "Плановое окончание должно быть позже начала."})
    if start_date < programme.start_date or planned_end_date > programme.end_date:
        raise ValidationError(
            f"Период работы пары должен укладываться в срок программы: {programme.period_label}."
        )


def _check_people(
    *, programme: Programme, mentor: Mentor, mentees: Sequence[Mentee], form: MentoringForm, kind: str
) -> None:
    if not mentees:
        raise ValidationError({"mentees": "Выберите наставляемого."})
    if kind == Pair.Kind.PAIR and len(mentees) != 1:
        raise ValidationError({"mentees": "В паре один наставляемый; для нескольких сформируйте группу."})
    if kind == Pair.Kind.GROUP and len(mentees) < 2:
        raise ValidationError({"mentees": "В группе должно быть не меньше двух наставляемых."})
    if kind not in Pair.Kind.values:
        raise ValidationError("Неизвестный вид: пара или группа.")
    if len({m.pk for m in mentees}) != len(mentees):
        raise ValidationError({"mentees": "Один наставляемый выбран дважды."})
    if mentor.organisation_id != programme.organisation_id:
        raise ValidationError({"mentor": "Наставник не из организации программы."})
    require_ready_mentor(mentor=mentor)
    for mentee in mentees:
        if mentee.programme_id != programme.pk:
            raise ValidationError(
                {"mentees": f"«{mentee.person.full_name}» не в базе наставляемых этой программы."}
            )
        if mentee.status in (Mentee.Status.COMPLETED, Mentee.Status.LEFT, Mentee.Status.WITHDRAWN):
            raise ValidationError(
                f"«{mentee.person.full_name}»: статус «{mentee.get_status_display()}», пару сформировать нельзя."
            )
        require_consent(person=mentee.person)
        problem = form_fit_problem(form=form, mentor=mentor.person, mentee=mentee.person)
        if problem:
            raise ValidationError(problem)


def _check_capacity(mentor: Mentor, wanted: int, *, excluding_pair: Pair | None = None) -> None:
    load = open_load(mentor, excluding_pair=excluding_pair)
    if load + wanted > mentor.capacity:
        free = max(mentor.capacity - load, 0)
        raise ValidationError(
            {
                "mentor": f"У наставника «{mentor.person.full_name}» свободно мест: {free} из {mentor.capacity}, "
                f"а нужно {wanted}."
            }
        )


def _check_no_open_pair(mentees: Sequence[Mentee], *, excluding_pair: Pair | None = None) -> None:
    taken = PairMember.objects.filter(is_open=True, mentee__in=mentees).select_related("mentee__person")
    if excluding_pair is not None:
        taken = taken.exclude(pair=excluding_pair)
    busy = list(taken)
    if busy:
        names = ", ".join(f"«{m.mentee.person.full_name}»" for m in busy)
        raise ValidationError({"mentees": f"Уже в действующей или проектируемой паре или группе: {names}."})


def _lock_mentor(mentor: Mentor) -> Mentor:
    # Serialises formations for one mentor so that two curators cannot overfill the capacity.
    return Mentor.objects.select_for_update().select_related("person").get(pk=mentor.pk)


def back_to_waiting(mentee_ids) -> None:
    """Mentees whose pair is gone wait for a mentor again — unless their card says they left or
    completed meanwhile."""
    Mentee.objects.filter(pk__in=list(mentee_ids), status=Mentee.Status.IN_PAIR).update(
        status=Mentee.Status.WAITING, version=F("version") + 1
    )


def _locked_mentees(mentees: Sequence[Mentee]) -> list[Mentee]:
    """The mentees as stored now, locked: a page opened before a change must not undo it."""
    ids = [m.pk for m in mentees]
    stored = {m.pk: m for m in Mentee.objects.select_for_update().select_related("person").filter(pk__in=ids)}
    return [stored[pk] for pk in ids if pk in stored]


def _add_members(pair: Pair, mentees: Sequence[Mentee], day: date) -> None:
    try:
        with transaction.atomic():
            PairMember.objects.bulk_create([PairMember(pair=pair, mentee=m, joined_on=day) for m in mentees])
    except IntegrityError as error:
        raise ValidationError({"mentees": "Кто-то из наставляемых уже в другой паре."}) from error
    Mentee.objects.filter(pk__in=[m.pk for m in mentees]).update(
        status=Mentee.Status.IN_PAIR, version=F("version") + 1
    )


@transaction.atomic
def form_pair(
    *,
    programme: Programme,
    mentor: Mentor,
    mentees: Sequence[Mentee],
    form: MentoringForm,
    variant: RoleVariant | None = None,
    start_date: date,
    planned_end_date: date,
    name: str = "",
    kind: str | None = None,
    user,
) -> Pair:
    """A new pair (one mentee) or group (``kind=GROUP``, several), as a draft awaiting the order."""
    mentees = list(mentees)
    kind = kind or (Pair.Kind.GROUP if len(mentees) > 1 else Pair.Kind.PAIR)
    ensure_programme_open(programme)
    mentor = _lock_mentor(mentor)
    mentees = _locked_mentees(mentees)
    _check_form(programme, form, variant)
    _check_dates(programme, start_date, planned_end_date)
    _check_people(programme=programme, mentor=mentor, mentees=mentees, form=form, kind=kind)
    _check_no_open_pair(mentees)
    _check_capacity(mentor, len(mentees))
    pair = Pair.objects.create(
        programme=programme,
        mentor=mentor,
        kind=kind,
        name=name.strip(),
        form=form,
        variant=variant,
        start_date=start_date,
        planned_end_date=planned_end_date,
        created_by=user,
    )
    _add_members(pair, mentees, start_date)
    record_event(pair=pair, kind=PairEvent.Kind.FORMED, day=today(), user=user)
    return pair


@transaction.atomic
def update_draft_pair(
    *,
    pair: Pair,
    version: int,
    mentor: Mentor,
    mentees: Sequence[Mentee],
    user,
    **fields,
) -> Pair:
    """Change a pair that no registered order fixed yet: people, form, variant, dates, name."""
    unknown = set(fields) - set(PAIR_FIELDS)
    if unknown:
        raise TypeError(f"unknown pair fields: {sorted(unknown)}")
    current = Pair.objects.select_for_update().select_related("programme").get(pk=pair.pk)
    if current.status != Pair.Status.DRAFT:
        raise ValidationError("Пара уже закреплена приказом: изменить её может только новый приказ.")
    if current.order_items.exists():
        raise ValidationError("Пара включена в проект приказа: сначала уберите её из приказа, потом меняйте.")
    check_version(current=current, version=version, fields=fields)
    mentees = list(mentees)
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    ensure_programme_open(current.programme)
    mentor = _lock_mentor(mentor)
    mentees = _locked_mentees(mentees)
    _check_form(current.programme, current.form, current.variant)
    _check_dates(current.programme, current.start_date, current.planned_end_date)
    _check_people(
        programme=current.programme, mentor=mentor, mentees=mentees, form=current.form, kind=current.kind
    )
    _check_no_open_pair(mentees, excluding_pair=current)
    _check_capacity(mentor, len(mentees), excluding_pair=current if mentor.pk == current.mentor_id else None)
    current.mentor = mentor
    current.version += 1
    current.save()
    keep = {m.pk for m in mentees}
    gone = current.members.exclude(mentee__in=keep)
    gone_mentees = list(gone.values_list("mentee_id", flat=True))
    gone.delete()
    back_to_waiting(gone_mentees)
    present = set(current.members.values_list("mentee_id", flat=True))
    _add_members(current, [m for m in mentees if m.pk not in present], current.start_date)
    current.members.update(joined_on=current.start_date)
    record_event(pair=current, kind=PairEvent.Kind.CHANGED, day=today(), user=user)
    return current


@transaction.atomic
def delete_draft_pair(*, pair: Pair, user) -> None:
    """A draft nobody ordered yet can go; its mentees wait for a pair again."""
    current = Pair.objects.select_for_update().get(pk=pair.pk)
    if current.status != Pair.Status.DRAFT:
        raise ValidationError("Пара закреплена приказом: удалить её нельзя, её можно только прекратить.")
    if current.order_items.exists():
        raise ValidationError("Пара включена в проект приказа: сначала уберите её из приказа.")
    mentee_ids = list(current.members.values_list("mentee_id", flat=True))
    current.delete()
    back_to_waiting(mentee_ids)


__all__ = ["delete_draft_pair", "form_pair", "open_load", "update_draft_pair"]
