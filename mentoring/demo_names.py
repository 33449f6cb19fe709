"""Russian names for the demo data: a school list should read like a real one.

Patronymics are stored with each male name rather than derived by a rule: the rule has too many
exceptions (Илья → Ильич / Ильинична, Лев → Львович, Яков → Яковлевич, Никита → Никитич).
Names are split by generation, so that a class of 2014-born children is not full of Людмилы,
a staff room is not full of Миланы, and a child's patronymic comes from a name of the father's generation.
"""

from __future__ import annotations

import random
from functools import cache
from typing import NamedTuple

MALE = "m"
FEMALE = "f"

# The generation a name belongs to: given mostly since 2000, in the 1960s–1990s, before 1980, or all along.
YOUNG, MIDDLE, OLDER, ANY = "young", "middle", "older", "any"
YOUNG_FROM = 2000
OLDER_BEFORE = 1980
# How much older than the child a father is taken to be, to pick a name of his generation.
FATHER_AGE = 28


class MaleName(NamedTuple):
    name: str
    son: str  # the patronymic of a son: Иванович
    daughter: str  # of a daughter: Ивановна
    generation: str


MALE_NAMES: tuple[MaleName, ...] = tuple(
    MaleName(*row)
    for row in (
        ("Александр", "Александрович", "Александровна", ANY),
        ("Алексей", "Алексеевич", "Алексеевна", ANY),
        ("Анатолий", "Анатольевич", "Анатольевна", OLDER),
        ("Андрей", "Андреевич", "Андреевна", ANY),
        ("Антон", "Антонович", "Антоновна", ANY),
        ("Аркадий", "Аркадьевич", "Аркадьевна", OLDER),
        ("Арсений", "Арсеньевич", "Арсеньевна", YOUNG),
        ("Артём", "Артёмович", "Артёмовна", YOUNG),
        ("Артур", "Артурович", "Артуровна", ANY),
        ("Богдан", "Богданович", "Богдановна", YOUNG),
        ("Борис", "Борисович", "Борисовна", OLDER),
        ("Вадим", "Вадимович", "Вадимовна", MIDDLE),
        ("Валентин", "Валентинович", "Валентиновна", OLDER),
        ("Валерий", "Валерьевич", "Валерьевна", OLDER),
        ("Василий", "Васильевич", "Васильевна", ANY),
        ("Вениамин", "Вениаминович", "Вениаминовна", OLDER),
        ("Виктор", "Викторович", "Викторовна", OLDER),
        ("Виталий", "Витальевич", "Витальевна", MIDDLE),
        ("Владимир", "Владимирович", "Владимировна", ANY),
        ("Владислав", "Владиславович", "Владиславовна", ANY),
        ("Всеволод", "Всеволодович", "Всеволодовна", YOUNG),
        ("Вячеслав", "Вячеславович", "Вячеславовна", MIDDLE),
        ("Геннадий", "Геннадьевич", "Геннадьевна", OLDER),
        ("Георгий", "Георгиевич", "Георгиевна", ANY),
        ("Герман", "Германович", "Германовна", YOUNG),
        ("Глеб", "Глебович", "Глебовна", YOUNG),
        ("Григорий", "Григорьевич", "Григорьевна", ANY),
        ("Давид", "Давидович", "Давидовна", YOUNG),
        ("Даниил", "Даниилович", "Данииловна", YOUNG),
        ("Данила", "Данилович", "Даниловна", YOUNG),
        ("Демид", "Демидович", "Демидовна", YOUNG),
        ("Денис", "Денисович", "Денисовна", ANY),
        ("Дмитрий", "Дмитриевич", "Дмитриевна", ANY),
        ("Евгений", "Евгеньевич", "Евгеньевна", ANY),
        ("Егор", "Егорович", "Егоровна", ANY),
        ("Елисей", "Елисеевич", "Елисеевна", YOUNG),
        ("Ефим", "Ефимович", "Ефимовна", YOUNG),
        ("Захар", "Захарович", "Захаровна", YOUNG),
        ("Иван", "Иванович", "Ивановна", ANY),
        ("Игнат", "Игнатович", "Игнатовна", YOUNG),
        ("Игорь", "Игоревич", "Игоревна", MIDDLE),
        ("Илья", "Ильич", "Ильинична", ANY),
        ("Кирилл", "Кириллович", "Кирилловна", ANY),
        ("Константин", "Константинович", "Константиновна", ANY),
        ("Лев", "Львович", "Львовна", YOUNG),
        ("Леонид", "Леонидович", "Леонидовна", OLDER),
        ("Лука", "Лукич", "Лукинична", YOUNG),
        ("Макар", "Макарович", "Макаровна", YOUNG),
        ("Максим", "Максимович", "Максимовна", ANY),
        ("Марат", "Маратович", "Маратовна", OLDER),
        ("Марк", "Маркович", "Марковна", YOUNG),
        ("Матвей", "Матвеевич", "Матвеевна", YOUNG),
        ("Мирон", "Миронович", "Мироновна", YOUNG),
        ("Мирослав", "Мирославович", "Мирославовна", YOUNG),
        ("Михаил", "Михайлович", "Михайловна", ANY),
        ("Никита", "Никитич", "Никитична", ANY),
        ("Николай", "Николаевич", "Николаевна", ANY),
        ("Олег", "Олегович", "Олеговна", MIDDLE),
        ("Павел", "Павлович", "Павловна", ANY),
        ("Пётр", "Петрович", "Петровна", ANY),
        ("Платон", "Платонович", "Платоновна", YOUNG),
        ("Ринат", "Ринатович", "Ринатовна", OLDER),
        ("Роман", "Романович", "Романовна", ANY),
        ("Ростислав", "Ростиславович", "Ростиславовна", YOUNG),
        ("Руслан", "Русланович", "Руслановна", ANY),
        ("Рустам", "Рустамович", "Рустамовна", ANY),
        ("Савелий", "Савельевич", "Савельевна", YOUNG),
        ("Святослав", "Святославович", "Святославовна", YOUNG),
        ("Семён", "Семёнович", "Семёновна", ANY),
        ("Сергей", "Сергеевич", "Сергеевна", ANY),
        ("Станислав", "Станиславович", "Станиславовна", MIDDLE),
        ("Степан", "Степанович", "Степановна", YOUNG),
        ("Тимофей", "Тимофеевич", "Тимофеевна", YOUNG),
        ("Тимур", "Тимурович", "Тимуровна", ANY),
        ("Фёдор", "Фёдорович", "Фёдоровна", ANY),
        ("Филипп", "Филиппович", "Филипповна", YOUNG),
        ("Эдуард", "Эдуардович", "Эдуардовна", OLDER),
        ("Юрий", "Юрьевич", "Юрьевна", MIDDLE),
        ("Яков", "Яковлевич", "Яковлевна", YOUNG),
        ("Ярослав", "Ярославович", "Ярославовна", YOUNG),
    )
)

FEMALE_NAMES: tuple[tuple[str, str], ...] = (
    ("Агата", YOUNG),
    ("Аглая", YOUNG),
    ("Алевтина", OLDER),
    ("Александра", ANY),
    ("Алёна", ANY),
    ("Алиса", YOUNG),
    ("Алина", ANY),
    ("Алла", OLDER),
    ("Анастасия", ANY),
    ("Ангелина", YOUNG),
    ("Анжелика", MIDDLE),
    ("Анна", ANY),
    ("Антонина", OLDER),
    ("Арина", YOUNG),
    ("Валентина", OLDER),
    ("Валерия", ANY),
    ("Варвара", YOUNG),
    ("Василиса", YOUNG),
    ("Вера", ANY),
    ("Вероника", ANY),
    ("Виктория", ANY),
    ("Виолетта", YOUNG),
    ("Галина", OLDER),
    ("Дарина", YOUNG),
    ("Дарья", ANY),
    ("Диана", ANY),
    ("Дина", OLDER),
    ("Ева", YOUNG),
    ("Евгения", ANY),
    ("Екатерина", ANY),
    ("Елена", MIDDLE),
    ("Елизавета", YOUNG),
    ("Есения", YOUNG),
    ("Жанна", MIDDLE),
    ("Злата", YOUNG),
    ("Зоя", OLDER),
    ("Инна", MIDDLE),
    ("Ирина", MIDDLE),
    ("Камилла", YOUNG),
    ("Карина", ANY),
    ("Кира", YOUNG),
    ("Кристина", ANY),
    ("Ксения", ANY),
    ("Лариса", MIDDLE),
    ("Лидия", OLDER),
    ("Лилия", ANY),
    ("Любовь", OLDER),
    ("Людмила", OLDER),
    ("Майя", YOUNG),
    ("Маргарита", ANY),
    ("Марина", MIDDLE),
    ("Мария", ANY),
    ("Милана", YOUNG),
    ("Мирослава", YOUNG),
    ("Надежда", OLDER),
    ("Наталья", MIDDLE),
    ("Нелли", OLDER),
    ("Нина", OLDER),
    ("Оксана", MIDDLE),
    ("Олеся", MIDDLE),
    ("Ольга", MIDDLE),
    ("Полина", ANY),
    ("Раиса", OLDER),
    ("Регина", ANY),
    ("Светлана", MIDDLE),
    ("Серафима", YOUNG),
    ("Снежана", MIDDLE),
    ("Софья", YOUNG),
    ("Стефания", YOUNG),
    ("Таисия", YOUNG),
    ("Тамара", OLDER),
    ("Татьяна", MIDDLE),
    ("Ульяна", YOUNG),
    ("Эвелина", YOUNG),
    ("Элина", YOUNG),
    ("Эльвира", MIDDLE),
    ("Эмилия", YOUNG),
    ("Юлия", ANY),
    ("Яна", ANY),
    ("Ярослава", YOUNG),
)

# Surnames in the masculine form. The common -ов/-ев/-ин ones make up most of a real list.
COMMON_SURNAMES: tuple[str, ...] = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
    "Наумов",
    "Потапов",
    "Журавлёв",
    "Овчинников",
    "Трофимов",
    "Леонов",
    "Соболев",
    "Ермаков",
    "Колесников",
    "Гончаров",
    "Емельянов",
    "Никифоров",
    "Грачёв",
    "Котов",
    "Гришин",
    "Ефремов",
    "Архипов",
    "Громов",
    "Кириллов",
    "Малышев",
    "Панов",
    "Моисеев",
    "Румянцев",
    "Синицын",
    "Галиев",
    "Сафин",
    "Хабибуллин",
    "Закиров",
)
# Surnames of other patterns: adjectival (-ский, -ой), invariant (-ых, -енко, -ук, -ич, consonant).
OTHER_SURNAMES: tuple[str, ...] = (
    "Вишневский",
    "Покровский",
    "Островский",
    "Садовский",
    "Городецкий",
    "Троицкий",
    "Толстой",
    "Луговой",
    "Береговой",
    "Донской",
    "Белых",
    "Черных",
    "Седых",
    "Долгих",
    "Шевченко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Коваленко",
    "Савченко",
    "Ковальчук",
    "Полищук",
    "Мартынюк",
    "Бабич",
    "Мацкевич",
    "Мельник",
    "Коваль",
)
OTHER_SURNAMES_SHARE = 0.12

_PATRONYMICS = {n.name: {MALE: n.son, FEMALE: n.daughter} for n in MALE_NAMES}
_FEMININE_ENDINGS = (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ый", "ая"))
_FEMININE_PLUS_A = ("ов", "ев", "ёв", "ин", "ын")

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}


class FullName(NamedTuple):
    last_name: str
    first_name: str
    middle_name: str

    def __str__(self) -> str:
        return " ".join(p for p in self if p)

    @property
    def short(self) -> str:
        """«Смирнова А. С.»"""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}"

    @property
    def gender(self) -> str:
        return gender_of_patronymic(self.middle_name)


def feminine_surname(surname: str) -> str:
    """Иванов → Иванова, Толстой → Толстая, Вишневский → Вишневская; Белых, Ковальчук stay."""
    for masculine, feminine in _FEMININE_ENDINGS:
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    if surname.endswith(_FEMININE_PLUS_A):
        return surname + "а"
    return surname


def surname_for(surname: str, gender: str) -> str:
    return feminine_surname(surname) if gender == FEMALE else surname


def patronymic(father_name: str, gender: str) -> str:
    return _PATRONYMICS[father_name][gender]


def gender_of_patronymic(middle_name: str) -> str:
    """A Russian patronymic tells the gender: -ич for a man, -на for a woman."""
    return FEMALE if middle_name.endswith("на") else MALE


def _generations(born: int) -> tuple[str, ...]:
    if born >= YOUNG_FROM:
        return (YOUNG, ANY)
    if born >= OLDER_BEFORE:
        return (MIDDLE, ANY)
    return (OLDER, MIDDLE, ANY)


@cache
def _first_names(gender: str, generations: tuple[str, ...]) -> tuple[str, ...]:
    if gender == MALE:
        return tuple(n.name for n in MALE_NAMES if n.generation in generations)
    return tuple(name for name, generation in FEMALE_NAMES if generation in generations)


def random_first_name(rng: random.Random, gender: str, *, born: int) -> str:
    return rng.choice(_first_names(gender, _generations(born)))


def random_surname(rng: random.Random) -> str:
    """A surname in the masculine form; pass it through surname_for()."""
    pool = OTHER_SURNAMES if rng.random() < OTHER_SURNAMES_SHARE else COMMON_SURNAMES
    return rng.choice(pool)


def random_full_name(rng: random.Random, gender: str, *, born: int, surname: str | None = None) -> FullName:
    """A name for someone born in `born`; pass `surname` (masculine form) to name one of a family."""
    first = random_first_name(rng, gender, born=born)
    father = random_first_name(rng, MALE, born=born - FATHER_AGE)
    surname = surname or random_surname(rng)
    return FullName(surname_for(surname, gender), first, patronymic(father, gender))


def transliterate(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def work_email(name: FullName, domain: str, taken: set[str]) -> str:
    """«i.p.smirnova@school7.example»; a namesake gets «i.p.smirnova2@…». Adds the address to `taken`."""
    initials = [transliterate(p)[0] for p in (name.first_name, name.middle_name) if p]
    local = ".".join([*initials, transliterate(name.last_name)])
    address, number = f"{local}@{domain}", 1
    while address in taken:
        number += 1
        address = f"{local}{number}@{domain}"
    taken.add(address)
    return address
