"""Meetings of a pair: the mentor (or the curator) plans them and records them after the fact; the
pair page shows the required meetings; the mentee sees when and what, not the mentor's notes."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.roles import Role
from pairs.models import Meeting
from pairs.services.lifecycle import complete_pair
from pairs.services.meetings import delete_meeting, record_meeting, update_meeting
from pairs.services.plans import start_plan
from tests.pair_factories import not_active, world_meeting, world_pair, world_plan
from tests.test_plans import another_pair, common_template

NOTES = "Артём стесняется отвечать у доски; договорились тренироваться дома"


def at(year: int, month: int, day: int, hour: int = 15, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def pair_url(pair) -> str:
    return reverse("pair_detail", kwargs={"pair_id": pair.pk})


def form_data(pair, **fields) -> dict:
    data = {
        "kind": Meeting.Kind.ACQUAINTANCE,
        "day": "2026-10-05",
        "at": "15:00",
        "format": Meeting.Format.IN_PERSON,
        "status": Meeting.Status.HELD,
        "topic": "Знакомство, договорились о правилах",
        "notes": NOTES,
        "mentor_attended": "on",
        "attendees": [member.pk for member in pair.members.all()],
    }
    data.update(fields)
    return data


def text(response) -> str:
    return html_lib.unescape(response.content.decode())


def words(page: str) -> str:
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def milestone(page: str, kind: str) -> str:
    found = re.search(rf'<li data-milestone="{kind}"[^>]*>(.*?)</li>', page)
    return found.group(1).strip()


# --- recording --------------------------------------------------------------------------------------


def test_it_records_a_held_meeting_through_the_page(client_for, world):
    pair = world_pair(world)
    plan = world_plan(world)
    row = plan.rows.order_by("position").first()
    client = client_for(world.users[Role.MENTOR])
    new = reverse("meeting_create", kwargs={"pair_id": pair.pk})
    page = client.get(new)
    assert page.status_code == 200 and row.task in text(page)

    response = client.post(new, form_data(pair, plan_rows=[row.pk], submit_token="held-1"))
    assert response.status_code == 302 and response["Location"] == pair_url(pair) + "#meetings"
    meeting = Meeting.objects.get(pair=pair)
    assert meeting.status == Meeting.Status.HELD and meeting.kind == Meeting.Kind.ACQUAINTANCE
    assert timezone.localtime(meeting.starts_at) == at(2026, 10, 5)
    assert list(meeting.attendees.all()) == list(pair.members.all())
    assert list(meeting.plan_rows.all()) == [row]
    assert meeting.created_by == world.users[Role.MENTOR]

    pair_page = text(client.get(pair_url(pair)))
    assert "05.10.2026 15:00" in pair_page and "Знакомство, договорились о правилах" in pair_page
    assert "присутствовали: наставник, Никитин Артём Ильич" in pair_page
    assert f"Строки плана: «{row.task}»" in pair_page
    assert NOTES in pair_page


def test_it_lets_the_curator_plan_a_meeting_on_the_mentors_behalf(client_for, world):
    pair = world_pair(world)
    next_week = timezone.localdate() + timedelta(days=7)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("meeting_create", kwargs={"pair_id": pair.pk}),
        form_data(
            pair,
            kind=Meeting.Kind.TRIAL,
            day=next_week.isoformat(),
            status=Meeting.Status.PLANNED,
            topic="Пробная встреча: задачи по алгебре",
            submit_token="planned-1",
        ),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pair=pair)
    assert meeting.status == Meeting.Status.PLANNED and meeting.created_by == world.users[Role.CURATOR]
    # Who came is recorded for a held meeting only.
    assert not meeting.attendees.exists()
    page = text(client.get(pair_url(pair)))
    assert f"— запланирована на {next_week:%d.%m.%Y}" in milestone(page, "trial")
    assert "запланирована" in page


def test_it_refuses_a_held_meeting_in_the_future(client_for, world):
    pair = world_pair(world)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(world.users[Role.MENTOR]).post(
        reverse("meeting_create", kwargs={"pair_id": pair.pk}),
        form_data(pair, day=tomorrow.isoformat(), submit_token="future"),
    )
    assert response.status_code == 200
    assert "Встреча ещё не прошла: отметить её состоявшейся можно после её начала." in text(response)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("day", ["2026-09-30", "2027-05-21"])
def test_it_refuses_a_meeting_outside_the_pairs_period(client_for, world, day):
    pair = world_pair(world)
    response = client_for(world.users[Role.MENTOR]).post(
        reverse("meeting_create", kwargs={"pair_id": pair.pk}),
        form_data(pair, day=day, status=Meeting.Status.PLANNED, submit_token=f"out-{day}"),
    )
    assert response.status_code == 200
    assert "Встреча должна быть в период работы: 01.10.2026 – 20.05.2027." in text(response)
    assert not Meeting.objects.exists()


def test_it_refuses_attendees_and_plan_rows_of_another_pair(world):
    pair = world_pair(world)
    _, other = another_pair(world)
    stranger = other.members.get()
    their_plan = start_plan(member=stranger, user=world.users[Role.CURATOR], template=common_template())
    their_row = their_plan.rows.first()
    values = {
        "pair": pair,
        "user": world.users[Role.MENTOR],
        "kind": Meeting.Kind.REGULAR,
        "starts_at": at(2026, 10, 20),
        "format": Meeting.Format.ONLINE,
        "topic": "Разбор задач",
        "status": Meeting.Status.HELD,
    }
    with pytest.raises(ValidationError) as error:
        record_meeting(**values, attendees=[stranger])
    assert error.value.message_dict == {
        "attendees": ["Отмечать можно только наставляемых этой пары или группы."]
    }
    with pytest.raises(ValidationError) as error:
        record_meeting(**values, plan_rows=[their_row])
    assert error.value.message_dict == {
        "plan_rows": ["Выбирать можно только строки планов этой пары или группы."]
    }
    assert not Meeting.objects.exists()

    meeting = world_meeting(world)
    client_post = {"attendees": [stranger], "plan_rows": [their_row]}
    with pytest.raises(ValidationError):
        update_meeting(
            meeting=meeting,
            version=meeting.version,
            user=world.users[Role.MENTOR],
            kind=meeting.kind,
            starts_at=meeting.starts_at,
            format=meeting.format,
            topic=meeting.topic,
            status=meeting.status,
            **client_post,
        )
    assert not meeting.attendees.filter(pk=stranger.pk).exists()


# --- the pair page ----------------------------------------------------------------------------------


def test_it_shows_the_required_meetings_on_the_pair_page(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.MENTOR])
    page = text(client.get(pair_url(pair)))
    for kind in ("acquaintance", "trial", "planning", "final"):
        assert milestone(page, kind).endswith("— не было")
    assert 'data-milestone="regular"' not in page

    world_meeting(world)  # the acquaintance, 05.10.2026, held
    world_meeting(world, kind=Meeting.Kind.TRIAL, starts_at=at(2026, 10, 12), topic="Пробная встреча")
    world_meeting(
        world,
        kind=Meeting.Kind.PLANNING,
        starts_at=at(2026, 10, 19),
        topic="Составили план",
        status="cancelled",
    )
    world_meeting(
        world, kind=Meeting.Kind.FINAL, starts_at=at(2027, 5, 15), topic="Итоги года", status="planned"
    )

    page = text(client.get(pair_url(pair)))
    assert milestone(page, "acquaintance") == "✓ Встреча-знакомство 05.10.2026"
    assert milestone(page, "trial") == "✓ Пробная рабочая встреча 12.10.2026"
    # A cancelled meeting does not count.
    assert milestone(page, "planning") == "Встреча-планирование — не было"
    assert milestone(page, "final") == "Итоговая встреча — запланирована на 15.05.2027"


def test_it_keeps_a_meeting_just_after_midnight_on_its_moscow_day(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.MENTOR])
    # 00:30 on the first day of the pair is still 30.09 in UTC: the period is checked by the local day.
    response = client.post(
        reverse("meeting_create", kwargs={"pair_id": pair.pk}),
        form_data(pair, day="2026-10-01", at="00:30", submit_token="midnight"),
    )
    assert response.status_code == 302
    page = text(client.get(pair_url(pair)))
    assert milestone(page, "acquaintance") == "✓ Встреча-знакомство 01.10.2026"
    assert "01.10.2026 00:30" in page


# --- editing and deleting ---------------------------------------------------------------------------


def test_it_refuses_a_stale_meeting_edit(client_for, world):
    meeting = world_meeting(world)
    pair = meeting.pair
    client = client_for(world.users[Role.MENTOR])
    edit = reverse("meeting_edit", kwargs={"meeting_id": meeting.pk})
    page = text(client.get(edit))
    first_tab = second_tab = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert first_tab == "0"

    saved = client.post(edit, form_data(pair, topic="Знакомство и правила работы", version=first_tab))
    assert saved.status_code == 302
    response = client.post(edit, form_data(pair, format=Meeting.Format.ONLINE, version=second_tab))
    page = text(response)
    assert response.status_code == 200
    assert "Пока вы редактировали, запись изменил другой пользователь" in page
    assert "Тема: Знакомство и правила работы (у вас: Знакомство, договорились о правилах)" in page
    meeting.refresh_from_db()
    assert meeting.topic == "Знакомство и правила работы"
    assert meeting.format == Meeting.Format.IN_PERSON
    assert meeting.version == 1


def test_it_records_one_meeting_when_the_form_is_submitted_twice(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.MENTOR])
    new = reverse("meeting_create", kwargs={"pair_id": pair.pk})
    token = re.search(r'name="submit_token" value="([0-9a-f]+)"', text(client.get(new))).group(1)
    first = client.post(new, form_data(pair, submit_token=token))
    second = client.post(new, form_data(pair, submit_token=token))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Meeting.objects.filter(pair=pair).count() == 1


def test_it_deletes_a_planned_meeting_but_not_a_held_one(client_for, world):
    held = world_meeting(world)
    planned = world_meeting(
        world,
        kind=Meeting.Kind.REGULAR,
        starts_at=at(2027, 3, 1),
        status=Meeting.Status.PLANNED,
        topic="Проект",
    )
    client = client_for(world.users[Role.MENTOR])
    edit_held = text(client.get(reverse("meeting_edit", kwargs={"meeting_id": held.pk})))
    assert "Удалить запись" not in edit_held
    assert "Удалить запись" in text(client.get(reverse("meeting_edit", kwargs={"meeting_id": planned.pk})))

    response = client.post(
        reverse("meeting_delete", kwargs={"meeting_id": held.pk}), {"version": held.version}, follow=True
    )
    assert "Состоявшуюся встречу удалить нельзя." in text(response)
    assert Meeting.objects.filter(pk=held.pk).exists()
    with pytest.raises(ValidationError, match="Состоявшуюся встречу удалить нельзя."):
        delete_meeting(meeting=held, version=held.version, user=world.users[Role.MENTOR])

    response = client.post(reverse("meeting_delete", kwargs={"meeting_id": planned.pk}), {"version": "0"})
    assert response["Location"] == pair_url(planned.pair) + "#meetings"
    assert not Meeting.objects.filter(pk=planned.pk).exists()


# --- who sees what ----------------------------------------------------------------------------------


def test_it_shows_the_mentee_the_meetings_without_the_mentors_notes(client_for, world):
    world_meeting(world, notes=NOTES)
    world_meeting(
        world,
        kind=Meeting.Kind.REGULAR,
        starts_at=at(2027, 2, 10, 16, 30),
        format=Meeting.Format.ONLINE,
        status=Meeting.Status.PLANNED,
        topic="Подготовка к контрольной",
        notes="Проверить, сделал ли домашнее задание",
    )
    world_meeting(
        world, kind=Meeting.Kind.REGULAR, starts_at=at(2026, 11, 3), status="cancelled", topic="Отменили"
    )
    client = client_for(world.users[Role.MENTEE])
    response = client.get(pair_url(world_pair(world)))
    page = words(text(response))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "pairs/pairs/detail_mentee.html"
    assert "05.10.2026 15:00 — Встреча-знакомство: Знакомство, договорились о правилах" in page
    assert "(очно, состоялась)" in page
    assert "10.02.2027 16:30 — Рабочая встреча: Подготовка к контрольной" in page
    assert "(онлайн, запланирована)" in page
    assert "Отменили" not in page
    assert NOTES not in page
    assert "Проверить, сделал ли домашнее задание" not in page
    assert "Записать встречу" not in page


def test_it_keeps_meetings_of_one_pair_from_the_mentor_of_another(client_for, world):
    meeting = world_meeting(world, status=Meeting.Status.PLANNED, starts_at=at(2027, 3, 1))
    other_user, _ = another_pair(world)
    client = client_for(other_user)
    edit = reverse("meeting_edit", kwargs={"meeting_id": meeting.pk})
    assert client.get(edit).status_code == 404
    assert client.post(edit, form_data(meeting.pair, topic="Чужая правка", version="0")).status_code == 404
    assert (
        client.post(
            reverse("meeting_delete", kwargs={"meeting_id": meeting.pk}), {"version": "0"}
        ).status_code
        == 404
    )
    new = reverse("meeting_create", kwargs={"pair_id": meeting.pair_id})
    assert client.post(new, form_data(meeting.pair, submit_token="x")).status_code == 404
    meeting.refresh_from_db()
    assert meeting.topic == "Знакомство, договорились о правилах"
    assert Meeting.objects.count() == 1


def test_it_lets_neither_the_mentee_nor_the_director_record_meetings(client_for, world):
    pair = world_pair(world)
    meeting = world_meeting(world)
    for role in (Role.MENTEE, Role.DIRECTOR):
        client = client_for(world.users[role])
        new = reverse("meeting_create", kwargs={"pair_id": pair.pk})
        assert client.post(new, form_data(pair, submit_token=role)).status_code == 403
        edit = reverse("meeting_edit", kwargs={"meeting_id": meeting.pk})
        assert client.post(edit, form_data(pair, topic="Не моя", version="0")).status_code == 403
    assert Meeting.objects.count() == 1
    assert Meeting.objects.get().topic == "Знакомство, договорились о правилах"


def test_it_refuses_meetings_of_a_completed_pair(world):
    pair = world_pair(world)
    complete_pair(pair=pair, end_date=date(2026, 11, 20), results="Готово", user=world.users[Role.CURATOR])
    with pytest.raises(ValidationError) as refused:
        world_meeting(world)
    assert refused.value.messages == [not_active(pair)]
