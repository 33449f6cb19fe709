"""Who is asking, for which organisation, in which roles — resolved once per request.

Every view declares the roles that may use it with ``@allow``; every object a view touches
is fetched through ``request.access`` so that another organisation's object is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property, wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject

from mentoring.models import Membership, Municipality, Organisation, Programme
from mentoring.roles import ORGANISATION_ROLES, ROLE_PRIORITY, Role

SESSION_ORGANISATION = "access_organisation_id"
SESSION_ROLE = "access_role"


class Access:
    def __init__(
        self,
        *,
        user,
        organisation: Organisation | None = None,
        municipality: Municipality | None = None,
        roles: Iterable[str] = (),
        organisations: Iterable[Organisation] = (),
        preferred_role: str | None = None,
    ):
        self.user = user
        self.organisation = organisation
        self.municipality = municipality
        self.roles = frozenset(roles)
        self.organisations = tuple(organisations)
        ordered = [r for r in ROLE_PRIORITY if r in self.roles]
        self.role = preferred_role if preferred_role in self.roles else (ordered[0] if ordered else None)
        self.ordered_roles = tuple(ordered)

    def has_any(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    @cached_property
    def programme(self) -> Programme | None:
        """The organisation's current programme, if one is picked."""
        if self.organisation is None:
            return None
        return Programme.objects.filter(organisation=self.organisation, is_current=True).first()

    def scope(self, model_or_queryset: type[Model] | QuerySet) -> QuerySet:
        """Objects of the active organisation only; models name their path via ``organisation_path``."""
        queryset = (
            model_or_queryset._default_manager.all()
            if isinstance(model_or_queryset, type)
            else model_or_queryset
        )
        path = getattr(queryset.model, "organisation_path", "organisation")
        if self.organisation is None:
            return queryset.none()
        return queryset.filter(**{path: self.organisation})

    def get(self, model_or_queryset: type[Model] | QuerySet, **lookup) -> Model:
        return get_object_or_404(self.scope(model_or_queryset), **lookup)


def resolve_access(request: HttpRequest) -> Access:
    user = request.user
    if not user.is_authenticated:
        return Access(user=user)
    memberships = list(Membership.objects.filter(user=user).select_related("organisation", "municipality"))
    organisations: dict[int, Organisation] = {}
    for m in memberships:
        if m.organisation_id and m.organisation.is_active:
            organisations.setdefault(m.organisation_id, m.organisation)
    wanted = request.session.get(SESSION_ORGANISATION)
    organisation = organisations.get(wanted) or next(iter(organisations.values()), None)
    roles = {m.role for m in memberships if organisation is not None and m.organisation_id == organisation.pk}
    municipality = next((m.municipality for m in memberships if m.role == Role.MUNICIPAL), None)
    if municipality is not None:
        roles.add(Role.MUNICIPAL)
    if user.is_staff:
        roles.add(Role.STAFF)
    return Access(
        user=user,
        organisation=organisation,
        municipality=municipality,
        roles=roles,
        organisations=sorted(organisations.values(), key=lambda o: o.short_name),
        preferred_role=request.session.get(SESSION_ROLE),
    )


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: resolve_access(request))
        return self.get_response(request)


PUBLIC = "public"
ALL_ROLES = tuple(Role)


def allow(*roles: str, methods: tuple[str, ...] = ("GET", "POST")) -> Callable:
    """Declare who may use a view: anonymous users go to the login page, other roles get 403."""
    unknown = set(roles) - set(Role.values)
    if unknown or not roles:
        raise ValueError(f"unknown roles {unknown}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if not request.access.has_any(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)
        wrapped.allowed_methods = tuple(methods)
        return wrapped

    return decorator


def public(view):
    """A page anyone may open (login, password reset)."""
    view.allowed_roles = PUBLIC
    view.allowed_methods = ("GET", "POST")
    return view


__all__ = ["ALL_ROLES", "ORGANISATION_ROLES", "PUBLIC", "Access", "allow", "public", "resolve_access"]
