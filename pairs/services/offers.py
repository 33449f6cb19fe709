"""Completion's long tail: a mentee who completed the programme and wants to mentor is offered
to the mentor base, as a candidate of the organisation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from pairs.models import Pair, PairMember
from participants.models import Mentee, Mentor
from participants.services.mentors import create_mentor, default_contour


@transaction.atomic
def offer_as_mentor(*, member: PairMember, user) -> Mentor:
    """Enter the mentee's person into the mentor base as a candidate; refused in Russian when the pair
    did not complete, the mentee did not complete it or did not want to mentor, or is a mentor already."""
    member = PairMember.objects.select_related("pair__programme__organisation", "mentee__person").get(
        pk=member.pk
    )
    pair, mentee = member.pair, member.mentee
    person = mentee.person
    if pair.status != Pair.Status.COMPLETED:
        raise ValidationError(
            f"{'Группа' if pair.is_group else 'Пара'} в статусе «{pair.get_status_display()}»: "
            "предложить в наставники можно того, кто завершил программу."
        )
    if mentee.status != Mentee.Status.COMPLETED:
        raise ValidationError(
            f"«{person.full_name}» не завершил(а) программу: статус «{mentee.get_status_display()}»."
        )
    if not mentee.wants_to_mentor:
        raise ValidationError(f"«{person.full_name}» не говорил(а), что хочет стать наставником.")
    if Mentor.objects.filter(person=person).exists():
        raise ValidationError(f"«{person.full_name}» уже есть в базе наставников.")
    programme = pair.programme
    return create_mentor(
        organisation=programme.organisation,
        person=person,
        user=user,
        contour=default_contour(person),
        achievements=(
            f"Завершил(а) программу наставничества «{programme.name}» как наставляемый "
            f"({pair.end_date:%d.%m.%Y})."
        ),
    )


__all__ = ["offer_as_mentor"]
