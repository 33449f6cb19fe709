"""Being written."""

from django.http import HttpResponse

from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR)
def template_list(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def template_create(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def template_detail(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def template_customise(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def template_edit(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def template_delete(request, **kwargs):
    return HttpResponse(status=501)
