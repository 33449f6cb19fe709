"""Failed logins: a username is paused from one address, and an address that tries many usernames.

A school sits behind one address (its NAT, or the README's proxy), so counting failures per address
alone would let one pupil's typos lock out every colleague. Axes counts failures of the pair
(username, address) — ``AXES_LOCKOUT_PARAMETERS`` — and this handler adds the second rule: an address
is paused once logins for ``LOGIN_ADDRESS_USERNAME_LIMIT`` different usernames failed from it within
the cool-off, which is what password spraying looks like and what a class of typing pupils does not.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


class LoginThrottleHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or address_is_spraying(request.axes_ip_address)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # Axes decides whether to answer with the lockout page here, from its own count alone.
        super().user_login_failed(sender, credentials, request, **kwargs)
        if (
            request is not None
            and not request.axes_locked_out
            and address_is_spraying(request.axes_ip_address)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def address_is_spraying(ip_address: str | None) -> bool:
    if not ip_address:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    usernames = (
        AccessAttempt.objects.filter(
            ip_address=ip_address, attempt_time__gte=since, failures_since_start__gt=0
        )
        .values("username")
        .distinct()
    )
    return usernames.count() >= settings.LOGIN_ADDRESS_USERNAME_LIMIT


def client_address(request) -> str | None:
    """The client's address: behind ``PROXY_COUNT`` trusted proxies it is the entry those proxies
    appended to X-Forwarded-For (entries further left are whatever the client chose to send)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PROXY_COUNT
    if not count:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count][:64]
