"""Templates of individual plans: the three common ones come with the product and never change; a
curator works on the school's own copy, which replaces the common one for that school only."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring import services as core
from mentoring.models import MentoringForm
from mentoring.roles import Role
from pairs.models import IndividualPlan, PlanTemplate
from pairs.services.plan_templates import (
    create_template,
    customise_template,
    delete_template,
    update_template,
)
from pairs.services.plans import start_plan
from tests.conftest import make_user
from tests.pair_factories import school_template, world_pair

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def common(code: str = "teacher-student") -> PlanTemplate:
    return PlanTemplate.objects.get(organisation=None, form__code=code)


def url(name: str, template: PlanTemplate) -> str:
    return reverse(name, kwargs={"template_id": template.pk})


def other_curator(world):
    user = make_user("curator12", last_name="Чужая")
    core.grant_role(user=user, role=Role.CURATOR, organisation=world.other_school)
    return user


def formset(
    template: PlanTemplate, rows: list[dict], *, version, name=None, goal=None, extra: int = 0
) -> dict:
    """The edit page's POST: the header and the rows table (prefix ``rows``)."""
    data = {
        "name": template.name if name is None else name,
        "goal": template.goal if goal is None else goal,
        "version": str(version),
        "rows-TOTAL_FORMS": str(len(rows) + extra),
        "rows-INITIAL_FORMS": str(template.rows.count()),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "100",
    }
    for number, row in enumerate(rows):
        for field in ("task", "mentor_action", "work_form", "week", "expected_result"):
            data[f"rows-{number}-{field}"] = str(row.get(field, ""))
    for number in range(len(rows), len(rows) + extra):
        data[f"rows-{number}-week"] = "1"  # an empty line of the table keeps its default week
    return data


ROWS = [
    {"task": "Знакомство и правила работы", "mentor_action": "Беседа", "work_form": "встреча", "week": 0},
    {"task": "Диагностика трудностей по алгебре", "week": 2, "expected_result": "Список тем"},
    {"task": "Проект: модель солнечной системы", "week": 12, "expected_result": "Защита проекта"},
]


def tasks(template: PlanTemplate) -> list[str]:
    return list(template.rows.order_by("position").values_list("task", flat=True))


# --- the common templates ---------------------------------------------------------------------------


def test_it_comes_with_one_common_template_per_school_form(db):
    templates = PlanTemplate.objects.filter(organisation=None).select_related("form")
    assert sorted(t.form.code for t in templates) == ["student-student", "teacher-student", "teacher-teacher"]
    assert common("teacher-teacher").name == "План молодого специалиста: от первых шагов до аттестации"
    assert common("student-student").name == "План «ученик – ученик»: учёба и жизнь класса"
    assert common("teacher-student").name == "План «учитель – ученик»: цели, проект, самоопределение"
    for template in templates:
        rows = list(template.rows.all())
        assert len(rows) >= 8
        assert CYRILLIC.search(template.goal)
        assert all(CYRILLIC.search(row.task) and CYRILLIC.search(row.expected_result) for row in rows)
        assert [row.position for row in rows] == list(range(1, len(rows) + 1))
        weeks = [row.week for row in rows]
        assert weeks == sorted(weeks) and all(0 <= week <= 60 for week in weeks)


def test_it_lists_the_common_templates_to_the_curator(client_for, world):
    page = client_for(world.users[Role.CURATOR]).get(reverse("plan_template_list")).content.decode()
    for code in ("student-student", "teacher-teacher", "teacher-student"):
        assert url("plan_template_detail", common(code)) in page
    assert page.count("общий</span>") == 3


# --- the school's copy ------------------------------------------------------------------------------


def test_it_makes_one_school_copy_that_replaces_the_common_template_for_that_school_only(client_for, world):
    template = common()
    client = client_for(world.users[Role.CURATOR])
    first = client.post(url("plan_template_customise", template))
    second = client.post(url("plan_template_customise", template))

    copy = PlanTemplate.objects.get(organisation=world.school, based_on=template)
    assert first["Location"] == second["Location"] == url("plan_template_edit", copy)
    assert PlanTemplate.objects.filter(organisation=world.school).count() == 1
    assert customise_template(template=template, organisation=world.school, user=None) == copy
    assert tasks(copy) == tasks(template)
    assert copy.name == template.name and copy.goal == template.goal and copy.form == template.form

    ours = client.get(reverse("plan_template_list")).content.decode()
    assert url("plan_template_detail", copy) in ours
    assert url("plan_template_detail", template) not in ours
    assert url("plan_template_detail", common("student-student")) in ours
    assert "шаблон школы" in ours

    theirs = client_for(other_curator(world)).get(reverse("plan_template_list")).content.decode()
    assert url("plan_template_detail", template) in theirs
    assert url("plan_template_detail", copy) not in theirs


def test_it_saves_the_copys_rows_from_the_edit_page_without_empty_lines(client_for, world):
    copy = school_template(world)
    client = client_for(world.users[Role.CURATOR])
    edit = url("plan_template_edit", copy)
    page = client.get(edit).content.decode()
    assert 'name="rows-0-task"' in page and 'name="rows-TOTAL_FORMS"' in page
    version = re.search(r'name="version" value="(\d+)"', page).group(1)

    data = formset(copy, ROWS, version=version, name="План школы № 7: учитель – ученик", extra=2)
    data["rows-1-task"] = "   "  # a line whose task was wiped: dropped with the rest of it
    data["rows-1-expected_result"] = "Ничего"
    response = client.post(edit, data)
    assert response.status_code == 302 and response["Location"] == url("plan_template_detail", copy)

    copy.refresh_from_db()
    assert copy.name == "План школы № 7: учитель – ученик" and copy.version == 1
    rows = list(copy.rows.order_by("position"))
    assert [(r.position, r.task, r.week) for r in rows] == [
        (1, "Знакомство и правила работы", 0),
        (2, "Проект: модель солнечной системы", 12),
    ]
    assert rows[0].mentor_action == "Беседа" and rows[1].expected_result == "Защита проекта"
    detail = client.get(url("plan_template_detail", copy)).content.decode()
    assert "Проект: модель солнечной системы" in detail and "12-я неделя" in detail
    # The common template is untouched.
    assert common().rows.count() == 8 and "Проект: модель солнечной системы" not in tasks(common())


def test_it_refuses_a_week_over_sixty(client_for, world):
    copy = school_template(world)
    before = tasks(copy)
    response = client_for(world.users[Role.CURATOR]).post(
        url("plan_template_edit", copy), formset(copy, [{**ROWS[0], "week": 61}], version=0)
    )
    assert response.status_code == 200
    assert "Убедитесь, что это значение меньше либо равно 60." in response.content.decode()
    assert tasks(copy) == before
    with pytest.raises(ValidationError) as error:
        update_template(
            template=copy, version=0, name="Шаблон", goal="", rows=[{**ROWS[0], "week": 61}], user=None
        )
    assert error.value.messages == ["Строка 1: срок — от 0 до 60 недель от начала работы."]
    with pytest.raises(ValidationError, match="В шаблоне должна быть хотя бы одна строка."):
        update_template(template=copy, version=0, name="Шаблон", goal="", rows=[{"task": " "}], user=None)


def test_it_refuses_a_stale_template_edit(client_for, world):
    copy = school_template(world)
    client = client_for(world.users[Role.CURATOR])
    edit = url("plan_template_edit", copy)
    page = client.get(edit).content.decode()
    opened = re.search(r'name="version" value="(\d+)"', page).group(1)

    assert client.post(edit, formset(copy, ROWS[:2], version=opened, name="Вариант Ольги")).status_code == 302
    response = client.post(edit, formset(copy, ROWS, version=opened, name="Вариант Ирины"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Пока вы редактировали, запись изменил другой пользователь" in html
    assert "Вариант Ольги (у вас: Вариант Ирины)" in html
    assert "2 строки, изменены (у вас: 3 строки в вашей версии)" in html
    copy.refresh_from_db()
    assert copy.name == "Вариант Ольги" and copy.version == 1
    assert tasks(copy) == [ROWS[0]["task"], ROWS[1]["task"]]


# --- what cannot be done ----------------------------------------------------------------------------


def test_it_shows_a_common_template_read_only_and_never_deletes_it(client_for, world):
    template = common()
    before = tasks(template)
    client = client_for(world.users[Role.CURATOR])
    page = client.get(url("plan_template_edit", template)).content.decode()
    assert "Общий шаблон не меняется: сделайте его копию для своей школы." in page
    assert 'name="rows-0-task"' not in page
    assert "Сделать копию для школы и изменить" in page

    response = client.post(
        url("plan_template_edit", template), formset(template, ROWS, version=0, name="Моё")
    )
    assert response.status_code == 200
    response = client.post(url("plan_template_delete", template), follow=True)
    assert "Общий шаблон удалить нельзя." in response.content.decode()

    template.refresh_from_db()
    assert template.name != "Моё" and tasks(template) == before
    with pytest.raises(ValidationError, match="Общий шаблон не меняется"):
        update_template(template=template, version=0, name="Моё", goal="", rows=ROWS, user=None)
    with pytest.raises(ValidationError, match="Общий шаблон удалить нельзя."):
        delete_template(template=template, user=None)
    assert PlanTemplate.objects.filter(pk=template.pk).exists()


def test_it_deletes_the_schools_own_template_and_keeps_plans_made_from_it(client_for, world):
    copy = school_template(world)
    member = world_pair(world).members.get()
    plan = start_plan(member=member, user=world.users[Role.MENTOR], template=copy)
    response = client_for(world.users[Role.CURATOR]).post(url("plan_template_delete", copy))
    assert response["Location"] == reverse("plan_template_list")
    assert not PlanTemplate.objects.filter(pk=copy.pk).exists()
    plan.refresh_from_db()
    assert plan.template is None and plan.rows.count() == 8
    # The common template is the school's again.
    page = client_for(world.users[Role.CURATOR]).get(reverse("plan_template_list")).content.decode()
    assert url("plan_template_detail", common()) in page


def test_it_lets_the_director_read_templates_but_not_change_them(client_for, world):
    copy = school_template(world)
    client = client_for(world.users[Role.DIRECTOR])
    assert client.get(reverse("plan_template_list")).status_code == 200
    page = client.get(url("plan_template_detail", copy))
    assert page.status_code == 200 and "Изменить" not in page.content.decode()
    assert client.get(url("plan_template_detail", common("student-student"))).status_code == 200
    assert client.get(url("plan_template_edit", copy)).status_code == 403
    assert client.post(url("plan_template_edit", copy), formset(copy, ROWS, version=0)).status_code == 403
    assert client.post(url("plan_template_customise", common("student-student"))).status_code == 403
    assert client.post(url("plan_template_delete", copy)).status_code == 403
    assert client.get(reverse("plan_template_create")).status_code == 403
    copy.refresh_from_db()
    assert copy.version == 0 and PlanTemplate.objects.filter(organisation=world.school).count() == 1


def test_it_hides_another_schools_own_template(client_for, world):
    form = MentoringForm.objects.get(code="teacher-student")
    theirs = create_template(
        organisation=world.other_school, form=form, name="Шаблон школы № 12", goal="", user=None
    )
    client = client_for(world.users[Role.CURATOR])
    assert "Шаблон школы № 12" not in client.get(reverse("plan_template_list")).content.decode()
    assert client.get(url("plan_template_detail", theirs)).status_code == 404
    assert client.get(url("plan_template_edit", theirs)).status_code == 404
    assert client.post(url("plan_template_edit", theirs), formset(theirs, ROWS, version=0)).status_code == 404
    assert client.post(url("plan_template_customise", theirs)).status_code == 404
    assert client.post(url("plan_template_delete", theirs)).status_code == 404
    assert PlanTemplate.objects.filter(pk=theirs.pk, name="Шаблон школы № 12").exists()
    assert not theirs.rows.exists()


# --- plans from the copy ----------------------------------------------------------------------------


def test_it_starts_a_plan_from_the_school_copy(client_for, world):
    copy = school_template(world)
    update_template(
        template=copy, version=copy.version, name="Наш план", goal="Наша цель", rows=ROWS, user=None
    )
    member = world_pair(world).members.get()
    client = client_for(world.users[Role.MENTOR])
    start = reverse("plan_start", kwargs={"member_id": member.pk})
    page = client.get(start).content.decode()
    assert re.search(rf'<option value="{copy.pk}"[^>]*selected', page)
    assert f'<option value="{common().pk}"' not in page

    client.post(start, {"template": copy.pk, "goal": "", "submit_token": "from-copy"})
    plan = IndividualPlan.objects.get(member=member)
    assert plan.template == copy and plan.goal == "Наша цель"
    rows = list(plan.rows.order_by("position"))
    assert [row.task for row in rows] == [row["task"] for row in ROWS]
    assert [row.deadline for row in rows] == [
        date(2026, 10, 1) + timedelta(weeks=row["week"]) for row in ROWS
    ]
