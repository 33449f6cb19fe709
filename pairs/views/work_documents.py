"""Print and export of the work of pairs: a mentee's individual plan as an A4 PDF, and the plans'
rows and the meetings of the chosen programme as .xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.pdf import pdf_response
from mentoring.roles import Role
from pairs.documents.plan import plan_file_name, render_plan_pdf
from pairs.exporting_work import export_meetings, export_plans
from pairs.selectors.plans import access_plan
from participants.exporting import export_file_name
from participants.services.access_log import Action, log_access
from participants.views.mentees import chosen_programme


# A mentor gets only the plans of their own pairs, a mentee only their own plan (``access_plan``).
@allow(Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE, methods=("GET",))
def plan_pdf(request, plan_id: int):
    plan = access_plan(request.access, plan_id)
    pdf = render_plan_pdf(plan, request=request)
    # The journal names the mentee in its own column; the detail names nobody.
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        person=plan.member.mentee.person,
        action=Action.VIEW,
        detail=f"Индивидуальный план № {plan.pk} (печать)",
    )
    return pdf_response(pdf, plan_file_name(plan))


def _export(request, export, base_name: str):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Текущая программа не выбрана: выгружать пока нечего.")
        return redirect("home")
    content = export(programme=programme, user=request.user)
    return xlsx_response(content, export_file_name(base_name))


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def plans_export(request):
    return _export(request, export_plans, "Индивидуальные планы")


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def meetings_export(request):
    return _export(request, export_meetings, "Встречи")
