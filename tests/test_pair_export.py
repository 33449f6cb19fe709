"""Export of a programme's pairs and groups to .xlsx: one row per mentee, history included."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

import pytest
from django.urls import reverse

from mentoring import services as core
from mentoring.models import MentoringForm, Programme
from mentoring.roles import Role
from pairs.exporting import HEADERS, export_pairs
from pairs.models import Order
from pairs.services.lifecycle import complete_pair, release_member, terminate_pair
from participants.models import AccessLogEntry, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair, world_pair
from tests.xlsx import read_xlsx


def rows_of(content: bytes) -> list[dict]:
    sheet = read_xlsx(content)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADERS
    return [dict(zip(HEADERS, row, strict=True)) for row in values[1:]]


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


def test_it_exports_a_pair_with_its_order(world):
    pair = world_pair(world)
    make_order(world.programme, number="15-од", pairs=[pair], status=Order.Status.REGISTERED)
    content = export_pairs(programme=world.programme, user=world.users[Role.CURATOR])
    [row] = rows_of(content)
    assert row == {
        "№ пары": pair.pk,
        "Вид": "Пара",
        "Название группы": None,
        "Наставник": "Соколова Ирина Викторовна",
        "Должность/класс наставника": "Учитель",
        "Наставляемый": "Никитин Артём Ильич",
        "Класс/должность наставляемого": "8А класс",
        "Форма наставничества": "Учитель – ученик",
        "Вариант ролевой модели": "Активный профессионал – равнодушный потребитель",
        "Начало": row["Начало"],
        "Плановое окончание": row["Плановое окончание"],
        "Фактическое окончание": None,
        "Статус": "Действует",
        "Приказ о закреплении": "№ 15-од от 30.09.2026",
        "Результаты / причина прекращения": None,
    }
    assert (day(row["Начало"]), day(row["Плановое окончание"])) == (date(2026, 10, 1), date(2027, 5, 20))
    sheet = read_xlsx(content)
    assert sheet["J2"].number_format == "DD.MM.YYYY" and sheet["K2"].number_format == "DD.MM.YYYY"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width > 20
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert entry.user == world.users[Role.CURATOR] and entry.organisation == world.school
    assert "1 пара" in entry.detail and "Соколова" not in entry.detail and "Никитин" not in entry.detail


def test_it_keeps_the_history_of_groups_and_ended_pairs(world):
    teacher = mentor(world, capacity=3, position="Учитель физики")
    first, second = (
        mentee(world, last_name="Акимов", grade=7, class_letter="В"),
        mentee(world, last_name="Борисов"),
    )
    group = make_pair(world.programme, teacher, [first, second], active=True, name="Физики")
    chosen = MentoringForm.objects.get(code="teacher-student").variants.get(name="Коллега – молодой коллега")
    release_member(
        member=group.members.get(mentee=first),
        day=date(2026, 11, 20),
        reason="Перевёлся в другую школу",
        user=None,
    )
    ended = world_pair(world)
    terminate_pair(pair=ended, end_date=date(2026, 12, 1), reason="Замена наставника", user=None)
    done = make_pair(world.programme, mentor(world), world.mentee, active=True, variant=chosen)
    complete_pair(pair=done, end_date=date(2027, 5, 15), results="Годовая «пятёрка» по алгебре", user=None)
    draft = make_pair(world.programme, mentor(world), mentee(world, last_name="Вишняков"))

    rows = {
        (r["№ пары"], r["Наставляемый"].split()[0]): r
        for r in rows_of(export_pairs(programme=world.programme))
    }
    assert len(rows) == 5
    left = rows[(group.pk, "Акимов")]
    assert (left["Вид"], left["Название группы"], left["Класс/должность наставляемого"]) == (
        "Группа",
        "Физики",
        "7В класс",
    )
    assert left["Должность/класс наставника"] == "Учитель физики"
    assert (left["Статус"], day(left["Фактическое окончание"])) == ("Вышел из группы", date(2026, 11, 20))
    assert left["Результаты / причина прекращения"] == "Перевёлся в другую школу"
    stays = rows[(group.pk, "Борисов")]
    assert (stays["Статус"], stays["Фактическое окончание"]) == ("Действует", None)
    terminated = rows[(ended.pk, "Никитин")]
    assert (terminated["Статус"], day(terminated["Фактическое окончание"])) == (
        "Прекращена",
        date(2026, 12, 1),
    )
    assert terminated["Результаты / причина прекращения"] == "Замена наставника"
    completed = rows[(done.pk, "Никитин")]
    assert (completed["Статус"], completed["Вариант ролевой модели"]) == (
        "Завершена",
        "Коллега – молодой коллега",
    )
    assert completed["Результаты / причина прекращения"] == "Годовая «пятёрка» по алгебре"
    assert rows[(draft.pk, "Вишняков")]["Статус"] == "Проект (ждёт приказа)"
    assert rows[(draft.pk, "Вишняков")]["Приказ о закреплении"] is None


def test_it_exports_only_the_chosen_programme(world):
    world_pair(world)
    other = core.create_programme(
        organisation=world.school,
        name="Вместе к цели",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
        forms=MentoringForm.objects.filter(code="teacher-student"),
        status=Programme.Status.RUNNING,
    )
    person = make_person(world.school, last_name="Журавлёв")
    give_consent(person)
    make_pair(other, mentor(world), make_mentee(other, person))
    assert [r["Наставляемый"] for r in rows_of(export_pairs(programme=world.programme))] == [
        "Никитин Артём Ильич"
    ]
    assert [r["Наставляемый"].split()[0] for r in rows_of(export_pairs(programme=other))] == ["Журавлёв"]


def test_it_exports_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    def grow(n: int) -> None:
        for _ in range(n):
            teacher = mentor(world, capacity=2)
            pair = make_pair(world.programme, teacher, [mentee(world), mentee(world)], active=True)
            make_order(world.programme, number=f"{pair.pk}-од", pairs=[pair], status=Order.Status.REGISTERED)

    grow(1)
    with django_assert_max_num_queries(4):
        small = rows_of(export_pairs(programme=world.programme))
    grow(6)
    with django_assert_max_num_queries(4):
        large = rows_of(export_pairs(programme=world.programme))
    assert (len(small), len(large)) == (2, 14)
    assert all(row["Приказ о закреплении"] for row in large)


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_it_downloads_the_current_programme(client_for, world, role):
    world_pair(world)
    response = client_for(world.users[role]).get(reverse("pair_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert quote("Пары и группы") in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert [r["Наставляемый"] for r in rows_of(response.content)] == ["Никитин Артём Ильич"]
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT, user=world.users[role]).exists()


def test_it_downloads_another_programme_of_the_school_but_not_of_another_school(client_for, world):
    other = core.create_programme(
        organisation=world.school,
        name="Вместе к цели",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
        forms=MentoringForm.objects.filter(code="teacher-student"),
    )
    world_pair(world)
    client = client_for(world.users[Role.CURATOR])
    response = client.get(reverse("pair_export"), {"programme": other.pk})
    assert response.status_code == 200 and rows_of(response.content) == []
    assert client.get(reverse("pair_export"), {"programme": world.other_programme.pk}).status_code == 404


def test_it_explains_when_no_programme_is_current(client_for, world):
    Programme.objects.filter(organisation=world.school).update(is_current=False)
    response = client_for(world.users[Role.DIRECTOR]).get(reverse("pair_export"), follow=True)
    assert "Текущая программа не выбрана" in response.content.decode()
