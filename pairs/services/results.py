"""What each mentee achieved in a pair: the mentor writes it down at the final meeting against the
mentee's requests and plan, the mentee adds their own word, and the curator's completion of the pair
carries both into the mentee base.

Results are written while the pair works and the mentee is in it
(``pairs.guards.ensure_member_in_pair``); once the curator has closed it they are history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring.editing import check_version
from mentoring.models import User
from pairs.guards import ensure_member_in_pair
from pairs.models import MemberResult, PairMember
from participants.selectors.consents import today


def _locked_member(member: PairMember) -> PairMember:
    current = (
        PairMember.objects.select_for_update(of=("self",))
        .select_related("pair__programme", "mentee__person")
        .get(pk=member.pk)
    )
    ensure_member_in_pair(current)
    return current


def _existing(member: PairMember) -> MemberResult | None:
    return MemberResult.objects.select_for_update().filter(member=member).first()


@transaction.atomic
def record_result(
    *,
    member: PairMember,
    outcome: str,
    achieved: str,
    version: int,
    user: User | None,
    day: date | None = None,
) -> MemberResult:
    """The mentor's (or the curator's) record of what the mentee achieved; ``version`` is the one the
    form was opened with (0 for a result not written yet)."""
    current = _locked_member(member)
    errors = {}
    if outcome not in MemberResult.Outcome.values:
        errors["outcome"] = "Отметьте, выполнен ли запрос наставляемого."
    if not achieved.strip():
        errors["achieved"] = "Опишите, чего достиг наставляемый: по его запросам и по плану."
    if errors:
        raise ValidationError(errors)
    result = _existing(current)
    fields = {"outcome": outcome, "achieved": achieved.strip()}
    if result is None:
        if version:
            raise ValidationError(
                "Результат этого наставляемого удалён или ещё не записан: обновите страницу."
            )
        return MemberResult.objects.create(
            member=current, mentor_account=user, mentor_written_on=day or today(), **fields
        )
    check_version(current=result, version=version, fields=fields)
    for name, value in fields.items():
        setattr(result, name, value)
    result.mentor_account, result.mentor_written_on = user, day or today()
    result.version += 1
    result.save()
    return result


@transaction.atomic
def add_mentee_word(
    *,
    member: PairMember,
    word: str,
    wants_to_mentor: bool,
    version: int,
    user: User | None,
    day: date | None = None,
) -> MemberResult:
    """The mentee's own word about the result, once the mentor has written it; the mentee may also
    say they would like to be a mentor next year."""
    current = _locked_member(member)
    result = _existing(current)
    if result is None:
        raise ValidationError("Наставник ещё не записал результаты: своё слово можно добавить после него.")
    if not word.strip():
        raise ValidationError({"word": "Напишите несколько слов: что получилось, что было важным."})
    check_version(current=result, version=version, fields={"mentee_word": word.strip()})
    result.mentee_word, result.mentee_written_on = word.strip(), day or today()
    result.version += 1
    result.save(update_fields=["mentee_word", "mentee_written_on", "version"])
    mentee = current.mentee
    if mentee.wants_to_mentor != wants_to_mentor:
        mentee.wants_to_mentor = wants_to_mentor
        mentee.version += 1
        mentee.save(update_fields=["wants_to_mentor", "version", "updated_at"])
    return result


def result_text(result: MemberResult | None, pair_results: str) -> str:
    """What the mentee base keeps of a completed pair: the outcome, what was achieved and the
    mentee's word, or the pair's common results where the mentor wrote nothing of this mentee."""
    if result is None:
        return pair_results
    lines = [f"{result.get_outcome_display()}. {result.achieved}"]
    if result.mentee_word:
        lines.append(f"Слово наставляемого: {result.mentee_word}")
    return "\n".join(lines)
