"""Templates of individual plans: the curator keeps the school's own; the common ones are copied
before they are changed. The director reads them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.roles import Role
from mentoring.submissions import submit_once
from pairs.forms.plan_templates import TemplateCreateForm, TemplateForm, rows_formset
from pairs.models import PlanTemplate
from pairs.selectors.plans import access_template, templates_for
from pairs.services import plan_templates as services

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _detail_url(template: PlanTemplate) -> str:
    return reverse("plan_template_detail", kwargs={"template_id": template.pk})


@allow(*KEEPERS, methods=("GET",))
def template_list(request):
    templates = templates_for(request.access.organisation).prefetch_related("rows")
    return render(request, "pairs/plan_templates/list.html", {"templates": templates})


@allow(*KEEPERS, methods=("GET",))
def template_detail(request, template_id: int):
    template = access_template(request.access, template_id)
    rows = template.rows.order_by("position", "pk")
    return render(request, "pairs/plan_templates/detail.html", {"template": template, "rows": rows})


@allow(Role.CURATOR)
def template_create(request):
    form = TemplateCreateForm(request.POST or None, programme=request.access.programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            template = services.create_template(
                organisation=request.access.organisation,
                form=data["form"],
                name=data["name"],
                goal=data["goal"],
                user=request.user,
            )
            return reverse("plan_template_edit", kwargs={"template_id": template.pk})

        try:
            return redirect(
                submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "pairs/plan_templates/create.html", {"form": form})


@allow(Role.CURATOR, methods=("POST",))
def template_customise(request, template_id: int):
    template = access_template(request.access, template_id)
    copy = services.customise_template(
        template=template, organisation=request.access.organisation, user=request.user
    )
    if copy.pk != template.pk:
        messages.success(
            request, "Сделана копия шаблона для вашей школы: меняйте её, общий шаблон останется как был."
        )
    return redirect("plan_template_edit", template_id=copy.pk)


@allow(Role.CURATOR)
def template_edit(request, template_id: int):
    template = access_template(request.access, template_id)
    if template.is_common:
        return render(
            request,
            "pairs/plan_templates/detail.html",
            {"template": template, "rows": template.rows.all(), "common_locked": True},
        )
    form = TemplateForm(
        request.POST or None,
        initial={"name": template.name, "goal": template.goal, "version": template.version},
    )
    rows = rows_formset(template, request.POST or None)
    stale = None
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        try:
            services.update_template(
                template=template,
                version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                goal=form.cleaned_data["goal"],
                rows=[row for row in rows.cleaned_data if row],
                user=request.user,
            )
            messages.success(request, "Шаблон сохранён.")
            return redirect(_detail_url(template))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "pairs/plan_templates/edit.html",
        {"template": template, "form": form, "rows": rows, "stale": stale},
    )


@allow(Role.CURATOR, methods=("POST",))
def template_delete(request, template_id: int):
    template = access_template(request.access, template_id)
    try:
        services.delete_template(template=template, user=request.user)
        messages.success(request, f"Шаблон «{template.name}» удалён.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(template))
    return redirect("plan_template_list")
