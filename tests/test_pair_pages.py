"""The pages of pairs and groups: the list, forming, the pair's page with its history, editing and
deleting a draft, completion and termination — and who sees what."""

from datetime import date

import pytest
from django.urls import reverse

from mentoring.models import MentoringForm, RoleVariant
from mentoring.roles import Role
from pairs.models import Pair, PairEvent
from pairs.services.history import record_event
from participants.models import AccessLogEntry, Consent, Mentee, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, not_active, world_pair


def form_of(code: str) -> MentoringForm:
    return MentoringForm.objects.get(code=code)


def student(world, last_name: str, *, consent: bool = True, **fields) -> Mentee:
    person = make_person(
        world.school, last_name=last_name, first_name="Олег", middle_name="Петрович", **fields
    )
    if consent:
        give_consent(person)
    return make_mentee(world.programme, person)


def teacher_mentor(world, last_name: str, *, capacity: int = 3, **fields):
    person = make_person(
        world.school,
        kind=Person.Kind.TEACHER,
        last_name=last_name,
        first_name="Вера",
        middle_name="Ивановна",
        **fields,
    )
    give_consent(person)
    return make_mentor(world.school, person, capacity=capacity)


def create_data(form, **fields) -> dict:
    data = {
        "submit_token": form.initial["submit_token"],
        "kind": "pair",
        "form": form_of("teacher-student").pk,
        "variant": "",
        "name": "",
        "start_date": "2026-10-01",
        "planned_end_date": "2027-05-20",
    }
    data.update(fields)
    return data


def test_it_forms_a_pair_from_a_match_suggestion_link(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    url = reverse("pair_create")
    page = client.get(url, {"mentee": world.mentee.pk, "mentor": world.mentor.pk})
    form = page.context["form"]
    assert form.initial["mentees"] == [world.mentee.pk] and form.initial["mentor"] == world.mentor.pk
    text = page.content.decode()
    assert "Соколова И. В. (Учитель) — свободно 1 из 1" in text
    assert "Никитин Артём Ильич, 8А" in text
    variant = RoleVariant.objects.filter(form=form_of("teacher-student")).first()
    response = client.post(
        url,
        create_data(form, mentor=world.mentor.pk, mentees=[world.mentee.pk], variant=variant.pk),
        follow=True,
    )
    pair = Pair.objects.get()
    assert response.redirect_chain[-1][0] == reverse("pair_detail", args=[pair.pk])
    assert "Пара сформирована; она вступит в силу после приказа директора." in response.content.decode()
    assert (pair.status, pair.kind, pair.variant) == (Pair.Status.DRAFT, Pair.Kind.PAIR, variant)
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.IN_PAIR


def test_it_suggests_today_within_the_programme_and_its_end(client_for, world):
    form = client_for(world.users[Role.CURATOR]).get(reverse("pair_create")).context["form"]
    programme = world.programme
    assert programme.start_date <= form.initial["start_date"] < programme.end_date
    assert form.initial["planned_end_date"] == programme.end_date


def test_it_forms_a_group_with_a_name(client_for, world):
    mentor = teacher_mentor(world, "Белова")
    first, second = student(world, "Орлов"), student(world, "Зайцев")
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("pair_create")).context["form"]
    response = client.post(
        reverse("pair_create"),
        create_data(
            form, kind="group", name="Юные математики", mentor=mentor.pk, mentees=[first.pk, second.pk]
        ),
        follow=True,
    )
    assert "Группа сформирована" in response.content.decode()
    group = Pair.objects.get()
    assert group.kind == Pair.Kind.GROUP and group.name == "Юные математики"
    assert {m.mentee_id for m in group.members.all()} == {first.pk, second.pk}


def test_it_refuses_a_mentee_without_consent_in_russian_and_saves_nothing(client_for, world):
    mentor = teacher_mentor(world, "Белова")
    unsigned = student(world, "Безсогласиев", consent=False)
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("pair_create")).context["form"]
    response = client.post(reverse("pair_create"), create_data(form, mentor=mentor.pk, mentees=[unsigned.pk]))
    assert response.status_code == 200
    assert "нет действующего согласия на обработку персональных данных" in response.content.decode()
    assert not Pair.objects.exists()
    unsigned.refresh_from_db()
    assert unsigned.status == Mentee.Status.WAITING


def test_it_refuses_a_full_mentor_under_the_mentor_field(client_for, world):
    world_pair(world)
    other = student(world, "Орлов")
    client = client_for(world.users[Role.CURATOR])
    page = client.get(reverse("pair_create"))
    assert "Соколова И. В. (Учитель) — свободно 0 из 1" in page.content.decode()
    response = client.post(
        reverse("pair_create"), create_data(page.context["form"], mentor=world.mentor.pk, mentees=[other.pk])
    )
    assert "свободно мест: 0 из 1, а нужно 1" in response.content.decode()
    assert "свободно мест" in " ".join(response.context["form"].errors["mentor"])
    assert Pair.objects.count() == 1


def test_it_forms_one_pair_on_a_double_submit(client_for, world):
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("pair_create")).context["form"]
    data = create_data(form, mentor=world.mentor.pk, mentees=[world.mentee.pk])
    first = client.post(reverse("pair_create"), data)
    second = client.post(reverse("pair_create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Pair.objects.count() == 1


def test_it_shows_a_mentor_only_their_own_pairs(client_for, world):
    own = world_pair(world)
    stranger = make_pair(world.programme, teacher_mentor(world, "Белова"), student(world, "Чужакович"))
    client = client_for(world.users[Role.MENTOR])
    page = client.get(reverse("pair_list")).content.decode()
    assert "Мои пары и группы" in page and "Никитин Артём Ильич" in page
    assert "Чужакович" not in page and "Белова" not in page
    assert client.get(reverse("pair_detail", args=[stranger.pk])).status_code == 404
    detail = client.get(reverse("pair_detail", args=[own.pk])).content.decode()
    assert "Никитин Артём Ильич, 8А" in detail
    assert "нет согласия" not in detail and "согласие" not in detail.lower()


def test_it_hides_representatives_and_consents_from_the_mentor(client_for, world):
    pair = world_pair(world)
    Person.objects.filter(pk=world.mentee_person.pk).update(
        representative_name="Никитина Ольга Сергеевна", representative_phone="+7 900 111-22-33"
    )
    page = client_for(world.users[Role.MENTOR]).get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert "Никитина Ольга" not in page and "111-22-33" not in page


def test_it_shows_a_mentee_the_mentor_contact_and_not_the_other_group_members(client_for, world):
    Person.objects.filter(pk=world.mentor_person.pk).update(
        phone="+7 912 345-67-89", email="sokolova@school7.ru"
    )
    world.mentor.capacity = 2
    world.mentor.save()
    group = make_pair(world.programme, world.mentor, [world.mentee, student(world, "Соседов")], active=True)
    client = client_for(world.users[Role.MENTEE])
    page = client.get(reverse("pair_detail", args=[group.pk])).content.decode()
    assert "Мой наставник" in page and "Соколова Ирина Викторовна" in page
    assert "+7 912 345-67-89" in page and "sokolova@school7.ru" in page
    assert "Учитель – ученик" in page
    assert "Соседов" not in page
    listing = client.get(reverse("pair_list")).content.decode()
    assert "Никитин Артём Ильич" in listing and "Соседов" not in listing


def test_it_answers_404_to_another_school(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users["outsider"])
    assert client.get(reverse("pair_detail", args=[pair.pk])).status_code == 404
    assert "Никитин" not in client.get(reverse("pair_list")).content.decode()


@pytest.fixture
def assorted(world):
    """Pairs of every kind and status in the programme, and one in another school."""
    pair = world_pair(world)
    belova = teacher_mentor(world, "Белова", capacity=5)
    group = make_pair(
        world.programme, belova, [student(world, "Орлов"), student(world, "Зайцев")], name="Клуб"
    )
    colleague = make_person(world.school, kind=Person.Kind.TEACHER, last_name="Молодцова", experience_years=1)
    give_consent(colleague)
    teachers = make_pair(world.programme, belova, make_mentee(world.programme, colleague))
    return {"pair": pair, "group": group, "teachers": teachers}


def listed(client, **params) -> set[int]:
    return {pair.pk for pair in client.get(reverse("pair_list"), params).context["page"]}


def test_it_filters_the_list_by_status_kind_form_mentor_and_name(client_for, world, assorted):
    client = client_for(world.users[Role.DIRECTOR])
    everything = {p.pk for p in assorted.values()}
    assert listed(client) == everything
    assert listed(client, status="active") == {assorted["pair"].pk}
    assert listed(client, kind="group") == {assorted["group"].pk}
    assert listed(client, form=form_of("teacher-teacher").pk) == {assorted["teachers"].pk}
    assert listed(client, mentor=world.mentor.pk) == {assorted["pair"].pk}
    assert listed(client, q="зайцев") == {assorted["group"].pk}
    assert listed(client, q="белова") == {assorted["group"].pk, assorted["teachers"].pk}
    page = client.get(reverse("pair_list")).content.decode()
    assert "Найдено: 3 пары или группы" in page and "Группа «Клуб»" in page
    counts = {value: n for value, _, n in client.get(reverse("pair_list")).context["counts"]}
    assert counts == {"draft": 2, "active": 1, "completed": 0, "terminated": 0}


def test_it_marks_an_open_pair_whose_mentee_lost_consent(client_for, world, assorted):
    client = client_for(world.users[Role.CURATOR])
    assert "нет согласия" not in client.get(reverse("pair_list")).content.decode()
    Consent.objects.filter(person=world.mentee_person).update(withdrawn_on=date(2026, 9, 2))
    rows = {p.pk: p.consent_missing for p in client.get(reverse("pair_list")).context["page"]}
    assert rows[assorted["pair"].pk] and not rows[assorted["group"].pk]
    assert "нет согласия" in client.get(reverse("pair_list")).content.decode()


def test_it_lists_pairs_in_a_bounded_number_of_queries(client_for, world, django_assert_max_num_queries):
    client = client_for(world.users[Role.CURATOR])
    world_pair(world)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("pair_list"))
    for m in range(8):
        mentor = teacher_mentor(world, f"Наставникова{m}", capacity=5)
        make_pair(world.programme, mentor, [student(world, f"Ученик{m}а"), student(world, f"Ученик{m}б")])
        for k in range(3):
            make_pair(world.programme, mentor, student(world, f"Ученик{m}в{k}"), active=k == 0)
    assert Pair.objects.count() > 30
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("pair_list")).content.decode()
    assert "Ученик7в2" in page and "Найдено: 33 пары или группы" in page


def edit_data(pair: Pair, **fields) -> dict:
    data = {
        "version": pair.version,
        "mentor": pair.mentor_id,
        "mentees": [m.mentee_id for m in pair.members.all()],
        "form": pair.form_id,
        "variant": pair.variant_id or "",
        "name": pair.name,
        "start_date": pair.start_date.isoformat(),
        "planned_end_date": pair.planned_end_date.isoformat(),
    }
    data.update(fields)
    return data


def test_it_edits_a_draft_and_records_it_in_the_history(client_for, world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    other = student(world, "Орлов")
    client = client_for(world.users[Role.CURATOR])
    assert client.get(reverse("pair_edit", args=[pair.pk])).context["form"].initial["mentees"] == [
        world.mentee.pk
    ]
    response = client.post(
        reverse("pair_edit", args=[pair.pk]),
        edit_data(pair, mentees=[other.pk], planned_end_date="2027-04-30"),
        follow=True,
    )
    assert "Изменения сохранены." in response.content.decode()
    pair.refresh_from_db()
    assert pair.planned_end_date == date(2027, 4, 30)
    assert [m.mentee_id for m in pair.members.all()] == [other.pk]
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.WAITING
    kinds = [e.kind for e in response.context["events"]]
    assert kinds == [PairEvent.Kind.FORMED, PairEvent.Kind.CHANGED]


def test_it_refuses_a_stale_edit_and_shows_the_other_users_values(client_for, world):
    mentor = teacher_mentor(world, "Белова")
    group = make_pair(
        world.programme, mentor, [student(world, "Орлов"), student(world, "Зайцев")], name="Клуб"
    )
    opened = edit_data(group)
    client = client_for(world.users[Role.CURATOR])
    assert (
        client.post(reverse("pair_edit", args=[group.pk]), {**opened, "name": "Эрудиты"}).status_code == 302
    )
    stale = client.post(reverse("pair_edit", args=[group.pk]), {**opened, "name": "Знатоки"})
    page = stale.content.decode()
    assert "изменил другой пользователь" in page
    assert "Эрудиты" in page and "у вас: Знатоки" in page
    group.refresh_from_db()
    assert group.name == "Эрудиты"


def test_it_sends_changes_of_an_ordered_pair_to_a_new_order(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.CURATOR])
    page = client.get(reverse("pair_edit", args=[pair.pk]))
    assert page.status_code == 200
    assert "изменения вносятся только новым приказом" in page.content.decode()
    client.post(reverse("pair_edit", args=[pair.pk]), edit_data(pair, planned_end_date="2027-04-30"))
    pair.refresh_from_db()
    assert pair.planned_end_date == date(2027, 5, 20)


def test_it_deletes_a_draft_and_the_mentee_waits_again(client_for, world):
    pair = make_pair(world.programme, world.mentor, world.mentee)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(reverse("pair_delete", args=[pair.pk]), follow=True)
    assert "удалён; наставляемые снова ожидают наставника" in response.content.decode()
    assert not Pair.objects.exists()
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.WAITING
    assert world.mentee.get_status_display() == "Ожидает наставника"


def test_it_refuses_to_delete_an_ordered_pair(client_for, world):
    pair = world_pair(world)
    response = client_for(world.users[Role.CURATOR]).post(reverse("pair_delete", args=[pair.pk]), follow=True)
    assert "удалить её нельзя" in response.content.decode()
    assert Pair.objects.filter(pk=pair.pk).exists()


def test_it_completes_a_pair_with_its_results(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.CURATOR])
    assert client.get(reverse("pair_complete", args=[pair.pk])).context["form"].initial["end_date"]
    response = client.post(
        reverse("pair_complete", args=[pair.pk]),
        {"end_date": "2027-05-20", "results": "Итоговая по алгебре — «4»."},
        follow=True,
    )
    text = response.content.decode()
    assert "Пара завершена" in text and "Итоговая по алгебре — «4»." in text
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED and pair.end_date == date(2027, 5, 20)
    world.mentee.refresh_from_db()
    assert world.mentee.get_status_display() == "Завершил программу"
    assert "Итоговая по алгебре" in world.mentee.results
    again = client.get(reverse("pair_complete", args=[pair.pk]))
    assert again.status_code == 200 and not_active(pair) in again.content.decode()


def test_it_asks_for_results_before_completing(client_for, world):
    pair = world_pair(world)
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("pair_complete", args=[pair.pk]), {"end_date": "2027-05-20", "results": ""}
    )
    assert "Опишите результаты работы пары." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE


def test_it_terminates_a_pair_and_keeps_the_reason_in_the_history(client_for, world):
    pair = world_pair(world)
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("pair_terminate", args=[pair.pk]),
        {"end_date": "2026-12-15", "reason": "Наставляемый перешёл в другую школу"},
        follow=True,
    )
    assert "Пара прекращена; наставляемые снова ожидают наставника." in response.content.decode()
    events = list(response.context["events"])
    assert events[-1].kind == PairEvent.Kind.TERMINATED
    assert events[-1].text == "Наставляемый перешёл в другую школу"
    world.mentee.refresh_from_db()
    assert world.mentee.status == Mentee.Status.WAITING
    member = pair.members.get()
    assert member.left_on == date(2026, 12, 15) and not member.is_open


def test_it_refuses_an_end_before_the_start(client_for, world):
    pair = world_pair(world)
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("pair_terminate", args=[pair.pk]), {"end_date": "2026-09-10", "reason": "Ошибка"}
    )
    assert "Дата окончания раньше начала работы пары." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE


def test_it_shows_the_history_and_the_actions_of_an_active_pair(client_for, world):
    pair = world_pair(world)
    page = client_for(world.users[Role.CURATOR]).get(reverse("pair_detail", args=[pair.pk])).content.decode()
    assert (
        page.index("Сформирована")
        < page.index("Закреплена приказом")
        < page.index("Приказ № 1 от 01.10.2026")
    )
    assert "Завершить" in page and "Прекратить досрочно" in page
    assert "Удалить проект" not in page
    director = (
        client_for(world.users[Role.DIRECTOR]).get(reverse("pair_detail", args=[pair.pk])).content.decode()
    )
    assert "Закреплена приказом" in director and "Прекратить досрочно" not in director


def test_it_logs_the_view_of_the_mentees_without_names_in_the_detail(client_for, world):
    world.mentor.capacity = 2
    world.mentor.save()
    other = student(world, "Орлов")
    group = make_pair(world.programme, world.mentor, [world.mentee, other], active=True)
    client_for(world.users[Role.MENTOR]).get(reverse("pair_detail", args=[group.pk]))
    entries = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.VIEW, user=world.users[Role.MENTOR])
    assert {e.person_id for e in entries} == {world.mentee_person.pk, other.person_id}
    assert all(e.detail == f"Страница группы № {group.pk}" for e in entries)


def test_it_keeps_a_replacement_request_out_of_the_mentors_history(client_for, world):
    pair = world_pair(world)
    record_event(
        pair=pair,
        kind=PairEvent.Kind.REPLACEMENT_FILED,
        day=date(2026, 11, 10),
        text="Не сложилось общение",
        member=pair.members.get(),
    )
    url = reverse("pair_detail", args=[pair.pk])
    mentor_page = client_for(world.users[Role.MENTOR]).get(url).content.decode()
    assert "Закреплена приказом" in mentor_page and "Не сложилось общение" not in mentor_page
    curator_page = client_for(world.users[Role.CURATOR]).get(url).content.decode()
    assert "Подано заявление о замене наставника: Никитин Артём Ильич" in curator_page
    assert "Не сложилось общение" in curator_page
