"""The stage 2 report (impact): entry against exit, on the page, as a PDF and as .xlsx. Curator and
director of the organisation only; the per-participant table names people, so viewing it is logged."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from mentoring.access import allow
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from monitoring.exporting import ImpactRawExport, ImpactSummaryExport
from monitoring.selectors.impact_report import impact_report
from monitoring.views.downloads import export_response
from participants.services.access_log import Action, log_access_many
from participants.views.mentees import chosen_programme
from participants.views.paging import querystring_without_page

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
PEOPLE_PER_PAGE = 50


@allow(*KEEPERS, methods=("GET",))
def report_impact(request):
    programme = chosen_programme(request)
    report = impact_report(programme) if programme else None
    page = Paginator(report.participants if report else [], PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        log_access_many(
            user=request.user,
            organisation=request.access.organisation,
            action=Action.VIEW,
            people=[p.person for p in page.object_list],
            detail="Мониторинг, этап 2: замеры участников",
        )
    return render(
        request,
        "monitoring/reports/impact.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "report": report,
            "page": page,
            "querystring": querystring_without_page(request),
        },
    )


@allow(*KEEPERS, methods=("GET",))
def report_impact_pdf(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("report_impact")
    pdf = render_pdf(
        template_name="monitoring/reports/impact_pdf.html",
        context={"programme": programme, "report": impact_report(programme)},
    )
    return pdf_response(pdf, f"Мониторинг, этап 2 — {programme.name}")


@allow(*KEEPERS, methods=("GET",))
def report_impact_xlsx(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("report_impact")
    return export_response(request, ImpactSummaryExport(impact_report(programme)))


@allow(*KEEPERS, methods=("GET",))
def report_impact_raw(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("report_impact")
    return export_response(request, ImpactRawExport(impact_report(programme)))
