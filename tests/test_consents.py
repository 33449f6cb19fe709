"""Consents: who must sign, which dates are possible, what a scan may be, who may open it."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mentoring.roles import Role
from participants.models import AccessLogEntry, Consent, Person
from participants.selectors.consent_records import consent_panel
from participants.services.consents import MAX_SCAN_SIZE, attach_scan, record_consent
from participants.services.guards import require_consent
from tests.factories import SCAN_PDF, give_consent, give_scanned_consent, make_person
from tests.upload_files import jpeg_bytes, png_bytes

# Real pictures: a scan is decoded and saved anew before it is kept (mentoring/uploads.py).
JPEG = jpeg_bytes((40, 30))
PNG = png_bytes((40, 30))
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def today() -> date:
    return timezone.localdate()


def upload(content: bytes = SCAN_PDF, name: str = "Согласие Петров.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def picture(content: bytes) -> tuple:
    with Image.open(BytesIO(content)) as image:
        return image.format, image.size


def same_scan(stored: bytes, uploaded: bytes) -> bool:
    """A PDF is kept as it came; a picture is kept saved anew: the same format and size."""
    if uploaded.startswith(b"%PDF-"):
        return stored == uploaded
    return picture(stored) == picture(uploaded)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture(autouse=True)
def scans_in_tmp(private_files, monkeypatch):
    # The field's storage is built once, when the model loads: point it at this test's directory.
    monkeypatch.setattr(Consent._meta.get_field("scan"), "storage", FileSystemStorage(location=private_files))


@pytest.fixture
def adult(world) -> Person:
    return make_person(world.school, kind=Person.Kind.TEACHER, last_name="Громова", first_name="Вера")


@pytest.fixture
def minor(world) -> Person:
    return make_person(
        world.school,
        last_name="Петров",
        first_name="Миша",
        representative_name="Петрова Анна Ивановна",
        representative_relation="мать",
    )


def record(person, user, **fields):
    fields.setdefault("signer", Consent.Signer.SELF)
    fields.setdefault("signed_on", today())
    return record_consent(person=person, user=user, **fields)


# --- the rules of recording ---------------------------------------------------------------------


def test_it_records_an_adults_own_consent_and_logs_it(world, adult):
    curator = world.users[Role.CURATOR]
    consent = record(adult, curator, signed_on=today() - timedelta(days=3), allows_publication=True)
    assert consent.recorded_by == curator and consent.allows_publication
    require_consent(person=adult)  # valid from now on
    entry = AccessLogEntry.objects.get(person=adult, action=AccessLogEntry.Action.CONSENT)
    assert entry.user == curator and entry.organisation == world.school
    assert "Громова" not in entry.detail  # the journal outlives a withdrawal: no names in it


def test_it_wants_a_representative_with_name_and_relation_for_a_minor(world, minor):
    curator = world.users[Role.CURATOR]
    with pytest.raises(ValidationError) as error:
        record(minor, curator)
    assert "законный представитель" in error.value.message_dict["signer"][0]
    with pytest.raises(ValidationError) as error:
        record(minor, curator, signer=Consent.Signer.REPRESENTATIVE, representative_name="Петрова Анна")
    assert "кем представитель приходится" in error.value.message_dict["representative_relation"][0]
    assert not minor.consents.exists()
    consent = record(
        minor,
        curator,
        signer=Consent.Signer.REPRESENTATIVE,
        representative_name=" Петрова Анна Ивановна ",
        representative_relation="мать",
        representative_document="паспорт 6512 345678",
    )
    assert consent.representative_name == "Петрова Анна Ивановна"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (lambda: {"signed_on": today() + timedelta(days=2)}, "signed_on", "в будущем"),
        (
            lambda: {"signed_on": date(2026, 9, 1), "expires_on": date(2026, 8, 31)},
            "expires_on",
            "раньше даты подписания",
        ),
        (lambda: {"allows_processing": False}, "allows_processing", "нельзя включить в программу"),
    ],
    ids=["signed in the future", "expires before signing", "no processing"],
)
def test_it_refuses_impossible_consents(world, adult, fields, field, message):
    with pytest.raises(ValidationError) as error:
        record(adult, world.users[Role.CURATOR], **fields())
    assert message in error.value.message_dict[field][0]
    assert not adult.consents.exists()
    assert not AccessLogEntry.objects.filter(person=adult).exists()


def test_it_refuses_a_consent_for_a_pseudonymised_person(world, adult):
    adult.pseudonymised_at = timezone.now()
    adult.save()
    with pytest.raises(ValidationError, match="обезличены"):
        record(adult, world.users[Role.CURATOR])
    assert not adult.consents.exists()


# --- scans --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "extension"), [(SCAN_PDF, "pdf"), (JPEG, "jpg"), (PNG, "png")])
def test_it_stores_a_scan_privately_under_a_name_without_personal_data(
    world, adult, private_files, settings, content, extension
):
    consent = record(adult, world.users[Role.CURATOR], scan=upload(content, "Громова Вера.jpeg"))
    path = private_files / consent.scan.name
    assert same_scan(path.read_bytes(), content)
    assert consent.scan.name.endswith(f".{extension}")  # named after what it is, not what it claims
    assert "Громова" not in consent.scan.name
    assert consent.scan_name == "Громова Вера.jpeg"
    assert settings.MEDIA_ROOT not in path.parents


def test_it_refuses_a_renamed_program_and_saves_nothing(world, adult, private_files):
    with pytest.raises(ValidationError) as error:
        record(adult, world.users[Role.CURATOR], scan=upload(EXE, "согласие.pdf"))
    assert "PDF, JPEG или PNG" in error.value.message_dict["scan"][0]
    assert not adult.consents.exists()
    assert stored_files(private_files) == []


def test_it_refuses_a_scan_over_10_mb_and_names_the_limit(world, adult, private_files):
    big = upload(SCAN_PDF + b"0" * MAX_SCAN_SIZE)
    with pytest.raises(ValidationError) as error:
        record(adult, world.users[Role.CURATOR], scan=big)
    assert "10 МБ" in error.value.message_dict["scan"][0]
    assert not adult.consents.exists()
    assert stored_files(private_files) == []


def test_it_replaces_a_scan_and_deletes_the_old_file(
    world, adult, private_files, django_capture_on_commit_callbacks
):
    consent = give_scanned_consent(adult)
    old = private_files / consent.scan.name
    with django_capture_on_commit_callbacks(execute=True):
        attach_scan(consent=consent, scan=upload(PNG, "новый.png"), user=world.users[Role.CURATOR])
    consent.refresh_from_db()
    assert not old.exists()
    assert same_scan((private_files / consent.scan.name).read_bytes(), PNG)
    assert consent.scan_name == "новый.png"


# --- the guard that pairs, groups and questionnaires call ---------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        None,
        lambda: {"signed_on": date(2025, 9, 1), "expires_on": date(2026, 5, 31)},
        lambda: {"withdrawn_on": date(2026, 10, 1), "withdrawal_reason": "заявление"},
        lambda: {"signed_on": today() + timedelta(days=1)},
    ],
    ids=["no consent", "expired", "withdrawn", "signed in the future"],
)
def test_it_lets_no_one_without_a_valid_consent_into_the_programme(world, adult, fields):
    if fields is not None:
        give_consent(adult, **fields())
    with pytest.raises(ValidationError) as error:
        require_consent(person=adult)
    assert "нет действующего согласия" in error.value.messages[0]
    assert "Громова Вера" in error.value.messages[0]


def test_it_lets_a_person_with_a_valid_consent_through(world, adult):
    give_consent(adult, signed_on=today() - timedelta(days=10), expires_on=today())
    require_consent(person=adult)


# --- pages: record a consent --------------------------------------------------------------------


def consent_post(**fields):
    data = {
        "signer": "representative",
        "representative_name": "Петрова Анна Ивановна",
        "representative_relation": "мать",
        "signed_on": today().isoformat(),
        "allows_processing": "on",
        "submit_token": "token-1",
    }
    data.update(fields)
    return data


def test_it_prefills_a_minors_representative_on_the_form(client_for, world, minor):
    page = (
        client_for(world.users[Role.CURATOR]).get(reverse("consent_create", args=[minor.pk])).content.decode()
    )
    assert 'enctype="multipart/form-data"' in page
    assert 'value="Петрова Анна Ивановна"' in page and 'value="мать"' in page
    assert "Сам участник" not in page  # a minor cannot sign for himself


def test_it_records_a_consent_with_its_scan_once_on_a_double_submit(client_for, world, minor, private_files):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("consent_create", args=[minor.pk])
    first = client.post(url, consent_post(scan=upload()))
    second = client.post(url, consent_post(scan=upload()))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("person_detail", args=[minor.pk])
    consent = minor.consents.get()
    assert consent.scan and consent.recorded_by == world.users[Role.CURATOR]
    assert len(stored_files(private_files)) == 1
    card = client.get(first["Location"]).content.decode()
    assert "Согласие действует" in card and "Согласие от" in card


def test_it_shows_russian_errors_and_saves_nothing_for_a_bad_scan(client_for, world, minor, private_files):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("consent_create", args=[minor.pk])
    page = client.post(url, consent_post(scan=upload(EXE, "скан.pdf"))).content.decode()
    assert "PDF, JPEG или PNG" in page
    page = client.post(
        url, consent_post(scan=upload(SCAN_PDF + b"0" * MAX_SCAN_SIZE), submit_token="token-2")
    ).content.decode()
    assert "10 МБ" in page
    page = client.post(url, consent_post(representative_name="", submit_token="token-3")).content.decode()
    assert "Укажите ФИО законного представителя" in page
    assert not minor.consents.exists()
    assert stored_files(private_files) == []


def test_it_keeps_the_consent_form_to_the_curator(client_for, world, minor):
    url = reverse("consent_create", args=[minor.pk])
    assert client_for(world.users[Role.DIRECTOR]).post(url, consent_post()).status_code == 403
    assert client_for(world.users["outsider"]).post(url, consent_post()).status_code == 404
    assert not minor.consents.exists()


# --- pages: the scan ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_it_streams_the_scan_to_the_curator_and_the_director(client_for, world, role):
    consent = give_scanned_consent(world.mentee_person)
    response = client_for(world.users[role]).get(reverse("consent_scan", args=[consent.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.SCAN)
    assert entry.user == world.users[role] and entry.person == world.mentee_person


@pytest.mark.parametrize("persona", [Role.MENTOR, Role.MENTEE, "outsider", Role.MUNICIPAL])
def test_it_never_shows_a_scan_to_anyone_else(client_for, world, persona):
    consent = give_scanned_consent(world.mentee_person)
    response = client_for(world.users[persona]).get(reverse("consent_scan", args=[consent.pk]))
    assert response.status_code in (403, 404)
    assert SCAN_PDF not in getattr(response, "content", b"")
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.SCAN).exists()


def test_it_answers_404_for_another_schools_scan_and_for_a_consent_without_one(client_for, world):
    stranger = make_person(world.other_school, kind=Person.Kind.TEACHER)
    theirs = give_scanned_consent(stranger)
    client = client_for(world.users[Role.CURATOR])
    assert client.get(reverse("consent_scan", args=[theirs.pk])).status_code == 404
    without = world.mentee_person.consents.get()
    assert client.get(reverse("consent_scan", args=[without.pk])).status_code == 404


def test_it_attaches_a_scan_from_the_card(client_for, world, private_files):
    consent = world.mentee_person.consents.get()
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("consent_attach_scan", args=[consent.pk]), {"scan": upload(JPEG, "a.jpg")})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert same_scan((private_files / consent.scan.name).read_bytes(), JPEG)
    response = client.post(
        reverse("consent_attach_scan", args=[consent.pk]), {"scan": upload(EXE, "b.png")}, follow=True
    )
    assert "PDF, JPEG или PNG" in response.content.decode()


# --- the panel and the badge --------------------------------------------------------------------


def panel(rf, world, person, role=Role.CURATOR) -> str:
    request = rf.get("/")
    request.user = world.users[role]

    class Access:
        pass

    access = Access()
    access.role = role
    context = consent_panel(access, person)
    return render_to_string(
        "participants/consents/_panel.html", {**context, "access": access}, request=request
    )


def test_it_says_until_when_the_consent_holds(rf, world, adult):
    give_consent(adult, signed_on=date(2026, 9, 1), expires_on=date(2027, 8, 31))
    html = panel(rf, world, adult)
    assert "Согласие действует до 31.08.2027" in html
    assert reverse("consent_create", args=[adult.pk]) in html
    assert "?variant=adult" in html and "?variant=representative" in html


def test_it_marks_a_person_without_consent(rf, world, adult):
    give_consent(adult, signed_on=date(2025, 9, 1), expires_on=date(2026, 5, 31))
    html = panel(rf, world, adult)
    assert "Нет действующего согласия" in html and "истёк 31.05.2026" in html
    assert "нет согласия" in render_to_string("participants/consents/_badge.html", {"has_consent": False})
    assert render_to_string("participants/consents/_badge.html", {"has_consent": True}).strip() == ""


def test_it_shows_the_director_the_scan_but_no_buttons_to_change(rf, world):
    consent = give_scanned_consent(world.mentee_person)
    html = panel(rf, world, world.mentee_person, role=Role.DIRECTOR)
    assert reverse("consent_scan", args=[consent.pk]) in html
    assert reverse("consent_withdraw", args=[consent.pk]) not in html
    assert reverse("consent_create", args=[world.mentee_person.pk]) not in html


def test_it_shows_a_mentor_no_consent_details(rf, world):
    consent = give_scanned_consent(world.mentee_person)
    html = panel(rf, world, world.mentee_person, role=Role.MENTOR)
    assert reverse("consent_scan", args=[consent.pk]) not in html
    assert "Иванова Мария Петровна" not in html
