"""What the product already knows about each stage of the roadmap, nobody typing it: counted from the
bases, the pairs, the plans, the meetings and the monitoring in a fixed number of aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from mentoring.models import Programme
from mentoring.plural import plural_ru
from monitoring.models import Campaign, Invitation, Stage
from pairs.models import Meeting, Order, Pair, PlanRow
from participants.models import Attendance, Mentee, Mentor
from participants.selectors.consents import with_consent_flag


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url_name: str = ""
    warning: bool = False


def _n(count: int, forms: str) -> str:
    return f"{count} {plural_ru(count, forms)}"


def stage_facts(programme: Programme, *, day: date) -> dict[int, list[Fact]]:
    return {
        2: _mentee_base(programme, day),
        3: _mentor_base(programme),
        4: _selection(programme),
        5: _pairs(programme),
        6: _work(programme, day),
        7: _completion(programme),
    }


def _mentee_base(programme: Programme, day: date) -> list[Fact]:
    counts = with_consent_flag(
        Mentee.objects.filter(programme=programme), day=day, person_path="person_id"
    ).aggregate(total=Count("pk"), consent=Count("pk", filter=Q(has_consent=True)))
    missing = counts["total"] - counts["consent"]
    return [
        Fact("В базе наставляемых", _n(counts["total"], "человек,человека,человек"), "mentee_list"),
        Fact("С действующим согласием", str(counts["consent"]), "mentee_list"),
        Fact("Без согласия", str(missing), "mentee_list", warning=missing > 0),
    ]


def _mentors(programme: Programme):
    return Mentor.objects.filter(organisation=programme.organisation_id)


def _mentor_base(programme: Programme) -> list[Fact]:
    counts = _mentors(programme).aggregate(
        internal=Count("pk", filter=Q(contour=Mentor.Contour.INTERNAL)),
        external=Count("pk", filter=Q(contour=Mentor.Contour.EXTERNAL)),
    )
    return [
        Fact("Наставники внутреннего контура", str(counts["internal"]), "mentor_list"),
        Fact("Наставники внешнего контура", str(counts["external"]), "mentor_list"),
    ]


def _selection(programme: Programme) -> list[Fact]:
    by_stage = dict(_mentors(programme).values_list("stage").annotate(n=Count("pk")).order_by())
    trained = (
        Attendance.objects.filter(session__course__organisation=programme.organisation_id, present=True)
        .values("mentor_id")
        .distinct()
        .count()
    )
    facts = [
        Fact(label, str(by_stage.get(value, 0)), "mentor_list")
        for value, label in Mentor.Stage.choices
        if by_stage.get(value)
    ]
    facts.append(Fact("Были хотя бы на одном занятии обучения", str(trained), "training_list"))
    return facts


def _pairs(programme: Programme) -> list[Fact]:
    rows = (
        Pair.objects.filter(programme=programme)
        .exclude(status=Pair.Status.TERMINATED)
        .values("form__name", "form__order")
        .annotate(n=Count("pk"))
        .order_by("form__order")
    )
    facts = [Fact(f"Пары и группы: {row['form__name']}", str(row["n"]), "pair_list") for row in rows]
    order = (
        Order.objects.filter(programme=programme, status=Order.Status.REGISTERED)
        .order_by("-date", "-pk")
        .first()
    )
    if order:
        facts.append(Fact("Приказ о закреплении", f"№ {order.number} от {order.date:%d.%m.%Y}", "order_list"))
    else:
        facts.append(Fact("Приказ о закреплении", "не зарегистрирован", "order_list", warning=True))
    return facts


def _work(programme: Programme, day: date) -> list[Fact]:
    rows = PlanRow.objects.filter(
        plan__member__pair__programme=programme, status=PlanRow.Status.ACCEPTED
    ).aggregate(
        rows_total=Count("pk"),
        rows_done=Count("pk", filter=Q(done=True)),
        rows_overdue=Count("pk", filter=Q(done=False, deadline__lt=day)),
    )
    held = Meeting.objects.filter(pair__programme=programme, status=Meeting.Status.HELD).count()
    share = round(100 * rows["rows_done"] / rows["rows_total"]) if rows["rows_total"] else 0
    return [
        Fact(
            "Строки индивидуальных планов выполнены",
            f"{rows['rows_done']} из {rows['rows_total']} ({share} %)",
            "work_overview",
        ),
        Fact(
            "Просрочено строк", str(rows["rows_overdue"]), "work_overview", warning=rows["rows_overdue"] > 0
        ),
        Fact("Встреч состоялось", str(held), "work_overview"),
    ]


def _completion(programme: Programme) -> list[Fact]:
    # With the invitations a withdrawn consent cancelled: those people were asked too.
    exit_invited = Invitation.objects.filter(
        campaign__programme=programme, campaign__phase=Campaign.Phase.EXIT
    )
    counts = exit_invited.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(status=Invitation.Status.SUBMITTED))
    )
    process = Campaign.objects.filter(programme=programme, questionnaire__stage=Stage.PROCESS).count()
    completed = Pair.objects.filter(programme=programme, status=Pair.Status.COMPLETED).count()
    return [
        Fact("Опросов первого этапа", str(process), "campaign_list"),
        Fact("Замер на выходе: ответили", f"{counts['answered']} из {counts['invited']}", "report_impact"),
        Fact("Пар и групп завершили работу", str(completed), "pair_list"),
    ]
