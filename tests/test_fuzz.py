"""Malformed input never gives a 500: every route × hostile query strings, forms and path arguments.

For each routed URL (``tests/routes.py``, as the permission matrix walks them), as a persona who may use
it (the curator where the view allows the curator, anonymous for public pages), the test sends:

* GET and POST with a set of commonly read parameter names (and the names of the fields of the forms
  below), all set to one hostile value at a time: a NUL byte, letters where a number is expected, a
  negative, a 30-digit number, «1e999», 5,000 characters, «²» (a digit to ``str.isdigit`` that ``int``
  refuses), an impossible date;
* each form that sends to the route — the page's own (GET filters, POST forms) or, for a route that only
  takes a POST (delete, rename, decide…), the form on the page that holds it — filled in plausibly, then
  with the common parameters added, then spoiled one typed field at a time (5,000 characters, a number no
  column holds, a negative);
* the path arguments replaced: a string argument by a NUL and 5,000 characters, a number by one that no
  database column holds;

and Django's admin lists with hostile search, ordering, page and filter parameters. Every answer must be
something other than a 500, and the view must not raise: the test client re-raises a view's exception;
each route's crashes are reported together, each with its traceback.

The world is built once for the module (in a transaction rolled back at the end), and every request runs
in a savepoint rolled back after it, so each request meets the state its form was read from. WeasyPrint's
layout of print documents is left out (see ``layout_left_out``).
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import connections, transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from mentoring.access import PUBLIC
from mentoring.roles import Role
from tests import conftest
from tests.routes import Route, project_routes, url_kwargs

ROUTES = project_routes()

# Parameter names views commonly read from the query string or a posted form.
COMMON_KEYS = [
    "q",
    "page",
    "programme",
    "form",
    "status",
    "kind",
    "stage",
    "sort",
    "person",
    "pair",
    "next",
    "year",
    "month",
    "toggle",
    "id",
    "mentor",
    "mentee",
    "member",
    "campaign",
    "questionnaire",
    "grade",
    "variant",
    "category",
    "topic",
    "consent",
    "flag",
    "list",
    "role",
    "organisation",
    "version",
    "direction",
    "decision",
    "action",
    "done",
    "accept",
    "one",
    "rows",
    "all_rows",
    "measured",
    "session",
    "grid",
    "title",
    "reason",
    "comment",
    "back",
    "submit_token",
]

NUL = "\x00"
LONG = "x" * 5000
HUGE_NUMBER = "9" * 30
# Values sent in every common parameter at once, one request per value.
HOSTILE_VALUES = [NUL, "abc", "-1", HUGE_NUMBER, "1e999", LONG, "²", "2026-13-45"]
# What a typed field of a form filled in plausibly is spoiled with, one field and one value a request:
# a number field with numbers no column holds or a negative, any other typed field with a long text.
NUMBER_SPOILS = [HUGE_NUMBER, "-1"]
TEXT_SPOILS = [LONG]

# Who fuzzes a route the curator may not use: the first of these the view allows.
PERSONA_ORDER = [Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE, Role.MUNICIPAL, Role.STAFF]


def persona_for(route: Route) -> str:
    rule = getattr(route.callback, "allowed_roles", None)
    assert rule is not None, f"view {route.name} does not declare who may use it (@allow or public)"
    if rule == PUBLIC:
        return "anonymous"
    return next(role for role in PERSONA_ORDER if role in rule)


# ---------------------------------------------------------------------------------------------------
# The forms of a page, read from its HTML.


@dataclass
class PageForm:
    method: str
    action: str
    # (name, plausible value, whether the field is typed in: a text, number or hidden input, a textarea)
    fields: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(name for name, _, _ in self.fields))

    def data(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value, _ in self.fields:
            data.setdefault(name, []).append(value)
        return data

    def spoils(self):
        """(name, value) to spoil the form with: each typed field once, a formset's rows by their first."""
        seen = set()
        for name, value, typed in self.fields:
            shape = re.sub(r"-\d+-", "-N-", name)
            if not typed or shape in seen or name == "csrfmiddlewaretoken":
                continue
            seen.add(shape)
            for spoil in NUMBER_SPOILS if value.isdigit() else TEXT_SPOILS:
                yield name, spoil


PLAUSIBLE_BY_TYPE = {
    "date": "2026-10-15",
    "datetime-local": "2026-10-15T10:00",
    "time": "10:00",
    "month": "2026-10",
    "number": "1",
    "email": "test@example.com",
    "url": "https://example.com/",
    "tel": "+7 900 000-00-00",
}
TYPED_INPUTS = {"text", "search", "number", "hidden", "email", "url", "tel", "password"}
# A formset's rows after the first («rows-3-task»): left as the page has them, blank rows stay blank.
EXTRA_FORMSET_ROW = re.compile(r"-(?!0-)\d+-")


class FormReader(HTMLParser):
    """Collects each <form> with a plausible value for every field: what is there, or something typed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self.current: PageForm | None = None
        self.select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self.textarea: tuple[str, list[str]] | None = None
        self.ticked: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = PageForm(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self.forms.append(self.current)
            self.ticked = set()
            return
        if self.current is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                # The first option of a group, ticked, so that a required choice is made.
                if name not in self.ticked:
                    self.ticked.add(name)
                    self.current.fields.append((name, a.get("value", "on"), False))
                return
            value = a.get("value", "")
            if not value and kind != "hidden" and not EXTRA_FORMSET_ROW.search(name):
                value = PLAUSIBLE_BY_TYPE.get(kind, "Проверка")
            self.current.fields.append((name, value, kind in TYPED_INPUTS))
        elif tag == "button" and name and a.get("value"):
            self.current.fields.append((name, a["value"], False))
        elif tag == "select" and name:
            self.select = (name, [], [])
        elif tag == "option" and self.select is not None and "value" in a:
            self.select[1].append(a["value"])
            if "selected" in a:
                self.select[2].append(a["value"])
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None and self.current is not None:
            name, options, selected = self.select
            for value in selected or [next((o for o in options if o), "")]:
                self.current.fields.append((name, value, False))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.current is not None:
            name, parts = self.textarea
            text = "".join(parts).strip() or ("" if EXTRA_FORMSET_ROW.search(name) else "Проверка")
            self.current.fields.append((name, text, True))
            self.textarea = None


def page_forms(response) -> list[PageForm]:
    if response is None or response.status_code != 200:
        return []
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    reader = FormReader()
    reader.feed(response.content.decode())
    return [form for form in reader.forms if form.names]


def target_of(form: PageForm, page_url: str) -> tuple[str, str] | None:
    """The URL a form sends to and the name of its route."""
    url = form.action or page_url
    try:
        return url, resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def one_of_each_shape(forms: list[PageForm]) -> list[PageForm]:
    shapes: dict[tuple, PageForm] = {}
    for form in forms:
        shapes.setdefault((form.method, tuple(sorted(form.names))), form)
    return list(shapes.values())


def spoiled(form: PageForm, name: str, value: str) -> dict[str, list[str]]:
    data = form.data()
    data[name] = [value]
    return data


def with_common_keys(form: PageForm, value: str) -> dict[str, list[str]]:
    """The form as filled in, and every common parameter it does not have set to ``value``."""
    data = form.data()
    for key in COMMON_KEYS:
        data.setdefault(key, [value])
    return data


# ---------------------------------------------------------------------------------------------------
# Path arguments.

PATH_VALUES = {"int": [HUGE_NUMBER], "str": [NUL, LONG], "slug": [LONG]}


def spoiled_paths(route: Route, kwargs: dict) -> list[str]:
    urls = []
    for argument, converter in zip(route.arguments, route.converters, strict=True):
        for value in PATH_VALUES.get(converter, [NUL, LONG]):
            try:
                urls.append(reverse(route.name, kwargs={**kwargs, argument: value}))
            except NoReverseMatch:  # the converter does not take it: no such URL to visit
                continue
    return urls


# ---------------------------------------------------------------------------------------------------
# The world, once for the module.


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The conftest's world, built once in a transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            # The conftest's fixture function itself (its ``db`` argument only orders fixtures).
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                world = conftest.world.__wrapped__(None)
            yield world
        finally:
            for alias, atomic in atomics.items():
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def layout_left_out(monkeypatch):
    """WeasyPrint's layout of a print document is left out: the view, its queries and the document's
    template run for every hostile request, but laying out the same A4 pages again and again would take
    most of the test's time. The documents' own tests and the permission matrix print them for real."""
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7\n%%EOF\n")


@pytest.fixture
def fuzz_client(db, fuzz_world):
    return Client(enforce_csrf_checks=False, raise_request_exception=True)


class Fuzzer:
    """Sends the requests of one route and keeps every crash, to report them all with their tracebacks."""

    def __init__(self, client: Client, route: Route, persona: str):
        self.client = client
        self.route = route
        self.persona = persona
        self.crashes: list[str] = []

    def send(self, method: str, url: str, data=None):
        shown = {k: (v if len(str(v)) < 60 else f"{str(v)[:20]}…") for k, v in (data or {}).items()}
        request = f"{self.persona}: {method.upper()} {url[:120]} {shown}"
        try:
            # Each request in a savepoint rolled back after it: what one request saved (a section added,
            # a version moved on) leaves the next one the state the page's forms were read from, and on
            # PostgreSQL a failed query does not poison the queries after it.
            with transaction.atomic():
                response = getattr(self.client, method)(url, data or {})
                transaction.set_rollback(True)
        except Exception:  # noqa: BLE001 — every crash is reported below, with its traceback
            self.crashes.append(f"{request}\n{traceback.format_exc()}")
            return None
        if response.status_code == 500:
            self.crashes.append(f"{request} → 500")
        return response

    def report(self) -> None:
        if self.crashes:
            pytest.fail(
                f"{len(self.crashes)} requests crashed:\n\n" + "\n\n".join(self.crashes), pytrace=False
            )


# A route that only takes a POST (delete, rename, decide…) has its form on another page: where the pages
# fuzzed so far showed one, filled in as the test goes. The routes that show pages come first.
FORMS_ELSEWHERE: dict[str, str] = {}
# Forms the pages above show only to another persona (the mentor's buttons on a plan, the director's on
# an order) or only for an object the route's own arguments make (an award, a piece of evidence).
FORM_PAGES = {
    "plan_row_done": "plan_detail",
    "plan_row_decide": "plan_detail",
    "order_register": "order_detail",
    "passport_approve": "passport",
    "award_decide": "award_list",
    "award_delete": "award_list",
    "meeting_delete": "meeting_edit",
    "roadmap_evidence_delete": "roadmap",
    "case_photo_delete": "case_detail",
}
ROUTE_BY_NAME = {route.name: route for route in ROUTES}
PAGES_FIRST = sorted(ROUTES, key=lambda route: "GET" not in route.callback.allowed_methods)


@pytest.mark.parametrize("route", PAGES_FIRST, ids=str)
def test_hostile_input_never_gives_a_500(fuzz_world, fuzz_client, route):
    persona = persona_for(route)
    if persona != "anonymous":
        fuzz_client.force_login(fuzz_world.users[persona])
    kwargs = url_kwargs(route, fuzz_world, persona)
    url = reverse(route.name, kwargs=kwargs)
    fuzzer = Fuzzer(fuzz_client, route, persona)
    methods = route.callback.allowed_methods

    # (the URL a form sends to, the form): the page's own forms, or this route's forms on another page
    forms: list[tuple[str, PageForm]] = []
    if "GET" in methods:
        for form in page_forms(fuzzer.send("get", url)):
            target = target_of(form, url)
            if target is None:
                continue
            if urlsplit(target[0]).path == url:
                forms.append((target[0], form))
            elif form.method == "post":
                FORMS_ELSEWHERE.setdefault(target[1], route.name)
    elif holder_name := FORMS_ELSEWHERE.get(route.name) or FORM_PAGES.get(route.name):
        holder = ROUTE_BY_NAME[holder_name]
        holder_kwargs = url_kwargs(holder, fuzz_world, persona, known=kwargs)
        page = fuzzer.send("get", reverse(holder.name, kwargs=holder_kwargs))
        found = [form for form in page_forms(page) if form.method == "post"]
        for form in found:
            target = target_of(form, "")
            if target is not None and target[1] == route.name:
                forms.append((target[0], form))
    shapes = {id(form) for form in one_of_each_shape([form for _, form in forms])}
    forms = [(target, form) for target, form in forms if id(form) in shapes]

    # A formset's rows after the first add nothing the first does not, but a body of hundreds of 5,000-
    # character fields that the page echoes back.
    own = [name for _, form in forms for name in form.names if not EXTRA_FORMSET_ROW.search(name)]
    keys = list(dict.fromkeys(COMMON_KEYS + own))

    for value in HOSTILE_VALUES:
        hostile = {key: value for key in keys}
        if "GET" in methods:
            fuzzer.send("get", url, hostile)
        if "POST" in methods:
            fuzzer.send("post", url, hostile)

    for target, form in forms:
        method = "post" if form.method == "post" else "get"
        if method.upper() not in methods:
            continue
        fuzzer.send(method, target, form.data())
        for value in ("abc", "²"):
            fuzzer.send(method, target, with_common_keys(form, value))
        for name, value in form.spoils():
            fuzzer.send(method, target, spoiled(form, name, value))

    for spoiled_url in spoiled_paths(route, kwargs):
        fuzzer.send("get" if "GET" in methods else "post", spoiled_url)

    fuzzer.report()


# Django's admin (the walker leaves it out: it has its own staff check): each model's list with hostile
# search, ordering, page and filter parameters, and its change page for ids that are not ids.
ADMIN_KEYS = ["q", "o", "p", "all", "e", "_popup", "_changelist_filters", "id__exact", "pk__in"]
ADMIN_MODELS = [model._meta for model in admin.site._registry]


@pytest.mark.parametrize("opts", ADMIN_MODELS, ids=lambda opts: opts.label_lower)
def test_hostile_input_never_gives_a_500_in_the_admin(fuzz_world, fuzz_client, opts):
    staff = fuzz_world.users[Role.STAFF]
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    fuzz_client.force_login(staff)
    route = Route(f"admin:{opts.app_label}_{opts.model_name}_changelist", None, ())
    fuzzer = Fuzzer(fuzz_client, route, Role.STAFF)
    url = reverse(route.name)
    page = fuzzer.send("get", url)
    # The list filters' parameters, read from the filter links («?status__exact=draft»).
    filters = set(re.findall(r'href="\?([a-z_]+)=', page.content.decode())) if page is not None else set()
    keys = ADMIN_KEYS + sorted(filters - set(ADMIN_KEYS))
    for value in [*HOSTILE_VALUES, "9999"]:  # the year 9999 has no next year to end a date hierarchy
        fuzzer.send("get", url, {key: value for key in keys})
    # A field the admin may not be asked about is refused outright (400), whatever else is asked.
    fuzzer.send("get", url, {"_to_field": "password"})
    for object_id in (NUL, "abc", HUGE_NUMBER, LONG):
        fuzzer.send("get", reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))
    fuzzer.report()


def test_it_walks_every_route():
    names = {route.name for route in ROUTES}
    assert {"answer_by_link", "vocabulary", "mentor_create", "password_reset_confirm"} <= names
    assert len(ROUTES) > 150
