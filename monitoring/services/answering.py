"""A respondent fills a questionnaire: a draft may be saved any number of times, the answer is sent once.

Values come as the form posts them, keyed by ``q<question id>``: a string, or a list for a multiple
choice. They are checked before anything is written, and written all together."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.guards import ensure_programme_open
from monitoring.models import Answer, Invitation, Question, Response
from participants.selectors.consents import has_valid_consent, today

MAX_TEXT = 5000
YES, NO = "yes", "no"


class AlreadyAnswered(ValidationError):
    """The invitation's answer was sent before (a second tab, a double click)."""

    def __init__(self):
        super().__init__("Ответ на эту анкету уже получен. Спасибо!", code="answered")


def field_name(question: Question) -> str:
    return f"q{question.pk}"


@dataclass(frozen=True)
class Value:
    number: float | None = None
    choices: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.choices and not self.text


def _number(raw: str) -> float:
    return float(raw.replace(",", ".").replace(" ", "").replace("\u00a0", ""))


def parse_value(question: Question, raw) -> Value:
    """The posted value of one question, or a ValidationError in Russian."""
    if isinstance(raw, list | tuple):
        items = [str(item).strip() for item in raw if str(item).strip()]
    else:
        items = [str(raw).strip()] if raw is not None and str(raw).strip() else []
    if not items:
        return Value()
    kind = question.kind
    if kind == Question.Kind.MULTIPLE:
        unknown = [item for item in items if item not in question.choices]
        if unknown:
            raise ValidationError("Такого варианта ответа нет.")
        return Value(choices=tuple(c for c in question.choices if c in items))
    if len(items) > 1:
        raise ValidationError("Выберите один ответ.")
    item = items[0]
    if kind == Question.Kind.SINGLE:
        if item not in question.choices:
            raise ValidationError("Такого варианта ответа нет.")
        return Value(choices=(item,))
    if kind == Question.Kind.YES_NO:
        if item not in (YES, NO):
            raise ValidationError("Ответьте «да» или «нет».")
        return Value(number=1.0 if item == YES else 0.0)
    if kind == Question.Kind.RATING:
        if item not in {str(n) for n in range(1, 11)}:
            raise ValidationError("Поставьте оценку от 1 до 10.")
        return Value(number=float(item))
    if kind == Question.Kind.NUMBER:
        try:
            number = _number(item)
        except ValueError:
            raise ValidationError("Введите число, например 4 или 4,5.") from None
        if number != number or abs(number) > 1e9:  # NaN or absurd
            raise ValidationError("Введите число, например 4 или 4,5.")
        if question.min_value is not None and number < question.min_value:
            raise ValidationError(f"Число не может быть меньше {question.min_value}.")
        if question.max_value is not None and number > question.max_value:
            raise ValidationError(f"Число не может быть больше {question.max_value}.")
        return Value(number=number)
    if len(item) > MAX_TEXT:
        raise ValidationError(f"Ответ длиннее {MAX_TEXT} знаков: сократите его.")
    return Value(text=item)


def parse_values(questions: list[Question], posted: dict, *, submit: bool) -> dict[int, Value]:
    """All values, or one ValidationError naming every wrong question by its field."""
    values, errors = {}, {}
    for question in questions:
        name = field_name(question)
        try:
            value = parse_value(question, posted.get(name))
        except ValidationError as error:
            errors[name] = error.messages
            continue
        if submit and question.required and value.is_empty:
            errors[name] = ["Ответьте на этот вопрос."]
        values[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return values


def check_can_answer(invitation: Invitation, *, day=None) -> None:
    """Why the invitation cannot be answered now, as a ValidationError; nothing when it can."""
    day = day or today()
    if invitation.status == Invitation.Status.SUBMITTED:
        raise AlreadyAnswered()
    if invitation.status == Invitation.Status.CANCELLED:
        raise ValidationError("Это приглашение отменено: отвечать на анкету не нужно.")
    campaign = invitation.campaign
    ensure_programme_open(campaign.programme)
    if day < campaign.opens_on:
        raise ValidationError(f"Приём ответов начнётся {campaign.opens_on:%d.%m.%Y}.")
    if not campaign.is_open_on(day):
        raise ValidationError("Приём ответов на эту анкету закончился.")
    if invitation.person is not None and not has_valid_consent(invitation.person, day=day):
        raise ValidationError(
            "Нет действующего согласия на обработку персональных данных: ответить на анкету сейчас нельзя. "
            "Обратитесь к куратору программы."
        )


@transaction.atomic
def save_answers(*, invitation: Invitation, posted: dict, submit: bool) -> Response:
    """Save the draft, or (``submit``) send the answer. A second send raises ``AlreadyAnswered``."""
    current = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("campaign__questionnaire", "campaign__programme", "person")
        .get(pk=invitation.pk)
    )
    check_can_answer(current)
    questionnaire = current.campaign.questionnaire
    questions = list(questionnaire.questions.order_by("position", "pk"))
    values = parse_values(questions, posted, submit=submit)
    response, _ = Response.objects.get_or_create(
        invitation=current,
        defaults={
            "campaign": current.campaign,
            "person": current.person,
            "respondent": current.respondent,
            "pair": current.pair,
            "form": current.form,
            "variant": current.variant,
        },
    )
    response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, question_id=pk, number=v.number, choices=list(v.choices), text=v.text)
        for pk, v in values.items()
        if not v.is_empty
    )
    response.version += 1
    if submit:
        response.status = Response.Status.SUBMITTED
        response.submitted_on = today()
        if questionnaire.is_anonymous:
            # From here on nothing ties the answers to the person: not the invitation, not the pair.
            response.invitation = None
            response.person = None
            response.pair = None
        current.status = Invitation.Status.SUBMITTED
        current.submitted_at = timezone.now()
    else:
        current.status = Invitation.Status.DRAFT
    response.save()
    current.save(update_fields=["status", "submitted_at"])
    return response


def draft_values(invitation: Invitation) -> dict[str, object]:
    """What a draft holds, as the form's initial values."""
    response = Response.objects.filter(invitation=invitation, status=Response.Status.DRAFT).first()
    if response is None:
        return {}
    initial: dict[str, object] = {}
    for answer in response.answers.select_related("question"):
        question = answer.question
        name = field_name(question)
        if question.kind == Question.Kind.MULTIPLE:
            initial[name] = list(answer.choices)
        elif question.kind == Question.Kind.SINGLE:
            initial[name] = answer.choices[0] if answer.choices else ""
        elif question.kind == Question.Kind.YES_NO:
            initial[name] = YES if answer.number else NO
        elif question.kind == Question.Kind.RATING:
            initial[name] = str(int(answer.number))
        elif question.kind == Question.Kind.NUMBER:
            initial[name] = f"{answer.number:g}".replace(".", ",")
        else:
            initial[name] = answer.text
    return initial
