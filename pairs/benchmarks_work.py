"""The work of pairs under load, for `manage.py benchmark` (called from pairs/benchmarks.py).

Builds, with bulk inserts (not through the services: the figure is the pages, not the building), a
separate school with 1,500 active pairs and groups fixed by a registered order, 20,000 rows over
their individual plans (done, overdue, proposed by mentees, declined) and 15,000 meetings of every
kind (held with who came and what moved, planned, cancelled). Some pairs never got a plan, some went
silent after their first weeks, some never held the acquaintance meeting, so every flag of the
curator's overview has its share. Then it measures the overview («Работа пар», 50 pairs a page, with
the counts of every flag), the overview filtered by a flag, and the home of a mentor with several pairs.

Smaller runs (the project's tests) pass `--mentees` under 1,000: the school shrinks in proportion,
as in pairs/benchmarks.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentoring.benchmarking import Bench, create_bench_school
from mentoring.models import RoleVariant
from mentoring.roles import Role
from pairs.benchmarks import BATCH, MatchingSchool
from pairs.models import (
    IndividualPlan,
    Meeting,
    Order,
    OrderItem,
    Pair,
    PairMember,
    PlanRow,
    PlanTemplate,
)
from pairs.selectors.work import flag_counts
from participants.models import Mentee, Mentor, Person

SEED = 6
# The sizes the issue names, for 1,000 mentees; smaller runs scale all three down together.
FULL_MENTEES = 1000
WORK_PAIRS = 1500
WORK_PLAN_ROWS = 20000
WORK_MEETINGS = 15000
# Every GROUP_EVERY-th pair is a group of GROUP_SIZE mentees.
GROUP_EVERY = 15
GROUP_SIZE = 3
# The demo mentor-like account: a teacher with this many pairs; the others have PAIRS_PER_MENTOR.
DESK_PAIRS = 5
PAIRS_PER_MENTOR = 3
# The pairs started this many days ago, the day after the order.
STARTED_DAYS_AGO = 60
# Share of the pairs (by position in a cycle of 20) that lag: no plan, silent, no acquaintance.
NO_PLAN, SILENT, NO_ACQUAINTANCE = {3}, {7, 17}, {11}
SILENT_MEETINGS = 3
MEETING_TOPICS = (
    "Разбор задач по алгебре",
    "Работа над проектом",
    "Подготовка к олимпиаде",
    "Разбор посещённого урока",
    "Разговор о профессиях",
    "Итоги недели",
)
ROW_TASKS = (
    "Выявить затруднения и поставить цели",
    "Разобрать трудные темы по предметам",
    "Посетить уроки и обсудить увиденное",
    "Подготовиться к контрольной работе",
    "Выполнить исследовательский проект",
    "Принять участие в олимпиаде или конкурсе",
    "Подвести итоги четверти",
)


def work_sizes(bench: Bench) -> tuple[int, int, int]:
    """(pairs, plan rows, meetings): 1,500, 20,000 and 15,000 for 1,000 mentees, or less in proportion."""
    mentees = max(10, min(FULL_MENTEES, int(bench.options.get("mentees", FULL_MENTEES))))
    scale = mentees / FULL_MENTEES
    return (
        max(20, round(WORK_PAIRS * scale)),
        max(100, round(WORK_PLAN_ROWS * scale)),
        max(100, round(WORK_MEETINGS * scale)),
    )


def run(bench: Bench) -> None:
    pairs, rows, meetings = work_sizes(bench)
    with bench.timer("build_work_school"):
        school = WorkSchool(pairs=pairs, plan_rows=rows, meetings=meetings).build()
    bench.record("work_pairs", Pair.objects.filter(programme=school.programme).count(), "pairs")
    bench.record(
        "work_plan_rows",
        PlanRow.objects.filter(plan__member__pair__programme=school.programme).count(),
        "rows",
    )
    bench.record(
        "work_meetings", Meeting.objects.filter(pair__programme=school.programme).count(), "meetings"
    )
    for flag, count in flag_counts(school.programme):
        bench.record(f"work_flag_{flag.code}", count, "pairs")
    bench.page("work_overview", "work_overview", user=school.curator)
    bench.page("work_overview_overdue", "work_overview", user=school.curator, query="flag=overdue")
    bench.page("mentor_desk", "mentor_desk", user=school.mentor_user)
    bench.record("mentor_desk_pairs", DESK_PAIRS, "pairs")


def at(day: date, hour: int = 15, minute: int = 30) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class WorkSchool(MatchingSchool):
    """A school whose pairs have worked for two months; `build()` saves it with bulk inserts.

    Reuses MatchingSchool's people (students, teachers, consents); ``mentees``/``mentors`` of the
    parent are computed from the number of pairs."""

    pairs: int = WORK_PAIRS
    plan_rows: int = WORK_PLAN_ROWS
    meetings: int = WORK_MEETINGS
    mentees: int = 0
    mentors: int = 0

    def __post_init__(self):
        super().__post_init__()
        self.rng = random.Random(SEED)
        self.start_day = self.today - timedelta(days=STARTED_DAYS_AGO)
        self.end_day = self.today + timedelta(days=180)

    def build(self) -> WorkSchool:
        self.organisation, self.programme = create_bench_school(
            name="Муниципальное автономное общеобразовательное учреждение «Школа № 3»",
            short_name="МАОУ «Школа № 3»",
            programme_name="Вместе к цели",
            school_year=self.school_year,
            head_name="Директорова Наталья Сергеевна",
        )
        self.curator = self._user("curator", Role.CURATOR, "Кураторова", "Вера")
        self.director = self._user("director", Role.DIRECTOR, "Директорова", "Наталья")
        self.mentor_user = self._user("mentor", Role.MENTOR, "Наставникова", "Ольга")
        self.forms = {form.code: form for form in self.programme.forms.all()}
        self.variants = {
            form.pk: RoleVariant.objects.filter(form=form).order_by("order", "pk").first()
            for form in self.forms.values()
        }
        self.templates = {
            template.form_id: template
            for template in PlanTemplate.objects.filter(organisation=None, form__in=self.forms.values())
        }
        pairs = self._pairs()
        self.order = self._order(pairs)
        members = self._members(pairs)
        done = self._plans(pairs, members)
        self._meetings(pairs, members, done)
        return self

    # --- people and pairs -------------------------------------------------------------------------

    def _layout(self) -> list[tuple[int, str, int]]:
        """(mentor number, form code, number of mentees) for each pair, in order."""
        layout = []
        for index in range(self.pairs):
            mentor = 0 if index < DESK_PAIRS else 1 + (index - DESK_PAIRS) // PAIRS_PER_MENTOR
            form = ("teacher-student", "teacher-student", "teacher-teacher", "student-student")[mentor % 4]
            size = GROUP_SIZE if index % GROUP_EVERY == GROUP_EVERY - 1 and form != "teacher-teacher" else 1
            layout.append((mentor, form, size))
        return layout

    def _pairs(self) -> list[Pair]:
        layout = self._layout()
        mentor_forms: dict[int, str] = {}
        for mentor, form, _ in layout:
            mentor_forms.setdefault(mentor, form)
        mentor_people = []
        for number in range(len(mentor_forms)):
            person = (
                self._student(11) if mentor_forms[number] == "student-student" else self._teacher(young=False)
            )
            if number == 0:
                person.user = self.mentor_user
                person.last_name, person.first_name = self.mentor_user.last_name, self.mentor_user.first_name
                person.middle_name, person.gender = "Сергеевна", Person.Gender.FEMALE
            mentor_people.append(person)
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
        capacity = {mentor: sum(size for m, _, size in layout if m == mentor) for mentor in mentor_forms}
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
        self.mentee_records = [
            Mentee(
                programme=self.programme,
                person=person,
                entry_date=self.programme.start_date,
                status=Mentee.Status.IN_PAIR,
            )
            for person in mentee_people
        ]
        Mentee.objects.bulk_create(self.mentee_records, batch_size=BATCH)
        pairs = []
        for index, (mentor, form_code, size) in enumerate(layout):
            form = self.forms[form_code]
            pairs.append(
                Pair(
                    programme=self.programme,
                    mentor=mentors[mentor],
                    kind=Pair.Kind.GROUP if size > 1 else Pair.Kind.PAIR,
                    name=f"Проектная группа {index + 1}" if size > 1 else "",
                    form=form,
                    variant=self.variants[form.pk],
                    start_date=self.start_day,
                    planned_end_date=self.end_day,
                    status=Pair.Status.ACTIVE,
                    created_by=self.curator,
                )
            )
        Pair.objects.bulk_create(pairs, batch_size=BATCH)
        self.sizes = [size for _, _, size in layout]
        return pairs

    def _order(self, pairs: list[Pair]) -> Order:
        order = Order.objects.create(
            programme=self.programme,
            number="1-од",
            date=self.start_day - timedelta(days=1),
            title="О закреплении наставнических пар и групп",
            period_start=self.start_day,
            period_end=self.end_day,
            plan_deadline=self.start_day + timedelta(days=14),
            curator_name="Кураторовой Вере Сергеевне, заместителю директора",
            status=Order.Status.REGISTERED,
            registered_at=at(self.start_day - timedelta(days=1), 11),
            registered_by=self.director,
            created_by=self.curator,
        )
        OrderItem.objects.bulk_create(
            [
                OrderItem(order=order, pair=pair, action=OrderItem.Action.FIX, position=position)
                for position, pair in enumerate(pairs, start=1)
            ],
            batch_size=BATCH,
        )
        return order

    def _members(self, pairs: list[Pair]) -> list[list[PairMember]]:
        mentees = iter(self.mentee_records)
        members = [
            [PairMember(pair=pair, mentee=next(mentees), joined_on=self.start_day) for _ in range(size)]
            for pair, size in zip(pairs, self.sizes, strict=True)
        ]
        PairMember.objects.bulk_create([m for group in members for m in group], batch_size=BATCH)
        return members

    # --- plans ------------------------------------------------------------------------------------

    def _plans(self, pairs: list[Pair], members: list[list[PairMember]]) -> dict[int, list[PlanRow]]:
        """Plans for every member but those of the planless pairs, the rows spread over them.
        Returns the done rows of each pair (by pair id), for the meetings to link."""
        plans = [
            IndividualPlan(
                member=member,
                goal="Подтянуть учёбу и выполнить проект",
                template=self.templates.get(pair.form_id),
                created_by=self.mentor_user if index < DESK_PAIRS else self.curator,
            )
            for index, (pair, group) in enumerate(zip(pairs, members, strict=True))
            if index % 20 not in NO_PLAN
            for member in group
        ]
        IndividualPlan.objects.bulk_create(plans, batch_size=BATCH)
        pair_of_member = {m.pk: pair for pair, group in zip(pairs, members, strict=True) for m in group}
        base, extra = divmod(self.plan_rows, len(plans))
        span = (self.end_day - self.start_day).days
        rows: list[PlanRow] = []
        for number, plan in enumerate(plans):
            count = base + (number < extra)
            for position in range(1, count + 1):
                deadline = self.start_day + timedelta(days=max(7, round(position * span / count)))
                row = PlanRow(
                    plan=plan,
                    position=position,
                    task=ROW_TASKS[position % len(ROW_TASKS)],
                    work_form="Беседа, практикум",
                    deadline=deadline,
                    expected_result="Результат виден в оценках и работах",
                )
                luck = self.rng.random()
                if deadline < self.today:
                    if luck < 0.8:
                        row.done = True
                        row.done_on = deadline - timedelta(days=self.rng.randint(0, 3))
                elif luck < 0.03:
                    row.status = PlanRow.Status.PROPOSED
                elif luck < 0.04:
                    row.status = PlanRow.Status.DECLINED
                    row.decline_reason = "Уже есть в плане"
                elif luck < 0.08:
                    row.done, row.done_on = True, self.today - timedelta(days=1)
                rows.append(row)
        PlanRow.objects.bulk_create(rows, batch_size=BATCH)
        by_pair: dict[int, list[PlanRow]] = {}
        for row in rows:
            if row.done:
                by_pair.setdefault(pair_of_member[row.plan.member_id].pk, []).append(row)
        return by_pair

    # --- meetings ---------------------------------------------------------------------------------

    def _meetings(
        self, pairs: list[Pair], members: list[list[PairMember]], done: dict[int, list[PlanRow]]
    ) -> None:
        silent = [index % 20 in SILENT for index in range(len(pairs))]
        working = len(pairs) - sum(silent)
        base, extra = divmod(max(0, self.meetings - SILENT_MEETINGS * sum(silent)), max(1, working))
        meetings: list[Meeting] = []
        links: list[tuple[Meeting, list[PairMember], PlanRow | None]] = []
        number = 0
        for index, pair in enumerate(pairs):
            if silent[index]:
                count = SILENT_MEETINGS
            else:
                count = base + (number < extra)
                number += 1
            rows = done.get(pair.pk, [])
            for position in range(count):
                meeting = self._meeting(pair, index, position, silent[index])
                meetings.append(meeting)
                if meeting.status == Meeting.Status.HELD:
                    row = rows[position] if position < len(rows) else None
                    present = [
                        m
                        for k, m in enumerate(members[index])
                        if k != position % 4 or len(members[index]) == 1
                    ]
                    links.append((meeting, present, row))
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        Attendees = Meeting.attendees.through
        Attendees.objects.bulk_create(
            [
                Attendees(meeting_id=meeting.pk, pairmember_id=member.pk)
                for meeting, present, _ in links
                for member in present
            ],
            batch_size=BATCH,
        )
        Rows = Meeting.plan_rows.through
        Rows.objects.bulk_create(
            [Rows(meeting_id=meeting.pk, planrow_id=row.pk) for meeting, _, row in links if row is not None],
            batch_size=BATCH,
        )

    def _meeting(self, pair: Pair, index: int, position: int, silent: bool) -> Meeting:
        """The acquaintance, trial and planning meetings in the first two weeks, then one a week
        (a silent pair stops after three weeks); past ones held, some cancelled, later ones planned."""
        if position < 3:
            kind = (Meeting.Kind.ACQUAINTANCE, Meeting.Kind.TRIAL, Meeting.Kind.PLANNING)[position]
            day = self.start_day + timedelta(days=2 + 6 * position)
        else:
            kind = Meeting.Kind.REGULAR
            day = self.start_day + timedelta(days=14 + 7 * (position - 2))
        if day >= self.today:
            status = Meeting.Status.PLANNED
        elif (kind == Meeting.Kind.ACQUAINTANCE and index % 20 in NO_ACQUAINTANCE) or (
            silent and position == SILENT_MEETINGS - 1
        ):
            status = Meeting.Status.CANCELLED
        elif kind == Meeting.Kind.REGULAR and (index + position) % 9 == 0:
            status = Meeting.Status.CANCELLED
        else:
            status = Meeting.Status.HELD
        return Meeting(
            pair=pair,
            kind=kind,
            starts_at=at(day, 15 + index % 3),
            format=Meeting.Format.ONLINE if (index + position) % 5 == 0 else Meeting.Format.IN_PERSON,
            status=status,
            topic=MEETING_TOPICS[(index + position) % len(MEETING_TOPICS)],
            created_by=self.mentor_user if index < DESK_PAIRS else self.curator,
        )


__all__ = ["WorkSchool", "run", "work_sizes"]
