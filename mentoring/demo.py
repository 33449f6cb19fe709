"""The core's demo data: a district with three schools, a school of a neighbouring district,
their programmes, and the accounts to log in with (password «demo»).

What it puts into ctx.objects for the apps loaded after it:
    "municipality"         the district of the demo school
    "other_municipality"   the neighbouring district (its school is outside the municipal curator's view)
    "organisations"        {"school" | "gymnasium" | "village_school" | "other_school": Organisation}
    "school"               the demo school, МБОУ СОШ № 7 (= organisations["school"])
    "email_domains"        {organisation key: the domain of its staff's work e-mail}
    "programmes"           {organisation key: its current, running Programme}
    "programme"            the demo school's current programme «Путь к успеху!»
    "previous_programme"   the demo school's programme of the last school year (roadmap/demo_last_year.py
                           fills and closes it)
    "users"                {username: User}: curator, director, mentor, mentee, municipal, admin,
                           curator2, director2 (gymnasium), curator3, director3 (village school)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password

from mentoring import services
from mentoring.demo_context import DEMO_PASSWORD, DemoContext, DemoLogin
from mentoring.demo_names import FullName, work_email
from mentoring.models import MentoringForm, Municipality, Organisation, Programme, RoleVariant, User
from mentoring.reference_data import install_default_forms
from mentoring.roles import Role

DISTRICT = "Заречный муниципальный район"
OTHER_DISTRICT = "Озёрский муниципальный округ"
DISTRICT_EMAIL_DOMAIN = "uo-zarechny.example"


@dataclass(frozen=True)
class SchoolData:
    key: str
    name: str
    short_name: str
    kind: str
    address: str
    email_domain: str
    in_district: bool = True
    # The head of a school without a director's account; the others sign with their director's name.
    head: FullName | None = None


SCHOOLS = (
    SchoolData(
        key="school",
        name="Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
        short_name="МБОУ СОШ № 7",
        kind=Organisation.Kind.SCHOOL,
        address="г. Заречный, ул. Школьная, д. 12",
        email_domain="school7.example",
    ),
    SchoolData(
        key="gymnasium",
        name="Муниципальное автономное общеобразовательное учреждение «Гимназия № 2»",
        short_name="МАОУ «Гимназия № 2»",
        kind=Organisation.Kind.GYMNASIUM,
        address="г. Заречный, просп. Мира, д. 5",
        email_domain="gymnasium2.example",
    ),
    SchoolData(
        key="village_school",
        name="Муниципальное казённое общеобразовательное учреждение «Берёзовская основная общеобразовательная школа»",
        short_name="МКОУ «Берёзовская ООШ»",
        kind=Organisation.Kind.SCHOOL,
        address="Заречный район, с. Берёзовка, ул. Центральная, д. 3",
        email_domain="berezovka-school.example",
    ),
    SchoolData(
        key="other_school",
        name="Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1 пгт Озёрный»",
        short_name="МБОУ СОШ № 1 пгт Озёрный",
        kind=Organisation.Kind.SCHOOL,
        address="Озёрский округ, пгт Озёрный, ул. Лесная, д. 8",
        email_domain="ozerny-school1.example",
        in_district=False,
        head=FullName("Карпова", "Галина", "Викторовна"),
    ),
)


@dataclass(frozen=True)
class Account:
    username: str
    name: FullName
    role: Role  # Role.STAFF: the system administrator, who holds no membership
    school: str | None  # an organisation key; None for the district and system roles
    who: str  # for the table of logins
    in_main_table: bool = True


# The facts about each person here (position, subject, class) are repeated in participants/demo.py,
# which creates their Person records: keep the two in step.
ACCOUNTS = (
    Account(
        "curator",
        FullName("Белова", "Ирина", "Викторовна"),
        Role.CURATOR,
        "school",
        "заместитель директора по УВР, куратор программы «Путь к успеху!»",
    ),
    Account(
        "director", FullName("Соколов", "Андрей", "Николаевич"), Role.DIRECTOR, "school", "директор школы"
    ),
    Account(
        "mentor",
        FullName("Ковальчук", "Наталья", "Сергеевна"),
        Role.MENTOR,
        "school",
        "учитель математики, высшая категория, стаж 20 лет",
    ),
    Account("mentee", FullName("Никитин", "Артём", "Ильич"), Role.MENTEE, "school", "ученик 8 класса"),
    Account(
        "municipal",
        FullName("Толстая", "Елена", "Павловна"),
        Role.MUNICIPAL,
        None,
        f"специалист управления образования, {DISTRICT}",
    ),
    Account(
        "admin",
        FullName("Крылов", "Денис", "Олегович"),
        Role.STAFF,
        None,
        "все школы, справочники и раздел /admin/",
    ),
    Account(
        "curator2",
        FullName("Жукова", "Марина", "Андреевна"),
        Role.CURATOR,
        "gymnasium",
        "заместитель директора по УВР",
        in_main_table=False,
    ),
    Account(
        "director2",
        FullName("Громова", "Светлана", "Петровна"),
        Role.DIRECTOR,
        "gymnasium",
        "директор гимназии",
        in_main_table=False,
    ),
    Account(
        "curator3",
        FullName("Луговая", "Людмила", "Николаевна"),
        Role.CURATOR,
        "village_school",
        "заместитель директора по УВР",
        in_main_table=False,
    ),
    Account(
        "director3",
        FullName("Белых", "Василий", "Иванович"),
        Role.DIRECTOR,
        "village_school",
        "директор школы",
        in_main_table=False,
    ),
)


@dataclass(frozen=True)
class ProgrammeData:
    school: str
    name: str
    forms: tuple[str, ...]
    goal: str
    last_year: bool = False


PROGRAMMES = (
    ProgrammeData(
        "school",
        "Путь к успеху!",
        ("student-student", "teacher-teacher", "teacher-student"),
        "Помочь каждому участнику раскрыть свои способности и почувствовать поддержку: ученикам — "
        "поверить в себя, подтянуть учёбу и найти дело по душе; молодым учителям — быстрее освоиться "
        "в профессии и в коллективе; опытным педагогам — поделиться опытом и попробовать новое.",
    ),
    ProgrammeData(
        "school",
        "Шаг навстречу",
        ("student-student", "teacher-teacher"),
        "Поддержать молодых учителей в первые годы работы и помочь пятиклассникам привыкнуть "
        "к средней школе: к новым учителям, кабинетам и нагрузке.",
        last_year=True,
    ),
    ProgrammeData(
        "gymnasium",
        "Открываем таланты",
        ("student-student", "teacher-student"),
        "Поддержать сильных учеников в олимпиадах и исследовательских проектах и вовлечь в проекты "
        "тех, кто пока держится в стороне.",
    ),
    ProgrammeData(
        "village_school",
        "Ступени роста",
        ("teacher-teacher", "teacher-student"),
        "Дать небольшому коллективу сельской школы опору друг в друге, а ученикам — помощь "
        "в учёбе и в выборе профессии.",
    ),
    ProgrammeData(
        "other_school",
        "Новые горизонты",
        ("student-student", "employer-student"),
        "Вместе с предприятиями округа познакомить старшеклассников с профессиями, а младшим "
        "ученикам помочь освоиться в школе.",
    ),
)


def load(ctx: DemoContext) -> None:
    # The reference data normally comes from a migration; a flushed test database has lost it.
    install_default_forms(MentoringForm, RoleVariant)
    district = Municipality.objects.create(name=DISTRICT)
    other_district = Municipality.objects.create(name=OTHER_DISTRICT)
    districts = (district, other_district)
    organisations = _create_organisations(district, other_district)
    users = _create_accounts(organisations, district)
    programmes = _create_programmes(ctx, organisations)

    current = {p.organisation_id: p for p in programmes if p.is_current}
    ctx.objects.update(
        municipality=district,
        other_municipality=other_district,
        organisations=organisations,
        school=organisations["school"],
        email_domains={school.key: school.email_domain for school in SCHOOLS},
        programmes={key: current[org.pk] for key, org in organisations.items()},
        programme=current[organisations["school"].pk],
        previous_programme=next(p for p in programmes if not p.is_current),
        users=users,
    )
    _add_logins(ctx, organisations)
    ctx.summary.append(
        ", ".join(
            (
                ctx.count(len(districts), ("муниципалитет", "муниципалитета", "муниципалитетов")),
                ctx.count(len(organisations), ("организация", "организации", "организаций")),
                ctx.count(len(programmes), ("программа", "программы", "программ")) + " наставничества",
                ctx.count(len(users), ("учётная запись", "учётные записи", "учётных записей")),
            )
        )
    )


def _create_organisations(district: Municipality, other_district: Municipality) -> dict[str, Organisation]:
    directors = {a.school: a.name for a in ACCOUNTS if a.role == Role.DIRECTOR}
    return {
        school.key: Organisation.objects.create(
            municipality=district if school.in_district else other_district,
            name=school.name,
            short_name=school.short_name,
            kind=school.kind,
            address=school.address,
            head_name=str(school.head or directors[school.key]),
        )
        for school in SCHOOLS
    }


def _create_accounts(organisations: dict[str, Organisation], district: Municipality) -> dict[str, User]:
    # Hashing is slow on purpose (≈0.4 s a password): the demo accounts share one hash of «demo».
    password_hash = make_password(DEMO_PASSWORD)
    domains = {school.key: school.email_domain for school in SCHOOLS}
    taken: set[str] = set()
    users = {}
    for account in ACCOUNTS:
        email = work_email(account.name, domains.get(account.school, DISTRICT_EMAIL_DOMAIN), taken)
        user = services.create_user(
            username=account.username,
            password=None,
            last_name=account.name.last_name,
            first_name=account.name.first_name,
            middle_name=account.name.middle_name,
            email=email,
            is_staff=account.role == Role.STAFF,
        )
        user.password = password_hash
        user.is_superuser = user.is_staff
        user.save(update_fields=["password", "is_superuser"])
        if account.role == Role.MUNICIPAL:
            services.grant_role(user=user, role=account.role, municipality=district)
        elif account.role != Role.STAFF:
            services.grant_role(user=user, role=account.role, organisation=organisations[account.school])
        users[account.username] = user
    return users


def school_year_period(start_year: int) -> tuple[date, date]:
    """1 September – 31 May of the school year that starts in `start_year`."""
    return date(start_year, 9, 1), date(start_year + 1, 5, 31)


def _current_period(ctx: DemoContext) -> tuple[date, date]:
    start, end = school_year_period(ctx.school_year)
    # In the summer the lessons are over but the programme is still being closed (final
    # questionnaires, the report), so the demo keeps it running through August.
    if ctx.today > end:
        end = date(end.year, 8, 31)
    return start, end


def _create_programmes(ctx: DemoContext, organisations: dict[str, Organisation]) -> list[Programme]:
    forms = MentoringForm.objects.in_bulk(field_name="code")
    programmes = []
    previous: dict[str, Programme] = {}
    # Last year's first: this year's was started from it. It runs until the roadmap's demo fills it
    # with its results and closes it; the running one created next becomes current.
    for data in sorted(PROGRAMMES, key=lambda p: not p.last_year):
        start, end = school_year_period(ctx.school_year - 1) if data.last_year else _current_period(ctx)
        programme = services.create_programme(
            organisation=organisations[data.school],
            name=data.name,
            start_date=start,
            end_date=end,
            forms=[forms[code] for code in data.forms],
            goal=data.goal,
            status=Programme.Status.RUNNING,
            make_current=not data.last_year,
            previous=None if data.last_year else previous.get(data.school),
        )
        if data.last_year:
            previous[data.school] = programme
        programmes.append(programme)
    for programme in programmes:  # which one is current was settled as they were created
        programme.refresh_from_db()
    return programmes


def _add_logins(ctx: DemoContext, organisations: dict[str, Organisation]) -> None:
    more: dict[str, list[str]] = {}
    for account in ACCOUNTS:
        if account.in_main_table:
            where = organisations[account.school].short_name if account.school else ""
            description = f"{account.name} — {account.who}" + (f" ({where})" if where else "")
            ctx.logins.append(DemoLogin(account.username, account.role.label, description))
        else:
            more.setdefault(account.school, []).append(account.username)
    for key, usernames in more.items():
        ctx.more_logins.append(f"{', '.join(usernames)} — {organisations[key].short_name}")
