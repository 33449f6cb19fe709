"""The work of the demo pairs: individual plans from the templates of their forms, rows done (with the
day) and overdue, a mentee's proposal waiting for the mentor, and the meetings of the pairs' weeks of
work — so that the mentor's home and the curator's overview have something to show, every flag of the
overview included.

Needs from ctx.objects: "pairs" (pairs/demo.py), "users". Adds nothing.

Each active pair has a story; the dates count from the pair's start and from ctx.today, so the demo
looks the same whatever day it is loaded on (early in the school year it simply has less history):

- the demo mentor's pair with the demo mentee: weekly meetings (one this week, the next one planned),
  template rows done, two rows of its own overdue, the mentee's proposal waiting for the mentor;
- the demo mentor's group: a plan for each mentee, weekly project workshops, the next one tomorrow,
  one row of one mentee overdue;
- the teachers' pair: everything on time — no flag;
- the pair with the pending replacement request: one meeting at the start, then cancellations — silent
  for over a month (flag «нет встреч») with overdue rows;
- the youngest mentee's pair: the plan has only its goal (flag «нет плана»), the acquaintance meeting
  was cancelled twice and is planned again (flag «нет встречи-знакомства»), a couple of working
  meetings held meanwhile.

Everything goes through the services, which check the rules; then the records' created dates are set
to the days things happened (the services stamp "now").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from mentoring.demo_context import DemoContext
from mentoring.models import MentoringForm
from pairs.models import (
    IndividualPlan,
    Meeting,
    Pair,
    PairMember,
    PlanRow,
    PlanTemplate,
    PlanTemplateRow,
    ReplacementRequest,
)
from pairs.reference_data import install_default_templates
from pairs.selectors.plans import templates_for
from pairs.services.meetings import record_meeting
from pairs.services.plans import add_row, decide_proposal, propose_row, set_row_done, start_plan

Kind = Meeting.Kind

ACQUAINTANCE = (
    "Знакомство: интересы, ожидания, правила совместной работы",
    "Рассказали друг другу о себе, обсудили ожидания от работы, договорились встречаться раз "
    "в неделю и обменялись контактами.",
)
TRIAL = (
    "Пробная встреча: первая совместная задача",
    "Попробовали поработать вместе над небольшой задачей; решили, что формат подходит обоим.",
)
PLANNING = (
    "Составление индивидуального плана",
    "Обсудили цели на год, выбрали задачи из шаблона, договорились о сроках.",
)
REGULAR_TOPICS = {
    "teacher-student": (
        "Выбор темы исследовательского проекта",
        "Разбор задач по алгебре: квадратные уравнения",
        "Работа с источниками для проекта",
        "Подготовка к школьному этапу олимпиады",
        "Разговор о профессиях: инженер и программист",
        "Итоги четверти: что получилось, что подтянуть",
        "Репетиция выступления",
    ),
    "teacher-teacher": (
        "Разбор посещённого урока",
        "Технологическая карта урока по ФГОС",
        "Электронный журнал и текущее оценивание",
        "Дисциплина на уроке: трудные ситуации",
        "Подготовка к родительскому собранию",
        "Цифровые сервисы на уроке",
    ),
    "student-student": (
        "Разбор домашнего задания по математике",
        "Расписание недели: уроки, кружки, отдых",
        "Подготовка к контрольной работе по русскому языку",
        "Как учить правила, чтобы они запоминались",
    ),
}
WORKSHOP_TOPICS = (
    "Проектная мастерская: выбор задачи",
    "Проектная мастерская: сбор данных",
    "Олимпиадные задачи на делимость",
    "Проектная мастерская: разбор решений",
    "Проектная мастерская: оформление результатов",
)
GOALS = {
    "busy": "Подтянуть алгебру до уверенной «четвёрки», выполнить исследовательский проект и выбрать "
    "профиль обучения в старших классах.",
    "group": "Выполнить исследовательский проект по алгебре и выступить с ним на школьной "
    "научно-практической конференции.",
    "steady": "Освоиться в школе и в профессии за первый год работы: выстроить уроки по стандарту, "
    "справляться с дисциплиной, подготовиться к аттестации.",
    "silent": "Закрыть пробелы по математике и русскому языку и научиться планировать домашние задания.",
    "late": "Освоиться в пятом классе: привыкнуть к новым учителям и кабинетам, найти друзей и кружок.",
}
OWN_ROWS = {
    # (task, expected result, days from the pair's start or, when negative, days before today, done?)
    "busy": (
        ("Составить список тем по алгебре, которые даются труднее всего", "Список тем на четверть", 10, True),
        (
            "Прочитать главу учебника по теме проекта и выписать вопросы",
            "Вопросы к следующей встрече",
            -8,
            False,
        ),
        (
            "Подготовить выступление на школьной научно-практической конференции",
            "Тезисы выступления",
            -3,
            False,
        ),
    ),
    "group": (("Решить задачи олимпиады прошлого года", "Разобраны все задачи", 25, True),),
    "steady": (("Посетить открытый урок учителя-методиста", "Записи об уроке и вопросы к нему", 20, True),),
}
PROPOSAL = (
    "Сходить вместе на день открытых дверей в технический колледж",
    "Понять, подходит ли мне колледж после девятого класса",
)
CANCELLED_BECAUSE = {
    "holidays": "Каникулы: перенесли на следующую неделю.",
    "olympiad": "Наставник не пришёл: готовился к олимпиаде, о переносе не предупредил.",
    "no_show": "Наставляемый ждал в библиотеке, наставник не пришёл.",
    "again": "Снова отменена: наставник занят после уроков.",
    "ill": "Наставляемый заболел.",
    "away": "Наставник уехал на олимпиаду в областной центр.",
}


def load(ctx: DemoContext) -> None:
    _Work(ctx).load()


@dataclass(frozen=True)
class Visit:
    """A meeting to record: held if its day has passed, planned if not, or cancelled with a reason."""

    day: date
    kind: str
    topic: str
    notes: str = ""
    cancelled: str = ""
    online: bool = False
    hour: int = 15
    absent: int | None = None  # index of the group member who missed it


def school_day(day: date) -> date:
    """Meetings fall on school days: a Saturday or a Sunday moves on to Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Work:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.today = ctx.today
        self.now = timezone.now()
        users = ctx.objects["users"]
        self.curator = users["curator"]
        self.mentor_user = users["mentor"]
        self.mentee_user = users["mentee"]
        ids = [pair.pk for pair in ctx.objects["pairs"]]
        position = {pk: index for index, pk in enumerate(ids)}
        self.pairs: list[Pair] = sorted(
            Pair.objects.filter(pk__in=ids, status=Pair.Status.ACTIVE).select_related(
                "programme__organisation", "form", "mentor__person"
            ),
            key=lambda pair: position[pair.pk],
        )
        self.counts = {"plans": 0, "rows": 0, "done": 0, "overdue": 0, "held": 0, "planned": 0}

    # --- the whole ------------------------------------------------------------------------------

    def load(self) -> None:
        if not self.pairs:
            return
        # The common templates normally come from a migration; a flushed test database has lost them.
        install_default_templates(MentoringForm, PlanTemplate, PlanTemplateRow)
        self.templates: dict[int, PlanTemplate] = {}
        for template in templates_for(self.pairs[0].programme.organisation):
            self.templates.setdefault(template.form_id, template)
        for pair, story in self._stories():
            self._tell(pair, story)
        c = self.counts
        self.ctx.summary.append(
            "Работа пар: "
            f"{self.ctx.count(c['plans'], ('индивидуальный план', 'индивидуальных плана', 'индивидуальных планов'))}, "
            f"{self.ctx.count(c['rows'], ('строка', 'строки', 'строк'))} в них "
            f"(выполнено {c['done']}, просрочено {c['overdue']}), "
            f"{self.ctx.count(c['held'], ('встреча состоялась', 'встречи состоялись', 'встреч состоялось'))}, "
            f"{c['planned']} запланировано; у каждого флага обзора куратора есть пример"
        )

    def _stories(self) -> list[tuple[Pair, str]]:
        """The demo mentor's pair and group, the pair with a pending replacement request, then the
        others: the first works steadily, the second is late to start."""
        pending = set(
            ReplacementRequest.objects.filter(
                member__pair__in=self.pairs, status=ReplacementRequest.Status.PENDING
            ).values_list("member__pair_id", flat=True)
        )
        stories, rest = [], []
        for pair in self.pairs:
            if pair.is_group:
                stories.append((pair, "group"))
            elif pair.mentor.person.user_id == self.mentor_user.pk:
                stories.append((pair, "busy"))
            elif pair.pk in pending and "silent" not in {story for _, story in stories}:
                stories.append((pair, "silent"))
            else:
                rest.append(pair)
        for index, pair in enumerate(rest):
            stories.append((pair, "late" if index == 1 else "steady"))
        return stories

    def _tell(self, pair: Pair, story: str) -> None:
        members = list(pair.members.filter(is_open=True).select_related("mentee__person").order_by("pk"))
        user = pair.mentor.person.user if pair.mentor.person.user_id else self.curator
        visits = self._visits(pair, story)
        held_days = sorted({v.day for v in visits if not v.cancelled and v.day < self.today})
        plans = []
        for index, member in enumerate(members):
            plans.append(self._plan(pair, member, story, index, user, visits, held_days))
        rows = list(
            PlanRow.objects.filter(plan__member__pair=pair, status=PlanRow.Status.ACCEPTED, done=True)
            .select_related("plan__member")
            .order_by("pk")
        )
        for visit in visits:
            self._meeting(pair, members, visit, user, [row for row in rows if row.done_on == visit.day])
        if story == "busy":
            self._proposal(plans[0], members[0])

    # --- meetings ---------------------------------------------------------------------------------

    def _visits(self, pair: Pair, story: str) -> list[Visit]:
        start, today = pair.start_date, self.today
        topics = REGULAR_TOPICS.get(pair.form.code, REGULAR_TOPICS["teacher-student"])
        visits: list[Visit] = []
        if story == "silent":
            visits = [
                Visit(school_day(start + timedelta(days=1)), Kind.ACQUAINTANCE, *ACQUAINTANCE),
                Visit(school_day(start + timedelta(days=8)), Kind.TRIAL, TRIAL[0], cancelled="olympiad"),
                Visit(school_day(start + timedelta(days=15)), Kind.REGULAR, topics[0], cancelled="no_show"),
                Visit(school_day(start + timedelta(days=22)), Kind.REGULAR, topics[0], cancelled="again"),
                Visit(
                    school_day(today + timedelta(days=3)),
                    Kind.REGULAR,
                    "Встреча с куратором: как продолжать работу",
                ),
            ]
        elif story == "late":
            visits = [
                Visit(
                    school_day(start + timedelta(days=3)), Kind.ACQUAINTANCE, ACQUAINTANCE[0], cancelled="ill"
                ),
                Visit(
                    school_day(start + timedelta(days=10)),
                    Kind.ACQUAINTANCE,
                    ACQUAINTANCE[0],
                    cancelled="away",
                ),
                Visit(
                    school_day(today - timedelta(days=12)),
                    Kind.REGULAR,
                    topics[0],
                    "Встретились на перемене; знакомство с правилами работы перенесли.",
                ),
                Visit(school_day(today - timedelta(days=5)), Kind.REGULAR, topics[1]),
                Visit(school_day(today + timedelta(days=4)), Kind.ACQUAINTANCE, ACQUAINTANCE[0]),
            ]
            # The working meetings came after the second cancellation.
            visits = visits[:2] + [v for v in visits[2:] if v.day > visits[1].day]
        else:
            offsets = {"busy": (2, 8, 14), "group": (3, 9, 15), "steady": (1, 7, 13)}[story]
            milestones = [
                Visit(school_day(start + timedelta(days=offsets[0])), Kind.ACQUAINTANCE, *ACQUAINTANCE),
                Visit(school_day(start + timedelta(days=offsets[1])), Kind.TRIAL, *TRIAL),
                Visit(school_day(start + timedelta(days=offsets[2])), Kind.PLANNING, *PLANNING),
            ]
            visits = milestones + self._weekly(story, after=milestones[-1].day, topics=topics)
        return [v for v in visits if pair.start_date <= v.day <= pair.planned_end_date]

    def _weekly(self, story: str, *, after: date, topics: tuple[str, ...]) -> list[Visit]:
        """Weekly working meetings after the planning one, up to the next one ahead.

        The demo mentor meets the mentee earlier this week (on Wednesday when today is Monday, then
        still ahead) and the group tomorrow; the teachers' pair three days ago."""
        today = self.today
        if story == "group":
            anchor, topics = today + timedelta(days=1), WORKSHOP_TOPICS
        elif story == "busy":
            anchor = (
                today + timedelta(days=2)
                if today.weekday() == 0
                else today - timedelta(days=1 + (today.weekday() >= 2))
            )
        else:
            anchor = today - timedelta(days=3)
            anchor -= timedelta(days=max(0, anchor.weekday() - 4))
        days = [anchor + timedelta(weeks=1)] if anchor < today else []
        day = anchor
        while day > after + timedelta(days=2):
            days.append(day)
            day -= timedelta(weeks=1)
        days.sort()
        visits = []
        for number, day in enumerate(days):
            visits.append(
                Visit(
                    day,
                    Kind.REGULAR,
                    topics[number % len(topics)],
                    cancelled="holidays" if story == "busy" and number == 1 and day < today else "",
                    online=number % 3 == 2,
                    hour=16 if story == "group" else 15,
                    absent=1 if story == "group" and number == 1 else None,
                )
            )
        return visits

    def _meeting(
        self, pair: Pair, members: list[PairMember], visit: Visit, user, rows: list[PlanRow]
    ) -> None:
        if visit.cancelled:
            status = Meeting.Status.CANCELLED
        elif visit.day < self.today:
            status = Meeting.Status.HELD
        else:
            status = Meeting.Status.PLANNED
        starts_at = at(visit.day, visit.hour, 30 if visit.hour == 15 else 0)
        meeting = record_meeting(
            pair=pair,
            user=user,
            kind=visit.kind,
            starts_at=starts_at,
            format=Meeting.Format.ONLINE if visit.online else Meeting.Format.IN_PERSON,
            topic=visit.topic,
            status=status,
            notes=CANCELLED_BECAUSE[visit.cancelled] if visit.cancelled else visit.notes,
            attendees=[m for index, m in enumerate(members) if index != visit.absent],
            plan_rows=rows,
        )
        # Planned a week ahead; a held meeting recorded that evening, a cancelled one the day before.
        created = min(self.now, max(at(pair.start_date, 9), starts_at - timedelta(days=7)))
        if status == Meeting.Status.HELD:
            updated = at(visit.day, 19)
        elif status == Meeting.Status.CANCELLED:
            updated = min(self.now, max(created, starts_at - timedelta(days=1)))
        else:
            updated = created
        Meeting.objects.filter(pk=meeting.pk).update(created_at=created, updated_at=updated)
        if status == Meeting.Status.HELD:
            self.counts["held"] += 1
        elif status == Meeting.Status.PLANNED:
            self.counts["planned"] += 1

    # --- plans ------------------------------------------------------------------------------------

    def _plan(
        self,
        pair: Pair,
        member: PairMember,
        story: str,
        index: int,
        user,
        visits: list[Visit],
        held_days: list[date],
    ) -> IndividualPlan:
        start, today = pair.start_date, self.today
        planning = [v.day for v in visits if v.kind == Kind.PLANNING and not v.cancelled]
        if story == "late":
            # The mentor has written the goal and nothing else yet.
            plan = start_plan(member=member, user=user, goal=GOALS[story])
            plan_day = max(start, today - timedelta(days=6))
        else:
            template = self.templates.get(pair.form_id)
            plan = start_plan(member=member, user=user, goal=GOALS[story], template=template)
            plan_day = planning[0] if planning else min(today, start + timedelta(days=5))
        plan_day = min(plan_day, today)
        self._stamp(IndividualPlan.objects.filter(pk=plan.pk), at(plan_day, 17))
        self._stamp(PlanRow.objects.filter(plan=plan), at(plan_day, 17))
        self.counts["plans"] += 1
        for task, result, offset, _done in OWN_ROWS.get(story, ()) if index == 0 else ():
            deadline = start + timedelta(days=offset) if offset > 0 else today + timedelta(days=offset)
            deadline = min(max(deadline, start), pair.planned_end_date)
            row = add_row(plan=plan, user=user, task=task, deadline=deadline, expected_result=result)
            written = min(self.now, at(max(plan_day, deadline - timedelta(days=14)), 17, 10))
            self._stamp(PlanRow.objects.filter(pk=row.pk), written)
        # Past rows: done on the day of the meeting that advanced them (or on the deadline), except the
        # ones this story leaves overdue.
        past = list(plan.rows.filter(deadline__lt=today).order_by("deadline", "pk"))
        own_open = {task for task, _, _, done in OWN_ROWS.get(story, ()) if not done}
        closable = [row for row in past if row.task not in own_open]
        if story == "silent":
            leave_open = max(0, len(closable) - 1)
        elif story == "group" and index == 1:
            leave_open = min(1, len(closable))
        else:
            leave_open = 0
        for row in closable[: len(closable) - leave_open]:
            # Not before the plan was written: a row due earlier is marked done on that day.
            met = [day for day in held_days if start <= day <= row.deadline]
            done_on = max(met[-1] if met else row.deadline, plan_day)
            row = set_row_done(row=row, version=row.version, done=True, user=user, day=done_on)
            PlanRow.objects.filter(pk=row.pk).update(updated_at=min(self.now, at(done_on, 18)))
        rows = plan.rows.filter(status=PlanRow.Status.ACCEPTED)
        self.counts["rows"] += rows.count()
        self.counts["done"] += rows.filter(done=True).count()
        self.counts["overdue"] += rows.filter(done=False, deadline__lt=today).count()
        return plan

    def _proposal(self, plan: IndividualPlan, member: PairMember) -> None:
        """The demo mentee proposes a row; the mentor has not answered yet. An earlier one was accepted."""
        person = member.mentee.person
        proposer = person.user if person.user_id else None
        pair = member.pair
        earlier = propose_row(
            plan=plan,
            user=proposer,
            task="Разобрать задания школьного этапа олимпиады по математике",
            expected_result="Понимаю, как решать задачи олимпиадного уровня",
            deadline=min(pair.planned_end_date, self.today + timedelta(days=10)),
        )
        earlier = decide_proposal(
            row=earlier, version=earlier.version, accept=True, user=pair.mentor.person.user
        )
        written = max(at(pair.start_date, 18), self.now - timedelta(days=12))
        self._stamp(PlanRow.objects.filter(pk=earlier.pk), written, self.now - timedelta(days=11))
        waiting = propose_row(
            plan=plan,
            user=proposer,
            task=PROPOSAL[0],
            expected_result=PROPOSAL[1],
            deadline=min(pair.planned_end_date, self.today + timedelta(days=20)),
        )
        self._stamp(
            PlanRow.objects.filter(pk=waiting.pk), max(at(pair.start_date, 18), self.now - timedelta(days=1))
        )

    @staticmethod
    def _stamp(queryset: QuerySet, created: datetime, updated: datetime | None = None) -> None:
        queryset.update(created_at=created, updated_at=updated or created)


__all__ = ["load"]
