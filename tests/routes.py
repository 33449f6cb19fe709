"""Every routed URL of the project and how to fill its arguments with objects of the owner school.

Shared by the permission matrix (every route × every persona) and the fuzz test (every route × hostile
input). A new URL argument must be added here: to ``OBJECT_ARGUMENTS`` when it names an object of an
organisation, otherwise to ``PERSONAL_ARGUMENTS`` or ``PLAIN_ARGUMENTS``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import give_scanned_consent, make_course, make_import_upload
from tests.monitoring_factories import own_invitation, questionnaire_of, world_campaign, world_invitation
from tests.pair_factories import (
    make_order,
    make_replacement,
    school_template,
    world_meeting,
    world_pair,
    world_plan,
)
from tests.roadmap_factories import (
    world_award,
    world_case,
    world_event,
    world_evidence,
    world_indicator,
    world_item,
    world_photo,
)

# URL argument → how to get an object of the owner school (the outsider must get 404 for it).
OBJECT_ARGUMENTS = {
    "programme_id": lambda world: world.programme.pk,
    "organisation_id": lambda world: world.school.pk,
    # The mentee's own card: the mentee may open it, other mentees and mentors may not.
    "person_id": lambda world: world.mentee_person.pk,
    "mentee_id": lambda world: world.mentee.pk,
    "mentor_id": lambda world: world.mentor.pk,
    "consent_id": lambda world: world.mentee_person.consents.get().pk,
    # A consent with its scan stored: the scan view answers 404 for a consent without one.
    "scanned_consent_id": lambda world: give_scanned_consent(world.mentee_person).pk,
    "course_id": lambda world: make_course(world.school).pk,
    "request_id": lambda world: world.mentee.requests.get().pk,
    "upload_id": lambda world: make_import_upload(world.school).pk,
    # The active pair of the mentor's and the mentee's accounts: both may open it.
    "pair_id": lambda world: world_pair(world).pk,
    "member_id": lambda world: world_pair(world).members.get().pk,
    "order_id": lambda world: make_order(world.programme).pk,
    "replacement_id": lambda world: make_replacement(world).pk,
    "plan_id": lambda world: world_plan(world).pk,
    "row_id": lambda world: world_plan(world).rows.first().pk,
    "meeting_id": lambda world: world_meeting(world).pk,
    # The school's own copy: a common template belongs to no school, the outsider may read it too.
    "template_id": lambda world: school_template(world).pk,
    "questionnaire_id": lambda world: questionnaire_of(world.programme, "process-mentee-teacher-student").pk,
    "section_id": lambda world: questionnaire_of(world.programme, "process-curator").sections.first().pk,
    "question_id": lambda world: questionnaire_of(world.programme, "process-curator").questions.first().pk,
    "characteristic_id": lambda world: world.programme.characteristics.first().pk,
    "campaign_id": lambda world: world_campaign(world).pk,
    "item_id": lambda world: world_item(world).pk,
    "evidence_id": lambda world: world_evidence(world).pk,
    "indicator_id": lambda world: world_indicator(world).pk,
    "event_id": lambda world: world_event(world).pk,
    "case_id": lambda world: world_case(world).pk,
    "photo_id": lambda world: world_photo(world).pk,
    "award_id": lambda world: world_award(world).pk,
    # A public one-time link: anyone holding it may open it.
    "token": lambda world: world_invitation(world).token,
}
# URL arguments that name the persona's own object (their invitation to a questionnaire); the outsider
# gets the owner school's mentee's one, which must be a 404 for them.
PERSONAL_ARGUMENTS = {
    "invitation_id": lambda world, persona: own_invitation(world, persona).pk,
}
# URL arguments that are not objects of an organisation.
PLAIN_ARGUMENTS = {"uidb64": "MQ", "token": "set-password", "stage_number": 2, "kind": "students"}


@dataclass(frozen=True)
class Route:
    name: str
    callback: object
    arguments: tuple[str, ...]
    # The converter of each argument («int», «str»…), in the order of ``arguments``.
    converters: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def _converter_name(converter) -> str:
    return type(converter).__name__.removesuffix("Converter").lower()


def project_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's admin has its own staff check; see test_it_keeps_admin_to_staff
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"URL {pattern.pattern} has no name"
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                converters = getattr(pattern.pattern, "converters", {})
                if converters:
                    arguments = tuple(converters)
                    kinds = tuple(_converter_name(converters[a]) for a in arguments)
                else:
                    arguments = tuple(pattern.pattern.regex.groupindex)
                    kinds = ("regex",) * len(arguments)
                routes.append(Route(name, pattern.callback, arguments, kinds))

    walk(get_resolver().url_patterns)
    return routes


def url_kwargs(route: Route, world, persona: str = "", known: dict | None = None) -> dict:
    """The route's arguments; those in ``known`` as they are there (a factory called twice may make a
    second object, or refuse to)."""
    kwargs = {}
    for argument in route.arguments:
        if known and argument in known:
            kwargs[argument] = known[argument]
        elif argument in OBJECT_ARGUMENTS:
            kwargs[argument] = OBJECT_ARGUMENTS[argument](world)
        elif argument in PERSONAL_ARGUMENTS:
            kwargs[argument] = PERSONAL_ARGUMENTS[argument](world, persona)
        elif argument in PLAIN_ARGUMENTS:
            kwargs[argument] = PLAIN_ARGUMENTS[argument]
        else:
            pytest.fail(
                f"URL {route.name}: add its argument {argument!r} to OBJECT_ARGUMENTS in tests/routes.py"
            )
    return kwargs


def url_for(route: Route, world, persona: str = "") -> str:
    return reverse(route.name, kwargs=url_kwargs(route, world, persona))
