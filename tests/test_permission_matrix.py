"""Every URL of the project × every persona: who gets 200, 302 to login, 403 or 404.

URLs are read from the resolver, so a new view is checked as soon as it is routed. A view
that does not declare its roles (``@allow`` / ``public``) fails here; so does a URL argument
that no entry below knows how to fill: add how to find an object of the owner school.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mentoring.access import PUBLIC
from mentoring.navigation import home_page_for
from mentoring.roles import Role
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
PLAIN_ARGUMENTS = {"uidb64": "MQ", "token": "set-password", "stage_number": 2}

PERSONAS = [
    "anonymous",
    Role.CURATOR,
    Role.DIRECTOR,
    Role.MENTOR,
    Role.MENTEE,
    Role.MUNICIPAL,
    Role.STAFF,
    "outsider",
    "nobody",
]
PERSONA_ROLES = {
    "outsider": {Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE, Role.MUNICIPAL},
    "nobody": set(),
}


@dataclass(frozen=True)
class Route:
    name: str
    callback: object
    arguments: tuple[str, ...]

    def __str__(self) -> str:
        return self.name


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
                arguments = tuple(pattern.pattern.converters) or tuple(pattern.pattern.regex.groupindex)
                routes.append(Route(name, pattern.callback, arguments))

    walk(get_resolver().url_patterns)
    return routes


ROUTES = project_routes()


def expected_status(route: Route, persona: str) -> set[int]:
    rule = getattr(route.callback, "allowed_roles", None)
    assert rule is not None, f"view {route.name} does not declare who may use it (@allow or public)"
    if rule == PUBLIC:
        return {200} if persona == "anonymous" else {200, 302}
    if persona == "anonymous":
        return {302}
    roles = PERSONA_ROLES.get(persona, {persona})
    if not roles & rule:
        return {403}
    has_object = any(arg in OBJECT_ARGUMENTS or arg in PERSONAL_ARGUMENTS for arg in route.arguments)
    if persona == "outsider" and has_object:
        return {404}
    if route.name == "home" and home_page_for(persona):
        return {302}  # the role's home is a feature app's page, checked as its own route
    return {200} if "GET" in route.callback.allowed_methods else {200, 302}


def url_for(route: Route, world, persona: str = "") -> str:
    kwargs = {}
    for argument in route.arguments:
        if argument in OBJECT_ARGUMENTS:
            kwargs[argument] = OBJECT_ARGUMENTS[argument](world)
        elif argument in PERSONAL_ARGUMENTS:
            kwargs[argument] = PERSONAL_ARGUMENTS[argument](world, persona)
        elif argument in PLAIN_ARGUMENTS:
            kwargs[argument] = PLAIN_ARGUMENTS[argument]
        else:
            pytest.fail(f"URL {route.name}: add its argument {argument!r} to OBJECT_ARGUMENTS")
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_answers_each_persona_as_declared(client, world, route, persona):
    expected = expected_status(route, persona)
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url = url_for(route, world, persona)
    if "GET" in route.callback.allowed_methods:
        response = client.get(url)
    else:
        response = client.post(url)
    assert response.status_code in expected, f"{persona} → {url}: {response.status_code}, expected {expected}"
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_it_checks_a_sensible_number_of_urls():
    names = {r.name for r in ROUTES}
    assert {"home", "login", "programme_list", "programme_detail", "municipal_organisation"} <= names


@pytest.mark.parametrize("persona", [Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MUNICIPAL, "outsider"])
def test_it_keeps_admin_to_staff(client, world, persona):
    client.force_login(world.users[persona])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_opens_admin_for_staff(client, world):
    world.users[Role.STAFF].is_superuser = True
    world.users[Role.STAFF].save()
    client.force_login(world.users[Role.STAFF])
    response = client.get(reverse("admin:mentoring_user_changelist"))
    assert response.status_code == 200
    assert "Пользователи" in response.content.decode()
