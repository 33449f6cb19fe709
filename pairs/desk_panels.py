"""Panels other apps add to the mentor's home (monitoring: questionnaires waiting for the mentor),
so that pairs never imports an app above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    title: str
    # (text, url) of each line; an empty panel shows ``empty``.
    lines: list[tuple[str, str]] = field(default_factory=list)
    empty: str = ""


_panels: list[tuple[int, Callable]] = []


def register_desk_panel(compute: Callable, *, order: int = 100) -> None:
    """``compute(access) -> Panel | None``; None hides the panel."""
    if (order, compute) not in _panels:
        _panels.append((order, compute))


def panels_for(access) -> list[Panel]:
    panels = (compute(access) for _, compute in sorted(_panels, key=lambda item: item[0]))
    return [panel for panel in panels if panel is not None]
