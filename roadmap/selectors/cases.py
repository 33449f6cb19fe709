"""Reads of the cases of best practice: access helpers, the searchable list, who blocks publication.

The curator and the director read every case of their organisation; anyone else allowed in (a
mentor) reads published ones only: a draft is a 404 for them, as if it did not exist."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from mentoring.models import Programme
from mentoring.roles import Role
from pairs.models import Pair, PairMember
from participants.models import Consent, Person
from participants.models.consents import valid_consent_q
from roadmap.models import Case, CasePhoto

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
SEARCH_FIELDS = ("title", "problem", "actions", "result")


def reads_drafts(access) -> bool:
    return access.has_any(KEEPERS)


def _members_prefetch(prefix: str = "") -> Prefetch:
    return Prefetch(
        f"{prefix}members",
        queryset=PairMember.objects.select_related("mentee__person").order_by("pk"),
    )


def access_case(access, case_id: int) -> Case:
    case = access.get(
        Case.objects.select_related(
            "programme__organisation", "form", "pair__mentor__person", "created_by"
        ).prefetch_related(_members_prefetch("pair__"), "photos"),
        pk=case_id,
    )
    if case.status != Case.Status.PUBLISHED and not reads_drafts(access):
        raise Http404("Кейс не найден.")
    return case


def access_photo(access, photo_id: int) -> CasePhoto:
    photo = access.get(CasePhoto.objects.select_related("case__programme"), pk=photo_id)
    if photo.case.status != Case.Status.PUBLISHED and not reads_drafts(access):
        raise Http404("Фотография не найдена.")
    return photo


def search_q(query: str) -> Q:
    """Every word of ``query`` in the title, the problem, what was done or the result.

    SQLite compares only Latin letters without regard to case, so each word is also tried in lower
    case and with a capital letter — «олимпиада» finds «Олимпиада»."""
    condition = Q()
    for word in query.split():
        one = Q()
        for variant in {word, word.lower(), word.capitalize()}:
            for name in SEARCH_FIELDS:
                one |= Q(**{f"{name}__icontains": variant})
        condition &= one
    return condition


def cases_of(
    programme: Programme | None, *, query: str = "", form: int | str | None = None, status: str = ""
) -> QuerySet:
    if programme is None:
        return Case.objects.none()
    cases = (
        Case.objects.filter(programme=programme)
        .select_related("form", "pair__mentor__person")
        .prefetch_related(_members_prefetch("pair__"))
        .annotate(photo_count=Count("photos"))
    )
    if query.strip():
        cases = cases.filter(search_q(query.strip()))
    if form not in (None, ""):
        cases = cases.filter(form=form)
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    return cases.order_by("-created_at", "-pk")


def case_pairs(programme: Programme) -> QuerySet:
    """The pairs and groups a case may be written about: every one that has worked, not the drafts."""
    return (
        Pair.objects.filter(programme=programme)
        .exclude(status=Pair.Status.DRAFT)
        .select_related("mentor__person", "form")
        .prefetch_related(_members_prefetch())
        .order_by("-start_date", "pk")
    )


def pair_label(pair: Pair) -> str:
    """«Соколова Ирина Викторовна — Никитин Артём Ильич» (a group: its name first)."""
    mentees = ", ".join(member.mentee.person.full_name for member in pair.members.all())
    label = f"{pair.mentor.person.full_name} — {mentees}" if mentees else pair.mentor.person.full_name
    return f"{pair.name}: {label}" if pair.name else label


def case_people(case: Case) -> list[Person]:
    """Whom the case is about: the pair's mentor and every mentee who was in it (also the ones who left)."""
    if case.pair is None:
        return []
    people = [case.pair.mentor.person]
    people += [member.mentee.person for member in case.pair.members.all()]
    seen, unique = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            unique.append(person)
    return unique


def publication_blockers(case: Case, day: date) -> list[str]:
    """Names of the case's people without a valid consent to publish photos and cases on ``day``."""
    people = case_people(case)
    if not people:
        return []
    allowed = set(
        Consent.objects.filter(valid_consent_q(day), allows_publication=True, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    return [person.full_name for person in people if person.pk not in allowed]
