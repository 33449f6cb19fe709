"""Pairs under load, for `manage.py benchmark` (see mentoring/benchmarking.py).

Builds, with bulk inserts, a separate school with 1,000 mentees waiting for a mentor (students of grades
5–9 and some young teachers, each with one or two requests on topics) and 300 ready mentors (senior
students and teachers, capacities 1–5, topics and competences, preferred ages for some), consents for
all, and some preferences after the common meeting. Then it times «подобрать пары» end to end
(`match_1000x300`: load, score, assign — the issue wants it under 2 s), records how many mentees the
optimum pairs, its total score and what the greedy pick would score, and accepts 300 rows as draft pairs
through the service, timed apart. The school stays for the other measurements: `build_matched_school`
returns it with its pairs (e.g. for the order PDF with 300 pairs).

Smaller runs (the project's tests) pass `--mentees` under 1,000: the school shrinks in proportion.
The optimum itself is checked against exhaustive search in tests/test_assignment.py.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from mentoring import services
from mentoring.benchmarking import Bench, BenchmarkError, create_bench_school
from mentoring.demo_names import FEMALE, MALE, random_full_name
from mentoring.models import Organisation, Programme, User
from mentoring.roles import Role
from pairs.documents.order import render_order_pdf
from pairs.documents.order_docx import render_order_docx
from pairs.matching.assignment import MatchPlan, build_problem, plan_matches
from pairs.matching.candidates import load_pool
from pairs.models import Pair, Preference
from pairs.services.matching import accept_matches
from pairs.services.orders import create_order
from participants.models import Consent, Mentee, MenteeRequest, Mentor, Person, Topic
from participants.models.vocabulary import VocabularyEntry

SEED = 5
BATCH = 1000
# The sizes the issue names; smaller runs scale all three down together.
MATCH_MENTEES = 1000
MATCH_MENTORS = 300
ACCEPTED = 300
TEACHER_MENTEES_SHARE = 0.08
STUDENT_MENTORS_SHARE = 0.35
MENTEE_CHOOSES_SHARE = 0.2
MENTOR_CHOOSES_SHARE = 0.3
SUBJECTS = ("математика", "русский язык", "физика", "биология", "история", "английский язык", "информатика")

STUDENT_REQUESTS = (
    "Хочу подтянуть алгебру и геометрию",
    "Хочу подготовиться к ОГЭ по русскому языку",
    "Хочу участвовать в олимпиаде по биологии",
    "Не знаю, какую профессию выбрать",
    "Трудно общаться с одноклассниками",
    "Хочу сделать исследовательский проект по истории",
    "Хочу научиться программировать",
    "Хочу в школьное самоуправление",
)
TEACHER_REQUESTS = (
    "Нужна помощь в классном руководстве",
    "Не получается удержать дисциплину на уроке",
    "Хочу подготовиться к аттестации",
    "Как планировать уроки по новой программе",
    "Хочу освоить цифровые инструменты на уроках",
)
COMPETENCES = (
    "алгебра, геометрия, подготовка к олимпиадам",
    "подготовка к ОГЭ и ЕГЭ по русскому языку",
    "исследовательские проекты, биология, экология",
    "профориентация, выбор профессии",
    "программирование, цифровые инструменты",
    "классное руководство, работа с родителями",
    "дисциплина на уроке, трудный класс",
    "методика, планирование уроков, аттестация",
    "школьное самоуправление, лидерство",
)


def sizes(bench: Bench) -> tuple[int, int, int]:
    """(mentees, mentors, pairs to accept): the issue's 1,000 × 300 and 300, or less for a smaller run."""
    mentees = max(10, min(MATCH_MENTEES, int(bench.options.get("mentees", MATCH_MENTEES))))
    scale = mentees / MATCH_MENTEES
    return mentees, max(5, round(MATCH_MENTORS * scale)), max(1, round(ACCEPTED * scale))


def run(bench: Bench) -> None:
    mentees, mentors, accepted = sizes(bench)
    _, programme, curator, _, pairs = build_matched_school(
        mentees=mentees, mentors=mentors, accept=accepted, bench=bench
    )
    bench.page("pair_list", "pair_list", user=curator)
    measure_order(bench, programme=programme, curator=curator, pairs=pairs)
    from pairs import benchmarks_work  # here: it builds on MatchingSchool of this module

    benchmarks_work.run(bench)


def measure_order(bench: Bench, *, programme: Programme, curator: User, pairs: list[Pair]) -> None:
    """The order fixing every accepted pair, printed as the director prints it: PDF, then .docx."""
    order = create_order(
        programme=programme,
        number="1-од",
        date=programme.start_date,
        period_start=programme.start_date,
        period_end=programme.end_date,
        plan_deadline=programme.start_date + timedelta(days=14),
        curator_name="Куратор программы",
        fix_pairs=pairs,
        user=curator,
    )
    import weasyprint  # noqa: F401 — a server loads it once (≈1 s); the figure is the rendering itself

    with bench.timer(f"order_pdf_{len(pairs)}_pairs"):
        pdf = render_order_pdf(order)
    bench.record("order_pdf_size", len(pdf) / 1024, "KB")
    with bench.timer(f"order_docx_{len(pairs)}_pairs"):
        render_order_docx(order)


def _timed(bench: Bench | None, name: str):
    return bench.timer(name) if bench is not None else contextlib.nullcontext()


def build_matched_school(
    *,
    mentees: int = MATCH_MENTEES,
    mentors: int = MATCH_MENTORS,
    accept: int = ACCEPTED,
    bench: Bench | None = None,
) -> tuple[Organisation, Programme, User, User, list[Pair]]:
    """A school whose waiting mentees were matched and `accept` of the rows accepted as draft pairs:
    (organisation, programme, curator, director, the draft pairs). With `bench`, every step is measured."""
    with _timed(bench, "build_matching_school"):
        school = MatchingSchool(mentees=mentees, mentors=mentors).build()
    with _timed(bench, f"match_{mentees}x{mentors}"):
        pool = load_pool(school.programme)
        problem = build_problem(pool)
        plan = plan_matches(pool, problem)
    if bench is not None:
        greedy = problem.greedy()
        bench.record("match_mentees", plan.mentee_count, "mentees")
        bench.record("match_free_places", plan.free_places, "places")
        bench.record("match_paired", plan.paired, "pairs")
        bench.record("match_total_score", plan.total_score, "points")
        bench.record("match_greedy_paired", greedy.paired, "pairs")
        bench.record("match_greedy_total_score", greedy.total, "points")
        bench.note("оптимальность подбора проверяется полным перебором в tests/test_assignment.py")
        bench.page("match_draft", "match_draft", user=school.curator)
    pairs = accept_rows(school, plan, accept, bench=bench)
    return school.organisation, school.programme, school.curator, school.director, pairs


def accept_rows(school: MatchingSchool, plan: MatchPlan, count: int, *, bench: Bench | None) -> list[Pair]:
    rows = [(row.mentee.mentee, row.mentor.mentor, row.form) for row in plan.rows[:count]]
    if len(rows) < count:
        raise BenchmarkError(f"Подбор дал {len(rows)} пар, а принять нужно {count}.")
    variants = {
        form.pk: form.variants.order_by("order", "pk").first() for form in school.programme.forms.all()
    }
    with _timed(bench, f"accept_{count}_pairs"):
        pairs = accept_matches(
            programme=school.programme,
            rows=rows,
            start_date=school.programme.start_date + timedelta(days=30),
            planned_end_date=school.programme.end_date,
            variants=variants,
            user=school.curator,
        )
    if bench is not None:
        bench.record("pairs_formed", len(pairs), "pairs")
    return pairs


@dataclass
class MatchingSchool:
    """A school of made-up people for the matching; `build()` saves it with a few dozen bulk inserts."""

    mentees: int
    mentors: int

    def __post_init__(self):
        self.rng = random.Random(SEED)
        day = timezone.localdate()
        self.school_year = day.year if day.month >= 9 else day.year - 1
        self.start = date(self.school_year, 9, 1)
        self.today = day

    def build(self) -> MatchingSchool:
        self.organisation, self.programme = create_bench_school(
            name="Муниципальное бюджетное общеобразовательное учреждение «Лицей № 2»",
            short_name="МБОУ «Лицей № 2»",
            programme_name="Шаг навстречу",
            school_year=self.school_year,
            head_name="Директорова Наталья Сергеевна",
        )
        self.curator = self._user("curator", Role.CURATOR, "Кураторова", "Вера")
        self.director = self._user("director", Role.DIRECTOR, "Директорова", "Наталья")
        topics = Topic.objects.for_organisation(self.organisation)
        Audience = VocabularyEntry.Audience
        self.student_topics = [t.pk for t in topics if t.audience in (Audience.ANY, Audience.STUDENTS)]
        self.teacher_topics = [t.pk for t in topics if t.audience in (Audience.ANY, Audience.TEACHERS)]
        self.all_topics = sorted(set(self.student_topics) | set(self.teacher_topics))

        teachers_waiting = round(self.mentees * TEACHER_MENTEES_SHARE)
        student_mentors = round(self.mentors * STUDENT_MENTORS_SHARE)
        mentee_people = [
            self._student(self.rng.randint(5, 9)) for _ in range(self.mentees - teachers_waiting)
        ]
        mentee_people += [self._teacher(young=True) for _ in range(teachers_waiting)]
        mentor_people = [self._student(self.rng.randint(10, 11)) for _ in range(student_mentors)]
        mentor_people += [self._teacher(young=False) for _ in range(self.mentors - student_mentors)]
        Person.objects.bulk_create(mentee_people + mentor_people, batch_size=BATCH)
        self._consents(mentee_people + mentor_people)
        mentees = self._mentees(mentee_people)
        mentors = self._mentors(mentor_people)
        self._preferences(mentees, mentors)
        return self

    def _user(self, role: str, code: str, last_name: str, first_name: str) -> User:
        user = services.create_user(
            username=f"bench-{role}-{self.organisation.pk}",
            password=None,
            last_name=last_name,
            first_name=first_name,
            middle_name="Сергеевна",
        )
        services.grant_role(user=user, role=code, organisation=self.organisation)
        return user

    # --- people -----------------------------------------------------------------------------------

    def _person(self, kind: str, born: date, **fields) -> Person:
        gender = self.rng.choice((MALE, FEMALE))
        last, first, middle = random_full_name(self.rng, gender, born=born.year)
        return Person(
            organisation=self.organisation,
            kind=kind,
            last_name=last,
            first_name=first,
            middle_name=middle,
            gender=gender,
            birth_date=born,
            **fields,
        )

    def _born(self, year: int) -> date:
        return date(year, 1, 1) + timedelta(days=self.rng.randint(0, 364))

    def _student(self, grade: int) -> Person:
        return self._person(
            Person.Kind.STUDENT,
            self._born(self.school_year - grade - 6),
            grade=grade,
            class_letter=self.rng.choice("АБВГ"),
            representative_name="Законный Представитель Иванович",
            representative_relation="отец",
        )

    def _teacher(self, *, young: bool) -> Person:
        experience = self.rng.randint(0, 3) if young else self.rng.randint(3, 35)
        subjects = self.rng.sample(SUBJECTS, self.rng.randint(1, 2))
        return self._person(
            Person.Kind.TEACHER,
            self._born(self.today.year - 23 - experience - self.rng.randint(0, 5)),
            position=f"Учитель ({subjects[0]})",
            subjects=", ".join(subjects),
            experience_years=experience,
        )

    def _consents(self, people: list[Person]) -> None:
        consents = []
        for person in people:
            consent = Consent(person=person, signed_on=self.start)
            if person.kind == Person.Kind.STUDENT:
                consent.signer = Consent.Signer.REPRESENTATIVE
                consent.representative_name = person.representative_name
                consent.representative_relation = person.representative_relation
            consents.append(consent)
        Consent.objects.bulk_create(consents, batch_size=BATCH)

    # --- the bases --------------------------------------------------------------------------------

    def _mentees(self, people: list[Person]) -> list[Mentee]:
        mentees = [
            Mentee(
                programme=self.programme, person=person, entry_date=self.start, status=Mentee.Status.WAITING
            )
            for person in people
        ]
        Mentee.objects.bulk_create(mentees, batch_size=BATCH)
        requests, topics = [], []
        for mentee in mentees:
            teacher = mentee.person.kind == Person.Kind.TEACHER
            texts = TEACHER_REQUESTS if teacher else STUDENT_REQUESTS
            pool = self.teacher_topics if teacher else self.student_topics
            for text in self.rng.sample(texts, self.rng.randint(1, 2)):
                request = MenteeRequest(mentee=mentee, text=text)
                requests.append(request)
                topics.append(self.rng.sample(pool, self.rng.randint(1, 2)))
        MenteeRequest.objects.bulk_create(requests, batch_size=BATCH)
        Topics = MenteeRequest.topics.through
        Topics.objects.bulk_create(
            [
                Topics(menteerequest_id=request.pk, topic_id=topic)
                for request, chosen in zip(requests, topics, strict=True)
                for topic in chosen
            ],
            batch_size=BATCH,
        )
        return mentees

    def _mentors(self, people: list[Person]) -> list[Mentor]:
        mentors = []
        for person in people:
            low = self.rng.choice((None, None, 10, 12, 14))
            mentors.append(
                Mentor(
                    organisation=self.organisation,
                    person=person,
                    contour=Mentor.Contour.INTERNAL,
                    stage=Mentor.Stage.READY,
                    capacity=self.rng.randint(1, 5),
                    competences=self.rng.choice(COMPETENCES),
                    preferred_age_from=low,
                    preferred_age_to=None if low is None else low + 4,
                    motivation="Хочу помочь",
                )
            )
        Mentor.objects.bulk_create(mentors, batch_size=BATCH)
        Topics = Mentor.topics.through
        Topics.objects.bulk_create(
            [
                Topics(mentor_id=mentor.pk, topic_id=topic)
                for mentor in mentors
                for topic in self.rng.sample(
                    self.all_topics if mentor.person.kind == Person.Kind.TEACHER else self.student_topics,
                    self.rng.randint(1, 3),
                )
            ],
            batch_size=BATCH,
        )
        return mentors

    def _preferences(self, mentees: list[Mentee], mentors: list[Mentor]) -> None:
        """After the common meeting: some mentees name up to three mentors, some mentors up to two
        mentees; a part of the choices are mutual."""
        choices: dict[tuple[str, int, int], int] = {}
        for mentee in self.rng.sample(mentees, round(len(mentees) * MENTEE_CHOOSES_SHARE)):
            for rank, mentor in enumerate(self.rng.sample(mentors, self.rng.randint(1, 3)), start=1):
                choices[(Preference.Side.MENTEE, mentee.pk, mentor.pk)] = rank
        chosen_by_mentees = [(e, m) for (_, e, m) in choices]
        for mentor in self.rng.sample(mentors, round(len(mentors) * MENTOR_CHOOSES_SHARE)):
            mutual = [e for e, m in chosen_by_mentees if m == mentor.pk]
            picks = mutual[:1] + [m.pk for m in self.rng.sample(mentees, 2)]
            for rank, mentee_id in enumerate(dict.fromkeys(picks).keys(), start=1):
                if rank <= 2:
                    choices[(Preference.Side.MENTOR, mentee_id, mentor.pk)] = rank
        Preference.objects.bulk_create(
            [
                Preference(
                    programme=self.programme, side=side, mentee_id=mentee_id, mentor_id=mentor_id, rank=rank
                )
                for (side, mentee_id, mentor_id), rank in choices.items()
            ],
            batch_size=BATCH,
        )
