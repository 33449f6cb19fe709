from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from participants.models import Consent, Person
from participants.models.consents import valid_consent_q


def today() -> date:
    return timezone.localdate()


def with_consent_flag(people: QuerySet, *, day: date | None = None, person_path: str = "pk") -> QuerySet:
    """Annotate ``has_consent`` on people (or on rows pointing at a person via ``person_path``)."""
    valid = Consent.objects.filter(valid_consent_q(day or today()), person=OuterRef(person_path))
    return people.annotate(has_consent=Exists(valid))


def has_valid_consent(person: Person, *, day: date | None = None) -> bool:
    return Consent.objects.filter(valid_consent_q(day or today()), person=person).exists()


def people_without_consent(people: QuerySet, *, day: date | None = None) -> QuerySet:
    return with_consent_flag(people, day=day).filter(has_consent=False)
