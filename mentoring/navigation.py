"""Menus and home-page figures that feature apps register, so the core never imports them.

A feature app calls ``register_nav`` / ``register_home_stat`` from its ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int
    # Items of one group show as one drop-down menu in the top bar.
    group: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: tuple[NavItem, ...]

    @property
    def url_names(self) -> frozenset[str]:
        return frozenset(i.url_name for i in self.items)


@dataclass(frozen=True)
class HomeStats:
    """A group of figures computed together (one query), e.g. students and teachers."""

    roles: frozenset[str]
    compute: Callable  # (access) -> list of (label, value, url_name or None)
    order: int


_nav: list[NavItem] = []
_stats: list[HomeStats] = []
# A role whose home is a feature app's page (the mentor's «Мои наставляемые»): role → URL name.
_home_pages: dict[str, str] = {}


def register_nav(
    *, label: str, url_name: str, roles: tuple[str, ...], order: int = 100, group: str = ""
) -> None:
    item = NavItem(label=label, url_name=url_name, roles=frozenset(roles), order=order, group=group)
    if item not in _nav:
        _nav.append(item)


def register_home_stats(*, roles: tuple[str, ...], compute: Callable, order: int = 100) -> None:
    group = HomeStats(roles=frozenset(roles), compute=compute, order=order)
    if group not in _stats:
        _stats.append(group)


def register_home_page(*, role: str, url_name: str) -> None:
    """Hand the role's «Рабочий стол» over to a feature app's page."""
    _home_pages[role] = url_name


def home_page_for(role: str | None) -> str | None:
    """The URL of the feature app's page that is the role's home, if one was registered."""
    url_name = _home_pages.get(role)
    return reverse(url_name) if url_name else None


def nav_for(role: str | None) -> list[NavItem]:
    items = sorted((i for i in _nav if role in i.roles), key=lambda i: (i.order, i.label))
    for item in items:
        try:
            item.url  # noqa: B018 — a registered name that does not resolve is a bug, fail loudly
        except NoReverseMatch as exc:
            raise NoReverseMatch(f"navigation item {item.label!r}: {exc}") from exc
    return items


def menu_for(role: str | None) -> list[NavItem | NavGroup]:
    """The top bar: ungrouped items as links, grouped ones as one drop-down at the first item's place."""
    menu: list[NavItem | NavGroup] = []
    groups: dict[str, list[NavItem]] = {}
    for item in nav_for(role):
        if not item.group:
            menu.append(item)
        elif item.group not in groups:
            groups[item.group] = [item]
            menu.append(NavGroup(label=item.group, items=()))
        else:
            groups[item.group].append(item)
    return [
        NavGroup(label=entry.label, items=tuple(groups[entry.label]))
        if isinstance(entry, NavGroup)
        else entry
        for entry in menu
    ]


def stats_for(access) -> list[dict]:
    rows = []
    for group in sorted(_stats, key=lambda g: g.order):
        if access.role not in group.roles:
            continue
        for label, value, url_name in group.compute(access):
            rows.append({"label": label, "value": value, "url": reverse(url_name) if url_name else None})
    return rows
