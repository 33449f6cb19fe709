"""The individual plan's pages: start, read, the goal, rows (add, edit, done, delete), the mentee's
proposals and the mentor's decisions, the curator's comments.

Who does what: the mentor of the pair writes; the mentee reads their own plan and proposes rows;
the curator reads and comments; the director reads. ``access_plan`` / ``access_row`` give a 404 for
anything else.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors, posted_version
from mentoring.roles import Role
from mentoring.submissions import submit_once
from pairs.forms.plans import CommentForm, GoalForm, PlanStartForm, ProposeForm, RowEditForm, RowForm
from pairs.guards import member_problem
from pairs.models import IndividualPlan, PlanRow
from pairs.selectors.plans import (
    access_member,
    access_plan,
    access_row,
    percent_done,
    plan_rows,
    progress,
    templates_for,
)
from pairs.services import plans as services
from participants.services.access_log import Action, log_access

READERS = (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)


def _plan_url(plan: IndividualPlan, anchor: str = "") -> str:
    return reverse("plan_detail", kwargs={"plan_id": plan.pk}) + (f"#{anchor}" if anchor else "")


def _writable(plan: IndividualPlan) -> bool:
    return member_problem(plan.member) is None


@allow(Role.MENTOR)
def plan_start(request, member_id: int):
    member = access_member(request.access, member_id)
    existing = IndividualPlan.objects.filter(member=member).first()
    if existing is not None:
        return redirect(_plan_url(existing))
    form = PlanStartForm(
        request.POST or None, member=member, templates=templates_for(request.access.organisation)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def start() -> str:
            plan = services.start_plan(
                member=member, user=request.user, goal=data["goal"], template=data["template"]
            )
            messages.success(request, "План создан. Проверьте сроки и строки, добавьте свои.")
            return _plan_url(plan)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=start)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/plans/start.html", {"form": form, "member": member, "pair": member.pair})


@allow(*READERS, methods=("GET",))
def plan_detail(request, plan_id: int):
    access = request.access
    plan = access_plan(access, plan_id)
    member = plan.member
    log_access(
        user=request.user,
        organisation=access.organisation,
        action=Action.VIEW,
        person=member.mentee.person,
        detail=f"Индивидуальный план № {plan.pk}",
    )
    rows = plan_rows(plan)
    done, total = progress(rows)
    mentor = access.role == Role.MENTOR  # ``access_plan`` gives a mentor their own pairs' plans only
    writable = _writable(plan)
    context = {
        "plan": plan,
        "member": member,
        "pair": member.pair,
        "rows": rows,
        "done": done,
        "total": total,
        "percent": percent_done(done, total),
        "can_write": mentor and writable,
        "can_propose": access.role == Role.MENTEE and writable,
        "can_comment": access.role == Role.CURATOR or mentor,
        # The curator's remarks are for the mentor who writes the plan, not for the child.
        "comments": None
        if access.role == Role.MENTEE
        else plan.comments.select_related("author").order_by("created_at", "pk"),
        "row_form": RowForm() if mentor and writable else None,
        "propose_form": ProposeForm() if access.role == Role.MENTEE and writable else None,
        "comment_form": CommentForm(),
    }
    return render(request, "pairs/plans/detail.html", context)


@allow(Role.MENTOR)
def plan_goal(request, plan_id: int):
    plan = access_plan(request.access, plan_id)
    form = GoalForm(request.POST or None, initial={"goal": plan.goal, "version": plan.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan_goal(
                plan=plan,
                version=form.cleaned_data["version"],
                goal=form.cleaned_data["goal"],
                user=request.user,
            )
            messages.success(request, "Цель плана сохранена.")
            return redirect(_plan_url(plan))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/plans/goal.html", {"form": form, "plan": plan, "stale": stale})


@allow(Role.MENTOR)
def plan_row_add(request, plan_id: int):
    plan = access_plan(request.access, plan_id)
    form = RowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add() -> str:
            row = services.add_row(
                plan=plan,
                user=request.user,
                task=data["task"],
                mentor_action=data["mentor_action"],
                work_form=data["work_form"],
                deadline=data["deadline"],
                expected_result=data["expected_result"],
            )
            messages.success(request, "Строка добавлена в план.")
            return _plan_url(plan, f"row-{row.pk}")

        try:
            return redirect(submit_once(user=request.user, token=data.get("submit_token") or "", action=add))
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/plans/row_form.html", {"form": form, "plan": plan, "adding": True})


@allow(Role.MENTOR)
def plan_row_edit(request, row_id: int):
    row = access_row(request.access, row_id)
    plan = row.plan
    form = RowEditForm.for_row(row, request.POST or None)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_row(
                row=row,
                version=data["version"],
                user=request.user,
                task=data["task"],
                mentor_action=data["mentor_action"],
                work_form=data["work_form"],
                deadline=data["deadline"],
                expected_result=data["expected_result"],
                actual_result=data["actual_result"],
                done=data["done"],
                done_on=data["done_on"],
            )
            messages.success(request, "Строка плана сохранена.")
            return redirect(_plan_url(plan, f"row-{row.pk}"))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request, "pairs/plans/row_form.html", {"form": form, "plan": plan, "row": row, "stale": stale}
    )


def _back(request, plan: IndividualPlan, row: PlanRow):
    # The mentor's home marks rows done too; it sends ?next=desk to come back there.
    if request.POST.get("next") == "desk":
        return redirect("mentor_desk")
    return redirect(_plan_url(plan, f"row-{row.pk}"))


@allow(Role.MENTOR, methods=("POST",))
def plan_row_done(request, row_id: int):
    row = access_row(request.access, row_id)
    done = request.POST.get("done") == "1"
    try:
        services.set_row_done(row=row, version=posted_version(request), done=done, user=request.user)
        messages.success(request, f"«{row.task}» — {'выполнено' if done else 'отметка о выполнении снята'}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, row.plan, row)


@allow(Role.MENTOR, methods=("POST",))
def plan_row_delete(request, row_id: int):
    row = access_row(request.access, row_id)
    try:
        services.delete_row(row=row, version=posted_version(request), user=request.user)
        messages.success(request, f"Строка «{row.task}» удалена из плана.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_plan_url(row.plan))


@allow(Role.MENTEE)
def plan_propose(request, plan_id: int):
    plan = access_plan(request.access, plan_id)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def propose() -> str:
            services.propose_row(
                plan=plan,
                user=request.user,
                task=data["task"],
                expected_result=data["expected_result"],
                deadline=data["deadline"],
            )
            messages.success(request, "Предложение отправлено наставнику: он примет его в план или ответит.")
            return _plan_url(plan)

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=propose)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/plans/propose.html", {"form": form, "plan": plan})


@allow(Role.MENTOR, methods=("POST",))
def plan_row_decide(request, row_id: int):
    row = access_row(request.access, row_id)
    accept = request.POST.get("decision") == "accept"
    try:
        services.decide_proposal(
            row=row,
            version=posted_version(request),
            accept=accept,
            user=request.user,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, "Предложение принято в план." if accept else "Предложение отклонено.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, row.plan, row)


@allow(Role.CURATOR, Role.MENTOR, methods=("POST",))
def plan_comment(request, plan_id: int):
    plan = access_plan(request.access, plan_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def comment() -> str:
            services.comment_plan(plan=plan, user=request.user, text=data["text"])
            messages.success(request, "Комментарий добавлен.")
            return _plan_url(plan, "comments")

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=comment)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Напишите комментарий.")
    return redirect(_plan_url(plan, "comments"))
