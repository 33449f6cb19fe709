"""Awards of mentors: the curator nominates, the director approves or declines; an approved award
prints as a certificate or a letter of thanks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mentoring.guards import ensure_programme_open
from mentoring.models import Membership, Programme, User
from mentoring.roles import Role
from participants.models import Mentor, Person
from participants.selectors.consents import has_valid_consent, today
from roadmap.models import Award


@transaction.atomic
def nominate(
    *,
    programme: Programme,
    mentor: Mentor,
    kind: str,
    nomination: str,
    reason: str = "",
    addressee: str = "",
    user: User | None = None,
) -> Award:
    ensure_programme_open(programme)
    errors = {}
    if mentor.organisation_id != programme.organisation_id:
        errors["mentor"] = "Этот наставник не из вашей организации."
    elif not has_valid_consent(mentor.person):
        errors["mentor"] = (
            "У наставника нет действующего согласия на обработку данных: его имя нельзя печатать."
        )
    if not nomination.strip():
        errors["nomination"] = "Укажите номинацию, например «Лучший наставник»."
    if kind == Award.Kind.LETTER_PARENTS and mentor.person.kind != Person.Kind.STUDENT:
        errors["kind"] = "Письмо родителям пишут родителям наставника-обучающегося."
    if kind in (Award.Kind.LETTER_PARENTS, Award.Kind.LETTER_EMPLOYER) and not addressee.strip():
        errors["addressee"] = "Укажите, кому адресовано письмо."
    if errors:
        raise ValidationError(errors)
    return Award.objects.create(
        programme=programme,
        mentor=mentor,
        kind=kind,
        nomination=nomination.strip(),
        reason=reason.strip(),
        addressee=addressee.strip(),
        nominated_by=user,
        nominated_on=today(),
    )


@transaction.atomic
def decide(*, award: Award, approve: bool, user: User, comment: str = "") -> Award:
    current = Award.objects.select_for_update(of=("self",)).select_related("programme").get(pk=award.pk)
    ensure_programme_open(current.programme)
    is_director = Membership.objects.filter(
        user=user, organisation=current.programme.organisation_id, role=Role.DIRECTOR
    ).exists()
    if not is_director:
        raise PermissionDenied("Решение о награждении принимает директор.")
    if current.status != Award.Status.PROPOSED:
        raise ValidationError("По этому награждению решение уже принято.")
    current.status = Award.Status.APPROVED if approve else Award.Status.DECLINED
    current.decided_by, current.decided_on = user, today()
    current.decision_comment = comment.strip()[:300]
    current.version += 1
    current.save()
    return current


@transaction.atomic
def withdraw(*, award: Award, user: User | None = None) -> None:
    ensure_programme_open(award.programme)
    if award.status == Award.Status.APPROVED:
        raise ValidationError("Утверждённое награждение не удаляется: оно уже могло быть вручено.")
    award.delete()
