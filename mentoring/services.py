"""Writes of the core: programmes, roles. Keyword-only, atomic, and they check their own rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Membership, MentoringForm, Municipality, Organisation, Programme, User
from mentoring.roles import Role

PROGRAMME_FIELDS = ("name", "start_date", "end_date", "goal", "status")
# What feature apps install on a new programme (monitoring: the default questionnaires).
_programme_setups: list[Callable[..., None]] = []
MAX_PROGRAMME_YEARS = 3


def _check_period(start_date: date, end_date: date) -> None:
    if end_date <= start_date:
        raise ValidationError({"end_date": "Дата окончания должна быть позже даты начала."})
    if (end_date - start_date).days > MAX_PROGRAMME_YEARS * 366:
        raise ValidationError({"end_date": "Программа не может длиться дольше трёх лет."})


def _check_forms(forms: Iterable[MentoringForm]) -> list[MentoringForm]:
    forms = list(forms)
    if not forms:
        raise ValidationError({"forms": "Выберите хотя бы одну форму наставничества."})
    return forms


@transaction.atomic
def create_programme(
    *,
    organisation: Organisation,
    name: str,
    start_date: date,
    end_date: date,
    forms: Iterable[MentoringForm],
    goal: str = "",
    status: str = Programme.Status.DRAFT,
    make_current: bool = False,
    previous: Programme | None = None,
) -> Programme:
    _check_period(start_date, end_date)
    forms = _check_forms(forms)
    programme = Programme.objects.create(
        organisation=organisation,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        goal=goal.strip(),
        status=status,
        previous=previous,
    )
    programme.forms.set(forms)
    for setup in _programme_setups:
        setup(programme=programme)
    has_current = Programme.objects.filter(organisation=organisation, is_current=True).exists()
    if make_current or not has_current:
        set_current_programme(programme=programme)
        programme.refresh_from_db()
    return programme


def register_programme_setup(handler: Callable[..., None]) -> None:
    """``handler(programme=)`` runs inside the transaction that creates or edits a programme; it must
    install only what is missing."""
    if handler not in _programme_setups:
        _programme_setups.append(handler)


@transaction.atomic
def update_programme(
    *,
    programme: Programme,
    version: int,
    forms: Iterable[MentoringForm],
    **fields,
) -> Programme:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    check_version(current=current, version=version, fields=fields)
    ensure_programme_open(current)
    _check_period(fields.get("start_date", current.start_date), fields.get("end_date", current.end_date))
    forms = _check_forms(forms)
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.version += 1
    current.save()
    current.forms.set(forms)
    for setup in _programme_setups:  # a form added later gets what the apps install for it
        setup(programme=current)
    return current


@transaction.atomic
def set_current_programme(*, programme: Programme) -> Programme:
    # Lock the organisation's programmes so that two curators picking at once end with one current.
    siblings = Programme.objects.select_for_update().filter(organisation_id=programme.organisation_id)
    list(siblings)
    siblings.exclude(pk=programme.pk).filter(is_current=True).update(is_current=False)
    Programme.objects.filter(pk=programme.pk).update(is_current=True)
    programme.is_current = True
    return programme


@transaction.atomic
def grant_role(
    *,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
) -> Membership:
    if role == Role.STAFF:
        raise ValidationError("Роль администратора системы задаётся в учётной записи, а не в организации.")
    if role == Role.MUNICIPAL:
        if municipality is None or organisation is not None:
            raise ValidationError("Муниципальному куратору нужен муниципалитет, а не организация.")
        membership, _ = Membership.objects.get_or_create(user=user, role=role, municipality=municipality)
    else:
        if organisation is None or municipality is not None:
            raise ValidationError("Для этой роли нужна организация.")
        membership, _ = Membership.objects.get_or_create(user=user, role=role, organisation=organisation)
    return membership


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str | None,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    email: str = "",
    is_staff: bool = False,
) -> User:
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Пользователь с таким логином уже есть."})
    user = User(
        username=username,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        middle_name=middle_name.strip(),
        email=email.strip(),
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user
