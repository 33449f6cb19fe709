"""Writes of the mentee base: who enters a programme as a mentee, why, with which requests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from participants.models import Mentee, MenteeCategory, MenteeRequest, Person, Topic
from participants.services.access_log import Action, log_access

MENTEE_FIELDS = ("entry_date", "status", "results", "case_links", "completion_date", "wants_to_mentor")


def _check_person(programme: Programme, person: Person) -> None:
    if person.organisation_id != programme.organisation_id:
        raise ValidationError("Этот человек не относится к организации программы.")
    if person.is_pseudonymised:
        raise ValidationError(
            "Данные участника обезличены после отзыва согласия: включить его в базу нельзя."
        )
    if person.kind not in (Person.Kind.STUDENT, Person.Kind.TEACHER, Person.Kind.STAFF):
        raise ValidationError("Наставляемым может быть обучающийся или педагог.")


def _check_dates(programme: Programme, mentee: Mentee) -> None:
    if mentee.entry_date and mentee.entry_date > programme.end_date:
        raise ValidationError({"entry_date": "Дата вхождения позже окончания программы."})
    if mentee.completion_date and mentee.entry_date and mentee.completion_date < mentee.entry_date:
        raise ValidationError({"completion_date": "Дата завершения раньше даты вхождения."})
    if mentee.status == Mentee.Status.COMPLETED and not mentee.completion_date:
        raise ValidationError({"completion_date": "Укажите дату завершения программы."})


@transaction.atomic
def add_mentee(
    *,
    programme: Programme,
    person: Person,
    entry_date: date,
    categories: Iterable[MenteeCategory] = (),
    request_text: str = "",
    topics: Iterable[Topic] = (),
    user,
) -> Mentee:
    ensure_programme_open(programme)
    _check_person(programme, person)
    mentee = Mentee(programme=programme, person=person, entry_date=entry_date)
    _check_dates(programme, mentee)
    try:
        with transaction.atomic():
            mentee.save()
    except IntegrityError as error:
        raise ValidationError(f"«{person.full_name}» уже есть в базе наставляемых этой программы.") from error
    mentee.categories.set(categories)
    if request_text.strip() or topics:
        add_request(mentee=mentee, text=request_text, topics=topics, user=None)
    log_access(
        user=user,
        organisation=programme.organisation,
        action=Action.CREATE,
        person=person,
        detail=f"Включён в базу наставляемых программы «{programme.name}»",
    )
    return mentee


@transaction.atomic
def update_mentee(
    *, mentee: Mentee, version: int, categories: Iterable[MenteeCategory], user, **fields
) -> Mentee:
    unknown = set(fields) - set(MENTEE_FIELDS)
    if unknown:
        raise TypeError(f"unknown mentee fields: {sorted(unknown)}")
    current = Mentee.objects.select_for_update().select_related("programme", "person").get(pk=mentee.pk)
    ensure_programme_open(current.programme)
    check_version(current=current, version=version, fields=fields)
    wanted = fields.get("status", current.status)
    if Mentee.Status.WITHDRAWN in (wanted, current.status) and wanted != current.status:
        # The withdrawal sets it and nothing takes it back: a pseudonymised person is asked nothing more.
        raise ValidationError(
            {
                "status": "Статус «Согласие отозвано» ставится только при отзыве согласия на карточке "
                "участника и больше не меняется."
            }
        )
    if Mentee.Status.IN_PAIR in (wanted, current.status) and wanted != current.status:
        # Pairs set and clear it: a status changed here would leave a pair without its mentee.
        raise ValidationError(
            {
                "status": "Статус «В паре или группе» ставится при формировании пары и снимается, когда пара "
                "завершается или прекращается: сделайте это на странице пары."
            }
        )
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    _check_dates(current.programme, current)
    current.version += 1
    current.save()
    current.categories.set(categories)
    log_access(
        user=user,
        organisation=current.programme.organisation,
        action=Action.UPDATE,
        person=current.person,
        detail="Изменена запись в базе наставляемых",
    )
    return current


def withdraw_from_mentee_bases(person: Person) -> None:
    """The person withdrew consent: in every programme still running they stop waiting for a mentor.
    Runs after the pairs ended (which put the mentee back to «ожидает»); a draft pair keeps its member
    until the curator edits it. Completed and left mentees keep their status, and a completed
    programme keeps its base as it was closed."""
    Mentee.objects.filter(person=person, status__in=(Mentee.Status.WAITING, Mentee.Status.IN_PAIR)).exclude(
        programme__status=Programme.Status.COMPLETED
    ).update(status=Mentee.Status.WITHDRAWN, version=F("version") + 1)


@transaction.atomic
def add_request(*, mentee: Mentee, text: str, topics: Iterable[Topic] = (), user) -> MenteeRequest:
    ensure_programme_open(mentee.programme)
    text = text.strip()
    topics = list(topics)
    if not text and not topics:
        raise ValidationError("Опишите запрос или выберите хотя бы одну тему.")
    if not text:
        text = "; ".join(t.name for t in topics)
    item = MenteeRequest.objects.create(mentee=mentee, text=text)
    item.topics.set(topics)
    if user is not None:
        log_access(
            user=user,
            organisation=mentee.programme.organisation,
            action=Action.UPDATE,
            person=mentee.person,
            detail="Добавлен запрос",
        )
    return item


@transaction.atomic
def remove_request(*, request_item: MenteeRequest, user) -> None:
    mentee = request_item.mentee
    ensure_programme_open(mentee.programme)
    request_item.delete()
    log_access(
        user=user,
        organisation=mentee.programme.organisation,
        action=Action.UPDATE,
        person=mentee.person,
        detail="Удалён запрос",
    )
