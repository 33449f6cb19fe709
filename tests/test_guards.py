"""The two guards every write goes through: «a completed programme is read-only» (``mentoring.guards``)
and «the pair is active» (``pairs.guards``), each with one wording and one code."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from pairs.guards import ensure_member_in_pair, ensure_pair_active, member_problem, pair_problem
from pairs.models import Pair, PairMember
from pairs.services.lifecycle import terminate_pair
from tests.factories import WORLD_READ_ONLY
from tests.pair_factories import make_pair, world_pair


def _refusal(check, subject) -> tuple[list[str], str]:
    with pytest.raises(ValidationError) as refused:
        check(subject)
    return refused.value.messages, refused.value.code


def test_a_programme_is_completed_by_its_status_only(world):
    assert not world.programme.is_completed
    for status in (Programme.Status.DRAFT, Programme.Status.RUNNING):
        world.programme.status = status
        assert not world.programme.is_completed
        ensure_programme_open(world.programme)
    world.programme.status = Programme.Status.COMPLETED
    assert world.programme.is_completed
    assert _refusal(ensure_programme_open, world.programme) == (
        ["Программа «Путь к успеху!» завершена: она только для чтения."],
        "programme_completed",
    )


def test_an_active_pair_passes_and_an_ended_one_is_refused_in_one_wording(world):
    pair = world_pair(world)
    member = pair.members.get()
    ensure_pair_active(pair)
    ensure_member_in_pair(member)
    assert pair_problem(pair) is None and member_problem(member) is None
    terminate_pair(pair=pair, end_date=date(2026, 12, 1), reason="Переезд", user=None)
    pair.refresh_from_db()
    wording = f"Пара № {pair.pk} в статусе «Прекращена»: это доступно только действующей паре или группе."
    assert _refusal(ensure_pair_active, pair) == ([wording], "pair_not_active")
    assert pair_problem(pair) == wording
    # The pair's state comes before the member's: they left with it.
    member.refresh_from_db()
    assert _refusal(ensure_member_in_pair, member) == ([wording], "pair_not_active")


def test_a_draft_is_not_active_either(world):
    draft = make_pair(world.programme, world.mentor, world.mentee)
    wording = (
        f"Пара № {draft.pk} в статусе «Проект (ждёт приказа)»: "
        "это доступно только действующей паре или группе."
    )
    assert _refusal(ensure_pair_active, draft) == ([wording], "pair_not_active")


def test_the_programme_comes_first_for_a_pair(world):
    pair = world_pair(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    pair = Pair.objects.select_related("programme").get(pk=pair.pk)
    assert _refusal(ensure_pair_active, pair) == ([WORLD_READ_ONLY], "programme_completed")


def test_a_mentee_who_left_an_active_pair_is_refused(world):
    pair = world_pair(world)
    PairMember.objects.filter(pair=pair).update(is_open=False, left_on=date(2026, 12, 1))
    member = pair.members.get()
    assert _refusal(ensure_member_in_pair, member) == (
        ["Наставляемый уже вышел из этой пары или группы."],
        "member_left",
    )
