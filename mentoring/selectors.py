"""Reads the core's views share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mentoring.models import Membership, MentoringForm, Municipality, Organisation, Programme, User
from mentoring.roles import Role


@dataclass(frozen=True)
class OrganisationFigure:
    key: str
    label: str
    annotation: object  # a callable returning a query expression over Organisation
    order: int = 100


_organisation_figures: list[OrganisationFigure] = []


def register_organisation_figure(*, key: str, label: str, annotation, order: int = 100) -> None:
    """Feature apps add columns (counts, never names) to the municipal overview."""
    if all(f.key != key for f in _organisation_figures):
        _organisation_figures.append(OrganisationFigure(key, label, annotation, order))


def organisation_figures() -> list[OrganisationFigure]:
    return sorted(_organisation_figures, key=lambda f: (f.order, f.label))


def count_per_organisation(queryset: QuerySet, path: str = "organisation") -> Coalesce:
    """A correlated COUNT for annotating organisations, without multiplying joins."""
    counted = (
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(total=Count("pk", distinct=True))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def programmes_of(organisation: Organisation) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation=organisation).prefetch_related("forms")


def role_counts(organisation: Organisation) -> dict[str, int]:
    rows = (
        Membership.objects.filter(organisation=organisation)
        .values("role")
        .annotate(n=Count("user", distinct=True))
    )
    counts = {role: 0 for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)}
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


def district_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    current = Programme.objects.filter(organisation=OuterRef("pk"), is_current=True)
    queryset = (
        Organisation.objects.filter(municipality=municipality, is_active=True)
        .annotate(
            programmes_total=count_per_organisation(Programme.objects.all()),
            current_programme_name=Subquery(current.values("name")[:1]),
            current_programme_status=Subquery(current.values("status")[:1]),
            current_programme_start=Subquery(current.values("start_date")[:1]),
            current_programme_end=Subquery(current.values("end_date")[:1]),
            mentors_total=count_per_organisation(Membership.objects.filter(role=Role.MENTOR)),
            mentees_total=count_per_organisation(Membership.objects.filter(role=Role.MENTEE)),
        )
        .order_by("short_name")
    )
    for figure in organisation_figures():
        queryset = queryset.annotate(**{figure.key: figure.annotation()})
    return queryset


def programme_status_label(value: str | None) -> str:
    return Programme.Status(value).label if value else ""


def forms_with_variants() -> QuerySet[MentoringForm]:
    return MentoringForm.objects.prefetch_related("variants")


def staff_counts() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.filter(is_active=True).count(),
        "programmes": Programme.objects.count(),
    }
