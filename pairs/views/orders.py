"""The director's orders fixing pairs and groups: list, drafting, registration, PDF and .docx."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.downloads import DOCX, file_response
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.params import int_param
from mentoring.pdf import pdf_response
from mentoring.plural import plural_ru
from mentoring.roles import Role
from mentoring.submissions import previous_result, submit_once
from pairs.documents.order import render_order_pdf
from pairs.documents.order_docx import render_order_docx
from pairs.forms.orders import OrderForm
from pairs.models import Order, OrderItem
from pairs.selectors import orders as selectors
from pairs.services import orders as services
from participants.services.access_log import Action, log_access

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
PEOPLE = "участника,участников,участников"


def _order(request, order_id: int) -> Order:
    return request.access.get(
        Order.objects.select_related("programme__organisation", "amends", "registered_by", "created_by"),
        pk=order_id,
    )


def _order_url(order: Order) -> str:
    return reverse("order_detail", kwargs={"order_id": order.pk})


def _form_fields(data: dict) -> dict:
    return {
        "number": data["number"],
        "date": data["date"],
        "title": data.get("title") or "",
        "preamble": data.get("preamble") or "",
        "period_start": data["period_start"],
        "period_end": data["period_end"],
        "plan_deadline": data["plan_deadline"],
        "curator_name": data["curator_name"],
        "control_name": data.get("control_name") or "",
        "amends": data.get("amends"),
        "fix_pairs": list(data.get("fix_pairs") or []),
        "end_pairs": list(data.get("end_pairs") or []),
    }


def _previous_submission(request) -> str:
    return previous_result(user=request.user, token=request.POST.get("submit_token", ""))


def _checked(form: OrderForm) -> dict:
    return {"fix_checked": form.checked("fix_pairs"), "end_checked": form.checked("end_pairs")}


@allow(*KEEPERS, methods=("GET",))
def order_list(request):
    programme = request.access.programme
    orders = list(selectors.orders_of(programme))
    waiting = selectors.order_candidates(programme) if programme is not None else None
    return render(
        request,
        "pairs/orders/list.html",
        {"programme": programme, "orders": orders, "waiting": waiting},
    )


@allow(*KEEPERS)
def order_create(request):
    programme = request.access.programme
    if programme is None:
        messages.error(request, "Сначала выберите текущую программу наставничества.")
        return redirect("order_list")
    candidates = selectors.order_candidates(programme)
    initial = None
    if request.method != "POST":
        initial = OrderForm.initial_for_new(
            programme=programme,
            candidates=candidates,
            number=selectors.suggest_number(programme),
            curator_name=selectors.curator_name(request.access.organisation, user=request.user),
        )
    if request.method == "POST":
        # A repeated submit: its pairs are in the order the first one made, so the form would not
        # validate any more — go to that order.
        previous = _previous_submission(request)
        if previous:
            return redirect(previous)
    form = OrderForm(request.POST or None, programme=programme, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            order = services.create_order(programme=programme, user=request.user, **_form_fields(data))
            messages.success(request, f"Проект приказа № {order.number} сохранён.")
            return _order_url(order)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "pairs/orders/form.html",
        {"form": form, "candidates": candidates, "programme": programme, "creating": True, **_checked(form)},
    )


@allow(*KEEPERS, methods=("GET",))
def order_detail(request, order_id: int):
    order = _order(request, order_id)
    items = list(selectors.order_items(order))
    missing = [] if order.is_registered else selectors.people_without_consent(order)
    return render(
        request,
        "pairs/orders/detail.html",
        {
            "order": order,
            "fix_items": [i for i in items if i.action == OrderItem.Action.FIX],
            "end_items": [i for i in items if i.action == OrderItem.Action.END],
            "missing": missing,
            "amendments": list(order.amendments.order_by("date", "pk")),
            "immutable": services.IMMUTABLE,
        },
    )


@allow(*KEEPERS)
def order_edit(request, order_id: int):
    order = _order(request, order_id)
    if order.is_registered:
        return render(
            request, "pairs/orders/form.html", {"order": order, "locked": services.IMMUTABLE, "form": None}
        )
    candidates = selectors.order_candidates(order.programme, order=order)
    form = OrderForm(
        request.POST or None,
        programme=order.programme,
        candidates=candidates,
        order=order,
        initial=None if request.method == "POST" else OrderForm.initial_for(order),
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_order(
                order=order, version=data.get("version") or 0, user=request.user, **_form_fields(data)
            )
            messages.success(request, "Изменения в проекте приказа сохранены.")
            return redirect(_order_url(order))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "pairs/orders/form.html",
        {
            "form": form,
            "order": order,
            "candidates": candidates,
            "programme": order.programme,
            "stale": stale,
            **_checked(form),
        },
    )


@allow(*KEEPERS, methods=("POST",))
def order_delete(request, order_id: int):
    order = _order(request, order_id)
    try:
        services.delete_order(order=order, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(_order_url(order))
    messages.success(request, f"Проект приказа № {order.number} удалён; его пары снова ждут приказа.")
    return redirect("order_list")


@allow(Role.DIRECTOR, methods=("POST",))
def order_register(request, order_id: int):
    order = _order(request, order_id)
    try:
        # The version the director saw: an order changed since then is refused, not registered unread.
        order = services.register_order(
            order=order, user=request.user, version=int_param(request.POST.get("version"))
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(_order_url(order))
    fixed = order.items.filter(action=OrderItem.Action.FIX).count()
    ended = order.items.filter(action=OrderItem.Action.END).count()
    parts = [f"закреплено пар и групп: {fixed}"] if fixed else []
    if ended:
        parts.append(f"прекращение работы отражено: {ended}")
    messages.success(request, f"Приказ № {order.number} зарегистрирован; {'; '.join(parts)}.")
    return redirect(_order_url(order))


def _refuse_print(request, order: Order):
    """A draft is never printed for someone without a valid consent: the page says who."""
    if order.is_registered:
        return None
    missing = selectors.people_without_consent(order)
    if not missing:
        return None
    names = ", ".join(p.full_name for p in missing)
    messages.error(
        request,
        f"Проект приказа не печатается: нет действующего согласия на обработку персональных данных "
        f"у {len(missing)} {plural_ru(len(missing), PEOPLE)} — {names}. Внесите согласия или уберите пары из приказа.",
    )
    return redirect(_order_url(order))


def _log_print(request, order: Order, kind: str) -> None:
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.EXPORT,
        detail=f"Приказ № {order.number} от {order.date:%d.%m.%Y} ({kind})",
    )


@allow(*KEEPERS, methods=("GET",))
def order_pdf(request, order_id: int):
    order = _order(request, order_id)
    refused = _refuse_print(request, order)
    if refused is not None:
        return refused
    pdf = render_order_pdf(order)
    _log_print(request, order, "PDF")
    return pdf_response(pdf, f"Приказ № {order.number} от {order.date:%d.%m.%Y}.pdf")


@allow(*KEEPERS, methods=("GET",))
def order_docx(request, order_id: int):
    order = _order(request, order_id)
    refused = _refuse_print(request, order)
    if refused is not None:
        return refused
    content = render_order_docx(order)
    _log_print(request, order, "DOCX")
    return file_response(content, f"Приказ № {order.number} от {order.date:%d.%m.%Y}.docx", content_type=DOCX)


__all__ = [
    "order_create",
    "order_delete",
    "order_detail",
    "order_docx",
    "order_edit",
    "order_list",
    "order_pdf",
    "order_register",
]
