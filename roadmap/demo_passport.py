"""The demo programme's passport: its texts filled in, the three standard KPI lines (installed with the
programme, three years of targets each) and one more entered by hand, approved by the director.

Goes through the services, so the demo passport obeys the same rules as the ones users make."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mentoring.models import Programme, User
from roadmap.models import Indicator, Passport
from roadmap.services import passport as services
from roadmap.services.setup import install_passport, target_years

TARGET_AUDIENCE = (
    "Обучающиеся 5–11 классов:\n"
    "— с высокими образовательными результатами, которым нужен собеседник для роста;\n"
    "— с низкой учебной мотивацией или трудностями в отдельных предметах;\n"
    "— с ограниченными возможностями здоровья;\n"
    "— пришедшие в школу недавно и ещё не освоившиеся в классе;\n"
    "— не включённые в жизнь школы.\n"
    "Педагоги:\n"
    "— молодые специалисты в первые три года работы;\n"
    "— учителя, пришедшие в школу из другой организации;\n"
    "— опытные коллеги, которым нужна помощь с цифровыми инструментами."
)
TASKS = (
    "1. Помочь каждому наставляемому справиться с тем, что его беспокоит: учёба, общение, адаптация.\n"
    "2. Поддержать молодых учителей в первые годы работы, чтобы они остались в профессии.\n"
    "3. Дать старшеклассникам опыт ответственности за младших.\n"
    "4. Собрать базу наставников — учителей, обучающихся, выпускников, партнёров — и обучить их.\n"
    "5. Вести учёт участников и регулярно сверять ожидания с результатами."
)
EXPECTED_RESULTS = (
    "1. Выросли учебные результаты и интерес к учёбе у наставляемых обучающихся.\n"
    "2. Молодые педагоги увереннее ведут уроки и работают с классом, никто из них не ушёл из школы.\n"
    "3. В классах и в педагогическом коллективе спокойнее и дружнее.\n"
    "4. Больше обучающихся занято в кружках, секциях и проектах.\n"
    "5. Часть наставляемых готова сама стать наставниками в следующем году."
)
PARTNERS = (
    "Районный дом детского творчества — занятия и площадки для совместных проектов пар «ученик – ученик».\n"
    "Совет выпускников школы — наставники внешнего контура."
)
MANUAL_TITLE = "Доля наставников, прошедших обучение"
MANUAL_NOTE = "По журналу курса «Школа наставника»"
MANUAL_TARGETS = (Decimal(80), Decimal(90), Decimal(100))


def load_passport(*, programme: Programme, curator: User, director: User, today: date) -> None:
    install_passport(programme)  # in case the programme predates the roadmap app
    passport = Passport.objects.get(programme=programme)
    passport = services.update_passport(
        passport=passport,
        version=passport.version,
        user=curator,
        curators=f"{curator.get_full_name()}, заместитель директора по учебно-воспитательной работе",
        target_audience=TARGET_AUDIENCE,
        tasks=TASKS,
        expected_results=EXPECTED_RESULTS,
        partners=PARTNERS,
    )
    if not programme.indicators.filter(title=MANUAL_TITLE).exists():
        services.create_indicator(
            programme=programme,
            project="Внутренний показатель школы",
            title=MANUAL_TITLE,
            measure=Indicator.Measure.MANUAL,
            unit="%",
            manual_value=Decimal(75),
            manual_note=MANUAL_NOTE,
            targets=dict(zip(target_years(programme), MANUAL_TARGETS, strict=False)),
            user=curator,
        )
    passport.refresh_from_db()
    services.approve_passport(passport=passport, version=passport.version, user=director, day=today)
