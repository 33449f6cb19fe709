"""Placeholder until the documents of the work of pairs are written (plan PDF, plans and meetings .xlsx)."""

from django.http import HttpResponse

from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE, methods=("GET",))
def plan_pdf(request, plan_id: int):
    return HttpResponse(status=501)


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def plans_export(request):
    return HttpResponse(status=501)


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def meetings_export(request):
    return HttpResponse(status=501)
