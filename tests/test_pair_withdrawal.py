"""A withdrawn consent stops the person's work in pairs, and keeps the history the reports need."""

from datetime import date

from pairs.models import Pair, PairEvent
from participants.models import Mentee
from participants.services.consents import withdraw_consent
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair

WITHDRAWN = date(2026, 11, 2)


def withdraw(world, person):
    withdraw_consent(
        consent=person.consents.get(),
        withdrawn_on=WITHDRAWN,
        reason="Заявление матери от 02.11.2026",
        user=world.users["curator"],
    )


def test_it_ends_the_pair_of_a_mentee_who_withdrew_consent(world):
    pair = world_pair(world)
    withdraw(world, world.mentee_person)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED
    assert pair.end_date == WITHDRAWN
    assert pair.end_reason == "Отзыв согласия на обработку персональных данных"
    mentee = Mentee.objects.get(pk=world.mentee.pk)
    # Not back to «ожидает наставника», as an early end would do: nobody pairs a withdrawn mentee again.
    assert mentee.status == Mentee.Status.WITHDRAWN
    # The pair, its member and its history stay for the programme's reports.
    assert pair.members.get().mentee_id == mentee.pk
    assert pair.events.filter(kind=PairEvent.Kind.TERMINATED).exists()


def test_it_ends_the_pairs_of_a_mentor_who_withdrew_consent(world):
    pair = world_pair(world)
    withdraw(world, world.mentor_person)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.WAITING


def test_a_group_goes_on_without_the_mentee_who_withdrew(world):
    mentor = make_mentor(world.school, capacity=3)
    give_consent(mentor.person)
    others = []
    for _ in range(2):
        person = make_person(world.school)
        give_consent(person)
        others.append(make_mentee(world.programme, person))
    group = make_pair(world.programme, mentor, others, active=True, name="Юные математики")
    withdraw(world, others[0].person)
    group.refresh_from_db()
    assert group.status == Pair.Status.ACTIVE
    left = group.members.get(mentee=others[0])
    assert not left.is_open and left.left_on == WITHDRAWN
    assert group.members.get(mentee=others[1]).is_open
