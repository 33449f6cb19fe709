"""The stage 1 and stage 2 reports, the SWOT analysis and the mentor's summary, as their readers see
them: figures with the number of answers behind them, small anonymous groups hidden, the same people
compared at entry and at exit."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from monitoring.models import Swot
from monitoring.services.answering import field_name, save_answers
from tests.factories import give_consent, make_mentee, make_person
from tests.monitoring_factories import answer, answers_for, launch
from tests.pair_factories import make_pair

MENTEE_SHEET = "process-mentee-teacher-student"
MENTOR_SHEET = "process-mentor-teacher-student"
FIRST_QUESTION = "Насколько полезной для вас оказалась программа наставничества?"


def _group(world, size: int):
    """A group of ``size`` pupils with the world's mentor, each with a consent; the pupils' people."""
    world.mentor.capacity = size + 1
    world.mentor.save()
    people = []
    for n in range(size):
        person = make_person(world.school, last_name=f"Ученик{'абвгдежзиклмнопрст'[n]}", first_name="Пётр")
        give_consent(person)
        people.append(person)
    mentees = [make_mentee(world.programme, person) for person in people]
    make_pair(world.programme, world.mentor, mentees, active=True, kind="group", name="Клуб «Эврика»")
    return people


def _answer_all(campaign, ratings, **values):
    for invitation, rating in zip(campaign.invitations.order_by("pk"), ratings, strict=False):
        answer(invitation, rating=rating, **values)


def _text(response) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )


def _rows(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_it_hides_an_anonymous_group_of_fewer_than_three_and_shows_it_from_three(world, client_for):
    _group(world, 3)
    campaign = launch(world.programme, MENTEE_SHEET)
    _answer_all(campaign, [6, 8])
    client = client_for(world.users["curator"])
    page = client.get(reverse("report_process")).content.decode()
    assert "Ответов меньше 3: итоги анонимной анкеты не показываются." in page
    assert "среднее: <b>7,0</b>" not in page
    answer(campaign.invitations.order_by("pk")[2], rating=7)
    page = client.get(reverse("report_process")).content.decode()
    assert "Ответов: 3; среднее: <b>7,0</b>" in page
    assert "Ответили 3 из 3 (100%)" in page
    assert "Ученика" not in page  # no name of an anonymous respondent anywhere


def test_it_shows_expectations_beside_reality_and_open_answers(world, client_for):
    _group(world, 3)
    campaign = launch(world.programme, MENTEE_SHEET)
    questions = {q.report_role: q for q in campaign.questionnaire.questions.filter(kind="text")}
    for n, invitation in enumerate(campaign.invitations.order_by("pk")):
        posted = answers_for(campaign.questionnaire, text=f"Обычный ответ {n}")
        posted[field_name(questions["expectation"])] = f"Ждал помощи с олимпиадой {n}"
        posted[field_name(questions["reality"])] = f"Дошёл до муниципального этапа {n}"
        save_answers(invitation=invitation, posted=posted, submit=True)
    page = client_for(world.users["director"]).get(reverse("report_process")).content.decode()
    assert "<td>Ждал помощи с олимпиадой 1</td><td>Дошёл до муниципального этапа 1</td>" in page
    assert "Обычный ответ 2" in page


def test_it_compares_forms_and_roles_side_by_side(world, client_for):
    _group(world, 3)
    mentees = launch(world.programme, MENTEE_SHEET)
    mentors = launch(world.programme, MENTOR_SHEET)
    _answer_all(mentees, [9, 9, 9])
    _answer_all(mentors, [4])
    page = client_for(world.users["curator"]).get(reverse("report_process")).content.decode()
    assert "Наставляемый: Учитель – ученик" in page and "Наставник: Учитель – ученик" in page
    row = page.split(f"<td>{FIRST_QUESTION}</td>")[1].split("</tr>")[0]
    assert "9,0" in row and "(N=3)" in row and "4,0" in row and "(N=1)" in row
    assert "<svg" in page


@pytest.mark.parametrize("size", [3, 8])
def test_it_builds_the_stage_1_report_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    _group(world, size)
    _answer_all(launch(world.programme, MENTEE_SHEET), [7] * size)
    _answer_all(launch(world.programme, MENTOR_SHEET), [8])
    client = client_for(world.users["curator"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("report_process"))
    assert f"Ответили {size} из {size}" in response.content.decode()


def test_it_exports_the_summary_and_raw_answers_without_naming_anonymous_respondents(world, client_for):
    people = _group(world, 3)
    _answer_all(launch(world.programme, MENTEE_SHEET), [5, 6, 7])
    _answer_all(launch(world.programme, MENTOR_SHEET), [8])
    client = client_for(world.users["curator"])
    summary = _rows(client.get(reverse("report_process_xlsx")))
    assert summary[0][:4] == ("Анкета", "Кто отвечал", "Раздел", "Вопрос")
    line = next(
        r for r in summary if r[3] == FIRST_QUESTION and r[1] == "Наставляемый" and r[5] == "Все ответы"
    )
    assert line[6] == 3 and line[7] == 6
    raw = _rows(client.get(reverse("report_process_raw")))
    assert raw[0][7] == "Участник"
    names = {r[7] for r in raw[1:]}
    assert world.mentor_person.full_name in names
    assert not names & {p.full_name for p in people}
    assert sum(1 for r in raw[1:] if r[8] == FIRST_QUESTION) == 4


def test_it_prints_the_stage_1_report_with_the_swot(world, client_for):
    _group(world, 3)
    _answer_all(launch(world.programme, MENTEE_SHEET), [9, 9, 8])
    Swot.objects.create(programme=world.programme, strengths="Дружная команда наставников", version=1)
    response = client_for(world.users["director"]).get(reverse("report_process_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    assert "Этап 1: оценка качества процесса" in text
    assert FIRST_QUESTION in text and "Дружная команда наставников" in text


def test_it_proposes_strengths_and_weaknesses_and_saves_the_curators_swot(world, client_for):
    _group(world, 3)
    campaign = launch(world.programme, MENTEE_SHEET)
    for invitation in campaign.invitations.order_by("pk"):
        posted = answers_for(campaign.questionnaire, rating=9)
        low = campaign.questionnaire.questions.get(
            text="Насколько полезны общие встречи и мероприятия программы?"
        )
        posted[field_name(low)] = "3"
        save_answers(invitation=invitation, posted=posted, submit=True)
    client = client_for(world.users["curator"])
    page = client.get(reverse("swot_edit")).content.decode()
    proposals = page.split("Предлагаем в слабые стороны")[1]
    assert "Насколько полезны общие встречи и мероприятия программы — наставляемый" in proposals
    assert "средняя оценка 3,0 из 10 (ответов: 3)" in proposals
    response = client.post(
        reverse("swot_edit"),
        {
            "strengths": "Комфортное общение",
            "weaknesses": "Мало общих встреч",
            "threats": "Нагрузка",
            "version": 0,
        },
    )
    assert response.status_code == 302
    swot = Swot.objects.get(programme=world.programme)
    assert (swot.strengths, swot.weaknesses, swot.version) == ("Комфортное общение", "Мало общих встреч", 1)
    stale = client.post(reverse("swot_edit"), {"strengths": "Старая правка", "version": 0})
    assert "изменил другой пользователь" in stale.content.decode()
    swot.refresh_from_db()
    assert swot.strengths == "Комфортное общение"


def test_it_lets_the_director_read_the_swot_but_not_change_it(world, client_for):
    Swot.objects.create(programme=world.programme, strengths="Наставники опытные", version=1)
    client = client_for(world.users["director"])
    page = client.get(reverse("swot_edit")).content.decode()
    assert "Наставники опытные" in page and "<textarea" not in page
    assert client.post(reverse("swot_edit"), {"strengths": "x", "version": 1}).status_code == 403


def _impact(world, size: int, *, entry: int, exit: int, skip_exit: int = 0):
    people = _group(world, size)
    entry_campaign = launch(world.programme, "impact-student", phase="entry")
    _answer_all(entry_campaign, [entry] * size, number=3)
    exit_campaign = launch(world.programme, "impact-student", phase="exit")
    _answer_all(exit_campaign, [exit] * (size - skip_exit), number=3)
    return people


def test_it_compares_the_same_people_at_entry_and_exit(world, client_for):
    _impact(world, 4, entry=5, exit=7, skip_exit=1)
    client = client_for(world.users["curator"])
    page = client.get(reverse("report_impact")).content.decode()
    assert "3 человека из 4 ответивших" in page
    engagement = page.split("<td>Вовлечённость в учёбу")[1].split("</tr>")[0]
    assert '<td class="text-end">3</td>' in engagement and "+2,0" in engagement
    assert "100% <span" in engagement and "1 / 0" in engagement
    # Anxiety going up is a change for the worse.
    anxiety = page.split("<td>Тревожность")[1].split("</tr>")[0]
    assert "(лучше — ниже)" in anxiety and "+2,0" in anxiety
    worse = anxiety.split('<td class="text-end">')[7]
    assert worse.startswith("100%")
    average_mark = page.split("<td>Средний балл")[1].split("</tr>")[0]
    assert "0,0" in average_mark and "нет пары" not in average_mark


def test_it_groups_stage_2_by_form_variant_and_role_and_lists_participants(world, client_for):
    people = _impact(world, 3, entry=4, exit=6)
    page = client_for(world.users["director"]).get(reverse("report_impact")).content.decode()
    for title in ("По формам наставничества", "По вариантам ролевой модели", "По ролям", "По участникам"):
        assert title in page
    assert people[0].full_name in page and "4 → 6" in page


@pytest.mark.parametrize("size", [3, 8])
def test_it_builds_the_stage_2_report_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    _impact(world, size, entry=5, exit=6)
    client = client_for(world.users["curator"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("report_impact"))
    assert f"{size} человек" in response.content.decode()


def test_it_exports_and_prints_stage_2(world, client_for):
    people = _impact(world, 3, entry=5, exit=8)
    client = client_for(world.users["curator"])
    summary = _rows(client.get(reverse("report_impact_xlsx")))
    line = next(r for r in summary if r[0] == "Вся программа" and r[1] == "Вовлечённость в учёбу")
    assert line[3:7] == (3, 5, 8, 3)
    raw = _rows(client.get(reverse("report_impact_raw")))
    assert raw[0][:2] == ("Участник", "Роль")
    assert {r[0] for r in raw[1:]} == {p.full_name for p in people}
    text = _text(client.get(reverse("report_impact_pdf")))
    assert "Этап 2: оценка влияния программы на участников" in text and "Вовлечённость в учёбу" in text


def test_it_gives_the_mentor_a_summary_of_their_pairs_without_anyones_answers(world, client_for):
    people = _impact(world, 2, entry=5, exit=7)
    launch(world.programme, MENTEE_SHEET)
    client = client_for(world.users["mentor"])
    page = client.get(reverse("mentor_summary")).content.decode()
    assert "кто ответил — не сообщается" in page
    assert "Сводка появится, когда у 3 и более" in page and "Вовлечённость" not in page
    assert not any(p.full_name in page for p in people)
    assert client.get(reverse("report_impact")).status_code == 403


def test_it_shows_the_mentor_paired_means_from_three_mentees(world, client_for):
    _impact(world, 3, entry=5, exit=7)
    page = client_for(world.users["mentor"]).get(reverse("mentor_summary")).content.decode()
    assert "Только наставляемые, у которых есть оба замера: 3 человека." in page
    assert "Вовлечённость в учёбу" in page and "+2,0" in page
