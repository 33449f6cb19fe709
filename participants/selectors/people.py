from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from mentoring.roles import Role
from participants import hooks
from participants.models import Person

# Roles that see every record of their organisation.
KEEPERS = (Role.CURATOR, Role.DIRECTOR)


def visible_people(access) -> QuerySet:
    """The people whose cards the current role may open: all for the keepers of the bases,
    a mentor's own mentees for a mentor, oneself for a mentee."""
    people = access.scope(Person)
    if access.role in KEEPERS:
        return people
    if access.role == Role.MENTOR:
        mentored = hooks.mentored_people_ids(access.user)
        if not mentored:
            return people.none()
        query = people.filter(pk__in=mentored[0])
        for more in mentored[1:]:
            query = query | people.filter(pk__in=more)
        return query
    if access.role == Role.MENTEE:
        return people.filter(user=access.user)
    return people.none()


def access_person(access, person_id: int) -> Person:
    return get_object_or_404(visible_people(access), pk=person_id)


def own_person(access) -> Person | None:
    """The person record behind the logged-in account, in the active organisation."""
    return access.scope(Person).filter(user=access.user).first()
