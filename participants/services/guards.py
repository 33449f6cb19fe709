"""Rules that other writes (pairs, groups, questionnaires) call before they touch a person."""

from datetime import date

from django.core.exceptions import ValidationError

from participants.models import Mentor, Person
from participants.selectors.consents import has_valid_consent


def require_consent(*, person: Person, day: date | None = None) -> None:
    if not has_valid_consent(person, day=day):
        raise ValidationError(
            f"У участника «{person.full_name}» нет действующего согласия на обработку персональных данных."
        )


def require_ready_mentor(*, mentor: Mentor) -> None:
    if mentor.stage != Mentor.Stage.READY:
        raise ValidationError(
            f"Наставник «{mentor.person.full_name}» ещё не готов к работе: "
            f"этап «{mentor.get_stage_display()}»."
        )
    require_consent(person=mentor.person)
