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
from participants.demo_bases_data import (
    ACCOUNT_MENTEE_REQUESTS,
    ACCUSATIVE,
    CATEGORIES,
    EXAM_SUBJECTS,
    MENTORS,
    NEWCOMERS,
    OLYMPIAD_SUBJECTS,
    PROJECTS,
    SECOND_REQUEST_SHARE,
    STUDENT_MENTEES_PER_GRADE,
    STUDENT_REQUESTS,
    SUBJECTS_BY_GRADE,
    TEACHER_MENTEES,
    TEACHER_REQUESTS,
    TOPICS,
    TRAINING_SESSIONS,
    WITHDRAWAL_REASON,
    RequestText,
)
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
