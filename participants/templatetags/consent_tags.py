"""What the consent panel says about a person's consents today."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from participants.models import Consent
from participants.selectors.consents import today

register = template.Library()


@dataclass(frozen=True)
class ConsentState:
    valid: Consent | None = None  # the consent in force that lasts longest
    withdrawn: Consent | None = None  # the latest withdrawn one
    expired: Consent | None = None  # the latest one whose term has run out
    future: Consent | None = None  # signed with a date still to come


@register.simple_tag
def consent_state(consents) -> ConsentState:
    """``{% consent_state consents as state %}``: the consent in force, or why there is none."""
    day = today()
    consents = list(consents)
    valid = [c for c in consents if c.is_valid_on(day)]
    valid.sort(key=lambda c: (c.expires_on is None, c.expires_on or day), reverse=True)
    withdrawn = [c for c in consents if c.withdrawn_on]
    withdrawn.sort(key=lambda c: c.withdrawn_on, reverse=True)
    return ConsentState(
        valid=valid[0] if valid else None,
        withdrawn=withdrawn[0] if withdrawn else None,
        expired=next(
            (c for c in consents if not c.withdrawn_on and c.expires_on and c.expires_on < day), None
        ),
        future=next((c for c in consents if not c.withdrawn_on and c.signed_on > day), None),
    )


@register.filter
def consent_status(consent: Consent) -> str:
    """«valid», «withdrawn», «expired» or «future» (signed with a date still to come)."""
    day = today()
    if consent.withdrawn_on:
        return "withdrawn"
    if consent.signed_on > day:
        return "future"
    if consent.expires_on and consent.expires_on < day:
        return "expired"
    return "valid"
