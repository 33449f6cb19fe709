"""The participant bases under load, for `manage.py benchmark` (see mentoring/benchmarking.py).

Builds one large school: by default 5,000 people (≈4,300 students of grades 5–11 in 40+ classes,
teachers and other staff, parents, graduates and partners' employees), 3,000 mentees with one or two
requests each, 300 mentors at every stage, consents for most of them — all with bulk inserts. Then,
as the school's curator, it measures the base pages, the import of a class list of as many new
students as there are people (upload with its preview, then confirm), and the export of the mentee base.
"""

from __future__ import annotations

import io
import math
import random
from datetime import date, timedelta

from django.utils import timezone
from openpyxl import Workbook, load_workbook

from mentoring import services
from mentoring.benchmarking import Bench, BenchmarkError, create_bench_school
from mentoring.demo_names import FEMALE, MALE, random_full_name
from mentoring.roles import Role
from participants.exporting import export_mentee_base
from participants.importing import read_sheet
from participants.models import Consent, Mentee, MenteeCategory, MenteeRequest, Mentor, Person, Topic
from participants.services.imports import confirm_upload, store_upload, stored_preview
from participants.services.mentors import default_contour

SEED = 4
BATCH = 1000
CLASS_SIZE = 28
LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"
GRADES = range(5, 12)
# The shares of a big school's circle, of all its people.
STUDENTS_SHARE = 0.86
TEACHERS_SHARE = 0.05
STAFF_SHARE = 0.01
PARENTS_SHARE = 0.06
# The rest: graduates and employees of partners, half and half.
TEACHER_MENTEES_SHARE = 0.05
CONSENT_SHARE = 0.92
PAGES = ("person_list", "mentee_list", "request_map", "mentor_list")

REQUESTS = (
    "Нужна помощь с математикой: не успеваю за классом",
    "Хочу подготовиться к ОГЭ по русскому языку",
    "Хочу участвовать в олимпиаде по биологии",
    "Не знаю, какую профессию выбрать",
    "Трудно общаться с одноклассниками",
    "Хочу сделать исследовательский проект",
    "Хочу найти кружок по интересам",
    "Хочу научиться программировать",
    "Нужна помощь в классном руководстве",
    "Не получается удержать дисциплину на уроке",
)


def run(bench: Bench) -> None:
    people, mentees = bench.options["people"], bench.options["mentees"]
    with bench.timer("build_school"):
        school = SyntheticSchool(people=people, mentees=mentees).build()
    bench.record("people", Person.objects.filter(organisation=school.organisation).count(), "people")
    bench.record("mentees", Mentee.objects.filter(programme=school.programme).count(), "mentees")
    bench.record(
        "mentee_requests",
        MenteeRequest.objects.filter(mentee__programme=school.programme).count(),
        "requests",
    )
    bench.record("mentors", Mentor.objects.filter(organisation=school.organisation).count(), "mentors")

    for name in PAGES:
        bench.page(name, name, user=school.curator)

    measure_import(bench, school, rows=people)
    measure_export(bench, school)


def measure_import(bench: Bench, school: SyntheticSchool, *, rows: int) -> None:
    """A class list of `rows` new students as the electronic journal exports it, as the pages take it:
    the upload (the book read once and checked, its rows kept), then the confirmation (the kept rows
    checked again and written)."""
    content = school.class_list(rows)
    name = f"import_{rows}_rows"
    with bench.timer(f"{name}_preview"):
        upload = store_upload(
            organisation=school.organisation,
            programme=school.programme,
            user=school.curator,
            sheet=read_sheet(io.BytesIO(content)),
        )
        preview = stored_preview(upload)
    if not preview.ok or preview.to_create != rows:
        first = "; ".join(str(error) for error in preview.errors[:3])
        raise BenchmarkError(f"Предпросмотр импорта: создать {preview.to_create} из {rows}; {first}")
    with bench.timer(f"{name}_confirm"):
        confirm_upload(upload=upload, programme=school.programme, kind=None, user=school.curator)
    preview_time, confirm_time = (figure.value for figure in bench.figures[-2:])
    bench.record(f"{name}_total", preview_time + confirm_time, "s")


def measure_export(bench: Bench, school: SyntheticSchool) -> None:
    with bench.timer("export_mentee_base"):
        content = export_mentee_base(programme=school.programme, user=school.curator)
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    bench.record("export_mentee_base_rows", sum(1 for _ in sheet.iter_rows(min_row=2)), "rows")
    bench.record("export_mentee_base_size", len(content) / 1024, "KB")


class SyntheticSchool:
    """A big school of made-up people; `build()` saves it with a few dozen bulk inserts."""

    def __init__(self, *, people: int, mentees: int):
        self.size = people
        self.mentee_count = mentees
        self.mentor_count = max(10, mentees // 10)
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.school_year = self.today.year if self.today.month >= 9 else self.today.year - 1
        self.start = date(self.school_year, 9, 1)
        self.names: set[tuple[str, str, str, date]] = set()

    def build(self) -> SyntheticSchool:
        self.organisation, self.programme = create_bench_school(
            name="Муниципальное бюджетное общеобразовательное учреждение «Образовательный комплекс № 1»",
            short_name="МБОУ ОК № 1",
            programme_name="Вместе к успеху",
            school_year=self.school_year,
        )
        self.curator = services.create_user(
            username=f"bench-curator-{self.organisation.pk}",
            password=None,
            last_name="Кураторова",
            first_name="Вера",
            middle_name="Павловна",
        )
        services.grant_role(user=self.curator, role=Role.CURATOR, organisation=self.organisation)
        self.topics = list(Topic.objects.for_organisation(self.organisation).values_list("pk", flat=True))
        self.categories = list(
            MenteeCategory.objects.for_organisation(self.organisation).values_list("pk", flat=True)
        )
        people = self._people()
        Person.objects.bulk_create(people, batch_size=BATCH)
        mentees = self._mentees(people)
        mentors = self._mentors(people, {m.person_id for m in mentees})
        self._consents([m.person for m in mentees] + [m.person for m in mentors])
        return self

    # --- people ---------------------------------------------------------------------------------

    def _people(self) -> list[Person]:
        students = round(self.size * STUDENTS_SHARE)
        teachers = max(5, round(self.size * TEACHERS_SHARE))
        staff = max(1, round(self.size * STAFF_SHARE))
        parents = max(2, round(self.size * PARENTS_SHARE))
        others = max(2, self.size - students - teachers - staff - parents)
        students = self.size - teachers - staff - parents - others
        people = self._students(students)
        people += [self._adult(Person.Kind.TEACHER) for _ in range(teachers)]
        people += [self._adult(Person.Kind.STAFF) for _ in range(staff)]
        people += [self._adult(Person.Kind.PARENT) for _ in range(parents)]
        people += [
            self._adult(self.rng.choice((Person.Kind.GRADUATE, Person.Kind.EXTERNAL))) for _ in range(others)
        ]
        return people

    def _students(self, count: int) -> list[Person]:
        per_grade = math.ceil(count / len(GRADES))
        letters = LETTERS[: max(1, min(len(LETTERS), round(per_grade / CLASS_SIZE)))]
        students = []
        for n in range(count):
            grade = GRADES[n % len(GRADES)]
            born = self._birth_date(self.school_year - grade - 6)
            name = self._name(born)
            students.append(
                Person(
                    organisation=self.organisation,
                    kind=Person.Kind.STUDENT,
                    last_name=name[0],
                    first_name=name[1],
                    middle_name=name[2],
                    gender=name.gender,
                    birth_date=born,
                    grade=grade,
                    class_letter=letters[(n // len(GRADES)) % len(letters)],
                    representative_name=f"{name[0]} Мария Ивановна",
                    representative_relation="мать",
                    representative_phone=f"+7 900 {n % 1000:03d}-{n % 100:02d}-{n % 97:02d}",
                    external_id=f"S{n:06d}",
                )
            )
        return students

    def _adult(self, kind: str) -> Person:
        born = self._birth_date(self.today.year - self.rng.randint(19, 64))
        name = self._name(born)
        experience = self.rng.randint(0, 35) if kind == Person.Kind.TEACHER else None
        return Person(
            organisation=self.organisation,
            kind=kind,
            last_name=name[0],
            first_name=name[1],
            middle_name=name[2],
            gender=name.gender,
            birth_date=born,
            position="Учитель" if kind == Person.Kind.TEACHER else "Специалист",
            subjects="математика" if kind == Person.Kind.TEACHER else "",
            experience_years=experience,
            employer="" if kind in (Person.Kind.TEACHER, Person.Kind.STAFF) else "ООО «Партнёр»",
            email=f"person{len(self.names)}@bench.example",
        )

    def _birth_date(self, year: int) -> date:
        return date(year, 1, 1) + timedelta(days=self.rng.randint(0, 364))

    def _name(self, born: date):
        """A name not yet used with this birth date: the import matches people on both."""
        while True:
            name = random_full_name(self.rng, self.rng.choice((MALE, FEMALE)), born=born.year)
            key = (*(part.lower().replace("ё", "е") for part in name), born)
            if key not in self.names:
                self.names.add(key)
                return name
            born += timedelta(days=1)

    # --- the bases ------------------------------------------------------------------------------

    def _mentees(self, people: list[Person]) -> list[Mentee]:
        teachers = [p for p in people if p.kind == Person.Kind.TEACHER]
        students = [p for p in people if p.kind == Person.Kind.STUDENT]
        from_teachers = min(len(teachers) // 2, round(self.mentee_count * TEACHER_MENTEES_SHARE))
        chosen = self.rng.sample(teachers, from_teachers)
        chosen += self.rng.sample(students, min(len(students), self.mentee_count - from_teachers))
        statuses = [Mentee.Status.WAITING] * 6 + [Mentee.Status.IN_PAIR] * 3 + [Mentee.Status.LEFT]
        mentees = [
            Mentee(
                programme=self.programme,
                person=person,
                entry_date=self.start + timedelta(days=self.rng.randint(0, 30)),
                status=self.rng.choice(statuses),
            )
            for person in chosen
        ]
        Mentee.objects.bulk_create(mentees, batch_size=BATCH)
        Categories = Mentee.categories.through
        Categories.objects.bulk_create(
            [
                Categories(mentee_id=mentee.pk, menteecategory_id=category)
                for mentee in mentees
                for category in self.rng.sample(self.categories, self.rng.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        requests = [
            MenteeRequest(mentee=mentee, text=self.rng.choice(REQUESTS))
            for mentee in mentees
            for _ in range(self.rng.randint(1, 2))
        ]
        MenteeRequest.objects.bulk_create(requests, batch_size=BATCH)
        Topics = MenteeRequest.topics.through
        Topics.objects.bulk_create(
            [
                Topics(menteerequest_id=request.pk, topic_id=topic)
                for request in requests
                for topic in self.rng.sample(self.topics, self.rng.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        return mentees

    def _mentors(self, people: list[Person], mentee_people: set[int]) -> list[Mentor]:
        free = [p for p in people if p.pk not in mentee_people and p.kind != Person.Kind.STAFF]
        seniors = [p for p in free if p.kind != Person.Kind.STUDENT or p.grade >= 10]
        chosen = self.rng.sample(seniors, min(len(seniors), self.mentor_count))
        mentors = [
            Mentor(
                organisation=self.organisation,
                person=person,
                contour=default_contour(person),
                stage=self.rng.choice(Mentor.Stage.values),
                capacity=self.rng.randint(1, 3),
                competences="Помощь с учёбой и с выбором профессии",
                motivation="Хочу помочь",
                agrees_future_programmes=self.rng.random() < 0.7,
            )
            for person in chosen
        ]
        Mentor.objects.bulk_create(mentors, batch_size=BATCH)
        Topics = Mentor.topics.through
        Topics.objects.bulk_create(
            [
                Topics(mentor_id=mentor.pk, topic_id=topic)
                for mentor in mentors
                for topic in self.rng.sample(self.topics, self.rng.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        return mentors

    def _consents(self, people: list[Person]) -> None:
        consents = []
        for person in people:
            if self.rng.random() >= CONSENT_SHARE:
                continue
            consent = Consent(person=person, signed_on=self.start + timedelta(days=self.rng.randint(0, 20)))
            if person.kind == Person.Kind.STUDENT:
                consent.signer = Consent.Signer.REPRESENTATIVE
                consent.representative_name = person.representative_name
                consent.representative_relation = person.representative_relation
            consents.append(consent)
        Consent.objects.bulk_create(consents, batch_size=BATCH)

    # --- the file to import ---------------------------------------------------------------------

    def class_list(self, rows: int) -> bytes:
        """New students, as an electronic journal exports a class list: some dates typed as text."""
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Список класса")
        sheet.append(["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс"])
        for n in range(rows):
            grade = GRADES[n % len(GRADES)]
            born = self._birth_date(self.school_year - grade - 6)
            last, first, middle = self._name(born)
            birth = born.strftime("%d.%m.%Y") if n % 3 == 0 else born
            sheet.append([n + 1, last, first, middle, birth, f"{grade}{LETTERS[n % 4]}"])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
