"""What the participants app adds to the core's home pages and municipal overview."""

from django.db.models import Count, Q

from mentoring.navigation import register_home_stats
from mentoring.roles import Role
from mentoring.selectors import count_per_organisation, register_organisation_figure
from participants.models import Person


def _people_figures(access) -> list[tuple[str, int, str | None]]:
    counts = Person.objects.filter(organisation=access.organisation).aggregate(
        students=Count("pk", filter=Q(kind=Person.Kind.STUDENT)),
        teachers=Count("pk", filter=Q(kind=Person.Kind.TEACHER)),
    )
    return [("Обучающихся", counts["students"], None), ("Педагогов", counts["teachers"], None)]


register_home_stats(roles=(Role.CURATOR, Role.DIRECTOR), compute=_people_figures, order=20)
register_organisation_figure(
    key="students_total",
    label="Обучающихся",
    annotation=lambda: count_per_organisation(Person.objects.filter(kind=Person.Kind.STUDENT)),
    order=10,
)
register_organisation_figure(
    key="teachers_total",
    label="Педагогов",
    annotation=lambda: count_per_organisation(Person.objects.filter(kind=Person.Kind.TEACHER)),
    order=11,
)
