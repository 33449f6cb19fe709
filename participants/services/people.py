"""Writes of the people of an organisation: students, staff, parents, graduates, partners."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.editing import check_version
from mentoring.models import Organisation
from participants.models import Person
from participants.services.access_log import Action, log_access

PERSON_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "middle_name",
    "gender",
    "birth_date",
    "grade",
    "class_letter",
    "in_additional_education",
    "position",
    "subjects",
    "experience_years",
    "qualification_category",
    "employer",
    "email",
    "phone",
    "representative_name",
    "representative_relation",
    "representative_phone",
    "representative_email",
    "external_id",
)


NAME_FIELDS = ("last_name", "first_name", "middle_name")


def normalise_name(value: str) -> str:
    """«никитин» and «НИКИТИН» become «Никитин»; a deliberate «Мак-Грегор» stays as typed."""
    value = " ".join(value.split())
    if value.islower() or value.isupper():
        value = "-".join(part[:1].upper() + part[1:].lower() for part in value.split("-"))
    return value


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    for name in NAME_FIELDS:
        if name in cleaned:
            cleaned[name] = normalise_name(cleaned[name])
    if "class_letter" in cleaned:
        cleaned["class_letter"] = cleaned["class_letter"].upper()
    return cleaned


def _check(person: Person) -> None:
    errors: dict[str, str] = {}
    if not person.last_name:
        errors["last_name"] = "Укажите фамилию."
    if not person.first_name:
        errors["first_name"] = "Укажите имя."
    if person.birth_date and person.birth_date > timezone.localdate():
        errors["birth_date"] = "Дата рождения не может быть в будущем."
    if person.birth_date and person.birth_date < date(1920, 1, 1):
        errors["birth_date"] = "Проверьте год рождения."
    if person.kind == Person.Kind.STUDENT and not person.grade:
        errors["grade"] = "Для обучающегося укажите класс."
    if person.kind != Person.Kind.STUDENT and (person.grade or person.class_letter):
        errors["grade"] = "Класс указывают только для обучающихся."
    if errors:
        raise ValidationError(errors)
    twins = Person.objects.filter(
        organisation_id=person.organisation_id,
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        birth_date=person.birth_date,
    ).exclude(pk=person.pk)
    if person.birth_date and twins.exists():
        raise ValidationError(
            "Человек с такими ФИО и датой рождения уже есть в организации. Откройте его карточку."
        )


@transaction.atomic
def create_person(*, organisation: Organisation, user, **fields) -> Person:
    person = Person(organisation=organisation, **_clean(fields))
    _check(person)
    person.save()
    log_access(
        user=user, organisation=organisation, action=Action.CREATE, person=person, detail="Карточка создана"
    )
    return person


@transaction.atomic
def update_person(*, person: Person, version: int, user, **fields) -> Person:
    fields = _clean(fields)
    current = Person.objects.select_for_update().get(pk=person.pk)
    check_version(current=current, version=version, fields=fields)
    if current.is_pseudonymised:
        raise ValidationError("Данные этого участника обезличены после отзыва согласия; их нельзя изменить.")
    changed = [current._meta.get_field(k).verbose_name for k, v in fields.items() if getattr(current, k) != v]
    for name, value in fields.items():
        setattr(current, name, value)
    _check(current)
    current.version += 1
    current.save()
    if changed:
        log_access(
            user=user,
            organisation=current.organisation,
            action=Action.UPDATE,
            person=current,
            detail="Изменены поля: " + ", ".join(changed),
        )
    return current
