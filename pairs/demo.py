"""The demo school's pairs and groups in all three school forms, fixed by a registered order;
two more pairs in a draft order; preferences after the common meeting; a pending replacement.

Needs from ctx.objects: "programme", "mentees", "mentors", "users", "account_people".
Puts into ctx.objects: "pairs" [Pair] and "orders" [Order] of the demo programme.
"""

from __future__ import annotations

from datetime import timedelta

from mentoring.demo_context import DemoContext
from mentoring.models import MentoringForm, Programme, RoleVariant
from pairs import demo_work
from pairs.models import Pair, PairEvent, Preference
from pairs.services.formation import form_pair
from pairs.services.orders import create_order, register_order
from pairs.services.preferences import set_preferences
from pairs.services.replacements import file_replacement
from participants.models import Mentee, Mentor, Person
from participants.selectors.consents import with_consent_flag

Kind = Person.Kind


def load(ctx: DemoContext) -> None:
    _Pairs(ctx).load()
    demo_work.load(ctx)  # plans and meetings of the active pairs (pairs/demo_work.py)


class _Pairs:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.programme: Programme = ctx.objects["programme"]
        self.curator = ctx.objects["users"]["curator"]
        self.director = ctx.objects["users"]["director"]
        self.accounts: dict[str, Person] = ctx.objects["account_people"]
        consented = with_consent_flag(
            Mentee.objects.filter(pk__in=[m.pk for m in ctx.objects["mentees"]]), person_path="person_id"
        )
        self.mentees = [m for m in consented.select_related("person").order_by("pk") if m.has_consent]
        ready = with_consent_flag(
            Mentor.objects.filter(pk__in=[m.pk for m in ctx.objects["mentors"]], stage=Mentor.Stage.READY),
            person_path="person_id",
        )
        self.mentors = [m for m in ready.select_related("person").order_by("pk") if m.has_consent]
        self.forms = {form.code: form for form in self.programme.forms.all()}
        self.taken: set[int] = set()
        # Pairs started a month into the year; the order was signed the day before.
        self.order_day = max(
            self.programme.start_date, min(ctx.today, self.programme.start_date + timedelta(days=29))
        )
        self.start = self.order_day + timedelta(days=1)
        self.end = self.programme.end_date - timedelta(days=11)

    # --- people ---------------------------------------------------------------------------------

    def _mentor(self, *, kind: str, grade: int | None = None, account: str | None = None) -> Mentor:
        if account:
            return next(m for m in self.mentors if m.person_id == self.accounts[account].pk)
        return next(
            m
            for m in self.mentors
            if m.person.kind == kind
            and (grade is None or m.person.grade == grade)
            and m.person_id != self.accounts["mentor"].pk
            and m.pk not in self.taken
        )

    def _mentees(self, *, kind: str, grades=(), count: int = 1, account: str | None = None) -> list[Mentee]:
        if account:
            chosen = [m for m in self.mentees if m.person_id == self.accounts[account].pk]
        else:
            chosen = [
                m
                for m in self.mentees
                if m.person.kind == kind
                and (not grades or m.person.grade in grades)
                and m.person_id != self.accounts["mentee"].pk
                and m.pk not in self.taken
            ][:count]
        self.taken.update(m.pk for m in chosen)
        return chosen

    def _pair(
        self, mentor: Mentor, mentees: list[Mentee], form: str, variant: str, name: str = "", start=None
    ) -> Pair:
        self.taken.add(mentor.pk)
        form_obj: MentoringForm = self.forms[form]
        return form_pair(
            programme=self.programme,
            mentor=mentor,
            mentees=mentees,
            form=form_obj,
            variant=RoleVariant.objects.get(form=form_obj, name=variant),
            start_date=start or self.start,
            planned_end_date=self.end,
            name=name,
            user=self.curator,
        )

    # --- the whole ------------------------------------------------------------------------------

    def load(self) -> None:
        teacher_mentor = self._mentor(kind=Kind.TEACHER, account="mentor")
        fixed = [
            self._pair(
                teacher_mentor,
                self._mentees(kind=Kind.STUDENT, account="mentee"),
                "teacher-student",
                "Активный профессионал – равнодушный потребитель",
            ),
            self._pair(
                teacher_mentor,
                self._mentees(kind=Kind.STUDENT, grades=(9,), count=2),
                "teacher-student",
                "Коллега – молодой коллега",
                name="Исследовательский проект по алгебре",
            ),
            self._pair(
                self._mentor(kind=Kind.TEACHER),
                self._mentees(kind=Kind.TEACHER),
                "teacher-teacher",
                "Новичок – мастер",
            ),
            self._pair(
                self._mentor(kind=Kind.STUDENT, grade=11),
                self._mentees(kind=Kind.STUDENT, grades=(6, 7)),
                "student-student",
                "Успевающий – неуспевающий",
            ),
            self._pair(
                self._mentor(kind=Kind.STUDENT, grade=11),
                self._mentees(kind=Kind.STUDENT, grades=(5,)),
                "student-student",
                "Адаптированный – неадаптированный",
            ),
        ]
        curator_name = (
            f"{self.curator.get_full_name()}, заместителю директора по учебно-воспитательной работе"
        )
        first = create_order(
            programme=self.programme,
            number="112-од",
            date=self.order_day,
            period_start=self.start,
            period_end=self.end,
            plan_deadline=self.start + timedelta(days=14),
            curator_name=curator_name,
            fix_pairs=fixed,
            user=self.curator,
        )
        register_order(order=first, user=self.director)
        # The curator formed these pairs in the days before the order, not on the day the demo loads.
        PairEvent.objects.filter(pair__in=fixed, kind=PairEvent.Kind.FORMED).update(
            day=self.order_day - timedelta(days=7)
        )
        self._preferences()
        draft_day = max(self.start + timedelta(days=7), min(self.ctx.today, self.end - timedelta(days=30)))
        drafts = [
            self._pair(
                self._mentor(kind=Kind.TEACHER),
                self._mentees(kind=Kind.TEACHER),
                "teacher-teacher",
                "Современный – опытному",
                start=draft_day + timedelta(days=1),
            ),
            self._pair(
                self._mentor(kind=Kind.TEACHER),
                self._mentees(kind=Kind.STUDENT, grades=(10, 11), count=2),
                "teacher-student",
                "Коллега – молодой коллега",
                name="Школьное медиа",
                start=draft_day + timedelta(days=1),
            ),
        ]
        second = create_order(
            programme=self.programme,
            number="131-од",
            date=draft_day,
            period_start=draft_day + timedelta(days=1),
            period_end=self.end,
            plan_deadline=draft_day + timedelta(days=15),
            curator_name=curator_name,
            fix_pairs=drafts,
            user=self.curator,
        )
        student_pair = fixed[3]
        file_replacement(
            member=student_pair.members.get(),
            reason="Наставник часто не может встретиться в назначенное время, занятия срываются. "
            "Прошу назначить другого наставника.",
            user=self.curator,
            day=max(self.start + timedelta(days=20), min(self.ctx.today, self.end)),
        )
        self.ctx.objects["pairs"] = fixed + drafts
        self.ctx.objects["orders"] = [first, second]
        groups = sum(1 for pair in fixed + drafts if pair.is_group)
        self.ctx.summary.append(
            f"{self.programme.organisation.short_name}, пары и группы: "
            f"{self.ctx.count(len(fixed) + len(drafts) - groups, ('пара', 'пары', 'пар'))} и "
            f"{self.ctx.count(groups, ('группа', 'группы', 'групп'))} в трёх формах; "
            f"приказ № {first.number} зарегистрирован, приказ № {second.number} — проект; "
            "одно заявление о замене наставника ждёт решения директора"
        )

    def _preferences(self) -> None:
        """After the common meeting: waiting mentees and free mentors name each other, some mutually."""
        waiting = [m for m in self.mentees if m.pk not in self.taken][:6]
        free = [m for m in self.mentors if m.pk not in self.taken][:4]
        if not waiting or not free:
            return
        for index, mentee in enumerate(waiting):
            choices = [free[(index + shift) % len(free)] for shift in range(min(3, len(free)))]
            set_preferences(
                programme=self.programme,
                side=Preference.Side.MENTEE,
                chooser=mentee,
                choices=choices,
                user=self.curator,
            )
        for index, mentor in enumerate(free):
            choices = [waiting[(index * 2 + shift) % len(waiting)] for shift in range(min(3, len(waiting)))]
            set_preferences(
                programme=self.programme,
                side=Preference.Side.MENTOR,
                chooser=mentor,
                choices=choices,
                user=self.curator,
            )


__all__ = ["load"]
