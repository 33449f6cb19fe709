"""Excel export of the mentee base and the mentor base (curator and director)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from mentoring.access import allow
from mentoring.roles import Role
from participants.exporting import (
    content_disposition,
    export_file_name,
    export_mentee_base,
    export_mentor_base,
)
from participants.views.mentees import chosen_programme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "no-store"  # personal data: no copies in shared caches
    return response


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def mentee_export(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Текущая программа не выбрана: выгружать пока нечего.")
        return redirect("home")
    content = export_mentee_base(programme=programme, user=request.user)
    return _xlsx(content, export_file_name("База наставляемых"))


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def mentor_export(request):
    content = export_mentor_base(organisation=request.access.organisation, user=request.user)
    return _xlsx(content, export_file_name("База наставников"))
