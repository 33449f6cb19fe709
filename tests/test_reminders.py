"""E-mail reminders: overdue plan rows and tomorrow's meetings to mentors, the weekly digest to curators;
each sent once, and a failed send retried by the next run."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date, datetime
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core.mail import get_connection
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from mentoring.roles import Role
from pairs.models import Meeting, SentReminder
from pairs.services import reminders
from pairs.services.lifecycle import release_member
from pairs.services.meetings import record_meeting, update_meeting
from pairs.services.plans import add_row, set_row_done, start_plan
from pairs.services.reminders import send_reminders, week_key
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair

WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)
NEXT_MONDAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://nastavnik.school7.ru/"
    return settings.SITE_URL


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def plan_of(pair, mentee, user):
    return start_plan(member=pair.members.get(mentee=mentee), user=user, goal="Подтянуть алгебру")


def meeting(pair, user, starts_at: datetime, *, topic: str = "Разбор контрольной", **fields) -> Meeting:
    fields.setdefault("kind", Meeting.Kind.REGULAR)
    fields.setdefault("format", Meeting.Format.IN_PERSON)
    return record_meeting(pair=pair, user=user, starts_at=starts_at, topic=topic, **fields)


def letters_to(outbox, address: str) -> list:
    return [message for message in outbox if message.to == [address]]


def only_letter(outbox, address: str):
    found = letters_to(outbox, address)
    assert len(found) == 1, [m.subject for m in found]
    return found[0]


def working_world(world):
    """The world's pair with an overdue row, a done one, a future one, and a meeting tomorrow."""
    mentor = world.users[Role.MENTOR]
    pair = world_pair(world)
    plan = plan_of(pair, world.mentee, mentor)
    overdue = add_row(plan=plan, user=mentor, task="Решить вариант ОГЭ № 3", deadline=date(2026, 11, 20))
    done = add_row(
        plan=plan, user=mentor, task="Повторить формулы сокращённого умножения", deadline=date(2026, 11, 10)
    )
    set_row_done(row=done, version=done.version, done=True, user=mentor, day=date(2026, 11, 9))
    add_row(plan=plan, user=mentor, task="Подготовить доклад к конференции", deadline=date(2026, 12, 20))
    tomorrow = meeting(pair, mentor, at(2026, 11, 26, 15, 30))
    return pair, plan, overdue, tomorrow


def test_it_reminds_the_mentor_of_overdue_plan_rows(world, mailoutbox):
    pair, plan, overdue, _ = working_world(world)

    report = send_reminders(day=WEDNESDAY)

    letter = letters_to(mailoutbox, "mentor@example.com")[0]
    assert letter.subject == "Просроченные строки в планах наставляемых: 1"
    assert "Здравствуйте, Анна Петровна!" in letter.body
    assert "Решить вариант ОГЭ № 3 (срок 20.11.2026, просрочено на 5 дней)" in letter.body
    assert f"Пара № {pair.pk}, план наставляемого Никитин А. И.:" in letter.body
    assert f"https://nastavnik.school7.ru/plans/{plan.pk}/" in letter.body
    # A done row and one whose deadline is still ahead are not overdue.
    assert "формулы сокращённого умножения" not in letter.body
    assert "доклад к конференции" not in letter.body
    assert "&quot;" not in letter.body and "&#x27;" not in letter.body  # plain text, not HTML-escaped
    assert report.overdue_letters == 1 and report.overdue_rows == 1
    assert SentReminder.objects.filter(
        user=world.users[Role.MENTOR], kind=SentReminder.Kind.OVERDUE, key="2026-11-25"
    ).exists()
    # Nobody writes to the children.
    assert not letters_to(mailoutbox, "mentee@example.com")


def test_it_leaves_out_the_rows_of_a_mentee_who_left_the_group(world, mailoutbox):
    mentor_user = world.users[Role.MENTOR]
    world.mentor.capacity = 3
    world.mentor.save()
    leaver_person = make_person(world.school, last_name="Уходящий", first_name="Пётр")
    give_consent(leaver_person)
    leaver = make_mentee(world.programme, leaver_person)
    group = make_pair(world.programme, world.mentor, [world.mentee, leaver], active=True, name="Алгебра")
    staying_plan = plan_of(group, world.mentee, mentor_user)
    leaving_plan = plan_of(group, leaver, mentor_user)
    add_row(plan=staying_plan, user=mentor_user, task="Задача остающегося", deadline=date(2026, 11, 2))
    add_row(plan=leaving_plan, user=mentor_user, task="Задача ушедшего", deadline=date(2026, 11, 2))
    release_member(
        member=group.members.get(mentee=leaver),
        day=date(2026, 11, 10),
        reason="Перешёл в другую школу",
        user=None,
    )

    send_reminders(day=WEDNESDAY)

    body = only_letter(mailoutbox, "mentor@example.com").body
    assert "Задача остающегося" in body
    assert f"Группа «Алгебра» № {group.pk}" in body
    assert "Задача ушедшего" not in body and "Уходящий" not in body


def test_it_reminds_of_tomorrows_meetings_by_the_local_clock(world, mailoutbox):
    mentor = world.users[Role.MENTOR]
    pair = world_pair(world)
    # Just after midnight Moscow time is still the previous day in UTC: it is tomorrow all the same.
    early = meeting(pair, mentor, at(2026, 11, 26, 0, 30), kind=Meeting.Kind.ACQUAINTANCE, topic="Знакомство")
    late = meeting(
        pair, mentor, at(2026, 11, 26, 17, 0), topic="Разбор контрольной", format=Meeting.Format.ONLINE
    )
    meeting(pair, mentor, at(2026, 11, 27, 1, 0), topic="Послезавтрашняя встреча")
    meeting(pair, mentor, at(2026, 11, 25, 23, 30), topic="Сегодняшняя встреча")
    meeting(
        pair, mentor, at(2026, 11, 26, 12, 0), topic="Отменённая встреча", status=Meeting.Status.CANCELLED
    )

    report = send_reminders(day=WEDNESDAY)

    letter = only_letter(mailoutbox, "mentor@example.com")
    assert letter.subject == "Завтра, 26.11.2026: 2 встречи"
    assert "Напоминаем: завтра, 26.11.2026, у вас запланировано 2 встречи:" in letter.body
    assert "00:30 — Встреча-знакомство (очно), тема: «Знакомство»" in letter.body
    assert "17:00 — Рабочая встреча (онлайн), тема: «Разбор контрольной»" in letter.body
    assert f"Пара № {pair.pk}: Никитин А. И." in letter.body
    assert f"https://nastavnik.school7.ru/pairs/{pair.pk}/" in letter.body
    for other in ("Послезавтрашняя", "Сегодняшняя", "Отменённая"):
        assert other not in letter.body
    assert report.meeting_letters == 1 and report.meetings == 2
    assert set(SentReminder.objects.filter(kind=SentReminder.Kind.MEETING).values_list("key", flat=True)) == {
        f"meeting:{early.pk}",
        f"meeting:{late.pk}",
    }


def test_it_names_the_time_of_a_single_meeting_in_the_subject(world, mailoutbox):
    pair = world_pair(world)
    meeting(pair, world.users[Role.MENTOR], at(2026, 11, 26, 15, 30), kind=Meeting.Kind.PLANNING)

    send_reminders(day=WEDNESDAY)

    letter = only_letter(mailoutbox, "mentor@example.com")
    assert letter.subject == "Завтра, 26.11.2026, в 15:30: встреча-планирование"
    assert "у вас запланирована встреча:" in letter.body


def test_it_sends_nothing_twice_on_the_same_day(world, mailoutbox):
    working_world(world)
    first = send_reminders(day=WEDNESDAY)
    assert first.sent == 3  # overdue rows, tomorrow's meeting, the curator's digest
    assert len(mailoutbox) == 3

    second = send_reminders(day=WEDNESDAY)

    assert second.sent == 0 and second.failed == 0
    assert len(mailoutbox) == 3
    assert SentReminder.objects.count() == 3


def test_it_repeats_overdue_rows_the_next_day_but_reminds_a_meeting_once(world, mailoutbox):
    mentor = world.users[Role.MENTOR]
    _, _, _, tomorrow = working_world(world)
    send_reminders(day=WEDNESDAY)
    # The meeting moves to Friday: on Thursday it is «tomorrow» again, but it has been reminded.
    update_meeting(
        meeting=tomorrow,
        version=tomorrow.version,
        user=mentor,
        kind=tomorrow.kind,
        starts_at=at(2026, 11, 27, 15, 30),
        format=tomorrow.format,
        topic=tomorrow.topic,
        status=tomorrow.status,
    )
    mailoutbox.clear()

    report = send_reminders(day=THURSDAY)

    letter = only_letter(mailoutbox, "mentor@example.com")
    assert letter.subject == "Просроченные строки в планах наставляемых: 1"
    assert "просрочено на 6 дней" in letter.body
    assert report.meeting_letters == 0
    assert report.digest_letters == 0  # the same ISO week


def test_it_sends_the_curator_a_digest_once_a_week(world, mailoutbox):
    pair, *_ = working_world(world)

    send_reminders(day=WEDNESDAY)

    letter = only_letter(mailoutbox, "curator@example.com")
    assert letter.subject == "Сводка о работе пар, МБОУ СОШ № 7: 1 пара требует внимания"
    body = letter.body
    assert "программа «Путь к успеху!», на 25.11.2026 (неделя 23.11.2026 – 29.11.2026)" in body
    assert "Действующих пар и групп: 1, из них требуют внимания: 1." in body
    assert "— Просрочены строки плана: 1" in body
    assert "— Нет встречи-знакомства: 1" in body
    assert "— Нет плана" not in body  # a flag no pair carries is not listed
    assert (
        f"Пара № {pair.pk}, наставник Соколова Ирина Викторовна: "
        "нет встреч 30 дней; просрочены строки плана; нет встречи-знакомства"
    ) in body
    assert "https://nastavnik.school7.ru/pairs/work/" in body
    # Pair № and mentor only: no child's name, no plan row.
    assert "Никитин" not in body and "ОГЭ" not in body
    assert SentReminder.objects.filter(
        user=world.users[Role.CURATOR], kind=SentReminder.Kind.DIGEST, key=f"2026-W48:{world.school.pk}"
    ).exists()
    # The director, the municipal curator and the mentee get no digest.
    for role in (Role.DIRECTOR, Role.MUNICIPAL, Role.MENTEE):
        assert not letters_to(mailoutbox, f"{role}@example.com")

    mailoutbox.clear()
    send_reminders(day=THURSDAY)
    send_reminders(day=date(2026, 11, 29))  # Sunday, still week 48
    assert not letters_to(mailoutbox, "curator@example.com")

    send_reminders(day=NEXT_MONDAY)
    assert "2026-W49" == week_key(NEXT_MONDAY)
    only_letter(mailoutbox, "curator@example.com")


def test_it_cuts_a_long_digest_short_and_points_to_the_overview(world, mailoutbox, monkeypatch):
    monkeypatch.setattr(reminders, "DIGEST_LIMIT", 1)
    first = world_pair(world)
    mentor = make_mentor(world.school)
    give_consent(mentor.person)
    mentee = make_mentee(world.programme)
    give_consent(mentee.person)
    second = make_pair(world.programme, mentor, mentee, active=True)

    send_reminders(day=WEDNESDAY)

    letter = only_letter(mailoutbox, "curator@example.com")
    assert "2 пары требуют внимания" in letter.subject
    assert "из них требуют внимания: 2." in letter.body
    assert f"Пара № {first.pk}," in letter.body and f"Пара № {second.pk}," not in letter.body
    assert "…и ещё 1 — на странице «Работа пар»." in letter.body


def test_it_sends_no_digest_in_a_quiet_week_until_a_flag_appears(world, mailoutbox):
    report = send_reminders(day=WEDNESDAY)

    assert report.sent == 0 and not mailoutbox
    assert not SentReminder.objects.exists()  # a quiet day records nothing…

    world_pair(world)  # …so a pair flagged later in the week still gets the week's digest
    send_reminders(day=THURSDAY)
    assert "1 пара требует внимания" in only_letter(mailoutbox, "curator@example.com").subject


def test_it_skips_a_mentor_without_an_address(world, mailoutbox):
    mentor_user = world.users[Role.MENTOR]
    mentor_user.email = ""
    mentor_user.save()
    working_world(world)
    # Another mentor has no account at all.
    loner = make_mentor(world.school)
    give_consent(loner.person)
    other_mentee = make_mentee(world.programme)
    give_consent(other_mentee.person)
    other_pair = make_pair(world.programme, loner, other_mentee, active=True)
    plan = plan_of(other_pair, other_mentee, mentor_user)
    add_row(plan=plan, user=mentor_user, task="Задача без адресата", deadline=date(2026, 11, 3))
    meeting(other_pair, mentor_user, at(2026, 11, 26, 10, 0))

    report = send_reminders(day=WEDNESDAY)

    assert report.skipped == 2  # each mentor once, whatever they had to read
    assert report.overdue_letters == 0 and report.meeting_letters == 0 and report.failed == 0
    assert [message.to for message in mailoutbox] == [["curator@example.com"]]
    assert "2 пары требуют внимания" in mailoutbox[0].subject
    assert not SentReminder.objects.exclude(kind=SentReminder.Kind.DIGEST).exists()
    assert "Пропущено без адреса электронной почты: 2." in report.summary()


def test_it_tells_another_schools_curator_nothing_about_this_school(world, mailoutbox):
    pair, *_ = working_world(world)
    their_mentor = make_mentor(world.other_school)
    give_consent(their_mentor.person)
    their_mentee = make_mentee(world.other_programme, make_person(world.other_school))
    give_consent(their_mentee.person)
    their_pair = make_pair(world.other_programme, their_mentor, their_mentee, active=True)

    send_reminders(day=WEDNESDAY)

    ours = only_letter(mailoutbox, "curator@example.com").body
    theirs = only_letter(mailoutbox, "outsider@example.com").body
    assert "МБОУ СОШ № 12" in theirs and f"Пара № {their_pair.pk}," in theirs
    assert "Соколова" not in theirs and f"Пара № {pair.pk}," not in theirs and "СОШ № 7" not in theirs
    assert f"Пара № {their_pair.pk}," not in ours and their_mentor.person.last_name not in ours


def test_it_records_nothing_when_sending_fails_so_the_next_run_retries(world, mailoutbox, monkeypatch):
    working_world(world)

    def refuse(self, messages):
        raise SMTPException("450 mailbox unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        failed = send_reminders(day=WEDNESDAY)

    assert failed.failed == 3 and failed.sent == 0
    assert "Не отправлено из-за ошибки почты: 3 письма" in failed.summary()
    assert not mailoutbox
    assert not SentReminder.objects.exists()

    retried = send_reminders(day=WEDNESDAY)

    assert retried.sent == 3 and retried.failed == 0
    assert {tuple(message.to) for message in mailoutbox} == {
        ("mentor@example.com",),
        ("curator@example.com",),
    }
    assert SentReminder.objects.count() == 3


def test_it_stops_trying_when_the_mail_server_cannot_be_reached(world, mailoutbox):
    working_world(world)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port, timeout=2
    )
    attempts = []
    connect = smtp.open
    smtp.open = lambda: attempts.append(1) or connect()

    report = send_reminders(day=WEDNESDAY, connection=smtp)

    assert report.failed == 3 and report.sent == 0
    assert len(attempts) == 1  # one refused connection, not one per letter
    assert not SentReminder.objects.exists()


def test_it_goes_on_after_one_letter_fails(world, mailoutbox, monkeypatch):
    working_world(world)
    sent = EmailBackend.send_messages
    calls = []

    def first_fails(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise OSError("connection reset")
        return sent(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", first_fails)

    report = send_reminders(day=WEDNESDAY)

    assert report.failed == 1 and report.sent == 2
    assert SentReminder.objects.count() == 2


def test_it_does_not_send_what_a_simultaneous_run_has_just_recorded(world, mailoutbox, monkeypatch):
    mentor = world.users[Role.MENTOR]
    pair, _, _, first = working_world(world)
    second = meeting(pair, mentor, at(2026, 11, 26, 18, 0), topic="Вторая встреча")
    # The other run recorded the overdue letter and the first meeting after this one looked.
    SentReminder.objects.create(user=mentor, kind=SentReminder.Kind.OVERDUE, key="2026-11-25")
    SentReminder.objects.create(user=mentor, kind=SentReminder.Kind.MEETING, key=f"meeting:{first.pk}")
    monkeypatch.setattr(reminders, "_already_sent", lambda kind, keys: set())

    report = send_reminders(day=WEDNESDAY)

    assert report.failed == 0 and report.overdue_letters == 0
    assert report.meeting_letters == 1 and report.meetings == 1
    letter = only_letter(mailoutbox, "mentor@example.com")
    assert "Вторая встреча" in letter.body and "Разбор контрольной" not in letter.body
    assert SentReminder.objects.filter(user=mentor, key=f"meeting:{second.pk}").exists()
    assert SentReminder.objects.filter(user=mentor).count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two real transactions at once need PostgreSQL")
def test_it_sends_each_letter_once_when_two_runs_overlap(reference_data, world, mailoutbox, monkeypatch):
    working_world(world)
    deliver = EmailBackend.send_messages

    def slow(self, messages):
        time.sleep(0.3)  # the other run reaches the same letters meanwhile
        return deliver(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow)
    start = threading.Barrier(2)
    reports = []

    def run():
        try:
            start.wait()
            reports.append(send_reminders(day=WEDNESDAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(report.sent for report in reports) == 3
    assert sum(report.failed for report in reports) == 0
    assert len(mailoutbox) == 3
    assert SentReminder.objects.count() == 3


def test_it_leaves_pairs_that_do_not_work_alone(world, mailoutbox):
    mentor = world.users[Role.MENTOR]
    pair, *_ = working_world(world)
    pair.programme.status = pair.programme.Status.COMPLETED
    pair.programme.save()

    report = send_reminders(day=WEDNESDAY)

    assert report.sent == 0 and not mailoutbox
    assert not SentReminder.objects.filter(user=mentor).exists()


def test_it_runs_as_a_command(world, mailoutbox):
    working_world(world)
    out = StringIO()

    call_command("send_reminders", "--date", "2026-11-25", stdout=out)

    assert out.getvalue().strip() == (
        "Отправлено 3 письма: о просроченных строках планов — 1 (1 строка), "
        "о завтрашних встречах — 1 (1 встреча), еженедельных сводок кураторам — 1."
    )
    assert len(mailoutbox) == 3
    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        call_command("send_reminders", "--date", "25.11.2026")


def test_it_fails_the_command_when_letters_are_not_sent(world, mailoutbox, monkeypatch):
    working_world(world)
    monkeypatch.setattr(
        EmailBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(OSError())
    )
    err = StringIO()

    with pytest.raises(CommandError, match="Часть писем не отправлена"):
        call_command("send_reminders", "--date", "2026-11-25", stderr=err)

    assert "будут отправлены при следующем запуске" in err.getvalue()


def test_it_uses_the_default_site_when_none_is_set(world, mailoutbox, settings, monkeypatch):
    import importlib

    from mentoring import settings as project_settings

    monkeypatch.delenv("SITE_URL", raising=False)
    settings.SITE_URL = importlib.reload(project_settings).SITE_URL  # what the settings say without it
    working_world(world)

    send_reminders(day=WEDNESDAY)

    assert "http://127.0.0.1:8000/my/" in letters_to(mailoutbox, "mentor@example.com")[0].body
