"""Which forms of mentoring fit two people — pure checks, shared by the services and the matching.

The database checks (consent, readiness, capacity, one open pair) live in ``pairs.services.formation``;
the matching prefetches the same facts and calls these functions for every candidate.
"""

from __future__ import annotations

from collections.abc import Iterable

from mentoring.models import MentoringForm
from participants.models import Person

Side = MentoringForm.Side
Kind = Person.Kind

SIDE_KINDS: dict[str, frozenset[str]] = {
    Side.STUDENT: frozenset({Kind.STUDENT}),
    Side.TEACHER: frozenset({Kind.TEACHER, Kind.STAFF}),
    Side.COLLEGE_STUDENT: frozenset({Kind.GRADUATE, Kind.EXTERNAL}),
    Side.EMPLOYER: frozenset({Kind.EXTERNAL, Kind.PARENT}),
}


def form_fit_problem(*, form: MentoringForm, mentor: Person, mentee: Person) -> str | None:
    """Why ``form`` does not fit this mentor and mentee, in Russian; ``None`` when it fits."""
    if mentor.pk is not None and mentor.pk == mentee.pk:
        return "Нельзя быть наставником самому себе."
    if mentor.kind not in SIDE_KINDS[form.mentor_side]:
        return (
            f"В форме «{form.name}» наставник — {Side(form.mentor_side).label.lower()}, "
            f"а «{mentor.full_name}» — {mentor.get_kind_display().lower()}."
        )
    if mentee.kind not in SIDE_KINDS[form.mentee_side]:
        return (
            f"В форме «{form.name}» наставляемый — {Side(form.mentee_side).label.lower()}, "
            f"а «{mentee.full_name}» — {mentee.get_kind_display().lower()}."
        )
    if form.mentor_side == Side.STUDENT and form.mentee_side == Side.STUDENT:
        if mentor.grade is None or mentee.grade is None:
            return "В форме «ученик – ученик» у обоих участников должен быть указан класс."
        if mentor.grade <= mentee.grade:
            return (
                f"В форме «ученик – ученик» наставник должен учиться в более старшем классе: "
                f"у наставника {mentor.grade}-й, у наставляемого {mentee.grade}-й."
            )
    return None


def fitting_forms(forms: Iterable[MentoringForm], *, mentor: Person, mentee: Person) -> list[MentoringForm]:
    return [form for form in forms if form_fit_problem(form=form, mentor=mentor, mentee=mentee) is None]
