"""What stage 2 measures in a programme, and keeping its questionnaires in step with that list."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from monitoring.models import Characteristic, Question, Questionnaire, Stage
from monitoring.services.questionnaires import Revision


def question_kind(characteristic: Characteristic) -> str:
    return Question.Kind.RATING if characteristic.kind == Characteristic.Kind.SCALE else Question.Kind.NUMBER


def sync_impact_questionnaires(*, programme: Programme, user=None) -> list[Questionnaire]:
    """Give every current stage 2 questionnaire one question per measured characteristic of its audience.

    A questionnaire with answers gets a new revision; one already in step is left alone."""
    changed = []
    measured = list(programme.characteristics.filter(is_measured=True).order_by("position", "pk"))
    for questionnaire in Questionnaire.objects.filter(
        programme=programme, stage=Stage.IMPACT, is_current=True
    ):
        wanted = [c for c in measured if not questionnaire.audience or c.audience == questionnaire.audience]
        asked = list(questionnaire.questions.filter(characteristic__isnull=False).order_by("position", "pk"))
        if [q.characteristic_id for q in asked] == [c.pk for c in wanted]:
            continue
        revision = Revision(questionnaire=questionnaire, version=None, user=user)
        target = revision.questionnaire
        target.questions.filter(characteristic__isnull=False).exclude(
            characteristic__in=[c.pk for c in wanted]
        ).delete()
        present = set(target.questions.values_list("characteristic_id", flat=True))
        for characteristic in wanted:
            if characteristic.pk not in present:
                Question.objects.create(
                    questionnaire=target,
                    kind=question_kind(characteristic),
                    text=characteristic.question_text,
                    help_text=f"Единица: {characteristic.unit}." if characteristic.unit else "",
                    min_value=0 if characteristic.kind == Characteristic.Kind.NUMBER else None,
                    characteristic=characteristic,
                )
        order = {c.pk: i for i, c in enumerate(wanted, start=1)}
        for question in target.questions.all():
            position = order.get(question.characteristic_id, len(order) + question.position)
            if question.position != position:
                Question.objects.filter(pk=question.pk).update(position=position)
        changed.append(revision.done())
    return changed


@transaction.atomic
def set_measured(
    *, programme: Programme, characteristic_ids: Iterable[int], user=None
) -> list[Questionnaire]:
    """Measure exactly these characteristics; returns the questionnaires that changed."""
    ensure_programme_open(programme)
    chosen = set(characteristic_ids)
    own = set(programme.characteristics.values_list("pk", flat=True))
    if not chosen <= own:
        raise ValidationError("Среди выбранных есть характеристика другой программы.")
    if not chosen:
        raise ValidationError("Второй этап мониторинга должен измерять хотя бы одну характеристику.")
    programme.characteristics.filter(pk__in=chosen).update(is_measured=True)
    programme.characteristics.exclude(pk__in=chosen).update(is_measured=False)
    return sync_impact_questionnaires(programme=programme, user=user)


@transaction.atomic
def add_characteristic(
    *,
    programme: Programme,
    name: str,
    audience: str,
    question_text: str,
    kind: str = Characteristic.Kind.SCALE,
    unit: str = "",
    higher_is_better: bool = True,
    user=None,
) -> Characteristic:
    ensure_programme_open(programme)
    name, question_text = name.strip(), question_text.strip()
    if not name:
        raise ValidationError({"name": "Назовите характеристику."})
    if not question_text:
        raise ValidationError({"question_text": "Напишите вопрос, которым её измерить."})
    if programme.characteristics.filter(name__iexact=name, audience=audience).exists():
        raise ValidationError({"name": "Такая характеристика в программе уже есть."})
    base = slugify(name, allow_unicode=False) or "custom"
    taken = set(programme.characteristics.values_list("code", flat=True))
    code, n = base[:36], 1
    while code in taken:
        n += 1
        code = f"{base[:33]}-{n}"
    last = programme.characteristics.order_by("-position").values_list("position", flat=True).first() or 0
    characteristic = Characteristic.objects.create(
        programme=programme,
        code=code,
        name=name,
        audience=audience,
        kind=kind,
        question_text=question_text,
        unit=unit.strip(),
        higher_is_better=higher_is_better,
        position=last + 1,
    )
    sync_impact_questionnaires(programme=programme, user=user)
    return characteristic
