"""Which column is which: header names as schools write them, and what kind of list a file is.

A header is compared after dropping case, spaces (non-breaking ones and line breaks too), ё/е and
punctuation: «Ф.И.О.», «ФИО», «ф и о» are one column; so are «Дата рожд.» and «Дата рождения».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from participants.models import ImportUpload

Kind = ImportUpload.Kind

# What each field is called in messages (and in the hint on the upload page).
LABELS = {
    "external_id": "ID",
    "full_name": "ФИО",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "gender": "Пол",
    "class": "Класс",
    "person_kind": "Кто это",
    "phone": "Телефон",
    "email": "Почта",
    "position": "Должность",
    "subjects": "Предметы",
    "experience": "Стаж",
    "qualification": "Квалификационная категория",
    "employer": "Место работы",
    "representative_name": "Законный представитель",
    "representative_relation": "Кем приходится",
    "representative_phone": "Телефон представителя",
    "representative_email": "Почта представителя",
    "categories": "Категории наставляемого",
    "request": "Запрос",
    "topics": "Темы",
    "entry_date": "Дата вхождения",
    "results": "Результаты",
    "case_links": "Ссылки на кейсы",
    "completion_date": "Дата завершения",
    "contour": "Контур",
    "competences": "Компетенции",
    "capacity": "Сколько наставляемых",
    "stage": "Этап отбора",
    "agrees_future": "Согласие на следующие программы",
    "agrees_district": "Согласие работать с другими организациями",
    "achievements": "Достижения",
    "interests": "Интересы",
    "mentor_full_name": "ФИО наставника",
}

# Normalised header → field. «category» means the mentee's categories in a mentee list and the
# qualification category in a staff or mentor list.
_SYNONYMS = {
    "external_id": "id ид идентификатор внешнийидентификатор идентификаторвовнешнемсписке uid код",
    "full_name": (
        "фио фамилияимяотчество фиоученика фиоучащегося фиообучающегося фиосотрудника фиопедагога "
        "фиоучастника фионаставляемого фиоработника ученик учащийся обучающийся сотрудник педагог "
        "участник наставляемый"
    ),
    "last_name": "фамилия",
    "first_name": "имя",
    "middle_name": "отчество",
    "birth_date": "датарождения датарожд др деньрождения",
    "gender": "пол",
    "class": "класс классбуква класслитера классгруппа",
    "person_kind": "ктоэто типучастника видучастника категорияучастника",
    "phone": "телефон тел номертелефона контактныйтелефон мобильныйтелефон сотовыйтелефон",
    "email": "почта email электроннаяпочта элпочта адресэлектроннойпочты emailадрес",
    "position": "должность занимаемаядолжность",
    "subjects": "предмет предметы преподаваемыйпредмет преподаваемыепредметы дисциплина дисциплины",
    "experience": (
        "стаж педагогическийстаж педстаж стажработы стажлет педагогическийстажлет стажпедагогическойработы"
    ),
    "qualification": "квалификационнаякатегория квалификация",
    "category": "категория",
    "employer": "местоработы местоучебы местоработыучебы местоработыилиучебы организация",
    "representative_name": (
        "законныйпредставитель фиозаконногопредставителя фиопредставителя представитель родитель "
        "фиородителя родительзаконныйпредставитель"
    ),
    "representative_relation": "кемприходится степеньродства",
    "representative_phone": (
        "телефонпредставителя телефонзаконногопредставителя телефонродителя телефонродителей"
    ),
    "representative_email": "почтапредставителя почтазаконногопредставителя почтародителя emailродителя",
    "categories": "категории категориинаставляемого категориянаставляемого категориинаставляемых",
    "request": "запрос запросы запроснаставляемого запросынаставляемого",
    "topics": "темы тема темызапроса темызапросов темыкоторымиможетпомочь",
    "entry_date": "датавхождения датавхождениявпрограмму датавключения датавключениявпрограмму",
    "results": "результаты результат",
    "case_links": "ссылкинакейсы ссылканакейс кейсы",
    "completion_date": "датазавершения датаокончания",
    "contour": "контур",
    "competences": "компетенции",
    "capacity": (
        "скольконаставляемых скольконаставляемыхможетвзять количествонаставляемых "
        "максимумнаставляемых числонаставляемых"
    ),
    "stage": "этапотбора этап",
    "agrees_future": "согласиенаследующиепрограммы согласиенаучастиевследующихпрограммах",
    "agrees_district": "согласиеработатьсдругимиорганизациями согласиенаработусдругимиорганизациями",
    "achievements": "достижения",
    "interests": "интересы",
    "mentor_full_name": "фионаставника наставник",
}
SYNONYMS = {name: field for field, names in _SYNONYMS.items() for name in names.split()}
# Headers that begin like this mean the field whatever follows: «Дата рождения (ДД.ММ.ГГГГ)».
PREFIXES = (
    ("датарожд", "birth_date"),
    ("датавхожд", "entry_date"),
    ("скольконаставляемых", "capacity"),
    ("телефонпредстав", "representative_phone"),
    ("телефонродител", "representative_phone"),
    ("педагогическийстаж", "experience"),
    ("стаж", "experience"),
)

# «Фамилия обучающегося», «Имя ученика», «Телефон сотрудника»: whose column it is adds nothing.
WHOSE = (
    "обучающегося",
    "обучающейся",
    "учащегося",
    "учащейся",
    "ученика",
    "ученицы",
    "ребенка",
    "сотрудника",
    "работника",
    "педагога",
    "учителя",
    "участника",
    "наставляемого",
)

PERSON_FIELDS = {
    "external_id",
    "full_name",
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "gender",
    "phone",
    "email",
    "person_kind",
}
REPRESENTATIVE_FIELDS = {
    "representative_name",
    "representative_relation",
    "representative_phone",
    "representative_email",
}
STAFF_FIELDS = {"position", "subjects", "experience", "qualification", "employer"}
KIND_FIELDS = {
    Kind.STUDENTS: PERSON_FIELDS | REPRESENTATIVE_FIELDS | {"class"},
    Kind.STAFF: PERSON_FIELDS | STAFF_FIELDS,
    Kind.MENTEES: PERSON_FIELDS
    | REPRESENTATIVE_FIELDS
    | STAFF_FIELDS
    | {"class", "categories", "request", "topics", "entry_date", "results", "case_links", "completion_date"},
    Kind.MENTORS: PERSON_FIELDS
    | REPRESENTATIVE_FIELDS
    | STAFF_FIELDS
    | {
        "class",
        "contour",
        "competences",
        "topics",
        "capacity",
        "stage",
        "agrees_future",
        "agrees_district",
        "achievements",
        "interests",
        "mentor_full_name",
    },
}
MENTOR_SIGNS = {"contour", "competences", "capacity", "stage", "agrees_future", "agrees_district"}
MENTEE_SIGNS = {"categories", "request", "entry_date", "case_links", "completion_date"}
STAFF_SIGNS = {"position", "subjects", "experience", "qualification"}

_PUNCTUATION = re.compile(r"[^0-9a-zа-я]+")


def normalise(header) -> str:
    text = str(header or "").lower().replace("ё", "е")
    return _PUNCTUATION.sub("", text)


def field_of(header) -> str | None:
    key = normalise(header)
    if not key:
        return None
    if key in SYNONYMS:
        return SYNONYMS[key]
    for prefix, field in PREFIXES:
        if key.startswith(prefix):
            return field
    for whose in WHOSE:
        if key.endswith(whose) and key[: -len(whose)] in SYNONYMS:
            return SYNONYMS[key[: -len(whose)]]
    return None


@dataclass
class Column:
    index: int  # 0-based position in the row
    header: str  # as written in the file (spaces tidied)
    field: str


def detect_kind(fields: set[str]) -> str | None:
    """What list this is, from its columns; ``None`` when the columns do not tell."""
    has_name = bool(fields & {"full_name", "last_name"})
    if fields & MENTOR_SIGNS and not fields & MENTEE_SIGNS:
        return Kind.MENTORS
    if "mentor_full_name" in fields and not has_name:
        return Kind.MENTORS
    if fields & MENTEE_SIGNS and not fields & MENTOR_SIGNS:
        return Kind.MENTEES
    if fields & MENTEE_SIGNS:
        return None  # both kinds of signs: the curator must say
    if "class" in fields:
        # A class list has no «Категория»; with one it lists mentees and why they came in.
        return Kind.MENTEES if "category" in fields else Kind.STUDENTS
    if fields & STAFF_SIGNS or "category" in fields:
        return Kind.STAFF
    return None


def resolve(field: str, kind: str, fields: set[str]) -> str:
    """Fields whose meaning depends on the kind of list."""
    if field == "category":
        return "categories" if kind == Kind.MENTEES else "qualification"
    if field == "mentor_full_name" and kind == Kind.MENTORS and not fields & {"full_name", "last_name"}:
        return "full_name"
    return field
