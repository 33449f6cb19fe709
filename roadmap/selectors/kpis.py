"""The live values of the passport's KPI table, computed by one aggregate query over the
organisation's people (not by a loop over them), with the numerator and denominator behind each.

A withdrawn consent takes nobody out of a count: the pseudonymised person keeps counting (the kind,
the grade, the additional education and the pairs stay), and a pair the withdrawal ended still involved
its people. One exception: the withdrawal erases the birth date, so a withdrawn teacher is no longer
counted among those under 35 (``young``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from mentoring.models import Programme
from pairs.models import Pair, PairMember
from participants.models import Person
from roadmap.models import Indicator

# Whoever was in a pair or group an order fixed took part in the programme, also when it ended early
# (a withdrawn consent, a replaced mentor); a draft has not started work.
WORKING = (Pair.Status.ACTIVE, Pair.Status.COMPLETED, Pair.Status.TERMINATED)
YOUNG_AGE, FIRST_YEARS = 35, 3


@dataclass(frozen=True)
class Fraction:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100 * self.numerator) / self.denominator).quantize(Decimal("0.1"))


@dataclass
class KpiRow:
    indicator: Indicator
    targets: dict[int, Decimal]
    fraction: Fraction | None
    target_year: int | None

    @property
    def actual(self) -> Decimal | None:
        if self.indicator.is_computed:
            return self.fraction.percent if self.fraction else None
        return self.indicator.manual_value

    @property
    def target(self) -> Decimal | None:
        return self.targets.get(self.target_year) if self.target_year else None

    @property
    def is_met(self) -> bool | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual >= self.target


def _years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def fractions(programme: Programme, *, day: date) -> dict[str, Fraction]:
    """Every computed measure of the programme's organisation, in one query."""
    # Uncorrelated subqueries: the database works each list out once, not once per person.
    mentee_people = PairMember.objects.filter(pair__programme=programme, pair__status__in=WORKING).values(
        "mentee__person_id"
    )
    mentor_people = Pair.objects.filter(programme=programme, status__in=WORKING).values("mentor__person_id")
    as_mentor = Q(pk__in=mentor_people)
    involved = Q(pk__in=mentee_people) | as_mentor
    student = Q(kind=Person.Kind.STUDENT)
    teacher = Q(kind=Person.Kind.TEACHER)
    young = teacher & Q(birth_date__gt=_years_ago(day, YOUNG_AGE), experience_years__lte=FIRST_YEARS)
    extra = student & Q(in_additional_education=True)
    people = Person.objects.filter(organisation=programme.organisation_id).aggregate(
        students=Count("pk", filter=student),
        students_in=Count("pk", filter=student & involved),
        young=Count("pk", filter=young),
        young_in=Count("pk", filter=young & involved),
        extra=Count("pk", filter=extra),
        extra_in=Count("pk", filter=extra & involved),
        teachers=Count("pk", filter=teacher),
        teacher_mentors=Count("pk", filter=teacher & as_mentor),
    )
    pairs = Pair.objects.filter(programme=programme).aggregate(
        ended=Count("pk", filter=Q(status__in=(Pair.Status.COMPLETED, Pair.Status.TERMINATED))),
        completed=Count("pk", filter=Q(status=Pair.Status.COMPLETED)),
    )
    M = Indicator.Measure
    return {
        M.STUDENTS_INVOLVED: Fraction(people["students_in"], people["students"]),
        M.YOUNG_TEACHERS_INVOLVED: Fraction(people["young_in"], people["young"]),
        M.ADDITIONAL_EDUCATION_INVOLVED: Fraction(people["extra_in"], people["extra"]),
        M.TEACHERS_MENTORS: Fraction(people["teacher_mentors"], people["teachers"]),
        M.PAIRS_COMPLETED: Fraction(pairs["completed"], pairs["ended"]),
    }


def target_year(years: list[int], day: date) -> int | None:
    """The year whose target today's figure is held against: the school year ending this year or next."""
    if not years:
        return None
    wanted = day.year + (1 if day.month >= 9 else 0)
    return min(years, key=lambda year: (abs(year - wanted), year))


def kpi_table(programme: Programme, *, day: date) -> list[KpiRow]:
    indicators = list(programme.indicators.prefetch_related("targets").order_by("position", "pk"))
    computed = fractions(programme, day=day) if any(i.is_computed for i in indicators) else {}
    rows = []
    for indicator in indicators:
        targets = {t.year: t.value for t in indicator.targets.all()}
        rows.append(
            KpiRow(
                indicator=indicator,
                targets=targets,
                fraction=computed.get(indicator.measure) if indicator.is_computed else None,
                target_year=target_year(sorted(targets), day),
            )
        )
    return rows


def kpi_years(rows: list[KpiRow]) -> list[int]:
    return sorted({year for row in rows for year in row.targets})
