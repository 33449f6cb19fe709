"""Answering on the account and through a personal link: drafts, sending once, closed windows."""

from __future__ import annotations

from django.urls import reverse

from monitoring.models import Invitation, Response
from monitoring.services.answering import field_name
from tests.monitoring_factories import answers_for, world_invitation


def _post(client, url, invitation, action="submit", **values):
    posted = answers_for(invitation.campaign.questionnaire, **values)
    posted["action"] = action
    return client.post(url, posted)


def test_it_lists_the_mentees_questionnaires_and_sends_one_answer(world, client_for):
    invitation = world_invitation(world)
    client = client_for(world.users["mentee"])
    page = client.get(reverse("my_questionnaires")).content.decode()
    assert invitation.campaign.title in page and "Заполнить" in page
    url = reverse("invitation_answer", kwargs={"invitation_id": invitation.pk})
    assert "Отправить ответ" in client.get(url).content.decode()
    assert _post(client, url, invitation).status_code == 302
    again = _post(client, url, invitation)
    assert "Ответ уже получен" in again.content.decode()
    assert Response.objects.filter(campaign=invitation.campaign, status="submitted").count() == 1


def test_it_keeps_a_draft_and_shows_errors_in_russian(world, client_for):
    invitation = world_invitation(world)
    client = client_for(world.users["mentee"])
    url = reverse("invitation_answer", kwargs={"invitation_id": invitation.pk})
    first = invitation.campaign.questionnaire.questions.order_by("position").first()
    client.post(url, {field_name(first): "6", "action": "draft"})
    page = client.get(url).content.decode()
    assert 'value="6" checked' in page
    response = client.post(url, {field_name(first): "6", "action": "submit"})
    assert "Ответьте на этот вопрос." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT


def test_it_answers_by_a_single_use_link_without_an_account(world, client):
    invitation = world_invitation(world)
    url = reverse("answer_by_link", kwargs={"token": invitation.token})
    page = client.get(url)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert _post(client, url, invitation).status_code == 302
    assert "Ответ уже получен" in client.get(url).content.decode()
    assert client.get(reverse("answer_by_link", kwargs={"token": "x" * 43})).status_code == 404


def test_it_says_the_window_has_closed(world, client):
    invitation = world_invitation(world)
    campaign = invitation.campaign
    campaign.opens_on = campaign.opens_on.replace(year=2025)
    campaign.closes_on = campaign.opens_on
    campaign.save()
    page = client.get(reverse("answer_by_link", kwargs={"token": invitation.token})).content.decode()
    assert "закончился" in page and "Отправить ответ" not in page


def test_it_hides_the_mentees_invitation_from_the_mentor(world, client_for):
    invitation = world_invitation(world)
    client = client_for(world.users["mentor"])
    assert (
        client.get(reverse("invitation_answer", kwargs={"invitation_id": invitation.pk})).status_code == 404
    )
