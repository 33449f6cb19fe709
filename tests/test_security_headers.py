"""Security headers (Content-Security-Policy, Permissions-Policy, no-store) and templates the policy
can live with: no inline script, no on…= handler, no style attribute on a page a browser shows."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.models import Programme, User
from mentoring.roles import Role
from mentoring.security_headers import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from monitoring.forms.answering import AnswerForm
from tests.browser_steps import log_in
from tests.monitoring_factories import questionnaire_of, world_invitation
from tests.pair_factories import world_pair

PERSONAS = [Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE, Role.MUNICIPAL, Role.STAFF]


def directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def assert_policies(response) -> None:
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def assert_no_store(response) -> None:
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


# The policy ----------------------------------------------------------------------------------------


def test_it_allows_our_own_files_only():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"} <= set(features)
    assert set(features.values()) == {"()"} and "interest-cohort" not in features


# Headers on responses ------------------------------------------------------------------------------


def test_it_sends_the_policies_on_the_login_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_policies(response)
    assert_no_store(response)  # Django's login view says never_cache itself
    reset = client.get(reverse("password_reset"))  # public, and still kept out of caches
    assert_policies(reset)
    assert_no_store(reset)


@pytest.mark.parametrize("role", PERSONAS)
def test_it_sends_the_policies_and_no_store_to_a_logged_in_user(world, client_for, role):
    response = client_for(world.users[role]).get(reverse("home"), follow=True)  # the director's desk
    assert response.status_code == 200
    assert_policies(response)
    assert_no_store(response)


@pytest.mark.parametrize(
    ("role", "url_name"),
    [(Role.CURATOR, "mentee_list"), (Role.CURATOR, "person_list"), (Role.DIRECTOR, "pair_list")],
)
def test_it_keeps_pages_with_childrens_data_out_of_caches(world, client_for, role, url_name):
    world_pair(world)
    response = client_for(world.users[role]).get(reverse(url_name))
    assert response.status_code == 200
    assert_policies(response)
    assert_no_store(response)
    assert "public" not in response["Cache-Control"]


def test_it_keeps_the_admin_under_the_same_policy(world, client_for):
    response = client_for(world.users[Role.STAFF]).get(reverse("admin:index"))
    assert response.status_code == 200
    assert_policies(response)
    assert_no_store(response)


def test_it_keeps_the_answering_link_page_out_of_caches(world, client):
    invitation = world_invitation(world)
    response = client.get(reverse("answer_by_link", kwargs={"token": invitation.token}))
    assert response.status_code == 200
    assert_policies(response)
    assert response["Cache-Control"] == "private, no-store"


def test_it_sends_the_policies_on_error_pages(world, client, client_for):
    assert_policies(client.get("/no-such-page/"))
    missing = client_for(world.users[Role.CURATOR]).get("/no-such-page/")
    assert missing.status_code == 404
    assert_policies(missing)
    assert_no_store(missing)


def test_it_styles_the_server_error_page_from_our_stylesheet():
    page = render_to_string("500.html")
    assert 'class="error-page"' in page and settings.STATIC_URL + "css/app.css" in page
    assert inline_code(page) == []


def test_it_lets_static_files_be_cached(client):
    response = client.get(settings.STATIC_URL + "css/app.css")
    assert response.status_code == 200
    assert_policies(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_keeps_the_headers_of_downloads(world, client_for):
    world_pair(world)
    response = client_for(world.users[Role.CURATOR]).get(reverse("pair_export"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_it_leaves_a_pdf_to_the_browsers_viewer(world, client_for):
    response = client_for(world.users[Role.CURATOR]).get(
        reverse("consent_form_pdf", args=[world.mentee_person.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # The viewer is a page the browser builds around the PDF: our policy would leave it blank.
    assert "Content-Security-Policy" not in response
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Cache-Control"] == "private, no-store"


# Templates the policy can live with -------------------------------------------------------------

PRINT_BASE = "documents/a4.html"
TEMPLATE_REFERENCE = re.compile(r"""{%\s*(extends|include)\s+["']([^"']+)["']""")
DJANGO_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
DJANGO_TAG = re.compile(r"{%.*?%}", re.S)
DJANGO_VARIABLE = re.compile(r"{{.*?}}", re.S)
HTML_TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s[^<>]*)?)/?>", re.S)
FORBIDDEN_ATTRIBUTE = re.compile(r"(?:^|\s)(on[a-z]+|style)\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.I)


def _template_dirs() -> list[Path]:
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        ours = Path(settings.BASE_DIR) in folder.parents and "site-packages" not in folder.parts
        if folder.is_dir() and ours:
            dirs.append(folder)
    return dirs


@cache
def project_templates() -> dict[str, str]:
    """Every template of the project by its name (``pairs/plans/detail.html``): its text."""
    found: dict[str, str] = {}
    for folder in _template_dirs():
        for path in sorted(folder.rglob("*.html")):
            found.setdefault(path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8"))
    return found


@cache
def print_only_templates() -> frozenset[str]:
    """Templates WeasyPrint renders to PDF and no browser sees: those extending ``documents/a4.html``
    (directly or not), and the parts only they include. A part a page includes too stays checked."""
    templates = project_templates()
    extends: dict[str, str] = {}
    included_by: dict[str, set[str]] = {}
    for name, text in templates.items():
        for kind, target in TEMPLATE_REFERENCE.findall(DJANGO_COMMENT.sub("", text)):
            if kind == "extends":
                extends[name] = target
            else:
                included_by.setdefault(target, set()).add(name)

    def is_print(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name == PRINT_BASE:
            return True
        if name in seen:
            return False
        seen = seen | {name}
        if name in extends:
            return is_print(extends[name], seen)
        parents = included_by.get(name)
        return bool(parents) and all(is_print(parent, seen) for parent in parents)

    return frozenset(name for name in templates if is_print(name))


def inline_code(text: str) -> list[str]:
    """What the policy would block in a template: inline <script> and <style>, on…= handlers,
    style attributes and javascript: addresses."""
    markup = DJANGO_COMMENT.sub("", text)
    markup = DJANGO_TAG.sub(" ", markup)
    markup = DJANGO_VARIABLE.sub("x", markup)
    problems = []
    for match in HTML_TAG.finditer(markup):
        tag, attributes = match.group(1).lower(), match.group(2)
        if tag == "script" and not re.search(r"\ssrc\s*=", attributes):
            problems.append("inline <script>")
        if tag == "style":
            problems.append("<style> element")
        problems += [f"{found.group(1)}= attribute" for found in FORBIDDEN_ATTRIBUTE.finditer(attributes)]
        if JAVASCRIPT_URL.search(attributes):
            problems.append("javascript: address")
    return problems


def test_it_tells_print_documents_from_pages():
    print_only = print_only_templates()
    assert {
        "documents/a4.html",
        "participants/consents/form_pdf.html",
        "participants/consents/_signature.html",
        "pairs/documents/order.html",
        "roadmap/awards/letter_parents.html",
        "monitoring/reports/process_pdf.html",
    } <= print_only
    # Included by a page and by a PDF: the page's rules apply.
    assert "monitoring/reports/_process_body.html" not in print_only
    assert "base.html" not in print_only and "500.html" not in print_only


def test_it_finds_what_the_policy_would_block():
    assert inline_code("<script>alert(1)</script>") == ["inline <script>"]
    assert inline_code("<form onsubmit=\"return confirm('?')\">") == ["onsubmit= attribute"]
    assert inline_code('<div class="a" style="width: {{ p }}%">') == ["style= attribute"]
    assert inline_code('<a href="javascript:void(0)">') == ["javascript: address"]
    assert inline_code("<style>p { color: red }</style>") == ["<style> element"]
    assert inline_code("<script src=\"{% static 'js/app.js' %}\"></script>") == []
    assert inline_code('{% with one=report.stage_one %}<p data-confirm="Удалить?">{% endwith %}') == []
    assert inline_code('{% if a > b %}<td class="w-30">{% endif %}') == []


def test_it_has_no_inline_script_or_style_in_page_templates():
    print_only = print_only_templates()
    pages = {name: text for name, text in project_templates().items() if name not in print_only}
    assert "base.html" in pages and len(pages) > 100
    problems = {name: found for name, text in pages.items() if (found := inline_code(text))}
    assert problems == {}


def test_it_renders_answer_fields_without_style_attributes(world):
    questions = list(questionnaire_of(world.programme, "process-curator").questions.all())
    assert any(question.kind == "number" for question in questions)
    form = AnswerForm(questions=questions)
    html = "".join(str(form[name]) for name in form.fields)
    assert inline_code(html) == []


# The admin in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_admin_under_the_same_policy(page, demo_school):
    """Django's admin has no inline script or style since 4.x: it needs no exception. The browser
    fixture fails this test on any violation its widgets cause."""
    log_in(page, demo_school, "admin")
    page.goto(f"{demo_school}/admin/")
    page.get_by_role("heading", name="Справочники и учётные записи").wait_for()
    user = User.objects.get(username="mentor")
    page.goto(f"{demo_school}/admin/mentoring/user/{user.pk}/change/")
    page.locator("#id_last_login_0").wait_for()
    page.locator(".datetimeshortcuts a").first.click()  # «Сегодня»: the date widget's script
    assert page.locator("#id_last_login_0").input_value()
    page.locator(".add-row a").first.click()  # another membership row of the inline
    page.locator(".select2-selection").last.click()  # the organisation's autocomplete
    page.locator(".select2-results__option").first.wait_for()
    page.keyboard.press("Escape")
    programme = Programme.objects.order_by("pk").first()
    page.goto(f"{demo_school}/admin/mentoring/programme/{programme.pk}/change/")
    page.locator("#id_forms_from").wait_for()  # the two-list selector is drawn by script
    page.goto(f"{demo_school}/admin/mentoring/mentoringform/add/")
    page.locator("#id_name").press_sequentially("Студент ученик")  # the admin's script fills the code
    expect(page.locator("#id_code")).not_to_have_value("")
    page.goto(f"{demo_school}/admin/mentoring/user/?q=mentor")
    page.get_by_role("link", name="mentor", exact=True).wait_for()
