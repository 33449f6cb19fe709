"""Hostile uploads (security review): every kept file is opened by its reader within bounds before it
is stored — pictures by Pillow (≤ 40 Мп, ≤ 10 000 px a side, saved anew without EXIF), PDFs by pypdf
(no password, 1–50 pages), Word/Excel as real containers — and private files are served sandboxed."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mentoring import uploads
from mentoring.roles import Role
from mentoring.submissions import new_token
from participants.models import Consent
from roadmap.models import CasePhoto, Evidence
from roadmap.services.cases import create_case
from tests.factories import SCAN_PDF, give_consent
from tests.pair_factories import world_pair
from tests.roadmap_factories import world_item
from tests.upload_files import bomb_png, docx_bytes, gps_exif, jpeg_bytes, pdf_bytes, png_bytes, zip_bytes

HTML = b"<!DOCTYPE html><html><body><script>fetch('/people/').then(r => r.text())</script></body></html>"
# Starts like a PDF, is a web page: the old check looked for «%PDF-» in the first kilobyte only.
FAKE_PDF = b"%PDF-1.7\n" + HTML


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def curator(world, client_for):
    return client_for(world.users[Role.CURATOR])


@pytest.fixture
def case(world):
    return create_case(
        programme=world.programme,
        pair=world_pair(world),
        user=world.users[Role.CURATOR],
        title="Как алгебра стала любимым предметом",
        problem="Пробелы в алгебре",
        actions="Еженедельные занятия",
        result="Четвёрка в четверти",
    )


def add_photo(client, case, content: bytes, name: str = "занятие.png"):
    return client.post(
        reverse("case_photo_add", kwargs={"case_id": case.pk}),
        {"image": SimpleUploadedFile(name, content), "caption": "Занятие"},
        follow=True,
    )


def record_consent_with_scan(client, person, content: bytes, name: str = "согласие.pdf"):
    return client.post(
        reverse("consent_create", args=[person.pk]),
        {
            "signer": Consent.Signer.SELF,
            "signed_on": timezone.localdate().isoformat(),
            "allows_processing": "on",
            "submit_token": new_token(),
            "scan": SimpleUploadedFile(name, content),
        },
    )


def add_evidence(client, item, content: bytes, name: str):
    return client.post(
        reverse("roadmap_evidence_add", kwargs={"item_id": item.pk}),
        {"title": "Приказ № 45 от 01.09.2026", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


# --- pictures: the bound, read from the header ---------------------------------------------------


def test_it_refuses_a_decompression_bomb_as_a_case_photo_and_names_the_bound(curator, case, private_files):
    bomb = bomb_png(9400)  # 88 megapixels in a few kilobytes: its PDF took a worker to 776 MB
    assert len(bomb) < uploads.CASE_PHOTO.max_bytes
    page = text(add_photo(curator, case, bomb))
    assert "Изображение слишком большое: 9400 × 9400 пикселей" in page
    assert "не больше 40 мегапикселей" in page
    assert not CasePhoto.objects.exists()
    assert stored_files(private_files) == []


def test_it_refuses_a_picture_too_long_on_one_side_even_with_few_pixels(curator, case, private_files):
    page = text(add_photo(curator, case, png_bytes((12000, 10), mode="1"), "полоса.png"))
    assert "12000 × 10 пикселей" in page and "по каждой стороне" in page
    assert not CasePhoto.objects.exists()
    assert stored_files(private_files) == []


def test_it_refuses_a_scan_picture_over_the_bound_on_the_consent_page(world, curator, private_files):
    person = world.mentor_person
    response = record_consent_with_scan(curator, person, bomb_png(9400), "скан.png")
    assert response.status_code == 200
    assert "не больше 40 мегапикселей" in text(response)
    assert person.consents.count() == 1  # the one the world gave, nothing new
    assert stored_files(private_files) == []


def test_it_lets_pillow_itself_refuse_a_picture_over_the_bound():
    """Should a picture slip past the header check (WeasyPrint decoding a photo stored before it),
    Pillow raises on opening it."""
    with pytest.raises(Image.DecompressionBombError):
        Image.open(BytesIO(bomb_png(9400)))


# --- pictures: saved anew, without what the camera wrote -----------------------------------------


def test_it_stores_a_case_photo_without_its_exif_and_turned_as_it_was_taken(curator, case, private_files):
    # The phone held sideways (Orientation 6: turn 90° clockwise) and wrote where the photo was taken.
    original = jpeg_bytes((40, 20), color="red", exif=gps_exif(orientation=6))
    assert b"Exif" in original
    page = text(add_photo(curator, case, original, "Никитин у доски.jpg"))
    assert "Фотография добавлена к кейсу." in page
    photo = CasePhoto.objects.get(case=case)
    stored = (private_files / photo.image.name).read_bytes()
    assert b"Exif" not in stored and "Школьный телефон".encode() not in stored
    with Image.open(BytesIO(stored)) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (20, 40)  # turned upright; the tag that said so is gone with the rest
        assert not picture.getexif() and "exif" not in picture.info


def test_it_stores_a_consent_scan_photo_without_its_gps(world, curator, private_files):
    person = world.mentor_person
    original = jpeg_bytes((60, 80), exif=gps_exif())
    response = record_consent_with_scan(curator, person, original, "скан с телефона.jpg")
    assert response.status_code == 302
    consent = person.consents.exclude(scan="").get()
    stored = (private_files / consent.scan.name).read_bytes()
    assert consent.scan.name.endswith(".jpg")
    with Image.open(BytesIO(stored)) as picture:
        assert picture.size == (60, 80) and not picture.getexif().get_ifd(0x8825)
    assert b"Exif" not in stored


def test_it_stores_a_case_photo_no_larger_than_a_page_needs(curator, case, private_files):
    add_photo(curator, case, png_bytes((4000, 1000), color="navy"), "панорама.png")
    photo = CasePhoto.objects.get(case=case)
    with Image.open(private_files / photo.image.name) as picture:
        assert picture.size == (uploads.CASE_PHOTO_SIDE, uploads.CASE_PHOTO_SIDE // 4)


# --- PDFs: opened by pypdf ------------------------------------------------------------------------


def test_it_refuses_a_web_page_that_starts_like_a_pdf_as_a_consent_scan(world, curator, private_files):
    person = world.mentor_person
    response = record_consent_with_scan(curator, person, FAKE_PDF)
    assert response.status_code == 200
    assert "не открывается как документ PDF" in text(response)
    assert person.consents.count() == 1
    # Nor as a replacement of an existing scan, from the card.
    consent = person.consents.get()
    answer = curator.post(
        reverse("consent_attach_scan", args=[consent.pk]),
        {"scan": SimpleUploadedFile("скан.pdf", FAKE_PDF)},
        follow=True,
    )
    assert "не открывается как документ PDF" in text(answer)
    consent.refresh_from_db()
    assert not consent.scan
    assert stored_files(private_files) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: pdf_bytes(password="секрет"), "PDF защищён паролем"),
        (lambda: pdf_bytes(0), "В PDF нет ни одной страницы"),
        (lambda: pdf_bytes(uploads.MAX_PDF_PAGES + 1), "В PDF 51 страница, а можно не больше 50"),
    ],
    ids=["encrypted", "no pages", "too long"],
)
def test_it_refuses_a_pdf_scan_it_cannot_keep(world, curator, private_files, content, message):
    person = world.mentor_person
    response = record_consent_with_scan(curator, person, content())
    assert message in text(response)
    assert person.consents.count() == 1
    assert stored_files(private_files) == []


# --- roadmap evidence: the content must be what the name says ----------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Приказ.pdf", HTML, "Этот файл только назван как документ PDF."),
        ("Положение.docx", HTML, "Этот файл только назван как документ Word."),
        ("План.xlsx", HTML, "Этот файл только назван как таблица Excel."),
        ("Приказ.pdf", FAKE_PDF, "не открывается как документ PDF"),
        # A zip, but not a Word document: no main part named in [Content_Types].xml.
        ("Положение.docx", zip_bytes({"index.html": HTML}), "не открывается как документ Word"),
        ("Протокол.doc", HTML, "Этот файл только назван как документ Word."),
    ],
    ids=["html as pdf", "html as docx", "html as xlsx", "fake pdf", "zip as docx", "html as doc"],
)
def test_it_refuses_evidence_that_is_not_what_its_name_says(
    world, curator, private_files, name, content, message
):
    item = world_item(world)
    page = text(add_evidence(curator, item, content, name))
    assert message in page
    assert not Evidence.objects.filter(item=item).exists()
    assert stored_files(private_files) == []


def test_it_keeps_a_real_word_document_and_hands_it_out_as_an_attachment(world, curator, private_files):
    item = world_item(world)
    document = docx_bytes()
    add_evidence(curator, item, document, "Положение о наставничестве.docx")
    evidence = Evidence.objects.get(item=item)
    assert evidence.file_name == "Положение о наставничестве.docx"
    assert "Положение" not in evidence.file.name  # stored under a name of ours
    response = curator.get(reverse("roadmap_evidence_file", kwargs={"evidence_id": evidence.pk}))
    assert b"".join(response.streaming_content) == document
    assert response["Content-Type"] == uploads.KINDS["docx"].content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- serving: sandboxed inline, the rest as attachments -----------------------------------------


def test_it_shows_a_consent_scan_inline_only_in_a_sandbox(world, client_for, private_files):
    consent = give_consent(world.mentee_person)
    consent.scan.save("scan.pdf", SimpleUploadedFile("scan.pdf", SCAN_PDF), save=False)
    consent.save()
    response = client_for(world.users[Role.DIRECTOR]).get(reverse("consent_scan", args=[consent.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_it_shows_a_case_photo_inline_only_in_a_sandbox(curator, case, private_files):
    add_photo(curator, case, png_bytes((8, 6)))
    photo = CasePhoto.objects.get(case=case)
    response = curator.get(reverse("case_photo", kwargs={"photo_id": photo.pk}))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_hands_out_an_old_unchecked_file_as_an_attachment(world, client_for, private_files):
    """Evidence kept before the checks (an HTML page named .html, say) is never rendered by the browser."""
    item = world_item(world)
    evidence = Evidence(item=item, title="Старый файл", file_name="страница.html")
    evidence.file.save("stranitsa.html", SimpleUploadedFile("stranitsa.html", HTML), save=False)
    evidence.save()
    response = client_for(world.users[Role.DIRECTOR]).get(
        reverse("roadmap_evidence_file", kwargs={"evidence_id": evidence.pk})
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
