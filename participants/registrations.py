"""What the participants app adds to the core's menus, home pages and municipal overview."""

from django.db.models import Count, Exists, OuterRef, Q

from mentoring.navigation import register_home_stats, register_nav
from mentoring.roles import Role
from mentoring.selectors import count_per_organisation, register_organisation_figure
from participants.models import Consent, Mentee, Mentor, Person
from participants.models.consents import valid_consent_q
from participants.selectors.consents import today

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _people_figures(access) -> list[tuple[str, int, str | None]]:
    counts = Person.objects.filter(organisation=access.organisation).aggregate(
        students=Count("pk", filter=Q(kind=Person.Kind.STUDENT)),
        teachers=Count("pk", filter=Q(kind=Person.Kind.TEACHER)),
    )
    return [
        ("Обучающихся", counts["students"], "person_list"),
        ("Педагогов", counts["teachers"], "person_list"),
    ]


def _base_figures(access) -> list[tuple[str, int, str | None]]:
    valid = Consent.objects.filter(valid_consent_q(today()), person=OuterRef("person_id"))
    mentees = Mentee.objects.filter(programme=access.programme).annotate(ok=Exists(valid))
    figures = mentees.aggregate(total=Count("pk"), without=Count("pk", filter=Q(ok=False)))
    ready = Mentor.objects.filter(organisation=access.organisation, stage=Mentor.Stage.READY).count()
    return [
        ("В базе наставляемых", figures["total"], "mentee_list"),
        ("Готовых наставников", ready, "mentor_list"),
        ("Наставляемых без согласия", figures["without"], "mentee_list"),
    ]


register_nav(label="Люди", url_name="person_list", roles=KEEPERS, order=20, group="Участники")
register_nav(label="Наставляемые", url_name="mentee_list", roles=KEEPERS, order=30, group="Участники")
register_nav(label="Карта запросов", url_name="request_map", roles=KEEPERS, order=35, group="Участники")
register_nav(label="Наставники", url_name="mentor_list", roles=KEEPERS, order=40, group="Участники")
register_nav(
    label="Обучение наставников", url_name="training_list", roles=KEEPERS, order=45, group="Участники"
)
register_nav(
    label="Загрузка из Excel", url_name="import_upload", roles=(Role.CURATOR,), order=80, group="Сервис"
)
register_nav(label="Справочники", url_name="vocabulary", roles=KEEPERS, order=85, group="Сервис")
register_nav(label="Журнал доступа", url_name="access_log", roles=(Role.DIRECTOR,), order=95, group="Сервис")
register_nav(label="Мои данные", url_name="my_record", roles=(Role.MENTOR, Role.MENTEE), order=80)
register_home_stats(roles=KEEPERS, compute=_people_figures, order=20)
register_home_stats(roles=KEEPERS, compute=_base_figures, order=25)
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
register_organisation_figure(
    key="mentees_total",
    label="Наставляемых",
    annotation=lambda: count_per_organisation(
        Mentee.objects.filter(programme__is_current=True), path="programme__organisation"
    ),
    order=20,
)
register_organisation_figure(
    key="ready_mentors",
    label="Готовых наставников",
    annotation=lambda: count_per_organisation(Mentor.objects.filter(stage=Mentor.Stage.READY)),
    order=21,
)
