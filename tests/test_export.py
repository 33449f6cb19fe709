"""Export of the mentee base and the mentor base to .xlsx."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse

from mentoring import services as core
from mentoring.roles import Role
from pairs.services.lifecycle import complete_pair
from pairs.services.results import record_result
from participants import hooks
from participants.exporting import export_mentee_base, export_mentor_base
from participants.models import AccessLogEntry, MenteeCategory
from tests.factories import make_mentee, make_mentor, make_person
from tests.pair_factories import world_pair
from tests.xlsx import read_xlsx

MENTEE_HEADERS = [
    "ФИО наставляемого",
    "Класс",
    "Контакты",
    "Запрос",
    "Категории",
    "Дата вхождения в программу",
    "ФИО наставника",
    "Место работы/учёбы наставника",
    "Форма наставничества",
    "Период наставничества",
    "Результаты",
    "Ссылки на кейсы",
    "Дата завершения",
]


def rows_of(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_it_exports_the_mentee_base_in_the_methodology_layout(world):
    world.mentee.categories.add(MenteeCategory.objects.get(name__startswith="Одарённые"))
    world.mentee.completion_date = date(2027, 5, 20)
    world.mentee.save()
    sheet = read_xlsx(export_mentee_base(programme=world.programme))
    rows = rows_of(sheet)
    assert rows[0] == MENTEE_HEADERS
    assert len(rows) == 2
    row = dict(zip(MENTEE_HEADERS, rows[1], strict=True))
    assert row["ФИО наставляемого"] == "Никитин Артём Ильич"
    assert row["Класс"] == "8А"
    assert row["Запрос"] == "Хочу подтянуть алгебру"
    assert row["Категории"] == "Одарённые и высокомотивированные обучающиеся"
    assert row["Дата вхождения в программу"].date() == date(2026, 9, 15)
    assert sheet["F2"].number_format == "DD.MM.YYYY"
    assert sheet["M2"].value.date() == date(2027, 5, 20)
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > 20


def test_it_fills_pair_columns_from_the_pairs_provider(world, monkeypatch):
    facts = hooks.PairingFacts(
        mentor_name="Соколова Ирина Викторовна",
        mentor_workplace="МБОУ СОШ № 7",
        form="Учитель – ученик",
        start_date=date(2026, 10, 1),
        end_date=date(2027, 5, 31),
    )
    monkeypatch.setattr(hooks, "_mentee_pairings", [lambda ids: {i: facts for i in ids}])
    row = rows_of(read_xlsx(export_mentee_base(programme=world.programme)))[1]
    assert row[6:10] == [
        "Соколова Ирина Викторовна",
        "МБОУ СОШ № 7",
        "Учитель – ученик",
        "01.10.2026 – 31.05.2027",
    ]


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://evil";"x")', "+1+cmd", "-2+3", "@SUM(A1)"])
def test_it_never_writes_a_cell_that_can_run_as_a_formula(world, dangerous):
    world.mentee.results = dangerous
    world.mentee.save()
    world.mentee_person.last_name = dangerous
    world.mentee_person.save()
    sheet = read_xlsx(export_mentee_base(programme=world.programme))
    for cell in (sheet["A2"], sheet["K2"]):
        assert cell.data_type == "s"
        assert cell.value.startswith(dangerous)
        assert cell.quotePrefix


def test_it_exports_the_mentor_base(world):
    world.mentor.competences = "Алгебра, геометрия"
    world.mentor.capacity = 2
    world.mentor.save()
    sheet = read_xlsx(export_mentor_base(organisation=world.school))
    rows = rows_of(sheet)
    assert rows[0][:9] == [
        "ФИО наставника",
        "Контур",
        "Место работы/учёбы",
        "Должность",
        "Контакты",
        "Компетенции и темы",
        "Этап отбора",
        "Сколько наставляемых может взять",
        "Согласие на следующие программы",
    ]
    assert rows[0][9:12] == ["Наставляемые", "Форма наставничества", "Период наставничества"]
    assert rows[1][:9] == [
        "Соколова Ирина Викторовна",
        "Внутренний контур",
        "МБОУ СОШ № 7",
        "Учитель",
        None,
        "Алгебра, геометрия",
        "Готов к работе",
        2,
        "нет",
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_it_exports_in_a_bounded_number_of_queries(world, django_assert_max_num_queries, size):
    for _ in range(size):
        mentee = make_mentee(world.programme, request="Нужна помощь с физикой")
        mentee.categories.add(MenteeCategory.objects.first())
        make_mentor(world.school, make_person(world.school))
    with django_assert_max_num_queries(6):
        export_mentee_base(programme=world.programme)
    with django_assert_max_num_queries(5):
        export_mentor_base(organisation=world.school)


@pytest.mark.parametrize(
    "url_name, russian", [("mentee_export", "База наставляемых"), ("mentor_export", "База наставников")]
)
@pytest.mark.parametrize("role", ["curator", "director"])
def test_it_downloads_the_bases_and_logs_the_export(world, client_for, url_name, russian, role):
    response = client_for(world.users[role]).get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="baza-nastav')
    assert f"filename*=UTF-8''{quote(russian)}" in disposition
    assert disposition.isascii()
    assert read_xlsx(response.content)["A1"].value.startswith("ФИО")
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert entry.user == world.users[role]


def test_it_keeps_exports_from_mentors(world, client_for):
    assert client_for(world.users["mentor"]).get(reverse("mentee_export")).status_code == 403


def test_it_reads_its_own_mentee_export_back_without_duplicating(world):
    from participants.importing import preview_import

    content = export_mentee_base(programme=world.programme)
    result = preview_import(organisation=world.school, programme=world.programme, file=content)
    assert result.ok, result.errors
    assert (result.kind, result.to_create, result.to_update) == ("mentees", 0, 1)
    assert "Контакты" in result.unknown_columns


def test_it_exports_the_base_of_the_programme_shown(client_for, world):
    earlier = core.create_programme(
        organisation=world.school,
        name="Первые шаги",
        start_date=date(2025, 9, 1),
        end_date=date(2026, 5, 31),
        forms=world.programme.forms.all(),
    )
    make_mentee(earlier, make_person(world.school, last_name="Прошлогодняя"), entry_date=date(2025, 9, 20))
    client = client_for(world.users[Role.DIRECTOR])
    response = client.get(reverse("mentee_export"), {"programme": earlier.pk})
    cells = str([c.value for row in read_xlsx(response.content).iter_rows() for c in row])
    assert "Прошлогодняя" in cells and "Никитин" not in cells
    assert client.get(reverse("mentee_export"), {"programme": world.other_programme.pk}).status_code == 404


def test_it_lists_a_mentors_completed_pairs_with_outcomes_in_the_mentor_base(world):
    pair = world_pair(world)
    record_result(member=pair.members.get(), outcome="met", achieved="Четвёрка", version=0, user=None)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Итоги", user=None)
    rows = rows_of(read_xlsx(export_mentor_base(organisation=world.school)))
    column = rows[0].index("Результаты и достижения")
    mentor_row = next(row for row in rows[1:] if row[0] == "Соколова Ирина Викторовна")
    assert mentor_row[column] == "Завершено 20.05.2027: Никитин Артём Ильич — запрос выполнен"
    assert mentor_row[rows[0].index("Наставляемые")] in (None, "")
