"""One form submission, one result: a double-clicked «Сохранить» must not create two objects."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.models import FormSubmission, User

# What ``new_token`` makes is 32 hexadecimal digits; the column holds 64 characters.
TOKEN_MAX_LENGTH = FormSubmission._meta.get_field("token").max_length
MALFORMED_TOKEN = (
    "Форма повреждена или устарела, и сохранить её нельзя. Обновите страницу и заполните форму ещё раз."
)


def new_token() -> str:
    return uuid.uuid4().hex


def is_well_formed(token: str) -> bool:
    """A token the column can hold and a page can have sent: at most 64 printable characters (no NUL,
    no control or invisible separator characters)."""
    return 0 < len(token) <= TOKEN_MAX_LENGTH and token.isprintable()


def previous_result(*, user: User, token: str) -> str:
    """Where the first submit of this token went, or "" (also for a token no page of ours sends)."""
    if not is_well_formed(token):
        return ""
    previous = FormSubmission.objects.filter(user=user, token=token).exclude(result_url="").first()
    return previous.result_url if previous else ""


def submit_once(*, user: User, token: str, action: Callable[[], str]) -> str:
    """Run ``action`` (which returns the URL to go to) once per token; a repeat returns the same URL.

    A form posted without a token (an old tab, a script) is simply run: there is nothing to match.
    A token no page of ours sends (too long, control characters) is refused with a ValidationError
    before anything is written.
    """
    if not token:
        return action()
    if not is_well_formed(token):
        raise ValidationError(MALFORMED_TOKEN, code="malformed_token")
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(user=user, token=token)
            url = action()
            submission.result_url = url
            submission.save(update_fields=["result_url"])
            return url
    except IntegrityError:
        previous = FormSubmission.objects.filter(user=user, token=token).first()
        if previous is None:
            raise
        return previous.result_url
