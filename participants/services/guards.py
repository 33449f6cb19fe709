"""Rules that other writes (pairs, groups, questionnaires) call before they touch a person."""

from datetime import date

from django.core.exceptions import ValidationError

from participants.models import Mentor, Person
from participants.selectors.consents import has_valid_consent


def no_consent_message(person: Person) -> str:
    return f"У участника «{person.full_name}» нет действующего согласия на обработку персональных данных."


def readiness_problem(mentor: Mentor) -> str | None:
    """Why the mentor cannot take mentees at their selection stage; ``None`` when ready."""
    if mentor.stage == Mentor.Stage.READY:
        return None
    return (
        f"Наставник «{mentor.person.full_name}» ещё не готов к работе: этап «{mentor.get_stage_display()}»."
    )


def require_consent(*, person: Person, day: date | None = None) -> None:
    if not has_valid_consent(person, day=day):
        raise ValidationError(no_consent_message(person))


def require_ready_mentor(*, mentor: Mentor) -> None:
    problem = readiness_problem(mentor)
    if problem:
        raise ValidationError(problem)
    require_consent(person=mentor.person)
