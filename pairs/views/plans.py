"""Being written."""

from django.http import HttpResponse

from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR)
def plan_start(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_detail(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_goal(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_row_add(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_propose(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_comment(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_row_edit(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_row_done(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_row_delete(request, **kwargs):
    return HttpResponse(status=501)


@allow(Role.CURATOR)
def plan_row_decide(request, **kwargs):
    return HttpResponse(status=501)
