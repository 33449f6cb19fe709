"""Writes of questionnaires: create, edit metadata, sections and questions.

A questionnaire that has answers is frozen: the first edit after that copies it into the next revision
and applies the edit there, so the old answers stay tied to the questions they answered. Every edit
returns the questionnaire it was made in, and bumps its ``version`` (one lock for the whole sheet).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import MentoringForm, Programme
from monitoring.models import Question, Questionnaire, Response, Section, Stage

QUESTIONNAIRE_FIELDS = ("title", "description", "is_anonymous", "audience")
QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "required",
    "choices",
    "min_value",
    "max_value",
    "report_role",
)
MAX_CHOICES = 20


def is_frozen(questionnaire: Questionnaire) -> bool:
    return Response.objects.filter(campaign__questionnaire=questionnaire).exists()


def _check_forms(programme: Programme, forms: Iterable[MentoringForm]) -> list[MentoringForm]:
    forms = list(forms)
    if not forms:
        raise ValidationError({"forms": "Выберите хотя бы одну форму наставничества."})
    allowed = set(programme.forms.values_list("pk", flat=True))
    strangers = [form.name for form in forms if form.pk not in allowed]
    if strangers:
        raise ValidationError({"forms": f"Этих форм нет в программе: {', '.join(strangers)}."})
    return forms


def _check_stage(*, stage: int, is_anonymous: bool) -> None:
    if stage == Stage.IMPACT and is_anonymous:
        raise ValidationError(
            {
                "is_anonymous": "Анкета второго этапа сравнивает ответы одного человека на входе и на выходе, "
                "поэтому не может быть анонимной."
            }
        )


def clean_question(*, kind: str, text: str, choices: list[str], min_value, max_value) -> list[str]:
    """The question's own rules; returns the cleaned list of options."""
    if not text.strip():
        raise ValidationError({"text": "Напишите текст вопроса."})
    options = [c.strip() for c in choices if c and c.strip()]
    if kind in Question.CHOICE_KINDS:
        if len(options) < 2:
            raise ValidationError({"choices": "Для вопроса с выбором нужно не меньше двух вариантов ответа."})
        if len(options) > MAX_CHOICES:
            raise ValidationError({"choices": f"Вариантов ответа может быть не больше {MAX_CHOICES}."})
        if len(set(options)) != len(options):
            raise ValidationError({"choices": "Варианты ответа повторяются."})
    else:
        options = []
    if (
        kind == Question.Kind.NUMBER
        and min_value is not None
        and max_value is not None
        and min_value >= max_value
    ):
        raise ValidationError({"max_value": "Наибольшее число должно быть больше наименьшего."})
    return options


@transaction.atomic
def create_questionnaire(
    *,
    programme: Programme,
    title: str,
    stage: int,
    respondent: str,
    forms: Iterable[MentoringForm],
    description: str = "",
    audience: str = "",
    is_anonymous: bool = False,
    code: str = "",
    user=None,
) -> Questionnaire:
    ensure_programme_open(programme)
    _check_stage(stage=stage, is_anonymous=is_anonymous)
    if not title.strip():
        raise ValidationError({"title": "Напишите название анкеты."})
    forms = _check_forms(programme, forms)
    questionnaire = Questionnaire.objects.create(
        programme=programme,
        code=code,
        title=title.strip(),
        description=description.strip(),
        stage=stage,
        respondent=respondent,
        audience=audience,
        is_anonymous=is_anonymous,
        created_by=user,
    )
    questionnaire.forms.set(forms)
    return questionnaire


def _copy(questionnaire: Questionnaire, user) -> tuple[Questionnaire, dict[int, int], dict[int, int]]:
    """The next revision with the same sections and questions: (new, section ids map, question ids map)."""
    copy = Questionnaire.objects.create(
        programme=questionnaire.programme,
        code=questionnaire.code,
        title=questionnaire.title,
        description=questionnaire.description,
        stage=questionnaire.stage,
        respondent=questionnaire.respondent,
        audience=questionnaire.audience,
        is_anonymous=questionnaire.is_anonymous,
        revision=questionnaire.revision + 1,
        previous=questionnaire,
        version=questionnaire.version,
        created_by=user,
    )
    copy.forms.set(questionnaire.forms.all())
    sections = {}
    for section in questionnaire.sections.all():
        sections[section.pk] = Section.objects.create(
            questionnaire=copy, title=section.title, position=section.position
        ).pk
    questions = {}
    for question in questionnaire.questions.all():
        old_pk = question.pk
        question.pk = None
        question.questionnaire = copy
        question.section_id = sections.get(question.section_id)
        question.save()
        questions[old_pk] = question.pk
    questionnaire.is_current = False
    questionnaire.save(update_fields=["is_current"])
    return copy, sections, questions


class Revision:
    """Where an edit lands: the questionnaire itself, or its next revision when it has answers."""

    def __init__(
        self, *, questionnaire: Questionnaire, version: int | None, user, fields: dict | None = None
    ):
        current = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        ensure_programme_open(current.programme)
        if not current.is_current:
            raise ValidationError(
                "Это прежняя редакция анкеты: её ответы сохранены как были. Изменения вносятся в действующую."
            )
        if version is not None:
            check_version(current=current, version=version, fields=fields or {})
        self.is_new = is_frozen(current)
        if self.is_new:
            self.questionnaire, self.sections, self.questions = _copy(current, user)
        else:
            self.questionnaire, self.sections, self.questions = current, {}, {}

    def section_id(self, section_id: int | None) -> int | None:
        return self.sections.get(section_id, section_id) if section_id else None

    def question(self, question: Question) -> Question:
        return Question.objects.get(pk=self.questions.get(question.pk, question.pk))

    def done(self) -> Questionnaire:
        self.questionnaire.version += 1
        self.questionnaire.save(update_fields=["version"])
        return self.questionnaire


@transaction.atomic
def update_questionnaire(
    *, questionnaire: Questionnaire, version: int, forms: Iterable[MentoringForm], user=None, **fields
) -> Questionnaire:
    unknown = set(fields) - set(QUESTIONNAIRE_FIELDS)
    if unknown:
        raise TypeError(f"unknown questionnaire fields: {sorted(unknown)}")
    revision = Revision(questionnaire=questionnaire, version=version, user=user, fields=fields)
    target = revision.questionnaire
    _check_stage(stage=target.stage, is_anonymous=fields.get("is_anonymous", target.is_anonymous))
    forms = _check_forms(target.programme, forms)
    if "title" in fields and not fields["title"].strip():
        raise ValidationError({"title": "Напишите название анкеты."})
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    target.save()
    target.forms.set(forms)
    return revision.done()


def _section_title(title: str) -> str:
    """The title as it is stored; the one-button forms post it straight to the service."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Напишите название раздела."})
    limit = Section._meta.get_field("title").max_length
    if len(title) > limit:
        raise ValidationError({"title": f"Название раздела — не длиннее {limit} символов."})
    return title


@transaction.atomic
def add_section(*, questionnaire: Questionnaire, version: int | None, title: str, user=None) -> Questionnaire:
    title = _section_title(title)
    revision = Revision(questionnaire=questionnaire, version=version, user=user)
    target = revision.questionnaire
    last = target.sections.order_by("-position").values_list("position", flat=True).first() or 0
    Section.objects.create(questionnaire=target, title=title, position=last + 1)
    return revision.done()


@transaction.atomic
def rename_section(*, section: Section, version: int | None, title: str, user=None) -> Questionnaire:
    title = _section_title(title)
    revision = Revision(questionnaire=section.questionnaire, version=version, user=user)
    Section.objects.filter(pk=revision.section_id(section.pk)).update(title=title)
    return revision.done()


@transaction.atomic
def delete_section(*, section: Section, version: int | None, user=None) -> Questionnaire:
    """The section goes; its questions stay, outside any section."""
    revision = Revision(questionnaire=section.questionnaire, version=version, user=user)
    Section.objects.filter(pk=revision.section_id(section.pk)).delete()
    return revision.done()


def _next_position(questionnaire: Questionnaire) -> int:
    last = questionnaire.questions.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def add_question(
    *,
    questionnaire: Questionnaire,
    version: int | None,
    kind: str,
    text: str,
    section: Section | None = None,
    help_text: str = "",
    required: bool = True,
    choices: list[str] | None = None,
    min_value: int | None = None,
    max_value: int | None = None,
    report_role: str = "",
    characteristic=None,
    user=None,
) -> Questionnaire:
    options = clean_question(
        kind=kind, text=text, choices=choices or [], min_value=min_value, max_value=max_value
    )
    revision = Revision(questionnaire=questionnaire, version=version, user=user)
    target = revision.questionnaire
    Question.objects.create(
        questionnaire=target,
        section_id=revision.section_id(section.pk if section else None),
        position=_next_position(target),
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
        choices=options,
        min_value=min_value if kind == Question.Kind.NUMBER else None,
        max_value=max_value if kind == Question.Kind.NUMBER else None,
        report_role=report_role if kind == Question.Kind.TEXT else "",
        characteristic=characteristic,
    )
    return revision.done()


@transaction.atomic
def update_question(
    *, question: Question, version: int | None, section: Section | None = None, user=None, **fields
) -> Questionnaire:
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown question fields: {sorted(unknown)}")
    merged = {name: fields.get(name, getattr(question, name)) for name in QUESTION_FIELDS}
    if question.characteristic_id and merged["kind"] != question.kind:
        raise ValidationError(
            {"kind": "Тип вопроса об измеряемой характеристике задаёт сама характеристика."}
        )
    merged["choices"] = clean_question(
        kind=merged["kind"],
        text=merged["text"],
        choices=merged["choices"],
        min_value=merged["min_value"],
        max_value=merged["max_value"],
    )
    revision = Revision(questionnaire=question.questionnaire, version=version, user=user)
    target = revision.question(question)
    for name, value in merged.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    if target.kind != Question.Kind.NUMBER:
        target.min_value = target.max_value = None
    if target.kind != Question.Kind.TEXT:
        target.report_role = ""
    target.section_id = revision.section_id(section.pk if section else None)
    target.save()
    return revision.done()


@transaction.atomic
def delete_question(*, question: Question, version: int | None, user=None) -> Questionnaire:
    if question.characteristic_id:
        raise ValidationError(
            "Вопрос об измеряемой характеристике убирается на странице «Измеряемые характеристики»."
        )
    revision = Revision(questionnaire=question.questionnaire, version=version, user=user)
    revision.question(question).delete()
    return revision.done()


@transaction.atomic
def move_question(*, question: Question, version: int | None, up: bool, user=None) -> Questionnaire:
    """Swap the question with its neighbour above (``up``) or below."""
    revision = Revision(questionnaire=question.questionnaire, version=version, user=user)
    target = revision.question(question)
    ordered = list(revision.questionnaire.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == target.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                Question.objects.filter(pk=item.pk).update(position=position)
    return revision.done()
