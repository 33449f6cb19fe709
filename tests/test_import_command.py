"""python manage.py import_participants: the same checks as the page, errors printed, exit status."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from participants.models import Mentee, Person
from tests.xlsx import CLASS_LIST_HEADER, class_list, make_xlsx


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_participants", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def list_file(tmp_path):
    def write(content: bytes, name: str = "list.xlsx"):
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write


def test_it_imports_a_file_and_prints_the_counts(world, list_file):
    people = Person.objects.count()
    out, _ = run(list_file(class_list(3)), "--organisation", world.school.pk)
    assert "Список обучающихся (определено по столбцам)" in out
    assert "Загружено: 3 новые записи и 0 обновлённых записей." in out
    assert Person.objects.count() == people + 3


def test_it_checks_only_on_dry_run(world, list_file):
    people = Person.objects.count()
    out, _ = run(list_file(class_list(2)), "--organisation", world.school.pk, "--dry-run")
    assert "будет 2 новые записи и 0 обновлённых записей" in out
    assert Person.objects.count() == people


def test_it_prints_row_errors_and_exits_non_zero_writing_nothing(world, list_file):
    content = make_xlsx(
        [
            CLASS_LIST_HEADER,
            ["Верная", "Ия", "", "05.03.2012", "6"],
            ["Неверная", "Ия", "", "31.02.2012", "6"],
        ]
    )
    people = Person.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Файл не загружен: 1 ошибка"):
        call_command(
            "import_participants", str(list_file(content)), "--organisation", str(world.school.pk), stderr=err
        )
    assert "Строка 3, столбец «Дата рождения»: такой даты не бывает: «31.02.2012»" in err.getvalue()
    assert Person.objects.count() == people


def test_it_loads_mentees_into_the_current_programme_or_the_given_one(world, list_file):
    path = list_file(make_xlsx([["ФИО", "Класс", "Запрос"], ["Ли Ян", "7", "Хочу выступать на сцене"]]))
    run(path, "--organisation", world.school.pk, "--kind", "mentees")
    assert Mentee.objects.get(person__last_name="Ли").programme == world.programme
    with pytest.raises(CommandError, match="нет программы"):
        run(path, "--organisation", world.school.pk, "--programme", world.other_programme.pk)


def test_it_refuses_a_bad_file_with_a_clear_message(world, list_file):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_participants",
            str(list_file(b"not a book")),
            "--organisation",
            str(world.school.pk),
            stderr=err,
        )
    assert "Это не книга Excel" in err.getvalue()


def test_it_refuses_a_file_over_10_mb_before_reading_it(world, list_file, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr("participants.importing.reading.read_rows", never)
    path = list_file(class_list(2) + b"\0" * (10 * 1024 * 1024))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Ничего не записано"):
        call_command("import_participants", str(path), "--organisation", str(world.school.pk), stderr=err)
    assert "Файл больше 10 МБ" in err.getvalue()
