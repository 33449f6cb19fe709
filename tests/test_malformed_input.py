"""What a person (or a script) sees for the malformed input of the security review: a Russian page, never a
500, and nothing written. The fuzz test (tests/test_fuzz.py) sends such input to every route."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.urls import reverse

from mentoring.middleware import has_control_characters
from mentoring.models import FormSubmission, MentoringForm, Programme
from mentoring.params import int_param, int_params
from mentoring.roles import Role
from mentoring.submissions import MALFORMED_TOKEN
from monitoring.models import Section
from participants.models import Topic
from tests.monitoring_factories import questionnaire_of
from tests.pair_factories import world_plan

HUGE = "9" * 30


def programme_data(**overrides):
    data = {
        "name": "Вместе к вершинам",
        "start_date": "01.09.2027",
        "end_date": "31.05.2028",
        "forms": [MentoringForm.objects.get(code="teacher-student").pk],
        "status": Programme.Status.DRAFT,
        "goal": "Помочь каждому найти своё дело",
        "submit_token": "token-1",
    }
    data.update(overrides)
    return data


def assert_bad_request_page(response):
    assert response.status_code == 400
    page = response.content.decode()
    assert "Неверный запрос" in page
    assert "недопустимые символы" in page


# --- NUL bytes and other control characters: 400 at the door -------------------------------------


def test_a_nul_in_a_personal_link_is_a_russian_400_page(client, world):
    assert_bad_request_page(client.get("/q/%00/"))
    assert_bad_request_page(client.post("/q/%00/", {"action": "submit"}))


def test_a_nul_in_a_search_is_a_russian_400_page(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    assert_bad_request_page(client.get(reverse("mentor_create") + "?q=%00"))
    assert_bad_request_page(client.get(reverse("mentee_list") + "?q=%E2%84%96%00"))
    # In a parameter's name too.
    assert_bad_request_page(client.get(reverse("person_list") + "?q%00=1"))


def test_it_saves_once_when_a_submit_token_carries_a_nul(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    before = Programme.objects.count()
    for _ in range(2):
        response = client.post(reverse("programme_create"), programme_data(submit_token="ab\x00cd"))
        assert response.status_code == 302
    assert Programme.objects.count() == before + 1


def test_it_keeps_text_pasted_from_word_with_its_line_breaks(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    # Word's line break arrives as a vertical tab, its page break as a form feed: both would break the
    # .xlsx and .docx exports later, and refusing them would lose what the curator typed.
    response = client.post(
        reverse("programme_create"),
        programme_data(goal="Первая\x0bвторая\x0cтретья\x01 строка\r\nс\tтабуляцией"),
    )
    assert response.status_code == 302
    goal = Programme.objects.get(name="Вместе к вершинам").goal
    assert goal.replace("\r\n", "\n") == "Первая\nвторая\nтретья строка\nс\tтабуляцией"


def test_it_refuses_a_control_character_in_a_fields_name(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    before = Programme.objects.count()
    assert_bad_request_page(client.post(reverse("programme_create"), {**programme_data(), "goal\x00": "x"}))
    assert Programme.objects.count() == before


def test_it_knows_the_control_characters():
    assert (
        has_control_characters("\x00") and has_control_characters("a\x1fb") and has_control_characters("\x0c")
    )
    assert not has_control_characters("Строка\tс\r\nпереносом «№ 7»")


def test_a_multipart_body_that_does_not_parse_is_a_400(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.generic(
        "POST", reverse("programme_create"), b"--x\r\n", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()


# --- Submit tokens ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token", ["x" * 65, "x" * 5000, "ab\u2028cd", "ab\x7fcd"], ids=["65", "5000", "ls", "del"]
)
def test_a_malformed_submit_token_gets_a_russian_message_and_nothing_is_written(client_for, world, token):
    client = client_for(world.users[Role.CURATOR])
    before = Programme.objects.count()
    response = client.post(reverse("programme_create"), programme_data(submit_token=token))
    assert response.status_code == 200
    assert MALFORMED_TOKEN in response.content.decode()
    assert Programme.objects.count() == before
    assert not FormSubmission.objects.exists()


def test_a_64_character_token_still_saves_once(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    data = programme_data(submit_token="ж" * 64)
    first = client.post(reverse("programme_create"), data)
    second = client.post(reverse("programme_create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Programme.objects.filter(name="Вместе к вершинам").count() == 1


def test_an_order_with_an_overlong_token_is_not_matched_against_old_submissions(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("order_create"), {"number": "1", "submit_token": "x" * 500})
    assert response.status_code == 200


# --- Ids that are not numbers -----------------------------------------------------------------------


def test_a_non_numeric_toggle_names_no_entry(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    client.post(reverse("vocabulary"), {"list": "topics", "topics-name": "Шахматы", "topics-audience": "any"})
    topic = Topic.objects.get(organisation=world.school, name="Шахматы")
    for toggle in ("abc", "²", HUGE, "-1", ""):
        response = client.post(reverse("vocabulary"), {"list": "topics", "toggle": toggle})
        assert response.status_code == 404, toggle
        assert "Страница не найдена" in response.content.decode()
    topic.refresh_from_db()
    assert topic.is_active
    client.post(reverse("vocabulary"), {"list": "topics", "toggle": str(topic.pk)})
    topic.refresh_from_db()
    assert not topic.is_active


@pytest.mark.parametrize("value", ["abc", "²", "٣", HUGE, "-1", "1e999"])
def test_a_programme_that_is_not_a_number_is_the_current_one(client_for, world, value):
    client = client_for(world.users[Role.CURATOR])
    response = client.get(reverse("mentee_list"), {"programme": value, "page": value})
    assert response.status_code == 200
    assert response.context["programme"] == world.programme


def test_a_spoiled_version_is_a_stale_edit_not_a_crash(client_for, world):
    row = world_plan(world).rows.first()
    client = client_for(world.users[Role.MENTOR])
    response = client.post(reverse("plan_row_done", kwargs={"row_id": row.pk}), {"version": "²", "done": "1"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.done


def test_a_30_digit_id_in_a_multiple_choice_is_an_invalid_choice(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("programme_create"), programme_data(forms=[HUGE]))
    assert response.status_code == 200
    assert response.context["form"].errors["forms"]
    assert not Programme.objects.filter(name="Вместе к вершинам").exists()


def test_a_number_no_column_holds_matches_nothing_in_an_in_lookup(world):
    programmes = Programme.objects.filter(organisation=world.school)
    assert list(programmes.filter(pk__in=[int(HUGE), world.programme.pk])) == [world.programme]
    assert not programmes.filter(pk__in=[int(HUGE), -int(HUGE)]).exists()
    assert connection.vendor in {"sqlite", "postgresql"}


def test_only_plain_digits_are_numbers():
    assert int_param("42") == 42
    assert int_param("0") == 0
    for value in (None, "", "abc", "²", "٣", "-1", " 1", "1 ", "1.0", "1e3", HUGE, "1\n", ["1"]):
        assert int_param(value) is None, value
    assert int_params(["1", "x", "²", "2"]) == [1, 2]


def test_an_overlong_login_is_refused_on_the_form_and_not_recorded(client, world):
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "пароль"})
    assert response.status_code == 200
    assert "не более 150 символов" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_an_overlong_section_title_is_refused_in_russian(client_for, world):
    questionnaire = questionnaire_of(world.programme, "process-curator")
    client = client_for(world.users[Role.CURATOR])
    url = reverse("section_add", kwargs={"questionnaire_id": questionnaire.pk})
    response = client.post(url, {"version": questionnaire.version, "title": "Раздел " * 100}, follow=True)
    assert "Название раздела — не длиннее 300 символов." in response.content.decode()
    assert not Section.objects.filter(title__startswith="Раздел Раздел").exists()


@pytest.mark.parametrize("year", ["9999", HUGE])
def test_an_impossible_year_in_the_admins_date_hierarchy_is_a_wrong_filter(client, world, year):
    staff = world.users[Role.STAFF]
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    response = client.get(reverse("admin:axes_accesslog_changelist"), {"attempt_time__year": year})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
