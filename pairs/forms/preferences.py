from collections.abc import Callable, Sequence

from django import forms
from django.db.models import QuerySet

from participants.models import Mentee, Mentor

PLACES = ("first", "second", "third")
PLACE_LABELS = ("1-е место — больше всего хотел бы", "2-е место", "3-е место")


def mentor_label(mentor: Mentor) -> str:
    person = mentor.person
    if person.position:
        return f"{person.full_name}, {person.position.lower()}"
    if person.class_label:
        return f"{person.full_name}, {person.class_label} класс"
    return person.full_name


def mentee_label(mentee: Mentee) -> str:
    """Name and class only: a mentor choosing sees nothing else of the children."""
    person = mentee.person
    return f"{person.full_name}, {person.class_label} класс" if person.class_label else person.full_name


class Counterpart(forms.ModelChoiceField):
    def __init__(self, *args, labeler: Callable, **kwargs):
        self.labeler = labeler
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.labeler(obj)


class PreferenceForm(forms.Form):
    """Up to three counterparts in order; empty places are skipped, all empty clears the list."""

    def __init__(self, *args, options: QuerySet, labeler: Callable, chosen: Sequence[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for n, (name, label) in enumerate(zip(PLACES, PLACE_LABELS, strict=True)):
            self.fields[name] = Counterpart(
                label=label, queryset=options, required=False, labeler=labeler, empty_label="— не выбрано —"
            )
            if not self.is_bound and n < len(chosen):
                self.initial[name] = chosen[n]

    def clean(self):
        data = super().clean()
        data["choices"] = [data[name] for name in PLACES if data.get(name) is not None]
        return data
