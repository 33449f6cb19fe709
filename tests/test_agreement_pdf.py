"""The agreement between the organisation, the mentor and a mentee, printed as an A4 PDF."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.roles import Role
from pairs.documents.agreement import render_agreement_pdf
from pairs.models import Order
from participants.models import AccessLogEntry, Consent, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_order, make_pair, world_pair
from tests.test_consent_pdf import flat, pdf_text

A4 = (595.3, 841.9)  # points


@pytest.fixture
def school(world):
    world.school.head_name = "Петрова Елена Николаевна"
    world.school.address = "624000, г. Заречный, ул. Школьная, д. 7"
    world.school.save()
    return world.school


def url(member) -> str:
    return reverse("pair_agreement_pdf", kwargs={"member_id": member.pk})


def text_of(pdf: bytes) -> str:
    return flat(pdf_text(pdf))


def page_sizes(pdf: bytes) -> set[tuple[float, float]]:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in pages}


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_it_prints_a_minors_agreement_with_the_representative(client_for, world, school, role):
    world.mentee_person.representative_name = "Никитина Ольга Сергеевна"
    world.mentee_person.representative_relation = "мать"
    world.mentee_person.save()
    member = world_pair(world).members.get()
    response = client_for(world.users[role]).get(url(member))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert page_sizes(response.content) == {A4}
    text = text_of(response.content)
    assert "СОГЛАШЕНИЕ" in text and "о сотрудничестве в рамках программы наставничества" in text
    assert "«Путь к успеху!»" in text and "г. Заречный" in text
    assert "Муниципальное бюджетное учреждение МБОУ СОШ № 7" in text
    assert "директор Петрова Елена Николаевна" in text and "Петрова Е. Н." in text
    assert "Соколова Ирина Викторовна, учитель (далее — Наставник)" in text
    assert "Никитин Артём Ильич, обучающийся 8А класса (далее — Наставляемый)" in text
    assert "Никитина Ольга Сергеевна, мать Наставляемого" in text and "в его интересах" in text
    assert "Законный представитель Наставляемого" in text  # a signature line of their own
    assert "Форма наставничества — «Учитель – ученик»" in text
    assert "с 01.10.2026 по 20.05.2027" in text
    assert "заявлением о замене Наставника" in text  # the mentee's right
    assert "согласий на обработку персональных данных" in text and "от 01.09.2026" in text
    assert "в четырёх экземплярах" in text
    for section in ("1. Предмет соглашения", "2. Наставник", "4. Организация", "6. Персональные данные"):
        assert section in text
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert (entry.user, entry.person) == (world.users[role], world.mentee_person)
    assert "соглашение" in entry.detail and "Никитин" not in entry.detail and "Соколова" not in entry.detail


def test_it_takes_the_representative_from_the_consent_when_the_card_has_none(world, school):
    member = world_pair(world).members.get()
    text = text_of(render_agreement_pdf(member))
    # give_consent signs a student's consent by «Иванова Мария Петровна», the mother.
    assert "Иванова Мария Петровна, мать Наставляемого" in text


def test_it_names_no_representative_for_an_adult_teacher_mentee(world, school):
    young = make_person(
        school,
        kind=Person.Kind.TEACHER,
        last_name="Лебедева",
        first_name="Дарья",
        middle_name="Андреевна",
        position="Учитель английского языка",
        experience_years=1,
    )
    give_consent(young)
    pair = make_pair(
        world.programme,
        world.mentor,
        make_mentee(world.programme, young),
        variant=world.programme.forms.get(code="teacher-teacher").variants.get(name="Новичок – мастер"),
    )
    text = text_of(render_agreement_pdf(pair.members.get()))
    assert "Лебедева Дарья Андреевна, учитель английского языка (далее — Наставляемый)" in text
    assert "«Учитель – учитель», вариант ролевой модели — «Новичок – мастер»" in text
    assert "Законный представитель" not in text and "законного представителя" not in text
    assert "в трёх экземплярах" in text


def test_a_minor_mentor_signs_with_a_representative_too(world, school):
    older = make_person(school, grade=10, class_letter="Б", representative_name="Орлов Пётр Ильич")
    give_consent(older)
    pair = make_pair(world.programme, make_mentor(school, older), world.mentee, form="student-student")
    text = text_of(render_agreement_pdf(pair.members.get()))
    assert "обучающийся 10Б класса (далее — Наставник)" in text
    assert "Законный представитель Наставника" in text and "Орлов Пётр Ильич" in text
    assert "в пяти экземплярах" in text


def test_it_names_the_group_and_the_order_that_fixed_it(world, school):
    world.mentor.capacity = 2
    world.mentor.save()
    second = make_mentee(world.programme, make_person(school))
    give_consent(second.person)
    group = make_pair(world.programme, world.mentor, [world.mentee, second], active=True, name="Алгебраисты")
    make_order(world.programme, number="15-од", pairs=[group], status=Order.Status.REGISTERED)
    text = text_of(render_agreement_pdf(group.members.get(mentee=second)))
    assert "в наставнической группе «Алгебраисты»" in text
    assert "Группа закреплена приказом Организации от 30.09.2026 № 15-од" in text
    assert second.person.full_name in text and "Никитин Артём Ильич" not in text  # one mentee per agreement


@pytest.mark.parametrize("who", ["mentee", "mentor"])
def test_it_refuses_to_print_without_a_valid_consent(client_for, world, school, who):
    member = world_pair(world).members.get()
    person = world.mentee_person if who == "mentee" else world.mentor_person
    Consent.objects.filter(person=person).update(
        withdrawn_on=date(2026, 11, 1), withdrawal_reason="Заявление"
    )
    with pytest.raises(
        ValidationError, match=f"у {'наставляемого' if who == 'mentee' else 'наставника'} нет"
    ):
        render_agreement_pdf(member)
    client = client_for(world.users[Role.CURATOR])
    response = client.get(url(member))
    assert response.status_code == 302
    assert response["Location"] == reverse("pair_detail", kwargs={"pair_id": member.pair_id})
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Соглашение не печатается" in m and "нет действующего согласия" in m for m in shown)
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).exists()


def test_a_mentor_cannot_print_an_agreement(client_for, world, school):
    # It names the legal representative and the consent on file: the curator prints it for signing.
    own = world_pair(world).members.get()
    assert client_for(world.users[Role.MENTOR]).get(url(own)).status_code == 403


def test_another_schools_curator_cannot_print_the_agreement(client_for, world, school):
    world_pair(world)
    other_person = make_person(school, kind=Person.Kind.TEACHER)
    give_consent(other_person)
    mentee = make_mentee(world.programme, make_person(school))
    give_consent(mentee.person)
    foreign = make_pair(world.programme, make_mentor(school, other_person), mentee)
    member = foreign.members.get()
    assert client_for(world.users["outsider"]).get(url(member)).status_code == 404
    assert client_for(world.users[Role.CURATOR]).get(url(member)).status_code == 200
