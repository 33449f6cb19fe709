"""The demo school's participant bases: the mentee base with its requests, the mentor base at every
stage of selection, the primary training of mentors, and the consents — a few missing, one expired,
one withdrawn (that person is pseudonymised as the product does it).

Called at the end of participants/demo.py's load(), so the people exist already.
Needs from ctx.objects: "organisations", "programme", "people", "account_people", "users".
Puts into ctx.objects:
    "mentees"  [Mentee] of the demo school's current programme
    "mentors"  [Mentor] of the demo school
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from mentoring.demo_context import DemoContext
from mentoring.demo_names import (
    FEMALE,
    MALE,
    MALE_NAMES,
    FullName,
    feminine_surname,
    patronymic,
    random_first_name,
    transliterate,
)
from mentoring.models import Organisation, Programme, User
from mentoring.plural import plural_ru
from participants.models import (
    Attendance,
    Consent,
    Mentee,
    MenteeCategory,
    MenteeRequest,
    Mentor,
    Person,
    Topic,
    TrainingCourse,
    TrainingSession,
)
from participants.reference_data import install_default_vocabularies
from participants.services.consents import withdraw_consent

Kind = Person.Kind
Stage = Mentor.Stage
DEMO_SCHOOL = "school"

# --- the vocabularies, by short keys (the names are the product's common lists) --------------------

TOPICS = {
    "marks": "Повышение успеваемости по предметам",
    "exams": "Подготовка к ОГЭ и ЕГЭ",
    "olympiads": "Подготовка к олимпиадам и конкурсам",
    "projects": "Проектная и исследовательская деятельность",
    "career": "Профессиональная ориентация",
    "adaptation": "Адаптация в новом коллективе",
    "peers": "Общение и отношения со сверстниками",
    "leadership": "Лидерство и участие в самоуправлении",
    "clubs": "Дополнительное образование, кружки и секции",
    "digital": "Цифровая грамотность и ИКТ",
    "methods": "Методика преподавания и планирование уроков",
    "form_tutor": "Классное руководство и работа с родителями",
    "attestation": "Подготовка к аттестации",
    "discipline": "Дисциплина на уроке и работа с трудным классом",
    "burnout": "Профилактика выгорания",
}
CATEGORIES = {
    "gifted": "Одарённые и высокомотивированные обучающиеся",
    "low": "Обучающиеся с низкими образовательными результатами",
    "ovz": "Обучающиеся с ограниченными возможностями здоровья (ОВЗ)",
    "hard": "Обучающиеся в трудной жизненной ситуации",
    "behaviour": "Обучающиеся с проблемами поведения",
    "disengaged": "Обучающиеся, не включённые в жизнь школы",
    "young": "Молодые специалисты (стаж 0–3 года)",
    "newcomer": "Педагоги, адаптирующиеся к новому месту работы",
    "burnt": "Педагоги в состоянии профессионального выгорания",
    "digital": "Педагоги, осваивающие цифровые инструменты",
}

# --- the mentee base ------------------------------------------------------------------------------

# How many student mentees each parallel gives (the «mentee» account's 8th grader comes on top).
STUDENT_MENTEES_PER_GRADE = {5: 10, 6: 8, 7: 9, 8: 9, 9: 10, 10: 6, 11: 7}
# Of the teachers: young specialists first, then newcomers, the rest burnt-out veterans.
TEACHER_MENTEES = 8
NEWCOMERS = 2
SECOND_REQUEST_SHARE = 0.3


@dataclass(frozen=True)
class RequestText:
    """A request as a child, a parent or a class teacher words it; {subject} is filled by grade."""

    text: str
    topics: tuple[str, ...]
    grades: tuple[int, int]
    categories: tuple[str, ...]


STUDENT_REQUESTS = (
    RequestText(
        "Не понимаю {subject_acc}: на уроке вроде всё ясно, а дома [сам|сама] решить не могу. "
        "Хочу исправить тройку за четверть.",
        ("marks",),
        (5, 9),
        ("low",),
    ),
    RequestText(
        "Классный руководитель: после долгой болезни накопились пропуски, [ученик|ученица] отстаёт по предмету "
        "«{subject}». Нужен помощник, который спокойно объяснит пропущенные темы.",
        ("marks",),
        (5, 11),
        ("low", "hard"),
    ),
    RequestText(
        "Боюсь отвечать у доски: волнуюсь, путаюсь и забываю то, что [учил|учила]. "
        "Хочу научиться не бояться контрольных.",
        ("marks", "peers"),
        (5, 8),
        ("low", "disengaged"),
    ),
    RequestText(
        "Хочу сдать ОГЭ по предмету «{exam}» хотя бы на четвёрку, но не знаю, с чего начать подготовку.",
        ("exams",),
        (9, 9),
        ("low", "gifted"),
    ),
    RequestText(
        "Готовлюсь к ЕГЭ по профильной математике: не получаются задачи с параметром и экономические. "
        "Нужен человек, который разберёт со мной ошибки.",
        ("exams",),
        (10, 11),
        ("gifted",),
    ),
    RequestText(
        "Пишу с ошибками, а впереди итоговое собеседование и ОГЭ по русскому языку. "
        "Хочу заниматься с кем-нибудь хотя бы раз в неделю.",
        ("exams", "marks"),
        (9, 9),
        ("low", "ovz"),
    ),
    RequestText(
        "Хочу попробовать себя в олимпиаде по предмету «{olympiad}». В прошлом году [дошёл|дошла] до "
        "муниципального этапа, а дальше не получилось.",
        ("olympiads",),
        (7, 11),
        ("gifted",),
    ),
    RequestText(
        "Участвую в конкурсе чтецов и в школьной научной конференции. Нужен совет, как выступать "
        "перед жюри и не теряться.",
        ("olympiads", "projects"),
        (5, 9),
        ("gifted",),
    ),
    RequestText(
        "Хочу сделать индивидуальный проект про {project}, но не знаю, как выбрать тему, "
        "где искать источники и как оформить работу.",
        ("projects",),
        (8, 11),
        ("gifted", "disengaged"),
    ),
    RequestText(
        "Интересуюсь роботами и хочу собрать своего робота для конкурса. "
        "Нужен кто-то, кто в этом разбирается.",
        ("projects", "clubs"),
        (5, 8),
        ("gifted", "disengaged"),
    ),
    RequestText(
        "Не знаю, кем хочу стать и какие экзамены выбирать. Хочу поговорить с людьми разных профессий "
        "и попробовать себя в чём-то на практике.",
        ("career",),
        (8, 11),
        ("disengaged", "gifted", "low"),
    ),
    RequestText(
        "Думаю поступать в медицинский: хочу узнать, как там учатся и какие предметы сдавать.",
        ("career", "exams"),
        (9, 11),
        ("gifted",),
    ),
    RequestText(
        "Мы переехали, и в сентябре я [перешёл|перешла] в эту школу. Пока ни с кем не дружу и не знаю, "
        "к кому обращаться, если что-то непонятно.",
        ("adaptation", "peers"),
        (5, 10),
        ("hard", "disengaged"),
    ),
    RequestText(
        "Классный руководитель: [пятиклассник|пятиклассница] тяжело привыкает к средней школе — много новых учителей "
        "и кабинетов, теряется в расписании, не хочет идти на уроки.",
        ("adaptation",),
        (5, 5),
        ("hard", "disengaged", "ovz"),
    ),
    RequestText(
        "Мне трудно общаться с одноклассниками: часто ссоримся, и на переменах я сижу [один|одна].",
        ("peers",),
        (5, 8),
        ("behaviour", "disengaged"),
    ),
    RequestText(
        "Классный руководитель: [ученик|ученица] часто конфликтует на переменах и срывает уроки. Нужен "
        "взрослый или старшеклассник, к которому [он|она] будет прислушиваться.",
        ("peers",),
        (6, 8),
        ("behaviour",),
    ),
    RequestText(
        "Хочу войти в совет обучающихся и проводить школьные мероприятия, но стесняюсь выступать "
        "перед всеми.",
        ("leadership", "peers"),
        (6, 10),
        ("gifted", "disengaged"),
    ),
    RequestText(
        "Хочу стать [вожатым|вожатой] у младших и научиться организовывать людей.",
        ("leadership",),
        (8, 10),
        ("gifted",),
    ),
    RequestText(
        "После уроков ничем не занимаюсь. Хочу найти секцию или кружок, но не знаю, что мне подойдёт.",
        ("clubs",),
        (5, 8),
        ("disengaged",),
    ),
    RequestText(
        "Классный руководитель: после уроков ребёнок предоставлен сам себе, родители работают допоздна. "
        "Хорошо бы увлечь его кружком или секцией.",
        ("clubs", "peers"),
        (5, 8),
        ("hard", "behaviour"),
    ),
    RequestText(
        "Хочу научиться делать презентации и монтировать видео для школьных проектов.",
        ("digital", "projects"),
        (6, 9),
        ("disengaged", "gifted"),
    ),
    RequestText(
        "Хочу научиться программировать на Python и понять, подходит ли мне профессия в ИТ.",
        ("digital", "career"),
        (8, 11),
        ("gifted",),
    ),
    RequestText(
        "Классный руководитель: у ребёнка с ОВЗ трудности с письмом, он медленно работает на уроке. "
        "Нужен терпеливый помощник по русскому языку.",
        ("marks",),
        (5, 7),
        ("ovz",),
    ),
    RequestText(
        "Долго [был|была] на домашнем обучении после болезни, теперь трудно вернуться в класс и нагнать "
        "программу.",
        ("marks", "adaptation"),
        (6, 9),
        ("ovz", "hard"),
    ),
    RequestText(
        "Хочу подтянуть английский: тексты понимаю, а говорить боюсь.",
        ("marks",),
        (5, 9),
        ("low", "gifted"),
    ),
    RequestText(
        "Хочу писать для школьной газеты и научиться брать интервью.",
        ("projects", "leadership"),
        (6, 10),
        ("disengaged", "gifted"),
    ),
    RequestText(
        "Индивидуальный проект не приняли с первого раза, до конца полугодия нужно его переделать.",
        ("projects", "marks"),
        (10, 11),
        ("low",),
    ),
)

SUBJECTS_BY_GRADE = {
    5: ("математика", "русский язык", "английский язык"),
    6: ("математика", "русский язык", "английский язык"),
    7: ("алгебра", "геометрия", "физика", "русский язык"),
    8: ("алгебра", "геометрия", "физика", "химия"),
    9: ("алгебра", "геометрия", "химия", "физика"),
    10: ("алгебра", "физика", "химия"),
    11: ("алгебра", "физика", "химия"),
}
ACCUSATIVE = {
    "математика": "математику",
    "алгебра": "алгебру",
    "геометрия": "геометрию",
    "физика": "физику",
    "химия": "химию",
}
EXAM_SUBJECTS = ("математика", "русский язык", "обществознание", "биология", "информатика", "география")
OLYMPIAD_SUBJECTS = ("математика", "биология", "история", "английский язык", "физика", "экология")
PROJECTS = (
    "историю нашего района",
    "чистоту реки Заречной",
    "школьный музей",
    "солнечные батареи",
    "питание школьников",
    "профессии наших родителей",
)

TEACHER_REQUESTS = {
    "young": (
        RequestText(
            "Первый год в школе: не успеваю уложиться в урок и с трудом составляю рабочую программу "
            "и технологические карты.",
            ("methods",),
            (0, 0),
            ("young",),
        ),
        RequestText(
            "Впервые [взял|взяла] классное руководство. Не знаю, как проводить родительское собрание и как "
            "разговаривать с недовольными родителями.",
            ("form_tutor",),
            (0, 0),
            ("young",),
        ),
        RequestText(
            "В седьмом классе на моих уроках шумно, не получается удержать дисциплину.",
            ("discipline",),
            (0, 0),
            ("young",),
        ),
        RequestText(
            "Хочу подготовить учеников к исследовательской конференции, но [сам|сама] ещё ни разу "
            "не [руководил|руководила] проектами.",
            ("projects", "methods"),
            (0, 0),
            ("young",),
        ),
        RequestText(
            "Трудно вести уроки в классе, где есть дети с ОВЗ: не знаю, как выстроить индивидуальный "
            "подход и при этом успеть со всеми.",
            ("methods", "discipline"),
            (0, 0),
            ("young",),
        ),
    ),
    "newcomer": (
        RequestText(
            "[Перешёл|Перешла] из другой школы: хочу быстрее войти в коллектив, разобраться с порядками школы "
            "и с электронным журналом.",
            ("adaptation", "digital"),
            (0, 0),
            ("newcomer",),
        ),
        RequestText(
            "В следующем году аттестация на первую категорию, а в новой школе не знаю, какие документы "
            "и портфолио собирать.",
            ("attestation",),
            (0, 0),
            ("newcomer",),
        ),
    ),
    "burnt": (
        RequestText(
            "Работаю в школе больше двадцати лет и чувствую, что [устал|устала]: уроки идут по привычке, "
            "ничего не радует. Хочу вернуть интерес к работе.",
            ("burnout",),
            (0, 0),
            ("burnt",),
        ),
        RequestText(
            "Хочу освоить цифровые сервисы для уроков — интерактивные задания, онлайн-тесты, "
            "работу в «Сферуме».",
            ("digital", "methods"),
            (0, 0),
            ("digital",),
        ),
    ),
}

ACCOUNT_MENTEE_REQUESTS = (
    (
        "Не даётся геометрия: доказательства не понимаю, за первую четверть вышла тройка. "
        "Хочу разобраться и исправить оценку.",
        ("marks",),
    ),
    ("Хочу заниматься робототехникой и понять, подойдёт ли мне профессия инженера.", ("career", "digital")),
)

# --- the mentor base ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorSpec:
    """One mentor of the base. `who` says whom to take: "account:mentor", "teacher:<subjects>",
    "position:<position>", "student:<grade>", "parent:<position>", "graduate:<position>",
    "partner:<position>". Texts say «[готов|готова]» where the word follows the person's gender."""

    who: str
    stage: str
    topics: tuple[str, ...]
    capacity: int
    competences: str
    motivation: str
    experience: str = ""
    expectations: str = ""
    achievements: str = ""
    interests: str = ""
    ages: tuple[int, int] | None = None
    future: bool = True
    district: bool = False
    conclusion: str = ""
    consent: bool = True


MENTORS = (
    MentorSpec(
        "account:mentor",
        Stage.READY,
        ("marks", "exams", "methods", "attestation"),
        3,
        "Подготовка к ОГЭ и ЕГЭ по математике, разбор типичных ошибок; методика урока, аттестация педагогов.",
        "Хочу, чтобы молодые коллеги не проходили через то, через что прошла я в первые годы.",
        "Руководитель школьного методического объединения учителей математики, была наставником "
        "двух молодых учителей.",
        "Рассчитываю на понятный план работы и на поддержку куратора.",
        "Почётная грамота Министерства просвещения; её ученики — призёры регионального этапа олимпиады.",
        "Шахматы, походы.",
        conclusion="Рекомендована к обучению: большой опыт, умеет объяснять, готова вести пару "
        "«учитель–учитель» и помогать старшеклассникам с экзаменами.",
        district=True,
    ),
    MentorSpec(
        "teacher:русский язык и литература",
        Stage.READY,
        ("methods", "form_tutor", "exams"),
        2,
        "Классное руководство, работа с родителями, подготовка к итоговому сочинению и ОГЭ по русскому языку.",
        "Много лет веду классы и знаю, как тяжело бывает молодому классному руководителю.",
        "Классный руководитель с 2009 года, вела школу молодого педагога.",
        "Хочу обменяться опытом с коллегами и научиться новому у молодых.",
        "Победитель муниципального конкурса «Классный руководитель года».",
        "Театр, краеведение.",
        conclusion="[Рекомендован|Рекомендована] к обучению; [доброжелателен|доброжелательна], умеет слушать.",
    ),
    MentorSpec(
        "teacher:английский язык",
        Stage.READY,
        ("marks", "adaptation"),
        2,
        "Разговорный английский, помощь в адаптации новичков.",
        "[Сам|Сама] в детстве [переходил|переходила] из школы в школу и помню, как важно, чтобы рядом "
        "был кто-то свой.",
        "[Вёл|Вела] клуб английского языка для 5–7 классов.",
        "Жду, что у ребят появится уверенность.",
        interests="Путешествия, кино на английском.",
        ages=(10, 15),
        conclusion="[Рекомендован|Рекомендована] к обучению, хорошо находит контакт с младшими школьниками.",
    ),
    MentorSpec(
        "teacher:история и обществознание",
        Stage.TRAINED,
        ("discipline", "form_tutor"),
        2,
        "Работа с трудным классом, профилактика конфликтов, школьная служба примирения.",
        "Считаю, что молодому учителю важнее всего не остаться одному с трудным классом.",
        "Руководитель школьной службы примирения.",
        "Хочу попробовать себя в новой роли.",
        conclusion="[Рекомендован|Рекомендована] к обучению; [спокоен|спокойна], умеет разбирать конфликты.",
    ),
    MentorSpec(
        "teacher:информатика",
        Stage.READY,
        ("digital", "projects"),
        3,
        "Программирование, цифровые сервисы для уроков, руководство проектами по информатике.",
        "Хочу, чтобы цифровые инструменты в школе перестали пугать и учителей, и детей.",
        "Руководит школьной командой по программированию.",
        "Жду интересных проектов с ребятами.",
        "[Его|Её] ученики — участники регионального хакатона школьников.",
        "Электроника, настольные игры.",
        ages=(12, 17),
        conclusion="[Рекомендован|Рекомендована] к обучению; может вести и учеников, и коллег.",
        district=True,
    ),
    MentorSpec(
        "teacher:биология",
        Stage.INTERVIEWED,
        ("projects", "career"),
        2,
        "Исследовательские проекты по биологии и экологии, профориентация в медицину и аграрные профессии.",
        "Нравится работать с увлечёнными детьми и видеть, как они растут.",
        "[Руководил|Руководила] проектами учеников на районной экологической конференции.",
        "Хочу научиться работать с детьми, которым пока ничего не интересно.",
        conclusion="[Рекомендован|Рекомендована] к обучению.",
    ),
    MentorSpec(
        "teacher:физика|математика",
        Stage.INTERVIEWED,
        ("olympiads", "projects"),
        2,
        "Олимпиадные задачи, исследовательские проекты.",
        "Хочу вырастить команду олимпиадников.",
        "[Готовил|Готовила] призёров муниципального этапа олимпиады.",
        "Нужна помощь с планом занятий на год.",
        conclusion="[Рекомендован|Рекомендована] к обучению после окончания олимпиадного сезона.",
    ),
    MentorSpec(
        "teacher:начальные классы",
        Stage.CANDIDATE,
        ("form_tutor",),
        1,
        "Работа с родителями, организация классного коллектива.",
        "Мои бывшие ученики сейчас в пятом классе — хочу помочь им и их новому классному руководителю.",
        "Классный руководитель начальных классов 15 лет.",
        "Пока не знаю, справлюсь ли, хочу попробовать.",
    ),
    MentorSpec(
        "teacher:физическая культура",
        Stage.READY,
        ("peers", "discipline"),
        2,
        "Командные игры, работа с подростками с проблемами поведения, дисциплина на уроке.",
        "Спорт помогает ребятам, которые иначе не находят себе места в школе.",
        "Тренер школьной команды по баскетболу.",
        "Жду, что ребята из группы риска придут в секцию.",
        "Команда школы — победитель районных соревнований «Президентские состязания».",
        "Баскетбол, туризм.",
        ages=(11, 16),
        conclusion="[Рекомендован|Рекомендована] к обучению; пользуется авторитетом у подростков.",
    ),
    MentorSpec(
        "position:Педагог дополнительного образования",
        Stage.RESERVE,
        ("clubs", "digital"),
        2,
        "Робототехника, техническое творчество, подготовка к конкурсам роботов.",
        "Хочу, чтобы в кружок приходили не только отличники.",
        "Ведёт кружок робототехники для 5–8 классов.",
        "Смогу взять наставляемых со второго полугодия.",
        conclusion="Подходит; в первом полугодии [занят|занята] подготовкой команды к региональным "
        "соревнованиям, поэтому [включён|включена] в резерв.",
    ),
    MentorSpec(
        "teacher:химия|биология",
        Stage.CANDIDATE,
        ("exams",),
        1,
        "Подготовка к ЕГЭ по химии и биологии.",
        "Хочу помочь будущим медикам сдать экзамены.",
        "Каждый год готовлю выпускников к ЕГЭ.",
        future=False,
    ),
    MentorSpec(
        "student:11",
        Stage.READY,
        ("marks", "peers"),
        2,
        "Математика, помощь с домашними заданиями, общение с младшими.",
        "Хочу помочь младшим разобраться с математикой — мне [самому|самой] когда-то помогли старшеклассники.",
        "[Вожатый|Вожатая] в летнем пришкольном лагере.",
        "Надеюсь, что смогу объяснять понятно.",
        "Призёр муниципального этапа олимпиады по математике.",
        "Волейбол, программирование.",
        ages=(10, 14),
        conclusion="[Рекомендован|Рекомендована] для формы «ученик–ученик»: пользуется уважением младших, "
        "обязательно доводит начатое до конца.",
    ),
    MentorSpec(
        "student:11",
        Stage.READY,
        ("adaptation", "peers"),
        1,
        "Адаптация пятиклассников, организация досуга, школьные традиции.",
        "Помню, как страшно было в пятом классе. Хочу, чтобы новичкам было проще.",
        "Член совета обучающихся, помогает проводить линейки и праздники.",
        "Жду, что у меня появится младший друг.",
        interests="Танцы, волонтёрство.",
        ages=(10, 12),
        conclusion="[Рекомендован|Рекомендована] для работы с пятиклассниками.",
    ),
    MentorSpec(
        "student:10",
        Stage.TRAINED,
        ("marks",),
        2,
        "Русский язык и английский язык для 5–7 классов.",
        "Люблю объяснять и хочу проверить, подойдёт ли мне профессия учителя.",
        "Помогает однокласснице с английским.",
        interests="Книги, английский язык.",
        ages=(10, 13),
        conclusion="[Рекомендован|Рекомендована] к обучению.",
    ),
    MentorSpec(
        "student:10",
        Stage.INTERVIEWED,
        ("digital",),
        1,
        "Монтаж видео, презентации, школьные соцсети.",
        "Веду страницу класса в соцсети, хочу научить других.",
        conclusion="[Рекомендован|Рекомендована] к обучению; нужно согласие родителей на работу "
        "с младшими после уроков.",
        ages=(11, 14),
    ),
    MentorSpec(
        "student:11",
        Stage.CANDIDATE,
        ("projects",),
        1,
        "Индивидуальный проект, подготовка выступления на конференции.",
        "Мой проект взял призовое место, хочу помочь другим.",
        ages=(14, 16),
    ),
    MentorSpec(
        "student:10",
        Stage.CANDIDATE,
        ("peers",),
        1,
        "Общение, поддержка в классе.",
        "Хочу помогать тем, кого обижают.",
    ),
    MentorSpec(
        "parent:Врач-педиатр",
        Stage.READY,
        ("career", "peers"),
        1,
        "Профориентация: медицина; разговор о здоровье и режиме дня.",
        "Хочу показать ребятам, что медицина — это интересно, и помочь определиться с выбором.",
        "Проводила классные часы о профессии врача, член родительского комитета.",
        "Жду, что хотя бы один ребёнок загорится профессией.",
        interests="Бег, садоводство.",
        ages=(13, 17),
        conclusion="Рекомендована к обучению; член управляющего совета школы.",
    ),
    MentorSpec(
        "parent:Инженер-конструктор",
        Stage.TRAINED,
        ("career", "projects"),
        2,
        "Черчение, инженерные проекты, знакомство с производством.",
        "Хочу, чтобы ребята увидели, как работает настоящий завод.",
        "Организует экскурсии на завод для класса сына.",
        conclusion="Рекомендован к обучению.",
        ages=(12, 17),
    ),
    MentorSpec(
        "parent:Корреспондент",
        Stage.CANDIDATE,
        ("projects",),
        1,
        "Журналистика, школьная газета, умение брать интервью.",
        "Хочу возродить школьную газету вместе с детьми.",
        ages=(12, 16),
    ),
    MentorSpec(
        "graduate:Студентка 3 курса, педагогическое образование",
        Stage.READY,
        ("exams", "marks"),
        2,
        "Подготовка к ОГЭ по русскому языку, помощь с учёбой.",
        "Я сама выпускница этой школы и хочу вернуть ей то, что получила.",
        "Педагогическая практика в 6 классе, репетиторство.",
        "Жду опыта, который пригодится в профессии.",
        interests="Литература, волонтёрство.",
        ages=(12, 16),
        conclusion="Рекомендована к обучению; может заниматься по субботам.",
        district=True,
    ),
    MentorSpec(
        "graduate:Студент 2 курса, программирование",
        Stage.INTERVIEWED,
        ("digital",),
        2,
        "Программирование на Python, создание сайтов.",
        "Хочу показать школьникам, что программирование — это не страшно.",
        "Помогал вести кружок программирования в колледже.",
        conclusion="Рекомендован к обучению.",
        ages=(12, 17),
    ),
    MentorSpec(
        "graduate:Студентка 4 курса, лечебное дело",
        Stage.RESERVE,
        ("career",),
        1,
        "Профориентация: медицинский университет, подготовка к поступлению.",
        "Хочу рассказать, как поступить в медицинский и не испугаться.",
        conclusion="Подходит; до конца семестра на практике в другом городе, поэтому в резерве.",
        ages=(15, 17),
    ),
    MentorSpec(
        "partner:Инженер-программист",
        Stage.READY,
        ("digital", "career"),
        3,
        "Разработка программ, ИТ-профессии, командная работа над проектом.",
        "Наша компания ищет будущих сотрудников среди выпускников района.",
        "Проводил мастер-классы для школьников на днях открытых дверей.",
        "Жду ребят, которые доведут проект до конца.",
        "Дипломант конкурса «Инженер года» в номинации «Информатика».",
        "Робототехника, велоспорт.",
        ages=(13, 17),
        conclusion="Рекомендован к обучению; компания-партнёр выделяет время для наставничества.",
        district=True,
    ),
    MentorSpec(
        "partner:Заведующая детским отделом",
        Stage.TRAINED,
        ("projects", "peers"),
        2,
        "Чтение, литературные проекты, работа с застенчивыми детьми.",
        "Хочу, чтобы у детей появилось место, где им интересно и спокойно.",
        "Ведёт в библиотеке клуб юных читателей.",
        conclusion="Рекомендована к обучению.",
        ages=(10, 14),
    ),
    MentorSpec(
        "partner:Мастер участка",
        Stage.CANDIDATE,
        ("career",),
        2,
        "Рабочие профессии, знакомство с производством.",
        "На заводе не хватает молодых рабочих, хочу показать ребятам профессию.",
        consent=False,
    ),
)

TRAINING_SESSIONS = (
    "Самоанализ и самопрезентация наставника",
    "Эффективная коммуникация: активное слушание и обратная связь",
    "Этапы программы наставничества: от встречи-знакомства до итоговой встречи",
    "Практикум: первая встреча с наставляемым и индивидуальный план",
)

WITHDRAWAL_REASON = (
    "Заявление матери: семья переезжает в другой город, просит прекратить обработку данных ребёнка."
)
# Offsets in days from 1 September, when the school year has run long enough (else they shrink).
CONSENT_DAYS = (1, 19)
ENTRY_DAYS = (20, 34)
INTERVIEW_DAYS = (21, 36)
TRAINING_FIRST_DAY = 42
WITHDRAWAL_DAY = 47
IDEAL_SPAN = 70
GENDERED = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")
FATHERS = {
    **{name.son: name.name for name in MALE_NAMES},
    **{name.daughter: name.name for name in MALE_NAMES},
}


def load(ctx: DemoContext) -> None:
    # A flushed test database has lost the data migration's lists; the demo needs them.
    install_default_vocabularies(MenteeCategory, Topic)
    _Bases(ctx).load()


class _Bases:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng: random.Random = ctx.rng
        self.school: Organisation = ctx.objects["organisations"][DEMO_SCHOOL]
        self.programme: Programme = ctx.objects["programme"]
        self.people: list[Person] = ctx.objects["people"][DEMO_SCHOOL]
        self.accounts: dict[str, Person] = ctx.objects["account_people"]
        self.curator: User = ctx.objects["users"]["curator"]
        self.start = date(ctx.school_year, 9, 1)
        self.scale = min(1.0, (ctx.today - self.start).days / IDEAL_SPAN)
        self.used: set[int] = {person.pk for person in self.accounts.values()}
        self.topics = _by_name(Topic.objects.for_organisation(self.school), TOPICS)
        self.categories = _by_name(MenteeCategory.objects.for_organisation(self.school), CATEGORIES)
        self.changed_people: list[Person] = []
        self.worded: set[int] = set()  # the requests of STUDENT_REQUESTS given to somebody
        self.teacher_groups: dict[int, str] = {}

    # --- dates ----------------------------------------------------------------------------------

    def day(self, offset: int) -> date:
        """A working day `offset` days into the school year, never after today."""
        day = self.start + timedelta(days=int(offset * self.scale))
        while day.weekday() >= 5 and day > self.start:
            day -= timedelta(days=1)
        return day

    def some_day(self, span: tuple[int, int]) -> date:
        return self.day(self.rng.randint(*span))

    # --- the whole ------------------------------------------------------------------------------

    def load(self) -> None:
        mentors = self.mentor_base()
        mentees, requests = self.mentee_base()
        course = self.training(mentors)
        people = {m.person.pk for m in mentees} | {m.person.pk for m in mentors}
        Person.objects.bulk_update(
            self.changed_people,
            [
                "representative_name",
                "representative_relation",
                "representative_phone",
                "representative_email",
            ],
        )
        missing, expired, withdrawn = self.consents(mentees, mentors)
        self.ctx.objects["mentees"] = mentees
        self.ctx.objects["mentors"] = mentors
        self.ctx.summary.append(
            self.summary(mentees, requests, mentors, course, len(people), missing, expired, withdrawn)
        )

    # --- mentors --------------------------------------------------------------------------------

    def mentor_base(self) -> list[Mentor]:
        interviewers = self._interviewers()
        mentors, topic_rows = [], []
        for spec in MENTORS:
            person = self._mentor_person(spec.who)
            self.used.add(person.pk)
            texts = {
                field: _gendered(getattr(spec, field), person.gender)
                for field in (
                    "competences",
                    "motivation",
                    "experience",
                    "expectations",
                    "achievements",
                    "interests",
                    "conclusion",
                )
            }
            conclusion = texts.pop("conclusion")
            interviewed = spec.stage != Stage.CANDIDATE
            interview_date = self.some_day(INTERVIEW_DAYS) if interviewed else None
            changed = {
                Stage.CANDIDATE: self.some_day(CONSENT_DAYS),
                Stage.INTERVIEWED: interview_date,
                Stage.RESERVE: interview_date,
                Stage.TRAINED: self.day(TRAINING_FIRST_DAY + 21),
                Stage.READY: self.day(TRAINING_FIRST_DAY + 23),
            }[spec.stage]
            mentor = Mentor(
                organisation=self.school,
                person=person,
                contour=Mentor.Contour.EXTERNAL
                if person.kind in (Kind.GRADUATE, Kind.EXTERNAL)
                else Mentor.Contour.INTERNAL,
                stage=spec.stage,
                capacity=spec.capacity,
                preferred_age_from=spec.ages[0] if spec.ages else None,
                preferred_age_to=spec.ages[1] if spec.ages else None,
                agrees_future_programmes=spec.future,
                agrees_district=spec.district,
                interview_date=interview_date,
                interviewer=interviewers if interviewed else "",
                interview_conclusion=conclusion if interviewed else "",
                stage_changed_on=changed,
                **texts,
            )
            mentors.append(mentor)
            if person.kind == Kind.STUDENT:
                self._fill_representative(person)
        Mentor.objects.bulk_create(mentors)
        for spec, mentor in zip(MENTORS, mentors, strict=True):
            topic_rows += [
                Mentor.topics.through(mentor_id=mentor.pk, topic_id=self.topics[key].pk)
                for key in spec.topics
            ]
        Mentor.topics.through.objects.bulk_create(topic_rows)
        return mentors

    def _interviewers(self) -> str:
        curator = self.accounts["curator"]
        psychologist = next(p for p in self.people if p.position == "Педагог-психолог")
        return f"{_short(curator)}, куратор программы; {_short(psychologist)}, педагог-психолог"

    def _mentor_person(self, who: str) -> Person:
        source, _, value = who.partition(":")
        if source == "account":
            return self.accounts[value]
        free = [p for p in self.people if p.pk not in self.used]
        if source == "student":
            return self.rng.choice([p for p in free if p.kind == Kind.STUDENT and p.grade == int(value)])
        if source in ("parent", "graduate", "partner"):
            kind = {"parent": Kind.PARENT, "graduate": Kind.GRADUATE, "partner": Kind.EXTERNAL}[source]
            return next(p for p in free if p.kind == kind and p.position.startswith(value))
        if source == "position":
            return next(p for p in free if p.position == value)
        # A teacher of one of the subjects with some years behind them, the more the better.
        teachers = [p for p in free if p.kind == Kind.TEACHER]
        for least in (8, 4, 0):
            for subject in value.split("|"):
                fitting = [
                    p for p in teachers if p.subjects == subject and (p.experience_years or 0) >= least
                ]
                if fitting:
                    return self.rng.choice(fitting)
        raise LookupError(f"Нет свободного педагога для наставника «{who}»")

    # --- mentees --------------------------------------------------------------------------------

    def mentee_base(self) -> tuple[list[Mentee], list[tuple[Mentee, str, tuple[str, ...]]]]:
        students = self._student_mentees()
        teachers = self._teacher_mentees()
        mentees: list[Mentee] = []
        categories: list[tuple[Mentee, str]] = []
        requests: list[tuple[Mentee, str, tuple[str, ...]]] = []
        account = self.accounts["mentee"]

        def add(person: Person, keys: set[str]) -> Mentee:
            mentee = Mentee(
                programme=self.programme,
                person=person,
                entry_date=self.some_day(ENTRY_DAYS),
                status=Mentee.Status.WAITING,
            )
            mentees.append(mentee)
            categories.extend((mentee, key) for key in sorted(keys))
            return mentee

        mentee = add(account, {"low"})
        requests += [(mentee, text, topics) for text, topics in ACCOUNT_MENTEE_REQUESTS]
        self._fill_representative(account)

        for person in students:
            first = self._pick(STUDENT_REQUESTS, person.grade)
            keys = {self.rng.choice(first.categories)}
            mentee = add(person, keys)
            requests.append((mentee, self._words(first, person), first.topics))
            if self.rng.random() < SECOND_REQUEST_SHARE:
                second = self._pick(STUDENT_REQUESTS, person.grade, avoid=set(first.topics))
                if second:
                    requests.append((mentee, self._words(second, person), second.topics))
            mentee.wants_to_mentor = person.grade >= 10 and "gifted" in keys and self.rng.random() < 0.5
            self._fill_representative(person)
        self._cover_every_request(requests, [m for m in mentees if m.person.kind == Kind.STUDENT])

        # The teachers of a group take its requests in turn, so that each kind of request shows up.
        turn: Counter[str] = Counter()
        for person, group in teachers:
            texts = TEACHER_REQUESTS[group]
            chosen = [texts[turn[group] % len(texts)]]
            turn[group] += 1
            if self.rng.random() < SECOND_REQUEST_SHARE:
                chosen.append(self.rng.choice([t for t in texts if t is not chosen[0]]))
            mentee = add(person, {key for t in chosen for key in t.categories})
            requests += [(mentee, _gendered(t.text, person.gender), t.topics) for t in chosen]

        Mentee.objects.bulk_create(mentees)
        Mentee.categories.through.objects.bulk_create(
            [
                Mentee.categories.through(mentee_id=mentee.pk, menteecategory_id=self.categories[key].pk)
                for mentee, key in categories
            ]
        )
        objects = [MenteeRequest(mentee=mentee, text=text) for mentee, text, _ in requests]
        MenteeRequest.objects.bulk_create(objects)
        MenteeRequest.topics.through.objects.bulk_create(
            [
                MenteeRequest.topics.through(menteerequest_id=obj.pk, topic_id=self.topics[key].pk)
                for obj, (_, _, keys) in zip(objects, requests, strict=True)
                for key in keys
            ]
        )
        return mentees, requests

    def _student_mentees(self) -> list[Person]:
        chosen = []
        for grade, count in STUDENT_MENTEES_PER_GRADE.items():
            pool = [
                p
                for p in self.people
                if p.kind == Kind.STUDENT and p.grade == grade and p.pk not in self.used
            ]
            chosen += self.rng.sample(pool, min(count, len(pool)))
        self.used.update(p.pk for p in chosen)
        return chosen

    def _teacher_mentees(self) -> list[tuple[Person, str]]:
        free = [p for p in self.people if p.kind == Kind.TEACHER and p.pk not in self.used]
        young = [p for p in free if (p.experience_years or 0) <= 3][: TEACHER_MENTEES - NEWCOMERS - 1]
        newcomers = self.rng.sample([p for p in free if 4 <= (p.experience_years or 0) <= 15], NEWCOMERS)
        veterans = [p for p in free if (p.experience_years or 0) >= 20]
        burnt = self.rng.sample(veterans, TEACHER_MENTEES - len(young) - NEWCOMERS)
        chosen = [(p, "young") for p in young] + [(p, "newcomer") for p in newcomers]
        chosen += [(p, "burnt") for p in burnt]
        self.used.update(p.pk for p, _ in chosen)
        self.teacher_groups = {p.pk: group for p, group in chosen}
        return chosen

    def _pick(self, texts, grade: int, avoid: set[str] = frozenset()) -> RequestText | None:
        fitting = [t for t in texts if t.grades[0] <= grade <= t.grades[1] and not avoid & set(t.topics)]
        return self.rng.choice(fitting) if fitting else None

    def _words(self, request: RequestText, person: Person) -> str:
        self.worded.add(id(request))
        subject = self.rng.choice(SUBJECTS_BY_GRADE[person.grade])
        text = request.text.format(
            subject=subject,
            subject_acc=ACCUSATIVE.get(subject, subject),
            exam=self.rng.choice(EXAM_SUBJECTS),
            olympiad=self.rng.choice(OLYMPIAD_SUBJECTS),
            project=self.rng.choice(PROJECTS),
        )
        return _gendered(text, person.gender)

    def _cover_every_request(self, requests, students: list[Mentee]) -> None:
        """Add a request nobody has yet to a student of a fitting grade who has only one."""
        counts = Counter(id(mentee) for mentee, _, _ in requests)
        for request in STUDENT_REQUESTS:
            if id(request) in self.worded:
                continue
            fitting = [
                m
                for m in students
                if request.grades[0] <= m.person.grade <= request.grades[1] and counts[id(m)] == 1
            ]
            if fitting:
                mentee = self.rng.choice(fitting)
                counts[id(mentee)] += 1
                requests.append((mentee, self._words(request, mentee.person), request.topics))

    def _fill_representative(self, student: Person) -> None:
        """A parent (now and then a grandmother who is the guardian) and how to reach them."""
        name, relation = self._representative(student)
        student.representative_name = str(name)
        student.representative_relation = relation
        student.representative_phone = _phone(self.rng)
        if self.rng.random() < 0.6:
            initials = transliterate(name.first_name)[0]
            student.representative_email = f"{initials}.{transliterate(name.last_name)}@mail.example"
        self.changed_people.append(student)

    def _representative(self, student: Person) -> tuple[FullName, str]:
        born = (student.birth_date or self.start).year
        roll = self.rng.random()
        masculine = _masculine_surname(student.last_name) if student.gender == FEMALE else student.last_name
        if roll < 0.28 and student.middle_name in FATHERS:
            father = FATHERS[student.middle_name]
            grandfather = random_first_name(self.rng, MALE, born=born - 58)
            return FullName(masculine, father, patronymic(grandfather, MALE)), "отец"
        if roll < 0.95:
            first = random_first_name(self.rng, FEMALE, born=born - 30)
            grandfather = random_first_name(self.rng, MALE, born=born - 58)
            return FullName(feminine_surname(masculine), first, patronymic(grandfather, FEMALE)), "мать"
        first = random_first_name(self.rng, FEMALE, born=born - 55)
        grandfather = random_first_name(self.rng, MALE, born=born - 83)
        return FullName(
            feminine_surname(masculine), first, patronymic(grandfather, FEMALE)
        ), "бабушка, опекун"

    # --- training -------------------------------------------------------------------------------

    def training(self, mentors: list[Mentor]) -> TrainingCourse:
        """The primary training: four weekly meetings in October, for the trained and the ready."""
        curator = self.accounts["curator"]
        psychologist = next(p for p in self.people if p.position == "Педагог-психолог")
        course = TrainingCourse.objects.create(
            organisation=self.school,
            name="Школа наставника: первичное обучение",
            kind=TrainingCourse.Kind.PRIMARY,
            format=TrainingCourse.Format.WEEKLY,
            trainer=f"{curator.full_name}, куратор программы; {psychologist.full_name}, педагог-психолог",
        )
        sessions = TrainingSession.objects.bulk_create(
            [
                TrainingSession(
                    course=course, number=n, date=self.day(TRAINING_FIRST_DAY + 7 * (n - 1)), topic=t
                )
                for n, t in enumerate(TRAINING_SESSIONS, 1)
            ]
        )
        attendees = [m for m in mentors if m.stage in (Stage.TRAINED, Stage.READY)]
        course.participants.set(attendees)
        rows = []
        for mentor in attendees:
            # Somebody misses one meeting now and then; nobody more than one.
            missed = self.rng.choice(sessions) if self.rng.random() < 0.3 else None
            rows += [Attendance(session=s, mentor=mentor, present=s is not missed) for s in sessions]
        Attendance.objects.bulk_create(rows)
        return course

    # --- consents -------------------------------------------------------------------------------

    def consents(self, mentees: list[Mentee], mentors: list[Mentor]) -> tuple[int, int, int]:
        """Everyone in the bases signed in September, except a few who did not, one whose consent
        (given for last year's programme) has run out, and one family that withdrew it."""
        accounts = {person.pk for person in self.accounts.values()}
        pupils = [m.person for m in mentees if m.person.kind == Kind.STUDENT and m.person.pk not in accounts]
        # A teacher new to the school has not brought the signed form back yet.
        newcomer = next(m.person for m in mentees if self.teacher_groups.get(m.person.pk) == "newcomer")
        no_consent = [*self.rng.sample(pupils, 2), newcomer]
        no_consent += [m.person for spec, m in zip(MENTORS, mentors, strict=True) if not spec.consent]
        skipped = {p.pk for p in no_consent}
        expired, withdrawn = self.rng.sample([p for p in pupils if p.pk not in skipped], 2)

        consents = []
        everyone = {p.pk: p for p in [m.person for m in mentees] + [m.person for m in mentors]}
        for person in everyone.values():
            if person.pk in skipped:
                continue
            consent = self._consent(person, self.some_day(CONSENT_DAYS))
            if person.pk == expired.pk:
                last_year = self.start.year - 1
                consent.signed_on = date(last_year, 9, self.rng.randint(2, 20))
                consent.expires_on = date(last_year + 1, 8, 31)
            consents.append(consent)
        Consent.objects.bulk_create(consents)

        withdrawn_consent = next(c for c in consents if c.person.pk == withdrawn.pk)
        withdraw_consent(
            consent=withdrawn_consent,
            withdrawn_on=max(self.day(WITHDRAWAL_DAY), withdrawn_consent.signed_on),
            reason=WITHDRAWAL_REASON,
            user=self.curator,
        )
        return len(no_consent), 1, 1

    def _consent(self, person: Person, signed_on: date) -> Consent:
        minor = person.kind == Kind.STUDENT and (person.age_on(signed_on) or 0) < 18
        consent = Consent(
            person=person,
            signed_on=signed_on,
            allows_processing=True,
            allows_publication=self.rng.random() < 0.6,
            recorded_by=self.curator,
        )
        if minor:
            consent.signer = Consent.Signer.REPRESENTATIVE
            consent.representative_name = person.representative_name
            consent.representative_relation = person.representative_relation
            consent.representative_document = (
                f"паспорт {self.rng.randint(4500, 4625)} № {self.rng.randint(100000, 999999)}"
            )
        else:
            consent.signer = Consent.Signer.SELF
        return consent

    # --- summary --------------------------------------------------------------------------------

    def summary(self, mentees, requests, mentors, course, people, missing, expired, withdrawn) -> str:
        ctx = self.ctx
        students = sum(1 for m in mentees if m.person.kind == Kind.STUDENT)
        topics = {key for _, _, keys in requests for key in keys}
        ready = sum(1 for m in mentors if m.stage == Stage.READY)
        without = missing + expired + withdrawn
        return (
            f"{self.school.short_name}, «{self.programme.name}»: "
            f"{ctx.count(len(mentees), ('наставляемый', 'наставляемых', 'наставляемых'))} "
            f"({ctx.count(students, ('ученик', 'ученика', 'учеников'))}, "
            f"{ctx.count(len(mentees) - students, ('педагог', 'педагога', 'педагогов'))}), "
            f"{ctx.count(len(requests), ('запрос', 'запроса', 'запросов'))} "
            f"по {ctx.count(len(topics), ('теме', 'темам', 'темам'))}, "
            f"{ctx.count(len(mentors), ('наставник', 'наставника', 'наставников'))} "
            f"({ready} {plural_ru(ready, ('готов', 'готовы', 'готовы'))} к работе), "
            f"{ctx.count(course.sessions.count(), ('занятие', 'занятия', 'занятий'))} обучения; "
            f"без действующего согласия {ctx.count(without, ('человек', 'человека', 'человек'))} "
            f"из {people}, из них {withdrawn} {plural_ru(withdrawn, ('отозвал', 'отозвали', 'отозвали'))} "
            "согласие (данные обезличены)"
        )


def _gendered(text: str, gender: str) -> str:
    """«[готов|готова]» → the form for the person's gender."""
    return GENDERED.sub(lambda match: match.group(2 if gender == FEMALE else 1), text)


def _by_name(queryset, names: dict[str, str]) -> dict:
    found = {entry.name: entry for entry in queryset}
    missing = [name for name in names.values() if name not in found]
    if missing:
        raise LookupError(f"В справочниках нет записей: {', '.join(missing)}")
    return {key: found[name] for key, name in names.items()}


def _short(person: Person) -> str:
    return FullName(person.last_name, person.first_name, person.middle_name).short


def _masculine_surname(surname: str) -> str:
    """Смирнова → Смирнов, Вишневская → Вишневский, Толстая → Толстой; Белых, Ковальчук stay."""
    for feminine, masculine in (("ская", "ский"), ("цкая", "цкий")):
        if surname.endswith(feminine):
            return surname[: -len(feminine)] + masculine
    if surname.endswith("ая"):
        return surname[:-2] + "ой"
    if surname.endswith(("ова", "ева", "ёва", "ина", "ына")):
        return surname[:-1]
    return surname


def _phone(rng: random.Random) -> str:
    return f"+7 9{rng.randint(0, 99):02d} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
