"""The programme's closing report (итоговый отчёт о реализации программы наставничества) as a PDF,
for the school office and the education authority. Curator and director of the organisation only."""

from __future__ import annotations

from django.http import Http404

from mentoring.access import allow
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap.selectors.closing import closing_report


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def closing_report_pdf(request):
    programme = chosen_programme(request)
    if programme is None:
        raise Http404("Программа наставничества не выбрана.")
    # A completed programme reports as of the day it was completed, a running one as of today.
    day = getattr(programme, "completed_on", None) or today()
    pdf = render_pdf(
        template_name="roadmap/closing/report.html",
        context={"report": closing_report(programme, day=day)},
    )
    return pdf_response(pdf, f"Итоговый отчёт — {programme.name}")
