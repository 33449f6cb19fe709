from django.shortcuts import render

from mentoring import selectors
from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.CURATOR, Role.DIRECTOR, Role.MUNICIPAL, Role.STAFF, methods=("GET",))
def mentoring_forms(request):
    return render(request, "mentoring/forms_reference.html", {"forms": selectors.forms_with_variants()})
