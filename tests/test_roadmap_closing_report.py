"""The programme's closing report: pairs by form and outcome, KPIs, both monitoring stages, cases and
awards in one A4 PDF for the school office and the education authority."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Programme
from monitoring.models import Swot
from pairs.services.lifecycle import complete_pair
from pairs.services.results import record_result
from participants.models import Person
from roadmap.models import Award, Case
from roadmap.selectors.closing import closing_report, signature_name
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.monitoring_factories import answer, launch
from tests.pair_factories import make_pair, world_pair
from tests.roadmap_factories import world_award, world_case

URL = reverse("closing_report_pdf")
TEACHER_STUDENT = "Учитель – ученик"


def _text(response) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())


def _pdf(client, world) -> str:
    response = client.get(URL, {"programme": world.programme.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return _text(response)


def _complete(pair, outcome: str = "met") -> None:
    for member in pair.members.all():
        record_result(member=member, outcome=outcome, achieved="Четвёрка по алгебре", version=0, user=None)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Работа выполнена", user=None)


def _completed_pairs(world, count: int) -> None:
    """``count`` more completed pairs «учитель – ученик», each with its own mentor and mentee."""
    for _ in range(count):
        teacher = make_person(world.school, kind=Person.Kind.TEACHER)
        pupil = make_person(world.school)
        give_consent(teacher)
        give_consent(pupil)
        pair = make_pair(
            world.programme,
            make_mentor(world.school, teacher),
            make_mentee(world.programme, pupil),
            active=True,
        )
        _complete(pair)


def _row(report, name: str):
    return next(row for row in report.form_rows if row.name == name)


def test_it_prints_the_organisation_the_programme_and_a_completed_pair_with_its_outcome(world, client_for):
    _complete(world_pair(world))
    text = _pdf(client_for(world.users["curator"]), world)
    assert world.school.name in text and "«Путь к успеху!»" in text
    assert "ИТОГОВЫЙ ОТЧЁТ" in text and "01.09.2026 по 31.05.2027" in text
    assert "1. Пары и группы по формам наставничества и итогам" in text
    # The form's row: 1 pair, 0 groups; 0 active, 1 completed, 0 terminated; 1 mentee; 1 met.
    assert f"{TEACHER_STUDENT} 1 0 0 1 0 1 1 0 0 0" in text
    assert "Всего 1 0 0 1 0 1 1 0 0 0" in text
    assert "сформировано: 1 пара и 0 групп, в них — 1 наставляемый" in text
    assert "Запрос выполнен у 1 наставляемого" in text
    row = _row(closing_report(world.programme, day=date(2027, 5, 31)), TEACHER_STUDENT)
    assert (row.completed, row.mentees, row.met, row.without_result) == (1, 1, 1, 0)


def test_it_counts_every_form_of_the_programme_and_leaves_draft_pairs_out(world):
    world_pair(world)
    pupil = make_person(world.school)
    give_consent(pupil)
    tutor = make_person(world.school, last_name="Старшеклассников", grade=10)
    give_consent(tutor)
    make_pair(world.programme, make_mentor(world.school, tutor), make_mentee(world.programme, pupil))
    report = closing_report(world.programme, day=date(2027, 5, 31))
    assert {row.name for row in report.form_rows} == {name for name in report.forms}
    assert len(report.form_rows) == 3
    assert _row(report, TEACHER_STUDENT).active == 1
    # The pupil–pupil pair is still a draft: not a pair of the programme yet.
    assert report.form_total.units == 1 and report.form_total.mentees == 1
    assert report.form_total.without_result == 1


def test_it_lists_approved_awards_and_published_cases_first(world, client_for):
    world_award(world)
    other = make_mentor(
        world.school, make_person(world.school, kind=Person.Kind.TEACHER, last_name="Выдвинутова")
    )
    Award.objects.create(programme=world.programme, mentor=other, nominated_on=date(2027, 5, 10))
    published = world_case(world)
    Case.objects.create(
        programme=world.programme,
        form=published.form,
        title="Черновик про шахматный клуб",
        problem="—",
        actions="—",
        result="Пока пишется",
    )
    text = _pdf(client_for(world.users["director"]), world)
    assert "5. Награждение наставников" in text
    assert "Соколова Ирина Викторовна" in text and "«Лучший наставник»" in text and "Грамота" in text
    assert "Выдвинутова" not in text
    assert text.index("Как алгебра стала любимым предметом") < text.index("Черновик про шахматный клуб")
    assert "черновик, не опубликован" in text


def test_it_says_in_words_what_the_programme_did_not_have(world, client_for):
    text = _pdf(client_for(world.users["curator"]), world)
    for empty in (
        "Пар и групп в программе не было.",
        "Анкеты этапа 1 не проводились.",
        "SWOT-анализ не составлен.",
        "Замеры этапа 2 не проводились.",
        "Кейсов нет.",
        "Утверждённых награждений нет.",
    ):
        assert empty in text


def test_it_shows_the_kpi_plan_and_fact(world, client_for):
    _complete(world_pair(world))
    report = closing_report(world.programme, day=date(2027, 5, 31))
    assert report.kpis and report.kpi_years
    students = report.kpis[0]
    assert students.title.startswith("Доля обучающихся, вовлечённых в наставничество")
    # The world's only pupil is the mentee of a completed pair: involved; 2027's plan is 35 %.
    assert (students.unit, students.targets) == ("%", ("35", "50", "70"))
    assert (students.actual, students.fraction, students.status) == ("100", "1 из 1", "достигнуто")
    text = _pdf(client_for(world.users["curator"]), world)
    assert "2. Ключевые показатели эффективности" in text and "2027 г. 2028 г. 2029 г." in text
    assert "Доля обучающихся, вовлечённых в наставничество" in text and "1 из 1" in text


def _group(world, size: int) -> None:
    world.mentor.capacity = size + 1
    world.mentor.save()
    mentees = []
    for _ in range(size):
        person = make_person(world.school)
        give_consent(person)
        mentees.append(make_mentee(world.programme, person))
    make_pair(world.programme, world.mentor, mentees, active=True, kind="group", name="Клуб «Эврика»")


def _answer_all(campaign, rating: int) -> None:
    for invitation in campaign.invitations.order_by("pk"):
        answer(invitation, rating=rating, number=3)


def test_it_sums_up_both_monitoring_stages_and_the_curators_swot(world, client_for):
    _group(world, 3)
    _answer_all(launch(world.programme, "process-mentee-teacher-student"), 8)
    _answer_all(launch(world.programme, "impact-student", phase="entry"), 5)
    _answer_all(launch(world.programme, "impact-student", phase="exit"), 7)
    Swot.objects.create(
        programme=world.programme,
        strengths="Наставники опытные\nВстречи регулярные",
        threats="Нагрузка учителей",
        conclusion="Программу продолжить.",
        version=1,
    )
    report = closing_report(world.programme, day=date(2027, 5, 31))
    assert report.stage_one.responses == 3
    assert report.stage_one.swot.strengths == ("Наставники опытные", "Встречи регулярные")
    engagement = next(line for line in report.stage_two.lines if line.name == "Вовлечённость в учёбу")
    assert (engagement.n, engagement.entry, engagement.exit) == (3, "5,0", "7,0")
    assert engagement.direction == "улучшение" and engagement.change == "+2,0"
    text = _pdf(client_for(world.users["curator"]), world)
    assert "3.1. Этап 1 — оценка качества процесса реализации программы" in text
    assert "Заполненных анкет: 3" in text and "8,0" in text
    assert "Наставники опытные" in text and "Нагрузка учителей" in text and "Программу продолжить." in text
    assert "3.3. Этап 2 — оценка влияния программы на участников" in text
    assert "Вовлечённость в учёбу" in text and "улучшение" in text
    assert "3 человека из 3 ответивших" in text


def test_it_proposes_strengths_until_the_curator_writes_the_swot(world):
    _group(world, 3)
    _answer_all(launch(world.programme, "process-mentee-teacher-student"), 9)
    swot = closing_report(world.programme, day=date(2027, 5, 31)).stage_one.swot
    assert not swot.written and swot.strengths and not swot.threats


def test_it_is_signed_by_the_head_and_dated_the_day_the_programme_was_completed(world, client_for):
    world.school.head_name = "Петрова Мария Ивановна"
    world.school.save()
    Programme.objects.filter(pk=world.programme.pk).update(completed_on=date(2027, 6, 2))
    text = _pdf(client_for(world.users["curator"]), world)
    assert "Директор" in text and "М. И. Петрова" in text
    assert "Данные на дату 02.06.2027" in text and "подпись 02.06.2027" in text
    assert signature_name("Петрова Мария Ивановна") == "М. И. Петрова" and signature_name("") == ""


def test_it_is_for_the_curator_and_the_director_of_the_school_only(world, client_for):
    outsider = client_for(world.users["outsider"])
    assert outsider.get(URL, {"programme": world.programme.pk}).status_code == 404
    assert client_for(world.users["mentor"]).get(URL).status_code == 403
    assert client_for(world.users["director"]).get(URL).status_code == 200


@pytest.mark.parametrize("extra", [1, 6])
def test_it_gathers_the_report_in_a_number_of_queries_that_does_not_grow_with_the_pairs(
    world, django_assert_max_num_queries, extra
):
    _completed_pairs(world, extra)
    world_award(world)
    world_case(world)
    programme = Programme.objects.get(pk=world.programme.pk)
    with django_assert_max_num_queries(20):
        report = closing_report(programme, day=date(2027, 5, 31))
    assert _row(report, TEACHER_STUDENT).completed == extra
    assert report.form_total.met == extra and len(report.awards) == 1 and len(report.cases) == 1
