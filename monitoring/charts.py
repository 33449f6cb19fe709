"""Charts drawn on the server as SVG: the same picture on the page and in the PDF, no script needed.

Each function returns markup safe to put in a template. Sizes are in user units; the SVG scales to
the width of its box (``width: 100%`` on the page, a fixed width in the PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLUE, GREY, GREEN, RED, LIGHT = "#2f6fb2", "#9aa5b1", "#2e8b57", "#c0392b", "#e9ecef"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _svg(width: int, height: int, body: list[str], title: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def distribution(counts: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    """Vertical bars: how many chose each value (1…10, yes/no, options)."""
    width, height, top, bottom = 360, 96, 14, 20
    total_max = max((n for _, n in counts), default=0) or 1
    step = width / max(len(counts), 1)
    bar = step * 0.7
    body = []
    for index, (label, n) in enumerate(counts):
        h = (height - top - bottom) * n / total_max
        x = index * step + (step - bar) / 2
        y = height - bottom - h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BLUE}"/>')
        if n:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle" {FONT}>{n}</text>'
            )
        short = label if len(label) <= 12 else label[:11] + "…"
        body.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 7}" font-size="9" text-anchor="middle" {FONT}>'
            f"{escape(short)}</text>"
        )
    body.append(
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="{GREY}" stroke-width="1"/>'
    )
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    n: int


def means(bars: Sequence[Bar], *, title: str, scale: float = 10) -> SafeString:
    """Horizontal bars of means on a 0…scale axis, one per group, with the number of answers."""
    row, label_width, width = 22, 210, 520
    height = row * len(bars) + 8
    plot = width - label_width - 60
    body = []
    for index, item in enumerate(bars):
        y = index * row + 4
        short = item.label if len(item.label) <= 36 else item.label[:35] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 13}" font-size="10" text-anchor="end" {FONT}>{escape(short)}</text>'
        )
        body.append(f'<rect x="{label_width}" y="{y + 3}" width="{plot}" height="12" fill="{LIGHT}"/>')
        if item.value is not None:
            w = plot * max(0.0, min(item.value, scale)) / scale
            body.append(f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="12" fill="{BLUE}"/>')
            text = f"{_number(item.value)} (N={item.n})"
        else:
            text = "—"
        body.append(
            f'<text x="{label_width + plot + 4}" y="{y + 13}" font-size="10" {FONT}>{escape(text)}</text>'
        )
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class Change:
    label: str
    entry: float
    exit: float
    improved: int
    unchanged: int
    worse: int
    # The axis: 10 for a self-rating, the largest mean for an objective figure.
    scale: float = 10


def entry_exit(changes: Sequence[Change], *, title: str) -> SafeString:
    """Per characteristic: the mean at entry (grey) and at exit (blue), and a strip of how many
    improved (green), stayed (grey) and got worse (red)."""
    row, label_width, width = 34, 210, 650
    height = row * len(changes) + 8
    plot, strip = 220, 120
    body = []
    for index, item in enumerate(changes):
        y = index * row + 4
        scale = item.scale or 1
        short = item.label if len(item.label) <= 36 else item.label[:35] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 17}" font-size="10" text-anchor="end" {FONT}>{escape(short)}</text>'
        )
        for offset, value, colour in ((2, item.entry, GREY), (14, item.exit, BLUE)):
            w = plot * max(0.0, min(value, scale)) / scale
            body.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{w:.1f}" height="10" fill="{colour}"/>'
            )
            body.append(
                f'<text x="{label_width + w + 3:.1f}" y="{y + offset + 9}" font-size="9" {FONT}>{_number(value)}</text>'
            )
        total = item.improved + item.unchanged + item.worse or 1
        x = label_width + plot + 40
        for count, colour in ((item.improved, GREEN), (item.unchanged, GREY), (item.worse, RED)):
            w = strip * count / total
            if w:
                body.append(f'<rect x="{x:.1f}" y="{y + 6}" width="{w:.1f}" height="14" fill="{colour}"/>')
            x += w
        share = round(100 * item.improved / total)
        body.append(
            f'<text x="{label_width + plot + 40 + strip + 4}" y="{y + 17}" font-size="9" {FONT}>↑ {share}%</text>'
        )
    return _svg(width, height, body, title)
