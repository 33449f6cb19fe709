"""The import pages: upload, preview (writes nothing), confirm (writes all, once)."""

from __future__ import annotations

from django.urls import reverse

from participants.models import ImportUpload, Person
from tests.factories import make_import_upload
from tests.xlsx import CLASS_LIST_HEADER, class_list, make_xlsx, upload


def test_it_keeps_an_uploads_rows_and_its_preview_but_not_the_file_or_its_name(
    world, client_for, private_files, settings
):
    client = client_for(world.users["curator"])
    response = client.post(
        reverse("import_upload"), {"file": upload(class_list(3), "8А класс Ивановой.xlsx"), "kind": ""}
    )
    item = ImportUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("import_preview", kwargs={"upload_id": item.pk})
    assert (item.organisation, item.programme, item.user) == (
        world.school,
        world.programme,
        world.users["curator"],
    )
    assert not [path for path in private_files.rglob("*") if path.is_file()]
    page = client.get(response["Location"]).content.decode()
    assert 'id="to-create">3<' in page
    assert item.label in page and item.label.startswith("Загрузка от ")
    listing = client.get(reverse("import_upload")).content.decode()
    assert "Загрузка от" in listing
    assert "Ивановой" not in listing and "Ивановой" not in page


def test_it_refuses_a_file_that_is_not_xlsx_on_upload(world, client_for):
    client = client_for(world.users["curator"])
    response = client.post(reverse("import_upload"), {"file": upload(b"just text", "list.xlsx")})
    assert response.status_code == 200
    assert "Это не книга Excel" in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_it_shows_counts_and_errors_and_writes_nothing(world, client_for):
    content = make_xlsx(
        [
            [*CLASS_LIST_HEADER, "Примечание"],
            ["Новая", "Ия", "", "05.03.2012", "6", ""],
            ["Сломанная", "Ия", "", "31.02.2012", "6", ""],
        ]
    )
    item = make_import_upload(world.school, content=content)
    people = Person.objects.count()
    page = client_for(world.users["curator"]).get(reverse("import_preview", kwargs={"upload_id": item.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 строка с ошибками" in html or ">1</div>строка с ошибками" in html
    assert "Такой даты не бывает: «31.02.2012»" in html
    assert "Дата рождения" in html
    assert "«Примечание»" in html
    assert "Загрузить в базу" not in html  # a file with errors cannot be confirmed
    assert Person.objects.count() == people


def test_it_imports_everything_on_confirm_and_says_how_much(world, client_for):
    item = make_import_upload(world.school, content=class_list(3))
    client = client_for(world.users["curator"])
    url = reverse("import_preview", kwargs={"upload_id": item.pk})
    page = client.get(url).content.decode()
    assert 'id="to-create">3<' in page
    assert "записи будут добавлены" in page
    people = Person.objects.count()
    response = client.post(url, {"kind": "students"}, follow=True)
    assert Person.objects.count() == people + 3
    assert response.redirect_chain[-1][0] == reverse("person_list")
    assert "(список обучающихся) внесена в базу: 3 новые записи и 0 обновлённых записей" in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.imported_at is not None
    assert item.kind == "students"
    assert (item.rows, item.result) == (None, None)  # the confirmed rows are not kept


def test_it_imports_a_confirmed_upload_only_once(world, client_for):
    item = make_import_upload(world.school, content=class_list(2))
    client = client_for(world.users["curator"])
    url = reverse("import_preview", kwargs={"upload_id": item.pk})
    people = Person.objects.count()
    client.post(url)
    second = client.post(url, follow=True)
    assert Person.objects.count() == people + 2
    assert "уже внесена в базу" in second.content.decode()
    assert "Этот список уже загружен в базу" in client.get(url).content.decode()


def test_it_refuses_to_confirm_a_file_with_errors(world, client_for):
    item = make_import_upload(world.school, content=make_xlsx([CLASS_LIST_HEADER, ["Ли", "", "", "", "8"]]))
    people = Person.objects.count()
    response = client_for(world.users["curator"]).post(
        reverse("import_preview", kwargs={"upload_id": item.pk})
    )
    assert response.status_code == 200
    assert "Файл не загружен" in response.content.decode()
    assert "Не указано имя" in response.content.decode()
    assert Person.objects.count() == people
    item.refresh_from_db()
    assert item.imported_at is None


def test_it_hides_another_organisations_upload(world, client_for):
    item = make_import_upload(world.school)
    response = client_for(world.users["outsider"]).get(
        reverse("import_preview", kwargs={"upload_id": item.pk})
    )
    assert response.status_code == 404


def test_it_keeps_import_to_the_curator(world, client_for):
    response = client_for(world.users["director"]).get(reverse("import_upload"))
    assert response.status_code == 403


def test_it_says_so_when_the_uploads_rows_are_gone(world, client_for):
    item = make_import_upload(world.school)
    ImportUpload.objects.filter(pk=item.pk).update(rows=None, result=None)
    client = client_for(world.users["curator"])
    url = reverse("import_preview", kwargs={"upload_id": item.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Строк этой загрузки больше нет на сервере" in page.content.decode()
    assert "Загрузить в базу" not in page.content.decode()
    people = Person.objects.count()
    response = client.post(url, {"kind": "students"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("import_upload")
    assert "Строк этой загрузки больше нет на сервере" in response.content.decode()
    assert Person.objects.count() == people
    item.refresh_from_db()
    assert item.imported_at is None


def test_it_shows_the_first_errors_of_a_badly_wrong_file_and_counts_them_all(world, client_for):
    rows = [CLASS_LIST_HEADER] + [["Ли", "Ян", "", "31.02.2012", "8"] for _ in range(2000)]
    item = make_import_upload(world.school, content=make_xlsx(rows))
    page = client_for(world.users["curator"]).get(reverse("import_preview", kwargs={"upload_id": item.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="error-count">2000<' in html
    assert "Показаны первые 300 из 2000 ошибок" in html
    assert html.count("Такой даты не бывает") == 300
