"""The agreement (соглашение о сотрудничестве) between the organisation, the mentor and one mentee —
with the legal representative for a minor — printed on A4 for signing.

Nobody is printed into an agreement without a valid consent to the processing of their data: the
document names both parties, and a pair is never formed for someone without a consent either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from mentoring.pdf import render_pdf
from pairs.documents.order import lower_first
from pairs.models import PairMember
from pairs.selectors.orders import fixing_order
from participants.models import Consent, Person
from participants.selectors.consent_records import short_name
from participants.selectors.consents import today

TEMPLATE = "pairs/documents/agreement.html"
COPIES_IN_WORDS = {3: "трёх", 4: "четырёх", 5: "пяти"}
_TOWN = re.compile(r"(?:^|,\s*)((?:г\.|город|пос\.|пгт|с\.|село|дер\.|ст-ца)\s*[^,]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Party:
    """A person who signs: the mentor, the mentee or a legal representative."""

    full_name: str
    signature_name: str
    details: str = ""
    consent_on: date | None = None


@dataclass(frozen=True)
class Representative:
    full_name: str
    relation: str
    signature_name: str


def _status_line(person: Person) -> str:
    """«учитель математики», «обучающийся 8А класса», «инженер, ООО «Вектор»»: what the agreement says
    the person is."""
    if person.kind == Person.Kind.STUDENT:
        who = "обучающаяся" if person.gender == Person.Gender.FEMALE else "обучающийся"
        return f"{who} {person.class_label} класса" if person.class_label else who
    parts = [lower_first(person.position)]
    if person.kind in (Person.Kind.TEACHER, Person.Kind.STAFF) and person.subjects and not person.position:
        parts = [f"педагог ({person.subjects})"]
    if person.employer:
        parts.append(person.employer)
    return ", ".join(p for p in parts if p)


def _valid_consent(person: Person, day: date) -> Consent | None:
    return Consent.objects.valid_on(day).filter(person=person).order_by("-signed_on", "-pk").first()


def _representative(person: Person, consent: Consent | None) -> Representative | None:
    """The legal representative of a minor: the person's card first, else the one who signed the consent;
    blank lines to fill in by hand when nobody is known."""
    if not person.is_minor:
        return None
    name, relation = person.representative_name, person.representative_relation
    if not name and consent is not None and consent.signer == Consent.Signer.REPRESENTATIVE:
        name, relation = consent.representative_name, consent.representative_relation
    return Representative(full_name=name, relation=relation, signature_name=short_name(name))


def _town(address: str) -> str:
    found = _TOWN.search(address or "")
    return found.group(1).strip() if found else ""


def agreement_context(member: PairMember, *, day: date | None = None) -> dict:
    """What the agreement fills in. Raises ``ValidationError`` when the mentor or the mentee has no
    valid consent on ``day`` (today by default)."""
    day = day or today()
    pair = member.pair
    mentor_person = pair.mentor.person
    mentee_person = member.mentee.person
    mentor_consent = _valid_consent(mentor_person, day)
    mentee_consent = _valid_consent(mentee_person, day)
    missing = [
        role
        for role, consent in (("наставника", mentor_consent), ("наставляемого", mentee_consent))
        if consent is None
    ]
    if missing:
        raise ValidationError(
            f"Соглашение не печатается: у {' и у '.join(missing)} нет действующего согласия "
            "на обработку персональных данных."
        )
    organisation = pair.programme.organisation
    mentor_representative = _representative(mentor_person, mentor_consent)
    mentee_representative = _representative(mentee_person, mentee_consent)
    copies = 3 + (mentor_representative is not None) + (mentee_representative is not None)
    return {
        "pair": pair,
        "member": member,
        "programme": pair.programme,
        "organisation": organisation,
        "organisation_name": organisation.name.replace("№ ", "№\u00a0"),
        "town": _town(organisation.address),
        "head_short": short_name(organisation.head_name),
        "mentor": Party(
            full_name=mentor_person.full_name,
            signature_name=short_name(mentor_person.full_name),
            details=_status_line(mentor_person),
            consent_on=mentor_consent.signed_on,
        ),
        "mentee": Party(
            full_name=mentee_person.full_name,
            signature_name=short_name(mentee_person.full_name),
            details=_status_line(mentee_person),
            consent_on=mentee_consent.signed_on,
        ),
        "mentor_representative": mentor_representative,
        "mentee_representative": mentee_representative,
        "order": fixing_order(pair),
        "copies": copies,
        "copies_in_words": COPIES_IN_WORDS.get(copies, str(copies)),
    }


def render_agreement_pdf(member: PairMember, *, request=None) -> bytes:
    """The A4 PDF of the agreement for one mentee of a pair or group."""
    member = PairMember.objects.select_related(
        "mentee__person",
        "pair__programme__organisation",
        "pair__mentor__person",
        "pair__form",
        "pair__variant",
    ).get(pk=member.pk)
    return render_pdf(template_name=TEMPLATE, context=agreement_context(member), request=request)


__all__ = ["agreement_context", "render_agreement_pdf"]
