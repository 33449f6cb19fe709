"""A mentee who completed the programme and wants to mentor is offered to the mentor base."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.roles import Role
from pairs.services.lifecycle import complete_pair
from pairs.services.offers import offer_as_mentor
from participants.models import Mentee, Mentor
from tests.pair_factories import world_pair

OFFERS = "Завершили программу и хотят стать наставниками"


@pytest.fixture
def completed(world):
    """The world's pair, completed, with a mentee who said they want to mentor."""
    pair = world_pair(world)
    complete_pair(pair=pair, end_date=date(2027, 5, 20), results="Подтянул алгебру до «4».", user=None)
    Mentee.objects.filter(pk=world.mentee.pk).update(wants_to_mentor=True)
    return pair.members.get()


def test_it_lists_completed_mentees_who_want_to_mentor_for_the_curator(client_for, world, completed):
    page = client_for(world.users[Role.CURATOR]).get(reverse("pair_list")).content.decode()
    assert OFFERS in page
    assert reverse("mentor_offer", args=[completed.pk]) in page
    director = client_for(world.users[Role.DIRECTOR]).get(reverse("pair_list")).content.decode()
    assert OFFERS not in director


def test_it_offers_a_completed_mentee_to_the_mentor_base_once(client_for, world, completed):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("mentor_offer", args=[completed.pk])
    response = client.post(url, {"back": "list"}, follow=True)
    mentor = Mentor.objects.get(person=world.mentee_person)
    assert response.redirect_chain[-1][0] == reverse("mentor_detail", args=[mentor.pk])
    assert "«Никитин Артём Ильич» внесён(а) в базу наставников как кандидат." in response.content.decode()
    assert (mentor.stage, mentor.contour, mentor.organisation) == (
        Mentor.Stage.CANDIDATE,
        Mentor.Contour.INTERNAL,
        world.school,
    )
    assert "Путь к успеху!" in mentor.achievements
    again = client.post(url, {"back": "list"}, follow=True)
    assert again.redirect_chain[-1][0] == reverse("pair_list")
    assert "«Никитин Артём Ильич» уже есть в базе наставников." in again.content.decode()
    assert Mentor.objects.filter(person=world.mentee_person).count() == 1
    assert OFFERS not in again.content.decode()


def test_it_shows_the_offer_button_on_the_pair_page_only_while_it_applies(client_for, world, completed):
    client = client_for(world.users[Role.CURATOR])
    detail = reverse("pair_detail", args=[completed.pair_id])
    assert "Предложить в наставники" in client.get(detail).content.decode()
    offer_as_mentor(member=completed, user=world.users[Role.CURATOR])
    assert "Предложить в наставники" not in client.get(detail).content.decode()


def test_it_refuses_a_mentee_of_a_pair_still_at_work(client_for, world):
    member = world_pair(world).members.get()
    Mentee.objects.filter(pk=world.mentee.pk).update(wants_to_mentor=True)
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("mentor_offer", args=[member.pk]), follow=True
    )
    assert "предложить в наставники можно того, кто завершил программу" in response.content.decode()
    assert not Mentor.objects.filter(person=world.mentee_person).exists()


def test_it_refuses_a_mentee_who_did_not_want_to_mentor(world, completed):
    Mentee.objects.filter(pk=world.mentee.pk).update(wants_to_mentor=False)
    with pytest.raises(ValidationError, match="не говорил\\(а\\), что хочет стать наставником"):
        offer_as_mentor(member=completed, user=world.users[Role.CURATOR])
    assert not Mentor.objects.filter(person=world.mentee_person).exists()


def test_it_refuses_someone_already_in_the_mentor_base(world, completed):
    offer_as_mentor(member=completed, user=world.users[Role.CURATOR])
    with pytest.raises(ValidationError, match="уже есть в базе наставников"):
        offer_as_mentor(member=completed, user=world.users[Role.CURATOR])


def test_it_keeps_other_schools_members_out_of_reach(client_for, world, completed):
    response = client_for(world.users["outsider"]).post(reverse("mentor_offer", args=[completed.pk]))
    assert response.status_code == 404
    assert not Mentor.objects.filter(person=world.mentee_person).exists()
