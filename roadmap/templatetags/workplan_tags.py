from django import template

from roadmap.selectors.workplan import event_period

register = template.Library()


@register.filter
def period(event) -> str:
    return event_period(event)
