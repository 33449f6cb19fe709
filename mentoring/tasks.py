"""Background tasks of the core (django-tasks; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django_tasks import task


@task()
def send_password_reset_letter(*, email: str) -> None:
    """Look the address up and write the letter off the request path: the page answers in the same
    time whether the address is known or not. Links point to ``SITE_URL``, never to the Host header
    the request came with."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    )
