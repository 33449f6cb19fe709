"""One form submission, one result: a double-clicked «Сохранить» must not create two objects."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction

from mentoring.models import FormSubmission, User


def new_token() -> str:
    return uuid.uuid4().hex


def submit_once(*, user: User, token: str, action: Callable[[], str]) -> str:
    """Run ``action`` (which returns the URL to go to) once per token; a repeat returns the same URL.

    A form posted without a token (an old tab, a script) is simply run: there is nothing to match.
    """
    if not token:
        return action()
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
