"""The roadmap and the director's dashboard as their users see them."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring.models import Programme
from participants.selectors.consents import today
from roadmap.models import Evidence, RoadmapItem, RoadmapStage
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_person
from tests.pair_factories import make_pair, make_replacement, world_pair
from tests.roadmap_factories import world_item
from tests.upload_files import pdf_bytes


def _edit(client, item, **changes):
    data = {
        "title": item.title,
        "by_month": "on" if item.by_month else "",
        "due_on": item.due_on.isoformat(),
        "responsible": item.responsible_id or "",
        "responsible_name": item.responsible_name,
        "status": item.status,
        "result_note": item.result_note,
        "version": item.version,
    }
    data.update(changes)
    return client.post(reverse("roadmap_item_edit", kwargs={"item_id": item.pk}), data)


def test_it_gives_a_new_programme_the_seven_stages_with_their_items(world, client_for):
    stages = RoadmapStage.objects.filter(programme=world.programme).order_by("number")
    assert [s.number for s in stages] == [1, 2, 3, 4, 5, 6, 7]
    assert all(stage.items.exists() for stage in stages)
    page = client_for(world.users["director"]).get(reverse("roadmap")).content.decode()
    assert "Этап 5. Формирование наставнических пар и групп" in page
    assert "сентябрь 2026" in page and "Изменить" not in page


def test_it_shows_what_the_product_knows_under_each_stage(world, client_for):
    world_pair(world)
    stranger = make_person(world.school, last_name="Без", first_name="Согласия")
    make_mentee(world.programme, stranger)
    page = client_for(world.users["curator"]).get(reverse("roadmap")).content.decode()
    assert "В базе наставляемых: <b>2 человека</b>" in page
    assert "Без согласия: <b>1</b>" in page
    assert "Пары и группы: Учитель – ученик: <b>1</b>" in page
    assert "Приказ о закреплении: <b>не зарегистрирован</b>" in page


def test_it_marks_an_item_done_and_refuses_a_stale_edit(world, client_for):
    item = world_item(world)
    client = client_for(world.users["curator"])
    response = _edit(client, item, status="done", result_note="Приказ № 45 издан")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.done_on == today() and item.version == 1
    page = client.get(reverse("roadmap")).content.decode()
    assert "Приказ № 45 издан" in page
    stale = _edit(client, item, version=0, result_note="Другая правка")
    assert "изменил другой пользователь" in stale.content.decode()
    item.refresh_from_db()
    assert item.result_note == "Приказ № 45 издан"


def test_it_computes_overdue_and_never_stores_it(world, client_for):
    item = world_item(world)
    RoadmapItem.objects.filter(pk=item.pk).update(due_on=today() - timedelta(days=3), by_month=False)
    page = client_for(world.users["curator"]).get(reverse("roadmap")).content.decode()
    row = page.split(f'id="item-{item.pk}"')[1].split("</tr>")[0]
    assert "Просрочено" in row
    item.refresh_from_db()
    assert item.status == "not_started"


def test_it_adds_an_item_for_a_month_and_explains_what_is_missing(world, client_for):
    client = client_for(world.users["curator"])
    url = reverse("roadmap_item_add", kwargs={"stage_number": 6})
    missing = client.post(url, {"title": "Неделя наставничества", "by_month": "on", "due_on": "2027-03-10"})
    assert "Укажите ответственного" in missing.content.decode()
    response = client.post(
        url,
        {
            "title": "Неделя наставничества",
            "by_month": "on",
            "due_on": "2027-03-10",
            "responsible_name": "Совет старшеклассников",
        },
    )
    assert response.status_code == 302
    item = RoadmapItem.objects.get(title="Неделя наставничества")
    assert (item.starts_on, item.due_on, item.code) == (date(2027, 3, 1), date(2027, 3, 31), "6.6")
    page = client.get(reverse("roadmap")).content.decode()
    assert "март 2027" in page and "Совет старшеклассников" in page


def test_it_keeps_papers_that_show_an_item_done(world, client_for, private_files):
    item = world_item(world)
    curator = client_for(world.users["curator"])
    url = reverse("roadmap_evidence_add", kwargs={"item_id": item.pk})
    wrong = curator.post(url, {"title": "Скрипт", "file": SimpleUploadedFile("run.exe", b"MZ")}, follow=True)
    assert "Подойдёт PDF" in wrong.content.decode()
    order = pdf_bytes()  # a real PDF: evidence is opened by pypdf before it is kept
    curator.post(url, {"title": "Приказ № 45", "file": SimpleUploadedFile("prikaz.pdf", order)})
    evidence = Evidence.objects.get(item=item)
    assert "Приказ № 45" in curator.get(reverse("roadmap")).content.decode()
    director = client_for(world.users["director"])
    file = director.get(reverse("roadmap_evidence_file", kwargs={"evidence_id": evidence.pk}))
    assert b"".join(file.streaming_content) == order
    outsider = client_for(world.users["outsider"])
    assert (
        outsider.get(reverse("roadmap_evidence_file", kwargs={"evidence_id": evidence.pk})).status_code == 404
    )


def test_it_lets_the_director_read_but_not_edit(world, client_for):
    item = world_item(world)
    client = client_for(world.users["director"])
    assert _edit(client, item, status="done").status_code == 403
    item.refresh_from_db()
    assert item.status == "not_started"


def test_it_shows_the_mentor_only_the_items_they_answer_for(world, client_for):
    item = world_item(world)
    RoadmapItem.objects.filter(pk=item.pk).update(responsible=world.users["mentor"], responsible_name="")
    client = client_for(world.users["mentor"])
    page = client.get(reverse("roadmap_mine")).content.decode()
    assert item.title in page
    assert "Рассказ о программе на педагогическом совете" not in page
    assert client.get(reverse("roadmap")).status_code == 403


def test_it_keeps_a_completed_programme_read_only(world, client_for):
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    item = world_item(world)
    response = _edit(client_for(world.users["curator"]), item, status="done")
    assert WORLD_READ_ONLY in response.content.decode()
    item.refresh_from_db()
    assert item.status == "not_started"


def test_it_prints_the_roadmap_landscape_and_exports_it(world, client_for):
    client = client_for(world.users["curator"])
    pdf = PdfReader(BytesIO(client.get(reverse("roadmap_pdf")).content))
    box = pdf.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Формирование базы наставников" in text and "Путь к успеху!" in text
    sheet = load_workbook(BytesIO(client.get(reverse("roadmap_xlsx")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("№", "Этап", "Мероприятие", "Срок")
    assert (
        rows[1][0] == "1.1"
        and len(rows) == 1 + RoadmapItem.objects.filter(stage__programme=world.programme).count()
    )


@pytest.mark.parametrize("extra", [0, 12])
def test_it_reads_the_roadmap_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, private_files, extra
):
    stage = RoadmapStage.objects.get(programme=world.programme, number=6)
    for n in range(extra):
        item = RoadmapItem.objects.create(
            stage=stage, position=10 + n, title=f"Дело {n}", due_on=date(2027, 1, 31)
        )
        Evidence.objects.create(item=item, title=f"Документ {n}", file="roadmap/x.pdf", file_name="x.pdf")
    client = client_for(world.users["curator"])
    with django_assert_max_num_queries(23):
        response = client.get(reverse("roadmap"))
    assert (
        response.content.decode().count("Изменить")
        == RoadmapItem.objects.filter(stage__programme=world.programme).count()
    )


def test_it_opens_the_directors_home_on_the_dashboard(world, client_for):
    world_pair(world)
    make_replacement(world)
    item = world_item(world)
    RoadmapItem.objects.filter(stage__programme=world.programme).exclude(pk=item.pk).update(status="done")
    RoadmapItem.objects.filter(pk=item.pk).update(due_on=today() - timedelta(days=2), by_month=False)
    client = client_for(world.users["director"])
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"] == reverse("director_dashboard")
    page = client.get(reverse("director_dashboard")).content.decode()
    assert "Рабочий стол руководителя" in page
    assert f"{item.title}</a> — срок" in page.split("Просрочено в дорожной карте: 1")[1]
    assert "1 из" in page.split("Показатели эффективности")[1]
    assert "Никитин Артём Ильич" in page.split("Заявления о замене наставника")[1]
    assert "рассмотреть" in page


@pytest.mark.parametrize("pupils", [1, 8])
def test_it_builds_the_dashboard_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, pupils
):
    world.mentor.capacity = pupils + 1
    world.mentor.save()
    world_pair(world)
    for n in range(pupils):
        person = make_person(world.school, last_name=f"Ученик{'абвгдежзи'[n]}", first_name="Иван")
        give_consent(person)
        make_pair(world.programme, world.mentor, make_mentee(world.programme, person), active=True)
    client = client_for(world.users["director"])
    with django_assert_max_num_queries(19):
        response = client.get(reverse("director_dashboard"))
    assert f"{pupils + 1} из" in response.content.decode()
