"""The pre-filled consent form: a real A4 PDF with the organisation and the person in it."""

import io
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from mentoring.downloads import content_disposition
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from participants.models import AccessLogEntry, Person
from participants.selectors.consent_records import ADULT, consent_form_context
from tests.factories import make_person

ORGANISATION = "Муниципальное бюджетное учреждение МБОУ СОШ № 7"


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, by poppler's pdftotext when the machine has it, else by pypdf."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    pypdf = pytest.importorskip("pypdf", reason="neither pdftotext nor pypdf is installed")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    """Words of a justified, hyphenated page, joined back: «Муници‐\\nпальное» → «Муниципальное»."""
    return " ".join(text.replace("\u2010\n", "").replace("-\n", "-").split())


@pytest.fixture
def school(world):
    world.school.address = "624000, г. Заречный, ул. Школьная, д. 7"
    world.school.save()
    return world.school


@pytest.fixture
def child(world, school) -> Person:
    return make_person(
        school,
        last_name="Белова",
        first_name="Алиса",
        middle_name="Романовна",
        gender=Person.Gender.FEMALE,
        representative_name="Белов Роман Олегович",
        representative_relation="отец",
    )


def get_pdf(client, person, **query):
    return client.get(reverse("consent_form_pdf", args=[person.pk]), query)


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_it_prints_a_minors_form_for_the_representative(client_for, world, child, role):
    response = get_pdf(client_for(world.users[role]), child)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    text = flat(pdf_text(pdf))
    assert "Белова Алиса Романовна" in text
    assert "Белов Роман Олегович" in text and "отец" in text
    assert "Муниципальное бюджетное учреждение МБОУ СОШ № 7" in text
    assert "ул. Школьная, д. 7" in text
    assert "законного представителя" in text and "несовершеннолетней" in text
    assert "распространение" in text and "не даю согласия" in text  # publication: its own choice
    assert "152-ФЗ" in text and "отозвано" in text
    assert "Путь к успеху!" in text
    entry = AccessLogEntry.objects.get(person=child, action=AccessLogEntry.Action.VIEW)
    assert entry.user == world.users[role] and "бланк" in entry.detail.lower()


def test_it_words_the_representatives_form_in_one_case(client_for, world, child):
    child.grade, child.class_letter = 7, "Б"
    child.save()
    text = flat(pdf_text(get_pdf(client_for(world.users[Role.CURATOR]), child).content))
    # The child's line is filled in the nominative, after a colon: the participle agrees with the name.
    assert "несовершеннолетней: Белова Алиса Романовна" in text
    assert "обучающаяся 7Б класса" in text and "обучающейся" not in text
    assert "моих персональных данных и персональных данных ребёнка (подопечного)" in text


def test_it_keeps_the_number_sign_with_its_number(world):
    world.school.name = "Средняя общеобразовательная школа № 7"
    context = consent_form_context(
        person=world.mentor_person, organisation=world.school, programme=None, variant=ADULT
    )
    assert context["operator_name"] == "Средняя общеобразовательная школа №\u00a07"


def test_it_prints_an_adults_own_form(client_for, world, school):
    teacher = make_person(
        school, kind=Person.Kind.TEACHER, last_name="Зайцева", first_name="Нина", middle_name="Сергеевна"
    )
    text = flat(pdf_text(get_pdf(client_for(world.users[Role.CURATOR]), teacher).content))
    assert "Зайцева Нина Сергеевна" in text
    assert "Зайцева Н. С." in text  # the signature spelled out
    assert "законного представителя на обработку" not in text


def test_it_prints_the_variant_asked_for(client_for, world, child):
    client = client_for(world.users[Role.CURATOR])
    adult = flat(pdf_text(get_pdf(client, child, variant="adult").content))
    assert "Белов Роман" not in adult and "Белова Алиса Романовна" in adult
    blank = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Ершов")
    represented = flat(pdf_text(get_pdf(client, blank, variant="representative").content))
    assert "являясь законным представителем" in represented and "Ершов" in represented


def test_it_names_the_file_in_russian(client_for, world, child):
    disposition = get_pdf(client_for(world.users[Role.CURATOR]), child)["Content-Disposition"]
    assert disposition.startswith("inline; filename=")
    assert "Согласие_Белова_А_Р.pdf" in unquote(disposition.split("filename*=UTF-8''")[1])
    assert disposition.split('filename="')[1].split('"')[0].isascii()


@pytest.mark.parametrize("persona", [Role.MENTOR, Role.MENTEE, Role.MUNICIPAL])
def test_it_keeps_the_form_from_others(client_for, world, child, persona):
    assert get_pdf(client_for(world.users[persona]), child).status_code == 403


def test_it_answers_404_for_another_schools_person(client_for, world):
    stranger = make_person(world.other_school, last_name="Чужих")
    assert get_pdf(client_for(world.users[Role.CURATOR]), stranger).status_code == 404


# --- the shared renderer ------------------------------------------------------------------------


@pytest.fixture
def probe(tmp_path, settings):
    """A document of our own that extends the A4 base."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    def write(body: str) -> str:
        (tmp_path / "probe.html").write_text(
            '{% extends "documents/a4.html" %}{% block content %}' + body + "{% endblock %}"
        )
        return "probe.html"

    return write


def test_it_renders_any_a4_document_with_page_numbers_and_a_named_font(probe):
    html = render_to_string("documents/a4.html", {})
    assert "size: A4" in html and "counter(page)" in html and '"DejaVu Serif"' in html
    pages = "".join(f"<p>Пункт {n:03d} приказа о закреплении наставнических пар.</p>" for n in range(120))
    pdf = render_pdf(template_name=probe(pages), context={})
    assert pdf.startswith(b"%PDF-")
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the fonts and the page size")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    first, second = reader.pages[0], reader.pages[1]
    assert (
        round(float(first.mediabox.width) / 72 * 25.4),
        round(float(first.mediabox.height) / 72 * 25.4),
    ) == (
        210,
        297,
    )
    fonts = {str(font.get_object()["/BaseFont"]) for font in first["/Resources"]["/Font"].values()}
    assert any("DejaVuSerif" in name.replace("-", "") for name in fonts), fonts
    assert "1" not in first.extract_text().split()  # the first page of a Russian paper bears no number
    assert "2" in second.extract_text().split()
    assert "Пункт 119" in pdf_text(pdf)


def test_it_never_fetches_from_the_network(probe):
    template = probe('<img src="http://127.0.0.1:9/leak.png"><img src="file:///etc/passwd"><p>Текст</p>')
    pdf = render_pdf(template_name=template, context={})  # no hang, no error: the images are skipped
    assert "Текст" in pdf_text(pdf)


def test_it_sends_a_pdf_that_no_cache_keeps():
    response = pdf_response(b"%PDF-1.7 test", "Приказ № 5 от 01.09.2026")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == content_disposition("Приказ № 5 от 01.09.2026.pdf")
    assert "filename*=UTF-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in response["Content-Disposition"]
    attachment = content_disposition("отчёт.pdf", inline=False)
    assert attachment.startswith('attachment; filename="otchet.pdf"')
