"""Monitoring under load, for `manage.py benchmark` (see mentoring/benchmarking.py).

Builds, with bulk inserts (not through the services: the figure is the reports, not the building,
but in the very shapes the services leave), a school of its own with 3,000 mentees in active pairs and
groups of the three school forms and their mentors, and then:

- stage 1: the six questionnaires of the forms (for mentees and for mentors) extended to 20 questions
  (ratings, yes/no, choices, a few texts), and 3,000 sent answers — every mentor and most mentees; the
  mentees' answers are anonymous (no person, pair or invitation), the rest of the mentees never
  answered; and the curator's questionnaire;
- stage 2: 20 measured characteristics for students and 20 for teachers (added through the services,
  which keep the questionnaires in step), every mentee measured at entry and at exit: 120,000 answers.

Measured over this school: the stage 1 and stage 2 report pages (server time, queries), their PDFs
and the raw answers book (time to make, size), the campaign list and the largest campaign's page.

Smaller runs (the project's tests) pass `--mentees` under 3,000: the school shrinks to that many
respondents; `build_monitoring_school` takes any size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from mentoring.benchmarking import CLIENT_HOST, Bench, BenchmarkError, create_bench_school
from mentoring.models import MentoringForm, RoleVariant
from mentoring.roles import Role
from monitoring.models import (
    Answer,
    Audience,
    Campaign,
    Characteristic,
    Invitation,
    Question,
    Questionnaire,
    Respondent,
    Response,
    Section,
    Stage,
)
from monitoring.services.campaigns import new_link_token
from monitoring.services.characteristics import add_characteristic, set_measured
from pairs.benchmarks import BATCH, MatchingSchool
from pairs.models import Pair, PairMember
from participants.models import Mentee, Mentor, Person

SEED = 7
FULL_RESPONDENTS = 3000
QUESTIONS = 20
CHARACTERISTICS = 20
# Each mentor has this many pairs; the last of a student form is a group of GROUP_SIZE.
PAIRS_PER_MENTOR = 4
GROUP_SIZE = 3
# The forms of the mentors, in a cycle: two fifths «учитель – ученик», two «ученик – ученик», one
# «учитель – учитель».
MENTOR_FORMS = ("teacher-student", "student-student", "teacher-student", "student-student", "teacher-teacher")
# How each form's respondents rate the programme (stage 1) and how much a characteristic moves
# between entry and exit (stage 2): the reports have differences to show.
MEAN_RATING = {
    (Respondent.MENTEE, "teacher-student"): 8.2,
    (Respondent.MENTEE, "student-student"): 6.8,
    (Respondent.MENTEE, "teacher-teacher"): 7.6,
    (Respondent.MENTOR, "teacher-student"): 8.0,
    (Respondent.MENTOR, "student-student"): 7.2,
    (Respondent.MENTOR, "teacher-teacher"): 7.8,
}
GAIN = {"teacher-student": 1.3, "student-student": 0.6, "teacher-teacher": 1.0}
STARTED_DAYS_AGO = 60
EXTRA_SECTION = "Дополнительные вопросы"
# The extra stage 1 questions, in a cycle: (kind, text, options).
EXTRA_QUESTIONS = (
    (Question.Kind.RATING, "Насколько понятны были задачи на каждую встречу?", ()),
    (Question.Kind.YES_NO, "Посоветовали бы вы программу другу или коллеге?", ()),
    (
        Question.Kind.SINGLE,
        "Где обычно проходили ваши встречи?",
        ("В классе после уроков", "В библиотеке", "Онлайн", "По-разному"),
    ),
    (Question.Kind.RATING, "Насколько удобным было время встреч?", ()),
    (Question.Kind.TEXT, "Что бы вы изменили в работе вашей пары?", ()),
)
TEXTS = (
    "Больше встреч всех пар вместе.",
    "Встречаться чаще, хотя бы раз в неделю.",
    "Всё устраивает, спасибо наставнику.",
    "Хотелось бы больше практики и меньше разговоров.",
    "Не хватает времени в расписании.",
    "Разобрались с трудными темами, стало легче на уроках.",
    "Поняли, к чему стремиться дальше.",
    "Поддержка в трудный момент.",
)
STUDENT_EXTRA = (
    "Читательская активность",
    "Интерес к профессиям",
    "Умение работать в команде",
    "Навыки самоорганизации",
    "Уверенность при выступлении",
    "Отношения с одноклассниками",
    "Интерес к проектной работе",
    "Цифровые навыки",
    "Готовность помогать другим",
    "Самостоятельность в учёбе",
    "Интерес к олимпиадам",
    "Умение ставить цели",
)
TEACHER_EXTRA = (
    "Владение цифровыми инструментами",
    "Работа с родителями",
    "Классное руководство",
    "Дисциплина на уроке",
    "Работа с одарёнными детьми",
    "Работа с детьми с ОВЗ",
    "Готовность к аттестации",
    "Открытые уроки",
    "Отношения с коллегами",
    "Участие в методической работе",
    "Проекты с учениками",
    "Оценивание результатов учеников",
    "Планирование уроков",
    "Самообразование",
)
# Ranges of the objective figures at entry: (low, high, decimals).
NUMBER_RANGES = {
    "average_mark": (3.0, 4.8, 1),
    "absences": (0, 24, 0),
    "contests": (0, 4, 0),
    "products": (0, 5, 0),
}


def respondents_for(bench: Bench) -> int:
    """3,000 respondents, or as many as the run's mentees when it asks for fewer."""
    return max(10, min(FULL_RESPONDENTS, int(bench.options.get("mentees", FULL_RESPONDENTS))))


def run(bench: Bench) -> None:
    with bench.timer("build_monitoring_school"):
        school = build_monitoring_school(respondents=respondents_for(bench))
    counts = school.counts()
    bench.record("monitoring_campaigns", counts["campaigns"], "campaigns")
    bench.record("monitoring_invitations", counts["invitations"], "invitations")
    bench.record("monitoring_respondents", counts["respondents"], "respondents")
    bench.record("monitoring_stage1_answers", counts["stage1_answers"], "answers")
    bench.record("monitoring_stage2_people", counts["stage2_people"], "people")
    bench.record("monitoring_stage2_answers", counts["stage2_answers"], "answers")
    user = school.curator
    bench.page("monitoring_report_process", "report_process", user=user)
    bench.page("monitoring_report_impact", "report_impact", user=user)
    bench.page("monitoring_campaign_list", "campaign_list", user=user)
    largest = (
        Campaign.objects.filter(programme=school.programme)
        .annotate(n=Count("invitations"))
        .order_by("-n", "pk")
        .first()
    )
    bench.page("monitoring_campaign_detail", "campaign_detail", user=user, kwargs={"campaign_id": largest.pk})
    for name, url_name in (
        ("monitoring_report_process_pdf", "report_process_pdf"),
        ("monitoring_report_impact_pdf", "report_impact_pdf"),
        ("monitoring_process_answers_xlsx", "report_process_raw"),
        ("monitoring_impact_measurements_xlsx", "report_impact_raw"),
    ):
        _document(bench, name, url_name, user=user)


def _document(bench: Bench, name: str, url_name: str, *, user) -> None:
    """A download made once, as the curator would: the time it takes and its size."""
    client = Client()
    client.force_login(user)
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, CLIENT_HOST]):
        with bench.timer(f"{name}_time"):
            response = client.get(reverse(url_name), secure=True)
    if response.status_code != 200:
        raise BenchmarkError(f"GET {url_name} ответил {response.status_code}, а не 200")
    bench.record(f"{name}_size", len(response.content) / 1024, "KB")


def build_monitoring_school(
    *, respondents: int = FULL_RESPONDENTS, questions: int = QUESTIONS, characteristics: int = CHARACTERISTICS
) -> MonitoringSchool:
    """A school with `respondents` mentees in active pairs, stage 1 answered by that many people with
    `questions` questions each, and stage 2 measuring `characteristics` for every mentee twice."""
    return MonitoringSchool(
        respondents=respondents, questions=questions, characteristics=characteristics
    ).build()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


@dataclass(frozen=True)
class Window:
    opens: date
    closes: date


@dataclass
class Someone:
    """One respondent to invite: who, in which pair, form and variant."""

    respondent: str
    person: Person
    pair: Pair
    form: MentoringForm
    variant: RoleVariant | None


@dataclass
class MonitoringSchool(MatchingSchool):
    """Reuses MatchingSchool's people (students, teachers, consents); ``build()`` saves it all."""

    respondents: int = FULL_RESPONDENTS
    questions: int = QUESTIONS
    characteristics: int = CHARACTERISTICS
    mentees: int = 0
    mentors: int = 0
    campaigns: list[Campaign] = field(default_factory=list)

    def __post_init__(self):
        super().__post_init__()
        if self.respondents < 10:
            raise ValueError("Нужно не меньше 10 отвечающих.")
        self.rng = random.Random(SEED)
        self.start_day = self.today - timedelta(days=STARTED_DAYS_AGO)
        self.windows = {
            "entry": Window(self.start_day, self.start_day + timedelta(days=10)),
            "process": Window(self.today - timedelta(days=20), self.today - timedelta(days=7)),
            "exit": Window(self.today - timedelta(days=12), self.today - timedelta(days=2)),
        }

    def build(self) -> MonitoringSchool:
        self.organisation, self.programme = create_bench_school(
            name="Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 12»",
            short_name="МБОУ СШ № 12",
            programme_name="Вместе растём",
            school_year=self.school_year,
            head_name="Директорова Наталья Сергеевна",
        )
        self.curator = self._user("curator", Role.CURATOR, "Кураторова", "Вера")
        self.forms = {form.code: form for form in self.programme.forms.all()}
        self._pairs()
        self._process()
        self._curator()
        self._impact()
        return self

    # --- people and pairs -------------------------------------------------------------------------

    def _layout(self) -> list[tuple[int, str, int]]:
        """(mentor number, form code, number of mentees) for each pair, until every mentee has one."""
        layout, placed, mentor = [], 0, 0
        while placed < self.respondents:
            form = MENTOR_FORMS[mentor % len(MENTOR_FORMS)]
            for number in range(PAIRS_PER_MENTOR):
                size = GROUP_SIZE if number == PAIRS_PER_MENTOR - 1 and form != "teacher-teacher" else 1
                size = min(size, self.respondents - placed)
                if size == 0:
                    break
                layout.append((mentor, form, size))
                placed += size
            mentor += 1
        return layout

    def _pairs(self) -> None:
        layout = self._layout()
        mentor_forms: dict[int, str] = {}
        for mentor, form, _ in layout:
            mentor_forms.setdefault(mentor, form)
        mentor_people = [
            self._student(11) if mentor_forms[n] == "student-student" else self._teacher(young=False)
            for n in range(len(mentor_forms))
        ]
        mentee_people = []
        for _, form, size in layout:
            for _ in range(size):
                if form == "teacher-teacher":
                    mentee_people.append(self._teacher(young=True))
                elif form == "student-student":
                    mentee_people.append(self._student(self.rng.randint(5, 8)))
                else:
                    mentee_people.append(self._student(self.rng.randint(7, 10)))
        Person.objects.bulk_create(mentor_people + mentee_people, batch_size=BATCH)
        self._consents(mentor_people + mentee_people)
        capacity = {n: sum(size for m, _, size in layout if m == n) for n in mentor_forms}
        mentors = [
            Mentor(
                organisation=self.organisation,
                person=person,
                contour=Mentor.Contour.INTERNAL,
                stage=Mentor.Stage.READY,
                capacity=capacity[number],
                motivation="Хочу помочь",
            )
            for number, person in enumerate(mentor_people)
        ]
        Mentor.objects.bulk_create(mentors, batch_size=BATCH)
        mentees = [
            Mentee(
                programme=self.programme,
                person=person,
                entry_date=self.programme.start_date,
                status=Mentee.Status.IN_PAIR,
            )
            for person in mentee_people
        ]
        Mentee.objects.bulk_create(mentees, batch_size=BATCH)
        variants = {
            form.pk: list(RoleVariant.objects.filter(form=form).order_by("order", "pk"))
            for form in self.forms.values()
        }
        pairs = []
        for index, (mentor, code, size) in enumerate(layout):
            form = self.forms[code]
            choices = variants[form.pk]
            pairs.append(
                Pair(
                    programme=self.programme,
                    mentor=mentors[mentor],
                    kind=Pair.Kind.GROUP if size > 1 else Pair.Kind.PAIR,
                    name=f"Группа {index + 1}" if size > 1 else "",
                    form=form,
                    variant=choices[mentor % len(choices)] if choices else None,
                    start_date=self.start_day,
                    planned_end_date=self.today + timedelta(days=180),
                    status=Pair.Status.ACTIVE,
                    created_by=self.curator,
                )
            )
        Pair.objects.bulk_create(pairs, batch_size=BATCH)
        records = iter(mentees)
        members = [
            PairMember(pair=pair, mentee=next(records), joined_on=self.start_day)
            for pair, (_, _, size) in zip(pairs, layout, strict=True)
            for _ in range(size)
        ]
        PairMember.objects.bulk_create(members, batch_size=BATCH)
        self.mentee_side = [
            Someone(Respondent.MENTEE, m.mentee.person, m.pair, m.pair.form, m.pair.variant) for m in members
        ]
        first_pair: dict[int, Pair] = {}
        for pair in pairs:
            first_pair.setdefault(pair.mentor_id, pair)
        self.mentor_side = [
            Someone(
                Respondent.MENTOR,
                mentor.person,
                first_pair[mentor.pk],
                first_pair[mentor.pk].form,
                first_pair[mentor.pk].variant,
            )
            for mentor in mentors
        ]

    # --- campaigns ----------------------------------------------------------------------------------

    def _campaign(self, questionnaire: Questionnaire, window: Window, forms, phase: str = "") -> Campaign:
        campaign = Campaign.objects.create(
            programme=self.programme,
            questionnaire=questionnaire,
            title=questionnaire.title,
            phase=phase,
            opens_on=window.opens,
            closes_on=window.closes,
            created_by=self.curator,
        )
        campaign.forms.set(forms)
        self.campaigns.append(campaign)
        return campaign

    def _day(self, window: Window) -> date:
        return window.opens + timedelta(days=self.rng.randint(0, (window.closes - window.opens).days))

    def _ask(
        self,
        campaign: Campaign,
        people: list[Someone],
        answered: set[int],
        values,
    ) -> None:
        """Invitations for `people`; those in `answered` (by position) sent answers, `values(someone,
        question)` giving each answer's fields. An anonymous answer keeps only role, form and variant."""
        window = Window(campaign.opens_on, campaign.closes_on)
        anonymous = campaign.questionnaire.is_anonymous
        questions = list(
            campaign.questionnaire.questions.select_related("characteristic").order_by("position", "pk")
        )
        invitations = []
        for position, someone in enumerate(people):
            invitation = Invitation(
                campaign=campaign,
                respondent=someone.respondent,
                person=someone.person,
                user=someone.person.user,
                pair=someone.pair,
                form=someone.form,
                variant=someone.variant,
                token=new_link_token(),
            )
            if position in answered:
                invitation.status = Invitation.Status.SUBMITTED
                invitation.submitted_at = at(
                    self._day(window), self.rng.randint(9, 20), self.rng.randint(0, 59)
                )
            invitations.append(invitation)
        Invitation.objects.bulk_create(invitations, batch_size=BATCH)
        sent = [(someone, inv) for someone, inv in zip(people, invitations, strict=True) if inv.submitted_at]
        for chunk in _chunks(sent, 500):
            responses = [
                Response(
                    campaign=campaign,
                    invitation=None if anonymous else invitation,
                    person=None if anonymous else someone.person,
                    respondent=someone.respondent,
                    pair=None if anonymous else someone.pair,
                    form=someone.form,
                    variant=someone.variant,
                    status=Response.Status.SUBMITTED,
                    submitted_on=timezone.localtime(invitation.submitted_at).date(),
                    version=1,
                )
                for someone, invitation in chunk
            ]
            Response.objects.bulk_create(responses, batch_size=BATCH)
            Answer.objects.bulk_create(
                (
                    Answer(response=response, question=question, **values(someone, question))
                    for (someone, _), response in zip(chunk, responses, strict=True)
                    for question in questions
                ),
                batch_size=BATCH,
            )

    # --- stage 1 ------------------------------------------------------------------------------------

    def _extend(self, questionnaire: Questionnaire) -> None:
        """Bring a questionnaire to `questions` questions with a section of extra ones."""
        have = questionnaire.questions.count()
        if have >= self.questions:
            return
        last = questionnaire.sections.order_by("-position").values_list("position", flat=True).first() or 0
        section = Section.objects.create(questionnaire=questionnaire, title=EXTRA_SECTION, position=last + 1)
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                section=section,
                position=have + number + 1,
                kind=kind,
                text=text
                if number < len(EXTRA_QUESTIONS)
                else f"{text} ({number // len(EXTRA_QUESTIONS) + 1})",
                choices=list(options),
                required=kind != Question.Kind.TEXT,
            )
            for number in range(self.questions - have)
            for kind, text, options in [EXTRA_QUESTIONS[number % len(EXTRA_QUESTIONS)]]
        )

    def _process_value(self, someone: Someone, question: Question) -> dict:
        rng = self.rng
        if question.kind == Question.Kind.RATING:
            mean = MEAN_RATING.get((someone.respondent, someone.form.code), 7.5)
            return {"number": float(min(10, max(1, round(rng.gauss(mean, 1.5)))))}
        if question.kind == Question.Kind.YES_NO:
            return {"number": 1.0 if rng.random() < 0.8 else 0.0}
        if question.kind == Question.Kind.NUMBER:
            return {"number": float(rng.randint(question.min_value or 0, min(question.max_value or 10, 10)))}
        if question.kind == Question.Kind.SINGLE:
            return {"choices": [rng.choice(question.choices)]}
        if question.kind == Question.Kind.MULTIPLE:
            picked = set(rng.sample(question.choices, rng.randint(1, min(3, len(question.choices)))))
            return {"choices": [c for c in question.choices if c in picked]}
        return {"text": rng.choice(TEXTS)}

    def _process(self) -> None:
        """Every mentor answered; of the mentees, as many as make `respondents` with the mentors."""
        mentees_answering = max(0, self.respondents - len(self.mentor_side))
        answered_mentees = set(self.rng.sample(range(len(self.mentee_side)), mentees_answering))
        for code, form in self.forms.items():
            for side, people in (
                (Respondent.MENTEE, self.mentee_side),
                (Respondent.MENTOR, self.mentor_side),
            ):
                questionnaire = Questionnaire.objects.filter(
                    programme=self.programme, code=f"process-{side}-{code}", is_current=True
                ).first()
                chosen = [(i, s) for i, s in enumerate(people) if s.form.pk == form.pk]
                if questionnaire is None or not chosen:
                    continue
                self._extend(questionnaire)
                answered = {
                    n for n, (i, _) in enumerate(chosen) if side == Respondent.MENTOR or i in answered_mentees
                }
                campaign = self._campaign(questionnaire, self.windows["process"], [form])
                self._ask(campaign, [s for _, s in chosen], answered, self._process_value)

    def _curator(self) -> None:
        questionnaire = Questionnaire.objects.get(
            programme=self.programme, code="process-curator", is_current=True
        )
        campaign = self._campaign(questionnaire, self.windows["process"], list(self.forms.values()))
        invitation = Invitation.objects.create(
            campaign=campaign,
            respondent=Respondent.CURATOR,
            user=self.curator,
            token=new_link_token(),
            status=Invitation.Status.SUBMITTED,
            submitted_at=at(self.windows["process"].closes, 16),
        )
        response = Response.objects.create(
            campaign=campaign,
            invitation=invitation,
            respondent=Respondent.CURATOR,
            status=Response.Status.SUBMITTED,
            submitted_on=self.windows["process"].closes,
            version=1,
        )
        fake = Someone(Respondent.CURATOR, None, None, self.forms["teacher-student"], None)
        Answer.objects.bulk_create(
            Answer(response=response, question=question, **self._process_value(fake, question))
            for question in questionnaire.questions.all()
        )

    # --- stage 2 ------------------------------------------------------------------------------------

    def _measure(self) -> None:
        """Exactly `characteristics` measured for students and for teachers, through the services."""
        for audience, extra in ((Audience.STUDENT, STUDENT_EXTRA), (Audience.TEACHER, TEACHER_EXTRA)):
            have = self.programme.characteristics.filter(audience=audience).count()
            for number in range(have, self.characteristics):
                offset = number - have
                name = extra[offset] if offset < len(extra) else f"Дополнительный показатель {offset + 1}"
                add_characteristic(
                    programme=self.programme,
                    name=name,
                    audience=audience,
                    question_text=f"Оцените от 1 до 10: {name.lower()}",
                    user=self.curator,
                )
        keep = []
        for audience in (Audience.STUDENT, Audience.TEACHER):
            keep += list(
                self.programme.characteristics.filter(audience=audience)
                .order_by("position", "pk")
                .values_list("pk", flat=True)[: self.characteristics]
            )
        set_measured(programme=self.programme, characteristic_ids=keep, user=self.curator)

    def _impact(self) -> None:
        self._measure()
        entries: dict[tuple[int, int], float] = {}

        def value(someone: Someone, question: Question, *, exit: bool) -> dict:
            characteristic = question.characteristic
            key = (someone.person.pk, question.characteristic_id)
            if characteristic.kind == Characteristic.Kind.NUMBER:
                low, high, decimals = NUMBER_RANGES.get(characteristic.code, (0, 10, 0))
                start = entries.setdefault(key, round(self.rng.uniform(low, high), decimals))
                if not exit:
                    return {"number": float(start)}
                step = (high - low) / 10 * self.rng.gauss(GAIN[someone.form.code], 1.2)
                moved = start + (step if characteristic.higher_is_better else -step)
                return {"number": float(max(0, round(moved, decimals)))}
            start = entries.setdefault(key, float(min(10, max(1, round(self.rng.gauss(5.5, 1.6))))))
            if not exit:
                return {"number": start}
            step = self.rng.gauss(GAIN[someone.form.code], 1.2)
            moved = start + (step if characteristic.higher_is_better else -step)
            return {"number": float(min(10, max(1, round(moved))))}

        questionnaires = Questionnaire.objects.filter(
            programme=self.programme, stage=Stage.IMPACT, is_current=True
        ).prefetch_related("forms")
        for questionnaire in questionnaires:
            form_ids = {form.pk for form in questionnaire.forms.all()}
            people = [s for s in self.mentee_side if s.form.pk in form_ids]
            if not people:
                continue
            for phase in (Campaign.Phase.ENTRY, Campaign.Phase.EXIT):
                campaign = self._campaign(
                    questionnaire, self.windows[phase], list(questionnaire.forms.all()), phase
                )
                exit = phase == Campaign.Phase.EXIT
                self._ask(
                    campaign,
                    people,
                    set(range(len(people))),
                    lambda someone, question, exit=exit: value(someone, question, exit=exit),
                )

    # --- what was built -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Counted back from the database, not from what the builder meant to write."""
        ours = Response.objects.filter(campaign__programme=self.programme, status=Response.Status.SUBMITTED)
        stage1 = ours.filter(
            campaign__questionnaire__stage=Stage.PROCESS,
            respondent__in=(Respondent.MENTEE, Respondent.MENTOR),
        )
        stage2 = ours.filter(campaign__questionnaire__stage=Stage.IMPACT)
        entry = set(stage2.filter(campaign__phase=Campaign.Phase.ENTRY).values_list("person_id", flat=True))
        exit = set(stage2.filter(campaign__phase=Campaign.Phase.EXIT).values_list("person_id", flat=True))
        return {
            "campaigns": Campaign.objects.filter(programme=self.programme).count(),
            "invitations": Invitation.objects.filter(campaign__programme=self.programme).count(),
            "respondents": stage1.count(),
            "stage1_answers": Answer.objects.filter(response__in=stage1).count(),
            "stage2_people": len(entry & exit),
            "stage2_answers": Answer.objects.filter(response__in=stage2).count(),
        }


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


__all__ = ["MonitoringSchool", "build_monitoring_school", "respondents_for", "run"]
