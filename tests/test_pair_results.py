"""Results of a pair: the mentor records each mentee's result against their requests and plan, the
mentee adds their word, the curator completes the pair and the mentee base shows it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import Programme
from mentoring.roles import Role
from pairs.models import MemberResult
from pairs.services.lifecycle import complete_pair
from pairs.services.results import add_mentee_word, record_result
from participants.models import Mentee, MenteeRequest
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, not_active, world_pair


def _member(world):
    return world_pair(world).members.get(mentee=world.mentee)


def _post_result(client, member, **fields):
    data = {"member": member.pk, f"m{member.pk}-member": member.pk, f"m{member.pk}-version": 0}
    data.update({f"m{member.pk}-{name}": value for name, value in fields.items()})
    return client.post(reverse("pair_results", args=[member.pair_id]), data)


def test_it_shows_the_mentor_the_requests_next_to_the_result_form(world, client_for):
    member = _member(world)
    MenteeRequest.objects.create(mentee=world.mentee, text="Подтянуть алгебру к экзамену")
    page = client_for(world.users[Role.MENTOR]).get(reverse("pair_results", args=[member.pair_id]))
    assert page.status_code == 200
    assert "Подтянуть алгебру к экзамену" in page.content.decode()
    assert "Записать результаты" in page.content.decode()


def test_it_records_the_mentors_result_and_the_mentees_word(world, client_for):
    member = _member(world)
    mentor = client_for(world.users[Role.MENTOR])
    response = _post_result(mentor, member, outcome="met", achieved="Четвёрка по алгебре в году")
    assert response.status_code == 302
    result = MemberResult.objects.get(member=member)
    assert (result.outcome, result.achieved) == ("met", "Четвёрка по алгебре в году")
    mentee = client_for(world.users[Role.MENTEE])
    assert (
        "Четвёрка по алгебре в году" in mentee.get(reverse("mentee_word", args=[member.pk])).content.decode()
    )
    mentee.post(
        reverse("mentee_word", args=[member.pk]),
        {"version": result.version, "word": "Перестал бояться контрольных", "wants_to_mentor": "on"},
    )
    result.refresh_from_db()
    assert result.mentee_word == "Перестал бояться контрольных"
    assert Mentee.objects.get(pk=world.mentee.pk).wants_to_mentor is True
    mentor = client_for(world.users[Role.MENTOR])
    pair_page = mentor.get(reverse("pair_detail", args=[member.pair_id])).content.decode()
    assert "Перестал бояться контрольных" in pair_page


def test_it_explains_in_russian_what_the_result_lacks(world, client_for):
    member = _member(world)
    response = _post_result(client_for(world.users[Role.MENTOR]), member, outcome="", achieved=" ")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Отметьте, выполнен ли запрос наставляемого." in page
    assert "Опишите, чего достиг наставляемый" in page
    assert not MemberResult.objects.exists()


def test_it_refuses_a_stale_edit_of_the_result(world):
    member = _member(world)
    first = record_result(member=member, outcome="partly", achieved="Тройка", version=0, user=None)
    record_result(member=member, outcome="met", achieved="Четвёрка", version=first.version, user=None)
    with pytest.raises(Exception) as error:
        record_result(member=member, outcome="not_met", achieved="Двойка", version=first.version, user=None)
    assert "итог по запросу" in str(error.value.changed)
    assert MemberResult.objects.get(member=member).achieved == "Четвёрка"


def test_it_asks_the_mentee_to_wait_for_the_mentor(world):
    with pytest.raises(ValidationError, match="Наставник ещё не записал результаты"):
        add_mentee_word(member=_member(world), word="Спасибо", wants_to_mentor=False, version=0, user=None)


def test_it_carries_the_result_to_the_mentee_base_on_completion(world, client_for):
    member = _member(world)
    result = record_result(member=member, outcome="met", achieved="Четвёрка по алгебре", version=0, user=None)
    add_mentee_word(
        member=member, word="Было интересно", wants_to_mentor=False, version=result.version, user=None
    )
    curator = client_for(world.users[Role.CURATOR])
    form = curator.get(reverse("pair_complete", args=[member.pair_id]))
    assert form.context["form"].initial["results"] == "Четвёрка по алгебре"
    curator.post(
        reverse("pair_complete", args=[member.pair_id]), {"end_date": "2027-05-20", "results": "Итоги пары"}
    )
    mentee = Mentee.objects.get(pk=world.mentee.pk)
    assert mentee.status == Mentee.Status.COMPLETED and mentee.completion_date == date(2027, 5, 20)
    assert "Запрос выполнен. Четвёрка по алгебре" in mentee.results
    assert "Слово наставляемого: Было интересно" in mentee.results
    base = curator.get(reverse("mentee_detail", args=[mentee.pk])).content.decode()
    assert "Четвёрка по алгебре" in base and "20.05.2027" in base


def test_it_warns_the_curator_whose_result_is_missing(world, client_for):
    teacher = make_person(world.school, kind="teacher", last_name="Белова", first_name="Нина")
    pupils = [make_person(world.school, last_name=name, first_name="Олег") for name in ("Зайцев", "Орлов")]
    for person in (teacher, *pupils):
        give_consent(person)
    mentees = [make_mentee(world.programme, person) for person in pupils]
    group = make_pair(world.programme, make_mentor(world.school, teacher, capacity=3), mentees, active=True)
    first = group.members.get(mentee=mentees[0])
    record_result(member=first, outcome="partly", achieved="Проект наполовину", version=0, user=None)
    page = (
        client_for(world.users[Role.CURATOR]).get(reverse("pair_complete", args=[group.pk])).content.decode()
    )
    assert "Наставник не записал результаты: Орлов Олег" in page


def test_it_keeps_results_of_a_completed_pair_as_they_are(world, client_for):
    member = _member(world)
    record_result(member=member, outcome="met", achieved="Четвёрка", version=0, user=None)
    complete_pair(pair=member.pair, end_date=date(2027, 5, 20), results="Итоги", user=None)
    member.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        record_result(member=member, outcome="not_met", achieved="Иначе", version=1, user=None)
    assert refused.value.messages == [not_active(member.pair)]
    page = client_for(world.users[Role.MENTOR]).get(reverse("pair_results", args=[member.pair_id]))
    text = page.content.decode()
    assert "Записать результаты" not in text and "Четвёрка" in text and not_active(member.pair) in text


def test_it_refuses_results_in_a_completed_programme(world):
    member = _member(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        record_result(member=member, outcome="met", achieved="Четвёрка", version=0, user=None)
    assert refused.value.messages == [WORLD_READ_ONLY]


def test_it_keeps_the_results_page_from_other_mentors_and_mentees(world, client_for):
    member = _member(world)
    url = reverse("pair_results", args=[member.pair_id])
    assert client_for(world.users["outsider"]).get(url).status_code == 404
    assert client_for(world.users[Role.MENTEE]).get(url).status_code == 403
    assert (
        client_for(world.users["outsider"]).get(reverse("mentee_word", args=[member.pk])).status_code == 404
    )


@pytest.mark.parametrize("size", [1, 6])
def test_it_shows_the_results_of_a_group_in_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    teacher = make_person(world.school, kind="teacher", last_name="Белова", first_name="Нина")
    give_consent(teacher)
    mentees = []
    for n in range(size):
        pupil = make_person(world.school, last_name=f"Ученик{n}", first_name="Олег")
        give_consent(pupil)
        mentees.append(make_mentee(world.programme, pupil))
        MenteeRequest.objects.create(mentee=mentees[-1], text=f"Запрос {n}")
    group = make_pair(world.programme, make_mentor(world.school, teacher, capacity=10), mentees, active=True)
    for member in group.members.all():
        record_result(member=member, outcome="met", achieved="Готово", version=0, user=None)
    curator = client_for(world.users[Role.CURATOR])
    curator.get(reverse("pair_results", args=[group.pk]))
    with django_assert_max_num_queries(16):
        page = curator.get(reverse("pair_results", args=[group.pk]))
    assert page.content.decode().count("Запрос выполнен") >= size


def test_it_shows_the_completed_pair_with_its_results_in_the_mentor_base(world, client_for):
    member = _member(world)
    record_result(member=member, outcome="partly", achieved="Тройка по алгебре", version=0, user=None)
    complete_pair(pair=member.pair, end_date=date(2027, 5, 20), results="Наверстали половину тем", user=None)
    page = client_for(world.users[Role.CURATOR]).get(reverse("mentor_detail", args=[world.mentor.pk]))
    text = page.content.decode()
    assert "Никитин Артём Ильич — выполнен частично" in text
    assert "Наверстали половину тем" in text and "по 20.05.2027" in text
