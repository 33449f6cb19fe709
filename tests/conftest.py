"""Personas reused across tests: people of one school (the owner side), and an outsider school."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command

from mentoring import services
from mentoring.models import MentoringForm, Municipality, Organisation, Programme, User
from mentoring.roles import Role
from participants.models import Mentee, Mentor, Person
from tests.factories import give_consent, make_mentee, make_mentor, make_person

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    district: Municipality
    school: Organisation
    programme: Programme
    other_district: Municipality
    other_school: Organisation
    other_programme: Programme
    users: dict[str, User]
    # The participant records behind the mentor's and the mentee's accounts, with valid consents.
    mentee_person: Person
    mentee: Mentee
    mentor_person: Person
    mentor: Mentor


def make_user(username: str, *, last_name: str = "Тестова", first_name: str = "Анна", is_staff=False) -> User:
    return services.create_user(
        username=username,
        password="пароль-для-тестов-42",
        last_name=last_name,
        first_name=first_name,
        middle_name="Петровна",
        email=f"{username}@example.com",
        is_staff=is_staff,
    )


def make_school(district: Municipality, short_name: str) -> tuple[Organisation, Programme]:
    school = Organisation.objects.create(
        municipality=district, name=f"Муниципальное бюджетное учреждение {short_name}", short_name=short_name
    )
    programme = services.create_programme(
        organisation=school,
        name="Путь к успеху!",
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
        forms=MentoringForm.objects.filter(
            code__in=["student-student", "teacher-teacher", "teacher-student"]
        ),
        status=Programme.Status.RUNNING,
    )
    return school, programme


@pytest.fixture
def world(db) -> World:
    ensure_reference_data()
    district = Municipality.objects.create(name="Заречный район")
    other_district = Municipality.objects.create(name="Нагорный район")
    school, programme = make_school(district, "МБОУ СОШ № 7")
    other_school, other_programme = make_school(other_district, "МБОУ СОШ № 12")
    users: dict[str, User] = {}
    for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE):
        users[role] = make_user(role)
        services.grant_role(user=users[role], role=role, organisation=school)
    users[Role.MUNICIPAL] = make_user("municipal")
    services.grant_role(user=users[Role.MUNICIPAL], role=Role.MUNICIPAL, municipality=district)
    users[Role.STAFF] = make_user("staff", is_staff=True)
    # The outsider holds every role, but in another school of another district.
    users["outsider"] = make_user("outsider", last_name="Чужова")
    for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE):
        services.grant_role(user=users["outsider"], role=role, organisation=other_school)
    services.grant_role(user=users["outsider"], role=Role.MUNICIPAL, municipality=other_district)
    users["nobody"] = make_user("nobody")
    mentee_person = make_person(
        school, last_name="Никитин", first_name="Артём", middle_name="Ильич", user=users[Role.MENTEE]
    )
    give_consent(mentee_person)
    mentor_person = make_person(
        school,
        kind=Person.Kind.TEACHER,
        last_name="Соколова",
        first_name="Ирина",
        middle_name="Викторовна",
        user=users[Role.MENTOR],
    )
    give_consent(mentor_person)
    return World(
        district,
        school,
        programme,
        other_district,
        other_school,
        other_programme,
        users,
        mentee_person=mentee_person,
        mentee=make_mentee(programme, mentee_person, request="Хочу подтянуть алгебру"),
        mentor_person=mentor_person,
        mentor=make_mentor(school, mentor_person),
    )


@pytest.fixture
def client_for(client):
    def login_as(user: User):
        client.force_login(user)
        return client

    return login_as


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    # Consent scans and uploaded lists of one test never meet another's.
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def run_tasks(transactional_db):
    """Run what the application enqueued, with the real worker of production (``db_worker``).

    The worker closes a connection it finds inside a transaction, as a test's would be: such tests
    commit for real (``transactional_db``)."""

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    return run


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs ~0.4 s a password; tests check behaviour, not the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ensure_reference_data() -> None:
    """What the data migrations install (forms, vocabularies, plan templates): a transactional test may
    run after another one that emptied every table."""
    from mentoring.models import RoleVariant
    from mentoring.reference_data import install_default_forms
    from pairs.models import PlanTemplate, PlanTemplateRow
    from pairs.reference_data import install_default_templates
    from participants.models import MenteeCategory, Topic
    from participants.reference_data import install_default_vocabularies

    if not MentoringForm.objects.exists():
        install_default_forms(MentoringForm, RoleVariant)
    if not Topic.objects.exists():
        install_default_vocabularies(MenteeCategory, Topic)
    if not PlanTemplate.objects.exists():
        install_default_templates(MentoringForm, PlanTemplate, PlanTemplateRow)


@pytest.fixture
def reference_data(transactional_db):
    ensure_reference_data()


@pytest.fixture
def demo_school(reference_data, live_server):
    """The demo data behind a live server, for the browser tests: its URL."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return live_server.url


# The browser tests drive Debian's Chromium (bin/setup --tests installs it), never a downloaded one.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


# Every page the browser tests open runs under the production Content-Security-Policy: a violation the
# browser reports (as a securitypolicyviolation event or on the console) fails the test at teardown.
CSP_VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", function (event) {
  var violation = event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at " +
    event.sourceFile + ":" + event.lineNumber + " " + JSON.stringify(event.sample || "");
  (window.__cspViolations = window.__cspViolations || []).push(violation);
  if (window.__reportCspViolation) { window.__reportCspViolation(location.href + ": " + violation); }
});
"""
POLICY_CONSOLE_WORDS = (
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, watched for Content-Security-Policy violations."""
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    context.expose_function("__reportCspViolation", report)
    context.add_init_script(CSP_VIOLATION_LISTENER)

    def on_console(message) -> None:
        if any(word in message.text for word in POLICY_CONSOLE_WORDS):
            violations.append(f"console {message.type}: {message.text}")

    context.on("console", on_console)
    yield context
    for page in context.pages:
        try:
            stored = page.evaluate("window.__cspViolations || []")
        except Exception:  # a page that is closing or showing a download: nothing to read
            continue
        violations.extend(f"{page.url}: {violation}" for violation in stored)
    if violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations)), pytrace=False
        )
