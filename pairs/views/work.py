"""Being written."""

from django.http import HttpResponse

from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR)
def work_overview(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def mentor_desk(request, **kwargs):
    return HttpResponse(status=501)
