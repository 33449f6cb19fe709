"""What mentors and mentees see of the bases: their own record, and a mentor's own mentees."""

from django.db.models import Prefetch
from django.shortcuts import render

from mentoring.access import allow
from mentoring.roles import Role
from participants.models import Mentee, MenteeRequest
from participants.selectors.consents import has_valid_consent
from participants.selectors.people import own_person, visible_people
from participants.services.access_log import Action, log_access


@allow(Role.MENTOR, Role.MENTEE, methods=("GET",))
def my_record(request):
    person = own_person(request.access)
    context = {"person": person}
    if person is not None:
        log_access(user=request.user, organisation=person.organisation, action=Action.VIEW, person=person)
        context.update(
            mentees=person.mentees.select_related("programme").prefetch_related(
                "categories", "requests__topics"
            ),
            mentor=getattr(person, "mentor", None),
            consent_valid=has_valid_consent(person),
        )
    return render(request, "participants/own/record.html", context)


@allow(Role.MENTOR, methods=("GET",))
def my_mentees(request):
    """Names, class and requests only: a mentor has no business with contacts or consents."""
    people = visible_people(request.access)
    mentees = (
        Mentee.objects.filter(person__in=people, programme=request.access.programme)
        .select_related("person")
        .prefetch_related(Prefetch("requests", queryset=MenteeRequest.objects.prefetch_related("topics")))
    )
    return render(request, "participants/own/mentees.html", {"mentees": mentees})
