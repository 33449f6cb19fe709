"""Everything the matching needs about one programme, loaded in a fixed number of queries.

``load_pool(programme)`` reads, whatever the size of the bases (nine queries):

1. the programme's forms of mentoring (in the forms' own order);
2. the mentees waiting for a pair (status «ожидает», no open pair), with their person and a consent flag;
3. the texts of their requests;
4. the topics of their requests;
5. the organisation's mentors (ready ones only, unless asked for all), with person and consent flag;
6. the mentors' topics;
7. the mentors' open loads (``pairs.selectors.pairs.open_loads``);
8. the preferences recorded after the common meeting (``pairs.selectors.preferences.preference_ranks``);
9. the names of the topics, for the reasons («тема «…» есть у наставника»).

The hard rules of a pair (both consents valid, the mentor «ready», a free place, a form of the programme
that fits the two people, nobody mentors themselves) are decided here without further queries:
``Pool.problem`` names the first broken rule in Russian for one mentee and mentor, ``feasibility`` decides
all of them at once for the assignment. The form checks are ``pairs.rules.form_fit_problem`` itself;
``pairs.services.formation.form_pair`` checks every rule again when a pair is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Exists, OuterRef, Q

from mentoring.guards import programme_completed_message
from mentoring.models import MentoringForm, Programme
from mentoring.plural import plural_ru
from pairs.models import PairMember
from pairs.rules import SIDE_KINDS, form_fit_problem
from pairs.selectors.pairs import open_loads
from pairs.selectors.preferences import preference_ranks
from participants.models import Mentee, MenteeRequest, Mentor, Person, Topic
from participants.selectors.consents import today, with_consent_flag

Side = MentoringForm.Side
STUDENT_KINDS = SIDE_KINDS[Side.STUDENT]
TEACHER_KINDS = SIDE_KINDS[Side.TEACHER]

WORD = re.compile(r"[а-яёa-z]+", re.IGNORECASE)
SUBJECT_SPLIT = re.compile(r"\s*(?:[,;/]|\sи\s)\s*")
STEM_LENGTH = 5
# Words of a request that say nothing about its subject («хочу», «нужна помощь»…), as stems.
STOP_STEMS = frozenset(
    {
        "хочу",
        "хотел",
        "хоте",
        "нужна",
        "нужен",
        "нужно",
        "нужны",
        "помощ",
        "помоч",
        "помог",
        "очень",
        "более",
        "чтобы",
        "котор",
        "какую",
        "какой",
        "каких",
        "знаю",
        "получ",
        "найти",
        "сдела",
        "также",
        "много",
        "лучше",
        "своих",
        "свой",
        "этого",
        "этот",
        "меня",
        "мной",
        "всегд",
        "могу",
        "умею",
        "надо",
        "трудн",
        "сложн",
        "успев",
    }
)


def normalise(text: str) -> str:
    return text.lower().replace("ё", "е")


def word_stems(text: str) -> dict[str, str]:
    """Stem → the word as written, for the words of a text that may say what it is about.

    A stem is the first five letters: «алгебру» and «алгебра», «олимпиаде» and «олимпиадам» meet.
    Short words count only as abbreviations written in capitals («ОГЭ», «ИКТ»)."""
    stems: dict[str, str] = {}
    for word in WORD.findall(text):
        if len(word) < 4 and not (len(word) >= 3 and word.isupper()):
            continue
        stem = normalise(word)[:STEM_LENGTH]
        if stem not in STOP_STEMS:
            stems.setdefault(stem, word)
    return stems


def subject_names(text: str) -> dict[str, str]:
    """Normalised subject → as written: «Математика, физика» → {«математика», «физика»}."""
    names: dict[str, str] = {}
    for part in SUBJECT_SPLIT.split(text or ""):
        part = part.strip(" .")
        if part:
            names.setdefault(normalise(part), part.lower())
    return names


@dataclass(eq=False, slots=True)
class RequestFacts:
    text: str
    topics: tuple[tuple[int, str], ...]  # (topic id, name)

    @property
    def topic_ids(self) -> tuple[int, ...]:
        return tuple(pk for pk, _ in self.topics)


class _PersonSide:
    """What the mentee's and the mentor's facts both say of their person."""

    __slots__ = ()

    @property
    def is_teacher(self) -> bool:
        return self.person.kind in TEACHER_KINDS

    @property
    def is_student(self) -> bool:
        return self.person.kind in STUDENT_KINDS

    @property
    def label(self) -> str:
        """Class or position, as the lists show it."""
        return self.person.class_label or self.person.position


@dataclass(eq=False, slots=True)
class MenteeFacts(_PersonSide):
    mentee: Mentee
    person: Person
    has_consent: bool
    age: int | None
    requests: list[RequestFacts] = field(default_factory=list)
    topic_ids: frozenset[int] = frozenset()
    words: dict[str, str] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)

    @property
    def pk(self) -> int:
        return self.mentee.pk


@dataclass(eq=False, slots=True)
class MentorFacts(_PersonSide):
    mentor: Mentor
    person: Person
    has_consent: bool
    load: int
    topic_ids: frozenset[int] = frozenset()
    words: frozenset[str] = frozenset()
    subjects: dict[str, str] = field(default_factory=dict)

    @property
    def pk(self) -> int:
        return self.mentor.pk

    @property
    def capacity(self) -> int:
        return self.mentor.capacity

    @property
    def free(self) -> int:
        return max(self.mentor.capacity - self.load, 0)

    @property
    def ready(self) -> bool:
        return self.mentor.stage == Mentor.Stage.READY

    @property
    def available(self) -> bool:
        """Ready, with a valid consent and a free place: may get a mentee today."""
        return self.ready and self.has_consent and self.free > 0

    @property
    def age_range(self) -> tuple[int | None, int | None]:
        return self.mentor.preferred_age_from, self.mentor.preferred_age_to


Ranks = dict[tuple[int, int], tuple[int | None, int | None]]


@dataclass(eq=False)
class Pool:
    programme: Programme
    forms: list[MentoringForm]
    mentees: list[MenteeFacts]
    mentors: list[MentorFacts]
    ranks: Ranks
    day: date

    @property
    def programme_problem(self) -> str | None:
        """Why no pair at all may be formed in the programme (``form_pair`` refuses them all)."""
        if self.programme.is_completed:
            return programme_completed_message(self.programme)
        return None

    def mentee_problem(self, mentee: MenteeFacts) -> str | None:
        if not mentee.has_consent:
            return "нет действующего согласия на обработку персональных данных"
        return None

    def form_for(self, mentee: MenteeFacts, mentor: MentorFacts) -> MentoringForm | None:
        """The first form of the programme (in the forms' order) that fits the two people."""
        return first_fitting_form(self.forms, mentee, mentor)

    def problem(self, mentee: MenteeFacts, mentor: MentorFacts) -> str | None:
        """The first hard rule this pair breaks, in Russian; ``None`` when the pair may be formed."""
        if self.programme_problem:
            return self.programme_problem
        if mentor.person.pk == mentee.person.pk:
            return "нельзя быть наставником самому себе"
        if not mentor.ready:
            return f"не готов к работе: этап «{mentor.mentor.get_stage_display()}»"
        if not mentor.has_consent:
            return "нет действующего согласия на обработку персональных данных"
        problem = self.mentee_problem(mentee)
        if problem:
            return f"у наставляемого {problem}"
        if self.form_for(mentee, mentor) is None:
            return self._form_problem(mentee, mentor)
        if mentor.free <= 0:
            return f"нет свободных мест: занято {mentor.load} из {mentor.capacity}"
        return None

    def _form_problem(self, mentee: MenteeFacts, mentor: MentorFacts) -> str:
        if not self.forms:
            return "в программе не выбрано ни одной формы наставничества"
        # The form meant for this mentee says the most: «ученик – ученик» for a student mentee.
        for_mentee = [f for f in self.forms if mentee.person.kind in SIDE_KINDS[f.mentee_side]] or self.forms
        both = [f for f in for_mentee if mentor.person.kind in SIDE_KINDS[f.mentor_side]] or for_mentee
        return form_fit_problem(form=both[0], mentor=mentor.person, mentee=mentee.person) or ""


def first_fitting_form(
    forms: Iterable[MentoringForm], mentee: MenteeFacts, mentor: MentorFacts
) -> MentoringForm | None:
    """The first of ``forms`` that fits the two people, ``None`` if none does."""
    return next(
        (f for f in forms if form_fit_problem(form=f, mentor=mentor.person, mentee=mentee.person) is None),
        None,
    )


def free_places_text(mentor: MentorFacts) -> str:
    return f"Свободно мест: {mentor.free} из {mentor.capacity}"


def years(n: int) -> str:
    return f"{n} {plural_ru(n, 'год,года,лет')}"


# --- loading ---------------------------------------------------------------------------------------


def programme_forms(programme: Programme) -> list[MentoringForm]:
    """The programme's forms in their order; a programme with none chosen allows every active form,
    as ``form_pair`` does."""
    forms = list(programme.forms.order_by("order", "name"))
    return forms or list(MentoringForm.objects.filter(is_active=True).order_by("order", "name"))


def waiting_mentees(programme: Programme):
    """Mentees of the programme waiting for a pair: status «ожидает» and no open pair."""
    open_pair = PairMember.objects.filter(mentee=OuterRef("pk"), is_open=True)
    return Mentee.objects.filter(programme=programme, status=Mentee.Status.WAITING).filter(~Exists(open_pair))


def load_pool(
    programme: Programme,
    *,
    mentee_ids: Iterable[int] | None = None,
    ready_only: bool = True,
    day: date | None = None,
) -> Pool:
    day = day or today()
    organisation_id = programme.organisation_id
    forms = programme_forms(programme)

    topic_names = dict(
        Topic.objects.filter(Q(organisation=None) | Q(organisation_id=organisation_id)).values_list(
            "pk", "name"
        )
    )
    base = waiting_mentees(programme)
    if mentee_ids is not None:
        base = base.filter(pk__in=list(mentee_ids))
    mentee_rows = with_consent_flag(base.select_related("person"), day=day, person_path="person_id").order_by(
        "person__last_name", "person__first_name", "person__middle_name", "pk"
    )
    mentees = [
        MenteeFacts(mentee=m, person=m.person, has_consent=m.has_consent, age=m.person.age_on(day))
        for m in mentee_rows
    ]
    by_mentee = {m.pk: m for m in mentees}
    base_ids = base.values("pk")
    topics_of_request: dict[int, list[int]] = {}
    for request_id, topic_id in MenteeRequest.topics.through.objects.filter(
        menteerequest__mentee__in=base_ids
    ).values_list("menteerequest_id", "topic_id"):
        topics_of_request.setdefault(request_id, []).append(topic_id)
    for request_id, mentee_id, text in (
        MenteeRequest.objects.filter(mentee__in=base_ids)
        .order_by("pk")
        .values_list("pk", "mentee_id", "text")
    ):
        facts = by_mentee.get(mentee_id)
        if facts is None:
            continue
        topics = tuple((pk, topic_names.get(pk, "")) for pk in sorted(topics_of_request.get(request_id, ())))
        facts.requests.append(RequestFacts(text=text, topics=topics))
    for facts in mentees:
        facts.topic_ids = frozenset(t for r in facts.requests for t in r.topic_ids)
        words: dict[str, str] = {}
        for item in facts.requests:
            for stem, word in word_stems(item.text).items():
                words.setdefault(stem, word)
        facts.words = words
        if facts.is_teacher:
            facts.subjects = subject_names(facts.person.subjects)

    mentor_base = Mentor.objects.filter(organisation_id=organisation_id)
    if ready_only:
        mentor_base = mentor_base.filter(stage=Mentor.Stage.READY)
    mentor_rows = list(
        with_consent_flag(mentor_base.select_related("person"), day=day, person_path="person_id").order_by(
            "person__last_name", "person__first_name", "person__middle_name", "pk"
        )
    )
    mentor_topics: dict[int, set[int]] = {}
    for mentor_id, topic_id in Mentor.topics.through.objects.filter(
        mentor__in=mentor_base.values("pk")
    ).values_list("mentor_id", "topic_id"):
        mentor_topics.setdefault(mentor_id, set()).add(topic_id)
    loads = open_loads([m.pk for m in mentor_rows]) if mentor_rows else {}
    mentors = []
    for mentor in mentor_rows:
        person = mentor.person
        mentors.append(
            MentorFacts(
                mentor=mentor,
                person=person,
                has_consent=mentor.has_consent,
                load=loads.get(mentor.pk, 0),
                topic_ids=frozenset(mentor_topics.get(mentor.pk, ())),
                words=frozenset(word_stems(mentor.competences)),
                subjects=subject_names(person.subjects) if person.kind in TEACHER_KINDS else {},
            )
        )

    return Pool(
        programme=programme,
        forms=forms,
        mentees=mentees,
        mentors=mentors,
        ranks=preference_ranks(programme),
        day=day,
    )


# --- all pairs at once -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feasibility:
    """For mentees × mentors: whether the pair may be formed, and the index in ``forms`` of its form
    (−1 where none fits). ``fits`` ignores the free places (it says whether the pair would be possible
    if the mentor had room), ``feasible`` does not."""

    fits: np.ndarray
    feasible: np.ndarray
    form_index: np.ndarray


def _classes(
    facts: Sequence[MenteeFacts] | Sequence[MentorFacts], pk: int
) -> tuple[np.ndarray, list[Person]]:
    """Group people by what ``form_fit_problem`` reads (kind and grade): the class of each, and one
    stand-in person per class (the names only go into its messages, the primary key is a placeholder)."""
    keys: dict[tuple, int] = {}
    stand_ins: list[Person] = []
    index = np.empty(len(facts), dtype=np.int64)
    for position, item in enumerate(facts):
        key = (item.person.kind, item.person.grade)
        if key not in keys:
            keys[key] = len(stand_ins)
            stand_ins.append(Person(pk=pk, kind=item.person.kind, grade=item.person.grade))
        index[position] = keys[key]
    return index, stand_ins


def feasibility(pool: Pool, mentees: Sequence[MenteeFacts], mentors: Sequence[MentorFacts]) -> Feasibility:
    """The hard rules for every pair at once, with ``form_fit_problem`` called once per distinct
    (mentor kind and grade, mentee kind and grade) rather than once per pair."""
    n, m = len(mentees), len(mentors)
    mentee_class, mentee_people = _classes(mentees, -1)
    mentor_class, mentor_people = _classes(mentors, -2)
    first_form = np.full((len(mentee_people), len(mentor_people)), -1, dtype=np.int64)
    for a, mentee in enumerate(mentee_people):
        for b, mentor in enumerate(mentor_people):
            for position, form in enumerate(pool.forms):
                if form_fit_problem(form=form, mentor=mentor, mentee=mentee) is None:
                    first_form[a, b] = position
                    break
    form_index = first_form[np.ix_(mentee_class, mentor_class)]
    mentee_person = np.fromiter((f.person.pk for f in mentees), dtype=np.int64, count=n)
    mentor_person = np.fromiter((f.person.pk for f in mentors), dtype=np.int64, count=m)
    form_index[mentee_person[:, None] == mentor_person[None, :]] = -1  # nobody mentors themselves
    mentee_ok = np.fromiter((f.has_consent for f in mentees), dtype=bool, count=n)
    mentor_ok = np.fromiter((f.ready and f.has_consent for f in mentors), dtype=bool, count=m)
    has_room = np.fromiter((f.free > 0 for f in mentors), dtype=bool, count=m)
    fits = (form_index >= 0) & mentee_ok[:, None] & mentor_ok[None, :]
    return Feasibility(fits=fits, feasible=fits & has_room[None, :], form_index=form_index)
