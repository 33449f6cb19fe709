"""Cells whose value is one of a fixed or editable list: gender, who a person is, category, contour,
selection stage, and the organisation's mentee categories and topics."""

from __future__ import annotations

import re

from participants.importing.columns import quote_all
from participants.importing.values import (
    CellError,
    clean_text,
    name_key,
    plain_text,
    refuse_formula,
    split_list,
)
from participants.models import Mentor, Person

_GENDERS = {"м": "m", "муж": "m", "мужской": "m", "m": "m", "ж": "f", "жен": "f", "женский": "f", "f": "f"}
_PERSON_KINDS = {
    "обучающийся": Person.Kind.STUDENT,
    "обучающаяся": Person.Kind.STUDENT,
    "ученик": Person.Kind.STUDENT,
    "ученица": Person.Kind.STUDENT,
    "учащийся": Person.Kind.STUDENT,
    "студент": Person.Kind.STUDENT,
    "педагог": Person.Kind.TEACHER,
    "учитель": Person.Kind.TEACHER,
    "сотрудник": Person.Kind.STAFF,
    "родитель": Person.Kind.PARENT,
    "выпускник": Person.Kind.GRADUATE,
    "выпускница": Person.Kind.GRADUATE,
    "представитель партнера": Person.Kind.EXTERNAL,
    "партнер": Person.Kind.EXTERNAL,
    "внешний": Person.Kind.EXTERNAL,
}
_STAGES = (
    ("кандидат", Mentor.Stage.CANDIDATE),
    ("прошел собеседование", Mentor.Stage.INTERVIEWED),
    ("собеседование", Mentor.Stage.INTERVIEWED),
    ("прошел обучение", Mentor.Stage.TRAINED),
    ("обучен", Mentor.Stage.TRAINED),
    ("готов", Mentor.Stage.READY),
    ("в резерве", Mentor.Stage.RESERVE),
    ("резерв", Mentor.Stage.RESERVE),
)


def parse_gender(raw) -> str:
    text = name_key(clean_text(raw)).rstrip(".")
    if text not in _GENDERS:
        raise CellError(f"пол пишется как «м» или «ж», а записано «{clean_text(raw)}»")
    return _GENDERS[text]


def parse_person_kind(raw) -> str:
    text = name_key(clean_text(raw)).rstrip(".")
    for value, label in Person.Kind.choices:
        if name_key(label) == text:
            return value
    if text in _PERSON_KINDS:
        return _PERSON_KINDS[text]
    labels = quote_all(label.lower() for _, label in Person.Kind.choices)
    raise CellError(f"не знаю, кто такой «{clean_text(raw)}»; можно: {labels}")


def parse_qualification(raw) -> str:
    text = name_key(clean_text(raw))
    if text.startswith(("перв", "1")):
        return Person.Category.FIRST
    if text.startswith("высш"):
        return Person.Category.HIGHEST
    if text.startswith(("соотв", "сзд")):
        return Person.Category.CONFORMITY
    if text.startswith(("без", "нет")):
        return Person.Category.NONE
    raise CellError(
        f"неизвестная квалификационная категория «{clean_text(raw)}»; "
        "можно: высшая, первая, соответствие занимаемой должности, без категории"
    )


def parse_contour(raw) -> str:
    text = name_key(clean_text(raw))
    if text.startswith("внутр"):
        return Mentor.Contour.INTERNAL
    if text.startswith("внеш"):
        return Mentor.Contour.EXTERNAL
    raise CellError(f"контур бывает «внутренний» или «внешний», а записано «{clean_text(raw)}»")


def parse_stage(raw) -> str:
    text = name_key(clean_text(raw))
    for start, stage in _STAGES:
        if text.startswith(start):
            return stage
    labels = quote_all(label.lower() for _, label in Mentor.Stage.choices)
    raise CellError(f"неизвестный этап отбора «{clean_text(raw)}»; можно: {labels}")


def parse_external_id(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return plain_text(raw, max_length=64)


class Vocabulary:
    """Names of an editable list (categories, topics) → ids; a short unique part of a name also fits."""

    def __init__(self, entries, what: str):
        self.by_key = {name_key(e.name): e.pk for e in entries}
        self.what = what
        self.short: dict[str, int | None] = {}

    def _by_part(self, key: str) -> int | None:
        if key not in self.short:
            pattern = re.compile(rf"(^|[\s(«]){re.escape(key)}")
            found = [v for k, v in self.by_key.items() if pattern.search(k)]
            self.short[key] = found[0] if len(found) == 1 else None
        return self.short[key]

    def ids(self, raw) -> list[int]:
        ids: list[int] = []
        for name in split_list(raw):
            key = name_key(name)
            refuse_formula(name)
            pk = self.by_key.get(key)
            if pk is None and len(key) >= 3:
                pk = self._by_part(key)
            if pk is None:
                raise CellError(f"нет такой {self.what}: «{name}» (список можно дополнить в справочниках)")
            if pk not in ids:
                ids.append(pk)
        return ids
