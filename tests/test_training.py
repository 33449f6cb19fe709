"""Mentor training: courses and their sessions, the attendance grid, the course results."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.roles import Role
from participants.models import AccessLogEntry, Attendance, Mentor, Person, TrainingCourse
from participants.services import training as services
from participants.services.mentors import move_mentor_stage
from tests.factories import give_consent, make_course, make_mentor, make_person

Stage = Mentor.Stage


def interviewed(world, last_name: str, **fields) -> Mentor:
    fields.setdefault("stage", Stage.INTERVIEWED)
    fields.setdefault("interview_date", date(2026, 8, 25))
    return make_mentor(world.school, make_person(world.school, last_name=last_name), **fields)


def attend(course: TrainingCourse, mentor: Mentor, numbers) -> None:
    for session in course.sessions.filter(number__in=numbers):
        Attendance.objects.create(session=session, mentor=mentor, present=True)


def grid_post(course: TrainingCourse, ticked) -> dict:
    """What the browser sends for the grid: every row and column, and the ticked boxes."""
    data = {
        "grid": "1",
        "session": [s.pk for s in course.sessions.all()],
        "mentor": [m.pk for m in course.participants.all()],
    }
    for session, mentor in ticked:
        data[f"att-{session.pk}-{mentor.pk}"] = "1"
    return data


def course_data(**overrides) -> dict:
    data = {
        "name": "Школа наставника — осень",
        "kind": TrainingCourse.Kind.PRIMARY,
        "format": TrainingCourse.Format.WEEKLY,
        "trainer": "Куратор Петрова Е. А.",
        "start_date": "05.10.2026",
        "sessions": "",
        "submit_token": "course-1",
    }
    data.update(overrides)
    return data


# --- creating a course ------------------------------------------------------------------------


def test_it_plans_four_weekly_meetings_from_the_start_date(client_for, world):
    first = interviewed(world, "Первова")
    candidate = make_mentor(
        world.school, make_person(world.school, last_name="Кандидатова"), stage=Stage.CANDIDATE
    )
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("training_create")).content.decode()
    assert "Первова" in form and "Соколова" in form
    assert "Кандидатова" not in form
    response = client.post(reverse("training_create"), course_data(participants=[first.pk, world.mentor.pk]))
    course = TrainingCourse.objects.get(name="Школа наставника — осень")
    assert response["Location"] == reverse("training_detail", kwargs={"course_id": course.pk})
    sessions = list(course.sessions.all())
    assert [s.date for s in sessions] == [date(2026, 10, 5) + timedelta(weeks=i) for i in range(4)]
    assert "самопрезентация" in sessions[0].topic
    assert "коммуникация" in sessions[1].topic
    assert "Программа наставничества" in sessions[2].topic
    assert set(course.participants.all()) == {first, world.mentor}
    page = client.get(response["Location"]).content.decode()
    assert "05.10.2026" in page and "26.10.2026" in page
    assert candidate.courses.count() == 0


def test_it_plans_a_two_day_intensive_with_the_three_parts(world):
    course = services.create_course(
        organisation=world.school,
        user=None,
        name="Интенсив",
        format=TrainingCourse.Format.INTENSIVE,
        start_date=date(2026, 10, 10),
    )
    sessions = list(course.sessions.all())
    assert [s.date for s in sessions] == [date(2026, 10, 10), date(2026, 10, 10), date(2026, 10, 11)]
    assert len(sessions) == 3


def test_it_takes_the_sessions_of_another_format_one_a_line(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    client.post(
        reverse("training_create"),
        course_data(
            format=TrainingCourse.Format.OTHER,
            kind=TrainingCourse.Kind.SECONDARY,
            start_date="",
            sessions="12.01.2027 — Трудные разговоры с родителями\n\n19.01.2027 Разбор случаев",
        ),
    )
    course = TrainingCourse.objects.get(name="Школа наставника — осень")
    assert [(s.number, s.date, s.topic) for s in course.sessions.all()] == [
        (1, date(2027, 1, 12), "Трудные разговоры с родителями"),
        (2, date(2027, 1, 19), "Разбор случаев"),
    ]


def test_it_names_each_wrong_session_line_and_creates_nothing(client_for, world):
    page = (
        client_for(world.users[Role.CURATOR])
        .post(
            reverse("training_create"),
            course_data(
                format=TrainingCourse.Format.OTHER,
                sessions="31.02.2027 — Встреча\nпонедельник — Разбор\n01.03.2027",
            ),
        )
        .content.decode()
    )
    assert "Строка 1: такой даты нет (31.02.2027)" in page
    assert "Строка 2: начните с даты в виде ДД.ММ.ГГГГ" in page
    assert "Строка 3: после даты напишите тему занятия" in page
    assert not TrainingCourse.objects.exists()


def test_it_asks_for_the_start_of_a_weekly_course(client_for, world):
    page = (
        client_for(world.users[Role.CURATOR])
        .post(reverse("training_create"), course_data(start_date=""))
        .content
    )
    assert "Укажите дату первого занятия" in page.decode()
    assert not TrainingCourse.objects.exists()


def test_it_refuses_to_enrol_a_candidate_or_another_schools_mentor(world):
    candidate = make_mentor(world.school, stage=Stage.CANDIDATE)
    stranger = make_mentor(world.other_school, stage=Stage.READY)
    for mentor in (candidate, stranger):
        with pytest.raises(ValidationError, match="после собеседования"):
            services.create_course(
                organisation=world.school,
                user=None,
                name="Курс",
                start_date=date(2026, 10, 5),
                participants=[mentor],
            )
    assert not TrainingCourse.objects.exists()


# --- the list ---------------------------------------------------------------------------------


def test_it_lists_courses_with_dates_participants_and_completions(
    client_for, world, django_assert_max_num_queries
):
    for n in range(5):
        mentors = [interviewed(world, f"Слушатель{n}-{i}") for i in range(6)]
        course = make_course(world.school, mentors=mentors, name=f"Курс {n}")
        for mentor in mentors[:3]:
            attend(course, mentor, [1, 2, 3, 4])
        attend(course, mentors[3], [1, 2, 3])  # one miss of four is forgiven
        attend(course, mentors[4], [1, 2])
    make_course(world.other_school, name="Чужой курс")
    client = client_for(world.users[Role.DIRECTOR])
    client.get(reverse("training_list"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("training_list")).content.decode()
    assert "Чужой курс" not in page
    row = page[page.index("Курс 0") : page.index("</tr>", page.index("Курс 0"))]
    assert "01.09.2026 – 22.09.2026" in row
    assert '<td class="text-end">6</td>' in row and '<td class="text-end">4</td>' in row
    assert "4 занятия" in row


# --- the attendance grid ----------------------------------------------------------------------


def test_it_saves_the_whole_grid_in_one_post(client_for, world):
    anna, boris = interviewed(world, "Аннова"), interviewed(world, "Борисов")
    course = make_course(world.school, mentors=[anna, boris])
    s1, s2, s3, s4 = course.sessions.all()
    attend(course, boris, [1])  # will be unticked
    client = client_for(world.users[Role.CURATOR])
    url = reverse("training_attendance", kwargs={"course_id": course.pk})
    response = client.post(
        url, grid_post(course, [(s1, anna), (s2, anna), (s3, anna), (s2, boris)]), follow=True
    )
    assert "Посещаемость сохранена." in response.content.decode()
    present = set(Attendance.objects.filter(present=True).values_list("session_id", "mentor_id"))
    assert present == {(s1.pk, anna.pk), (s2.pk, anna.pk), (s3.pk, anna.pk), (s2.pk, boris.pk)}
    assert Attendance.objects.get(session=s1, mentor=boris).present is False
    page = response.content.decode()
    assert "3 из 4" in page and "пройдено" in page
    assert AccessLogEntry.objects.filter(person=anna.person, action=AccessLogEntry.Action.UPDATE).exists()


@pytest.mark.parametrize("foreign", ["session", "mentor", "stranger"])
def test_it_refuses_the_whole_grid_when_an_id_is_not_of_this_course(client_for, world, foreign):
    anna = interviewed(world, "Аннова")
    course = make_course(world.school, mentors=[anna])
    other_course = make_course(world.school, mentors=[world.mentor])
    stranger = make_mentor(world.other_school, stage=Stage.INTERVIEWED)
    first = course.sessions.first()
    data = grid_post(course, [(first, anna)])
    if foreign == "session":
        data[f"att-{other_course.sessions.first().pk}-{anna.pk}"] = "1"
    elif foreign == "mentor":
        data[f"att-{first.pk}-{world.mentor.pk}"] = "1"
    else:
        data["mentor"] = [*data["mentor"], stranger.pk]
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("training_attendance", kwargs={"course_id": course.pk}), data, follow=True
    )
    assert "Посещаемость не сохранена" in response.content.decode()
    assert not Attendance.objects.exists()


def test_it_pins_the_queries_of_the_grid(client_for, world, django_assert_max_num_queries):
    mentors = [interviewed(world, f"Слушатель{i}") for i in range(40)]
    for mentor in mentors[::2]:
        give_consent(mentor.person)
    course = make_course(world.school, mentors=mentors)
    for mentor in mentors:
        attend(course, mentor, [1, 3])
    client = client_for(world.users[Role.CURATOR])
    url = reverse("training_detail", kwargs={"course_id": course.pk})
    client.get(url)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count('type="checkbox"') == 160
    assert page.count("checked") == 80
    assert page.count("нет согласия") == 20


# --- the results ------------------------------------------------------------------------------


def test_it_moves_only_the_participants_who_completed_the_course(client_for, world):
    full = interviewed(world, "Полнова")
    one_miss = interviewed(world, "Пропускова")
    two_misses = interviewed(world, "Двупропускова")
    reserve = interviewed(world, "Резервова", stage=Stage.RESERVE)
    course = make_course(world.school, mentors=[full, one_miss, two_misses, reserve, world.mentor])
    attend(course, full, [1, 2, 3, 4])
    attend(course, one_miss, [1, 2, 4])
    attend(course, two_misses, [1, 2])
    attend(course, reserve, [1, 2, 3, 4])
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("training_complete", kwargs={"course_id": course.pk}), follow=True)
    page = response.content.decode()
    stages = dict(Mentor.objects.values_list("person__last_name", "stage"))
    assert stages["Полнова"] == stages["Пропускова"] == Stage.TRAINED
    assert stages["Двупропускова"] == Stage.INTERVIEWED
    assert stages["Резервова"] == Stage.RESERVE
    assert stages["Соколова"] == Stage.READY
    assert "Перешли на этап «Прошёл обучение»: 2 наставника" in page
    assert "Двупропускова" in page and "пропущено занятий: 2 из 4 (допускается 1)" in page
    assert "этап «В резерве»" in page
    assert "Уже обучены раньше: Соколова Ирина Викторовна" in page


def test_it_needs_every_session_of_an_intensive(world):
    whole, missed = interviewed(world, "Целова"), interviewed(world, "Неполнова")
    course = services.create_course(
        organisation=world.school,
        user=None,
        name="Интенсив",
        format=TrainingCourse.Format.INTENSIVE,
        start_date=date(2026, 10, 10),
        participants=[whole, missed],
    )
    attend(course, whole, [1, 2, 3])
    attend(course, missed, [1, 2])
    result = services.complete_course(course=course, user=None)
    assert [m.pk for m in result.promoted] == [whole.pk]
    assert result.not_qualified == [(missed, "пропущено занятий: 1 из 3 (нужно быть на каждом)")]


def test_it_lets_a_trained_mentor_become_ready_with_a_consent(world):
    mentor = interviewed(world, "Готовова")
    give_consent(mentor.person)
    course = make_course(world.school, mentors=[mentor])
    attend(course, mentor, [1, 2, 3, 4])
    services.complete_course(course=course, user=None)
    assert move_mentor_stage(mentor=mentor, stage=Stage.READY, user=None).stage == Stage.READY


def test_it_sums_up_only_a_primary_course_after_its_last_session(world):
    mentor = interviewed(world, "Раннева")
    secondary = make_course(world.school, mentors=[mentor], kind=TrainingCourse.Kind.SECONDARY)
    with pytest.raises(ValidationError, match="только по первичному обучению"):
        services.complete_course(course=secondary, user=None)
    future = services.create_course(
        organisation=world.school,
        user=None,
        name="Весной",
        start_date=date(2099, 3, 2),
        participants=[mentor],
    )
    with pytest.raises(ValidationError, match="после последнего занятия курса \\(23.03.2099\\)"):
        services.complete_course(course=future, user=None)
    assert Mentor.objects.get(pk=mentor.pk).stage == Stage.INTERVIEWED


# --- who may do what --------------------------------------------------------------------------


def test_it_answers_404_for_another_schools_course(client_for, world):
    course = make_course(world.other_school)
    client = client_for(world.users[Role.CURATOR])
    for name in ("training_detail",):
        assert client.get(reverse(name, kwargs={"course_id": course.pk})).status_code == 404
    for name in ("training_attendance", "training_complete"):
        assert (
            client.post(reverse(name, kwargs={"course_id": course.pk}), grid_post(course, [])).status_code
            == 404
        )


def test_it_lets_the_director_read_the_grid_but_not_change_it(client_for, world):
    mentor = interviewed(world, "Директорова")
    course = make_course(world.school, mentors=[mentor])
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(reverse("training_detail", kwargs={"course_id": course.pk})).content.decode()
    assert "Директорова" in page
    assert "Сохранить посещаемость" not in page and "Подвести итоги" not in page
    first = course.sessions.first()
    kwargs = {"course_id": course.pk}
    assert (
        client.post(
            reverse("training_attendance", kwargs=kwargs), grid_post(course, [(first, mentor)])
        ).status_code
        == 403
    )
    assert client.post(reverse("training_complete", kwargs=kwargs)).status_code == 403
    assert client.post(reverse("training_create"), course_data()).status_code == 403
    assert not Attendance.objects.exists()
    assert TrainingCourse.objects.count() == 1


def test_it_keeps_a_mentor_whose_data_was_erased_off_new_courses_and_stages(client_for, world):
    erased = interviewed(world, "Ушедший")
    Person.objects.filter(pk=erased.person_id).update(pseudonymised_at=timezone.now())
    with pytest.raises(ValidationError, match="отозвал согласие"):
        services.create_course(
            organisation=world.school,
            user=world.users[Role.CURATOR],
            name="Школа наставника",
            start_date=date(2026, 10, 5),
            participants=[erased],
        )
    assert not TrainingCourse.objects.exists()
    page = client_for(world.users[Role.CURATOR]).get(reverse("training_create")).content.decode()
    assert f'value="{erased.pk}"' not in page
    # Enrolled before the withdrawal, attended everything: the results still do not move them on.
    course = make_course(world.school, mentors=[erased], sessions=4)
    attend(course, erased, [1, 2, 3, 4])
    result = services.complete_course(course=course, user=world.users[Role.CURATOR], on=date(2027, 1, 1))
    assert result.promoted == [] and [m for m, _ in result.not_qualified] == [erased]
    erased.refresh_from_db()
    assert erased.stage == Stage.INTERVIEWED
