"""The curator's pages: suggestions for one mentee, and «подобрать пары» for the whole programme."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import MentoringForm
from mentoring.roles import Role
from pairs.matching import match_programme
from pairs.models import Pair, PairMember
from pairs.services.matching import accept_matches
from participants.models import Mentee, Mentor, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person, topic
from tests.pair_factories import make_pair

pytestmark = pytest.mark.django_db

MATHS = "Повышение успеваемости по предметам"


def student(world, grade: int, **fields) -> Person:
    person = make_person(world.school, grade=grade, **fields)
    give_consent(person)
    return person


def teacher(world, **fields) -> Person:
    person = make_person(world.school, kind=Person.Kind.TEACHER, **fields)
    give_consent(person)
    return person


def suggestions_url(mentee: Mentee) -> str:
    return reverse("mentee_suggestions", kwargs={"mentee_id": mentee.pk})


def open_pairs(programme):
    return Pair.objects.filter(programme=programme, status__in=Pair.OPEN_STATUSES)


# --- suggestions for one mentee -------------------------------------------------------------------


def test_it_ranks_the_mentors_who_may_take_the_mentee_with_the_reasons(client_for, world):
    mentee = make_mentee(
        world.programme, student(world, 7), request="Хочу подтянуть алгебру", topics=[topic(MATHS)]
    )
    best = make_mentor(
        world.school, teacher(world, last_name="Алгебраева"), topics=[topic(MATHS)], capacity=3
    )
    full = make_mentor(world.school, teacher(world, last_name="Занятова"), topics=[topic(MATHS)])
    make_pair(world.programme, full, make_mentee(world.programme, student(world, 6)))
    make_mentor(world.school, teacher(world, last_name="Кандидатова"), stage=Mentor.Stage.CANDIDATE)

    response = client_for(world.users[Role.CURATOR]).get(suggestions_url(mentee))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Алгебраева") < html.index("Соколова")  # 3 points before 0
    assert (
        "Запрос «Хочу подтянуть алгебру» — тема «Повышение успеваемости по предметам» есть у наставника"
        in html
    )
    assert "Свободно мест: 3 из 3" in html
    create = reverse("pair_create")
    assert f'href="{create}?mentee={mentee.pk}&amp;mentor={best.pk}' in html
    assert "Не подходят: 2 наставника" in html
    assert "нет свободных мест: занято 1 из 1" in html
    assert "не готов к работе: этап «Кандидат»" in html


def test_it_says_the_mentee_is_already_in_a_pair(client_for, world):
    make_pair(world.programme, world.mentor, world.mentee)

    response = client_for(world.users[Role.CURATOR]).get(suggestions_url(world.mentee))

    assert response.status_code == 200
    assert "Наставляемый уже в паре: наставник — Соколова Ирина Викторовна" in response.content.decode()
    assert "Сформировать пару" not in response.content.decode()


def test_it_refuses_suggestions_for_a_mentee_without_consent(client_for, world):
    mentee = make_mentee(world.programme, make_person(world.school, grade=7))

    response = client_for(world.users[Role.CURATOR]).get(suggestions_url(mentee))

    assert "нет действующего согласия на обработку персональных данных — пару сформировать нельзя" in (
        response.content.decode()
    )
    assert "Сформировать пару" not in response.content.decode()


# --- the programme's draft ----------------------------------------------------------------------------


def small_programme(world):
    """Соколова (teacher, 1 place) and a 10th-grader (2 places) for three students and a young teacher."""
    senior = make_mentor(world.school, student(world, 10, last_name="Старшеклассников"), capacity=2)
    sixth = make_mentee(world.programme, student(world, 6, last_name="Шестаков"))
    ninth = make_mentee(
        world.programme, student(world, 9, last_name="Девятов"), request="Хочу подтянуть алгебру"
    )
    young = make_mentee(world.programme, teacher(world, last_name="Молодых", experience_years=1))
    return senior, sixth, ninth, young


def test_it_shows_the_optimal_draft_with_totals_and_who_is_left_and_why(client_for, world):
    small_programme(world)

    response = client_for(world.users[Role.CURATOR]).get(reverse("match_draft"))

    html = response.content.decode()
    assert response.status_code == 200
    # Соколова can take anyone but has one place; the 10th-grader takes two students — so the optimum
    # gives Соколова the young teacher, whom nobody else may mentor.
    assert "Подобрано: <strong>3 из 4 наставляемых</strong>" in html
    assert "Молодых" in html and "Учитель – учитель" in html
    assert "Остаются без наставника: 1" in html
    assert "достались другим наставляемым" in html
    assert html.count('name="rows"') == 3 and html.count("checked") == 3
    assert "Принять выбранные" in html and "Принять все" in html
    assert reverse("mentee_suggestions", kwargs={"mentee_id": world.mentee.pk}) in html


def test_it_explains_a_mentee_nobody_may_mentor(client_for, world):
    Mentor.objects.filter(pk=world.mentor.pk).update(stage=Mentor.Stage.RESERVE)
    make_mentee(world.programme, teacher(world, last_name="Молодых"))

    html = client_for(world.users[Role.CURATOR]).get(reverse("match_draft")).content.decode()

    assert "нет готовых к работе наставников с действующим согласием" in html


def post_draft(client, world, *, token="draft-1", values=None, **data):
    """What the draft page posts: every row ticked unless told otherwise."""
    if values is None:
        values = [row.value for row in match_programme(world.programme).rows]
    payload = {
        "start_date": "01.10.2026",
        "planned_end_date": "31.05.2027",
        "submit_token": token,
        "all_rows": values,
        "rows": values,
    }
    payload.update(data)
    return client.post(reverse("match_draft"), payload), values


def test_it_accepts_all_rows_as_draft_pairs_once_even_if_posted_twice(client_for, world):
    small_programme(world)
    client = client_for(world.users[Role.CURATOR])

    response, values = post_draft(client, world, accept="all")
    again, _ = post_draft(client, world, accept="all", values=values)  # a double click

    assert response.status_code == 302 and again.status_code == 302
    pairs = open_pairs(world.programme)
    assert pairs.count() == 3
    assert all(p.status == Pair.Status.DRAFT and p.start_date == date(2026, 10, 1) for p in pairs)
    assert Mentee.objects.filter(programme=world.programme, status=Mentee.Status.IN_PAIR).count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Сформированы 3 пары" in page


def test_it_accepts_only_the_ticked_rows_or_one_row(client_for, world):
    small_programme(world)
    client = client_for(world.users[Role.CURATOR])
    plan = match_programme(world.programme)
    first, second = plan.rows[0], plan.rows[1]

    post_draft(client, world, accept="selected", rows=[first.value])
    post_draft(client, world, token="draft-2", one=second.value, rows=[])

    members = PairMember.objects.filter(is_open=True, pair__programme=world.programme)
    assert sorted(m.mentee_id for m in members) == sorted([first.mentee.pk, second.mentee.pk])
    assert open_pairs(world.programme).count() == 2


def test_it_saves_nothing_when_one_row_breaks_a_rule(client_for, world):
    senior, sixth, ninth, young = small_programme(world)
    client = client_for(world.users[Role.CURATOR])
    values = [row.value for row in match_programme(world.programme).rows]
    # Since the page was opened, the 10th-grader's consent has been withdrawn.
    senior.person.consents.update(withdrawn_on=date(2026, 10, 1))

    response, _ = post_draft(client, world, accept="all", values=values)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Старшеклассников" in html and "нет действующего согласия" in html
    assert "Ни одна пара не сохранена." in html
    assert not open_pairs(world.programme).exists()


def test_it_refuses_a_period_outside_the_programme(client_for, world):
    small_programme(world)

    response, _ = post_draft(
        client_for(world.users[Role.CURATOR]), world, accept="all", planned_end_date="30.06.2027"
    )

    assert "Период работы пар должен укладываться в срок программы: 01.09.2026 – 31.05.2027." in (
        response.content.decode()
    )
    assert not open_pairs(world.programme).exists()


def test_it_refuses_rows_tampered_with(client_for, world):
    small_programme(world)
    other_mentor = make_mentor(world.other_school, make_person(world.other_school, kind=Person.Kind.TEACHER))
    form = MentoringForm.objects.get(code="teacher-student")

    response, _ = post_draft(
        client_for(world.users[Role.CURATOR]),
        world,
        one=f"{world.mentee.pk}:{other_mentor.pk}:{form.pk}",
    )

    assert "Подбор устарел или повреждён" in response.content.decode()
    assert not open_pairs(world.programme).exists()


def test_it_accepts_matches_all_or_nothing_naming_the_pair(world):
    mentee = make_mentee(world.programme, student(world, 7, last_name="Второв"))
    form = MentoringForm.objects.get(code="teacher-student")
    rows = [(world.mentee, world.mentor, form), (mentee, world.mentor, form)]  # Соколова has one place

    with pytest.raises(ValidationError) as error:
        accept_matches(
            programme=world.programme,
            rows=rows,
            start_date=date(2026, 10, 1),
            planned_end_date=date(2027, 5, 20),
            user=world.users[Role.CURATOR],
        )

    assert "Пара «Второв Пётр Сергеевич» — наставник «Соколова Ирина Викторовна»" in error.value.messages[0]
    assert "свободно мест: 0 из 1" in error.value.messages[0]
    assert not Pair.objects.exists()

    [pair] = accept_matches(
        programme=world.programme,
        rows=rows[:1],
        start_date=date(2026, 10, 1),
        planned_end_date=date(2027, 5, 20),
        user=world.users[Role.CURATOR],
    )
    assert pair.mentor == world.mentor and pair.members.get().mentee == world.mentee


def crowd(world, mentees: int, mentors: int) -> None:
    for n in range(mentees):
        person = student(world, 5 + n % 5) if n % 5 else teacher(world, experience_years=1)
        make_mentee(world.programme, person, request="Хочу подтянуть алгебру", topics=[topic(MATHS)])
    for n in range(mentors):
        person = student(world, 10 + n % 2) if n % 2 else teacher(world, experience_years=20)
        make_mentor(world.school, person, topics=[topic(MATHS)], capacity=1 + n % 3, competences="алгебра")


def test_it_builds_the_draft_in_as_many_queries_whatever_the_size(
    client_for, world, django_assert_max_num_queries
):
    client = client_for(world.users[Role.CURATOR])
    crowd(world, 3, 2)
    with django_assert_max_num_queries(17) as small:
        client.get(reverse("match_draft"))
    crowd(world, 17, 6)
    with django_assert_max_num_queries(17) as large:
        response = client.get(reverse("match_draft"))
    assert len(small.captured_queries) == len(large.captured_queries)
    assert "из 21 наставляемого" in response.content.decode()


def test_it_gives_the_accepted_pairs_the_variant_chosen_for_their_form(client_for, world):
    small_programme(world)
    students = MentoringForm.objects.get(code="student-student")
    equals = students.variants.get(name="Равный – равному")
    client = client_for(world.users[Role.CURATOR])
    page = client.get(reverse("match_draft")).content.decode()
    assert "Вариант ролевой модели: Ученик – ученик" in page

    post_draft(client, world, accept="all", **{f"variant_{students.pk}": equals.pk})

    pairs = open_pairs(world.programme)
    assert {p.variant for p in pairs.filter(form=students)} == {equals}
    # No variant chosen for the other forms: the curator picks it on the pair's page before the order.
    assert {p.variant for p in pairs.exclude(form=students)} == {None}
