"""Being written."""

from django.http import HttpResponse

from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR)
def meeting_create(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def meeting_edit(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def meeting_delete(request, **kwargs):
    return HttpResponse(status=501)
