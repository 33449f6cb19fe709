"""The roadmap printed (A4 landscape) and as .xlsx."""

from __future__ import annotations

from django.shortcuts import redirect

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from participants.exporting import write_book
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap import exporting_roadmap
from roadmap.selectors.roadmap import roadmap_of

KEEPERS = (Role.CURATOR, Role.DIRECTOR)


@allow(*KEEPERS, methods=("GET",))
def roadmap_pdf(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("roadmap")
    day = today()
    pdf = render_pdf(
        template_name="roadmap/roadmap/pdf.html",
        context={"programme": programme, "stages": roadmap_of(programme, day=day), "today": day},
    )
    return pdf_response(pdf, f"Дорожная карта — {programme.name}")


@allow(*KEEPERS, methods=("GET",))
def roadmap_xlsx(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("roadmap")
    day = today()
    book = write_book(
        title="Дорожная карта",
        headers=exporting_roadmap.HEADERS,
        rows=exporting_roadmap.rows(roadmap_of(programme, day=day), day),
        widths=exporting_roadmap.WIDTHS,
    )
    return xlsx_response(book, f"Дорожная карта — {programme.name}.xlsx")
