"""Withdrawal of consent: who the person was is erased, what the programme reports on stays."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from mentoring.roles import Role
from participants.models import AccessLogEntry, Consent, Mentee, Mentor, Person
from participants.selectors.mentors import stage_history
from participants.services.consents import pseudonym_for, record_consent, withdraw_consent
from participants.services.guards import require_consent
from participants.services.mentors import move_mentor_stage
from tests.factories import give_consent, give_scanned_consent, make_mentee, make_person


@pytest.fixture(autouse=True)
def scans_in_tmp(private_files, monkeypatch):
    # The field's storage is built once, when the model loads: point it at this test's directory.
    monkeypatch.setattr(Consent._meta.get_field("scan"), "storage", FileSystemStorage(location=private_files))


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def child(world) -> Person:
    """A minor with everything that identifies him, a scanned consent and a place in the mentee base."""
    person = make_person(
        world.school,
        last_name="Орлов",
        first_name="Денис",
        middle_name="Павлович",
        birth_date=date(2013, 2, 3),
        grade=7,
        class_letter="Б",
        email="denis@example.com",
        phone="+7 900 111-22-33",
        representative_name="Орлова Светлана Юрьевна",
        representative_relation="мать",
        representative_phone="+7 900 444-55-66",
        representative_email="orlova@example.com",
        external_id="EJ-777",
    )
    give_scanned_consent(
        person,
        representative_name="Орлова Светлана Юрьевна",
        representative_relation="мать",
        representative_document="паспорт 6512 345678",
        signer=Consent.Signer.REPRESENTATIVE,
    )
    make_mentee(world.programme, person, request="Боюсь выступать перед классом")
    return person


def withdraw(person, user, **fields):
    fields.setdefault("withdrawn_on", today())
    fields.setdefault("reason", "заявление матери")
    return withdraw_consent(consent=person.consents.get(), user=user, **fields)


def test_it_erases_who_the_person_was(world, child, private_files, django_capture_on_commit_callbacks):
    scan = private_files / child.consents.get().scan.name
    assert scan.exists()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(child, world.users[Role.CURATOR])
    child.refresh_from_db()
    assert child.full_name == pseudonym_for(child.pk)
    assert child.full_name.startswith("Участник ")
    for field in (
        "middle_name",
        "email",
        "phone",
        "representative_name",
        "representative_relation",
        "representative_phone",
        "representative_email",
        "external_id",
        "class_letter",
    ):
        assert getattr(child, field) == "", field
    assert child.birth_date is None and child.is_pseudonymised
    assert not Person.objects.filter(last_name="Орлов").exists()
    assert not scan.exists()
    consent = child.consents.get()
    assert not consent.scan and consent.scan_name == "" and consent.representative_document == ""
    assert "Орлова" not in consent.representative_name
    assert consent.withdrawn_on == today() and consent.withdrawal_reason == "заявление матери"


def test_it_keeps_what_reports_count(world, child):
    withdraw(child, world.users[Role.CURATOR])
    child.refresh_from_db()
    assert (child.kind, child.gender, child.grade) == (Person.Kind.STUDENT, Person.Gender.MALE, 7)
    mentee = Mentee.objects.get(person=child)
    assert mentee.programme == world.programme
    assert mentee.requests.get().text == "Боюсь выступать перед классом"
    assert Mentee.objects.filter(programme=world.programme).count() == 2  # with the world's own mentee
    assert Consent.objects.filter(person=child).count() == 1


def test_it_gives_the_same_pseudonym_every_time(world, child, settings):
    first = pseudonym_for(child.pk)
    assert pseudonym_for(child.pk) == first
    withdraw(child, world.users[Role.CURATOR])
    child.refresh_from_db()
    assert child.full_name == first
    assert pseudonym_for(child.pk + 1) != first
    settings.SECRET_KEY = "another-installation-another-key-0123456789abcdef"
    assert pseudonym_for(child.pk) != first  # nobody can compute it without the key


def test_it_shuts_the_persons_account(world):
    person = world.mentee_person
    account = world.users[Role.MENTEE]
    withdraw(person, world.users[Role.CURATOR])
    person.refresh_from_db()
    account.refresh_from_db()
    assert person.user is None
    assert not account.is_active and not account.has_usable_password()
    assert "Никитин" not in account.get_full_name() and account.email == ""


def test_it_closes_every_door_the_consent_opened(world, child):
    give_consent(child, signed_on=today() - timedelta(days=1), representative_name="Орлов Павел")
    withdraw_consent(
        consent=child.consents.order_by("pk").first(),
        withdrawn_on=today(),
        reason="заявление",
        user=world.users[Role.CURATOR],
    )
    assert not child.consents.filter(withdrawn_on__isnull=True).exists()
    child.refresh_from_db()
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        require_consent(person=child)


def test_it_writes_the_withdrawal_to_the_journal_without_the_name(world, child):
    withdraw(child, world.users[Role.CURATOR])
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.WITHDRAW)
    assert entry.person == child and entry.user == world.users[Role.CURATOR]
    assert entry.organisation == world.school
    assert "Орлов" not in entry.detail


def test_it_refuses_a_second_withdrawal_and_changes_nothing(world, child):
    withdraw(child, world.users[Role.CURATOR], withdrawn_on=today() - timedelta(days=1))
    child.refresh_from_db()
    before = (child.full_name, child.pseudonymised_at, child.consents.get().withdrawn_on)
    with pytest.raises(ValidationError) as error:
        withdraw(child, world.users[Role.CURATOR], reason="ещё раз")
    assert "уже отозвано" in error.value.messages[0]
    child.refresh_from_db()
    assert (child.full_name, child.pseudonymised_at, child.consents.get().withdrawn_on) == before
    assert child.consents.get().withdrawal_reason == "заявление матери"
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.WITHDRAW).count() == 1


@pytest.mark.parametrize(
    ("withdrawn_on", "message"),
    [
        (lambda: today() + timedelta(days=1), "в будущем"),
        (lambda: date(2026, 8, 31), "раньше даты подписания"),
    ],
    ids=["in the future", "before signing"],
)
def test_it_refuses_an_impossible_withdrawal_date(world, child, withdrawn_on, message):
    with pytest.raises(ValidationError) as error:
        withdraw(child, world.users[Role.CURATOR], withdrawn_on=withdrawn_on())
    assert message in error.value.message_dict["withdrawn_on"][0]
    child.refresh_from_db()
    assert child.last_name == "Орлов" and child.consents.get().withdrawn_on is None


def test_it_explains_what_goes_and_what_stays_before_withdrawing(client_for, world, child):
    url = reverse("consent_withdraw", args=[child.consents.get().pk])
    page = client_for(world.users[Role.CURATOR]).get(url).content.decode()
    assert "Орлов Денис Павлович" in page
    assert "Будет стёрто" in page and "Сохранится" in page and "нельзя отменить" in page
    assert client_for(world.users[Role.DIRECTOR]).get(url).status_code == 403
    assert client_for(world.users["outsider"]).get(url).status_code == 404


def test_it_withdraws_from_the_page_and_the_name_leaves_the_card(client_for, world, child):
    client = client_for(world.users[Role.CURATOR])
    consent = child.consents.get()
    response = client.post(
        reverse("consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": today().isoformat(), "reason": "заявление матери от 20.11.2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("person_detail", args=[child.pk])
    card = client.get(response["Location"]).content.decode()
    assert "Орлов" not in card and "Денис" not in card and "orlova@example.com" not in card
    assert pseudonym_for(child.pk) in card
    assert "Согласие отозвано" in card
    assert reverse("consent_create", args=[child.pk]) not in card
    people = client.get(reverse("person_list")).content.decode()
    assert "Орлов" not in people


def test_it_shows_form_errors_in_russian_and_withdraws_nothing(client_for, world, child):
    url = reverse("consent_withdraw", args=[child.consents.get().pk])
    page = (
        client_for(world.users[Role.CURATOR])
        .post(url, {"withdrawn_on": (today() + timedelta(days=3)).isoformat(), "reason": ""})
        .content.decode()
    )
    assert "Укажите основание отзыва" in page
    child.refresh_from_db()
    assert child.last_name == "Орлов"


def test_it_refuses_new_consents_and_blank_forms_after_withdrawal(client_for, world, child):
    withdraw(child, world.users[Role.CURATOR])
    client = client_for(world.users[Role.CURATOR])
    response = client.get(reverse("consent_create", args=[child.pk]))
    assert response.status_code == 302
    assert client.get(reverse("consent_form_pdf", args=[child.pk])).status_code == 404


def test_it_steps_a_withdrawn_mentor_aside_into_the_reserve(world):
    withdraw(world.mentor_person, world.users[Role.CURATOR])
    world.mentor.refresh_from_db()
    assert world.mentor.stage == Mentor.Stage.RESERVE
    change = stage_history(world.mentor)[-1]
    assert (change.old, change.new) == (Mentor.Stage.READY, Mentor.Stage.RESERVE)
    with pytest.raises(ValidationError, match="данные обезличены"):
        move_mentor_stage(mentor=world.mentor, stage=Mentor.Stage.READY, user=world.users[Role.CURATOR])


def test_it_refuses_a_withdrawal_dated_before_a_later_consent_and_changes_nothing(world, child):
    first = child.consents.get()
    give_consent(child, signed_on=date(2026, 10, 1), representative_name="Орлова Светлана Юрьевна")
    with pytest.raises(ValidationError) as error:
        withdraw_consent(consent=first, withdrawn_on=date(2026, 9, 15), reason="заявление", user=None)
    assert "подписанное позже (01.10.2026)" in error.value.message_dict["withdrawn_on"][0]
    child.refresh_from_db()
    assert child.last_name == "Орлов"
    assert not child.consents.filter(withdrawn_on__isnull=False).exists()


def test_it_records_no_consent_on_a_card_opened_before_the_withdrawal(world, child):
    opened = Person.objects.get(pk=child.pk)  # the curator's form, loaded before the withdrawal
    withdraw(child, world.users[Role.CURATOR])
    with pytest.raises(ValidationError, match="обезличены"):
        record_consent(
            person=opened,
            user=world.users[Role.CURATOR],
            signer=Consent.Signer.REPRESENTATIVE,
            signed_on=today(),
            representative_name="Орлова Светлана Юрьевна",
            representative_relation="мать",
        )
    assert child.consents.count() == 1
    assert not Consent.objects.filter(representative_name__contains="Орлова").exists()


def test_it_erases_the_words_that_would_tell_who_a_withdrawn_mentor_was(world):
    Mentor.objects.filter(pk=world.mentor.pk).update(
        achievements="Победитель конкурса «Учитель года — 2024» в Заречном районе",
        motivation="Сама пришла в школу по программе наставничества",
    )
    Person.objects.filter(pk=world.mentor_person.pk).update(position="Заместитель директора по УВР")
    withdraw(world.mentor_person, world.users[Role.CURATOR])
    world.mentor.refresh_from_db()
    world.mentor_person.refresh_from_db()
    assert world.mentor.achievements == "" and world.mentor.motivation == ""
    assert world.mentor_person.position == ""
    assert world.mentor.capacity >= 1 and world.mentor.contour == Mentor.Contour.INTERNAL


def test_it_does_not_count_a_paper_that_refuses_processing_as_consent(world):
    person = make_person(world.school)
    give_consent(person, allows_processing=False)
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        require_consent(person=person)
