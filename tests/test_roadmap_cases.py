"""Cases of best practice: the curator writes a pair's work up as a case with photos, publishes it
only with everyone's consent to publication; the list is searchable; a case prints on A4."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from mentoring.models import MentoringForm, Programme
from participants.models import AccessLogEntry, Consent
from participants.selectors.consents import today
from roadmap.demo_cases import load_cases
from roadmap.models import Case, CasePhoto
from roadmap.selectors.cases import publication_blockers
from roadmap.services.cases import create_case, publish_case
from tests.factories import WORLD_READ_ONLY, give_consent, make_mentee, make_mentor, make_person
from tests.pair_factories import make_pair, world_pair
from tests.roadmap_factories import PNG

TEXT = {
    "title": "Как алгебра стала любимым предметом",
    "problem": "Пробелы в алгебре и страх ответа у доски",
    "actions": "Еженедельные занятия, тетрадь ошибок, разбор задач вслух",
    "result": "Четвёрка в четверти и призовое место на школьной олимпиаде",
    "quotes": "«Я больше не боюсь задач с подвохом»",
}


def _case(world, **fields) -> Case:
    values = {**TEXT, "pair": world_pair(world), "user": world.users["curator"]}
    values.update(fields)
    return create_case(programme=world.programme, **values)


def _post_case(client, world, **values):
    data = {**TEXT, "pair": world_pair(world).pk, "submit_token": "case-1"}
    data.update(values)
    return client.post(reverse("case_create"), data)


def _url(name: str, case: Case) -> str:
    return reverse(name, kwargs={"case_id": case.pk})


def _pdf(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def _pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _allow_publication(*people) -> None:
    Consent.objects.filter(person__in=people).update(allows_publication=True)


def _photo(content: bytes = PNG, name: str = "Никитин на занятии.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_it_creates_a_case_from_a_pair_once_on_a_double_submit(world, client_for):
    curator = client_for(world.users["curator"])
    form = curator.get(f"{reverse('case_create')}?pair={world_pair(world).pk}").content.decode()
    assert "Соколова Ирина Викторовна — Никитин Артём Ильич" in form
    assert "отвечает куратор" in form
    first = _post_case(curator, world)
    second = _post_case(curator, world)
    case = Case.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == _url("case_detail", case)
    assert case.form == world_pair(world).form and case.status == "draft"
    assert case.created_by == world.users["curator"]
    page = curator.get(_url("case_detail", case)).content.decode()
    assert "Как алгебра стала любимым предметом" in page and "Черновик" in page
    assert "Соколова Ирина Викторовна, Никитин Артём Ильич" in page


def test_it_explains_in_russian_what_a_case_lacks(world, client_for):
    curator = client_for(world.users["curator"])
    response = _post_case(curator, world, pair="", result="", title="Без пары и формы")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Опишите, что получилось в итоге." in page
    assert not Case.objects.exists()
    response = _post_case(curator, world, pair="", submit_token="case-2", title="Без пары и формы")
    assert "Выберите форму наставничества." in response.content.decode()


def test_it_finds_a_case_by_a_word_of_its_result(world, client_for):
    _case(world)
    _case(
        world,
        title="Проект о школьном музее",
        result="Экскурсия для пятых классов",
        pair=None,
        form=MentoringForm.objects.get(code="student-student"),
    )
    curator = client_for(world.users["curator"])
    found = curator.get(reverse("case_list"), {"q": "Олимпиаде"}).content.decode()
    assert "Как алгебра стала любимым предметом" in found and "Проект о школьном музее" not in found
    by_two_words = curator.get(reverse("case_list"), {"q": "экскурсия пятых"}).content.decode()
    assert "Проект о школьном музее" in by_two_words and "Как алгебра" not in by_two_words
    nothing = curator.get(reverse("case_list"), {"q": "шахматы"}).content.decode()
    assert "Ничего не нашлось" in nothing
    by_form = curator.get(
        reverse("case_list"), {"form": MentoringForm.objects.get(code="student-student").pk}
    ).content.decode()
    assert "Проект о школьном музее" in by_form and "Как алгебра" not in by_form
    drafts = curator.get(reverse("case_list"), {"status": "published"}).content.decode()
    assert "Как алгебра" not in drafts and "Опубликованных" not in drafts


def test_it_refuses_to_publish_naming_who_lacks_consent_and_publishes_after_it(world, client_for):
    case = _case(world)
    curator = client_for(world.users["curator"])
    _allow_publication(world.mentor_person)
    refused = curator.post(_url("case_publish", case), {"action": "publish"}, follow=True).content.decode()
    assert "Кейс нельзя опубликовать" in refused and "Никитин Артём Ильич" in refused
    assert "Соколова Ирина Викторовна." not in refused.split("Кейс нельзя опубликовать")[1].split("</")[0]
    case.refresh_from_db()
    assert case.status == "draft"
    _allow_publication(world.mentee_person)
    done = curator.post(_url("case_publish", case), {"action": "publish"}, follow=True).content.decode()
    assert "Кейс опубликован" in done
    case.refresh_from_db()
    assert case.status == "published" and case.published_on == today()
    back = curator.post(_url("case_publish", case), {"action": "unpublish"}, follow=True).content.decode()
    assert "снят с публикации" in back
    case.refresh_from_db()
    assert case.status == "draft" and case.published_on is None


def test_it_counts_a_withdrawn_consent_and_a_mentee_who_left(world):
    pair = world_pair(world)
    other_person = make_person(world.school, last_name="Орлова", first_name="Дарья", middle_name="Олеговна")
    give_consent(other_person, allows_publication=True)
    pair.members.create(
        mentee=make_mentee(world.programme, other_person),
        joined_on=date(2026, 10, 1),
        left_on=date(2026, 12, 1),
        is_open=False,
    )
    _allow_publication(world.mentor_person, world.mentee_person)
    case = _case(world)
    assert publication_blockers(case, today()) == []
    Consent.objects.filter(person=other_person).update(withdrawn_on=date(2027, 1, 10))
    assert publication_blockers(case, date(2027, 2, 1)) == ["Орлова Дарья Олеговна"]


def test_it_publishes_a_case_without_a_pair_on_the_curators_word(world, client_for):
    case = _case(world, pair=None, form=MentoringForm.objects.get(code="teacher-student"))
    curator = client_for(world.users["curator"])
    page = curator.get(_url("case_detail", case)).content.decode()
    assert "отвечает куратор" in page
    curator.post(_url("case_publish", case), {"action": "publish"})
    case.refresh_from_db()
    assert case.status == "published"


def test_it_shows_a_mentor_published_cases_only(world, client_for):
    _allow_publication(world.mentor_person, world.mentee_person)
    published = publish_case(case=_case(world, title="Опубликованный кейс"))
    draft = _case(world, title="Кейс в работе")
    hidden_photo = CasePhoto(case=draft)
    hidden_photo.image.save("x.png", SimpleUploadedFile("x.png", PNG), save=False)
    hidden_photo.save()
    mentor = client_for(world.users["mentor"])
    page = mentor.get(reverse("case_list"), {"status": "draft"}).content.decode()
    assert "Опубликованный кейс" in page and "Кейс в работе" not in page
    assert "Написать кейс" not in page
    detail = mentor.get(_url("case_detail", published)).content.decode()
    assert "Опубликованный кейс" in detail and "Изменить" not in detail and "Опубликовать" not in detail
    assert mentor.get(_url("case_pdf", published)).status_code == 200
    assert mentor.get(_url("case_detail", draft)).status_code == 404
    assert mentor.get(_url("case_pdf", draft)).status_code == 404
    assert mentor.get(reverse("case_photo", kwargs={"photo_id": hidden_photo.pk})).status_code == 404
    assert mentor.post(_url("case_edit", published), TEXT).status_code == 403


def test_it_keeps_cases_from_mentees_and_others(world, client_for):
    case = _case(world)
    for persona in ("mentee", "municipal", "nobody"):
        client = client_for(world.users[persona])
        assert client.get(reverse("case_list")).status_code == 403
        assert client.get(_url("case_detail", case)).status_code == 403


def test_it_shows_an_uploaded_photo_on_the_page_and_in_the_pdf(world, client_for, private_files):
    case = _case(world)
    curator = client_for(world.users["curator"])
    done = curator.post(
        _url("case_photo_add", case), {"image": _photo(), "caption": "Разбор задачи у доски"}, follow=True
    )
    assert "Фотография добавлена к кейсу." in done.content.decode()
    photo = CasePhoto.objects.get(case=case)
    # The stored name never carries the pupil's name from the uploaded file's name.
    assert "Никитин" not in photo.image.name and photo.image.name.endswith(".png")
    # Stored saved anew (no metadata of the original), still the one-pixel PNG.
    stored = (private_files / photo.image.name).read_bytes()
    with Image.open(BytesIO(stored)) as picture:
        assert (picture.format, picture.size) == ("PNG", (1, 1))
    page = curator.get(_url("case_detail", case)).content.decode()
    photo_url = reverse("case_photo", kwargs={"photo_id": photo.pk})
    assert f'src="{photo_url}"' in page and "Разбор задачи у доски" in page
    image = curator.get(photo_url)
    assert image["Content-Type"] == "image/png" and b"".join(image.streaming_content) == stored
    director = client_for(world.users["director"])
    reader = _pdf(director.get(_url("case_pdf", case)))
    text = _pdf_text(reader)
    assert "Как алгебра стала любимым предметом" in text and "Разбор задачи у доски" in text
    assert "Черновик — не для публикации" in text
    assert sum(len(page.images) for page in reader.pages) == 1
    outsider = client_for(world.users["outsider"])
    assert outsider.get(photo_url).status_code == 404
    curator = client_for(world.users["curator"])
    curator.post(reverse("case_photo_delete", kwargs={"photo_id": photo.pk}))
    assert not CasePhoto.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.gif", b"GIF89a" + b"\x00" * 32, "Подойдёт фотография в формате JPG или PNG."),
        ("virus.png", b"MZ\x90\x00" + b"\x00" * 32, "Этот файл только назван как фотография."),
        ("big.jpg", b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024), "Фотография больше 5 МБ"),
    ],
)
def test_it_refuses_a_wrong_file_in_russian_and_keeps_nothing(
    world, client_for, private_files, name, content, message
):
    case = _case(world)
    response = client_for(world.users["curator"]).post(
        _url("case_photo_add", case), {"image": _photo(content, name)}, follow=True
    )
    assert message in response.content.decode()
    assert not CasePhoto.objects.exists()
    assert not [p for p in private_files.rglob("*") if p.is_file()] if private_files.exists() else True


def test_it_warns_about_a_stale_edit(world, client_for):
    case = _case(world)
    curator = client_for(world.users["curator"])
    form = curator.get(_url("case_edit", case)).content.decode()
    assert 'name="version" value="0"' in form
    data = {**TEXT, "pair": case.pair_id, "form": case.form_id, "version": 0}
    assert curator.post(_url("case_edit", case), {**data, "result": "Пятёрка в году"}).status_code == 302
    stale = curator.post(_url("case_edit", case), {**data, "title": "Другое название"})
    page = stale.content.decode()
    assert stale.status_code == 200
    assert "изменил другой пользователь" in page and "Пятёрка в году" in page
    case.refresh_from_db()
    assert case.title == TEXT["title"] and case.result == "Пятёрка в году" and case.version == 1


def test_it_keeps_a_completed_programme_read_only(world, client_for):
    case = _case(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    curator = client_for(world.users["curator"])
    page = curator.get(_url("case_detail", case)).content.decode()
    assert WORLD_READ_ONLY in page
    assert "Изменить" not in page and "Опубликовать" not in page and "Добавить фотографию" not in page
    assert "Написать кейс" not in curator.get(reverse("case_list")).content.decode()
    edit = curator.post(_url("case_edit", case), {**TEXT, "title": "Новое", "version": 0}, follow=True)
    assert WORLD_READ_ONLY in edit.content.decode()
    _allow_publication(world.mentor_person, world.mentee_person)
    publish = curator.post(_url("case_publish", case), {"action": "publish"}, follow=True)
    assert WORLD_READ_ONLY in publish.content.decode()
    curator.post(_url("case_photo_add", case), {"image": _photo()})
    curator.post(_url("case_delete", case))
    case.refresh_from_db()
    assert case.title == TEXT["title"] and case.status == "draft" and not case.photos.exists()
    new = curator.post(
        f"{reverse('case_create')}?programme={world.programme.pk}", {**TEXT, "submit_token": "x"}
    )
    assert new.status_code == 302 and Case.objects.count() == 1
    assert curator.get(_url("case_pdf", case)).status_code == 200


def test_it_lets_the_director_read_and_print_but_not_change(world, client_for):
    case = _case(world)
    director = client_for(world.users["director"])
    page = director.get(_url("case_detail", case)).content.decode()
    assert TEXT["problem"] in page and "Изменить" not in page
    assert "Для публикации нужно согласие" in page
    assert director.get(_url("case_edit", case)).status_code == 403
    assert director.post(_url("case_publish", case), {"action": "publish"}).status_code == 403
    assert director.post(_url("case_delete", case)).status_code == 403
    assert director.get(reverse("case_create")).status_code == 403
    assert "Как алгебра" in _pdf_text(_pdf(director.get(_url("case_pdf", case))))
    assert Case.objects.filter(pk=case.pk, status="draft").exists()


def test_it_shows_an_outsider_nothing(world, client_for):
    case = _case(world)
    outsider = client_for(world.users["outsider"])
    for name in ("case_detail", "case_edit", "case_pdf"):
        assert outsider.get(_url(name, case)).status_code == 404
    assert outsider.post(_url("case_delete", case)).status_code == 404
    assert "Как алгебра" not in outsider.get(reverse("case_list")).content.decode()
    assert Case.objects.filter(pk=case.pk).exists()


def test_it_deletes_a_case_with_its_photos(
    world, client_for, private_files, django_capture_on_commit_callbacks
):
    case = _case(world)
    curator = client_for(world.users["curator"])
    curator.post(_url("case_photo_add", case), {"image": _photo()})
    stored = private_files / CasePhoto.objects.get().image.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(_url("case_delete", case), follow=True)
    assert "удалён" in response.content.decode()
    assert not Case.objects.exists() and not stored.exists()


def _more_cases(world, count: int) -> None:
    mentor_person = make_person(world.school, kind="teacher", last_name="Белова", first_name="Нина")
    give_consent(mentor_person)
    mentor = make_mentor(world.school, mentor_person, capacity=count)
    for n in range(count):
        pupil = make_person(world.school, last_name=f"Ученик{n}", first_name="Пётр")
        give_consent(pupil)
        pair = make_pair(world.programme, mentor, make_mentee(world.programme, pupil), active=True)
        case = _case(world, pair=pair, title=f"Кейс {n}")
        photo = CasePhoto(case=case)
        photo.image.name = f"cases/{n}.png"
        photo.save()


@pytest.mark.parametrize("extra", [1, 8])
def test_it_lists_cases_in_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries, extra):
    _case(world)
    _more_cases(world, extra)
    curator = client_for(world.users["curator"])
    curator.get(reverse("case_list"))  # the session and the access are warm
    with django_assert_max_num_queries(13):
        response = curator.get(reverse("case_list"))
    assert len(re.findall(r'href="/roadmap/cases/\d+/"', response.content.decode())) == extra + 1


def test_it_loads_the_demo_cases(world):
    world_pair(world)
    teacher = make_person(world.school, kind="teacher", last_name="Белова", first_name="Нина")
    pupil = make_person(world.school, last_name="Зайцев", first_name="Олег")
    for person in (teacher, pupil):
        give_consent(person)
    make_pair(
        world.programme, make_mentor(world.school, teacher), make_mentee(world.programme, pupil), active=True
    )
    cases = load_cases(programme=world.programme, curator=world.users["curator"], today=date(2027, 5, 20))
    assert [case.status for case in cases] == ["published", "draft"]
    assert cases[0].published_on == date(2027, 5, 20) and cases[1].pair is not None
    assert all(case.title and case.problem and case.actions and case.result for case in cases)


def test_it_journals_who_opened_a_case_naming_its_people(world, client_for):
    case = _case(world)
    client_for(world.users["curator"]).get(reverse("case_detail", args=[case.pk]))
    entries = AccessLogEntry.objects.filter(user=world.users["curator"], detail=f"Страница кейса № {case.pk}")
    assert {entry.person_id for entry in entries} >= {world.mentee_person.pk}
