from django.db.models import Q


def name_words_q(q: str, prefix: str = "") -> Q:
    """Every word of ``q`` in one of the three parts of the name.

    SQLite compares only Latin letters without regard to case, so the word is also tried as typed
    in lower case and with a capital letter — «соколова» and «СОКОЛОВА» find «Соколова».
    """
    condition = Q()
    for word in q.split():
        variants = {word, word.lower(), word.capitalize()}
        one = Q()
        for variant in variants:
            for part in ("last_name", "first_name", "middle_name"):
                one |= Q(**{f"{prefix}{part}__icontains": variant})
        condition &= one
    return condition
