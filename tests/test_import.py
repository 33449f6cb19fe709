"""Import of lists from Excel: reading, header matching, row checks, matching people, all-or-nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from participants.importing import ImportRejected, RowError, preview_import
from participants.models import AccessLogEntry, Mentee, MenteeRequest, Mentor, Person
from participants.services.imports import do_import
from tests.factories import give_consent, make_mentor, make_person, topic
from tests.xlsx import CLASS_LIST_HEADER, class_list, make_xlsx, numbered_surname


def preview(world, content, kind=None):
    return preview_import(organisation=world.school, programme=world.programme, file=content, kind=kind)


def load(world, content, kind=None):
    return do_import(
        organisation=world.school,
        programme=world.programme,
        file=content,
        kind=kind,
        user=world.users["curator"],
    )


def counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "mentees": Mentee.objects.count(),
        "mentors": Mentor.objects.count(),
        "requests": MenteeRequest.objects.count(),
        "log": AccessLogEntry.objects.count(),
    }


def rejected(world, content, kind=None) -> list[RowError]:
    """Import must refuse the file and leave the database exactly as it was."""
    before = counts()
    with pytest.raises(ImportRejected) as info:
        load(world, content, kind)
    assert counts() == before
    return info.value.preview.errors


def test_it_previews_a_class_list_without_writing(world):
    before = counts()
    result = preview(world, class_list(3))
    assert result.ok
    assert (result.kind, result.kind_detected) == ("students", True)
    assert (result.to_create, result.to_update) == (3, 0)
    assert counts() == before


def test_it_imports_a_class_list(world):
    result = load(world, class_list(3))
    assert (result.to_create, result.to_update) == (3, 0)
    pupil = Person.objects.get(last_name=numbered_surname(1))
    assert (pupil.first_name, pupil.middle_name) == ("Мария", "Ивановна")
    assert (pupil.grade, pupil.class_letter, pupil.kind) == (8, "А", Person.Kind.STUDENT)
    assert pupil.birth_date == date(2012, 1, 2)
    assert pupil.organisation == world.school


def test_it_logs_one_access_entry_per_import(world):
    load(world, class_list(3))
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.IMPORT)
    assert entry.user == world.users["curator"]
    assert "создано 3 записи" in entry.detail


def test_it_updates_on_reimport_instead_of_duplicating(world):
    load(world, class_list(3))
    people = Person.objects.count()
    result = load(world, class_list(3, class_label="9Б"))
    assert (result.to_create, result.to_update) == (0, 3)
    assert Person.objects.count() == people
    assert Person.objects.get(last_name=numbered_surname(2)).class_label == "9Б"


def test_it_matches_on_the_id_column(world):
    pupil = make_person(world.school, last_name="Старова", first_name="Ольга", external_id="A-17")
    content = make_xlsx([["ID", "ФИО", "Класс"], ["A-17", "Новикова Ольга Павловна", "7В"]])
    result = load(world, content)
    assert (result.to_create, result.to_update) == (0, 1)
    pupil.refresh_from_db()
    assert (pupil.last_name, pupil.middle_name, pupil.class_label) == ("Новикова", "Павловна", "7В")


def test_it_does_not_touch_people_of_another_organisation(world):
    make_person(
        world.other_school, last_name=numbered_surname(1), first_name="Мария", birth_date=date(2012, 1, 2)
    )
    result = load(world, class_list(1))
    assert result.to_create == 1
    assert Person.objects.filter(last_name=numbered_surname(1)).count() == 2


def test_it_matches_headers_regardless_of_case_spacing_punctuation_and_order(world):
    content = make_xlsx(
        [
            ["КЛАСС\n", "Дата  рожд.", "ф.и.о.", "Цвет глаз", "e-mail"],
            ["5 б", "01.09.2015", "Зимин\u00a0Лев Олегович", "серые", "lev@example.com"],
        ]
    )
    result = preview(world, content)
    assert result.ok, result.errors
    assert result.kind == "students"
    assert result.unknown_columns == ["Цвет глаз"]
    load(world, content)
    lev = Person.objects.get(last_name="Зимин")
    assert (lev.first_name, lev.middle_name, lev.grade, lev.class_letter) == ("Лев", "Олегович", 5, "Б")
    assert (lev.birth_date, lev.email) == (date(2015, 9, 1), "lev@example.com")


def test_it_reads_a_staff_list_with_synonyms(world):
    content = make_xlsx(
        [
            ["Список педагогов на 01.09.2026"],
            [],
            ["Ф.И.О.", "Должность", "Предметы", "Педагогический стаж", "Категория", "Телефон"],
            ["Орлова Анна Сергеевна", "учитель", "Химия; биология", "2 года", "первая", "+7 (912) 000-11-22"],
            ["Кузин Павел Ильич", "завхоз", "", "", "без категории", ""],
        ]
    )
    result = load(world, content)
    assert result.kind == "staff"
    orlova = Person.objects.get(last_name="Орлова")
    assert (orlova.kind, orlova.subjects, orlova.experience_years) == ("teacher", "Химия; биология", 2)
    assert (orlova.qualification_category, orlova.phone) == ("first", "+7 (912) 000-11-22")
    assert Person.objects.get(last_name="Кузин").kind == Person.Kind.STAFF


def test_it_reports_unknown_columns(world):
    content = make_xlsx(
        [[*CLASS_LIST_HEADER, "Примечание", "Группа крови"], ["Ли", "Ян", "", "01.01.2012", "8", "", ""]]
    )
    assert preview(world, content).unknown_columns == ["Примечание", "Группа крови"]


def test_it_names_missing_required_columns(world):
    content = make_xlsx([["Фамилия", "Дата рождения", "Класс"], ["Ли", "01.01.2012", "8"]])
    errors = rejected(world, content)
    assert errors[0].row == 0
    assert "«Имя»" in errors[0].message
    errors = rejected(
        world, make_xlsx([["Имя ученика", "Класс", "Дата рождения"], ["Ли", "8", "01.01.2012"]])
    )
    assert "Не найдены обязательные столбцы" in errors[0].message


def test_it_reads_text_and_real_excel_dates(world):
    content = make_xlsx(
        [
            CLASS_LIST_HEADER,
            ["Текстова", "Ия", "", "05.03.2012", "6"],
            ["Датова", "Ия", "", date(2012, 3, 6), "6"],
        ]
    )
    load(world, content)
    assert Person.objects.get(last_name="Текстова").birth_date == date(2012, 3, 5)
    assert Person.objects.get(last_name="Датова").birth_date == date(2012, 3, 6)


def test_it_rejects_impossible_dates_with_row_and_column(world):
    content = make_xlsx(
        [
            CLASS_LIST_HEADER,
            ["Верная", "Ия", "", "05.03.2012", "6"],
            ["Неверная", "Ия", "", "31.02.2012", "6"],
        ]
    )
    errors = rejected(world, content)
    assert errors == [RowError(3, "Дата рождения", "такой даты не бывает: «31.02.2012»")]
    assert str(errors[0]) == "Строка 3, столбец «Дата рождения»: такой даты не бывает: «31.02.2012»"


def test_it_reports_duplicate_rows_naming_both(world):
    row = ["Двойнова", "Ия", "Петровна", "05.03.2012", "6"]
    errors = rejected(world, make_xlsx([CLASS_LIST_HEADER, row, ["Другая", "Ия", "", "", "6"], row]))
    assert len(errors) == 1
    assert errors[0].row == 4
    assert "строки 2 и 4" in errors[0].message


def test_it_refuses_a_full_name_in_the_surname_column(world):
    errors = rejected(
        world, make_xlsx([CLASS_LIST_HEADER, ["Иванов Пётр Сергеевич", "", "", "01.01.2012", "8"]])
    )
    assert errors[0].row == 2
    assert errors[0].column == "Фамилия"
    assert "целое ФИО" in errors[0].message


def test_it_splits_one_fio_column(world):
    content = make_xlsx(
        [["ФИО", "Класс"], ["Ким Ирина", "3"], ["Алиев Руслан Тимур оглы", "3"], ["Пётр", "3"]]
    )
    errors = preview(world, content).errors
    assert [(e.row, e.column) for e in errors] == [(4, "ФИО")]
    load(world, make_xlsx([["ФИО", "Класс"], ["Ким Ирина", "3"], ["Алиев Руслан Тимур оглы", "3"]]))
    assert Person.objects.get(last_name="Ким").middle_name == ""
    assert Person.objects.get(last_name="Алиев").middle_name == "Тимур оглы"


@pytest.mark.parametrize(
    "header, kind",
    [
        (CLASS_LIST_HEADER, "students"),
        (["ФИО", "Должность", "Стаж"], "staff"),
        (["ФИО", "Класс", "Запрос", "Дата вхождения"], "mentees"),
        (["ФИО", "Место работы", "Компетенции", "Контур"], "mentors"),
    ],
)
def test_it_recognises_the_kind_of_list(world, header, kind):
    assert preview(world, make_xlsx([header, ["Ли Ян"] + [""] * (len(header) - 1)])).kind == kind


def test_it_asks_for_the_kind_when_the_columns_do_not_tell(world):
    errors = rejected(world, make_xlsx([["ФИО", "Телефон"], ["Ли Ян", "+7 900 000-00-00"]]))
    assert "Укажите вид" in errors[0].message
    assert preview(world, make_xlsx([["ФИО", "Телефон"], ["Ли Ян", ""]]), kind="staff").ok


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _empty_sheet() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b"", "Файл пустой"),
        ("Фамилия;Имя\nИванов;Пётр\n".encode(), "Это не книга Excel"),
        (_docx(), "документ Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "старого формата Excel (.xls)"),
        (_empty_sheet(), "лист пуст"),
        (make_xlsx([CLASS_LIST_HEADER]), "нет ни одной строки с данными"),
        (b"PK" + b"\0" * (10 * 1024 * 1024), "больше 10 МБ"),
    ],
    ids=["empty-file", "text", "docx", "xls", "empty-sheet", "header-only", "over-10-mb"],
)
def test_it_refuses_bad_files_with_a_clear_message(world, content, phrase):
    errors = rejected(world, content)
    assert len(errors) == 1
    assert errors[0].row == 0
    assert phrase in errors[0].message


def test_it_refuses_a_big_file_before_reading_it(world, tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    path.write_bytes(class_list(2) + b"\0" * (10 * 1024 * 1024))

    def never(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr("participants.importing.reading.read_rows", never)
    assert "больше 10 МБ" in preview(world, path).errors[0].message


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x";"y")', "+79120001122 cmd", "-2+3", "@SUM(A1)"])
def test_it_refuses_rows_with_formula_like_text(world, value):
    errors = rejected(world, make_xlsx([CLASS_LIST_HEADER, ["Ли", "Ян", value, "", "8"]]))
    assert [(e.row, e.column) for e in errors] == [(2, "Отчество")]
    assert "формул" in errors[0].message


def test_it_keeps_a_phone_with_a_plus_and_refuses_real_formulas(world):
    ok = make_xlsx([["ФИО", "Класс", "Телефон"], ["Ли Ян", "8", "+7 912 000-11-22"]])
    assert preview(world, ok).ok
    formula = make_xlsx([["ФИО", "Класс", "Дата рождения"], ["Ли Ян", "8", "=DATE(2012,1,1)"]])
    errors = rejected(world, formula)
    assert (errors[0].column, "формула" in errors[0].message) == ("Дата рождения", True)


def test_it_imports_mentees_with_categories_request_and_topics(world):
    content = make_xlsx(
        [
            ["ФИО", "Дата рождения", "Класс", "Категории", "Запрос", "Темы", "Дата вхождения"],
            [
                "Лисина Ева Андреевна",
                "02.02.2011",
                "9А",
                "ОВЗ; Одарённые и высокомотивированные обучающиеся",
                "Хочу подготовиться к олимпиаде по химии",
                "Подготовка к олимпиадам и конкурсам; Профессиональная ориентация",
                "01.10.2026",
            ],
        ]
    )
    result = load(world, content)
    assert (result.kind, result.to_create) == ("mentees", 1)
    mentee = Mentee.objects.get(person__last_name="Лисина")
    assert mentee.programme == world.programme
    assert mentee.entry_date == date(2026, 10, 1)
    assert len(mentee.categories.all()) == 2
    request = mentee.requests.get()
    assert request.text == "Хочу подготовиться к олимпиаде по химии"
    assert set(request.topics.all()) == {
        topic("Подготовка к олимпиадам и конкурсам"),
        topic("Профессиональная ориентация"),
    }
    again = load(world, content)
    assert (again.to_create, again.to_update) == (0, 1)
    assert mentee.requests.count() == 1


def test_it_makes_an_existing_person_a_mentee(world):
    person = make_person(world.school, last_name="Рыбин", first_name="Олег", middle_name="", birth_date=None)
    result = load(world, make_xlsx([["ФИО", "Запрос"], ["Рыбин Олег", "Адаптация в новом классе"]]))
    assert (result.to_create, Person.objects.filter(last_name="Рыбин").count()) == (1, 1)
    assert Mentee.objects.get(programme=world.programme, person=person).requests.count() == 1


def test_it_rejects_an_unknown_category(world):
    content = make_xlsx(
        [["ФИО", "Класс", "Категории", "Запрос"], ["Ли Ян", "8", "Любители шахмат", "Шахматы"]]
    )
    errors = rejected(world, content)
    assert (errors[0].row, errors[0].column) == (2, "Категории")
    assert "Любители шахмат" in errors[0].message


def test_it_imports_mentors(world):
    content = make_xlsx(
        [
            [
                "ФИО наставника",
                "Место работы",
                "Должность",
                "Компетенции",
                "Темы",
                "Сколько наставляемых",
                "Контур",
            ],
            [
                "Громов Илья Петрович",
                "ООО «Вектор»",
                "инженер",
                "Робототехника",
                "Профессиональная ориентация",
                "3",
                "",
            ],
            ["Соколова Ирина Викторовна", "", "", "Алгебра", "", 2, "внутренний"],
        ]
    )
    result = load(world, content)
    assert (result.kind, result.to_create, result.to_update) == ("mentors", 1, 1)
    gromov = Mentor.objects.get(person__last_name="Громов")
    assert (gromov.capacity, gromov.stage, gromov.person.employer) == (3, "candidate", "ООО «Вектор»")
    assert gromov.contour == Mentor.Contour.INTERNAL  # a new teacher-like person: the internal contour
    assert list(gromov.topics.all()) == [topic("Профессиональная ориентация")]
    world.mentor.refresh_from_db()
    assert (world.mentor.capacity, world.mentor.competences) == (2, "Алгебра")


def test_it_writes_nothing_when_row_4999_of_a_big_file_is_wrong(world):
    rows = [CLASS_LIST_HEADER]
    for n in range(2, 5002):
        rows.append(
            [
                numbered_surname(n, "Фамилия"),
                "Имя",
                "Отчество",
                "31.02.2012" if n == 4999 else "01.03.2012",
                "5А",
            ]
        )
    errors = rejected(world, make_xlsx(rows))
    assert [(e.row, e.column) for e in errors] == [(4999, "Дата рождения")]


def test_it_reports_each_wrong_name_cell_once(world):
    errors = rejected(world, make_xlsx([CLASS_LIST_HEADER, ["=A1", "@Ян", "", "", "8"]]))
    assert [(e.row, e.column) for e in errors] == [(2, "Имя"), (2, "Фамилия")]


def test_it_finds_the_header_under_a_journals_merged_title_rows(world):
    content = make_xlsx(
        [
            ["МБОУ «Средняя общеобразовательная школа № 7»"],
            ["Список обучающихся 8А класса на 01.09.2026"],
            [],
            ["№ п/п", "ФИО обучающегося", "Дата рождения.", "Класс/группа", "Пол"],
            [1, "Зимина Ася Олеговна", "01.09.2012", "8А", "ж"],
        ],
        merged=("A1:E1", "A2:E2"),
    )
    result = load(world, content)
    assert (result.kind, result.to_create, result.unknown_columns) == ("students", 1, ["№ п/п"])
    asya = Person.objects.get(last_name="Зимина")
    assert (asya.birth_date, asya.class_label, asya.gender) == (date(2012, 9, 1), "8А", "f")


def test_it_matches_name_columns_that_say_whose_they_are(world):
    header = ["Фамилия обучающегося", "Имя обучающегося", "Отчество обучающегося", "Дата рождения", "Класс"]
    result = preview(world, make_xlsx([header, ["Зимин", "Лев", "Олегович", "01.09.2015", "5Б"]]))
    assert result.ok, result.errors
    assert result.unknown_columns == []


@pytest.mark.parametrize(
    "typed", ["05.03.12", "5.3.12", "05. 03. 2012", "05 .03.2012", "05 03 2012", "5 марта 2012 г.", "40973"]
)
def test_it_reads_text_dates_with_short_years_spaces_words_and_serial_numbers(world, typed):
    load(world, make_xlsx([CLASS_LIST_HEADER, ["Текстова", "Ия", "", typed, "6"]]))
    assert Person.objects.get(last_name="Текстова").birth_date == date(2012, 3, 5)


@pytest.mark.parametrize("typed", [2012, "2012"])
def test_it_refuses_a_year_alone_instead_of_a_date(world, typed):
    errors = rejected(world, make_xlsx([CLASS_LIST_HEADER, ["Годова", "Ия", "", typed, "6"]]))
    assert [(e.row, e.column) for e in errors] == [(2, "Дата рождения")]
    assert "только год «2012»" in errors[0].message


def test_it_refuses_cells_holding_an_excel_error(world):
    content = make_xlsx([["ФИО", "Класс", "Запрос"], ["Ли Ян", "8", "#N/A"]])
    errors = rejected(world, content, kind="mentees")
    assert [(e.row, e.column) for e in errors] == [(2, "Запрос")]
    assert "ошибка Excel «#N/A»" in errors[0].message


def test_it_refuses_a_footer_row_that_is_not_a_person(world):
    content = make_xlsx(
        [
            ["ФИО", "Должность"],
            ["Орлова Анна Сергеевна", "учитель"],
            ["Итого: 1", ""],
            ["Ответственный: Кузин П. И.", ""],
        ]
    )
    errors = rejected(world, content)
    assert [(e.row, e.column) for e in errors] == [(3, "ФИО"), (4, "ФИО")]
    assert "не похоже на ФИО" in errors[0].message
    errors = rejected(world, make_xlsx([CLASS_LIST_HEADER, ["Иванов", "Пётр2", "", "", "8"]]))
    assert [(e.row, e.column) for e in errors] == [(2, "Имя")]


def test_it_never_stores_an_unknown_kind_of_person(world):
    content = make_xlsx([["ФИО", "Кто это", "Должность"], ["Ли Ян", "student", "учитель"]])
    errors = rejected(world, content, kind="staff")
    assert [(e.row, e.column) for e in errors] == [(2, "Кто это")]
    load(world, make_xlsx([["ФИО", "Кто это", "Должность"], ["Ли Ян", "Представитель партнёра", "инженер"]]))
    assert Person.objects.get(last_name="Ли").kind == Person.Kind.EXTERNAL


def test_it_never_names_the_file_in_the_journal(world, tmp_path):
    path = tmp_path / "8А Ученикова.xlsx"
    path.write_bytes(class_list(1))
    load(world, path)
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.IMPORT)
    assert entry.detail == "Список обучающихся: создано 1 запись, обновлено 0 записей"


def test_it_updates_on_reimport_when_dates_are_written_differently(world):
    load(world, make_xlsx([CLASS_LIST_HEADER, ["Датова", "Ия", "", "05.03.12", "6"]]))
    again = load(world, make_xlsx([CLASS_LIST_HEADER, ["ДАТОВА", "Ия", "", date(2012, 3, 5), "6"]]))
    assert (again.to_create, again.to_update) == (0, 1)
    assert Person.objects.filter(first_name="Ия").count() == 1


def test_it_makes_nobody_ready_without_a_consent(world):
    candidate = make_mentor(
        world.school,
        make_person(world.school, kind=Person.Kind.TEACHER, last_name="Лебедев"),
        stage=Mentor.Stage.TRAINED,
    )
    content = make_xlsx(
        [
            ["ФИО наставника", "Дата рождения", "Этап отбора"],
            ["Громов Илья Петрович", "01.02.1990", "готов к работе"],
            [candidate.person.full_name, candidate.person.birth_date.strftime("%d.%m.%Y"), "готов к работе"],
            [
                world.mentor_person.full_name,
                world.mentor_person.birth_date.strftime("%d.%m.%Y"),
                "готов к работе",
            ],
        ]
    )
    result = preview(world, content)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Этап отбора"), (3, "Этап отбора")]
    assert "согласие" in result.errors[0].message
    give_consent(candidate.person)
    result = preview(world, content)
    assert [e.row for e in result.errors] == [2]
