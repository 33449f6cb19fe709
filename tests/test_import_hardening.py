"""The Excel import under hostile and oversized books, read once: bounds, kept rows, forgetting.

Books are built here, part by part, as a hostile sender would write them; each refusal is asserted as
the curator reads it. What the refusals cost in time and memory is measured outside the tests.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from participants.importing import Sheet, limits, preview_import, read_sheet
from participants.importing.book import ExcelError, Formula
from participants.models import ImportUpload, Person
from participants.services.consents import withdraw_consent
from participants.services.imports import store_upload
from tests.factories import give_consent, make_import_upload, make_person
from tests.xlsx import CLASS_LIST_HEADER, class_list, make_xlsx, numbered_surname, upload

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CHUNK = 100_000


def _rels(*relations: tuple[str, str, str]) -> str:
    items = "".join(
        f'<Relationship Id="{i}" Type="{RELATIONS}/{kind}" Target="{target}"/>'
        for i, kind, target in relations
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">{items}</Relationships>'


def raw_book(
    rows: Iterable[bytes], *, strings: Iterable[bytes] | None = None, extra: dict | None = None
) -> bytes:
    """A one-sheet .xlsx whose sheetData is ``rows`` (and whose shared strings are ``strings``), each
    written as given, in chunks: nothing a hostile sender could not write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        book.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "xl/workbook.xml")))
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
            '<sheet name="Список" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        relations = [("rId1", "worksheet", "worksheets/sheet1.xml")]
        if strings is not None:
            relations.append(("rId2", "sharedStrings", "sharedStrings.xml"))
        book.writestr("xl/_rels/workbook.xml.rels", _rels(*relations))
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for chunk in rows:
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
        if strings is not None:
            with book.open("xl/sharedStrings.xml", "w") as part:
                part.write(f'<sst xmlns="{MAIN}">'.encode())
                for chunk in strings:
                    part.write(chunk)
                part.write(b"</sst>")
        for name, content in (extra or {}).items():
            book.writestr(name, content)
    return buffer.getvalue()


def text_cell(reference: str, text: str) -> bytes:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def header_row() -> bytes:
    cells = b"".join(
        text_cell(f"{column}1", name) for column, name in zip("ABCDE", CLASS_LIST_HEADER, strict=True)
    )
    return b'<row r="1">' + cells + b"</row>"


def row_of_empty_cells(count: int) -> Iterable[bytes]:
    """One row of ``count`` empty cells: 7.8 million make 31 MB of XML that pack into 32 KB."""
    yield b'<row r="1">'
    for start in range(0, count, CHUNK):
        yield b"<c/>" * min(CHUNK, count - start)
    yield b"</row>"


def shared_strings(count: int) -> Iterable[bytes]:
    for start in range(0, count, CHUNK):
        yield b"<si><t>x</t></si>" * min(CHUNK, count - start)


def refusal(world, content: bytes) -> str:
    """The one problem the preview (and the command) reports for the book."""
    errors = preview_import(organisation=world.school, programme=world.programme, file=content).errors
    assert len(errors) == 1 and errors[0].row == 0, errors
    return errors[0].message


def upload_page(client, content: bytes, name: str = "список.xlsx"):
    return client.post(reverse("import_upload"), {"file": upload(content, name), "kind": ""})


# --- the books of the security review -------------------------------------------------------------


def test_it_refuses_the_32_kb_book_with_7_8_million_empty_cells_in_a_row_on_upload(world, client_for):
    content = raw_book(row_of_empty_cells(7_800_000))
    assert len(content) < 64 * 1024
    response = upload_page(client_for(world.users["curator"]), content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Часть книги сжата больше чем в 100 раз" in html
    assert not ImportUpload.objects.exists()


def test_it_refuses_the_87_kb_book_with_2_million_shared_strings(world, tmp_path):
    content = raw_book([header_row()], strings=shared_strings(2_000_000))
    assert len(content) < 128 * 1024
    path = tmp_path / "strings.xlsx"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Ничего не записано"):
        call_command("import_participants", str(path), "--organisation", str(world.school.pk), stderr=err)
    assert "Часть книги сжата больше чем в 100 раз" in err.getvalue()


def test_it_stops_reading_the_hostile_books_at_the_bound_even_when_they_pack_loosely(world, monkeypatch):
    # Were they packed less tightly, the row and the table of strings would stop at their own bounds.
    monkeypatch.setattr(limits, "MAX_COMPRESSION_RATIO", 10_000)
    assert refusal(world, raw_book(row_of_empty_cells(7_800_000))).startswith(
        "В строке 1 больше 200 столбцов: такой список не загружается."
    )
    assert refusal(world, raw_book([header_row()], strings=shared_strings(2_000_000))).startswith(
        "В книге больше 500\u00a0000 различных текстовых значений"
    )


# --- each bound, named in the refusal ---------------------------------------------------------------


@pytest.mark.parametrize(
    "cells",
    [
        text_cell("A2", "Ли") + text_cell("HA2", "x"),
        b"<c/>" * 201,
    ],
    ids=["last-cell-in-column-209", "201-cells"],
)
def test_it_refuses_a_row_of_more_than_200_columns_naming_the_row(world, client_for, cells):
    content = raw_book([header_row(), b'<row r="2">' + cells + b"</row>"])
    html = upload_page(client_for(world.users["curator"]), content).content.decode()
    assert "В строке 2 больше 200 столбцов: такой список не загружается." in html
    assert not ImportUpload.objects.exists()


def _numbered_rows(count: int) -> Iterable[bytes]:
    for start in range(1, count + 1, CHUNK):
        yield b"".join(b'<row r="%d"/>' % n for n in range(start, min(start + CHUNK, count + 1)))


@pytest.mark.parametrize(
    "rows",
    [
        lambda: _numbered_rows(200_001),
        lambda: [header_row(), b'<row r="1048576">' + text_cell("A1048576", "Ли") + b"</row>"],
    ],
    ids=["200001-rows", "a-row-numbered-1048576"],
)
def test_it_refuses_a_sheet_of_more_than_200_000_rows(world, rows):
    assert refusal(world, raw_book(rows())).startswith(
        "В книге больше 200\u00a0000 строк: такой список не загружается."
    )


def test_it_refuses_a_book_of_more_than_500_000_distinct_texts(world):
    strings = (
        b"".join(b"<si><t>%d</t></si>" % n for n in range(s, s + CHUNK)) for s in range(0, 500_001, CHUNK)
    )
    strings = [*strings, b"<si><t>last</t></si>"]
    assert refusal(world, raw_book([header_row()], strings=strings)).startswith(
        "В книге больше 500\u00a0000 различных текстовых значений"
    )


def test_it_refuses_a_cell_longer_than_excel_allows(world):
    content = raw_book([header_row(), b'<row r="2">' + text_cell("A2", "я" * 32_768) + b"</row>"])
    assert refusal(world, content).startswith("В одной из ячеек книги больше 32\u00a0767 знаков")


def test_it_refuses_a_book_with_a_dtd(world):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&lol2;</t></si></sst>'
    )
    content = raw_book([header_row()], extra={"xl/sharedStrings.xml": laughs})
    assert "объявление DTD (<!DOCTYPE>)" in refusal(world, content)


@pytest.mark.parametrize(
    "bound, value, phrase",
    [
        ("MAX_CELLS", 20, "В книге больше 20 ячеек"),
        ("MAX_TEXT_LENGTH", 100, "В книге больше 100 знаков текста"),
        ("MAX_ELEMENTS", 50, "В книге больше 50 элементов разметки"),
        ("MAX_PARTS", 5, "В книге больше 5 частей"),
        ("MAX_PART_SIZE", 3 * limits.MB, "один её лист или другая часть больше 3 МБ"),
        ("MAX_UNPACKED_SIZE", 4 * limits.MB, "Книга слишком велика в распакованном виде: больше 4 МБ"),
    ],
)
def test_it_names_each_bound_it_refuses_a_book_by(world, monkeypatch, bound, value, phrase):
    rows = [
        b'<row r="%d">' % n
        + b"".join(text_cell(f"{column}{n}", text) for column, text in zip("ABCDE", pupil, strict=True))
        + b"</row>"
        for n, pupil in enumerate([[numbered_surname(n), "Ия", "", "05.03.2012", "8А"] for n in range(10)], 2)
    ]
    # A picture of 5 MB that does not pack: a part bigger than the patched bound of one part.
    picture = {"xl/media/image1.png": random.Random(7).randbytes(5 * limits.MB)}
    content = raw_book([header_row(), *rows], extra=picture)
    assert preview_import(organisation=world.school, programme=world.programme, file=content).to_create == 10
    monkeypatch.setattr(limits, bound, value)
    assert phrase in refusal(world, content)


def test_it_accepts_a_class_list_of_100_000_pupils(world):
    def rows():
        yield header_row()
        for start in range(2, 100_002, 10_000):
            yield b"".join(
                b'<row r="%d">' % n
                + text_cell(f"A{n}", numbered_surname(n)).replace(b"%", b"")
                + text_cell(f"B{n}", "Мария")
                + text_cell(f"C{n}", "Ивановна")
                + text_cell(f"D{n}", "05.03.2012")
                + text_cell(f"E{n}", "8А")
                + b"</row>"
                for n in range(start, start + 10_000)
            )

    sheet = read_sheet(raw_book(rows()))
    assert len(sheet.rows) == 100_001
    assert sheet.rows[-1] == (100_001, [numbered_surname(100_001), "Мария", "Ивановна", "05.03.2012", "8А"])


# --- read once, kept as rows ----------------------------------------------------------------------------


def _never_read_again(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the book was read again")

    monkeypatch.setattr("participants.importing.reading.read_rows", never)


def test_it_reads_the_book_once_and_checks_the_kept_rows_again_on_request(world, client_for, monkeypatch):
    client = client_for(world.users["curator"])
    url = upload_page(client, class_list(3))["Location"]
    _never_read_again(monkeypatch)
    # Somebody adds the first pupil of the list by hand after the upload.
    make_person(
        world.school,
        last_name=numbered_surname(1),
        first_name="Мария",
        middle_name="Ивановна",
        birth_date=date(2012, 1, 2),
    )
    page = client.get(url).content.decode()
    assert 'id="to-create">3<' in page  # the preview as it was checked on upload
    rechecked = client.get(url, {"kind": "students"}).content.decode()  # «Проверить заново»
    assert 'id="to-create">2<' in rechecked and 'id="to-update">1<' in rechecked
    assert 'id="to-create">2<' in client.get(url).content.decode()  # the new check is kept
    done = client.post(url, {"kind": "students"}, follow=True).content.decode()
    assert "внесена в базу: 2 новые записи и 1 обновлённая запись" in done


def test_it_confirms_against_the_base_as_it_is_at_the_confirmation(world, client_for):
    client = client_for(world.users["curator"])
    url = upload_page(client, class_list(3))["Location"]
    make_person(
        world.school,
        last_name=numbered_surname(2),
        first_name="Мария",
        middle_name="Ивановна",
        birth_date=date(2012, 1, 3),
    )
    people = Person.objects.count()
    done = client.post(url, {"kind": "students"}, follow=True).content.decode()
    assert "внесена в базу: 2 новые записи и 1 обновлённая запись" in done
    assert Person.objects.count() == people + 2


def test_it_refuses_at_the_confirmation_a_row_that_went_wrong_since_the_preview(world, client_for):
    client = client_for(world.users["curator"])
    url = upload_page(client, class_list(2))["Location"]
    for _ in range(2):  # two pupils of the same name and birth date appear: row 2 no longer tells who
        make_person(
            world.school,
            last_name=numbered_surname(1),
            first_name="Мария",
            middle_name="Ивановна",
            birth_date=date(2012, 1, 2),
        )
    people = Person.objects.count()
    response = client.post(url, {"kind": "students"})
    html = response.content.decode()
    assert "Файл не загружен" in html
    assert "В базе несколько человек с такими ФИО и датой рождения" in html
    assert Person.objects.count() == people
    assert "В базе несколько человек с такими ФИО и датой рождения" in client.get(url).content.decode()


def test_it_checks_the_kept_rows_as_another_kind_of_list(world, client_for, monkeypatch):
    staff = make_xlsx([["ФИО", "Должность", "Предметы"], ["Орлова Анна Сергеевна", "учитель", "Химия"]])
    client = client_for(world.users["curator"])
    url = upload_page(client, staff)["Location"]
    assert "определено по столбцам" in client.get(url).content.decode()
    _never_read_again(monkeypatch)
    as_students = client.get(url, {"kind": "students"}).content.decode()
    assert "Не найдены обязательные столбцы: «Класс»" in as_students
    assert "Загрузить в базу" not in as_students


def test_it_keeps_dates_formulas_and_excel_errors_as_the_book_had_them(world, client_for):
    client = client_for(world.users["curator"])
    url = upload_page(client, class_list(2, as_dates=True))["Location"]
    client.get(url, {"kind": "students"})  # checked again from the kept rows
    client.post(url, {"kind": "students"})
    assert Person.objects.get(last_name=numbered_surname(2)).birth_date == date(2012, 1, 3)
    formula = make_xlsx(
        [CLASS_LIST_HEADER, ["Ли", "Ян", "", "=DATE(2012,1,1)", "8"], ["Ким", "Ия", "#N/A", "", "8"]]
    )
    url = upload_page(client, formula)["Location"]
    page = client.get(url, {"kind": "students"}).content.decode()
    assert "В ячейке формула" in page
    assert "В ячейке ошибка Excel «#N/A»" in page
    values = [None, 7, 2.5, True, "текст", datetime(2012, 3, 5, 14, 30), date(2012, 3, 5), time(8, 15)]
    values += [timedelta(hours=30), Formula("=A1"), ExcelError("#REF!")]
    kept = Sheet.unpack(Sheet([(4, values)]).pack()).rows
    assert kept == [(4, values)]
    assert [type(value) for value in kept[0][1]] == [type(value) for value in values]


# --- forgetting -----------------------------------------------------------------------------------------


def test_it_cancels_an_upload_and_forgets_its_rows(world, client_for):
    client = client_for(world.users["curator"])
    url = upload_page(client, class_list(2))["Location"]
    assert "Отменить загрузку" in client.get(url).content.decode()
    response = client.post(url, {"action": "cancel"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("import_upload")
    assert "(список обучающихся) отменена: её строки удалены с сервера" in response.content.decode()
    assert not ImportUpload.objects.exists()
    assert client.get(url).status_code == 404


def test_it_purges_uploads_left_unconfirmed_for_a_day_and_prints_which(world, private_files):
    old = make_import_upload(world.school)
    fresh = make_import_upload(world.school)
    confirmed = make_import_upload(world.school)
    ImportUpload.objects.filter(pk=confirmed.pk).update(imported_at=timezone.now(), rows=None, result=None)
    two_days_ago = timezone.now() - timedelta(days=2)
    ImportUpload.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=two_days_ago)
    kept_file = private_files / "imports" / "0f3c.xlsx"  # a book an earlier version kept
    kept_file.parent.mkdir(parents=True)
    kept_file.write_bytes(class_list(1))
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    when = timezone.localtime(two_days_ago).strftime("%d.%m.%Y %H:%M")
    assert out.getvalue().splitlines() == [
        f"Удалена неподтверждённая загрузка от {when} (список обучающихся), МБОУ СОШ № 7.",
        "Удалено неподтверждённых загрузок старше суток: 1.",
        "Удалено файлов загрузок, сохранённых прежними версиями: 1.",
    ]
    assert set(ImportUpload.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not kept_file.exists()
    again = io.StringIO()
    call_command("purge_imports", stdout=again)
    assert again.getvalue() == "Неподтверждённых загрузок старше суток нет.\n"


def _files_naming(folder, word: str) -> list[str]:
    """Files under ``folder`` whose name or content (inside a zip, too) holds ``word``, in any case."""
    found = []
    needles = {word.lower().encode(), word.upper().encode(), word.encode()}
    for path in folder.rglob("*") if folder.exists() else []:
        if not path.is_file():
            continue
        contents = [path.name.encode(), path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as book:
                contents += [book.read(name) for name in book.namelist()]
        if any(needle in content for needle in needles for content in contents):
            found.append(str(path))
    return found


def _uploads_naming(organisation, word: str) -> list[int]:
    pending = ImportUpload.objects.filter(organisation=organisation, imported_at__isnull=True)
    return [
        upload.pk
        for upload in pending
        if word.lower() in str(Sheet.unpack(upload.rows).rows).lower().replace("ё", "е")
    ]


def test_it_forgets_every_upload_naming_a_child_who_withdrew_consent(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    child = make_person(world.school, last_name="Снегирёва", first_name="Алёна", birth_date=date(2013, 4, 1))
    consent = give_consent(child)
    client = client_for(world.users["curator"])
    class_7b = make_xlsx(
        [CLASS_LIST_HEADER, ["СНЕГИРЕВА", "алена", "", "01.04.2013", "7Б"], ["Ли", "Ян", "", "", "7Б"]]
    )
    naming = upload_page(client, class_7b, "7Б Снегирёва.xlsx")["Location"]
    other = upload_page(client, class_list(2))["Location"]
    elsewhere = store_upload(
        organisation=world.other_school,
        programme=None,
        user=world.users["outsider"],
        sheet=read_sheet(class_7b),
    )
    assert _uploads_naming(world.school, "снегирева")
    withdraw_consent(
        consent=consent,
        withdrawn_on=timezone.localdate(),
        reason="Заявление матери",
        user=world.users["curator"],
    )
    assert client.get(naming).status_code == 404
    assert client.get(other).status_code == 200  # a list that does not name her stays
    assert ImportUpload.objects.filter(pk=elsewhere.pk).exists()  # another school's list is not hers
    assert _uploads_naming(world.school, "снегирева") == []
    for folder in (settings.PRIVATE_STORAGE_ROOT, settings.MEDIA_ROOT):
        assert _files_naming(folder, "Снегир") == []
    listing = client.get(reverse("import_upload")).content.decode()
    assert "Снегир" not in listing
