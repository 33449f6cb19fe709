"""What monitoring adds to the apps below it: the default set on a new programme, what a withdrawn
consent does to invitations, menus, home figures, the mentor's desk panel and a municipal column."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from mentoring.navigation import register_home_stats, register_nav
from mentoring.roles import Role
from mentoring.selectors import count_per_organisation, register_organisation_figure
from mentoring.services import register_programme_setup
from monitoring.models import Campaign, Invitation, Response
from monitoring.selectors.access import own_invitations
from monitoring.services.campaigns import cancel_for_withdrawal
from monitoring.services.setup import setup_programme
from pairs.desk_panels import Panel, register_desk_panel
from participants import hooks
from participants.selectors.consents import today

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
GROUP = "Мониторинг"
OPEN = (Invitation.Status.WAITING, Invitation.Status.DRAFT)

register_programme_setup(setup_programme)
hooks.register_withdrawal(cancel_for_withdrawal)


def _running(access):
    day = today()
    return Campaign.objects.filter(
        programme=access.programme, opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True
    )


def _keeper_figures(access) -> list[tuple[str, object, str | None]]:
    counts = Invitation.objects.filter(campaign__in=_running(access)).aggregate(
        invited=Count("pk"),  # with those a withdrawn consent cancelled: they were asked
        answered=Count("pk", filter=Q(status=Invitation.Status.SUBMITTED)),
        campaigns=Count("campaign", distinct=True),
    )
    if not counts["campaigns"]:
        return [("Опросов идёт", 0, "campaign_list")]
    rate = round(100 * counts["answered"] / counts["invited"]) if counts["invited"] else 0
    return [
        ("Опросов идёт", counts["campaigns"], "campaign_list"),
        ("Ответили в идущих опросах", f"{rate} %", "campaign_list"),
    ]


def _waiting(access):
    day = today()
    return (
        own_invitations(access)
        .filter(
            status__in=OPEN,
            campaign__opens_on__lte=day,
            campaign__closes_on__gte=day,
            campaign__closed_at__isnull=True,
        )
        .select_related("campaign")
        .order_by("campaign__closes_on", "pk")
    )


def _respondent_figures(access) -> list[tuple[str, object, str | None]]:
    return [("Анкет ждут ответа", _waiting(access).count(), "my_questionnaires")]


def _desk_panel(access) -> Panel | None:
    lines = [
        (
            f"{i.campaign.title} — до {i.campaign.closes_on:%d.%m.%Y}",
            reverse("invitation_answer", kwargs={"invitation_id": i.pk}),
        )
        for i in _waiting(access)
    ]
    return Panel(title="Анкеты ждут вашего ответа", lines=lines, empty="Новых анкет нет.")


register_nav(label="Анкеты", url_name="questionnaire_list", roles=KEEPERS, order=70, group=GROUP)
register_nav(
    label="Измеряемые характеристики", url_name="characteristic_list", roles=KEEPERS, order=71, group=GROUP
)
register_nav(label="Опросы", url_name="campaign_list", roles=KEEPERS, order=72, group=GROUP)
register_nav(label="Отчёт: этап 1", url_name="report_process", roles=KEEPERS, order=73, group=GROUP)
register_nav(label="SWOT-анализ", url_name="swot_edit", roles=KEEPERS, order=74, group=GROUP)
register_nav(label="Отчёт: этап 2", url_name="report_impact", roles=KEEPERS, order=75, group=GROUP)
register_nav(label="Мои анкеты", url_name="my_questionnaires", roles=(Role.CURATOR,), order=76, group=GROUP)
register_nav(label="Мои анкеты", url_name="my_questionnaires", roles=(Role.MENTOR, Role.MENTEE), order=30)
register_nav(label="Мониторинг моих пар", url_name="mentor_summary", roles=(Role.MENTOR,), order=31)
register_home_stats(roles=KEEPERS, compute=_keeper_figures, order=60)
register_home_stats(roles=(Role.MENTOR, Role.MENTEE), compute=_respondent_figures, order=60)
register_desk_panel(_desk_panel, order=30)
register_organisation_figure(
    key="monitoring_responses",
    label="Заполненных анкет мониторинга",
    annotation=lambda: count_per_organisation(
        Response.objects.filter(status=Response.Status.SUBMITTED), path="campaign__programme__organisation"
    ),
    order=80,
)
