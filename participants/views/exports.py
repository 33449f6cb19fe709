"""Excel export of the mentee base and the mentor base (curator and director)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.roles import Role
from participants.exporting import export_file_name, export_mentee_base, export_mentor_base
from participants.views.mentees import chosen_programme


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def mentee_export(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Текущая программа не выбрана: выгружать пока нечего.")
        return redirect("home")
    content = export_mentee_base(programme=programme, user=request.user)
    return xlsx_response(content, export_file_name("База наставляемых"))


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def mentor_export(request):
    content = export_mentor_base(organisation=request.access.organisation, user=request.user)
    return xlsx_response(content, export_file_name("База наставников"))
