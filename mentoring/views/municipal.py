from django.shortcuts import get_object_or_404, render

from mentoring import selectors
from mentoring.access import allow
from mentoring.roles import Role


@allow(Role.MUNICIPAL, methods=("GET",))
def organisation_detail(request, organisation_id: int):
    """One organisation of the district: programmes and counts, never a child's name."""
    organisation = get_object_or_404(
        selectors.district_organisations(request.access.municipality), pk=organisation_id
    )
    programmes = selectors.programmes_of(organisation)
    return render(
        request,
        "mentoring/municipal_organisation.html",
        {
            "organisation": organisation,
            "programmes": programmes,
            "role_counts": selectors.role_counts(organisation),
            "figures": selectors.organisation_figures(),
        },
    )
