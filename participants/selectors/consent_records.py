"""Reads of a person's consents for the card's panel and for the printed form."""

from __future__ import annotations

from mentoring.roles import Role
from participants.models import Consent, Person

ADULT, REPRESENTATIVE = "adult", "representative"
FORM_VARIANTS = (ADULT, REPRESENTATIVE)


def consents_of(person: Person) -> list[Consent]:
    """The person's consents, newest first (the model's ordering)."""
    return list(Consent.objects.filter(person=person).order_by("-signed_on", "-pk"))


def consent_panel(access, person: Person) -> dict:
    """The context of ``participants/consents/_panel.html`` on the person's card (the template tag
    ``consent_state`` tells from these consents whether one is in force)."""
    return {
        "person": person,
        "consents": consents_of(person),
        "can_manage": access.role == Role.CURATOR,
    }


def short_name(full_name: str) -> str:
    """«Иванова Мария Петровна» → «Иванова М. П.», the way a signature is spelled out."""
    parts = full_name.split()
    if not parts:
        return ""
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:3])])


def form_variant(person: Person, requested: str | None) -> str:
    if requested in FORM_VARIANTS:
        return requested
    return REPRESENTATIVE if person.is_minor else ADULT


def _by_gender(gender: str, male: str, female: str) -> str:
    if gender == Person.Gender.MALE:
        return male
    if gender == Person.Gender.FEMALE:
        return female
    return f"{male} ({female})"


def consent_form_context(*, person: Person, organisation, programme, variant: str) -> dict:
    """What the printed consent form fills in: the operator, the person, the known representative."""
    representative = variant == REPRESENTATIVE
    gender = person.gender
    representative_name = person.representative_name if representative else ""
    return {
        "organisation": organisation,
        # «школа №\u00a017»: the sign never parts from its number at a line break.
        "operator_name": organisation.name.replace("№ ", "№\u00a0"),
        "programme": programme,
        "person": person,
        "representative": representative,
        "representative_name": representative_name,
        "representative_relation": person.representative_relation if representative else "",
        "birth_date": person.birth_date.strftime("%d.%m.%Y") if person.birth_date else "",
        "signer_short": short_name(representative_name if representative else person.full_name),
        "words": {
            "minor_genitive": _by_gender(gender, "несовершеннолетнего", "несовершеннолетней"),
            "student_nominative": _by_gender(gender, "обучающийся", "обучающаяся"),
        },
    }
