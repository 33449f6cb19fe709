"""Writes of the mentor base: entering a person, the profile, the questionnaire, the interview,
and the selection stages (candidate → interviewed → trained → ready, and the reserve).

The stage rules (``move_mentor_stage``):

- to «Прошёл собеседование»: the interview is recorded;
- to «Прошёл обучение»: the interview is recorded and the mentor completed a primary training course
  (attendance rule in participants.selectors.training);
- to «Готов к работе»: all of that, and a valid consent to the processing of personal data;
- to «В резерве»: always allowed;
- out of the reserve: back to the stage the mentor was moved there from (the latest stage change, when
  it is the move into the reserve), or to any stage the recorded facts (interview, training, consent)
  qualify them for; «Готов к работе» still needs a valid consent on the day;
- a mentor whose consent was withdrawn (the data erased) only goes to the reserve, and the withdrawal
  itself puts them there (participants.services.consents);
- back down the funnel (e.g. ready → interviewed): refused, the reserve is the way to step a mentor aside.

A mentor whose stage already says they were interviewed or trained counts as such even without an
interview or a course recorded in the product: mentors selected before the product was used come
in through the import with that stage.

Stage changes, like every change of the card, are written to the access journal with the stage codes
in a parseable prefix; the card's stage history is read from there (participants.selectors.mentors).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.editing import check_version
from mentoring.models import Organisation
from participants.models import AccessLogEntry, Mentor, Person, Topic
from participants.selectors.consents import today
from participants.selectors.mentors import FUNNEL, stage_before_reserve, stage_log_detail
from participants.selectors.training import has_completed_primary_training
from participants.services.access_log import log_access
from participants.services.guards import require_consent

Action = AccessLogEntry.Action
Stage = Mentor.Stage
Contour = Mentor.Contour

# Seed 000 lists students, teachers and parents (active members of parents' councils) in the
# internal contour; graduates, employees of partner companies, entrepreneurs and partner
# organisations in the external one.
CONTOUR_BY_KIND = {
    Person.Kind.STUDENT: Contour.INTERNAL,
    Person.Kind.TEACHER: Contour.INTERNAL,
    Person.Kind.STAFF: Contour.INTERNAL,
    Person.Kind.PARENT: Contour.INTERNAL,
    Person.Kind.GRADUATE: Contour.EXTERNAL,
    Person.Kind.EXTERNAL: Contour.EXTERNAL,
}

PROFILE_FIELDS = (
    "contour",
    "competences",
    "achievements",
    "interests",
    "preferred_age_from",
    "preferred_age_to",
    "capacity",
    "agrees_future_programmes",
    "agrees_district",
)
QUESTIONNAIRE_FIELDS = ("motivation", "experience", "expectations")
MAX_CAPACITY = 30
ERASED_REFUSAL = (
    "Согласие наставника отозвано, его данные обезличены: карточку больше не заполняют "
    "и по этапам отбора не переводят (только в резерв)."
)


def default_contour(person: Person) -> str:
    return CONTOUR_BY_KIND.get(person.kind, Contour.INTERNAL)


def _clean_text(value):
    return value.strip() if isinstance(value, str) else value


def check_profile(fields: dict) -> None:
    """The rules of a mentor's profile; the form runs them too, before the model's constraints do."""
    errors: dict[str, str] = {}
    if "contour" in fields and fields["contour"] not in Contour.values:
        errors["contour"] = "Выберите внутренний или внешний контур."
    capacity = fields.get("capacity")
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Наставник может взять от 1 до {MAX_CAPACITY} наставляемых."
    age_from, age_to = fields.get("preferred_age_from"), fields.get("preferred_age_to")
    if age_from is not None and age_to is not None and age_from > age_to:
        errors["preferred_age_to"] = "Возраст «до» не может быть меньше возраста «от»."
    if errors:
        raise ValidationError(errors)


def _check_topics(organisation: Organisation, topics: Iterable[Topic]) -> list[Topic]:
    topics = list(topics)
    allowed = set(
        Topic.objects.for_organisation(organisation)
        .filter(pk__in=[t.pk for t in topics])
        .values_list("pk", flat=True)
    )
    foreign = [t.name for t in topics if t.pk not in allowed]
    if foreign:
        raise ValidationError({"topics": f"Темы нет в списке вашей организации: {', '.join(foreign)}."})
    return topics


def _refuse_if_erased(mentor: Mentor) -> None:
    # After a withdrawal the person's data may no longer be processed: only the reserve is left.
    if mentor.person.is_pseudonymised:
        raise ValidationError(ERASED_REFUSAL)


def _locked(mentor: Mentor) -> Mentor:
    # The person first, then the mentor — the order a withdrawal of consent locks them in, so the two
    # never deadlock and a withdrawal cannot interleave with a stage move.
    Person.objects.select_for_update().only("pk").get(pk=mentor.person_id)
    return (
        Mentor.objects.select_for_update(of=("self",))
        .select_related("person", "organisation")
        .get(pk=mentor.pk)
    )


def _log(*, mentor: Mentor, user, action: str, detail: str) -> None:
    log_access(
        user=user, organisation=mentor.organisation, action=action, person=mentor.person, detail=detail
    )


@transaction.atomic
def create_mentor(
    *,
    organisation: Organisation,
    person: Person,
    user,
    contour: str = "",
    topics: Iterable[Topic] = (),
    competences: str = "",
    achievements: str = "",
    interests: str = "",
    preferred_age_from: int | None = None,
    preferred_age_to: int | None = None,
    capacity: int = 1,
    agrees_future_programmes: bool = False,
    agrees_district: bool = False,
) -> Mentor:
    """Enter a person of the organisation into the mentor base as a candidate.

    The contour, when not given, follows from who the person is (see CONTOUR_BY_KIND).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": "Этот человек не относится к вашей организации."})
    if person.is_pseudonymised:
        raise ValidationError({"person": "Данные этого человека обезличены после отзыва согласия."})
    if Mentor.objects.filter(person=person).exists():
        raise ValidationError({"person": f"«{person.full_name}» уже есть в базе наставников."})
    fields = {
        "contour": contour or default_contour(person),
        "competences": competences,
        "achievements": achievements,
        "interests": interests,
        "preferred_age_from": preferred_age_from,
        "preferred_age_to": preferred_age_to,
        "capacity": capacity,
        "agrees_future_programmes": agrees_future_programmes,
        "agrees_district": agrees_district,
    }
    check_profile(fields)
    topics = _check_topics(organisation, topics)
    mentor = Mentor.objects.create(
        organisation=organisation,
        person=person,
        stage=Stage.CANDIDATE,
        stage_changed_on=today(),
        **{k: _clean_text(v) for k, v in fields.items()},
    )
    mentor.topics.set(topics)
    _log(
        mentor=mentor,
        user=user,
        action=Action.CREATE,
        detail=stage_log_detail(
            None, Stage.CANDIDATE, f"внесён в базу наставников, «{Stage.CANDIDATE.label}»"
        ),
    )
    return mentor


@transaction.atomic
def update_mentor(*, mentor: Mentor, version: int, user, topics: Iterable[Topic], **fields) -> Mentor:
    """Save the profile; refuse it when someone else saved the profile after the form was opened."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown mentor fields: {sorted(unknown)}")
    fields = {k: _clean_text(v) for k, v in fields.items()}
    current = _locked(mentor)
    _refuse_if_erased(current)
    topics = list(topics)
    if current.version != version:
        now = sorted(t.name for t in current.topics.all())
        wanted = sorted(t.name for t in topics)
        topics_changed = (
            {Mentor._meta.get_field("topics").verbose_name: (", ".join(now), ", ".join(wanted))}
            if now != wanted
            else {}
        )
        check_version(current=current, version=version, fields=fields, also_changed=topics_changed)
    check_profile(fields)
    topics = _check_topics(current.organisation, topics)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    current.topics.set(topics)
    _log(mentor=current, user=user, action=Action.UPDATE, detail="Карточка наставника: изменён профиль")
    return current


@transaction.atomic
def record_questionnaire(
    *, mentor: Mentor, user, motivation: str, experience: str, expectations: str
) -> Mentor:
    """The candidate's answers to the free-form questionnaire, as the curator recorded them."""
    current = _locked(mentor)
    _refuse_if_erased(current)
    answers = {"motivation": motivation, "experience": experience, "expectations": expectations}
    answers = {k: v.strip() for k, v in answers.items()}
    if not any(answers.values()):
        raise ValidationError("Анкета пустая: запишите хотя бы один ответ кандидата.")
    for name, value in answers.items():
        setattr(current, name, value)
    current.save(update_fields=[*answers, "updated_at"])
    _log(mentor=current, user=user, action=Action.UPDATE, detail="Карточка наставника: анкета кандидата")
    return current


@transaction.atomic
def record_interview(
    *, mentor: Mentor, user, interview_date: date, interviewer: str, conclusion: str, on: date | None = None
) -> Mentor:
    """Record the interview; a candidate moves on to «Прошёл собеседование»."""
    day = on or today()
    current = _locked(mentor)
    _refuse_if_erased(current)
    errors = {}
    if interview_date is None:
        errors["interview_date"] = "Укажите дату собеседования."
    elif interview_date > day:
        errors["interview_date"] = "Собеседование ещё не прошло: дата не может быть позже сегодняшней."
    if not (interviewer or "").strip():
        errors["interviewer"] = "Укажите, кто проводил собеседование."
    if not (conclusion or "").strip():
        errors["interview_conclusion"] = "Запишите заключение по собеседованию."
    if errors:
        raise ValidationError(errors)
    current.interview_date = interview_date
    current.interviewer = interviewer.strip()
    current.interview_conclusion = conclusion.strip()
    current.save(update_fields=["interview_date", "interviewer", "interview_conclusion", "updated_at"])
    _log(
        mentor=current,
        user=user,
        action=Action.UPDATE,
        detail=f"Карточка наставника: собеседование {interview_date:%d.%m.%Y}",
    )
    if current.stage == Stage.CANDIDATE:
        _set_stage(mentor=current, stage=Stage.INTERVIEWED, user=user, on=day)
    return current


def _set_stage(*, mentor: Mentor, stage: str, user, on: date) -> None:
    old = mentor.stage
    mentor.stage = stage
    mentor.stage_changed_on = on
    mentor.save(update_fields=["stage", "stage_changed_on", "updated_at"])
    _log(mentor=mentor, user=user, action=Action.UPDATE, detail=stage_log_detail(old, stage))


def _standing(mentor: Mentor) -> str:
    """The stage the mentor reached: for one in the reserve, the stage they were moved there from."""
    if mentor.stage != Stage.RESERVE:
        return mentor.stage
    return stage_before_reserve(mentor) or Stage.RESERVE


def _is_interviewed(mentor: Mentor, standing: str) -> bool:
    return mentor.interview_date is not None or standing in (Stage.INTERVIEWED, Stage.TRAINED, Stage.READY)


def _is_trained(mentor: Mentor, standing: str) -> bool:
    return standing in (Stage.TRAINED, Stage.READY) or has_completed_primary_training(mentor)


def _refusal(mentor: Mentor, stage: str, day: date) -> str | None:
    """Why the mentor may not move to ``stage`` now, or None."""
    name = mentor.person.full_name
    if stage == Stage.RESERVE:
        return None
    if mentor.person.is_pseudonymised:
        return ERASED_REFUSAL
    if stage == Stage.CANDIDATE:
        return "Вернуть наставника в кандидаты нельзя: чтобы отложить его, переведите его в резерв."
    if mentor.stage in FUNNEL and FUNNEL.index(mentor.stage) > FUNNEL.index(stage):
        return (
            f"Наставник «{name}» уже на этапе «{mentor.get_stage_display()}»: назад по этапам отбора "
            "не переводят, при необходимости переведите его в резерв."
        )
    standing = _standing(mentor)
    if not _is_interviewed(mentor, standing):
        return f"Сначала проведите и запишите собеседование с кандидатом «{name}»."
    if stage == Stage.INTERVIEWED:
        return None
    if not _is_trained(mentor, standing):
        return (
            f"«{name}» ещё не прошёл первичное обучение: отметьте посещение занятий курса "
            "и подведите его итоги."
        )
    if stage == Stage.TRAINED:
        return None
    try:
        require_consent(person=mentor.person, day=day)
    except ValidationError as error:
        return f"{error.messages[0]} Без согласия наставник не может быть готов к работе."
    return None


@transaction.atomic
def move_mentor_stage(*, mentor: Mentor, stage: str, user, on: date | None = None) -> Mentor:
    """Move a mentor to another selection stage under the rules in this module's docstring."""
    day = on or today()
    if stage not in Stage.values:
        raise ValidationError("Неизвестный этап отбора.")
    current = _locked(mentor)
    if current.stage == stage:
        raise ValidationError(f"Наставник уже на этапе «{current.get_stage_display()}».")
    reason = _refusal(current, stage, day)
    if reason:
        raise ValidationError(reason)
    _set_stage(mentor=current, stage=stage, user=user, on=day)
    return current


@transaction.atomic
def promote_to_trained(*, mentor: Mentor, user, on: date) -> None:
    """Used by the course results, which checked the attendance: an interviewed mentor is trained."""
    current = _locked(mentor)
    _refuse_if_erased(current)
    if current.stage != Stage.INTERVIEWED:
        raise ValidationError(
            f"По итогам курса переводят только с этапа «{Stage.INTERVIEWED.label}», "
            f"а наставник на этапе «{current.get_stage_display()}»."
        )
    _set_stage(mentor=current, stage=Stage.TRAINED, user=user, on=on)
    mentor.stage, mentor.stage_changed_on = current.stage, current.stage_changed_on
