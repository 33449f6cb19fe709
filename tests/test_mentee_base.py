"""The mentee base, its requests and the request map."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.roles import Role
from participants.models import Mentee, MenteeCategory, MenteeRequest
from participants.services.mentees import add_mentee
from tests.factories import give_consent, make_mentee, make_mentor, make_person, topic

ALGEBRA = "Повышение успеваемости по предметам"
EXAMS = "Подготовка к ОГЭ и ЕГЭ"
PROJECTS = "Проектная и исследовательская деятельность"


def category(name_start: str) -> MenteeCategory:
    return MenteeCategory.objects.get(organisation=None, name__startswith=name_start)


@pytest.fixture
def base(world):
    low = category("Обучающиеся с низкими")
    gifted = category("Одарённые")
    mentees = []
    for i in range(30):
        person = make_person(world.school, last_name=f"Наставляемый{i}", grade=5 + i % 7)
        if i % 5:
            give_consent(person)
        mentee = make_mentee(
            world.programme, person, request=f"Запрос номер {i}", topics=[topic(ALGEBRA if i % 2 else EXAMS)]
        )
        mentee.categories.set([low if i % 2 else gifted])
        mentees.append(mentee)
    return mentees


def test_it_lists_the_base_in_the_same_number_of_queries_whatever_its_size(
    client_for, world, base, django_assert_max_num_queries
):
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(16) as small:
        client.get(reverse("mentee_list"))
    for i in range(40):
        make_mentee(world.programme, request=f"Ещё запрос {i}", topics=[topic(PROJECTS)])
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("mentee_list")).content.decode()
    assert "Найдено: 71 наставляемый" in page


def test_it_filters_the_base_by_topic_category_class_and_consent(client_for, world, base):
    client = client_for(world.users[Role.DIRECTOR])
    by_topic = client.get(reverse("mentee_list"), {"topic": topic(EXAMS).pk}).content.decode()
    assert "Наставляемый0 " in by_topic and "Наставляемый1 " not in by_topic
    by_category = client.get(reverse("mentee_list"), {"category": category("Одарённые").pk}).content.decode()
    assert "Найдено: 15 наставляемых" in by_category
    no_consent = client.get(reverse("mentee_list"), {"consent": "no"}).content.decode()
    assert "Найдено: 6 наставляемых" in no_consent and "Наставляемый5 " in no_consent
    by_class = client.get(reverse("mentee_list"), {"school_class": "5"}).content.decode()
    assert "Наставляемый7 " in by_class and "Наставляемый1 " not in by_class


def test_it_adds_a_mentee_with_a_request_once(client_for, world):
    person = make_person(world.school, last_name="Орлова", grade=6)
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("mentee_create")).context["form"]
    data = {
        "submit_token": form.initial["submit_token"],
        "person": person.pk,
        "entry_date": "2026-10-01",
        "categories": [category("Обучающиеся с ограниченными").pk],
        "request_text": "Трудно даётся русский язык",
        "topics": [topic(ALGEBRA).pk],
    }
    client.post(reverse("mentee_create"), data)
    client.post(reverse("mentee_create"), data)
    mentee = Mentee.objects.get(person=person)
    assert mentee.entry_date == date(2026, 10, 1)
    assert list(mentee.requests.values_list("text", flat=True)) == ["Трудно даётся русский язык"]


def test_it_refuses_the_same_person_twice_in_a_programme(client_for, world):
    with pytest.raises(ValidationError, match="уже есть в базе наставляемых"):
        add_mentee(
            programme=world.programme,
            person=world.mentee_person,
            entry_date=date(2026, 9, 1),
            user=world.users[Role.CURATOR],
        )


def test_it_refuses_a_person_of_another_school(client_for, world):
    stranger = make_person(world.other_school, last_name="Чужой")
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("mentee_create"), {"person": stranger.pk, "entry_date": "2026-10-01"}
    )
    assert "Выберите человека из списка организации." in response.content.decode()
    assert not Mentee.objects.filter(person=stranger).exists()


def test_it_records_results_and_completion(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("mentee_edit", args=[world.mentee.pk])
    missing = client.post(url, {"entry_date": "2026-09-15", "status": "completed", "version": "0"})
    assert "Укажите дату завершения программы." in missing.content.decode()
    client.post(
        url,
        {
            "entry_date": "2026-09-15",
            "status": "completed",
            "completion_date": "2027-05-20",
            "results": "Четвёрка по алгебре за год",
            "version": "0",
        },
    )
    world.mentee.refresh_from_db()
    assert world.mentee.status == "completed" and world.mentee.results == "Четвёрка по алгебре за год"


def test_it_adds_and_removes_requests(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    client.post(
        reverse("mentee_request_add", args=[world.mentee.pk]), {"text": "", "topics": [topic(EXAMS).pk]}
    )
    assert world.mentee.requests.count() == 2
    item = world.mentee.requests.get(topics=topic(EXAMS))
    assert item.text == EXAMS
    client.post(reverse("mentee_request_delete", args=[item.pk]))
    assert not MenteeRequest.objects.filter(pk=item.pk).exists()
    outsider = client_for(world.users["outsider"])
    other = world.mentee.requests.get()
    assert outsider.post(reverse("mentee_request_delete", args=[other.pk])).status_code == 404


def test_it_maps_requests_against_ready_mentors_and_shows_the_gaps(
    client_for, world, base, django_assert_max_num_queries
):
    give_consent(make_mentor(world.school, topics=[topic(ALGEBRA)], capacity=3).person)
    make_mentor(world.school, topics=[topic(ALGEBRA)], capacity=2)  # ready, but no consent: no cover
    make_mentor(world.school, topics=[topic(EXAMS)], stage="candidate")
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(17):
        response = client.get(reverse("request_map"))
    page = response.content.decode()
    rows = {row.topic.name if row.topic else None: row for row in response.context["map"].rows}
    assert (
        rows[ALGEBRA].mentees == 15 and rows[ALGEBRA].ready_mentors == 1 and rows[ALGEBRA].ready_capacity == 3
    )
    assert rows[EXAMS].is_gap and rows[EXAMS].in_training == 1
    assert "Нет готовых наставников" in page and EXAMS in page


def test_it_lets_the_curator_add_a_topic_of_the_school_only(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    client.post(
        reverse("vocabulary"), {"list": "topics", "topics-name": "Шахматы", "topics-audience": "students"}
    )
    assert "Шахматы" in client.get(reverse("mentee_list")).content.decode()
    again = client.post(
        reverse("vocabulary"), {"list": "topics", "topics-name": "шахматы", "topics-audience": "any"}
    )
    assert "уже есть в списке" in again.content.decode()
    outsider_page = client_for(world.users["outsider"]).get(reverse("vocabulary")).content.decode()
    assert "Шахматы" not in outsider_page


def test_it_shows_the_base_of_an_earlier_programme_of_the_school_only(client_for, world):
    from mentoring import services as core

    earlier = core.create_programme(
        organisation=world.school,
        name="Первые шаги",
        start_date=date(2025, 9, 1),
        end_date=date(2026, 5, 31),
        forms=world.programme.forms.all(),
    )
    make_mentee(earlier, make_person(world.school, last_name="Прошлогодняя"), entry_date=date(2025, 9, 20))
    client = client_for(world.users[Role.CURATOR])
    current = client.get(reverse("mentee_list")).content.decode()
    assert "Прошлогодняя" not in current and "Никитин" in current
    past = client.get(reverse("mentee_list"), {"programme": earlier.pk}).content.decode()
    assert "Прошлогодняя" in past and "Никитин" not in past
    assert client.get(reverse("request_map"), {"programme": world.other_programme.pk}).status_code == 404
