"""The organisation's own entries of the editable lists: mentee categories and request topics."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from mentoring.models import Organisation
from participants.models.vocabulary import VocabularyEntry


@transaction.atomic
def add_entry(
    *, model: type[VocabularyEntry], organisation: Organisation, name: str, audience: str
) -> VocabularyEntry:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Введите название.")
    # Compared in Python: SQLite ignores the case of Latin letters only.
    taken = model.objects.filter(Q(organisation=None) | Q(organisation=organisation)).values_list(
        "name", flat=True
    )
    if name.casefold() in {t.casefold() for t in taken}:
        raise ValidationError(f"«{name}» уже есть в списке.")
    return model.objects.create(organisation=organisation, name=name, audience=audience, order=500)


@transaction.atomic
def set_entry_active(*, entry: VocabularyEntry, organisation: Organisation, active: bool) -> VocabularyEntry:
    # Common entries belong to everyone: a school hides them for itself by adding nothing, not by editing.
    if entry.organisation_id != organisation.pk:
        raise ValidationError("Общие записи списка изменить нельзя — добавьте свою.")
    entry.is_active = active
    entry.save(update_fields=["is_active"])
    return entry
