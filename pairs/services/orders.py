"""The director's order fixing pairs and groups: drafting, registration, and why it never changes after.

A draft order lists pairs to fix (drafts) and pairs to end (active ones it terminates, or ones that
ended already and are recorded). Registering it, in one transaction, makes its pairs active and ends
the ones it ends. A registered order is a signed paper: it is never edited nor deleted — a later order
amends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import Programme
from pairs.models import Order, OrderItem, Pair
from pairs.selectors.orders import ENDED_STATUSES, FIRST_TITLE, people_without_consent
from pairs.services.lifecycle import activate_pair, terminate_pair
from participants.models import Mentee
from participants.services.guards import no_consent_message, readiness_problem

IMMUTABLE = "Приказ зарегистрирован и не меняется; изменения вносятся новым приказом."
ORDER_FIELDS = (
    "number",
    "date",
    "title",
    "preamble",
    "period_start",
    "period_end",
    "plan_deadline",
    "curator_name",
    "control_name",
    "amends",
)


def order_label(order: Order) -> str:
    return f"от {order.date:%d.%m.%Y} № {order.number}"


def default_title(amends: Order | None) -> str:
    if amends is None:
        return FIRST_TITLE
    return f"О внесении изменений в приказ {order_label(amends)}"


def default_preamble(programme: Programme, amends: Order | None = None) -> str:
    organisation = programme.organisation
    basis = (
        f"Положением о наставничестве в {organisation.short_name} и программой наставничества "
        f"«{programme.name}» (срок реализации — с {programme.start_date:%d.%m.%Y} "
        f"по {programme.end_date:%d.%m.%Y})"
    )
    if amends is None:
        return (
            f"В соответствии с {basis}, по итогам формирования наставнических пар и групп, в целях "
            "создания условий для раскрытия личностного и профессионального потенциала обучающихся "
            "и педагогических работников, их успешной адаптации и передачи опыта,"
        )
    return (
        f"В соответствии с {basis}, в связи с изменениями в составе наставнических пар и групп, "
        f"закреплённых приказом {order_label(amends)} «{amends.title}»,"
    )


def _refuse_registered(order: Order) -> None:
    ensure_programme_open(order.programme)
    if order.status == Order.Status.REGISTERED:
        raise ValidationError(IMMUTABLE)


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().select_related("programme__organisation").get(pk=order.pk)


def _check_fields(
    *,
    programme: Programme,
    number: str,
    date: date,
    period_start: date,
    period_end: date,
    plan_deadline: date,
    curator_name: str,
    amends: Order | None,
    order: Order | None,
) -> None:
    errors: dict[str, str] = {}
    if not number:
        errors["number"] = "Укажите номер приказа."
    else:
        same = Order.objects.filter(programme=programme, number=number)
        if order is not None:
            same = same.exclude(pk=order.pk)
        if same.exists():
            errors["number"] = f"Приказ № {number} в этой программе уже есть — укажите другой номер."
    if period_end <= period_start:
        errors["period_end"] = "Окончание периода наставничества должно быть позже его начала."
    elif period_start < programme.start_date or period_end > programme.end_date:
        errors["period_start"] = (
            f"Период наставничества должен укладываться в срок программы: {programme.period_label}."
        )
    if date > period_end:
        errors["date"] = "Дата приказа позже окончания периода наставничества."
    if plan_deadline <= date:
        errors["plan_deadline"] = "Срок составления индивидуальных планов должен быть позже даты приказа."
    elif plan_deadline > period_end:
        errors["plan_deadline"] = (
            "Срок составления индивидуальных планов позже окончания периода наставничества."
        )
    if not curator_name:
        errors["curator_name"] = "Укажите, кто организует работу пар и групп (куратор программы)."
    if amends is not None:
        if amends.programme_id != programme.pk:
            errors["amends"] = "Изменяемый приказ относится к другой программе."
        elif amends.status != Order.Status.REGISTERED:
            errors["amends"] = "Изменения вносятся только в зарегистрированный приказ."
        elif order is not None and amends.pk == order.pk:
            errors["amends"] = "Приказ не может вносить изменения сам в себя."
        elif amends.date > date:
            errors["amends"] = "Изменяемый приказ издан позже этого приказа."
    if errors:
        raise ValidationError(errors)


def _check_pairs(
    *, programme: Programme, fix_pairs: list[Pair], end_pairs: list[Pair], order: Order | None
) -> tuple[list[Pair], list[Pair]]:
    """Lock the pairs (two drafts cannot both take one) and check each may go into this order."""
    fix_ids = list(dict.fromkeys(p.pk for p in fix_pairs))
    end_ids = list(dict.fromkeys(p.pk for p in end_pairs))
    if not fix_ids and not end_ids:
        raise ValidationError("В приказе нет ни одной пары: отметьте пары и группы, которые он закрепляет.")
    both = set(fix_ids) & set(end_ids)
    if both:
        raise ValidationError("Одна и та же пара не может одновременно закрепляться и прекращаться.")
    locked = {
        p.pk: p
        for p in Pair.objects.select_for_update()
        .select_related("mentor__person")
        .filter(pk__in=fix_ids + end_ids)
    }
    errors: list[str] = []
    for pk in fix_ids + end_ids:
        pair = locked.get(pk)
        if pair is None or pair.programme_id != programme.pk:
            errors.append("Выбрана пара другой программы.")
    if errors:
        raise ValidationError(errors)
    for pk in fix_ids:
        pair = locked[pk]
        if pair.status != Pair.Status.DRAFT:
            errors.append(
                f"{pair} (наставник {pair.mentor.person.full_name}): статус «{pair.get_status_display()}» — "
                "закрепить приказом можно только проект пары."
            )
        elif pair.variant_id is None:
            errors.append(no_variant_message(pair))
    ever_fixed = set(
        OrderItem.objects.filter(
            pair_id__in=end_ids, action=OrderItem.Action.FIX, order__status=Order.Status.REGISTERED
        ).values_list("pair_id", flat=True)
    )
    for pk in end_ids:
        pair = locked[pk]
        if pair.status == Pair.Status.DRAFT:
            errors.append(
                f"{pair} (наставник {pair.mentor.person.full_name}) ещё не закреплена приказом — "
                "прекращать нечего; проект пары можно просто удалить."
            )
        elif pair.status in ENDED_STATUSES and pair.pk not in ever_fixed:
            errors.append(
                f"{pair} не была закреплена зарегистрированным приказом — отражать её прекращение не нужно."
            )
    errors += _already_recorded(end_ids, order=order)
    busy = OrderItem.objects.filter(pair_id__in=fix_ids + end_ids, order__status=Order.Status.DRAFT)
    if order is not None:
        busy = busy.exclude(order=order)
    for item in busy.select_related("order", "pair__mentor__person"):
        errors.append(
            f"{item.pair} (наставник {item.pair.mentor.person.full_name}) уже включена "
            f"в проект приказа № {item.order.number}."
        )
    if errors:
        raise ValidationError(errors)
    return [locked[pk] for pk in fix_ids], [locked[pk] for pk in end_ids]


def _already_recorded(pair_ids: list[int], *, order: Order | None) -> list[str]:
    """The end of a pair is recorded by one registered order only: a second one would list it twice."""
    items = OrderItem.objects.filter(
        pair_id__in=pair_ids, action=OrderItem.Action.END, order__status=Order.Status.REGISTERED
    )
    if order is not None:
        items = items.exclude(order=order)
    return [
        f"{item.pair}: прекращение её работы уже отражено приказом {order_label(item.order)} — "
        "второй приказ его не повторяет."
        for item in items.select_related("order", "pair").order_by("pair_id", "order__date", "pk")
    ]


def _write_items(order: Order, fix_pairs: list[Pair], end_pairs: list[Pair]) -> None:
    order.items.all().delete()
    OrderItem.objects.bulk_create(
        [
            OrderItem(order=order, pair=pair, action=OrderItem.Action.FIX, position=n)
            for n, pair in enumerate(fix_pairs, start=1)
        ]
        + [
            OrderItem(order=order, pair=pair, action=OrderItem.Action.END, position=n)
            for n, pair in enumerate(end_pairs, start=1)
        ]
    )


def _save(order: Order) -> None:
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError as error:
        raise ValidationError(
            {"number": f"Приказ № {order.number} в этой программе уже есть — укажите другой номер."}
        ) from error


@transaction.atomic
def create_order(
    *,
    programme: Programme,
    number: str,
    date: date,
    title: str = "",
    preamble: str = "",
    period_start: date,
    period_end: date,
    plan_deadline: date,
    curator_name: str,
    control_name: str = "",
    fix_pairs: Iterable[Pair],
    end_pairs: Iterable[Pair] = (),
    amends: Order | None = None,
    user,
) -> Order:
    """A draft order; without a title or preamble the usual wording is written in."""
    ensure_programme_open(programme)
    number, curator_name, control_name = number.strip(), curator_name.strip(), control_name.strip()
    _check_fields(
        programme=programme,
        number=number,
        date=date,
        period_start=period_start,
        period_end=period_end,
        plan_deadline=plan_deadline,
        curator_name=curator_name,
        amends=amends,
        order=None,
    )
    fix, end = _check_pairs(
        programme=programme, fix_pairs=list(fix_pairs), end_pairs=list(end_pairs), order=None
    )
    order = Order(
        programme=programme,
        number=number,
        date=date,
        title=title.strip() or default_title(amends),
        preamble=preamble.strip() or default_preamble(programme, amends),
        amends=amends,
        period_start=period_start,
        period_end=period_end,
        plan_deadline=plan_deadline,
        curator_name=curator_name,
        control_name=control_name,
        created_by=user,
    )
    _save(order)
    _write_items(order, fix, end)
    return order


@transaction.atomic
def update_order(
    *,
    order: Order,
    version: int,
    number: str,
    date: date,
    title: str = "",
    preamble: str = "",
    period_start: date,
    period_end: date,
    plan_deadline: date,
    curator_name: str,
    control_name: str = "",
    fix_pairs: Iterable[Pair],
    end_pairs: Iterable[Pair] = (),
    amends: Order | None = None,
    user,
) -> Order:
    """Change a draft order. A title or preamble left as the usual wording follows a changed ``amends``."""
    current = _locked(order)
    _refuse_registered(current)
    number, curator_name, control_name = number.strip(), curator_name.strip(), control_name.strip()
    title, preamble = title.strip(), preamble.strip()
    fix_pairs, end_pairs = list(fix_pairs), list(end_pairs)
    saved_fix = set(current.items.filter(action=OrderItem.Action.FIX).values_list("pair_id", flat=True))
    saved_end = set(current.items.filter(action=OrderItem.Action.END).values_list("pair_id", flat=True))
    also_changed = {}
    if saved_fix != {p.pk for p in fix_pairs} or saved_end != {p.pk for p in end_pairs}:
        also_changed["состав пар"] = ("другой", "ваш")
    check_version(
        current=current,
        version=version,
        fields={
            "number": number,
            "date": date,
            "title": title,
            "preamble": preamble,
            "period_start": period_start,
            "period_end": period_end,
            "plan_deadline": plan_deadline,
            "curator_name": curator_name,
            "control_name": control_name,
        },
        also_changed=also_changed,
    )
    programme = current.programme
    _check_fields(
        programme=programme,
        number=number,
        date=date,
        period_start=period_start,
        period_end=period_end,
        plan_deadline=plan_deadline,
        curator_name=curator_name,
        amends=amends,
        order=current,
    )
    fix, end = _check_pairs(programme=programme, fix_pairs=fix_pairs, end_pairs=end_pairs, order=current)
    previous_amends = current.amends
    if not title or title == default_title(previous_amends):
        title = default_title(amends)
    if not preamble or preamble == default_preamble(programme, previous_amends):
        preamble = default_preamble(programme, amends)
    current.number, current.date, current.title, current.preamble = number, date, title, preamble
    current.period_start, current.period_end, current.plan_deadline = period_start, period_end, plan_deadline
    current.curator_name, current.control_name, current.amends = curator_name, control_name, amends
    current.version += 1
    _save(current)
    _write_items(current, fix, end)
    return current


@transaction.atomic
def delete_order(*, order: Order, user) -> None:
    """A draft goes with its rows; its pairs await an order again."""
    current = _locked(order)
    _refuse_registered(current)
    current.delete()


def no_variant_message(pair: Pair) -> str:
    # The appendix prints the role variant of every pair it fixes: the curator picks it first.
    return (
        f"{pair} (наставник {pair.mentor.person.full_name}): не выбран вариант ролевой модели — "
        "укажите его на странице пары."
    )


def fix_problems(order: Order) -> list[str]:
    """Why the order's FIX pairs cannot be fixed today: a pair no longer a draft, a missing consent,
    a mentor not ready, a mentee who left or finished the programme. Empty when registration may go on."""
    problems: list[str] = []
    # One query for everybody's consent: an order may fix hundreds of pairs.
    missing = {person.pk for person in people_without_consent(order)}
    items = order.items.filter(action=OrderItem.Action.FIX).select_related("pair__mentor__person")
    for item in items.prefetch_related("pair__members__mentee__person"):
        pair = item.pair
        if pair.status != Pair.Status.DRAFT:
            problems.append(
                f"{pair}: статус «{pair.get_status_display()}» — закрепить её этим приказом нельзя."
            )
            continue
        if pair.variant_id is None:
            problems.append(no_variant_message(pair))
        readiness = readiness_problem(pair.mentor)
        if readiness:
            problems.append(readiness)
        people = [pair.mentor.person] + [m.mentee.person for m in pair.members.all() if m.is_open]
        problems += [no_consent_message(person) for person in people if person.pk in missing]
        for member in pair.members.all():
            mentee = member.mentee
            if member.is_open and mentee.status in (Mentee.Status.COMPLETED, Mentee.Status.LEFT):
                # The mentee base may have been changed by hand after the pair was formed.
                problems.append(
                    f"«{mentee.person.full_name}»: статус «{mentee.get_status_display()}» — "
                    "пару с этим наставляемым закрепить нельзя."
                )
    return list(dict.fromkeys(problems))


def ending_reason(order: Order) -> str:
    """What an active pair ended by the order says in its history."""
    return f"Прекращена приказом № {order.number} от {order.date:%d.%m.%Y}"


@transaction.atomic
def register_order(*, order: Order, user, version: int | None = None) -> Order:
    """Make the order's pairs active and end the pairs it ends, all at once; then it never changes.

    Every pair it fixes must still be a draft, its mentor ready, and everyone in it must have a valid
    consent today. Any failure leaves every pair and the order as they were. ``version`` — the version
    of the order the director looked at: an order changed since then is not registered unseen."""
    current = _locked(order)
    ensure_programme_open(current.programme)
    if current.status == Order.Status.REGISTERED:
        raise ValidationError(
            f"Приказ № {current.number} уже зарегистрирован "
            f"{timezone.localtime(current.registered_at):%d.%m.%Y}. {IMMUTABLE}"
            if current.registered_at
            else f"Приказ № {current.number} уже зарегистрирован. {IMMUTABLE}"
        )
    if version is not None:
        check_version(current=current, version=version, fields={})
    items = list(current.items.select_related("pair").order_by("action", "position", "pk"))
    if not items:
        raise ValidationError("В приказе нет ни одной пары — регистрировать нечего.")
    problems = fix_problems(current)
    problems += _already_recorded(
        [i.pair_id for i in items if i.action == OrderItem.Action.END], order=current
    )
    for item in items:
        pair = item.pair
        if item.action == OrderItem.Action.END and pair.status == Pair.Status.ACTIVE:
            if pair.start_date > current.date:
                problems.append(
                    f"{pair} начинает работу {pair.start_date:%d.%m.%Y} — прекратить её приказом "
                    f"от {current.date:%d.%m.%Y} нельзя."
                )
    if problems:
        raise ValidationError(problems)
    label = f"Приказ № {current.number} от {current.date:%d.%m.%Y}"
    for item in items:
        if item.action == OrderItem.Action.FIX:
            activate_pair(pair=item.pair, day=current.date, text=label, user=user)
    for item in items:
        if item.action != OrderItem.Action.END:
            continue
        pair = Pair.objects.select_for_update().get(pk=item.pair_id)
        if pair.status == Pair.Status.ACTIVE:
            terminate_pair(
                pair=pair,
                end_date=current.date,
                reason=ending_reason(current),
                user=user,
            )
        elif pair.status not in ENDED_STATUSES:
            raise ValidationError(
                f"{pair}: статус «{pair.get_status_display()}» — прекратить её этим приказом нельзя."
            )
    organisation = current.programme.organisation
    current.status = Order.Status.REGISTERED
    current.registered_at = timezone.now()
    current.registered_by = user
    current.signed_organisation_name = organisation.name
    current.signed_head_position = organisation.head_position or "Директор"
    current.signed_head_name = organisation.head_name
    current.version += 1
    current.save()
    return current


__all__ = [
    "IMMUTABLE",
    "create_order",
    "default_preamble",
    "default_title",
    "delete_order",
    "fix_problems",
    "order_label",
    "register_order",
    "update_order",
]
