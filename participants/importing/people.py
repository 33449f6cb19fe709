"""Matching rows to the organisation's people, and what a row sets on a person."""

from __future__ import annotations

import re

from mentoring.models import Organisation
from participants.importing.values import name_key
from participants.models import ImportUpload, Mentor, Person

Kind = ImportUpload.Kind
# Row value → Person attribute.
PERSON_VALUE_FIELDS = {
    "external_id": "external_id",
    "last_name": "last_name",
    "first_name": "first_name",
    "middle_name": "middle_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "phone": "phone",
    "email": "email",
    "position": "position",
    "subjects": "subjects",
    "experience": "experience_years",
    "qualification": "qualification_category",
    "employer": "employer",
    "representative_name": "representative_name",
    "representative_relation": "representative_relation",
    "representative_phone": "representative_phone",
    "representative_email": "representative_email",
    "person_kind": "kind",
}
_TEACHING = re.compile(
    r"учител|педагог|преподава|воспитател|методист|логопед|дефектолог|психолог|тренер|концертмейстер",
    re.IGNORECASE,
)


def names_of(values_or_person) -> tuple[str, str, str]:
    get = values_or_person.get if isinstance(values_or_person, dict) else values_or_person.__dict__.get
    return tuple(name_key(get(k) or "") for k in ("last_name", "first_name", "middle_name"))


def id_key(external_id: str) -> str:
    return external_id.strip().lower()


class PeopleIndex:
    """The organisation's people, loaded once, looked up by id column and by name + birth date."""

    def __init__(self, organisation: Organisation):
        people = list(Person.objects.filter(organisation=organisation, pseudonymised_at__isnull=True))
        self.by_external: dict[str, list[Person]] = {}
        self.by_names: dict[tuple, list[Person]] = {}
        for person in people:
            if person.external_id:
                self.by_external.setdefault(id_key(person.external_id), []).append(person)
            self.by_names.setdefault(names_of(person), []).append(person)

    def find(self, values: dict) -> tuple[Person | None, str]:
        """The matching person, or None; a non-empty second value is why the row cannot be matched."""
        external = id_key(values.get("external_id") or "")
        if external:
            found = self.by_external.get(external, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"в базе несколько человек с идентификатором «{values['external_id']}»"
        names = self.by_names.get(names_of(values), [])
        if external:
            # A person with another id is somebody else.
            names = [p for p in names if not p.external_id or id_key(p.external_id) == external]
        birth = values.get("birth_date")
        exact = [p for p in names if p.birth_date == birth]
        if len(exact) == 1:
            return exact[0], ""
        if len(exact) > 1:
            return None, "в базе несколько человек с такими ФИО и датой рождения; добавьте столбец «ID»"
        loose = [p for p in names if p.birth_date is None] if birth else names
        if len(loose) == 1:
            return loose[0], ""
        if len(loose) > 1:
            return (
                None,
                "в базе несколько человек с такими ФИО; добавьте в файл дату рождения или столбец «ID»",
            )
        return None, ""


def new_person_kind(kind: str, values: dict) -> str:
    """Who a new person is when the file has no «Кто это» column: the kind of list and the row tell."""
    if "person_kind" in values:
        return values["person_kind"]
    if kind == Kind.STUDENTS:
        return Person.Kind.STUDENT
    if kind == Kind.STAFF:
        position = values.get("position", "")
        teaches = values.get("subjects") or not position or _TEACHING.search(position)
        return Person.Kind.TEACHER if teaches else Person.Kind.STAFF
    if kind == Kind.MENTORS:
        if values.get("contour") == Mentor.Contour.EXTERNAL:
            return Person.Kind.EXTERNAL
        return Person.Kind.STUDENT if "class" in values else Person.Kind.TEACHER
    # Mentees: a student unless the row describes a teacher.
    if "class" in values:
        return Person.Kind.STUDENT
    if values.keys() & {"position", "subjects", "experience", "qualification"}:
        return Person.Kind.TEACHER
    return Person.Kind.STUDENT


def apply_person(person: Person, values: dict) -> set[str]:
    """Set the row's values on the person; returns the fields that really change."""
    wanted = {attribute: values[key] for key, attribute in PERSON_VALUE_FIELDS.items() if key in values}
    if "class" in values:
        wanted["grade"], wanted["class_letter"] = values["class"]
    changed: set[str] = set()
    for attribute, value in wanted.items():
        if getattr(person, attribute) != value:
            setattr(person, attribute, value)
            changed.add(attribute)
    return changed
