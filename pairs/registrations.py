"""What the pairs app adds to the core's menus and home pages, and what it tells participants."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from mentoring.navigation import register_home_page, register_home_stats, register_nav
from mentoring.roles import Role
from mentoring.selectors import count_per_organisation, register_organisation_figure
from pairs.models import Pair, PairMember, ReplacementRequest
from pairs.services.lifecycle import end_for_withdrawal
from participants import hooks
from participants.hooks import MentoringFacts, PairingFacts

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
GROUP = "Пары"


def _mentored_people(user):
    return PairMember.objects.filter(
        pair__mentor__person__user=user, is_open=True, pair__status=Pair.Status.ACTIVE
    ).values("mentee__person_id")


def _mentee_pairings(mentee_ids: Iterable[int]) -> dict[int, PairingFacts]:
    members = (
        PairMember.objects.filter(mentee_id__in=list(mentee_ids))
        .select_related("pair__mentor__person", "pair__form", "pair__programme__organisation")
        .order_by("joined_on", "pk")
    )
    facts: dict[int, PairingFacts] = {}
    for member in members:  # the latest pair wins
        pair = member.pair
        facts[member.mentee_id] = PairingFacts(
            mentor_name=pair.mentor.person.full_name,
            mentor_workplace=pair.mentor.person.employer or pair.programme.organisation.short_name,
            form=pair.form.name,
            start_date=member.joined_on,
            end_date=member.left_on or pair.planned_end_date,
        )
    return facts


def _mentor_pairings(mentor_ids: Iterable[int]) -> dict[int, MentoringFacts]:
    ids = list(mentor_ids)
    pairs = (
        Pair.objects.filter(mentor_id__in=ids, status__in=(*Pair.OPEN_STATUSES, Pair.Status.COMPLETED))
        .select_related("form")
        .prefetch_related("members__mentee__person", "members__result")
        .order_by("start_date", "pk")
    )
    grouped: dict[int, list[Pair]] = {}
    for pair in pairs:
        grouped.setdefault(pair.mentor_id, []).append(pair)
    facts: dict[int, MentoringFacts] = {}
    for mentor_id, own in grouped.items():
        working = [pair for pair in own if pair.status in Pair.OPEN_STATUSES]
        done = [pair for pair in own if pair.status == Pair.Status.COMPLETED]
        names = [m.mentee.person.full_name for pair in working for m in pair.members.all() if m.is_open]
        facts[mentor_id] = MentoringFacts(
            mentee_names=", ".join(names),
            form=", ".join(sorted({pair.form.name for pair in working})),
            start_date=min((pair.start_date for pair in working), default=None),
            end_date=max((pair.planned_end_date for pair in working), default=None),
            completed="\n".join(_completed_line(pair) for pair in done),
        )
    return facts


def _outcome(member: PairMember) -> str:
    # A missing reverse one-to-one raises an AttributeError subclass: getattr's default covers it.
    result = getattr(member, "result", None)
    name = member.mentee.person.full_name
    return f"{name} — {result.get_outcome_display().lower()}" if result else name


def _completed_line(pair: Pair) -> str:
    """«Завершено 20.05.2027: Никитин Артём Ильич — запрос выполнен»."""
    mentees = "; ".join(_outcome(member) for member in pair.members.all())
    return f"Завершено {pair.end_date:%d.%m.%Y}: {mentees}"


def _mentor_history(mentor) -> list[hooks.MentorWork]:
    pairs = (
        Pair.objects.filter(mentor=mentor)
        .exclude(status=Pair.Status.DRAFT)
        .select_related("programme", "form")
        .prefetch_related("members__mentee__person", "members__result")
        .order_by("-start_date", "-pk")
    )
    work = []
    for pair in pairs:
        members = list(pair.members.all())
        outcomes = [_outcome(m) for m in members if getattr(m, "result", None)]
        work.append(
            hooks.MentorWork(
                programme=pair.programme.name,
                mentees=", ".join(m.mentee.person.full_name for m in members),
                form=pair.form.name,
                start_date=pair.start_date,
                end_date=pair.end_date,
                status=pair.get_status_display(),
                results="\n".join(filter(None, ["; ".join(outcomes), pair.results])),
            )
        )
    return work


hooks.register_mentor_people(_mentored_people)
hooks.register_mentor_history(_mentor_history)
hooks.register_mentee_pairings(_mentee_pairings)
hooks.register_mentor_pairings(_mentor_pairings)
hooks.register_withdrawal(end_for_withdrawal)


def _keeper_figures(access) -> list[tuple[str, int, str | None]]:
    # One query: the join to requests repeats pair rows, the distinct counts undo that.
    pending = Q(members__replacement_requests__status=ReplacementRequest.Status.PENDING)
    counts = Pair.objects.filter(programme=access.programme).aggregate(
        active=Count("pk", filter=Q(status=Pair.Status.ACTIVE), distinct=True),
        draft=Count("pk", filter=Q(status=Pair.Status.DRAFT), distinct=True),
        pending=Count("members__replacement_requests", filter=pending, distinct=True),
    )
    return [
        ("Пар и групп действует", counts["active"], "pair_list"),
        ("Ждут приказа", counts["draft"], "pair_list"),
        ("Заявлений о замене ждут решения", counts["pending"], "replacement_list"),
    ]


def _mentor_figures(access) -> list[tuple[str, int, str | None]]:
    members = PairMember.objects.filter(
        pair__mentor__person__user=access.user,
        pair__programme__organisation=access.organisation,
        pair__status=Pair.Status.ACTIVE,
        is_open=True,
    )
    return [
        ("Моих пар и групп", members.values("pair_id").distinct().count(), "pair_list"),
        ("Моих наставляемых", members.count(), "pair_list"),
    ]


def _mentee_figures(access) -> list[tuple[str, str, str | None]]:
    member = (
        PairMember.objects.filter(
            mentee__person__user=access.user, is_open=True, pair__programme=access.programme
        )
        .select_related("pair__mentor__person")
        .first()
    )
    if member is None:
        return [("Мой наставник", "пока не назначен", None)]
    return [("Мой наставник", member.pair.mentor.person.full_name, "pair_list")]


register_nav(label="Пары и группы", url_name="pair_list", roles=KEEPERS, order=50, group=GROUP)
register_nav(label="Подбор пар", url_name="match_draft", roles=(Role.CURATOR,), order=51, group=GROUP)
register_nav(
    label="Предпочтения после встречи", url_name="preference_list", roles=KEEPERS, order=52, group=GROUP
)
register_nav(label="Приказы", url_name="order_list", roles=KEEPERS, order=53, group=GROUP)
register_nav(label="Выгрузка пар в Excel", url_name="pair_export", roles=KEEPERS, order=56, group=GROUP)
register_nav(label="Замена наставника", url_name="replacement_list", roles=KEEPERS, order=54, group=GROUP)
register_nav(label="Работа пар", url_name="work_overview", roles=KEEPERS, order=55, group=GROUP)
register_nav(label="Шаблоны планов", url_name="plan_template_list", roles=KEEPERS, order=57, group=GROUP)
register_nav(label="Мои наставляемые", url_name="mentor_desk", roles=(Role.MENTOR,), order=20)
register_nav(label="Мои пары и группы", url_name="pair_list", roles=(Role.MENTOR,), order=21)
register_home_page(role=Role.MENTOR, url_name="mentor_desk")
register_nav(label="Моя пара", url_name="pair_list", roles=(Role.MENTEE,), order=21)
register_nav(label="Мои предпочтения", url_name="my_preferences", roles=(Role.MENTOR, Role.MENTEE), order=60)
register_nav(label="Мои заявления", url_name="replacement_mine", roles=(Role.MENTEE,), order=65)
register_home_stats(roles=KEEPERS, compute=_keeper_figures, order=40)
register_home_stats(roles=(Role.MENTOR,), compute=_mentor_figures, order=40)
register_home_stats(roles=(Role.MENTEE,), compute=_mentee_figures, order=40)
register_organisation_figure(
    key="pairs_active",
    label="Действующих пар и групп",
    annotation=lambda: count_per_organisation(
        Pair.objects.filter(status=Pair.Status.ACTIVE), path="programme__organisation"
    ),
    order=60,
)
