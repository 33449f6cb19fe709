"""The programme passport as its users see it: the texts, the live KPI table with numerator and
denominator, the curator's edits, the director's approval, the PDF and the .xlsx."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mentoring import services as core
from mentoring.models import Programme
from mentoring.roles import Role
from participants.models import Person
from participants.selectors.consents import today
from roadmap.models import Indicator, Passport
from roadmap.services import passport as services
from tests.conftest import make_user
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair
from tests.test_consent_pdf import flat, pdf_text

STUDENTS = "Доля обучающихся, вовлечённых в наставничество"
YOUNG = "Доля педагогов в возрасте до 35 лет"
EXTRA = "Доля обучающихся, занятых в дополнительном образовании"
PASSPORT = reverse("passport")


def visible(response) -> str:
    """The page's text as a reader sees it: no tags, entities decoded, spaces normalised."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("\u00a0", " ").split())


def kpi_row(response, title: str) -> str:
    """The text of the KPI table's line whose indicator starts with ``title``."""
    page = response.content.decode()
    table = page[page.index('class="table table-sm align-middle mb-0 kpi-table"') :]
    for chunk in table.split("<tr>")[1:]:
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", chunk)).replace("\u00a0", " ").split())
        if title in text:
            return text
    raise AssertionError(f"no KPI line «{title}»")


def kpi_header(response) -> str:
    page = response.content.decode()
    head = page[page.index("kpi-table") :]
    head = head[: head.index("</thead>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", head)).replace("\u00a0", " ").split())


def student(world, **fields) -> Person:
    person = make_person(world.school, **fields)
    give_consent(person)
    return person


def teacher(world, **fields) -> Person:
    person = make_person(world.school, kind=Person.Kind.TEACHER, **fields)
    give_consent(person)
    return person


def pair_of(world, mentor_person: Person, mentee_person: Person):
    """An active pair of the world's programme: a teacher mentoring a student."""
    return make_pair(
        world.programme,
        make_mentor(world.school, mentor_person),
        make_mentee(world.programme, mentee_person),
        active=True,
    )


def young_birth_date(age: int = 28) -> date:
    day = today()
    return day.replace(year=day.year - age)


def indicator_data(indicator: Indicator | None = None, **changes) -> dict:
    data = {
        "project": indicator.project if indicator else "",
        "title": indicator.title if indicator else "",
        "measure": indicator.measure if indicator else "",
        "unit": indicator.unit if indicator else "%",
        "manual_value": "",
        "manual_note": "",
        "extra_year": "",
        "extra_value": "",
        "version": indicator.version if indicator else "",
    }
    if indicator is not None:
        for target in indicator.targets.all():
            data[f"target_{target.year}"] = str(target.value)
    data.update(changes)
    return data


def passport_data(passport: Passport, **changes) -> dict:
    data = {name: getattr(passport, name) for name in services.PASSPORT_FIELDS}
    data["version"] = passport.version
    data.update(changes)
    return data


def first_indicator(world) -> Indicator:
    return world.programme.indicators.order_by("position").first()


def edit_url(indicator: Indicator) -> str:
    return reverse("indicator_edit", kwargs={"indicator_id": indicator.pk})


# --- the live KPI table -----------------------------------------------------------------------------


def test_it_shows_the_students_involved_with_numerator_and_denominator(world, client_for):
    for _ in range(3):
        student(world)  # not in any pair: they count in the denominator only
    world_pair(world)
    client = client_for(world.users[Role.CURATOR])

    row = kpi_row(client.get(PASSPORT), STUDENTS)
    assert "25 %" in row and "1 из 4" in row
    assert "вручную" not in row

    pair_of(world, teacher(world), student(world))
    row = kpi_row(client.get(PASSPORT), STUDENTS)
    assert "40 %" in row and "2 из 5" in row


def test_it_counts_a_young_teacher_who_mentors_in_the_second_kpi(world, client_for):
    mentor = teacher(world, birth_date=young_birth_date(28), experience_years=2)
    teacher(world, birth_date=young_birth_date(30), experience_years=1)  # young, not involved
    teacher(world, birth_date=young_birth_date(29), experience_years=7)  # past the first three years
    pair_of(world, mentor, student(world))

    row = kpi_row(client_for(world.users[Role.DIRECTOR]).get(PASSPORT), YOUNG)
    assert "1 из 2" in row and "50 %" in row


def test_it_counts_students_in_additional_education_in_the_third_kpi(world, client_for):
    pair_of(world, teacher(world), student(world, in_additional_education=True))
    student(world, in_additional_education=True)
    student(world, in_additional_education=True)
    world_pair(world)  # the world's mentee attends no clubs: not in this KPI

    row = kpi_row(client_for(world.users[Role.CURATOR]).get(PASSPORT), EXTRA)
    assert "1 из 3" in row and "33,3 %" in row


def test_it_marks_met_and_not_met_against_this_years_target(world, client_for):
    world_pair(world)  # 1 of 1 student: 100 % against 35 %
    response = client_for(world.users[Role.CURATOR]).get(PASSPORT)
    assert "достигнуто" in kpi_row(response, STUDENTS)
    assert "цель на 2027 г.: 35 %" in kpi_row(response, STUDENTS)
    for _ in range(3):
        student(world)
    row = kpi_row(client_for(world.users[Role.CURATOR]).get(PASSPORT), STUDENTS)
    assert "25 %" in row and "не достигнуто" in row


def test_it_shows_the_passport_fields_and_the_programmes_data(world, client_for):
    world.programme.goal = "Раскрыть потенциал каждого наставляемого"
    world.programme.save()
    text = visible(client_for(world.users[Role.DIRECTOR]).get(PASSPORT))
    assert "Паспорт программы наставничества" in text
    assert "Путь к успеху!" in text
    assert world.school.name in text
    assert "01.09.2026 – 31.05.2027" in text
    assert "Раскрыть потенциал каждого наставляемого" in text
    assert "Распоряжение Министерства просвещения" in text  # the standard legal basis
    for label in ("Целевая аудитория", "Задачи программы", "Ожидаемые результаты", "Партнёры"):
        assert label in text
    assert "Паспорт не утверждён" in text


def test_the_page_takes_the_same_queries_for_few_or_many_people(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    counts = []
    for size in (2, 9):
        while Person.objects.filter(organisation=world.school, kind=Person.Kind.STUDENT).count() < size * 3:
            student(world, in_additional_education=True)
        while world.programme.pairs.count() < size:
            pair_of(world, teacher(world, birth_date=young_birth_date(), experience_years=1), student(world))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PASSPORT)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20


# --- editing the indicators -------------------------------------------------------------------------


def test_it_shows_a_manual_indicator_with_its_value_and_mark(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("indicator_create"),
        indicator_data(
            title="Доля наставников, прошедших обучение",
            manual_value="75,5",
            manual_note="по журналу курса «Школа наставника»",
            target_2027="80",
        ),
    )
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "Показатель «Доля наставников, прошедших обучение» добавлен" in visible(response)
    row = kpi_row(response, "Доля наставников, прошедших обучение")
    assert "вручную" in row and "75,5 %" in row and "по журналу курса" in row
    assert " из " not in row
    assert kpi_row(response, "Доля наставников").startswith("4 ")


def test_editing_targets_for_three_years_shows_them_as_columns(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    indicator = first_indicator(world)
    response = client.post(
        edit_url(indicator),
        indicator_data(
            indicator,
            target_2027="40",
            target_2028="55",
            target_2029="75",
            extra_year="2030",
            extra_value="90",
        ),
    )
    assert response.status_code == 302
    response = client.get(PASSPORT)
    assert "2027 г. 2028 г. 2029 г. 2030 г." in kpi_header(response)
    assert "40 % 55 % 75 % 90 %" in kpi_row(response, STUDENTS)
    # The other lines have no target for 2030: a dash in that column.
    assert "50 % 60 % 70 % —" in kpi_row(response, YOUNG)


def test_clearing_a_target_removes_it(world, client_for):
    indicator = first_indicator(world)
    client_for(world.users[Role.CURATOR]).post(edit_url(indicator), indicator_data(indicator, target_2029=""))
    assert dict(indicator.targets.values_list("year", "value")) == {2027: Decimal(35), 2028: Decimal(50)}


def test_a_double_submit_of_a_new_indicator_creates_one(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    form = client.get(reverse("indicator_create")).context["form"]
    token = form.initial["submit_token"]
    data = indicator_data(
        title="Число проведённых встреч пар", unit="шт.", manual_value="40", submit_token=token
    )
    first = client.post(reverse("indicator_create"), data)
    second = client.post(reverse("indicator_create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert world.programme.indicators.filter(title="Число проведённых встреч пар").count() == 1


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": ""}, "Напишите, что показывает показатель."),
        ({"manual_value": "150"}, "доля в процентах — от 0 до 100"),
        ({"manual_value": "много"}, "Введите число, например 35 или 12,5."),
        ({"manual_value": "-3"}, "Значение не может быть отрицательным."),
        ({"target_2027": "120"}, "Цель на 2027 г.: доля в процентах — от 0 до 100."),
        (
            {"extra_year": "1990", "extra_value": "50"},
            "1990 г.: целевые значения этой программы ставят на годы",
        ),
        ({"extra_year": "2031"}, "Укажите и год, и целевое значение на него."),
        ({"measure": "students_involved", "unit": "чел."}, "выражается в процентах"),
    ],
)
def test_it_explains_a_wrong_indicator_in_russian(world, client_for, changes, error):
    client = client_for(world.users[Role.CURATOR])
    data = indicator_data(**{"title": "Доля наставников, прошедших обучение", **changes})
    response = client.post(reverse("indicator_create"), data)
    assert response.status_code == 200
    assert error in visible(response)
    assert not world.programme.indicators.filter(title="Доля наставников, прошедших обучение").exists()


def test_a_manual_value_of_a_counted_indicator_may_exceed_100(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    response = client.post(
        reverse("indicator_create"),
        indicator_data(title="Число участников конкурса «Лучший наставник»", unit="чел.", manual_value="120"),
    )
    assert response.status_code == 302
    assert "120 чел." in kpi_row(client.get(PASSPORT), "Число участников конкурса")


def test_it_warns_of_a_stale_indicator_edit(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    indicator = first_indicator(world)
    opened = indicator_data(indicator, title="Доля вовлечённых обучающихся — моя правка")
    services.update_indicator(  # a colleague saves first
        indicator=indicator,
        version=indicator.version,
        title="Доля вовлечённых обучающихся — правка коллеги",
        project=indicator.project,
        measure=indicator.measure,
        unit="%",
        manual_value=None,
        manual_note="",
        targets={2027: 40},
    )
    response = client.post(edit_url(indicator), opened)
    text = visible(response)
    assert "запись изменил другой пользователь" in text
    assert "правка коллеги" in text and "2027 г. — 40 %" in text
    indicator.refresh_from_db()
    assert indicator.title == "Доля вовлечённых обучающихся — правка коллеги"


def test_it_deletes_and_moves_indicators(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    first, second, third = world.programme.indicators.order_by("position")
    client.post(reverse("indicator_move", kwargs={"indicator_id": third.pk}), {"direction": "up"})
    assert list(world.programme.indicators.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    response = client.post(
        reverse("indicator_delete", kwargs={"indicator_id": first.pk}),
        {"version": first.version},
        follow=True,
    )
    assert f"Показатель «{first.title}» удалён из паспорта." in visible(response)
    assert list(world.programme.indicators.order_by("position").values_list("position", "pk")) == [
        (1, third.pk),
        (2, second.pk),
    ]


def test_a_stale_delete_is_refused(world, client_for):
    indicator = first_indicator(world)
    response = client_for(world.users[Role.CURATOR]).post(
        reverse("indicator_delete", kwargs={"indicator_id": indicator.pk}), {"version": indicator.version + 1}
    )
    assert response.status_code == 302
    assert Indicator.objects.filter(pk=indicator.pk).exists()


# --- the passport's texts and approval --------------------------------------------------------------


def test_the_curator_edits_the_passport_texts(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    passport = world.programme.passport
    response = client.post(
        reverse("passport_edit"),
        passport_data(
            passport,
            curators="Кузнецова О. Н., заместитель директора по УВР",
            target_audience="Обучающиеся 5–9 классов и молодые педагоги",
            partners="Районный дом детского творчества",
        ),
        follow=True,
    )
    text = visible(response)
    assert "Паспорт программы сохранён." in text
    assert "Кузнецова О. Н., заместитель директора по УВР" in text
    assert "Обучающиеся 5–9 классов и молодые педагоги" in text
    assert "Районный дом детского творчества" in text


def test_the_director_approves_and_an_edit_clears_it(world, client_for):
    passport = world.programme.passport
    director = client_for(world.users[Role.DIRECTOR])
    page = director.get(PASSPORT)
    assert "Утвердить паспорт" in visible(page)
    response = director.post(reverse("passport_approve"), {"version": passport.version}, follow=True)
    text = visible(response)
    assert "Паспорт программы утверждён." in text
    assert f"Утверждён {today():%d.%m.%Y}, Тестова Анна Петровна" in text
    passport.refresh_from_db()
    assert passport.approved_by == world.users[Role.DIRECTOR] and passport.approved_on == today()

    curator = client_for(world.users[Role.CURATOR])
    assert "утверждение снимется" in visible(curator.get(reverse("passport_edit")))
    response = curator.post(
        reverse("passport_edit"), passport_data(passport, tasks="Новые задачи программы"), follow=True
    )
    text = visible(response)
    assert "утверждение снято, директору нужно утвердить его заново" in text
    assert "Паспорт не утверждён" in text and "Утверждён " not in text
    passport.refresh_from_db()
    assert passport.approved_on is None and passport.approved_by is None


def test_changing_a_target_after_approval_clears_it_but_a_manual_fact_does_not(world, client_for):
    director = world.users[Role.DIRECTOR]
    manual = services.create_indicator(
        programme=world.programme, title="Доля наставников, прошедших обучение", manual_value=50
    )
    passport = Passport.objects.get(programme=world.programme)
    services.approve_passport(passport=passport, version=passport.version, user=director)
    client = client_for(world.users[Role.CURATOR])

    manual.refresh_from_db()
    response = client.post(edit_url(manual), indicator_data(manual, manual_value="60"), follow=True)
    assert "утверждение снято" not in visible(response)
    assert Passport.objects.get(pk=passport.pk).approved_on == today()

    indicator = first_indicator(world)
    response = client.post(edit_url(indicator), indicator_data(indicator, target_2027="45"), follow=True)
    assert "утверждение снято" in visible(response)
    assert Passport.objects.get(pk=passport.pk).approved_on is None


def test_an_approval_of_a_changed_passport_is_refused(world, client_for):
    passport = world.programme.passport
    seen = passport.version
    services.update_passport(passport=passport, version=seen, tasks="Задачи изменены куратором")
    response = client_for(world.users[Role.DIRECTOR]).post(
        reverse("passport_approve"), {"version": seen}, follow=True
    )
    assert "Пока вы читали паспорт, его изменили" in visible(response)
    assert Passport.objects.get(pk=passport.pk).approved_on is None


def test_it_warns_of_a_stale_passport_edit(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    passport = world.programme.passport
    opened = passport_data(passport, partners="Мои партнёры")
    services.update_passport(passport=passport, version=passport.version, partners="Партнёры коллеги")
    response = client.post(reverse("passport_edit"), opened)
    text = visible(response)
    assert response.status_code == 200
    assert "запись изменил другой пользователь" in text
    assert "Партнёры: Партнёры коллеги (у вас: Мои партнёры)" in text
    assert Passport.objects.get(pk=passport.pk).partners == "Партнёры коллеги"


def test_a_completed_programme_is_read_only(world, client_for):
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    world.programme.refresh_from_db()
    passport = world.programme.passport
    with pytest.raises(ValidationError, match=WORLD_READ_ONLY):
        services.update_passport(passport=passport, version=passport.version, tasks="Поздно")
    with pytest.raises(ValidationError, match=WORLD_READ_ONLY):
        services.create_indicator(programme=world.programme, title="Поздно")
    with pytest.raises(ValidationError, match=WORLD_READ_ONLY):
        services.approve_passport(
            passport=passport, version=passport.version, user=world.users[Role.DIRECTOR]
        )
    text = visible(client_for(world.users[Role.CURATOR]).get(PASSPORT))
    assert WORLD_READ_ONLY in text and "Изменить паспорт" not in text


def test_only_a_director_of_the_school_approves(world):
    passport = world.programme.passport
    with pytest.raises(ValidationError, match="только директор"):
        services.approve_passport(passport=passport, version=passport.version, user=world.users[Role.CURATOR])


# --- who may see what -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.MUNICIPAL])
def test_participants_may_not_open_the_passport(world, client_for, role):
    client = client_for(world.users[role])
    for name in ("passport", "passport_edit", "passport_pdf", "passport_xlsx", "indicator_create"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(edit_url(first_indicator(world))).status_code == 403


def test_the_director_reads_but_does_not_edit(world, client_for):
    client = client_for(world.users[Role.DIRECTOR])
    assert client.get(PASSPORT).status_code == 200
    assert "Изменить паспорт" not in visible(client.get(PASSPORT))
    assert client.get(reverse("passport_edit")).status_code == 403
    assert client.get(edit_url(first_indicator(world))).status_code == 403


def test_another_organisations_indicator_is_not_found(world, client_for):
    other = make_user("curator12", last_name="Чужая")
    core.grant_role(user=other, role=Role.CURATOR, organisation=world.other_school)
    client = client_for(other)
    indicator = first_indicator(world)
    assert client.get(edit_url(indicator)).status_code == 404
    assert client.post(reverse("indicator_delete", kwargs={"indicator_id": indicator.pk})).status_code == 404
    assert client.get(PASSPORT + f"?programme={world.programme.pk}").status_code == 404
    assert Indicator.objects.filter(pk=indicator.pk).exists()


# --- print and export -------------------------------------------------------------------------------


def test_the_pdf_has_the_programme_and_the_kpis(world, client_for):
    world_pair(world)
    passport = world.programme.passport
    services.approve_passport(passport=passport, version=passport.version, user=world.users[Role.DIRECTOR])
    response = client_for(world.users[Role.CURATOR]).get(reverse("passport_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    assert "Паспорт программы наставничества".upper() in text.upper()
    assert "Путь к успеху!" in text
    assert "УТВЕРЖДАЮ" in text and "Тестова А. П." in text and f"{today():%d.%m.%Y}" in text
    for title in (STUDENTS, YOUNG, EXTRA):
        assert title in text
    assert "1 из 1" in text


def test_the_xlsx_has_russian_headers_and_the_kpi_values(world, client_for):
    world_pair(world)
    response = client_for(world.users[Role.DIRECTOR]).get(reverse("passport_xlsx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    passport, kpis = book["Паспорт"], book["Показатели"]
    assert [c.value for c in passport[1]] == ["Параметр", "Описание"]
    assert [c.value for c in passport["A"]][1:3] == ["Наименование программы", "Образовательная организация"]
    headers = [c.value for c in kpis[1]]
    assert headers[:8] == [
        "№",
        "Проект",
        "Показатель",
        "Единица",
        "Как считается",
        "Цель на 2027 г.",
        "Цель на 2028 г.",
        "Цель на 2029 г.",
    ]
    assert {"Факт", "Числитель", "Знаменатель", "Выполнение"} <= set(headers)
    first = dict(zip(headers, [c.value for c in kpis[2]], strict=True))
    assert first["Показатель"].startswith(STUDENTS)
    assert first["Цель на 2027 г."] == 35 and first["Факт"] == 100
    assert (first["Числитель"], first["Знаменатель"]) == (1, 1)


def test_the_demo_passport_is_filled_and_approved(world):
    from roadmap.demo_passport import MANUAL_TITLE, load_passport

    load_passport(
        programme=world.programme,
        curator=world.users[Role.CURATOR],
        director=world.users[Role.DIRECTOR],
        today=date(2026, 10, 5),
    )
    passport = Passport.objects.get(programme=world.programme)
    assert passport.approved_on == date(2026, 10, 5) and passport.approved_by == world.users[Role.DIRECTOR]
    assert passport.target_audience and passport.tasks and passport.expected_results and passport.partners
    indicators = list(world.programme.indicators.order_by("position"))
    assert [i.is_computed for i in indicators] == [True, True, True, False]
    assert indicators[3].title == MANUAL_TITLE and indicators[3].manual_note
    assert all(i.targets.count() == 3 for i in indicators)


def test_a_table_of_many_years_gets_a_landscape_page(world, client_for):
    client = client_for(world.users[Role.CURATOR])
    portrait = pypdf.PdfReader(io.BytesIO(client.get(reverse("passport_pdf")).content)).pages
    assert all(page.mediabox.width < page.mediabox.height for page in portrait)
    indicator = first_indicator(world)
    for year in (2030, 2031):
        indicator = Indicator.objects.get(pk=indicator.pk)
        client.post(edit_url(indicator), indicator_data(indicator, extra_year=str(year), extra_value="80"))
    pages = pypdf.PdfReader(io.BytesIO(client.get(reverse("passport_pdf")).content)).pages
    assert pages[0].mediabox.width < pages[0].mediabox.height
    assert pages[-1].mediabox.width > pages[-1].mediabox.height
    assert "2031 г." in flat(pdf_text(client.get(reverse("passport_pdf")).content))
