"""The curator launches a campaign, follows the response rate, closes it and prints the links."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from monitoring.models import Campaign, Invitation
from monitoring.services.answering import save_answers
from participants.models import Consent
from participants.selectors.consents import today
from tests.factories import give_consent, make_mentee, make_person
from tests.monitoring_factories import answers_for, launch, questionnaire_of, world_campaign
from tests.pair_factories import make_pair, world_pair

MENTEE_SHEET = "process-mentee-teacher-student"
MENTOR_SHEET = "process-mentor-teacher-student"


def _launch_form(world, code=MENTOR_SHEET, **overrides):
    questionnaire = questionnaire_of(world.programme, code)
    data = {
        "questionnaire": questionnaire.pk,
        "title": "Опрос наставников, декабрь",
        "phase": "",
        "opens_on": today().isoformat(),
        "closes_on": (today() + timedelta(days=10)).isoformat(),
        "forms": [f.pk for f in questionnaire.forms.all()],
        "submit_token": "launch-1",
    }
    data.update(overrides)
    return data


def test_it_launches_a_campaign_once_for_a_double_submit(world, client_for):
    world_pair(world)
    client = client_for(world.users["curator"])
    first = client.post(reverse("campaign_create"), _launch_form(world))
    second = client.post(reverse("campaign_create"), _launch_form(world))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    campaign = Campaign.objects.get(title="Опрос наставников, декабрь")
    assert list(campaign.invitations.values_list("person", flat=True)) == [world.mentor_person.pk]
    page = client.get(first["Location"]).content.decode()
    assert "Ответили 0 из 1" in page and "Соколова Ирина Викторовна" in page


def test_it_explains_in_russian_why_a_campaign_cannot_start(world, client_for):
    world_pair(world)
    client = client_for(world.users["curator"])
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = client.post(
        reverse("campaign_create"), _launch_form(world, phase="entry", closes_on=yesterday)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Приём ответов не может закончиться раньше, чем начнётся." in page
    assert "Замер на входе и выходе бывает только во втором этапе." in page
    assert not Campaign.objects.exists()


def test_it_shows_the_live_response_rate_by_form_and_role(world, client_for):
    campaign = world_campaign(world, MENTOR_SHEET)
    client = client_for(world.users["director"])
    url = reverse("campaign_detail", kwargs={"campaign_id": campaign.pk})
    assert "Ответили 0 из 1 — 0%" in client.get(url).content.decode()
    invitation = campaign.invitations.get()
    save_answers(invitation=invitation, posted=answers_for(campaign.questionnaire), submit=True)
    page = client.get(url).content.decode()
    assert "Ответили 1 из 1 — 100%" in page
    form_name = invitation.form.name
    assert f'<td>{form_name}</td><td class="text-end">1 из 1</td>' in page
    assert '<td>Наставник</td><td class="text-end">1 из 1</td>' in page
    assert "Запустить опрос" not in client.get(reverse("campaign_list")).content.decode()


def test_it_names_nobody_on_an_anonymous_campaign(world, client_for):
    campaign = world_campaign(world, MENTEE_SHEET)
    assert campaign.questionnaire.is_anonymous
    page = client_for(world.users["curator"]).get(
        reverse("campaign_detail", kwargs={"campaign_id": campaign.pk})
    )
    text = page.content.decode()
    assert "Ответили 0 из 1" in text
    assert "Никитин" not in text and "анонимная" in text


def test_it_lists_who_was_left_out_for_want_of_consent(world, client_for):
    pair = world_pair(world)
    world.mentor.capacity = 2
    world.mentor.save()
    pupil = make_person(world.school, last_name="Орлова", first_name="Вера")
    give_consent(pupil)
    make_pair(world.programme, world.mentor, make_mentee(world.programme, pupil), active=True)
    Consent.objects.filter(person=pupil).update(expires_on=date(2026, 9, 2))
    campaign = launch(world.programme, MENTEE_SHEET, pairs=[])
    assert list(campaign.invitations.values_list("person", flat=True)) == [world.mentee_person.pk]
    page = client_for(world.users["curator"]).get(
        reverse("campaign_detail", kwargs={"campaign_id": campaign.pk})
    )
    text = page.content.decode()
    assert "Не приглашены: нет действующего согласия" in text and "Орлова Вера" in text
    assert pair.pk


def test_it_closes_the_window_and_the_link_stops_working(world, client_for, client):
    campaign = world_campaign(world, MENTEE_SHEET)
    invitation = campaign.invitations.get()
    curator = client_for(world.users["curator"])
    response = curator.post(reverse("campaign_close", kwargs={"campaign_id": campaign.pk}))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.closed_at is not None
    client.logout()
    page = client.get(reverse("answer_by_link", kwargs={"token": invitation.token})).content.decode()
    assert "Отправить ответ" not in page


def test_it_prints_personal_links_with_qr_codes_for_a_class(world, client_for):
    campaign = world_campaign(world, MENTEE_SHEET)
    invitation = campaign.invitations.get()
    client = client_for(world.users["curator"])
    response = client.get(reverse("campaign_links", kwargs={"campaign_id": campaign.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(BytesIO(response.content)).pages[0].extract_text().split())
    assert "Никитин Артём Ильич" in text
    assert invitation.token[:20] in text.replace(" ", "")
    # An anonymous sheet: the card stays after the answer, so a missing card names nobody.
    save_answers(invitation=invitation, posted=answers_for(campaign.questionnaire), submit=True)
    again = client.get(reverse("campaign_links", kwargs={"campaign_id": campaign.pk}))
    assert again["Content-Type"] == "application/pdf"


def test_it_keeps_the_links_from_the_director(world, client_for):
    campaign = world_campaign(world, MENTEE_SHEET)
    response = client_for(world.users["director"]).get(
        reverse("campaign_links", kwargs={"campaign_id": campaign.pk})
    )
    assert response.status_code == 403


def test_it_lists_campaigns_in_a_bounded_number_of_queries(world, client_for, django_assert_max_num_queries):
    world_pair(world)
    client = client_for(world.users["curator"])
    launch(world.programme, MENTOR_SHEET)
    with django_assert_max_num_queries(12):
        small = client.get(reverse("campaign_list"))
    for n in range(6):
        launch(world.programme, MENTEE_SHEET if n % 2 else MENTOR_SHEET, title=f"Опрос {n}")
    with django_assert_max_num_queries(12):
        large = client.get(reverse("campaign_list"))
    assert small.status_code == large.status_code == 200
    assert large.content.decode().count("0 из 1") == 7
    assert Invitation.objects.count() == 7
