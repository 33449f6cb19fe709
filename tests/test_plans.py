"""Individual plans as the people of a pair use them: the mentor starts and writes the plan, the
mentee proposes rows, the curator comments, the director reads; a finished pair's plan is a record."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring import services as core
from mentoring.roles import Role
from pairs.models import IndividualPlan, Meeting, PlanComment, PlanRow, PlanTemplate
from pairs.services.lifecycle import complete_pair
from pairs.services.meetings import record_meeting
from pairs.services.plans import add_row, propose_row, start_plan, update_row
from participants.models import AccessLogEntry, Person
from tests.conftest import make_user
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, not_active, world_pair, world_plan

FIRST_TASK = "Познакомиться и узнать интересы и трудности"  # row 1 of the common «учитель – ученик»


def common_template(code: str = "teacher-student") -> PlanTemplate:
    return PlanTemplate.objects.get(organisation=None, form__code=code)


def mentor_account(world, username: str = "mentor2", last_name: str = "Белова"):
    """Another mentor of the same school, with a login."""
    user = make_user(username, last_name=last_name)
    core.grant_role(user=user, role=Role.MENTOR, organisation=world.school)
    person = make_person(world.school, kind=Person.Kind.TEACHER, last_name=last_name, user=user)
    give_consent(person)
    return user, make_mentor(world.school, person, capacity=3)


def consented_mentee(world, **fields):
    person = make_person(world.school, **fields)
    give_consent(person)
    return make_mentee(world.programme, person)


def mentee_account(world, username: str, last_name: str):
    user = make_user(username, last_name=last_name)
    core.grant_role(user=user, role=Role.MENTEE, organisation=world.school)
    return user, consented_mentee(world, last_name=last_name, user=user)


def another_pair(world):
    """An active pair of another mentor of the school: (that mentor's user, the pair)."""
    user, mentor = mentor_account(world)
    return user, make_pair(world.programme, mentor, consented_mentee(world, last_name="Орлов"), active=True)


def plan_url(plan) -> str:
    return reverse("plan_detail", kwargs={"plan_id": plan.pk})


def version_in(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def row_data(**fields) -> dict:
    data = {
        "task": "Разобрать задачи ОГЭ по геометрии",
        "mentor_action": "Подбирает задачи, проверяет решения",
        "work_form": "практикум",
        "deadline": "2026-12-15",
        "expected_result": "Решает 10 из 12 задач",
    }
    data.update(fields)
    return data


def edit_data(row: PlanRow, version: str, **fields) -> dict:
    data = {
        "task": row.task,
        "mentor_action": row.mentor_action,
        "work_form": row.work_form,
        "deadline": row.deadline.isoformat() if row.deadline else "",
        "expected_result": row.expected_result,
        "actual_result": row.actual_result,
        "version": version,
    }
    data.update(fields)
    return data


# --- starting a plan --------------------------------------------------------------------------------


def test_it_starts_the_plan_from_the_common_template_of_the_pairs_form(client_for, world):
    member = world_pair(world).members.get()
    template = common_template()
    client = client_for(world.users[Role.MENTOR])
    page = client.get(reverse("plan_start", kwargs={"member_id": member.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    # Only the templates of the pair's form are offered, the one of «учитель – ученик» picked.
    assert re.search(rf'<option value="{template.pk}"[^>]*selected', html)
    assert f'value="{common_template("student-student").pk}"' not in html

    response = client.post(
        reverse("plan_start", kwargs={"member_id": member.pk}),
        {"template": template.pk, "goal": "", "submit_token": "start-1"},
    )
    plan = IndividualPlan.objects.get(member=member)
    assert response.status_code == 302 and response["Location"] == plan_url(plan)
    assert plan.goal == template.goal  # an empty goal takes the template's
    rows = list(plan.rows.order_by("position"))
    template_rows = list(template.rows.order_by("position"))
    assert [r.task for r in rows] == [t.task for t in template_rows]
    assert rows[0].task == FIRST_TASK
    pair_start, planned_end = date(2026, 10, 1), date(2027, 5, 20)
    for row, source in zip(rows, template_rows, strict=True):
        assert row.deadline == min(pair_start + timedelta(weeks=source.week), planned_end)
        assert row.status == PlanRow.Status.ACCEPTED and not row.done
    # The template's last row falls after the pair's planned end: it is clipped to that day.
    assert template_rows[-1].week == 34 and rows[-1].deadline == planned_end
    assert rows[0].deadline == date(2026, 10, 8)


def test_it_refuses_a_template_of_another_form(client_for, world):
    member = world_pair(world).members.get()
    with pytest.raises(ValidationError) as error:
        start_plan(member=member, user=world.users[Role.MENTOR], template=common_template("student-student"))
    assert error.value.message_dict["template"] == ["Шаблон составлен для другой формы наставничества."]
    assert not IndividualPlan.objects.exists()

    response = client_for(world.users[Role.MENTOR]).post(
        reverse("plan_start", kwargs={"member_id": member.pk}),
        {"template": common_template("student-student").pk, "submit_token": "start-2"},
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not IndividualPlan.objects.exists()


def test_it_refuses_a_second_plan_and_sends_the_start_page_to_the_existing_one(client_for, world):
    plan = world_plan(world)
    member = plan.member
    with pytest.raises(ValidationError) as error:
        start_plan(member=member, user=world.users[Role.MENTOR], template=common_template())
    assert error.value.messages == ["План для этого наставляемого уже составлен."]

    client = client_for(world.users[Role.MENTOR])
    start = reverse("plan_start", kwargs={"member_id": member.pk})
    assert client.get(start)["Location"] == plan_url(plan)
    response = client.post(start, {"template": "", "goal": "Новая цель", "submit_token": "again"})
    assert response.status_code == 302 and response["Location"] == plan_url(plan)
    assert IndividualPlan.objects.count() == 1
    plan.refresh_from_db()
    assert plan.goal != "Новая цель"


# --- rows -------------------------------------------------------------------------------------------


def test_it_adds_a_row_once_when_the_form_is_submitted_twice(client_for, world):
    plan = world_plan(world)
    before = plan.rows.count()
    client = client_for(world.users[Role.MENTOR])
    add = reverse("plan_row_add", kwargs={"plan_id": plan.pk})
    page = client.get(add)
    token = re.search(r'name="submit_token" value="([0-9a-f]+)"', page.content.decode()).group(1)

    first = client.post(add, row_data(submit_token=token))
    second = client.post(add, row_data(submit_token=token))

    row = plan.rows.get(task="Разобрать задачи ОГЭ по геометрии")
    assert plan.rows.count() == before + 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == plan_url(plan) + f"#row-{row.pk}"
    assert row.position == before + 1
    assert row.deadline == date(2026, 12, 15) and row.work_form == "практикум"
    assert "Разобрать задачи ОГЭ по геометрии" in client.get(plan_url(plan)).content.decode()


def test_it_refuses_a_deadline_outside_the_pairs_period(client_for, world):
    plan = world_plan(world)
    before = plan.rows.count()
    client = client_for(world.users[Role.MENTOR])
    response = client.post(
        reverse("plan_row_add", kwargs={"plan_id": plan.pk}),
        row_data(deadline="2027-06-15", submit_token="late"),
    )
    assert response.status_code == 200
    assert "Срок должен быть в периоде работы пары: 01.10.2026 – 20.05.2027." in response.content.decode()
    assert plan.rows.count() == before

    row = plan.rows.get(task=FIRST_TASK)
    response = client.post(
        reverse("plan_row_edit", kwargs={"row_id": row.pk}),
        edit_data(row, str(row.version), deadline="2026-09-20"),
    )
    assert "Срок должен быть в периоде работы пары" in response.content.decode()
    row.refresh_from_db()
    assert row.deadline == date(2026, 10, 8)


def test_it_refuses_a_stale_row_edit_and_shows_what_the_other_tab_saved(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    client = client_for(world.users[Role.MENTOR])
    edit = reverse("plan_row_edit", kwargs={"row_id": row.pk})
    # The mentor opens the row in two tabs.
    first_tab = version_in(client.get(edit).content.decode())
    second_tab = version_in(client.get(edit).content.decode())
    assert first_tab == second_tab == "0"

    saved = client.post(edit, edit_data(row, first_tab, task="Знакомство: интересы, трудности, цели"))
    assert saved.status_code == 302

    response = client.post(edit, edit_data(row, second_tab, expected_result="Составлен список трудностей"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Пока вы редактировали, запись изменил другой пользователь" in html
    assert "Знакомство: интересы, трудности, цели" in html  # what is saved now
    assert f"(у вас: {FIRST_TASK})" in html
    row.refresh_from_db()
    assert row.task == "Знакомство: интересы, трудности, цели"
    assert row.expected_result != "Составлен список трудностей"
    assert row.version == 1


def test_it_marks_a_row_done_from_the_plan_page(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    client = client_for(world.users[Role.MENTOR])
    response = client.post(
        reverse("plan_row_done", kwargs={"row_id": row.pk}), {"version": row.version, "done": "1"}
    )
    assert response["Location"] == plan_url(plan) + f"#row-{row.pk}"
    row.refresh_from_db()
    assert row.done and row.done_on == timezone.localdate()
    page = client.get(plan_url(plan)).content.decode()
    assert f"✓ {timezone.localdate():%d.%m.%Y}" in page
    assert re.search(r"data-progress>Выполнено 1 из 8 строк", page)

    # The same form posted again from an old page (its version is gone) changes nothing.
    response = client.post(
        reverse("plan_row_done", kwargs={"row_id": row.pk}), {"version": "0", "done": "0"}, follow=True
    )
    assert "Пока вы редактировали" in response.content.decode()
    row.refresh_from_db()
    assert row.done


def test_it_lets_the_mentee_propose_a_row_and_the_mentor_accept_or_decline_it(client_for, world):
    plan = world_plan(world)
    mentee = client_for(world.users[Role.MENTEE])
    assert "Предложить в план" in mentee.get(plan_url(plan)).content.decode()
    for task in ("Сходить на день открытых дверей колледжа", "Не делать домашние задания по пятницам"):
        response = mentee.post(
            reverse("plan_propose", kwargs={"plan_id": plan.pk}),
            {"task": task, "expected_result": "", "deadline": "", "submit_token": task[:10]},
        )
        assert response["Location"] == plan_url(plan)
    visit, skip = (plan.rows.get(task__startswith=word) for word in ("Сходить", "Не делать"))
    assert visit.status == skip.status == PlanRow.Status.PROPOSED
    assert visit.proposed_by == world.users[Role.MENTEE]

    mentor = client_for(world.users[Role.MENTOR])
    page = mentor.get(plan_url(plan)).content.decode()
    assert page.count("предложено наставляемым") == 2
    assert "Принять в план" in page and "Причина отказа" in page

    decide = reverse("plan_row_decide", kwargs={"row_id": visit.pk})
    mentor.post(decide, {"version": visit.version, "decision": "accept"})
    visit.refresh_from_db()
    assert visit.status == PlanRow.Status.ACCEPTED

    decide = reverse("plan_row_decide", kwargs={"row_id": skip.pk})
    response = mentor.post(
        decide, {"version": skip.version, "decision": "decline", "reason": ""}, follow=True
    )
    assert "Объясните наставляемому, почему предложение отклонено." in response.content.decode()
    skip.refresh_from_db()
    assert skip.status == PlanRow.Status.PROPOSED

    mentor.post(decide, {"version": skip.version, "decision": "decline", "reason": "Домашние задания нужны"})
    skip.refresh_from_db()
    assert skip.status == PlanRow.Status.DECLINED and skip.decline_reason == "Домашние задания нужны"
    # The mentee sees the answer on their plan (``client_for`` logs the one test client in again).
    page = client_for(world.users[Role.MENTEE]).get(plan_url(plan)).content.decode()
    assert "Принять в план" not in page
    assert "отклонено" in page and "Домашние задания нужны" in page


# --- who may do what --------------------------------------------------------------------------------


def test_it_lets_the_mentee_read_but_not_write_rows(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    client = client_for(world.users[Role.MENTEE])
    page = client.get(plan_url(plan)).content.decode()
    assert FIRST_TASK in page
    assert reverse("plan_row_edit", kwargs={"row_id": row.pk}) not in page
    assert "Добавить строку" not in page
    edit = reverse("plan_row_edit", kwargs={"row_id": row.pk})
    add = reverse("plan_row_add", kwargs={"plan_id": plan.pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, edit_data(row, "0", task="Моя версия")).status_code == 403
    assert client.get(add).status_code == 403
    assert client.post(add, row_data(submit_token="m")).status_code == 403
    done = reverse("plan_row_done", kwargs={"row_id": row.pk})
    assert client.post(done, {"version": "0", "done": "1"}).status_code == 403
    row.refresh_from_db()
    assert row.task == FIRST_TASK and not row.done


def test_it_hides_the_plan_from_the_mentor_of_another_pair(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    other_user, _ = another_pair(world)
    client = client_for(other_user)
    assert client.get(plan_url(plan)).status_code == 404
    assert client.get(reverse("plan_row_add", kwargs={"plan_id": plan.pk})).status_code == 404
    edit = reverse("plan_row_edit", kwargs={"row_id": row.pk})
    assert client.post(edit, edit_data(row, "0", task="Чужая правка")).status_code == 404
    start = reverse("plan_start", kwargs={"member_id": plan.member_id})
    assert client.get(start).status_code == 404
    # Nobody of another school sees it either, whatever their roles there.
    assert client_for(world.users["outsider"]).get(plan_url(plan)).status_code == 404
    row.refresh_from_db()
    assert row.task == FIRST_TASK


def test_it_shows_the_curators_comment_to_the_mentor(client_for, world):
    plan = world_plan(world)
    curator = client_for(world.users[Role.CURATOR])
    page = curator.get(plan_url(plan)).content.decode()
    assert "Добавить комментарий" in page
    assert "Добавить строку" not in page  # the curator does not write the plan
    text = "Добавьте строку о подготовке к олимпиаде по математике"
    response = curator.post(reverse("plan_comment", kwargs={"plan_id": plan.pk}), {"text": text})
    assert response["Location"] == plan_url(plan) + "#comments"
    comment = PlanComment.objects.get(plan=plan)
    assert comment.author == world.users[Role.CURATOR]

    page = client_for(world.users[Role.MENTOR]).get(plan_url(plan)).content.decode()
    assert text in page
    assert world.users[Role.CURATOR].get_full_name() in page


def test_it_lets_the_director_read_but_not_write(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(plan_url(plan))
    assert page.status_code == 200 and FIRST_TASK in page.content.decode()
    assert "Добавить строку" not in page.content.decode()
    assert "Добавить комментарий" not in page.content.decode()
    writes = [
        reverse("plan_row_add", kwargs={"plan_id": plan.pk}),
        reverse("plan_goal", kwargs={"plan_id": plan.pk}),
        reverse("plan_comment", kwargs={"plan_id": plan.pk}),
        reverse("plan_propose", kwargs={"plan_id": plan.pk}),
        reverse("plan_row_edit", kwargs={"row_id": row.pk}),
        reverse("plan_row_done", kwargs={"row_id": row.pk}),
        reverse("plan_row_delete", kwargs={"row_id": row.pk}),
    ]
    for url in writes:
        assert (
            client.post(url, {**row_data(), "text": "Хорошо", "version": "0", "done": "1"}).status_code == 403
        )
    assert plan.rows.count() == 8 and not PlanComment.objects.exists()


def test_it_keeps_the_plan_of_a_completed_pair_read_only(client_for, world):
    plan = world_plan(world)
    row = plan.rows.get(task=FIRST_TASK)
    complete_pair(
        pair=plan.member.pair,
        end_date=date(2026, 11, 20),
        results="Алгебра — «4»",
        user=world.users[Role.CURATOR],
    )
    mentor_user = world.users[Role.MENTOR]
    message = not_active(plan.member.pair)
    with pytest.raises(ValidationError, match=message):
        add_row(plan=plan, user=mentor_user, task="Ещё одна строка")
    with pytest.raises(ValidationError, match=message):
        propose_row(plan=plan, user=world.users[Role.MENTEE], task="Моё предложение")
    with pytest.raises(ValidationError, match=message):
        update_row(
            row=row,
            version=row.version,
            user=mentor_user,
            task="Другая задача",
            mentor_action="",
            work_form="",
            deadline=None,
            expected_result="",
            actual_result="",
            done=True,
        )
    with pytest.raises(ValidationError, match=message):
        start_plan(member=plan.member, user=mentor_user)

    client = client_for(mentor_user)
    page = client.get(plan_url(plan)).content.decode()
    assert FIRST_TASK in page
    for button in ("Добавить строку", "Изменить цель", "Выполнено</button>", "Удалить строку"):
        assert button not in page
    assert reverse("plan_row_edit", kwargs={"row_id": row.pk}) not in page
    response = client.post(reverse("plan_row_add", kwargs={"plan_id": plan.pk}), row_data(submit_token="x"))
    assert message in response.content.decode()
    response = client.post(
        reverse("plan_row_done", kwargs={"row_id": row.pk}),
        {"version": row.version, "done": "1"},
        follow=True,
    )
    assert message in response.content.decode()
    assert (
        "Предложить в план" not in client_for(world.users[Role.MENTEE]).get(plan_url(plan)).content.decode()
    )
    row.refresh_from_db()
    assert not row.done and plan.rows.count() == 8


def test_it_writes_a_journal_line_when_someone_views_the_plan(client_for, world):
    plan = world_plan(world)
    for role in (Role.CURATOR, Role.MENTOR):
        assert client_for(world.users[role]).get(plan_url(plan)).status_code == 200
        entry = AccessLogEntry.objects.get(user=world.users[role])
        assert entry.person == world.mentee_person
        assert entry.action == AccessLogEntry.Action.VIEW
        assert entry.organisation == world.school
        assert entry.detail == f"Индивидуальный план № {plan.pk}"


# --- groups -----------------------------------------------------------------------------------------


def test_it_gives_each_mentee_of_a_group_their_own_plan(client_for, world):
    world.mentor.capacity = 3
    world.mentor.save()
    second_user, second = mentee_account(world, "mentee2", "Зайцева")
    group = make_pair(world.programme, world.mentor, [world.mentee, second], kind="group", active=True)
    mine, theirs = group.members.get(mentee=world.mentee), group.members.get(mentee=second)

    mentor = client_for(world.users[Role.MENTOR])
    pair_page = mentor.get(reverse("pair_detail", kwargs={"pair_id": group.pk})).content.decode()
    for member in (mine, theirs):
        assert reverse("plan_start", kwargs={"member_id": member.pk}) in pair_page
        mentor.post(
            reverse("plan_start", kwargs={"member_id": member.pk}),
            {"template": common_template().pk, "submit_token": f"group-{member.pk}"},
        )
    my_plan, their_plan = IndividualPlan.objects.get(member=mine), IndividualPlan.objects.get(member=theirs)
    assert my_plan.rows.count() == their_plan.rows.count() == 8
    add_row(plan=their_plan, user=world.users[Role.MENTOR], task="Подготовить доклад о Зайцевой")

    client = client_for(world.users[Role.MENTEE])
    page = client.get(plan_url(my_plan))
    assert page.status_code == 200 and "Подготовить доклад о Зайцевой" not in page.content.decode()
    assert client.get(plan_url(their_plan)).status_code == 404
    assert client.get(reverse("plan_propose", kwargs={"plan_id": their_plan.pk})).status_code == 404
    own_page = client.get(reverse("pair_detail", kwargs={"pair_id": group.pk})).content.decode()
    assert plan_url(my_plan) in own_page and plan_url(their_plan) not in own_page

    other = client_for(second_user)
    assert other.get(plan_url(their_plan)).status_code == 200
    assert other.get(plan_url(my_plan)).status_code == 404


# --- performance ------------------------------------------------------------------------------------


def _plan_with_rows(world, count: int) -> IndividualPlan:
    plan = world_plan(world)
    mentor_user = world.users[Role.MENTOR]
    for number in range(count - plan.rows.count()):
        add_row(plan=plan, user=mentor_user, task=f"Задача {number}", deadline=date(2026, 12, 1))
    propose_row(plan=plan, user=world.users[Role.MENTEE], task="Предложение наставляемого")
    record_meeting(
        pair=plan.member.pair,
        user=mentor_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=timezone.make_aware(datetime(2026, 10, 20, 15, 0)),
        format=Meeting.Format.IN_PERSON,
        topic="Разбор задач",
        status=Meeting.Status.HELD,
        plan_rows=list(plan.rows.filter(status=PlanRow.Status.ACCEPTED)[:count]),
    )
    return plan


def test_it_shows_a_long_plan_in_as_many_queries_as_a_short_one(
    client_for, world, django_assert_max_num_queries
):
    client = client_for(world.users[Role.MENTOR])
    plan = _plan_with_rows(world, 8)
    plan.rows.filter(position__gt=5, status=PlanRow.Status.ACCEPTED).delete()
    assert plan.rows.filter(status=PlanRow.Status.ACCEPTED).count() == 5
    with django_assert_max_num_queries(12) as short:
        assert client.get(plan_url(plan)).status_code == 200

    for number in range(25):
        add_row(plan=plan, user=world.users[Role.MENTOR], task=f"Ещё задача {number}")
    plan.comments.create(author=world.users[Role.CURATOR], text="Хороший план")
    assert plan.rows.filter(status=PlanRow.Status.ACCEPTED).count() == 30
    with django_assert_max_num_queries(len(short.captured_queries)):
        page = client.get(plan_url(plan))
    assert page.content.decode().count('data-row="') == 31
