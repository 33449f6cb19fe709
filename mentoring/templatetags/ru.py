from django import template

from mentoring.guards import programme_completed_message
from mentoring.plural import plural_ru

register = template.Library()


@register.filter
def plural(number, forms: str) -> str:
    """``{{ n|plural:"ученик,ученика,учеников" }}`` → «5 учеников»."""
    return f"{number} {plural_ru(number, forms)}"


@register.filter
def plural_word(number, forms: str) -> str:
    return plural_ru(number, forms)


@register.filter
def attr_value(obj, name: str):
    """Read an annotated figure whose name is only known at run time (municipal columns)."""
    return getattr(obj, name, "")


@register.filter
def pause_length(delta) -> str:
    """A timedelta as «15 минут» / «1 час»."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes % 60 == 0:
        return plural(minutes // 60, "час,часа,часов")
    return plural(minutes, "минуту,минуты,минут")


@register.filter
def read_only_notice(programme) -> str:
    """``{{ programme|read_only_notice }}``: a completed programme's notice, in the guard's one wording."""
    return programme_completed_message(programme)
