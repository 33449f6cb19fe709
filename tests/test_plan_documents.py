"""The individual plan printed as an A4 paper, and the .xlsx exports of plans and meetings."""

from __future__ import annotations

import io
from datetime import date, datetime
from urllib.parse import quote

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring import services as core
from mentoring.models import Programme
from mentoring.roles import Role
from pairs.documents.plan import render_plan_pdf
from pairs.exporting_work import MEETING_HEADERS, PLAN_HEADERS, export_meetings, export_plans
from pairs.models import Meeting, Order, Pair, PlanRow, PlanTemplate
from pairs.services.lifecycle import release_member
from pairs.services.meetings import record_meeting
from pairs.services.plans import add_row, decide_proposal, propose_row, set_row_done, start_plan
from participants.models import AccessLogEntry, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair, world_pair
from tests.test_consent_pdf import flat
from tests.xlsx import read_xlsx

A4_LANDSCAPE = (841.9, 595.3)  # points
FIRST_TASK = "Познакомиться и узнать интересы и трудности"  # the common «учитель – ученик» template


def pages_of(pdf: bytes) -> list[str]:
    """The text of each page, words joined back (pypdf keeps a table cell's lines together)."""
    return [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_of(pdf))


def page_sizes(pdf: bytes) -> set[tuple[float, float]]:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in pages}


def common_template(code: str = "teacher-student") -> PlanTemplate:
    return PlanTemplate.objects.get(organisation=None, form__code=code)


def plan_for(member, user, **fields):
    return start_plan(member=member, user=user, template=common_template(member.pair.form.code), **fields)


def url(plan) -> str:
    return reverse("plan_pdf", kwargs={"plan_id": plan.pk})


def table(content: bytes, headers: list[str]) -> list[dict]:
    sheet = read_xlsx(content)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == headers
    return [dict(zip(headers, row, strict=True)) for row in values[1:]]


def day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def mentee(world, **fields):
    person = make_person(world.school, **fields)
    give_consent(person)
    return make_mentee(world.programme, person)


def mentor(world, *, capacity: int = 1, **fields):
    person = make_person(world.school, kind=Person.Kind.TEACHER, **fields)
    give_consent(person)
    return make_mentor(world.school, person, capacity=capacity)


def at(year, month, day_, hour=15, minute=30) -> datetime:
    return timezone.make_aware(datetime(year, month, day_, hour, minute))


@pytest.fixture
def plan(world):
    """The world pair's plan from the common template, one row done, one mentee proposal waiting,
    one declined."""
    pair = world_pair(world)
    member = pair.members.get()
    mentor_user, mentee_user = world.users[Role.MENTOR], world.users[Role.MENTEE]
    plan = plan_for(member, mentor_user, goal="Поднять оценки по алгебре до «4» и защитить проект")
    first = plan.rows.get(task=FIRST_TASK)
    set_row_done(row=first, version=first.version, done=True, user=mentor_user, day=date(2026, 10, 6))
    propose_row(plan=plan, user=mentee_user, task="Сходить вместе на день открытых дверей колледжа")
    declined = propose_row(plan=plan, user=mentee_user, task="Пропускать домашние задания по пятницам")
    decide_proposal(row=declined, version=declined.version, accept=False, user=mentor_user, reason="Нет")
    return plan


# --- the PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE])
def test_it_prints_the_plan_on_landscape_a4(client_for, world, plan, role):
    response = client_for(world.users[role]).get(url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    assert quote("Индивидуальный_план_Никитин_А_И.pdf") in response["Content-Disposition"]
    assert page_sizes(response.content) == {A4_LANDSCAPE}
    text = text_of(response.content)
    assert "Муниципальное бюджетное учреждение МБОУ СОШ № 7" in text
    assert "ИНДИВИДУАЛЬНЫЙ ПЛАН РАБОТЫ НАСТАВНИКА С НАСТАВЛЯЕМЫМ" in text
    assert "программы наставничества «Путь к успеху!»" in text
    assert "Соколова Ирина Викторовна, учитель" in text
    assert "Никитин Артём Ильич, 8А класс" in text
    assert "«Учитель – ученик», вариант ролевой модели" in text
    assert "с 01.10.2026 по 20.05.2027" in text
    assert "Поднять оценки по алгебре до «4» и защитить проект" in text
    for header in ("Задача, мероприятие", "Действия наставника", "Форма работы", "Срок"):
        assert header in text
    assert FIRST_TASK in text and "08.10.2026" in text  # a week after the start
    assert "Выполнено 06.10.2026" in text
    assert "Выполнено 1 из 8 пунктов плана." in text
    for line in ("Наставник", "Наставляемый", "Куратор программы"):
        assert line in text
    assert "/ Соколова И. В. /" in text and "/ Никитин А. И. /" in text
    assert "Куратор программы / Тестова А. П. /" in text  # the one curator of the school
    # A mentee's proposal waiting for the mentor and a declined one are not the plan.
    assert "день открытых дверей" not in text and "Пропускать" not in text
    assert "Законный представитель" not in text
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.VIEW, person=world.mentee_person)
    assert entry.user == world.users[role] and entry.organisation == world.school
    assert "план" in entry.detail and "Никитин" not in entry.detail and "Соколова" not in entry.detail


def test_it_names_the_order_and_its_curator(world, plan):
    pair = plan.member.pair
    make_order(world.programme, number="15-од", pairs=[pair], status=Order.Status.REGISTERED)
    text = text_of(render_plan_pdf(plan))
    assert "Приказ о закреплении от 30.09.2026 № 15-од" in text
    assert "/ Кузнецова О. Н. /" in text and "Тестова" not in text


def test_it_leaves_lines_to_fill_in_for_a_plan_without_goal_and_rows(world):
    member = world_pair(world).members.get()
    plan = start_plan(member=member, user=world.users[Role.MENTOR])
    text = text_of(render_plan_pdf(plan))
    assert "В план пока не внесено ни одной задачи." in text
    assert "Цель" in text and "Наставляемый" in text


def test_it_repeats_the_table_header_on_every_page(world, plan):
    for n in range(40):
        add_row(
            plan=plan,
            user=world.users[Role.MENTOR],
            task=f"Задание номер {n + 1} по подготовке к контрольной работе по алгебре и геометрии",
            mentor_action="Подбирает задачи, проверяет решения, объясняет ошибки и даёт новые задачи",
            work_form="Консультация",
            deadline=date(2026, 12, 1),
            expected_result="Наставляемый решает задачи этого типа без ошибок",
        )
    pages = pages_of(render_plan_pdf(plan))
    assert len(pages) >= 3
    assert all("Задача, мероприятие" in page and "Ожидаемый результат" in page for page in pages[:-1])
    assert "Задание номер 40 по подготовке" in pages[-1] or "Задание номер 40 по подготовке" in pages[-2]
    assert "Куратор программы" in pages[-1]


def test_a_group_mentee_gets_a_plan_of_their_own(world):
    teacher = mentor(world, capacity=3, last_name="Орлова", first_name="Вера", middle_name="Павловна")
    first, second = mentee(world, last_name="Белов", grade=7), mentee(world, last_name="Чернова", grade=6)
    group = make_pair(world.programme, teacher, [first, second], active=True, name="Юные исследователи")
    members = list(group.members.order_by("pk"))
    plan = plan_for(members[1], None)
    left = plan_for(members[0], None)
    release_member(member=members[0], day=date(2026, 11, 20), reason="Перешёл в другую школу", user=None)
    text = text_of(render_plan_pdf(plan))
    assert "Группа «Юные исследователи»" in text and "Период работы группы" in text
    assert "Чернова Пётр Сергеевич, 6А класс" in text and "Белов" not in text
    # The plan of a mentee who left stays on record and says until when they were in the group.
    text = text_of(render_plan_pdf(left))
    assert "Белов Пётр Сергеевич, 7А класс (в группе по 20.11.2026)" in text


def test_nobody_else_gets_the_plan(client_for, world, plan):
    # The mentor and the mentee of another pair of the same school.
    other_teacher_user = world.users["nobody"]
    other_person = make_person(world.school, kind=Person.Kind.TEACHER, user=other_teacher_user)
    give_consent(other_person)
    other_pair = make_pair(
        world.programme, make_mentor(world.school, other_person), mentee(world), active=True
    )
    core.grant_role(user=other_teacher_user, role=Role.MENTOR, organisation=world.school)
    assert client_for(other_teacher_user).get(url(plan)).status_code == 404
    # ...and the world's mentor gets no plan of a pair that is not theirs.
    foreign = plan_for(other_pair.members.get(), other_teacher_user)
    assert client_for(world.users[Role.MENTOR]).get(url(foreign)).status_code == 404
    assert client_for(world.users[Role.MENTEE]).get(url(foreign)).status_code == 404
    assert client_for(world.users["outsider"]).get(url(plan)).status_code == 404
    assert client_for(world.users[Role.MUNICIPAL]).get(url(plan)).status_code == 403
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.VIEW, person=world.mentee_person)


# --- the exports ------------------------------------------------------------------------------------


def test_it_exports_every_row_of_the_plans_with_its_status(world, plan):
    add_row(
        plan=plan,
        user=world.users[Role.MENTOR],
        task='=HYPERLINK("http://example.com")',
        deadline=date(2026, 12, 15),
    )
    content = export_plans(programme=world.programme, user=world.users[Role.CURATOR])
    rows = table(content, PLAN_HEADERS)
    assert len(rows) == 11  # eight from the template, two proposals, one added
    first = rows[0]
    pair = plan.member.pair
    assert first | {"Срок": None, "Дата выполнения": None} == {
        "№ пары": pair.pk,
        "Наставник": "Соколова Ирина Викторовна",
        "Наставляемый": "Никитин Артём Ильич",
        "Класс/должность наставляемого": "8А класс",
        "Форма наставничества": "Учитель – ученик",
        "№ строки": 1,
        "Задача или мероприятие": FIRST_TASK,
        "Что делает наставник": "Проводит беседу, узнаёт интересы, сильные стороны и трудности обучающегося.",
        "Форма работы": "Встреча-знакомство, беседа",
        "Срок": None,
        "Ожидаемый результат": "Общее представление о запросе наставляемого",
        "Фактический результат": None,
        "Статус": "В плане",
        "Выполнено": "да",
        "Дата выполнения": None,
    }
    assert (day(first["Срок"]), day(first["Дата выполнения"])) == (date(2026, 10, 8), date(2026, 10, 6))
    by_task = {row["Задача или мероприятие"]: row for row in rows}
    proposal = by_task["Сходить вместе на день открытых дверей колледжа"]
    assert (proposal["Статус"], proposal["№ строки"]) == ("Предложено", None)
    assert by_task["Пропускать домашние задания по пятницам"]["Статус"] == "Отклонено"
    # Numbers follow the printed plan: the added row comes after the eight of the template.
    assert by_task['=HYPERLINK("http://example.com")']["№ строки"] == 9
    sheet = read_xlsx(content)
    assert sheet["J2"].number_format == "DD.MM.YYYY" and sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    formula = next(c for c in sheet["G"] if c.value == '=HYPERLINK("http://example.com")')
    assert formula.data_type == "s" and formula.quotePrefix
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert entry.user == world.users[Role.CURATOR] and entry.organisation == world.school
    assert "1 план, 11 строк" in entry.detail and "Никитин" not in entry.detail


def test_it_exports_the_meetings_with_who_came_and_what_they_advanced(world):
    teacher = mentor(world, capacity=3, last_name="Орлова", first_name="Вера", middle_name="Павловна")
    first = mentee(world, last_name="Белов", first_name="Глеб", middle_name="Олегович", grade=7)
    second = mentee(world, last_name="Чернова", first_name="Ася", middle_name="Игоревна", grade=7)
    group = make_pair(world.programme, teacher, [first, second], active=True, name="Юные исследователи")
    members = list(group.members.order_by("pk"))
    plan = plan_for(members[0], None)
    row = plan.rows.get(task=FIRST_TASK)
    record_meeting(
        pair=group,
        user=None,
        kind=Meeting.Kind.ACQUAINTANCE,
        starts_at=at(2026, 10, 5),
        format=Meeting.Format.IN_PERSON,
        topic="Знакомимся и договариваемся о правилах",
        status=Meeting.Status.HELD,
        notes="Обсудили интересы; оба хотят заниматься проектами",
        attendees=[members[0]],
        plan_rows=[row],
    )
    record_meeting(
        pair=group,
        user=None,
        kind=Meeting.Kind.PLANNING,
        starts_at=at(2026, 12, 10, 14, 0),
        format=Meeting.Format.ONLINE,
        topic="Составляем план на полугодие",
    )
    content = export_meetings(programme=world.programme, user=world.users[Role.DIRECTOR])
    held, planned = table(content, MEETING_HEADERS)
    assert held | {"Дата": None} == {
        "№ пары": group.pk,
        "Наставник": "Орлова Вера Павловна",
        "Наставляемые": "Белов Глеб Олегович\nЧернова Ася Игоревна",
        "Вид встречи": "Встреча-знакомство",
        "Дата": None,
        "Время": "15:30",
        "Формат": "Очно",
        "Статус": "Состоялась",
        "Тема": "Знакомимся и договариваемся о правилах",
        "Заметки и итоги": "Обсудили интересы; оба хотят заниматься проектами",
        "Присутствовали наставляемые": "Белов Глеб Олегович",
        "Продвинутые строки плана": f"Белов Г. О.: {FIRST_TASK}",
    }
    assert day(held["Дата"]) == date(2026, 10, 5)
    assert (planned["Вид встречи"], planned["Формат"], planned["Статус"]) == (
        "Встреча-планирование",
        "Онлайн",
        "Запланирована",
    )
    assert (planned["Время"], planned["Присутствовали наставляемые"]) == ("14:00", None)
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert entry.user == world.users[Role.DIRECTOR]
    assert "2 встречи, 1 пара или группа" in entry.detail and "Белов" not in entry.detail


def build_pairs(world, count: int, *, start: int = 0) -> None:
    """``count`` active pairs, each with a plan (a row done, a proposal) and two meetings."""
    teacher = mentor(world, capacity=count)
    for n in range(start, start + count):
        pair = make_pair(world.programme, teacher, mentee(world), active=True)
        member = pair.members.get()
        plan = plan_for(member, None)
        row = plan.rows.order_by("position").first()
        set_row_done(row=row, version=row.version, done=True, user=None, day=date(2026, 10, 6))
        propose_row(plan=plan, user=None, task=f"Предложение {n}")
        for kind, when in (
            (Meeting.Kind.ACQUAINTANCE, at(2026, 10, 5)),
            (Meeting.Kind.REGULAR, at(2026, 11, 2)),
        ):
            record_meeting(
                pair=pair,
                user=None,
                kind=kind,
                starts_at=when,
                format=Meeting.Format.IN_PERSON,
                topic="Встреча",
                status=Meeting.Status.HELD,
                attendees=[member],
                plan_rows=[row],
            )


def test_the_exports_take_the_same_queries_for_three_pairs_or_ten(world, django_assert_max_num_queries):
    counts = []
    for size in (3, 7):
        build_pairs(world, size, start=len(counts) * 100)
        programme = Programme.objects.get(pk=world.programme.pk)  # nothing cached on it
        with CaptureQueriesContext(connection) as plans, django_assert_max_num_queries(4):
            export_plans(programme=programme)
        programme = Programme.objects.get(pk=world.programme.pk)
        with CaptureQueriesContext(connection) as meetings, django_assert_max_num_queries(7):
            export_meetings(programme=programme)
        counts.append((len(plans), len(meetings)))
    assert counts[0] == counts[1]
    assert Pair.objects.filter(programme=world.programme).count() == 10
    rows = table(export_plans(programme=world.programme), PLAN_HEADERS)
    assert len(rows) == 10 * 9 and sum(row["Выполнено"] == "да" for row in rows) == 10
    assert len(table(export_meetings(programme=world.programme), MEETING_HEADERS)) == 20


@pytest.mark.parametrize(
    ("name", "title"), [("plans_export", "Индивидуальные планы"), ("meetings_export", "Встречи")]
)
def test_the_keepers_download_the_exports(client_for, world, plan, name, title):
    for role in (Role.CURATOR, Role.DIRECTOR):
        response = client_for(world.users[role]).get(reverse(name))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        assert quote(title) in response["Content-Disposition"]
        assert read_xlsx(response.content).title == title
    for role in (Role.MENTOR, Role.MENTEE, Role.MUNICIPAL):
        assert client_for(world.users[role]).get(reverse(name)).status_code == 403
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).count() == 2


def test_the_export_takes_the_programme_chosen_and_never_another_schools(client_for, world, plan):
    curator = client_for(world.users[Role.CURATOR])
    response = curator.get(reverse("plans_export"), {"programme": world.programme.pk})
    assert len(table(response.content, PLAN_HEADERS)) == 10
    assert curator.get(reverse("plans_export"), {"programme": world.other_programme.pk}).status_code == 404
    assert curator.get(reverse("meetings_export"), {"programme": world.other_programme.pk}).status_code == 404
    assert PlanRow.objects.count() == 10
