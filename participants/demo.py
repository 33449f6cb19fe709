"""The demo schools' people: students class by class, the staff room, and — for the demo school —
parents, graduates and employees of partners, the external contour of the mentor base.

Needs from the core's demo: ctx.objects["organisations"], ["email_domains"], ["users"].
Puts into ctx.objects:
    "people"          {organisation key: [Person, …]}, saved, in no particular order
    "account_people"  {username: Person} for the accounts that are people of a school
                      (curator, director, mentor, mentee, curator2, director2, curator3, director3)
    and, through participants/demo_bases.py, "mentees" and "mentors" of the demo school.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from mentoring.demo_context import DemoContext
from mentoring.demo_names import (
    FEMALE,
    MALE,
    FullName,
    patronymic,
    random_first_name,
    random_full_name,
    random_surname,
    surname_for,
    work_email,
)
from mentoring.models import Organisation, User
from participants import demo_bases
from participants.models import Person

Kind = Person.Kind
Category = Person.Category

TEACHER = "Учитель"
DEPUTY_STUDIES = "Заместитель директора по УВР"
DIRECTOR = "Директор"
# Only the demo school gets the whole circle of a mentor base: parents, graduates, partners.
DEMO_SCHOOL = "school"


@dataclass(frozen=True)
class Post:
    position: str
    subjects: str = ""
    count: int = 1
    # Only experienced teachers are appointed to it.
    senior: bool = False


@dataclass(frozen=True)
class AccountPerson:
    """The Person behind a demo account; the names come from the account."""

    username: str
    kind: str
    position: str = ""
    subjects: str = ""
    experience_years: int | None = None
    category: str = ""
    grade: int | None = None


@dataclass(frozen=True)
class Staffing:
    # The parallels and their class letters: "5АБВ 6АБ 10А"; a parallel of one class may have no letter: "5 6".
    classes: str
    class_size: tuple[int, int]
    # Fewer students stay on after the 9th grade.
    senior_class_size: tuple[int, int]
    posts: tuple[Post, ...]
    accounts: tuple[AccountPerson, ...] = ()


# The account people repeat what mentoring/demo.py says of them in the table of logins.
STAFFING = {
    "school": Staffing(
        classes="5АБВ 6АБВ 7АБВ 8АБВ 9АБ 10А 11А",
        class_size=(23, 28),
        senior_class_size=(20, 25),
        posts=(
            Post(TEACHER, "математика", 4),
            Post(TEACHER, "русский язык и литература", 4),
            Post(TEACHER, "физика", 2),
            Post(TEACHER, "химия"),
            Post(TEACHER, "биология", 2),
            Post(TEACHER, "история и обществознание", 3),
            Post(TEACHER, "английский язык", 4),
            Post(TEACHER, "немецкий язык"),
            Post(TEACHER, "информатика", 2),
            Post(TEACHER, "география"),
            Post(TEACHER, "физическая культура", 3),
            Post(TEACHER, "музыка"),
            Post(TEACHER, "изобразительное искусство"),
            Post(TEACHER, "технология", 2),
            Post(TEACHER, "ОБЗР"),
            Post(TEACHER, "начальные классы", 6),
            Post("Учитель-логопед"),
            Post("Педагог-психолог"),
            Post("Социальный педагог"),
            Post("Педагог дополнительного образования", "робототехника"),
            Post("Заместитель директора по ВР", "история и обществознание", senior=True),
        ),
        accounts=(
            AccountPerson("director", Kind.STAFF, DIRECTOR, "история и обществознание", 30, Category.HIGHEST),
            AccountPerson(
                "curator", Kind.TEACHER, DEPUTY_STUDIES, "русский язык и литература", 24, Category.HIGHEST
            ),
            AccountPerson("mentor", Kind.TEACHER, TEACHER, "математика", 20, Category.HIGHEST),
            AccountPerson("mentee", Kind.STUDENT, grade=8),
        ),
    ),
    "gymnasium": Staffing(
        classes="5А 6А 7А 8А 9А 10А 11А",
        class_size=(16, 19),
        senior_class_size=(15, 18),
        posts=(
            Post(TEACHER, "математика", 2),
            Post(TEACHER, "русский язык и литература", 2),
            Post(TEACHER, "английский язык", 2),
            Post(TEACHER, "немецкий язык"),
            Post(TEACHER, "физика"),
            Post(TEACHER, "химия, биология"),
            Post(TEACHER, "история и обществознание"),
            Post(TEACHER, "информатика"),
            Post(TEACHER, "география"),
            Post(TEACHER, "физическая культура"),
            Post("Педагог-психолог"),
        ),
        accounts=(
            AccountPerson("director2", Kind.STAFF, DIRECTOR, "математика", 27, Category.HIGHEST),
            AccountPerson("curator2", Kind.TEACHER, DEPUTY_STUDIES, "английский язык", 16, Category.FIRST),
        ),
    ),
    # A basic (nine-year) village school: one small class in each parallel, teachers with two subjects.
    "village_school": Staffing(
        classes="5 6 7 8 9",
        class_size=(10, 14),
        senior_class_size=(10, 14),
        posts=(
            Post(TEACHER, "математика, физика"),
            Post(TEACHER, "русский язык и литература"),
            Post(TEACHER, "история и обществознание, география"),
            Post(TEACHER, "биология, химия"),
            Post(TEACHER, "английский язык"),
            Post(TEACHER, "физическая культура, ОБЗР"),
            Post(TEACHER, "начальные классы"),
        ),
        accounts=(
            AccountPerson("director3", Kind.STAFF, DIRECTOR, "физическая культура", 33, Category.FIRST),
            AccountPerson("curator3", Kind.TEACHER, DEPUTY_STUDIES, "начальные классы", 19, Category.FIRST),
        ),
    ),
    "other_school": Staffing(
        classes="5А 6А 7А 8А 9А 10А 11А",
        class_size=(14, 18),
        senior_class_size=(12, 16),
        posts=(
            Post(TEACHER, "математика", 2),
            Post(TEACHER, "русский язык и литература", 2),
            Post(TEACHER, "английский язык"),
            Post(TEACHER, "история и обществознание"),
            Post(TEACHER, "биология, химия"),
            Post(TEACHER, "физика, информатика"),
            Post(TEACHER, "физическая культура"),
            Post("Педагог-психолог"),
            Post(DEPUTY_STUDIES, "география", senior=True),
        ),
    ),
}

# Most teachers are women; these subjects are more often taught by men.
MALE_SHARE = {
    "физическая культура": 0.6,
    "физическая культура, ОБЗР": 0.7,
    "ОБЗР": 0.8,
    "технология": 0.5,
    "робототехника": 0.7,
    "информатика": 0.4,
    "физика": 0.3,
    "история и обществознание": 0.3,
}
DEFAULT_MALE_SHARE = 0.12
# About one teacher in seven is a young specialist (0–3 years): the «учитель–учитель» form needs them.
YOUNG_SPECIALIST_SHARE = 0.15
MAX_EXPERIENCE = 40


@dataclass(frozen=True)
class Outsider:
    """A parent, a graduate or a partner's employee; the name is drawn."""

    gender: str
    age: int
    position: str
    employer: str
    email_domain: str = "mail.example"


# Parents of the demo school's students: each becomes the parent of one student (same surname).
PARENTS = (
    Outsider(FEMALE, 38, "Врач-педиатр", "ГБУЗ «Заречная районная больница»"),
    Outsider(MALE, 42, "Инженер-конструктор", "АО «Заречный машиностроительный завод»"),
    Outsider(FEMALE, 36, "Главный бухгалтер", "ООО «Заречный хлебокомбинат»"),
    Outsider(FEMALE, 41, "Индивидуальный предприниматель", "Цветочная мастерская «Ромашка»"),
    Outsider(MALE, 39, "Начальник караула", "Пожарно-спасательная часть № 12"),
    Outsider(FEMALE, 44, "Корреспондент", "Редакция газеты «Заречные вести»"),
    Outsider(MALE, 47, "Глава фермерского хозяйства", "КФХ «Берёзовское»"),
)
GRADUATES = (
    Outsider(
        FEMALE, 20, "Студентка 3 курса, педагогическое образование", "Областной педагогический университет"
    ),
    Outsider(MALE, 18, "Студент 2 курса, программирование", "Заречный политехнический колледж"),
    Outsider(FEMALE, 21, "Студентка 4 курса, лечебное дело", "Областной медицинский университет"),
    Outsider(MALE, 19, "Студент 1 курса, прикладная математика", "Государственный технический университет"),
    Outsider(MALE, 22, "Техник-технолог", "АО «Заречный машиностроительный завод»", "zmz.example"),
)
PARTNERS = (
    Outsider(MALE, 34, "Инженер-программист", "ООО «ТехноСервис»", "technoservice.example"),
    Outsider(
        FEMALE, 46, "Заведующая детским отделом", "МБУК «Заречная районная библиотека»", "zar-library.example"
    ),
    Outsider(MALE, 51, "Мастер участка", "АО «Заречный машиностроительный завод»", "zmz.example"),
    Outsider(FEMALE, 39, "Врач-терапевт", "ГБУЗ «Заречная районная больница»", "zar-hospital.example"),
    Outsider(FEMALE, 29, "Графический дизайнер", "Студия дизайна «Линия»", "liniya-design.example"),
)


def load(ctx: DemoContext) -> None:
    organisations: dict[str, Organisation] = ctx.objects["organisations"]
    users: dict[str, User] = ctx.objects["users"]
    domains: dict[str, str] = ctx.objects["email_domains"]
    taken = {user.email for user in users.values()}

    people: dict[str, list[Person]] = {}
    for key, staffing in STAFFING.items():
        school = _SchoolBuilder(ctx, organisations[key], domains[key], taken)
        people[key] = [
            *(school.account_person(spec, users[spec.username], staffing) for spec in staffing.accounts),
            *school.teachers(staffing.posts),
            *school.students(staffing),
        ]
        if key == DEMO_SCHOOL:
            people[key] += school.external_contour(people[key])

    Person.objects.bulk_create([person for group in people.values() for person in group])

    ctx.objects["people"] = people
    ctx.objects["account_people"] = {
        p.user.username: p for group in people.values() for p in group if p.user_id
    }
    for key, group in people.items():
        ctx.summary.append(_summary_line(ctx, organisations[key], group))
    # The demo school's mentee and mentor bases, training and consents.
    demo_bases.load(ctx)


class _SchoolBuilder:
    """Makes the (unsaved) people of one organisation."""

    def __init__(self, ctx: DemoContext, organisation: Organisation, email_domain: str, taken: set[str]):
        self.rng: random.Random = ctx.rng
        self.today = ctx.today
        self.school_year = ctx.school_year
        self.organisation = organisation
        self.email_domain = email_domain
        self.taken = taken

    def students(self, staffing: Staffing) -> list[Person]:
        students = []
        for grade, letter in parse_classes(staffing.classes):
            low, high = staffing.senior_class_size if grade >= 10 else staffing.class_size
            for _ in range(self.rng.randint(low, high)):
                gender = self.rng.choice((MALE, FEMALE))
                born = self._student_birth_date(grade)
                name = random_full_name(self.rng, gender, born=born.year)
                students.append(self._person(Kind.STUDENT, name, born, grade=grade, class_letter=letter))
        return students

    def teachers(self, posts: tuple[Post, ...]) -> list[Person]:
        seats = [post for post in posts for _ in range(post.count)]
        ordinary = sum(1 for post in seats if not post.senior)
        experiences = self._experience_mix(ordinary)
        teachers = []
        for post in seats:
            experience = self.rng.randint(12, 35) if post.senior else experiences.pop()
            gender = MALE if self.rng.random() < MALE_SHARE.get(post.subjects, DEFAULT_MALE_SHARE) else FEMALE
            born = self._birthday(self._age_for_experience(experience))
            name = random_full_name(self.rng, gender, born=born.year)
            teachers.append(
                self._person(
                    Kind.TEACHER,
                    name,
                    born,
                    position=post.position,
                    subjects=post.subjects,
                    experience_years=experience,
                    qualification_category=self._category(experience),
                    email=work_email(name, self.email_domain, self.taken),
                )
            )
        return teachers

    def account_person(self, spec: AccountPerson, user: User, staffing: Staffing) -> Person:
        name = FullName(user.last_name, user.first_name, user.middle_name)
        if spec.kind == Kind.STUDENT:
            letter = next(letter for grade, letter in parse_classes(staffing.classes) if grade == spec.grade)
            born = self._student_birth_date(spec.grade)
            return self._person(Kind.STUDENT, name, born, grade=spec.grade, class_letter=letter, user=user)
        return self._person(
            spec.kind,
            name,
            self._birthday(23 + spec.experience_years),
            position=spec.position,
            subjects=spec.subjects,
            experience_years=spec.experience_years,
            qualification_category=spec.category,
            email=user.email,
            user=user,
        )

    def external_contour(self, students: list[Person]) -> list[Person]:
        """Parents of some of the students, graduates, and employees of partners."""
        children = self.rng.sample(
            [p for p in students if p.kind == Kind.STUDENT and not p.user_id], len(PARENTS)
        )
        parents = [self._parent(outsider, child) for outsider, child in zip(PARENTS, children, strict=True)]
        graduates = [self._outsider(Kind.GRADUATE, outsider) for outsider in GRADUATES]
        partners = [self._outsider(Kind.EXTERNAL, outsider) for outsider in PARTNERS]
        return parents + graduates + partners

    def _parent(self, outsider: Outsider, child: Person) -> Person:
        born = self._birthday(outsider.age)
        surname = random_surname(self.rng)
        name = random_full_name(self.rng, outsider.gender, born=born.year, surname=surname)
        # The child joins the parent's family: the same surname, and the father's name in the patronymic.
        father = (
            name.first_name if outsider.gender == MALE else random_first_name(self.rng, MALE, born=born.year)
        )
        child.last_name = surname_for(surname, child.gender)
        child.middle_name = patronymic(father, child.gender)
        return self._outsider(Kind.PARENT, outsider, name=name, born=born)

    def _outsider(
        self, kind: str, outsider: Outsider, *, name: FullName | None = None, born: date | None = None
    ) -> Person:
        born = born or self._birthday(outsider.age)
        name = name or random_full_name(self.rng, outsider.gender, born=born.year)
        return self._person(
            kind,
            name,
            born,
            position=outsider.position,
            employer=outsider.employer,
            email=work_email(name, outsider.email_domain, self.taken),
        )

    def _person(self, kind: str, name: FullName, born: date, **fields) -> Person:
        return Person(
            organisation=self.organisation,
            kind=kind,
            last_name=name.last_name,
            first_name=name.first_name,
            middle_name=name.middle_name,
            gender=name.gender,
            birth_date=born,
            **fields,
        )

    def _student_birth_date(self, grade: int) -> date:
        # Children start the 1st grade aged 6½ to 7½, so a class is born within one year, March to February.
        first_grade_year = self.school_year - grade + 1
        earliest = date(first_grade_year - 7, 3, 1)
        latest = date(first_grade_year - 6, 3, 1) - timedelta(days=1)
        return earliest + timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _birthday(self, age: int) -> date:
        """A birth date of someone who turns `age` this calendar year."""
        year = self.today.year - age
        return date(year, 1, 1) + timedelta(days=self.rng.randint(0, 364))

    def _experience_mix(self, count: int) -> list[int]:
        """Years of experience of a staff room: a few young specialists, most with long service."""
        young = max(1, round(count * YOUNG_SPECIALIST_SHARE))
        years = [self.rng.randint(0, 3) for _ in range(young)]
        years += [round(self.rng.triangular(4, MAX_EXPERIENCE, 18)) for _ in range(count - young)]
        self.rng.shuffle(years)
        return years

    def _age_for_experience(self, experience: int) -> int:
        # Teachers start at 22–23 after university; some came to school later from another job.
        late_start = self.rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 8))
        if experience <= 3:
            late_start = min(late_start, 3)  # young specialists are under 35
        return 22 + experience + min(late_start, 67 - 22 - experience)

    def _category(self, experience: int) -> str:
        # A category is earned by attestation, not before a few years of work.
        if experience <= 3:
            return Category.NONE
        if experience < 10:
            choices, weights = (Category.NONE, Category.CONFORMITY, Category.FIRST), (1, 4, 4)
        else:
            choices, weights = (Category.CONFORMITY, Category.FIRST, Category.HIGHEST), (1, 4, 5)
        return self.rng.choices(choices, weights)[0]


def parse_classes(spec: str) -> list[tuple[int, str]]:
    """ "5АБ 6" → [(5, "А"), (5, "Б"), (6, "")]."""
    classes = []
    for parallel in spec.split():
        grade = int("".join(ch for ch in parallel if ch.isdigit()))
        letters = [ch for ch in parallel if not ch.isdigit()] or [""]
        classes += [(grade, letter) for letter in letters]
    return classes


def _summary_line(ctx: DemoContext, organisation: Organisation, people: list[Person]) -> str:
    by_kind = Counter(person.kind for person in people)
    classes = {(p.grade, p.class_letter) for p in people if p.kind == Kind.STUDENT}
    parts = [
        ctx.count(by_kind[Kind.STUDENT], ("ученик", "ученика", "учеников"))
        + f" ({ctx.count(len(classes), ('класс', 'класса', 'классов'))})",
        ctx.count(by_kind[Kind.TEACHER], ("педагог", "педагога", "педагогов")),
    ]
    others = (
        (Kind.PARENT, ("родитель", "родителя", "родителей")),
        (Kind.GRADUATE, ("выпускник", "выпускника", "выпускников")),
        (Kind.EXTERNAL, ("представитель партнёров", "представителя партнёров", "представителей партнёров")),
    )
    parts += [ctx.count(by_kind[kind], forms) for kind, forms in others if by_kind[kind]]
    return f"{organisation.short_name}: {', '.join(parts)}"
