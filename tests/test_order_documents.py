"""The order on paper: the A4 PDF and the .docx say the same, in the form a school office uses."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from mentoring.roles import Role
from pairs.documents.order import order_context, render_order_pdf
from pairs.documents.order_docx import render_order_docx
from pairs.models import Order
from pairs.services import orders as services
from participants.models import AccessLogEntry
from tests.factories import give_consent, make_mentor, make_person
from tests.pair_factories import make_pair
from tests.test_orders import new_order, register, student_mentee, teacher_mentor


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def docx_text(content: bytes) -> tuple[Document, str]:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return document, "\n".join(parts)


@pytest.fixture
def school_order(world) -> Order:
    """A pair (teacher–student), a group of two students under a teacher, and a student mentor."""
    world.school.head_name = "Смирнова Елена Александровна"
    world.school.save()
    pair = make_pair(world.programme, world.mentor, world.mentee)
    group_mentor = teacher_mentor(world, "Морозова", first_name="Анна", middle_name="Павловна", capacity=3)
    group = make_pair(
        world.programme,
        group_mentor,
        [student_mentee(world, "Белов", grade=6), student_mentee(world, "Орлова", grade=6, class_letter="Б")],
        name="Юные математики",
    )
    senior = make_person(
        world.school, last_name="Зайцев", first_name="Кирилл", middle_name="Олегович", grade=10
    )
    give_consent(senior)
    student_pair = make_pair(
        world.programme, make_mentor(world.school, senior), student_mentee(world, "Сидоров", grade=5)
    )
    return new_order(world, [pair, group, student_pair])


def test_it_prints_the_order_as_a_school_office_does(world, school_order):
    reader, text = pdf_text(render_order_pdf(school_order))
    sizes = [(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in reader.pages]
    assert len(sizes) >= 2  # the appendix starts on its own page
    # The order on A4 portrait; its wide appendix table on A4 landscape.
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)
    assert set(sizes) <= {(595, 842), (842, 595)}
    words = flat(text)
    assert "Муниципальное бюджетное учреждение МБОУ СОШ № 7" in words
    assert "ПРИКАЗ" in words and "ПРИКАЗЫВАЮ:" in words
    assert "30.09.2026" in words and "№ 15-од" in words
    assert "О закреплении наставнических пар и групп" in words
    assert "на период с 01.10.2026 по 31.05.2027" in words
    assert "в срок до 15.10.2026" in words
    assert "Контроль за исполнением настоящего приказа оставляю за собой" in words
    assert "Смирнова Елена Александровна" in words
    acquainted = words.split("С приказом ознакомлены:")[1].split("Приложение к приказу")[0]
    for name in ("Соколова И. В.", "Морозова А. П.", "Зайцев К. О.", "Кузнецова О. Н."):
        assert name in acquainted
    appendix = flat(reader.pages[-1].extract_text())
    assert "Приложение к приказу от 30.09.2026 № 15-од" in words
    assert "Всего: 2 пары, 1 группа, 4 наставляемых" in words
    assert "Соколова Ирина Викторовна" in appendix
    assert "Никитин Артём Ильич, 8А класс" in appendix
    assert "Группа «Юные математики»" in appendix
    assert "Белов" in appendix and "Орлова" in appendix and "6Б класс" in appendix
    assert "обучающийся 10А класса" in appendix  # a student mentor is named with his class
    assert "Учитель – ученик" in appendix and "Ученик – ученик" in appendix
    assert "с 01.10.2026 по 20.05.2027" in appendix
    assert "ПРОЕКТ" in words.upper()


def test_it_writes_the_same_order_to_docx(world, school_order):
    document, text = docx_text(render_order_docx(school_order))
    words = flat(text)
    for expected in (
        "ПРИКАЗ",
        "ПРИКАЗЫВАЮ:",
        "30.09.2026",
        "№ 15-од",
        "О закреплении наставнических пар и групп",
        "С приказом ознакомлены:",
        "Соколова И. В.",
        "Морозова А. П.",
        "Зайцев К. О.",
        "Приложение к приказу от 30.09.2026 № 15-од",
    ):
        assert expected in words
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    appendix = document.tables[-1]
    header = [cell.text for cell in appendix.rows[0].cells]
    assert header[:3] == ["№ п/п", "Наставник", "Наставляемый"]
    assert (
        appendix.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )  # repeats on every page
    rows = [[cell.text for cell in row.cells] for row in appendix.rows[1:]]
    assert len(rows) == 3
    by_mentor = {row[1].split("\n")[0]: row for row in rows}
    assert "Никитин Артём Ильич, 8А класс" in by_mentor["Соколова Ирина Викторовна"][2]
    group_cell = by_mentor["Морозова Анна Павловна"][2]
    assert group_cell.startswith("Группа «Юные математики»:")
    assert "Орлова" in group_cell and "Белов" in group_cell
    assert by_mentor["Соколова Ирина Викторовна"][5] == "с 01.10.2026 по 20.05.2027"


def test_it_prints_an_amending_order_with_the_pairs_it_ends(world, school_order):
    original = register(school_order, world)
    pair = original.items.get(pair__mentor=world.mentor).pair
    newcomer = make_pair(world.programme, teacher_mentor(world, "Волкова"), student_mentee(world, "Ершов"))
    later = new_order(
        world,
        [newcomer],
        number="40-од",
        date=date(2026, 11, 25),
        plan_deadline=date(2026, 12, 9),
        end_pairs=[pair],
        amends=original,
    )
    later = register(later, world)
    _, text = pdf_text(render_order_pdf(later))
    words = flat(text)
    assert "О внесении изменений в приказ от 30.09.2026 № 15-од" in words
    assert "Внести в приказ от 30.09.2026 № 15-од" in words
    assert "Признать прекратившими работу" in words
    assert "Прекращают работу" in words
    assert "25.11.2026" in words and "Прекращается настоящим приказом" in words
    assert "Волкова" in words and "Ершов" in words
    assert "ПРОЕКТ" not in words  # registered: printed as it is
    _, docx_words = docx_text(render_order_docx(later))
    assert "Прекращается настоящим приказом" in docx_words
    assert "Прекращают работу" in docx_words


def test_it_refuses_to_print_a_draft_for_someone_without_consent(client_for, world, school_order):
    world.mentee_person.consents.update(withdrawn_on=date(2026, 11, 1))
    client = client_for(world.users[Role.CURATOR])
    detail = reverse("order_detail", kwargs={"order_id": school_order.pk})
    for name in ("order_pdf", "order_docx"):
        response = client.get(reverse(name, kwargs={"order_id": school_order.pk}))
        assert response.status_code == 302
        assert response["Location"] == detail
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("не печатается" in t and "Никитин Артём Ильич" in t for t in texts)
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).exists()


def test_it_serves_the_pdf_and_docx_and_logs_the_print(client_for, world, school_order):
    client = client_for(world.users[Role.DIRECTOR])
    pdf = client.get(reverse("order_pdf", kwargs={"order_id": school_order.pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("order_docx", kwargs={"order_id": school_order.pk}))
    assert docx.status_code == 200
    assert "attachment" in docx["Content-Disposition"]
    assert "Наставник" in docx_text(docx.content)[1]
    entries = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT)
    assert [e.detail for e in entries.order_by("pk")] == [
        "Приказ № 15-од от 30.09.2026 (PDF)",
        "Приказ № 15-од от 30.09.2026 (DOCX)",
    ]


def test_it_names_the_appointed_controller_and_counts_in_russian(world, school_order):
    services.update_order(
        order=school_order,
        version=school_order.version,
        number="15-од",
        date=school_order.date,
        period_start=school_order.period_start,
        period_end=school_order.period_end,
        plan_deadline=school_order.plan_deadline,
        curator_name=school_order.curator_name,
        control_name="заместителя директора по УВР Кузнецову О. Н.",
        fix_pairs=[i.pair for i in school_order.items.all()[:1]],
        user=None,
    )
    context = order_context(Order.objects.get(pk=school_order.pk))
    texts = [p.text for p in context["points"]]
    assert (
        texts[-1]
        == "Контроль за исполнением настоящего приказа возложить на заместителя директора по УВР Кузнецову О. Н."
    )
    assert context["fix_counts"] == "1 пара, 1 наставляемый"


def many_pairs(world, count: int) -> list:
    """``count`` draft pairs: teachers with up to five students each (capacity 5)."""
    pairs, mentor = [], None
    for n in range(count):
        if n % 5 == 0:
            mentor = teacher_mentor(world, f"Учителева{n}", capacity=5)
        pairs.append(make_pair(world.programme, mentor, student_mentee(world, f"Ученик{n}", grade=5 + n % 6)))
    return pairs


def test_it_renders_a_large_order_with_the_header_on_every_appendix_page(
    world, django_assert_max_num_queries
):
    order = Order.objects.get(pk=new_order(world, many_pairs(world, 60)).pk)
    with django_assert_max_num_queries(4):  # whatever the size
        assert len(order_context(order)["fix_rows"]) == 60
    reader, text = pdf_text(render_order_pdf(order))
    appendix_pages = [p.extract_text() for p in reader.pages if "Ученик" in p.extract_text()]
    assert len(appendix_pages) >= 2
    assert all("Наставляемый" in page for page in appendix_pages)  # the table header repeats
    assert "Ученик59" in text and "Всего: 60 пар, 60 наставляемых" in flat(text)
    document, _ = docx_text(render_order_docx(order))
    assert len(document.tables[-1].rows) == 61


def test_a_registered_order_keeps_the_head_who_signed_it(world, school_order):
    registered = register(school_order, world)
    world.school.head_name = "Новикова Ольга Петровна"
    world.school.save()
    registered.refresh_from_db()
    signed = order_context(registered)
    assert signed["head_name"] == "Смирнова Елена Александровна"
    # A draft prints today's head: the one who will sign it.
    pair = make_pair(world.programme, teacher_mentor(world, "Новенькая"), student_mentee(world, "Новый"))
    draft = order_context(Order.objects.get(pk=new_order(world, [pair], number="16-од").pk))
    assert draft["head_name"] == "Новикова Ольга Петровна"
