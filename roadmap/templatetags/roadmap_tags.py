from django import template

from roadmap.exporting_roadmap import period_label

register = template.Library()


@register.filter
def item_period(item) -> str:
    """«ноябрь 2026», «декабрь 2026 — март 2027» or «15.03.2027»."""
    return period_label(item.starts_on, item.due_on, item.by_month)


@register.simple_tag
def item_state(item, day) -> str:
    return item.state(day)


@register.simple_tag
def item_state_label(item, day) -> str:
    return item.state_label(day)


@register.filter
def count_of(counts: dict, key) -> int:
    return counts.get(key, 0)
