"""The mentor base and mentor selection: the list, the card, the profile, the selection stages."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.roles import Role
from participants.models import AccessLogEntry, Attendance, Mentor, Person
from participants.selectors.mentors import stage_history
from participants.services import mentors as services
from tests.factories import give_consent, make_course, make_mentor, make_person, topic

Stage = Mentor.Stage


def funnel(page: str) -> dict[str, int]:
    """The counts shown in the funnel on top of the list."""
    found = re.findall(r'data-stage="(\w+)">\s*<span[^>]*>[^<]*</span>\s*<span[^>]*>(\d+)</span>', page)
    return {stage: int(n) for stage, n in found}


def names_in(page: str) -> set[str]:
    return set(re.findall(r'href="/mentors/\d+/">([^<]+)</a>', page))


def trained(mentor: Mentor, *, sessions: int = 4) -> Mentor:
    """Put the mentor on a primary course and mark every session attended."""
    course = make_course(mentor.organisation, mentors=[mentor], sessions=sessions)
    for session in course.sessions.all():
        Attendance.objects.create(session=session, mentor=mentor, present=True)
    return mentor


# --- the list ---------------------------------------------------------------------------------


def test_it_shows_the_funnel_counts_on_top_of_the_list(client_for, world):
    for stage, n in ((Stage.CANDIDATE, 3), (Stage.INTERVIEWED, 2), (Stage.TRAINED, 1), (Stage.RESERVE, 1)):
        for _ in range(n):
            make_mentor(world.school, stage=stage)
    make_mentor(world.other_school, stage=Stage.CANDIDATE)
    page = client_for(world.users[Role.DIRECTOR]).get(reverse("mentor_list")).content.decode()
    # world.mentor is the one ready mentor; the other school's candidate is not counted.
    assert funnel(page) == {"candidate": 3, "interviewed": 2, "trained": 1, "ready": 1, "reserve": 1}
    assert "Найдено: 8 наставников" in page


def test_it_shows_a_mentors_row_with_kind_workplace_contour_topics_stage_and_capacity(client_for, world):
    person = make_person(
        world.school,
        kind=Person.Kind.EXTERNAL,
        last_name="Громов",
        position="Инженер",
        employer="АО «Омскэнерго»",
    )
    make_mentor(
        world.school,
        person,
        contour=Mentor.Contour.EXTERNAL,
        stage=Stage.TRAINED,
        capacity=3,
        topics=[topic("Профессиональная ориентация")],
    )
    page = client_for(world.users[Role.CURATOR]).get(reverse("mentor_list")).content.decode()
    row = page[page.index("Громов") : page.index("</tr>", page.index("Громов"))]
    for text in (
        "Представитель партнёра",
        "Инженер, АО «Омскэнерго»",
        "Внешний контур",
        "Профессиональная ориентация",
    ):
        assert text in row
    assert "Прошёл обучение" in row
    assert ">3<" in row
    assert "нет согласия" in row


@pytest.fixture
def base(world):
    """A small mentor base: names tell what each one is."""
    maths, sport = topic("Профессиональная ориентация"), topic("Адаптация в новом коллективе")
    mentors = {
        "ready": world.mentor,
        "maths": make_mentor(
            world.school,
            make_person(world.school, kind=Person.Kind.TEACHER, last_name="Профориентова"),
            stage=Stage.INTERVIEWED,
            topics=[maths],
            agrees_future_programmes=True,
        ),
        "sport": make_mentor(
            world.school,
            make_person(world.school, kind=Person.Kind.TEACHER, last_name="Адаптова"),
            stage=Stage.CANDIDATE,
            topics=[sport],
        ),
        "no_consent_ready": make_mentor(
            world.school,
            make_person(world.school, kind=Person.Kind.TEACHER, last_name="Бессогласова"),
            stage=Stage.READY,
            topics=[maths, sport],
        ),
    }
    give_consent(mentors["maths"].person)
    give_consent(mentors["sport"].person)
    return mentors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "profession"}, {"Профориентова", "Бессогласова"}),
        ({"stage": Stage.CANDIDATE}, {"Адаптова"}),
        ({"consent": "no"}, {"Бессогласова"}),
        ({"consent": "yes"}, {"Соколова", "Профориентова", "Адаптова"}),
        ({"readiness": "ready"}, {"Соколова"}),
        ({"readiness": "not_ready"}, {"Профориентова", "Адаптова", "Бессогласова"}),
        ({"future": "yes"}, {"Профориентова"}),
        ({"q": "соколова ирина"}, {"Соколова"}),
        ({"q": "АДАПТ"}, {"Адаптова"}),
        ({"stage": Stage.READY, "consent": "no"}, {"Бессогласова"}),
    ],
)
def test_it_filters_the_mentor_base(client_for, world, base, query, expected):
    if query.get("topic") == "profession":
        query = {**query, "topic": topic("Профессиональная ориентация").pk}
    page = client_for(world.users[Role.CURATOR]).get(reverse("mentor_list"), query).content.decode()
    assert {name.split()[0] for name in names_in(page)} == expected


def test_it_sorts_by_capacity_and_by_stage(client_for, world):
    make_mentor(
        world.school, make_person(world.school, last_name="Аверина"), capacity=5, stage=Stage.CANDIDATE
    )
    make_mentor(world.school, make_person(world.school, last_name="Яковлев"), capacity=2, stage=Stage.RESERVE)
    client = client_for(world.users[Role.CURATOR])
    by_capacity = client.get(reverse("mentor_list"), {"sort": "-capacity"}).content.decode()
    assert by_capacity.index("Аверина") < by_capacity.index("Яковлев") < by_capacity.index("Соколова")
    by_stage = client.get(reverse("mentor_list"), {"sort": "stage"}).content.decode()
    assert by_stage.index("Аверина") < by_stage.index("Соколова") < by_stage.index("Яковлев")


def test_it_pages_the_base_by_fifty_in_a_bounded_number_of_queries(
    client_for, world, django_assert_max_num_queries
):
    topics = [topic("Профессиональная ориентация"), topic("Адаптация в новом коллективе")]
    for i in range(54):
        mentor = make_mentor(world.school, stage=list(Stage)[i % 5], topics=topics)
        if i % 2:
            give_consent(mentor.person)
    client = client_for(world.users[Role.CURATOR])
    client.get(reverse("mentor_list"))  # session and caches warmed
    with django_assert_max_num_queries(12):
        first = client.get(reverse("mentor_list")).content.decode()
    with django_assert_max_num_queries(12):
        second = client.get(reverse("mentor_list"), {"page": 2, "consent": "no"}).content.decode()
    assert len(names_in(first)) == 50
    assert "1 из 2" in first
    assert len(names_in(second)) == 27
    assert "нет согласия" in second


# --- entering a mentor ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "contour"),
    [
        (Person.Kind.STUDENT, Mentor.Contour.INTERNAL),
        (Person.Kind.PARENT, Mentor.Contour.INTERNAL),
        (Person.Kind.GRADUATE, Mentor.Contour.EXTERNAL),
        (Person.Kind.EXTERNAL, Mentor.Contour.EXTERNAL),
    ],
)
def test_it_enters_a_person_as_a_candidate_with_the_contour_of_their_kind(client_for, world, kind, contour):
    person = make_person(world.school, kind=kind, last_name="Новикова")
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("mentor_create"),
        {
            "person": person.pk,
            "contour": "",
            "capacity": 2,
            "topics": [topic("Профессиональная ориентация").pk],
            "submit_token": "t1",
        },
    )
    mentor = Mentor.objects.get(person=person)
    assert response["Location"] == reverse("mentor_detail", kwargs={"mentor_id": mentor.pk})
    assert (mentor.stage, mentor.contour, mentor.capacity) == (Stage.CANDIDATE, contour, 2)
    assert AccessLogEntry.objects.filter(person=person, action=AccessLogEntry.Action.CREATE).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Новикова" in page and "Кандидат" in page and "Профессиональная ориентация" in page


def test_it_offers_only_people_of_the_school_who_are_not_mentors_yet(client_for, world):
    make_person(world.school, last_name="Свободина")
    make_person(world.other_school, last_name="Чужакова")
    client = client_for(world.users[Role.CURATOR])
    page = client.get(reverse("mentor_create")).content.decode()
    assert "Свободина" in page and "Никитин" in page
    assert "Соколова" not in page and "Чужакова" not in page
    found = client.get(reverse("mentor_create"), {"q": "свобод"}).content.decode()
    assert "Свободина" in found and "Никитин" not in found


def test_it_refuses_a_person_of_another_school_or_one_already_in_the_base(client_for, world):
    stranger = make_person(world.other_school, kind=Person.Kind.TEACHER)
    client = client_for(world.users[Role.CURATOR])
    for person in (stranger, world.mentor_person):
        page = client.post(reverse("mentor_create"), {"person": person.pk, "capacity": 1}).content.decode()
        assert "Выберите корректный вариант" in page
    assert not Mentor.objects.filter(person=stranger).exists()
    with pytest.raises(ValidationError, match="уже есть в базе наставников"):
        services.create_mentor(organisation=world.school, person=world.mentor_person, user=None)


def test_it_refuses_an_age_range_upside_down(client_for, world):
    person = make_person(world.school, kind=Person.Kind.TEACHER)
    page = (
        client_for(world.users[Role.CURATOR])
        .post(
            reverse("mentor_create"),
            {"person": person.pk, "capacity": 1, "preferred_age_from": 15, "preferred_age_to": 11},
        )
        .content.decode()
    )
    assert "Возраст «до» не может быть меньше возраста «от»" in page
    assert not Mentor.objects.filter(person=person).exists()


# --- the card ---------------------------------------------------------------------------------


def test_it_shows_the_whole_card_and_logs_the_view(client_for, world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    curator = world.users[Role.CURATOR]
    services.record_questionnaire(
        mentor=mentor,
        user=curator,
        motivation="Хочу делиться опытом",
        experience="Вожатый в лагере",
        expectations="",
    )
    services.record_interview(
        mentor=mentor,
        user=curator,
        interview_date=date(2026, 10, 5),
        interviewer="Петрова Е. А., педагог-психолог",
        conclusion="Рекомендован",
    )
    trained(mentor)
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(reverse("mentor_detail", kwargs={"mentor_id": mentor.pk})).content.decode()
    for text in (
        "Хочу делиться опытом",
        "Вожатый в лагере",
        "05.10.2026",
        "Петрова Е. А., педагог-психолог",
        "Рекомендован",
        "Школа наставника",
        "был(а) на 4 из 4 занятий",
        "«Кандидат» → «Прошёл собеседование»",
        "нет согласия",
    ):
        assert text in page, text
    # The director reads; the buttons that change the card are the curator's.
    assert "Перевести на этап" not in page
    assert AccessLogEntry.objects.filter(
        person=mentor.person, action=AccessLogEntry.Action.VIEW, user=world.users[Role.DIRECTOR]
    ).exists()


def test_it_records_an_interview_and_moves_the_candidate_on(client_for, world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("mentor_interview", kwargs={"mentor_id": mentor.pk}),
        {
            "interview_date": "05.10.2026",
            "interviewer": "Куратор Петрова Е. А.",
            "interview_conclusion": "Готов",
        },
    )
    mentor.refresh_from_db()
    assert mentor.stage == Stage.INTERVIEWED
    assert mentor.interview_date == date(2026, 10, 5)
    page = client.get(response["Location"]).content.decode()
    assert "Собеседование записано. Этап: «Прошёл собеседование»." in page


def test_it_refuses_an_interview_in_the_future(client_for, world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    page = (
        client_for(world.users[Role.CURATOR])
        .post(
            reverse("mentor_interview", kwargs={"mentor_id": mentor.pk}),
            {"interview_date": "05.10.2099", "interviewer": "Петрова", "interview_conclusion": "Готов"},
        )
        .content.decode()
    )
    assert "Собеседование ещё не прошло" in page
    mentor.refresh_from_db()
    assert (mentor.stage, mentor.interview_date) == (Stage.CANDIDATE, None)


def test_it_records_the_questionnaire(client_for, world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    client = client_for(world.users[Role.CURATOR])
    url = reverse("mentor_questionnaire", kwargs={"mentor_id": mentor.pk})
    assert "Анкета пустая" in client.post(url, {"motivation": " "}).content.decode()
    client.post(
        url, {"motivation": "Помогать новичкам", "experience": "", "expectations": "Новые знакомства"}
    )
    mentor.refresh_from_db()
    assert (mentor.motivation, mentor.expectations) == ("Помогать новичкам", "Новые знакомства")


# --- the stage rules ---------------------------------------------------------------------------


def assert_refused(mentor: Mentor, stage: str, message: str, **kwargs) -> None:
    before = Mentor.objects.values().get(pk=mentor.pk)
    logged = AccessLogEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.move_mentor_stage(mentor=mentor, stage=stage, user=None, **kwargs)
    assert message in error.value.messages[0]
    assert Mentor.objects.values().get(pk=mentor.pk) == before
    assert AccessLogEntry.objects.count() == logged


def test_it_refuses_interviewed_without_an_interview(world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    assert_refused(mentor, Stage.INTERVIEWED, "Сначала проведите и запишите собеседование")


def test_it_refuses_trained_without_a_completed_primary_course(world):
    mentor = make_mentor(world.school, stage=Stage.INTERVIEWED, interview_date=date(2026, 10, 1))
    course = make_course(world.school, mentors=[mentor])
    first, second = course.sessions.all()[:2]
    Attendance.objects.create(session=first, mentor=mentor, present=True)
    Attendance.objects.create(session=second, mentor=mentor, present=True)
    assert_refused(mentor, Stage.TRAINED, "ещё не прошёл первичное обучение")


def test_it_refuses_ready_without_a_valid_consent(world):
    person = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Петров")
    mentor = trained(make_mentor(world.school, person, stage=Stage.TRAINED, interview_date=date(2026, 10, 1)))
    give_consent(person, withdrawn_on=date(2026, 10, 20), withdrawal_reason="Переезд")
    assert_refused(mentor, Stage.READY, "нет действующего согласия на обработку персональных данных")


def test_it_refuses_going_back_down_the_funnel(world):
    assert_refused(world.mentor, Stage.INTERVIEWED, "назад по этапам отбора не переводят")
    assert_refused(world.mentor, Stage.CANDIDATE, "Вернуть наставника в кандидаты нельзя")
    assert_refused(world.mentor, Stage.READY, "Наставник уже на этапе «Готов к работе»")


def test_it_walks_a_candidate_through_every_stage(world):
    curator = world.users[Role.CURATOR]
    person = make_person(world.school, kind=Person.Kind.TEACHER)
    give_consent(person)
    mentor = services.create_mentor(organisation=world.school, person=person, user=curator)
    services.record_interview(
        mentor=mentor, user=curator, interview_date=date(2026, 10, 1), interviewer="Куратор", conclusion="Да"
    )
    trained(mentor)
    for stage in (Stage.TRAINED, Stage.READY, Stage.RESERVE, Stage.READY):
        mentor = services.move_mentor_stage(mentor=mentor, stage=stage, user=curator, on=date(2026, 11, 2))
        assert mentor.stage == stage
    assert mentor.stage_changed_on == date(2026, 11, 2)
    history = [(c.old, c.new, c.text) for c in stage_history(mentor)]
    assert history[0] == ("", Stage.CANDIDATE, "внесён в базу наставников, «Кандидат»")
    assert (Stage.READY, Stage.RESERVE, "«Готов к работе» → «В резерве»") in history
    assert history[-1] == (Stage.RESERVE, Stage.READY, "«В резерве» → «Готов к работе»")


def test_it_keeps_a_mentor_in_the_reserve_whose_consent_was_withdrawn(world):
    services.move_mentor_stage(mentor=world.mentor, stage=Stage.RESERVE, user=None)
    consent = world.mentor_person.consents.get()
    consent.withdrawn_on = date(2026, 11, 1)
    consent.save()
    mentor = Mentor.objects.get(pk=world.mentor.pk)
    assert_refused(mentor, Stage.READY, "нет действующего согласия")
    # The reserve is left for a stage the recorded facts allow: trained needs no consent.
    assert services.move_mentor_stage(mentor=mentor, stage=Stage.TRAINED, user=None).stage == Stage.TRAINED


def test_it_reads_the_stage_before_the_reserve_from_the_latest_change_only(world):
    curator = world.users[Role.CURATOR]
    mentor = make_mentor(world.school, stage=Stage.READY)  # selected before the product, no interview
    give_consent(mentor.person)
    services.move_mentor_stage(mentor=mentor, stage=Stage.RESERVE, user=curator)
    services.move_mentor_stage(mentor=mentor, stage=Stage.INTERVIEWED, user=curator)
    # Back into the reserve without the service (as a file import does): no journal line says from where.
    Mentor.objects.filter(pk=mentor.pk).update(stage=Stage.RESERVE)
    mentor = Mentor.objects.get(pk=mentor.pk)
    # The old «ready → reserve» line belongs to the earlier stay: it must not make the mentor ready again.
    assert_refused(mentor, Stage.READY, "Сначала проведите и запишите собеседование")


def test_it_shows_the_stage_history_on_the_card_in_words(client_for, world):
    services.move_mentor_stage(mentor=world.mentor, stage=Stage.RESERVE, user=world.users[Role.CURATOR])
    page = (
        client_for(world.users[Role.DIRECTOR])
        .get(reverse("mentor_detail", kwargs={"mentor_id": world.mentor.pk}))
        .content.decode()
    )
    assert "«Готов к работе» → «В резерве»" in page
    assert "ready→reserve" not in page


def test_it_lets_a_mentor_whose_data_was_erased_only_into_the_reserve(client_for, world):
    curator = world.users[Role.CURATOR]
    mentor = make_mentor(world.school, stage=Stage.INTERVIEWED, interview_date=date(2026, 10, 1))
    Person.objects.filter(pk=mentor.person_id).update(pseudonymised_at=timezone.now())
    mentor = Mentor.objects.get(pk=mentor.pk)
    assert_refused(trained(mentor), Stage.TRAINED, "данные обезличены")
    with pytest.raises(ValidationError, match="данные обезличены"):
        services.record_interview(
            mentor=mentor,
            user=curator,
            interview_date=date(2026, 10, 2),
            interviewer="Куратор",
            conclusion="Да",
        )
    with pytest.raises(ValidationError, match="данные обезличены"):
        services.record_questionnaire(
            mentor=mentor, user=curator, motivation="Хочу", experience="", expectations=""
        )
    with pytest.raises(ValidationError, match="данные обезличены"):
        services.update_mentor(mentor=mentor, version=mentor.version, user=curator, topics=[], capacity=2)
    card = client_for(curator).get(reverse("mentor_detail", kwargs={"mentor_id": mentor.pk})).content.decode()
    assert reverse("mentor_edit", kwargs={"mentor_id": mentor.pk}) not in card
    assert 'value="trained"' not in card and 'value="reserve"' in card
    assert services.move_mentor_stage(mentor=mentor, stage=Stage.RESERVE, user=curator).stage == Stage.RESERVE


def test_it_shows_a_refused_stage_move_on_the_card_in_russian(client_for, world):
    mentor = make_mentor(world.school, stage=Stage.CANDIDATE)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("mentor_stage", kwargs={"mentor_id": mentor.pk}), {"stage": Stage.READY}, follow=True
    )
    assert "Сначала проведите и запишите собеседование" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.stage == Stage.CANDIDATE
    response = client.post(
        reverse("mentor_stage", kwargs={"mentor_id": mentor.pk}), {"stage": Stage.RESERVE}, follow=True
    )
    assert "Этап отбора: «В резерве»." in response.content.decode()
    assert Mentor.objects.get(pk=mentor.pk).stage == Stage.RESERVE


# --- editing ----------------------------------------------------------------------------------


def edit_data(mentor: Mentor, **overrides) -> dict:
    data = {
        "contour": mentor.contour,
        "topics": [t.pk for t in mentor.topics.all()],
        "competences": mentor.competences,
        "achievements": "",
        "interests": "",
        "capacity": mentor.capacity,
        "version": mentor.version,
    }
    data.update(overrides)
    return data


def test_it_saves_the_profile(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("mentor_edit", kwargs={"mentor_id": world.mentor.pk})
    client.post(url, edit_data(world.mentor, capacity=4, competences="Олимпиадная математика"))
    mentor = Mentor.objects.get(pk=world.mentor.pk)
    assert (mentor.capacity, mentor.competences, mentor.version) == (4, "Олимпиадная математика", 1)


def test_it_refuses_a_stale_edit_and_shows_the_other_users_changes(client_for, world):
    opened = edit_data(world.mentor, capacity=2)
    services.update_mentor(
        mentor=world.mentor,
        version=world.mentor.version,
        user=None,
        topics=[],
        capacity=5,
        competences="Шахматы",
    )
    client = client_for(world.users[Role.CURATOR])
    url = reverse("mentor_edit", kwargs={"mentor_id": world.mentor.pk})
    page = client.post(url, opened).content.decode()
    assert "другой пользователь сохранил профиль" in page
    assert "Сколько наставляемых может взять: 5 (у вас: 2)" in page
    mentor = Mentor.objects.get(pk=world.mentor.pk)
    assert (mentor.capacity, mentor.competences) == (5, "Шахматы")
    # Saving again after seeing the changes is a knowing overwrite.
    client.post(url, {**opened, "version": mentor.version})
    assert Mentor.objects.get(pk=world.mentor.pk).capacity == 2


# --- who may do what --------------------------------------------------------------------------


def test_it_answers_404_for_another_schools_mentor(client_for, world):
    stranger = make_mentor(world.other_school, stage=Stage.CANDIDATE, interview_date=date(2026, 10, 1))
    client = client_for(world.users[Role.CURATOR])
    assert client.get(reverse("mentor_detail", kwargs={"mentor_id": stranger.pk})).status_code == 404
    assert client.get(reverse("mentor_edit", kwargs={"mentor_id": stranger.pk})).status_code == 404
    response = client.post(
        reverse("mentor_stage", kwargs={"mentor_id": stranger.pk}), {"stage": Stage.INTERVIEWED}
    )
    assert response.status_code == 404
    assert Mentor.objects.get(pk=stranger.pk).stage == Stage.CANDIDATE


def test_it_lets_the_director_read_but_not_change(client_for, world):
    client = client_for(world.users[Role.DIRECTOR])
    kwargs = {"mentor_id": world.mentor.pk}
    assert client.get(reverse("mentor_detail", kwargs=kwargs)).status_code == 200
    assert client.post(reverse("mentor_stage", kwargs=kwargs), {"stage": Stage.RESERVE}).status_code == 403
    assert (
        client.post(reverse("mentor_edit", kwargs=kwargs), edit_data(world.mentor, capacity=9)).status_code
        == 403
    )
    assert client.post(reverse("mentor_detail", kwargs=kwargs)).status_code == 405
    mentor = Mentor.objects.get(pk=world.mentor.pk)
    assert (mentor.stage, mentor.capacity) == (Stage.READY, 1)
