"""Small builders for participant records; tests pass only what matters to them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from mentoring.models import Organisation, Programme
from participants.models import (
    Consent,
    Mentee,
    MenteeRequest,
    Mentor,
    Person,
    Topic,
    TrainingCourse,
    TrainingSession,
)
from tests.upload_files import pdf_bytes

_numbers = count(1)


def make_person(organisation: Organisation, *, kind: str = Person.Kind.STUDENT, **fields) -> Person:
    n = next(_numbers)
    defaults = {
        "last_name": f"Иванов{n}",
        "first_name": "Пётр",
        "middle_name": "Сергеевич",
        "gender": Person.Gender.MALE,
    }
    if kind == Person.Kind.STUDENT:
        defaults.update(birth_date=date(2012, 3, 14), grade=8, class_letter="А")
    else:
        defaults.update(
            birth_date=date(1980, 5, 20), position="Учитель", subjects="Математика", experience_years=15
        )
    defaults.update(fields)
    return Person.objects.create(organisation=organisation, kind=kind, **defaults)


def give_consent(person: Person, *, signed_on: date = date(2026, 9, 1), **fields) -> Consent:
    if person.kind == Person.Kind.STUDENT and "signer" not in fields:
        fields.update(
            signer=Consent.Signer.REPRESENTATIVE,
            representative_name="Иванова Мария Петровна",
            representative_relation="мать",
        )
    return Consent.objects.create(person=person, signed_on=signed_on, **fields)


def make_mentee(
    programme: Programme, person: Person | None = None, *, request: str = "", topics=(), **fields
):
    person = person or make_person(programme.organisation)
    fields.setdefault("entry_date", date(2026, 9, 15))
    mentee = Mentee.objects.create(programme=programme, person=person, **fields)
    if request or topics:
        item = MenteeRequest.objects.create(mentee=mentee, text=request or "Нужна помощь")
        item.topics.set(topics)
    return mentee


def make_mentor(organisation: Organisation, person: Person | None = None, *, topics=(), **fields) -> Mentor:
    person = person or make_person(organisation, kind=Person.Kind.TEACHER)
    fields.setdefault("contour", Mentor.Contour.INTERNAL)
    fields.setdefault("stage", Mentor.Stage.READY)
    mentor = Mentor.objects.create(organisation=organisation, person=person, **fields)
    mentor.topics.set(topics)
    return mentor


def topic(name: str) -> Topic:
    return Topic.objects.get(organisation=None, name=name)


def make_course(organisation: Organisation, *, mentors=(), sessions: int = 4, **fields) -> TrainingCourse:
    fields.setdefault("name", "Школа наставника")
    course = TrainingCourse.objects.create(organisation=organisation, **fields)
    course.participants.set(mentors)
    for number in range(1, sessions + 1):
        TrainingSession.objects.create(
            course=course,
            number=number,
            date=date(2026, 9, 1) + timedelta(weeks=number - 1),
            topic=f"Занятие {number}",
        )
    return course


# A real one-page PDF: a scan is opened by pypdf before it is kept (the content is checked, not the name).
SCAN_PDF = pdf_bytes()


def give_scanned_consent(
    person: Person, *, content: bytes = SCAN_PDF, name: str = "scan.pdf", **fields
) -> Consent:
    """A consent with the scan of the signed paper stored in the private storage."""
    from django.core.files.base import ContentFile

    consent = give_consent(person, **fields)
    consent.scan.save(name, ContentFile(content), save=False)
    consent.scan_name = name
    consent.save()
    return consent


def make_import_upload(organisation: Organisation, *, user=None, content: bytes | None = None, **fields):
    """An uploaded list waiting for its preview, read and checked as the upload page does: a small valid
    class list unless ``content`` is given. ``fields``: ``programme`` (the current one by default), ``kind``."""
    from mentoring.models import Membership
    from participants.importing import read_sheet
    from participants.services.imports import store_upload
    from tests.xlsx import class_list

    if user is None:
        user = Membership.objects.filter(organisation=organisation).select_related("user").first().user
    fields.setdefault(
        "programme", Programme.objects.filter(organisation=organisation, is_current=True).first()
    )
    sheet = read_sheet(content if content is not None else class_list(2))
    return store_upload(organisation=organisation, user=user, sheet=sheet, **fields)


# The one wording of «a completed programme is read-only» (``mentoring.guards``), for the world's
# programme.
WORLD_READ_ONLY = "Программа «Путь к успеху!» завершена: она только для чтения."
