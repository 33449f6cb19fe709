"""Every URL of the project × every persona: who gets 200, 302 to login, 403 or 404.

What each route should answer comes from the checked-in table ``tests/permission_table.txt``, never
from the decorators under test: a wrong ``@allow`` fails here, and so does a route missing from the
table. URLs are read from the resolver, so a new view is checked as soon as it is routed; a URL
argument that no entry of ``tests/routes.py`` knows how to fill fails too: add there how to find an
object of the owner school.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from mentoring.access import PUBLIC
from mentoring.navigation import home_page_for
from mentoring.roles import Role
from tests.routes import OBJECT_ARGUMENTS, PERSONAL_ARGUMENTS, Route, project_routes, url_for

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

ROUTES = project_routes()


def read_table() -> dict[str, frozenset[str] | str]:
    table = {}
    for line in (Path(__file__).parent / "permission_table.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *roles = line.split()
        assert name not in table, f"{name} stands twice in permission_table.txt"
        table[name] = PUBLIC if roles == [PUBLIC] else frozenset(roles)
    return table


TABLE = read_table()


def expected_status(route: Route, persona: str) -> set[int]:
    rule = TABLE.get(route.name)
    assert rule is not None, f"route {route.name} is missing from tests/permission_table.txt"
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
    # A bare POST passes the gate and may then be refused as incomplete (closing a programme wants
    # its name typed): 400, never 403 or 404.
    return {200} if "GET" in route.callback.allowed_methods else {200, 302, 400}


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


def test_it_has_every_route_in_the_table_and_no_other():
    routed = {route.name for route in ROUTES}
    assert sorted(routed - set(TABLE)) == [], "routes missing from tests/permission_table.txt"
    assert sorted(set(TABLE) - routed) == [], "lines of tests/permission_table.txt for routes that are gone"


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_finds_each_view_declaring_what_the_table_says(route):
    declared = getattr(route.callback, "allowed_roles", None)
    assert declared is not None, f"view {route.name} does not declare who may use it (@allow or public)"
    expected = TABLE.get(route.name)
    if declared != PUBLIC:
        declared = frozenset(str(role) for role in declared)
    assert declared == expected, f"{route.name}: the view allows {declared}, the table says {expected}"


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
