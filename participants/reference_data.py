"""The common lists a school starts with: mentee categories and request topics.

A curator adds the organisation's own entries; these come with the product (data migration).
"""

STUDENTS, TEACHERS, ANY = "students", "teachers", "any"

MENTEE_CATEGORIES = [
    ("Одарённые и высокомотивированные обучающиеся", STUDENTS),
    ("Обучающиеся с низкими образовательными результатами", STUDENTS),
    ("Обучающиеся с ограниченными возможностями здоровья (ОВЗ)", STUDENTS),
    ("Обучающиеся в трудной жизненной ситуации", STUDENTS),
    ("Обучающиеся с проблемами поведения", STUDENTS),
    ("Обучающиеся, не включённые в жизнь школы", STUDENTS),
    ("Молодые специалисты (стаж 0–3 года)", TEACHERS),
    ("Педагоги, адаптирующиеся к новому месту работы", TEACHERS),
    ("Педагоги в состоянии профессионального выгорания", TEACHERS),
    ("Педагоги, осваивающие цифровые инструменты", TEACHERS),
]

TOPICS = [
    ("Повышение успеваемости по предметам", STUDENTS),
    ("Подготовка к ОГЭ и ЕГЭ", STUDENTS),
    ("Подготовка к олимпиадам и конкурсам", STUDENTS),
    ("Проектная и исследовательская деятельность", ANY),
    ("Профессиональная ориентация", STUDENTS),
    ("Адаптация в новом коллективе", ANY),
    ("Общение и отношения со сверстниками", STUDENTS),
    ("Лидерство и участие в самоуправлении", STUDENTS),
    ("Дополнительное образование, кружки и секции", STUDENTS),
    ("Цифровая грамотность и ИКТ", ANY),
    ("Методика преподавания и планирование уроков", TEACHERS),
    ("Классное руководство и работа с родителями", TEACHERS),
    ("Подготовка к аттестации", TEACHERS),
    ("Дисциплина на уроке и работа с трудным классом", TEACHERS),
    ("Профилактика выгорания", TEACHERS),
]


def install_default_vocabularies(MenteeCategory, Topic) -> None:
    for model, entries in ((MenteeCategory, MENTEE_CATEGORIES), (Topic, TOPICS)):
        for order, (name, audience) in enumerate(entries, 1):
            model.objects.get_or_create(
                organisation=None, name=name, defaults={"audience": audience, "order": order * 10}
            )
