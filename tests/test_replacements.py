"""Replacement of the mentor: the mentee's or the curator's request, the director's decision."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.roles import Role
from pairs.models import Pair, PairEvent, PairMember, ReplacementRequest
from pairs.services.replacements import decide_replacement, file_replacement
from participants.models import Mentee
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair

Status = ReplacementRequest.Status


def consenting_mentee(world, last_name: str) -> Mentee:
    person = make_person(world.school, last_name=last_name)
    give_consent(person)
    return make_mentee(world.programme, person)


def consenting_mentor(world, last_name: str, **fields):
    person = make_person(world.school, kind="teacher", last_name=last_name)
    give_consent(person)
    return make_mentor(world.school, person, **fields)


def own_member(world) -> PairMember:
    return world_pair(world).members.get(mentee=world.mentee)


def create_url(member: PairMember) -> str:
    return reverse("replacement_create", kwargs={"member_id": member.pk})


def decide_url(request: ReplacementRequest) -> str:
    return reverse("replacement_decide", kwargs={"replacement_id": request.pk})


def filed(world, member=None, reason="Не сложилось общение с наставником") -> ReplacementRequest:
    return file_replacement(
        member=member or own_member(world),
        reason=reason,
        user=world.users[Role.MENTEE],
        day=date(2026, 11, 10),
    )


# --- filing ------------------------------------------------------------------------------------


def test_it_lets_a_mentee_ask_to_replace_their_own_mentor(client_for, world):
    member = own_member(world)
    client = client_for(world.users[Role.MENTEE])
    form = client.get(create_url(member)).content.decode()
    assert "Соколова Ирина Викторовна" in form and "Подать заявление" in form
    assert "Дата заявления" not in form  # the mentee files today
    response = client.post(create_url(member), {"reason": "Не совпадаем по времени", "submit_token": "r-1"})
    assert response["Location"] == reverse("replacement_mine")
    request = ReplacementRequest.objects.get()
    assert (request.member, request.status, request.reason) == (
        member,
        Status.PENDING,
        "Не совпадаем по времени",
    )
    assert request.filed_by == world.users[Role.MENTEE]
    event = PairEvent.objects.get(kind=PairEvent.Kind.REPLACEMENT_FILED)
    assert event.member == member and "Не совпадаем по времени" in event.text
    mine = client.get(reverse("replacement_mine")).content.decode()
    assert "Не совпадаем по времени" in mine and "Ждёт решения директора" in mine


def test_it_lets_the_curator_file_a_paper_request_on_the_mentees_behalf(client_for, world):
    member = own_member(world)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        create_url(member), {"reason": "Заявление законного представителя", "day": "12.11.2026"}
    )
    assert response["Location"] == reverse("replacement_list")
    request = ReplacementRequest.objects.get()
    assert request.filed_on == date(2026, 11, 12) and request.filed_by == world.users[Role.CURATOR]
    page = client.get(reverse("replacement_list")).content.decode()
    assert (
        "12.11.2026" in page and "Никитин Артём Ильич" in page and "Заявление законного представителя" in page
    )


def test_it_requires_a_reason(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    response = client.post(create_url(own_member(world)), {"reason": "   "})
    assert response.status_code == 200
    assert "Укажите причину" in response.content.decode()
    assert not ReplacementRequest.objects.exists()


def test_it_hides_another_mentees_membership_from_a_mentee(client_for, world):
    # Even a groupmate's membership: the pair is visible to the mentee, the other member's request is not theirs.
    mentor = consenting_mentor(world, "Группова", capacity=3)
    other = consenting_mentee(world, "Соседов")
    group = make_pair(world.programme, mentor, [world.mentee, other], active=True)
    client = client_for(world.users[Role.MENTEE])
    others = group.members.get(mentee=other)
    assert client.get(create_url(others)).status_code == 404
    assert client.post(create_url(others), {"reason": "Хочу другого"}).status_code == 404
    assert client.get(create_url(group.members.get(mentee=world.mentee))).status_code == 200
    stranger_pair = make_pair(
        world.programme, consenting_mentor(world, "Чужакова"), consenting_mentee(world, "Чужой")
    )
    assert client.get(create_url(stranger_pair.members.get())).status_code == 404
    assert not ReplacementRequest.objects.exists()


def test_it_refuses_a_second_pending_request_for_one_mentee(client_for, world):
    filed(world)
    with pytest.raises(ValidationError, match="уже подано"):
        filed(world, reason="Ещё раз")
    page = client_for(world.users[Role.MENTEE]).get(create_url(own_member(world))).content.decode()
    assert "уже подано и ждёт решения директора" in page and "Подать заявление" not in page
    assert ReplacementRequest.objects.count() == 1


def test_it_files_once_when_the_form_is_sent_twice(client_for, world):
    client = client_for(world.users[Role.MENTEE])
    data = {"reason": "Не совпадаем по времени", "submit_token": "twice"}
    first = client.post(create_url(own_member(world)), data)
    second = client.post(create_url(own_member(world)), data)
    assert first["Location"] == second["Location"] == reverse("replacement_mine")
    assert ReplacementRequest.objects.count() == 1
    assert PairEvent.objects.filter(kind=PairEvent.Kind.REPLACEMENT_FILED).count() == 1


def test_it_explains_that_a_draft_pair_needs_no_replacement(client_for, world):
    pair = make_pair(world.programme, world.mentor, world.mentee)  # not yet fixed by an order
    client = client_for(world.users[Role.CURATOR])
    page = client.get(create_url(pair.members.get())).content.decode()
    assert "ещё не закреплена приказом" in page and "Подать заявление" not in page
    client.post(create_url(pair.members.get()), {"reason": "Хочу другого", "day": "12.11.2026"})
    assert not ReplacementRequest.objects.exists()


# --- the director's decision ---------------------------------------------------------------------


def test_it_ends_the_pair_when_the_director_approves_and_lets_the_curator_pair_again(client_for, world):
    request = filed(world)
    pair = world_pair(world)
    client = client_for(world.users[Role.DIRECTOR])
    page = client.get(decide_url(request)).content.decode()
    assert "Удовлетворить" in page and "Отклонить" in page and "Не сложилось общение" in page
    response = client.post(
        decide_url(request), {"decision": "approve", "comment": "", "day": "20.11.2026"}, follow=True
    )
    assert "куратор может сформировать для него новую пару" in response.content.decode().lower()
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED and pair.end_date == date(2026, 11, 20)
    assert (
        pair.end_reason == "Замена наставника по заявлению от 10.11.2026: Не сложилось общение с наставником"
    )
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.WAITING
    request.refresh_from_db()
    assert (request.status, request.decided_on, request.decided_by) == (
        Status.APPROVED,
        date(2026, 11, 20),
        world.users[Role.DIRECTOR],
    )
    kinds = list(pair.events.values_list("kind", flat=True))
    assert PairEvent.Kind.REPLACEMENT_FILED in kinds and PairEvent.Kind.REPLACEMENT_DECIDED in kinds
    assert kinds[-1] == PairEvent.Kind.TERMINATED
    new_pair = make_pair(world.programme, consenting_mentor(world, "Новикова"), world.mentee, active=True)
    assert new_pair.members.get().mentee == world.mentee
    # The history keeps who mentored whom and when.
    history = client.get(decide_url(request)).content.decode()
    assert "Соколова Ирина Викторовна" in history and "Новикова" in history and "удовлетворено" in history


def test_it_lets_only_the_leaving_mentee_go_from_a_group(world):
    mentor = consenting_mentor(world, "Группова", capacity=3)
    other = consenting_mentee(world, "Соседов")
    group = make_pair(world.programme, mentor, [world.mentee, other], active=True)
    request = filed(world, member=group.members.get(mentee=world.mentee))
    decide_replacement(
        request=request, approve=True, comment="", user=world.users[Role.DIRECTOR], day=date(2026, 11, 20)
    )
    group.refresh_from_db()
    assert group.status == Pair.Status.ACTIVE
    leaving, staying = group.members.get(mentee=world.mentee), group.members.get(mentee=other)
    assert not leaving.is_open and leaving.left_on == date(2026, 11, 20)
    assert staying.is_open
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.WAITING
    assert Mentee.objects.get(pk=other.pk).status == Mentee.Status.IN_PAIR


def test_it_needs_the_directors_reason_to_decline_and_keeps_the_pair(client_for, world):
    request = filed(world)
    client = client_for(world.users[Role.DIRECTOR])
    response = client.post(decide_url(request), {"decision": "decline", "comment": "", "day": "20.11.2026"})
    assert response.status_code == 200
    assert "Объясните, почему заявление отклонено" in response.content.decode()
    assert ReplacementRequest.objects.get().status == Status.PENDING
    client.post(
        decide_url(request),
        {"decision": "decline", "comment": "Пара работает второй месяц, дадим время", "day": "20.11.2026"},
    )
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    pair = world_pair(world)
    assert pair.status == Pair.Status.ACTIVE and pair.members.get().is_open
    assert Mentee.objects.get(pk=world.mentee.pk).status == Mentee.Status.IN_PAIR
    event = pair.events.get(kind=PairEvent.Kind.REPLACEMENT_DECIDED)
    assert "отклонено" in event.text and "дадим время" in event.text
    mine = client_for(world.users[Role.MENTEE]).get(reverse("replacement_mine")).content.decode()
    assert "Пара работает второй месяц, дадим время" in mine and "отклонено" in mine


def test_it_refuses_a_second_decision(client_for, world):
    request = filed(world)
    director = world.users[Role.DIRECTOR]
    decide_replacement(request=request, approve=False, comment="Рано", user=director, day=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="уже принято решение"):
        decide_replacement(request=request, approve=True, comment="", user=director, day=date(2026, 11, 21))
    client = client_for(director)
    page = client.get(decide_url(request)).content.decode()
    assert "заявление отклонено" in page and "Рано" in page and "Удовлетворить" not in page
    client.post(decide_url(request), {"decision": "approve", "comment": "", "day": "21.11.2026"})
    assert ReplacementRequest.objects.get().status == Status.DECLINED
    assert world_pair(world).status == Pair.Status.ACTIVE


def test_it_leaves_the_decision_to_the_director(client_for, world):
    request = filed(world)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(decide_url(request), {"decision": "approve", "comment": "", "day": "20.11.2026"})
    assert response.status_code == 403
    assert ReplacementRequest.objects.get().status == Status.PENDING
    assert world_pair(world).status == Pair.Status.ACTIVE
    assert "Рассмотреть" not in client.get(reverse("replacement_list")).content.decode()


def test_it_lists_pending_requests_first_in_a_fixed_number_of_queries(
    client_for, world, django_assert_max_num_queries
):
    decided = filed(world)
    decide_replacement(
        request=decided,
        approve=False,
        comment="Рано",
        user=world.users[Role.DIRECTOR],
        day=date(2026, 11, 20),
    )
    client = client_for(world.users[Role.DIRECTOR])
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("replacement_list"))
    for n in range(6):
        mentor = consenting_mentor(world, f"Наставникова{n}")
        pair = make_pair(world.programme, mentor, consenting_mentee(world, f"Учеников{n}"), active=True)
        filed(world, member=pair.members.get(), reason=f"Причина номер {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("replacement_list")).content.decode()
    assert page.index("Причина номер 5") < page.index("Рано")  # pending ones on top
    assert "Ждут решения директора: 6 заявлений" in page
