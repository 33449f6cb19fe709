"""The curator keeps the organisation's programmes; the director reads them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring import services
from mentoring.exceptions import StaleEditError
from mentoring.models import MentoringForm, Programme
from mentoring.roles import Role
from tests.factories import WORLD_READ_ONLY


def form_ids(*codes):
    return [f.pk for f in MentoringForm.objects.filter(code__in=codes)]


def programme_data(**overrides):
    data = {
        "name": "Вместе к вершинам",
        "start_date": "01.09.2027",
        "end_date": "31.05.2028",
        "forms": form_ids("teacher-student"),
        "status": Programme.Status.DRAFT,
        "goal": "Помочь каждому найти своё дело",
        "submit_token": "token-1",
    }
    data.update(overrides)
    return data


def test_it_creates_a_programme_from_russian_dates(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("programme_create"), programme_data())
    programme = Programme.objects.get(name="Вместе к вершинам")
    assert response["Location"] == programme.get_absolute_url()
    assert programme.organisation == world.school
    assert programme.start_date == date(2027, 9, 1)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "01.09.2027 – 31.05.2028" in page
    assert "Учитель – ученик" in page


def test_it_creates_one_programme_on_a_double_submit(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    first = client.post(reverse("programme_create"), programme_data())
    second = client.post(reverse("programme_create"), programme_data())
    assert Programme.objects.filter(name="Вместе к вершинам").count() == 1
    assert first["Location"] == second["Location"]


def test_it_explains_bad_input_in_russian_and_saves_nothing(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    page = client.post(
        reverse("programme_create"),
        programme_data(start_date="31.02.2027", end_date="01.09.2026", forms=[]),
    ).content.decode()
    assert "Введите правильную дату" in page
    assert "Выберите хотя бы одну форму наставничества" in page
    assert not Programme.objects.filter(name="Вместе к вершинам").exists()


def test_it_refuses_an_end_before_the_start(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    page = client.post(
        reverse("programme_create"), programme_data(start_date="01.09.2027", end_date="01.06.2027")
    ).content.decode()
    assert "Дата окончания должна быть позже даты начала" in page
    assert not Programme.objects.filter(name="Вместе к вершинам").exists()


def test_it_refuses_a_stale_edit_and_shows_what_changed(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("programme_edit", args=[world.programme.pk])
    opened_version = world.programme.version
    services.update_programme(
        programme=world.programme,
        version=opened_version,
        forms=world.programme.forms.all(),
        name="Новое имя от коллеги",
    )
    response = client.post(
        url,
        programme_data(name="Моя правка", version=opened_version, status=Programme.Status.RUNNING),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Другой пользователь уже изменил эту программу" in page
    assert "Новое имя от коллеги" in page
    world.programme.refresh_from_db()
    assert world.programme.name == "Новое имя от коллеги"


def test_it_saves_an_edit_made_on_the_latest_version(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("programme_edit", args=[world.programme.pk]),
        programme_data(name="Путь к успеху! 2.0", version=world.programme.version),
    )
    assert response.status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.name == "Путь к успеху! 2.0"
    assert list(world.programme.forms.values_list("code", flat=True)) == ["teacher-student"]


def test_it_keeps_one_current_programme(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    client.post(reverse("programme_create"), programme_data())
    new = Programme.objects.get(name="Вместе к вершинам")
    assert not new.is_current  # the school already had a current one
    client.post(reverse("programme_make_current", args=[new.pk]))
    current = Programme.objects.filter(organisation=world.school, is_current=True)
    assert list(current) == [new]
    home = client.get(reverse("home")).content.decode()
    assert "Вместе к вершинам" in home


def test_it_does_not_touch_another_schools_current_programme(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("programme_make_current", args=[world.other_programme.pk]))
    assert response.status_code == 404
    world.other_programme.refresh_from_db()
    assert world.other_programme.is_current


def test_it_freezes_a_completed_programme(client_for, world):
    services.update_programme(
        programme=world.programme,
        version=world.programme.version,
        forms=world.programme.forms.all(),
        status=Programme.Status.COMPLETED,
    )
    client = client_for(world.users[Role.CURATOR])
    response = client.get(reverse("programme_edit", args=[world.programme.pk]), follow=True)
    assert WORLD_READ_ONLY in response.content.decode()
    world.programme.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.update_programme(
            programme=world.programme,
            version=world.programme.version,
            forms=world.programme.forms.all(),
            name="x",
        )
    assert refused.value.messages == [WORLD_READ_ONLY]


def test_it_lets_the_director_read_but_not_edit(client_for, world):
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(reverse("programme_list")).content.decode()
    assert "Путь к успеху!" in page
    assert "Новая программа" not in page
    assert client.post(reverse("programme_create"), programme_data()).status_code == 403


def test_it_lists_only_the_own_schools_programmes(client_for, world, django_assert_max_num_queries):
    for year in range(2020, 2026):
        services.create_programme(
            organisation=world.school,
            name=f"Программа {year}",
            start_date=date(year, 9, 1),
            end_date=date(year + 1, 5, 31),
            forms=MentoringForm.objects.all(),
        )
    client = client_for(world.users[Role.CURATOR])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("programme_list")).content.decode()
    assert page.count("Программа 20") == 6
    assert "МБОУ СОШ № 12" not in page


def test_it_refuses_a_stale_version_in_the_service(world):
    with pytest.raises(StaleEditError):
        services.update_programme(
            programme=world.programme, version=world.programme.version - 1, forms=world.programme.forms.all()
        )
