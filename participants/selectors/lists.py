"""The people list and the mentee base: filters, sorting and a bounded number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from mentoring.models import Programme
from participants.importing.values import CellError, parse_class
from participants.models import Mentee, MenteeRequest
from participants.selectors.consents import with_consent_flag
from participants.selectors.names import name_words_q

PAGE_SIZE = 50

PERSON_SORTS = {
    "name": ("last_name", "first_name", "middle_name", "pk"),
    "class": ("grade", "class_letter", "last_name", "first_name", "pk"),
    "kind": ("kind", "last_name", "first_name", "pk"),
}
MENTEE_SORTS = {
    "name": ("person__last_name", "person__first_name", "person__middle_name", "pk"),
    "class": ("person__grade", "person__class_letter", "person__last_name", "pk"),
    "entry": ("-entry_date", "person__last_name", "pk"),
    "status": ("status", "person__last_name", "pk"),
}


def _class_filter(value: str, prefix: str = "") -> Q:
    """«8» is the whole parallel, «8А» one class — read the way the import reads a class."""
    try:
        parsed = parse_class(value)
    except CellError:
        parsed = None
    if parsed is None:
        return Q(pk__in=[])
    grade, letter = parsed
    condition = Q(**{f"{prefix}grade": grade})
    if letter:
        condition &= Q(**{f"{prefix}class_letter": letter})
    return condition


def filter_people(people: QuerySet, filters: dict) -> QuerySet:
    people = with_consent_flag(people)
    if filters.get("q"):
        people = people.filter(name_words_q(filters["q"]))
    if filters.get("kind"):
        people = people.filter(kind=filters["kind"])
    if filters.get("school_class"):
        people = people.filter(_class_filter(filters["school_class"]))
    if filters.get("consent") == "yes":
        people = people.filter(has_consent=True)
    elif filters.get("consent") == "no":
        people = people.filter(has_consent=False)
    return people.order_by(*PERSON_SORTS.get(filters.get("sort") or "name", PERSON_SORTS["name"]))


def mentee_base(programme: Programme | None) -> QuerySet:
    if programme is None:
        return Mentee.objects.none()
    return Mentee.objects.filter(programme=programme)


def filter_mentees(mentees: QuerySet, filters: dict) -> QuerySet:
    mentees = with_consent_flag(mentees, person_path="person_id").select_related("person")
    if filters.get("q"):
        mentees = mentees.filter(name_words_q(filters["q"], "person__"))
    if filters.get("school_class"):
        mentees = mentees.filter(_class_filter(filters["school_class"], "person__"))
    if filters.get("category"):
        mentees = mentees.filter(categories=filters["category"])
    if filters.get("topic"):
        mentees = mentees.filter(
            pk__in=MenteeRequest.objects.filter(topics=filters["topic"]).values("mentee_id")
        )
    if filters.get("status"):
        mentees = mentees.filter(status=filters["status"])
    if filters.get("consent") == "yes":
        mentees = mentees.filter(has_consent=True)
    elif filters.get("consent") == "no":
        mentees = mentees.filter(has_consent=False)
    order = MENTEE_SORTS.get(filters.get("sort") or "name", MENTEE_SORTS["name"])
    return mentees.order_by(*order).prefetch_related(
        "categories", Prefetch("requests", queryset=MenteeRequest.objects.prefetch_related("topics"))
    )


def paginate(queryset: QuerySet, page_number) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(page_number)
