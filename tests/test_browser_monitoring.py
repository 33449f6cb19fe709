"""Real Chromium (Debian's) answers a monitoring questionnaire through a personal link on a phone."""

import pytest

from monitoring.models import Invitation, Question, Response
from monitoring.services.answering import field_name
from tests.monitoring_factories import world_invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SUBMIT = "Отправить ответ"
DRAFT = "Сохранить черновик"
RECEIVED = "Ответ уже получен, спасибо! Больше ничего делать не нужно."
DRAFT_SAVED = "Черновик сохранён: можно вернуться и продолжить позже."
CHECK_ANSWERS = "Проверьте ответы, отмеченные красным."
ANSWER_IT = "Ответьте на этот вопрос."


@pytest.fixture
def invitation(reference_data, world, live_server):
    """The world's mentee's invitation to the anonymous stage 1 sheet, nobody logged in."""
    return world_invitation(world)


@pytest.fixture
def link(invitation, live_server):
    return f"{live_server.url}/q/{invitation.token}/"


def questions_of(invitation) -> list[Question]:
    return list(invitation.campaign.questionnaire.questions.order_by("position", "pk"))


def block(page, question):
    return page.locator(f"#question-{field_name(question)}")


def answer_like_a_user(page, question, *, rating: int = 8) -> None:
    """Clicks a rating button or an option, or types, as a respondent would."""
    here = block(page, question)
    kind = question.kind
    if kind == Question.Kind.RATING:
        here.get_by_text(str(rating), exact=True).click()
        assert here.get_by_role("radio", name=str(rating), exact=True).is_checked()
    elif kind == Question.Kind.YES_NO:
        here.get_by_label("Да", exact=True).check()
    elif kind == Question.Kind.SINGLE:
        here.get_by_label(question.choices[0], exact=True).check()
    elif kind == Question.Kind.MULTIPLE:
        for choice in question.choices[:2]:
            here.get_by_label(choice, exact=True).check()
    elif kind == Question.Kind.NUMBER:
        here.get_by_role("textbox").fill("3")
    else:
        here.get_by_role("textbox").fill("Стало понятнее, как готовиться к контрольным")


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_it_answers_by_link_on_a_phone(page, invitation, link):
    page.set_viewport_size(PHONE)
    page.goto(link)
    title = invitation.campaign.questionnaire.title
    page.get_by_role("heading", name=title).wait_for()
    assert fits_the_screen(page)
    questions = questions_of(invitation)
    assert {q.kind for q in questions} >= {Question.Kind.RATING, Question.Kind.SINGLE, Question.Kind.TEXT}
    for question in questions:
        answer_like_a_user(page, question)
    assert fits_the_screen(page)

    page.get_by_role("button", name=SUBMIT).click()
    page.get_by_text(RECEIVED).wait_for()
    assert fits_the_screen(page)

    page.goto(link)
    page.get_by_text(RECEIVED).wait_for()
    assert page.locator("form.answer-form").count() == 0
    assert page.get_by_role("button", name=SUBMIT).count() == 0

    responses = Response.objects.filter(campaign=invitation.campaign)
    assert responses.count() == 1
    response = responses.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.person is None and response.invitation is None
    assert response.answers.count() == len(questions)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED


def test_it_keeps_a_draft_and_points_at_the_missing_answer(page, invitation, link):
    page.set_viewport_size(PHONE)
    page.goto(link)
    first, second = questions_of(invitation)[:2]
    assert first.kind == Question.Kind.RATING and second.required
    answer_like_a_user(page, first, rating=6)
    page.get_by_role("button", name=DRAFT).click()
    page.get_by_text(DRAFT_SAVED).wait_for()

    page.goto(link)
    page.get_by_role("button", name=SUBMIT).wait_for()
    assert page.get_by_text(DRAFT_SAVED).count() == 0
    assert block(page, first).get_by_role("radio", name="6", exact=True).is_checked()

    page.get_by_role("button", name=SUBMIT).click()
    page.get_by_text(CHECK_ANSWERS).wait_for()
    assert block(page, second).locator(".text-danger", has_text=ANSWER_IT).is_visible()
    assert block(page, first).locator(".text-danger", has_text=ANSWER_IT).count() == 0
    assert block(page, first).get_by_role("radio", name="6", exact=True).is_checked()
    assert fits_the_screen(page)

    assert not Response.objects.filter(
        campaign=invitation.campaign, status=Response.Status.SUBMITTED
    ).exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT
