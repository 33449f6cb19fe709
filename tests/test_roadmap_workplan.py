"""The year's work plan: as a list and by month, kept by the curator, read by the director and mentors."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from roadmap.models import WorkEvent
from roadmap.services.workplan import create_event
from tests.roadmap_factories import world_event


def _form(**values):
    data = {
        "title": "Конкурс проектов наставнических пар",
        "starts_on": "2027-03-15",
        "responsible_name": "Куратор программы",
        "participants": "пары «учитель – ученик»",
        "submit_token": "event-1",
    }
    data.update(values)
    return data


def test_it_adds_an_event_once_and_shows_it_in_the_list_and_the_month(world, client_for):
    client = client_for(world.users["curator"])
    first = client.post(reverse("work_event_create"), _form())
    second = client.post(reverse("work_event_create"), _form())
    assert first.status_code == second.status_code == 302
    assert WorkEvent.objects.filter(programme=world.programme).count() == 1
    page = client.get(reverse("work_plan")).content.decode()
    assert "Конкурс проектов наставнических пар" in page and "15.03.2027" in page
    month = client.get(reverse("work_plan_month"), {"month": "2027-03"}).content.decode()
    assert "План работы: Март 2027" in month and "Конкурс проектов наставнических пар" in month
    assert (
        "Конкурс проектов"
        not in client.get(reverse("work_plan_month"), {"month": "2027-04"}).content.decode()
    )


def test_it_keeps_a_month_long_event_as_its_month(world, client_for):
    client = client_for(world.users["curator"])
    client.post(
        reverse("work_event_create"),
        _form(title="Неделя наставничества", by_month="on", starts_on="2027-02-10"),
    )
    event = WorkEvent.objects.get(title="Неделя наставничества")
    assert (event.starts_on, event.ends_on) == (date(2027, 2, 1), date(2027, 2, 28))
    assert "февраль 2027" in client.get(reverse("work_plan")).content.decode()
    month = client.get(reverse("work_plan_month"), {"month": "2027-02"}).content.decode()
    assert "В течение месяца" in month.split("Неделя наставничества")[0]


def test_it_explains_a_wrong_period_and_saves_nothing(world, client_for):
    client = client_for(world.users["curator"])
    response = client.post(reverse("work_event_create"), _form(ends_on="2027-03-01"))
    assert "Мероприятие не может закончиться раньше, чем начнётся." in response.content.decode()
    outside = client.post(reverse("work_event_create"), _form(starts_on="2028-01-10", submit_token="event-2"))
    assert "Дата вне срока программы" in outside.content.decode()
    assert not WorkEvent.objects.exists()


def test_it_refuses_a_stale_edit_and_marks_an_event_held(world, client_for):
    event = world_event(world)
    client = client_for(world.users["curator"])
    url = reverse("work_event_edit", kwargs={"event_id": event.pk})
    client.post(url, _form(title="Конкурс «Лучший наставник года»", version=0))
    stale = client.post(url, _form(title="Старое название", version=0))
    assert "изменил другой пользователь" in stale.content.decode()
    event.refresh_from_db()
    assert event.title == "Конкурс «Лучший наставник года»"
    client.post(reverse("work_event_status", kwargs={"event_id": event.pk}), {"status": "done"})
    event.refresh_from_db()
    assert event.status == "done"
    assert "Проведено</span>" in client.get(reverse("work_plan")).content.decode()


def test_it_lets_the_director_and_the_mentor_read_only(world, client_for):
    event = world_event(world)
    for persona in ("director", "mentor"):
        client = client_for(world.users[persona])
        page = client.get(reverse("work_plan")).content.decode()
        assert event.title in page and "Изменить" not in page
        assert (
            client.post(
                reverse("work_event_status", kwargs={"event_id": event.pk}), {"status": "done"}
            ).status_code
            == 403
        )
    assert client_for(world.users["mentee"]).get(reverse("work_plan")).status_code == 403
    assert (
        client_for(world.users["outsider"])
        .get(reverse("work_event_edit", kwargs={"event_id": event.pk}))
        .status_code
        == 404
    )


def test_it_prints_and_exports_the_plan(world, client_for):
    world_event(world)
    client = client_for(world.users["curator"])
    pdf = PdfReader(BytesIO(client.get(reverse("work_plan_pdf")).content))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Конкурс «Лучший наставник»" in text and "15.03.2027" in text
    rows = list(
        load_workbook(BytesIO(client.get(reverse("work_plan_xlsx")).content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][:3] == ("№ п/п", "Мероприятие", "Сроки")
    assert rows[1][1:4] == ("Конкурс «Лучший наставник»", "15.03.2027", "Куратор программы")


@pytest.mark.parametrize("count", [3, 15])
def test_it_lists_the_plan_in_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        create_event(
            programme=world.programme,
            title=f"Мероприятие {n}",
            starts_on=date(2026, 10, 1 + n),
            responsible=world.users["curator"],
        )
    client = client_for(world.users["curator"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("work_plan"))
    assert response.content.decode().count("Мероприятие ") >= count
