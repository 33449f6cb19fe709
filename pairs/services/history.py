from datetime import date

from pairs.models import Pair, PairEvent, PairMember


def record_event(
    *, pair: Pair, kind: str, day: date, text: str = "", user=None, member: PairMember | None = None
) -> PairEvent:
    """One line of the pair's history. The text names nobody: the page shows the member's current
    name, so a withdrawn consent's pseudonym replaces it in the history too."""
    return PairEvent.objects.create(pair=pair, kind=kind, day=day, text=text, user=user, member=member)
