"""The stage 1 report (process quality) on the page, as a PDF and as .xlsx, and the SWOT analysis
the curator writes from it. Curator and director of the organisation only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from monitoring.exporting import ProcessRawExport, ProcessSummaryExport
from monitoring.forms.swot import SwotForm
from monitoring.models import Stage, Swot
from monitoring.selectors.mentor_summary import mentor_summary as selectors_mentor_summary
from monitoring.selectors.process_report import THRESHOLD, process_report, stage_campaigns
from monitoring.selectors.swot import proposals
from monitoring.services.swot import SWOT_FIELDS, save_swot
from monitoring.views.downloads import export_response
from participants.views.mentees import chosen_programme

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def _context(request) -> dict:
    programme = chosen_programme(request)
    campaign_id = request.GET.get("campaign", "")
    context = {
        "programme": programme,
        "programmes": programmes_of(request.access.organisation),
        "threshold": THRESHOLD,
        "campaign_id": campaign_id,
        "report": process_report(programme, campaign_id=campaign_id) if programme else None,
        "all_campaigns": stage_campaigns(programme, Stage.PROCESS) if programme else [],
    }
    return context


@allow(*KEEPERS, methods=("GET",))
def report_process(request):
    return render(request, "monitoring/reports/process.html", _context(request))


@allow(*KEEPERS, methods=("GET",))
def report_process_pdf(request):
    context = _context(request)
    if context["programme"] is None:
        return redirect("report_process")
    context["swot"] = Swot.objects.filter(programme=context["programme"]).first()
    pdf = render_pdf(template_name="monitoring/reports/process_pdf.html", context=context)
    return pdf_response(pdf, f"Мониторинг, этап 1 — {context['programme'].name}")


@allow(*KEEPERS, methods=("GET",))
def report_process_xlsx(request):
    context = _context(request)
    if context["programme"] is None:
        return redirect("report_process")
    return export_response(request, ProcessSummaryExport(context["report"]))


@allow(*KEEPERS, methods=("GET",))
def report_process_raw(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("report_process")
    return export_response(request, ProcessRawExport(programme, campaign_id=request.GET.get("campaign", "")))


@allow(*KEEPERS)
def swot_edit(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("report_process")
    swot = Swot.objects.filter(programme=programme).first() or Swot(programme=programme)
    report = process_report(programme)
    suggested = proposals(report)
    initial = {name: getattr(swot, name) for name in SWOT_FIELDS} | {"version": swot.version}
    if not swot.pk:
        initial["strengths"] = "\n".join(suggested.strengths)
        initial["weaknesses"] = "\n".join(suggested.weaknesses)
    form = SwotForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST":
        if request.access.role != Role.CURATOR:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_swot(
                    programme=programme,
                    version=data["version"] or 0,
                    user=request.user,
                    **{name: data[name] for name in SWOT_FIELDS},
                )
            except StaleEditError as error:
                stale = error.changed
                apply_errors(form, error)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "SWOT-анализ сохранён.")
                return redirect(f"{reverse('swot_edit')}?programme={programme.pk}")
    return render(
        request,
        "monitoring/reports/swot.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "form": form,
            "swot": swot,
            "suggested": suggested,
            "stale": stale,
            "can_edit": request.access.role == Role.CURATOR,
        },
    )


@allow(Role.MENTOR, methods=("GET",))
def mentor_summary(request):
    return render(
        request,
        "monitoring/reports/mentor_summary.html",
        {"summary": selectors_mentor_summary(request.access)},
    )
