from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from mentoring import selectors
from mentoring.access import ALL_ROLES, SESSION_ORGANISATION, SESSION_ROLE, allow
from mentoring.navigation import home_page_for, stats_for
from mentoring.params import int_param
from mentoring.roles import Role


def _back(request) -> HttpResponseRedirect:
    target = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("home")
    return HttpResponseRedirect(target)


@allow(*ALL_ROLES, methods=("GET",))
def home(request):
    access = request.access
    handed_over = home_page_for(access.role)
    if handed_over:
        return HttpResponseRedirect(handed_over)
    context = {"stats": stats_for(access)}
    if access.role in (Role.CURATOR, Role.DIRECTOR):
        context["role_counts"] = selectors.role_counts(access.organisation)
        context["programmes_total"] = selectors.programmes_of(access.organisation).count()
    elif access.role == Role.MUNICIPAL:
        context["organisations"] = selectors.district_organisations(access.municipality)
        context["figures"] = selectors.organisation_figures()
    elif access.role == Role.STAFF:
        context["counts"] = selectors.staff_counts()
    return render(request, f"mentoring/home/{access.role}.html", context)


@allow(*ALL_ROLES, methods=("POST",))
def switch_role(request):
    role = request.POST.get("role")
    if role in request.access.roles:
        request.session[SESSION_ROLE] = role
    return _back(request)


@allow(*ALL_ROLES, methods=("POST",))
def switch_organisation(request):
    wanted = int_param(request.POST.get("organisation"))
    if wanted is not None and any(o.pk == wanted for o in request.access.organisations):
        request.session[SESSION_ORGANISATION] = wanted
        request.session.pop(SESSION_ROLE, None)
    return HttpResponseRedirect(reverse("home"))
