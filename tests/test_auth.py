"""Logging in and out, the throttle on failed logins, and passwords."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentoring.roles import Role


def post_login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_logs_in_and_lands_on_the_role_home(client, world):
    response = post_login(client, "curator", "пароль-для-тестов-42")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Рабочий стол куратора" in page


def test_it_says_in_russian_when_the_password_is_wrong(client, world):
    page = post_login(client, "curator", "не тот").content.decode()
    assert "Неверный логин или пароль" in page


def test_it_pauses_a_username_after_five_failures_from_one_address(client, world):
    for _ in range(5):
        post_login(client, "curator", "не тот", address="10.0.0.1")
    response = post_login(client, "curator", "пароль-для-тестов-42", address="10.0.0.1")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in page
    assert "15 минут" in page
    assert "_auth_user_id" not in client.session


def test_it_lets_a_colleague_on_the_same_address_log_in_after_someones_typos(client, world):
    # A school behind one address: the curator's typos pause the curator, not the director.
    for _ in range(7):
        post_login(client, "curator", "не тот", address="10.0.0.1")
    assert post_login(client, "director", "пароль-для-тестов-42", address="10.0.0.1").status_code == 302


def test_it_lets_a_class_of_pupils_mistype_once_each(client, world):
    for number in range(15):
        post_login(client, f"pupil{number}", "не тот", address="10.0.0.1")
    assert post_login(client, "director", "пароль-для-тестов-42", address="10.0.0.1").status_code == 302


def test_it_pauses_an_address_that_tries_many_usernames(client, world):
    for number in range(20):
        post_login(client, f"guess{number}", "123456", address="10.9.9.9")
    response = post_login(client, "director", "пароль-для-тестов-42", address="10.9.9.9")
    assert response.status_code == 429
    # Another address is not affected.
    assert post_login(client, "director", "пароль-для-тестов-42", address="10.9.9.10").status_code == 302


def test_it_tells_clients_behind_the_proxy_apart(client, world, settings):
    settings.PROXY_COUNT = 1

    def via_proxy(username, password, client_address):
        return client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.77, {client_address}",
        )

    for number in range(20):
        via_proxy(f"guess{number}", "123456", "198.51.100.5")
    assert via_proxy("director", "пароль-для-тестов-42", "198.51.100.5").status_code == 429
    # Everyone else comes through the same proxy and logs in as usual.
    assert via_proxy("director", "пароль-для-тестов-42", "198.51.100.6").status_code == 302


def test_it_logs_out_only_by_post(client_for, world):
    client = client_for(world.users[Role.MENTOR])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert "Вы вышли из системы" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_it_changes_the_password(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "пароль-для-тестов-42",
            "new_password1": "Новый-Пароль-2026",
            "new_password2": "Новый-Пароль-2026",
        },
    )
    assert response.status_code == 302
    world.users[Role.MENTEE].refresh_from_db()
    assert world.users[Role.MENTEE].check_password("Новый-Пароль-2026")


def test_it_refuses_a_mismatched_new_password_in_russian(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    page = client.post(
        reverse("password_change"),
        {"old_password": "пароль-для-тестов-42", "new_password1": "Abc-12345-x", "new_password2": "другой"},
    ).content.decode()
    assert "не совпадают" in page


def test_it_emails_a_russian_reset_link_that_sets_a_new_password(client, world, run_tasks, settings):
    settings.SITE_URL = "https://nastavnik.school7.ru"
    response = client.post(reverse("password_reset"), {"email": "mentor@example.com"})
    assert response.status_code == 302
    # The letter leaves the request path: the task worker writes it.
    assert mail.outbox == []
    run_tasks()
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert "Восстановление пароля" in letter.subject
    assert "Ваш логин: mentor" in letter.body
    # The link is the site's own address, whatever Host header the request came with.
    assert "https://nastavnik.school7.ru/password/reset/" in letter.body
    link = re.search(r"https?://[^/]+(/password/reset/\S+)", letter.body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "Весна-2027-ok", "new_password2": "Весна-2027-ok"})
    assert response.status_code == 302
    world.users[Role.MENTOR].refresh_from_db()
    assert world.users[Role.MENTOR].check_password("Весна-2027-ok")


def test_it_does_not_reveal_whether_an_email_is_known(client, world, run_tasks, django_assert_num_queries):
    # The same answer, after the same queries, for a known and an unknown address.
    answers = []
    for email in ("nobody-here@example.com", "mentor@example.com"):
        with django_assert_num_queries(7) as context:
            response = client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR="10.1.1.1")
        answers.append((response.status_code, response["Location"], [q["sql"][:30] for q in context]))
    assert answers[0] == answers[1]
    run_tasks()
    assert [letter.to for letter in mail.outbox] == [["mentor@example.com"]]


def test_it_sends_no_more_than_three_reset_letters_to_an_address_an_hour(client, world, run_tasks):
    statuses = [
        client.post(
            reverse("password_reset"), {"email": "mentor@example.com"}, REMOTE_ADDR=f"10.2.0.{number}"
        ).status_code
        for number in range(9)
    ]
    assert statuses == [302, 302, 302] + [429] * 6
    run_tasks()
    assert len(mail.outbox) == 3
    page = client.post(reverse("password_reset"), {"email": "mentor@example.com"}).content.decode()
    assert "Слишком много запросов на смену пароля" in page


def test_it_throttles_one_client_asking_for_many_addresses(client, world):
    statuses = [
        client.post(
            reverse("password_reset"), {"email": f"someone{number}@example.com"}, REMOTE_ADDR="10.3.0.1"
        ).status_code
        for number in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2
    other = client.post(reverse("password_reset"), {"email": "x@example.com"}, REMOTE_ADDR="10.3.0.2")
    assert other.status_code == 302


@pytest.mark.parametrize("name", ["login", "password_reset"])
def test_it_protects_forms_with_csrf(world, name):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse(name), {"username": "curator", "password": "x", "email": "x@example.com"})
    assert response.status_code == 403
    assert "Форма устарела" in response.content.decode()


def test_it_expires_sessions(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
