"""The curator's questionnaire builder and the characteristics page: what the curator sees and changes,
what the director only reads, and how an answered questionnaire turns into a new revision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.models import Programme
from mentoring.roles import Role
from monitoring.models import Answer, Characteristic, Question, Questionnaire, Stage
from monitoring.services import questionnaires as services
from tests.factories import WORLD_READ_ONLY
from tests.monitoring_factories import answer, launch, own_invitation, questionnaire_of
from tests.pair_factories import world_pair


def detail(questionnaire: Questionnaire) -> str:
    return reverse("questionnaire_detail", kwargs={"questionnaire_id": questionnaire.pk})


def texts(questionnaire: Questionnaire) -> list[str]:
    return list(questionnaire.questions.order_by("position", "pk").values_list("text", flat=True))


def page_of(response) -> str:
    return response.content.decode()


def shown_in_order(page: str, *fragments: str) -> bool:
    places = [page.find(fragment) for fragment in fragments]
    return all(place >= 0 for place in places) and places == sorted(places)


def curator_sheet(world) -> Questionnaire:
    return questionnaire_of(world.programme, "process-curator")


def frozen_curator_sheet(world) -> Questionnaire:
    """The curator's questionnaire with the curator's own answer in it."""
    answer(own_invitation(world, Role.CURATOR))
    return curator_sheet(world)


def question_post(version: int, **values) -> dict:
    data = {
        "kind": "rating",
        "text": "",
        "help_text": "",
        "required": "on",
        "choices": "",
        "min_value": "",
        "max_value": "",
        "section": "",
        "report_role": "",
        "version": str(version),
    }
    data.update(values)
    return data


@pytest.fixture
def curator(world, client_for):
    return client_for(world.users[Role.CURATOR])


# --- the list ---------------------------------------------------------------------------------------


def test_it_lists_the_current_questionnaires_by_stage(world, curator):
    page = page_of(curator.get(reverse("questionnaire_list")))
    assert shown_in_order(
        page,
        "Этап 1: качество процесса",
        curator_sheet(world).title,
        "Этап 2: влияние на участников",
        questionnaire_of(world.programme, "impact-student").title,
    )
    assert "анонимная" in page  # the mentees' stage 1 questionnaires are anonymous
    assert "Новая анкета" in page
    assert "Куратор" in page and "Наставляемый" in page


def test_it_shows_only_the_current_revision_in_the_list(world, curator):
    sheet = frozen_curator_sheet(world)
    services.update_questionnaire(
        questionnaire=sheet, version=sheet.version, forms=sheet.forms.all(), title="Анкета куратора, вторая"
    )
    page = page_of(curator.get(reverse("questionnaire_list")))
    assert "Анкета куратора, вторая" in page
    assert f">{sheet.title}</a>" not in page


@pytest.mark.parametrize("size", [3, 12])
def test_it_lists_questionnaires_in_a_bounded_number_of_queries(
    world, curator, django_assert_max_num_queries, size
):
    forms = world.programme.forms.all()
    for number in range(size):
        made = services.create_questionnaire(
            programme=world.programme,
            title=f"Дополнительная анкета {number}",
            stage=Stage.PROCESS,
            respondent="mentor",
            forms=forms,
        )
        services.add_question(questionnaire=made, version=made.version, kind="text", text="Что получилось?")
    with django_assert_max_num_queries(11):
        response = curator.get(reverse("questionnaire_list"))
    assert page_of(response).count("Дополнительная анкета") == size


# --- creating and reading ---------------------------------------------------------------------------


def test_it_creates_a_questionnaire_once_for_a_double_submit(world, curator):
    form = curator.get(reverse("questionnaire_create")).context["form"]
    data = {
        "title": "Анкета о наставническом дне",
        "stage": "1",
        "respondent": "mentor",
        "audience": "",
        "forms": [f.pk for f in world.programme.forms.all()],
        "description": "Пара минут после дня наставника.",
        "submit_token": form.initial["submit_token"],
    }
    first = curator.post(reverse("questionnaire_create"), data)
    second = curator.post(reverse("questionnaire_create"), data)
    made = Questionnaire.objects.get(title="Анкета о наставническом дне")
    assert first["Location"] == second["Location"] == detail(made)
    page = page_of(curator.get(detail(made)))
    assert "В анкете пока нет вопросов" in page and "Новый вопрос" in page


def test_it_refuses_an_anonymous_stage_two_questionnaire_in_russian(world, curator):
    response = curator.post(
        reverse("questionnaire_create"),
        {
            "title": "Анонимная диагностика",
            "stage": "2",
            "respondent": "mentee",
            "forms": [f.pk for f in world.programme.forms.all()],
            "is_anonymous": "on",
        },
    )
    assert response.status_code == 200
    assert "не может быть анонимной" in page_of(response)
    assert not Questionnaire.objects.filter(title="Анонимная диагностика").exists()


def test_it_shows_the_questions_in_the_respondents_order_with_their_options(world, curator):
    sheet = questionnaire_of(world.programme, "process-mentee-teacher-student")
    page = page_of(curator.get(detail(sheet)))
    questions = list(sheet.questions.order_by("position", "pk"))
    assert shown_in_order(page, *[q.text for q in questions[:5]])
    choice = next(q for q in questions if q.kind == Question.Kind.SINGLE)
    assert all(option in page for option in choice.choices)
    assert "Один вариант из списка" in page and "обязательный вопрос" in page
    assert sheet.sections.first().title in page


# --- questions --------------------------------------------------------------------------------------


def test_it_adds_a_question_at_the_end_of_the_page(world, curator):
    sheet = curator_sheet(world)
    response = curator.post(
        reverse("question_add", kwargs={"questionnaire_id": sheet.pk}),
        question_post(
            sheet.version,
            kind="single",
            text="Какой формат встреч удобнее?",
            choices="Очно\nОнлайн\n\nПо-разному",
            section=str(sheet.sections.first().pk),
        ),
        follow=True,
    )
    page = page_of(response)
    assert "Вопрос добавлен в конец анкеты." in page
    assert shown_in_order(page, texts(sheet)[0], "Какой формат встреч удобнее?", "Онлайн", "По-разному")
    assert texts(sheet)[-1] == "Какой формат встреч удобнее?"
    assert sheet.questions.get(text="Какой формат встреч удобнее?").choices == [
        "Очно",
        "Онлайн",
        "По-разному",
    ]


def test_it_asks_for_at_least_two_options_in_russian(world, curator):
    sheet = curator_sheet(world)
    before = texts(sheet)
    response = curator.post(
        reverse("question_add", kwargs={"questionnaire_id": sheet.pk}),
        question_post(sheet.version, kind="multiple", text="Что было полезно?", choices="Только одно"),
    )
    assert response.status_code == 200
    assert "Для вопроса с выбором нужно не меньше двух вариантов ответа." in page_of(response)
    assert texts(sheet) == before


def test_it_moves_a_question_down_and_back_up(world, curator):
    sheet = curator_sheet(world)
    first, second = texts(sheet)[:2]
    question = sheet.questions.get(text=first)
    move = reverse("question_move", kwargs={"question_id": question.pk})
    page = page_of(curator.post(move, {"direction": "down", "version": sheet.version}, follow=True))
    assert "Порядок вопросов изменён." in page
    assert texts(sheet)[:2] == [second, first]
    assert shown_in_order(page, f"1. {second}", f"2. {first}")
    sheet.refresh_from_db()
    curator.post(move, {"direction": "up", "version": sheet.version})
    assert texts(sheet)[:2] == [first, second]


def test_it_edits_and_deletes_a_question(world, curator):
    sheet = curator_sheet(world)
    question = sheet.questions.order_by("position").first()
    edit = reverse("question_edit", kwargs={"question_id": question.pk})
    form = curator.get(edit).context["form"]
    data = {**form.initial, "text": "Насколько вам понятна роль куратора?", "required": ""}
    data["section"] = data["section"] or ""
    page = page_of(curator.post(edit, {k: v for k, v in data.items() if v is not None}, follow=True))
    assert "Вопрос сохранён." in page and "Насколько вам понятна роль куратора?" in page
    question.refresh_from_db()
    assert question.text == "Насколько вам понятна роль куратора?" and not question.required
    sheet.refresh_from_db()
    delete = reverse("question_delete", kwargs={"question_id": question.pk})
    page = page_of(curator.post(delete, {"version": sheet.version}, follow=True))
    assert "удалён" in page
    assert "Насколько вам понятна роль куратора?" not in texts(sheet)


def test_it_saves_an_answered_questionnaire_as_revision_two(world, curator):
    sheet = frozen_curator_sheet(world)
    assert "заморожена: есть ответы" in page_of(curator.get(detail(sheet)))
    question = sheet.questions.order_by("position").first()
    old_text = question.text
    response = curator.post(
        reverse("question_edit", kwargs={"question_id": question.pk}),
        question_post(sheet.version, kind=question.kind, text="Новая формулировка вопроса"),
        follow=True,
    )
    new = curator_sheet(world)
    assert new.pk != sheet.pk and new.revision == 2
    assert response.redirect_chain[-1][0] == detail(new)
    page = page_of(response)
    assert "сохранены в новой редакции 2" in page and "прежние ответы остались при прежних вопросах" in page
    assert "Новая формулировка вопроса" in page
    assert "Редакция 1" in page  # the earlier revision is listed
    question.refresh_from_db()
    assert question.text == old_text and question.questionnaire_id == sheet.pk
    assert Answer.objects.filter(question=question).exists()
    old_page = page_of(curator.get(detail(sheet)))
    assert "Это прежняя редакция анкеты" in old_page and detail(new) in old_page
    assert reverse("question_edit", kwargs={"question_id": question.pk}) not in old_page


def test_it_warns_about_a_stale_page_and_keeps_the_other_edit(world, curator):
    sheet = curator_sheet(world)
    question = sheet.questions.order_by("position").first()
    opened_with = sheet.version
    services.update_question(question=question, version=sheet.version, text="Правка коллеги")
    response = curator.post(
        reverse("question_edit", kwargs={"question_id": question.pk}),
        question_post(opened_with, kind=question.kind, text="Моя правка"),
    )
    page = page_of(response)
    assert response.status_code == 200
    assert "Пока вы редактировали" in page
    question.refresh_from_db()
    assert question.text == "Правка коллеги"
    # A one-button edit from the stale page is refused too, with the same warning.
    move = reverse("question_move", kwargs={"question_id": question.pk})
    page = page_of(curator.post(move, {"direction": "down", "version": opened_with}, follow=True))
    assert "изменил другой пользователь" in page
    assert texts(sheet)[0] == "Правка коллеги"


def test_it_lets_only_the_text_of_a_characteristic_question_change(world, curator):
    sheet = questionnaire_of(world.programme, "impact-student")
    question = sheet.questions.filter(characteristic__isnull=False).order_by("position").first()
    page = page_of(curator.get(detail(sheet)))
    assert f"измеряет «{question.characteristic.name}»" in page
    assert reverse("question_delete", kwargs={"question_id": question.pk}) not in page
    edit = reverse("question_edit", kwargs={"question_id": question.pk})
    form = curator.get(edit).context["form"]
    assert set(form.fields) == {"text", "help_text", "version"}
    curator.post(
        edit, {"text": "Насколько тебе интересно на уроках?", "help_text": "", "version": sheet.version}
    )
    question.refresh_from_db()
    assert question.text == "Насколько тебе интересно на уроках?" and question.kind == "rating"
    sheet.refresh_from_db()
    response = curator.post(
        reverse("question_delete", kwargs={"question_id": question.pk}),
        {"version": sheet.version},
        follow=True,
    )
    assert "убирается на странице «Измеряемые характеристики»" in page_of(response)
    assert Question.objects.filter(pk=question.pk).exists()


# --- sections and metadata --------------------------------------------------------------------------


def test_it_adds_renames_and_deletes_a_section(world, curator):
    sheet = curator_sheet(world)
    add = reverse("section_add", kwargs={"questionnaire_id": sheet.pk})
    page = page_of(curator.post(add, {"title": "Итоги года", "version": sheet.version}, follow=True))
    assert "Раздел добавлен." in page and 'value="Итоги года"' in page
    section = sheet.sections.get(title="Итоги года")
    sheet.refresh_from_db()
    rename = reverse("section_rename", kwargs={"section_id": section.pk})
    curator.post(rename, {"title": "Итоги учебного года", "version": sheet.version})
    section.refresh_from_db()
    assert section.title == "Итоги учебного года"
    sheet.refresh_from_db()
    first = sheet.sections.order_by("position").first()
    kept = list(first.questions.values_list("pk", flat=True))
    page = page_of(
        curator.post(
            reverse("section_delete", kwargs={"section_id": first.pk}),
            {"version": sheet.version},
            follow=True,
        )
    )
    assert "его вопросы остались" in page
    assert sheet.questions.filter(pk__in=kept, section=None).count() == len(kept)


def test_it_edits_the_title_and_forms(world, curator):
    sheet = curator_sheet(world)
    edit = reverse("questionnaire_edit", kwargs={"questionnaire_id": sheet.pk})
    form = curator.get(edit).context["form"]
    one = world.programme.forms.order_by("order").first()
    data = {**form.initial, "title": "Анкета куратора программы", "forms": [one.pk]}
    page = page_of(curator.post(edit, data, follow=True))
    assert "Анкета сохранена." in page and "Анкета куратора программы" in page
    sheet.refresh_from_db()
    assert list(sheet.forms.all()) == [one]


def test_it_explains_an_empty_post_instead_of_failing(world, curator):
    sheet = curator_sheet(world)
    response = curator.post(reverse("section_add", kwargs={"questionnaire_id": sheet.pk}), follow=True)
    assert "Напишите название раздела." in page_of(response)
    question = sheet.questions.first()
    response = curator.post(reverse("question_move", kwargs={"question_id": question.pk}), follow=True)
    assert "выше или ниже" in page_of(response)


def test_it_refuses_changes_once_the_programme_is_completed(world, curator):
    sheet = curator_sheet(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    page = page_of(curator.get(detail(sheet)))
    assert WORLD_READ_ONLY in page and "Новый вопрос" not in page
    response = curator.post(
        reverse("section_add", kwargs={"questionnaire_id": sheet.pk}),
        {"title": "Поздний раздел", "version": sheet.version},
        follow=True,
    )
    assert WORLD_READ_ONLY in page_of(response)
    assert not sheet.sections.filter(title="Поздний раздел").exists()


# --- who may do what --------------------------------------------------------------------------------


def test_it_shows_the_director_no_controls_and_refuses_his_edits(world, client_for):
    director = client_for(world.users[Role.DIRECTOR])
    sheet = curator_sheet(world)
    page = page_of(director.get(detail(sheet)))
    assert sheet.title in page
    for control in ("Новый вопрос", "Добавить раздел", "Изменить название", "Переименовать"):
        assert control not in page
    assert reverse("question_move", kwargs={"question_id": sheet.questions.first().pk}) not in page
    assert "Новая анкета" not in page_of(director.get(reverse("questionnaire_list")))
    characteristics = page_of(director.get(reverse("characteristic_list")))
    assert "Сохранить список" not in characteristics and "disabled" in characteristics
    response = director.post(
        reverse("section_add", kwargs={"questionnaire_id": sheet.pk}), {"title": "Раздел директора"}
    )
    assert response.status_code == 403
    assert (
        director.get(reverse("questionnaire_edit", kwargs={"questionnaire_id": sheet.pk})).status_code == 403
    )
    assert not sheet.sections.filter(title="Раздел директора").exists()


def test_it_hides_another_schools_questionnaire(world, client_for):
    outsider = client_for(world.users["outsider"])
    sheet = curator_sheet(world)
    question = sheet.questions.first()
    assert outsider.get(detail(sheet)).status_code == 404
    assert outsider.get(reverse("question_edit", kwargs={"question_id": question.pk})).status_code == 404
    response = outsider.post(
        reverse("section_rename", kwargs={"section_id": sheet.sections.first().pk}), {"title": "Чужой"}
    )
    assert response.status_code == 404
    assert f">{sheet.title}<" in page_of(outsider.get(reverse("questionnaire_list")))  # their own copy
    other = questionnaire_of(world.other_programme, "process-curator")
    assert detail(other) in page_of(outsider.get(reverse("questionnaire_list")))
    assert detail(sheet) not in page_of(outsider.get(reverse("questionnaire_list")))


# --- characteristics --------------------------------------------------------------------------------


def test_it_lists_characteristics_by_audience(world, curator):
    page = page_of(curator.get(reverse("characteristic_list")))
    anxiety = world.programme.characteristics.get(code="anxiety")
    assert shown_in_order(page, "Обучающиеся", anxiety.name, "Педагоги")
    assert "снижение — улучшение" in page and "рост — улучшение" in page
    assert f'value="{anxiety.pk}" id="measured-{anxiety.pk}" checked' in page


def test_it_drops_an_unmeasured_characteristic_from_the_answered_stage_two_sheet(world, curator):
    world_pair(world)
    campaign = launch(world.programme, "impact-student", phase="entry")
    answer(campaign.invitations.get(person=world.mentee_person))
    old = questionnaire_of(world.programme, "impact-student")
    anxiety = world.programme.characteristics.get(code="anxiety")
    assert old.questions.filter(characteristic=anxiety).exists()
    keep = world.programme.characteristics.filter(is_measured=True).exclude(pk=anxiety.pk)
    response = curator.post(
        reverse("characteristics_measured"),
        {"programme": world.programme.pk, "measured": [c.pk for c in keep]},
        follow=True,
    )
    page = page_of(response)
    assert "Список измеряемых характеристик сохранён." in page
    new = questionnaire_of(world.programme, "impact-student")
    assert new.revision == 2 and not new.questions.filter(characteristic=anxiety).exists()
    assert f"«{new.title}» — новая редакция 2" in page
    assert old.questions.filter(characteristic=anxiety).exists()  # the answers keep their question
    assert f'id="measured-{anxiety.pk}" checked' not in page


def test_it_refuses_to_measure_nothing(world, curator):
    response = curator.post(reverse("characteristics_measured"), follow=True)
    assert "хотя бы одну характеристику" in page_of(response)
    assert world.programme.characteristics.filter(is_measured=True).exists()


def test_it_adds_the_schools_own_characteristic(world, curator):
    response = curator.post(
        reverse("characteristic_add"),
        {
            "programme": world.programme.pk,
            "name": "Прочитанные книги",
            "audience": "student",
            "question_text": "Сколько книг ты прочитал за четверть?",
            "kind": "number",
            "unit": "шт.",
            "higher_is_better": "1",
        },
        follow=True,
    )
    page = page_of(response)
    assert "Характеристика «Прочитанные книги» добавлена и измеряется." in page
    added = Characteristic.objects.get(programme=world.programme, name="Прочитанные книги")
    sheet = questionnaire_of(world.programme, "impact-student")
    assert sheet.questions.get(characteristic=added).kind == "number"
    assert f"«{sheet.title}» — изменена" in page
    response = curator.post(reverse("characteristic_add"), {"programme": world.programme.pk}, follow=True)
    assert "Характеристика не добавлена." in page_of(response)
