"""The default monitoring set, written by us to the methodology's structure (seed 000, section 8):

- stage 1, for mentors and for mentees of each school form, and the curator's questionnaire on the
  programme's conditions;
- stage 2, the characteristics measured at entry and at exit, for students and for teachers.

Plain data; ``monitoring.services.setup`` installs it on a programme.
"""

from __future__ import annotations

from dataclasses import dataclass

RATING, SINGLE, MULTIPLE, YES_NO, NUMBER, TEXT = "rating", "single", "multiple", "yes_no", "number", "text"


@dataclass(frozen=True)
class Q:
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    report_role: str = ""


@dataclass(frozen=True)
class Part:
    title: str
    questions: tuple[Q, ...]


@dataclass(frozen=True)
class Sheet:
    code: str
    title: str
    description: str
    stage: int
    respondent: str
    forms: tuple[str, ...]
    parts: tuple[Part, ...] = ()
    is_anonymous: bool = False
    audience: str = ""


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    audience: str
    question_text: str
    kind: str = "scale"
    unit: str = ""
    higher_is_better: bool = True


SCHOOL_FORMS = ("student-student", "teacher-teacher", "teacher-student")

MEETING_FREQUENCY = ("Раз в неделю или чаще", "Два-три раза в месяц", "Раз в месяц", "Реже, чем раз в месяц")
WAYS_OF_WORK = (
    "Беседы один на один",
    "Совместные занятия по предмету",
    "Подготовка к олимпиадам и конкурсам",
    "Проекты и исследования",
    "Посещение уроков и разбор",
    "Общение онлайн",
)

# What each side of a form is called in the questions: (the other side for a mentor, for a mentee).
_OTHER_SIDE = {
    "mentor": "наставляемым",
    "mentee": "наставником",
}

# One question per form and side that asks what this form exists for.
_FORM_FOCUS = {
    ("student-student", "mentee"): Q(
        RATING, "Стало ли вам легче разбираться в трудных темах и справляться с учёбой?"
    ),
    ("student-student", "mentor"): Q(
        RATING, "Помогло ли наставничество вам самим лучше понять предмет и научиться объяснять?"
    ),
    ("teacher-teacher", "mentee"): Q(
        RATING,
        "Насколько наставник помог вам освоиться в профессии: методика, документы, работа с классом?",
    ),
    ("teacher-teacher", "mentor"): Q(
        RATING, "Насколько заметен профессиональный рост вашего коллеги за время работы в паре?"
    ),
    ("teacher-student", "mentee"): Q(
        RATING, "Помогла ли работа с наставником понять, чем вам интересно заниматься и к чему стремиться?"
    ),
    ("teacher-student", "mentor"): Q(
        RATING, "Насколько изменилось отношение вашего наставляемого к учёбе и школьной жизни?"
    ),
}

_FORM_TITLES = {
    "student-student": "«ученик – ученик»",
    "teacher-teacher": "«учитель – учитель»",
    "teacher-student": "«учитель – ученик»",
}


def _process_sheet(form: str, form_name: str, side: str) -> Sheet:
    other = _OTHER_SIDE[side]
    common = Part(
        "Общее впечатление",
        (
            Q(RATING, "Насколько полезной для вас оказалась программа наставничества?"),
            Q(RATING, f"Насколько комфортно вам общаться с {other}?"),
        ),
    )
    focus = _FORM_FOCUS.get((form, side))
    work_questions = [
        Q(RATING, f"Насколько полезны ваши личные встречи с {other}?"),
        Q(RATING, "Насколько полезны общие встречи и мероприятия программы?"),
        Q(RATING, "Насколько хорошо была спланирована ваша совместная работа?"),
        Q(RATING, "Насколько удалось выполнить индивидуальный план?"),
        Q(SINGLE, "Как часто вы встречались?", choices=MEETING_FREQUENCY),
    ]
    if side == "mentor":
        work_questions += [
            Q(MULTIPLE, "Какие формы работы вы использовали?", choices=WAYS_OF_WORK, required=False),
            Q(RATING, "Хватало ли вам поддержки куратора программы?"),
        ]
    if focus is not None:
        work_questions.append(focus)
    results = [
        Q(TEXT, "Чего вы ждали от участия в программе?", report_role="expectation"),
        Q(TEXT, "Что из этого получилось на деле?", report_role="reality"),
        Q(RATING, "Насколько оправдались ваши ожидания?"),
        Q(TEXT, "Что было для вас самым ценным?", required=False),
        Q(TEXT, "Чего вам не хватило?", required=False),
        Q(YES_NO, "Хотели бы вы продолжить участие в программе в следующем году?"),
    ]
    if side == "mentee":
        results.append(Q(YES_NO, "Хотели бы вы сами стать наставником?"))
    who = "наставника" if side == "mentor" else "наставляемого"
    title = f"Обратная связь {who}: форма {_FORM_TITLES.get(form) or f'«{form_name}»'}"
    anonymous = side == "mentee"
    description = "Оцените, как идёт работа в вашей паре или группе: 1 — совсем нет, 10 — полностью да. " + (
        "Анкета анонимная: никто не увидит, кто как ответил, видны только общие итоги."
        if anonymous
        else "Ответы увидят куратор и руководитель программы."
    )
    return Sheet(
        code=f"process-{side}-{form}",
        title=title,
        description=description,
        stage=1,
        respondent=side,
        forms=(form,),
        parts=(
            common,
            Part("Встречи и план", tuple(work_questions)),
            Part("Ожидания и итоги", tuple(results)),
        ),
        is_anonymous=anonymous,
    )


CURATOR_SHEET = Sheet(
    code="process-curator",
    title="Анкета куратора: соответствие условий программы целевой модели",
    description=(
        "Оцените условия, в которых идёт программа, и то, насколько соблюдаются принципы наставничества."
    ),
    stage=1,
    respondent="curator",
    forms=SCHOOL_FORMS,
    parts=(
        Part(
            "Условия запуска и работы",
            (
                Q(YES_NO, "Утверждены положение о наставничестве и дорожная карта программы?"),
                Q(YES_NO, "Назначены куратор и ответственные за каждый этап?"),
                Q(YES_NO, "Собраны согласия на обработку персональных данных всех участников?"),
                Q(RATING, "Насколько база наставников отвечает запросам наставляемых?"),
                Q(YES_NO, "Наставники прошли обучение до начала работы с наставляемыми?"),
                Q(YES_NO, "Пары и группы закреплены приказом руководителя?"),
                Q(
                    NUMBER,
                    "Сколько встреч и занятий для наставников проведено за период?",
                    min_value=0,
                    max_value=500,
                ),
            ),
        ),
        Part(
            "Принципы наставничества",
            (
                Q(RATING, "Добровольность: участники пришли в программу по своему желанию"),
                Q(RATING, "Индивидуальный подход: план каждой пары исходит из запросов наставляемого"),
                Q(RATING, "Открытость: о программе знают родители, коллеги, партнёры"),
                Q(RATING, "Поддержка наставников: методическая помощь, признание их работы"),
                Q(RATING, "Безопасность: участникам комфортно, конфликты решаются"),
            ),
        ),
        Part(
            "Выводы",
            (
                Q(TEXT, "Что больше всего мешает работе программы?"),
                Q(TEXT, "Что стоит изменить в следующем году?", required=False),
            ),
        ),
    ),
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        "engagement",
        "Вовлечённость в учёбу",
        "student",
        "Насколько вам интересно учиться и участвовать в уроках?",
    ),
    Measure(
        "activity",
        "Активность в школьной жизни",
        "student",
        "Как часто вы сами берётесь за дела класса и школы: мероприятия, кружки, проекты?",
    ),
    Measure("self_esteem", "Самооценка", "student", "Насколько вы уверены в себе и своих способностях?"),
    Measure(
        "anxiety",
        "Тревожность",
        "student",
        "Насколько часто вы волнуетесь перед уроками, контрольными, ответами у доски?",
        higher_is_better=False,
    ),
    Measure("motivation", "Мотивация к учёбе", "student", "Насколько вам хочется учиться лучше, чем сейчас?"),
    Measure(
        "average_mark",
        "Средний балл",
        "student",
        "Ваш средний балл за последнюю четверть (можно с дробью, например 4,2)",
        kind="number",
        unit="балла",
    ),
    Measure(
        "absences",
        "Пропуски уроков",
        "student",
        "Сколько уроков вы пропустили за последнюю четверть?",
        kind="number",
        unit="уроков",
        higher_is_better=False,
    ),
    Measure(
        "contests",
        "Олимпиады, конкурсы, проекты",
        "student",
        "В скольких олимпиадах, конкурсах и проектах вы участвовали за полугодие?",
        kind="number",
        unit="раз",
    ),
    Measure(
        "confidence", "Уверенность в профессии", "teacher", "Насколько уверенно вы чувствуете себя на уроке?"
    ),
    Measure(
        "satisfaction", "Удовлетворённость работой", "teacher", "Насколько вам нравится ваша работа в школе?"
    ),
    Measure(
        "difficulties",
        "Профессиональные затруднения",
        "teacher",
        "Насколько часто вы сталкиваетесь с затруднениями, которые не знаете, как решить?",
        higher_is_better=False,
    ),
    Measure(
        "burnout",
        "Эмоциональная усталость",
        "teacher",
        "Насколько сильно вы устаёте от работы к концу недели?",
        higher_is_better=False,
    ),
    Measure(
        "products",
        "Методические разработки",
        "teacher",
        "Сколько методических разработок (уроков, заданий, пособий) вы подготовили за полугодие?",
        kind="number",
        unit="шт.",
    ),
    Measure(
        "stay",
        "Желание остаться в профессии",
        "teacher",
        "Насколько вы хотите продолжать работать учителем через пять лет?",
    ),
)

IMPACT_SHEETS = (
    Sheet(
        code="impact-student",
        title="Диагностика обучающегося: вход и выход из программы",
        description=(
            "Эти вопросы задаются дважды: в начале работы с наставником и в конце. Отвечайте честно — "
            "сравнение покажет, что изменилось. 1 — совсем нет, 10 — полностью да."
        ),
        stage=2,
        respondent="mentee",
        forms=("student-student", "teacher-student"),
        audience="student",
    ),
    Sheet(
        code="impact-teacher",
        title="Диагностика педагога: вход и выход из программы",
        description=(
            "Вопросы задаются в начале работы с наставником и в конце, чтобы увидеть ваш профессиональный "
            "рост. 1 — совсем нет, 10 — полностью да."
        ),
        stage=2,
        respondent="mentee",
        forms=("teacher-teacher",),
        audience="teacher",
    ),
)


def process_sheets(forms: list[tuple[str, str]]) -> list[Sheet]:
    """Stage 1 questionnaires for the programme's forms (code, name): one for mentors, one for mentees."""
    return [_process_sheet(code, name, side) for code, name in forms for side in ("mentor", "mentee")]
