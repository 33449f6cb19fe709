"""Answering a questionnaire: on one's account («Мои анкеты») or through a personal one-time link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from mentoring.access import allow, public
from mentoring.roles import Role
from monitoring.forms.answering import AnswerForm
from monitoring.models import Invitation
from monitoring.selectors.access import access_own_invitation, invitation_by_token, own_invitations
from monitoring.services.answering import AlreadyAnswered, check_can_answer, draft_values, save_answers

RESPONDENTS = (Role.MENTOR, Role.MENTEE, Role.CURATOR)


@allow(*RESPONDENTS, methods=("GET",))
def my_questionnaires(request):
    invitations = (
        own_invitations(request.access)
        .exclude(status=Invitation.Status.CANCELLED)
        .select_related("campaign__questionnaire", "campaign__programme")
        .order_by("-campaign__closes_on", "-pk")
    )
    return render(request, "monitoring/answering/list.html", {"invitations": invitations})


def _fill(request, invitation: Invitation, *, by_link: bool):
    """The one page of a questionnaire to fill, for both ways in."""
    context = {"invitation": invitation, "campaign": invitation.campaign, "by_link": by_link}
    try:
        check_can_answer(invitation)
    except AlreadyAnswered:
        response = render(request, "monitoring/answering/done.html", context)
    except ValidationError as error:
        context["problem"] = " ".join(error.messages)
        response = render(request, "monitoring/answering/closed.html", context)
    else:
        response = _form(request, invitation, context)
    # The link is a secret: no other site may see it as a referrer. Not «no-referrer»: with it the
    # browser posts the form with «Origin: null», which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _form(request, invitation: Invitation, context: dict):
    questions = list(
        invitation.campaign.questionnaire.questions.select_related("section").order_by("position", "pk")
    )
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions)
        submit = request.POST.get("action") == "submit"
        try:
            save_answers(invitation=invitation, posted=form.posted(), submit=submit)
        except AlreadyAnswered:
            return render(request, "monitoring/answering/done.html", context)
        except ValidationError as error:
            for name, problems in getattr(error, "message_dict", {"__all__": error.messages}).items():
                form.add_error(name if name in form.fields else None, problems)
            messages.error(request, "Проверьте ответы, отмеченные красным.")
        else:
            if submit:
                return redirect(request.path)
            messages.success(request, "Черновик сохранён: можно вернуться и продолжить позже.")
            return redirect(request.path)
    else:
        form = AnswerForm(initial=draft_values(invitation), questions=questions)
    context["form"] = form
    return render(request, "monitoring/answering/fill.html", context)


@allow(*RESPONDENTS)
def invitation_answer(request, invitation_id: int):
    return _fill(request, access_own_invitation(request.access, invitation_id), by_link=False)


@public
def answer_by_link(request, token: str):
    return _fill(request, invitation_by_token(token), by_link=True)
