"""A withdrawn consent erases who the person was, never that they took part: the passport, the director's
dashboard and the closing report show the same figures before and after it, and the mentee leaves the
waiting list with a status of their own («Согласие отозвано») instead of waiting for a mentor again."""

from __future__ import annotations

import html
import re
from datetime import date
from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Programme
from mentoring.roles import Role
from pairs.services.lifecycle import complete_pair
from pairs.services.results import record_result
from participants.models import Mentee, Person
from participants.selectors.consents import today
from participants.services.consents import pseudonym_for, withdraw_consent
from roadmap.services.completion import carry_over, complete_programme
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.monitoring_factories import answer, launch
from tests.pair_factories import make_pair, world_pair

STUDENTS = "Доля обучающихся, вовлечённых в наставничество"
EXTRA = "Доля обучающихся, занятых в дополнительном образовании"
PROCESS_MENTEE = "process-mentee-teacher-student"


def text_of(chunk: str) -> str:
    """What a reader sees of a piece of a page: no tags, entities decoded, spaces normalised."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", chunk)).replace("\u00a0", " ").split())
    return re.sub(r" ([,.;:])", r"\1", text)


def table_row(page: str, title: str) -> str:
    """The text of the first table row of the page that names ``title``."""
    for chunk in page.split("<tr")[1:]:
        text = text_of(chunk.split("</tr>")[0])
        if title in text:
            return text
    raise AssertionError(f"no row «{title}»")


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def student(world, **fields) -> Person:
    person = make_person(world.school, **fields)
    give_consent(person)
    return person


def withdraw_on_the_page(client, person: Person) -> None:
    """The curator records the withdrawal on the person's card, as the school office does."""
    consent = person.consents.get()
    response = client.post(
        reverse("consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": today().isoformat(), "reason": "Заявление матери"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.get(response["Location"])  # the card, with the message that names the pseudonym


# --- the passport and the dashboard --------------------------------------------------------------------


def _school_with_a_leaver(world) -> Person:
    """Four students: the world's mentee in the world's pair, a club-goer in a pair of her own (she will
    withdraw), and two more who are in no pair — one of them goes to a club too. A running campaign of the
    mentees' questionnaire asks both mentees."""
    world_pair(world)
    leaver = student(world, last_name="Уходящая", first_name="Вера", in_additional_education=True)
    teacher = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Второва")
    give_consent(teacher)
    make_pair(
        world.programme, make_mentor(world.school, teacher), make_mentee(world.programme, leaver), active=True
    )
    student(world)
    student(world, in_additional_education=True)
    launch(world.programme, PROCESS_MENTEE, title="Анкета наставляемого, декабрь")
    return leaver


def test_it_shows_the_same_kpis_on_the_passport_after_a_mentee_withdraws(world, client_for):
    leaver = _school_with_a_leaver(world)
    curator = client_for(world.users[Role.CURATOR])

    page = curator.get(reverse("passport")).content.decode()
    assert "2 из 4" in table_row(page, STUDENTS) and "50 %" in table_row(page, STUDENTS)
    assert "1 из 2" in table_row(page, EXTRA) and "50 %" in table_row(page, EXTRA)

    withdraw_on_the_page(curator, leaver)

    page = curator.get(reverse("passport")).content.decode()
    assert "2 из 4" in table_row(page, STUDENTS) and "50 %" in table_row(page, STUDENTS)
    assert "1 из 2" in table_row(page, EXTRA) and "50 %" in table_row(page, EXTRA)
    assert "Уходящая" not in page


def test_it_shows_the_same_figures_on_the_directors_dashboard_after_a_mentee_withdraws(world, client_for):
    leaver = _school_with_a_leaver(world)
    director = client_for(world.users[Role.DIRECTOR])

    page = director.get(reverse("director_dashboard")).content.decode()
    assert "2 из 4" in table_row(page, STUDENTS)
    assert "1 из 2" in table_row(page, EXTRA)
    assert "0 из 2 (0 %)" in table_row(page, "Анкета наставляемого, декабрь")

    withdraw_on_the_page(client_for(world.users[Role.CURATOR]), leaver)

    page = director.get(reverse("director_dashboard")).content.decode()
    assert "2 из 4" in table_row(page, STUDENTS)
    assert "1 из 2" in table_row(page, EXTRA)
    # She was asked and did not answer: the campaign still counts her.
    assert "0 из 2 (0 %)" in table_row(page, "Анкета наставляемого, декабрь")


# --- the mentee base and the waiting list ---------------------------------------------------------------


def test_it_shows_the_withdrawn_mentee_in_the_base_with_her_own_status_and_not_as_waiting(world, client_for):
    leaver = student(world, last_name="Уходящая", first_name="Вера")
    make_mentee(world.programme, leaver, request="Хочу научиться выступать")
    curator = client_for(world.users[Role.CURATOR])
    withdraw_on_the_page(curator, leaver)
    pseudonym = pseudonym_for(leaver.pk)
    mentees = reverse("mentee_list")

    base = curator.get(mentees).content.decode()
    assert "Найдено: 2 наставляемых" in text_of(base)
    assert "Согласие отозвано" in table_row(base, pseudonym)
    assert '<option value="withdrawn">Согласие отозвано</option>' in base

    withdrawn = text_of(curator.get(mentees, {"status": "withdrawn"}).content.decode())
    assert "Найдено: 1 наставляемый" in withdrawn and pseudonym in withdrawn
    assert "Никитин" not in withdrawn

    waiting = text_of(curator.get(mentees, {"status": "waiting"}).content.decode())
    assert "Найдено: 1 наставляемый" in waiting and "Никитин Артём Ильич" in waiting
    assert pseudonym not in waiting

    # Nobody offers her a mentor: not the matching, not the form of a new pair.
    matching = text_of(curator.get(reverse("match_draft")).content.decode())
    assert "из 1 наставляемого, ожидающих наставника" in matching
    assert pseudonym not in matching
    assert pseudonym not in curator.get(reverse("pair_create")).content.decode()


def test_it_gives_a_mentee_whose_pair_the_withdrawal_ended_the_withdrawn_status(world, client_for):
    pair = world_pair(world)
    curator = client_for(world.users[Role.CURATOR])
    withdraw_on_the_page(curator, world.mentee_person)

    pair.refresh_from_db()
    assert pair.get_status_display() == "Прекращена"
    card = text_of(curator.get(reverse("mentee_detail", args=[world.mentee.pk])).content.decode())
    assert "Статус Согласие отозвано" in card
    waiting = text_of(curator.get(reverse("mentee_list"), {"status": "waiting"}).content.decode())
    assert "Найдено: 0 наставляемых" in waiting


def test_it_gives_a_mentee_of_a_draft_pair_the_withdrawn_status(world):
    make_pair(world.programme, world.mentor, world.mentee)  # a draft: no order fixed it yet
    withdraw_consent(
        consent=world.mentee_person.consents.get(),
        withdrawn_on=today(),
        reason="Заявление матери",
        user=world.users[Role.CURATOR],
    )
    mentee = Mentee.objects.get(pk=world.mentee.pk)
    assert mentee.get_status_display() == "Согласие отозвано"


def test_it_keeps_the_withdrawn_status_from_an_edit_of_the_mentee_card(world, client_for):
    curator = client_for(world.users[Role.CURATOR])
    withdraw_on_the_page(curator, world.mentee_person)
    mentee = Mentee.objects.get(pk=world.mentee.pk)
    url = reverse("mentee_edit", args=[mentee.pk])
    form = curator.get(url).content.decode()
    assert "Ожидает наставника" not in form

    response = curator.post(
        url,
        {
            "entry_date": "2026-09-15",
            "status": "waiting",
            "results": "",
            "case_links": "",
            "completion_date": "",
            "version": mentee.version,
        },
    )
    assert response.status_code == 200
    assert Mentee.objects.get(pk=mentee.pk).get_status_display() == "Согласие отозвано"


# --- the closing report of a completed programme ----------------------------------------------------


def _completed_programme_with_a_leaver(world) -> Person:
    """A group of four students with the world's mentor, completed with results; three of the four answered
    the mentees' questionnaire, the leaver did not. Two more students are in no pair. Then the programme
    is completed."""
    world.mentor.capacity = 5
    world.mentor.save()
    leaver = student(world, last_name="Уходящий", first_name="Глеб")
    members = [world.mentee, make_mentee(world.programme, leaver)]
    members += [make_mentee(world.programme, student(world)) for _ in range(2)]
    student(world)
    student(world)
    group = make_pair(world.programme, world.mentor, members, active=True, kind="group", name="Клуб «Эврика»")
    campaign = launch(world.programme, PROCESS_MENTEE)
    for invitation in campaign.invitations.exclude(person=leaver).order_by("pk"):
        answer(invitation, rating=8, number=3)
    for member in group.members.all():
        record_result(member=member, outcome="met", achieved="Выступил на конференции", version=0, user=None)
    complete_pair(pair=group, end_date=date(2027, 5, 20), results="Работа выполнена", user=None)
    complete_programme(programme=world.programme, user=world.users[Role.CURATOR], day=today())
    return leaver


def test_it_keeps_the_closing_report_figures_of_a_completed_programme_after_a_withdrawal(world, client_for):
    leaver = _completed_programme_with_a_leaver(world)
    curator = client_for(world.users[Role.CURATOR])
    report = reverse("closing_report_pdf")

    before = pdf_text(curator.get(report, {"programme": world.programme.pk}))
    assert "4 из 6" in before  # students involved
    assert "ответили 3 из 4 (75%)" in before

    withdraw_on_the_page(curator, leaver)

    after = pdf_text(curator.get(report, {"programme": world.programme.pk}))
    assert "4 из 6" in after
    assert "ответили 3 из 4 (75%)" in after
    assert "Уходящий" not in after
    # The completed programme's base stays as it was closed.
    assert Mentee.objects.get(person=leaver).get_status_display() == "Завершил программу"


def test_it_offers_nobody_to_next_years_mentor_base_under_a_pseudonym(world, client_for):
    pair = world_pair(world)
    Mentee.objects.filter(pk=world.mentee.pk).update(wants_to_mentor=True)
    record_result(member=pair.members.get(), outcome="met", achieved="Пятёрка", version=0, user=None)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Работа выполнена", user=None)
    programme = Programme.objects.get(pk=world.programme.pk)
    complete_programme(programme=programme, user=world.users[Role.CURATOR], day=today())
    assert [m.mentee.person.last_name for m in carry_over(programme).offers] == ["Никитин"]

    withdraw_on_the_page(client_for(world.users[Role.CURATOR]), world.mentee_person)

    assert carry_over(programme).offers == []
