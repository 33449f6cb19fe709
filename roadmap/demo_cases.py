"""Demo cases of best practice, through the services: the first pair's case is published (its people
first agree to publication), the second pair's case is a draft."""

from __future__ import annotations

from datetime import date

from mentoring.models import Programme, User
from pairs.models import Pair
from participants.models import Consent
from roadmap.models import Case
from roadmap.selectors.cases import case_people, publication_blockers
from roadmap.services.cases import create_case, publish_case

FIRST = {
    "title": "От «не понимаю» до выступления на конференции",
    "problem": (
        "Наставляемый боялся отвечать у доски и терялся, когда задача была не похожа на разобранную "
        "на уроке. Запрос — научиться рассуждать вслух и не бросать трудное на полпути."
    ),
    "actions": (
        "Раз в неделю — встреча на 40 минут: одна задача «с подвохом», которую решали вслух по очереди. "
        "Вели тетрадь ошибок: каждая ошибка записывалась с подсказкой, как её заметить в следующий раз. "
        "Во втором полугодии вместе подготовили небольшой доклад и дважды отрепетировали его перед "
        "одноклассниками."
    ),
    "result": (
        "Наставляемый выступил с докладом на школьной научно-практической конференции, отметка за "
        "четверть выросла на балл, а тетрадь ошибок теперь ведёт сам, без напоминаний."
    ),
    "quotes": (
        "Наставник: «Главное было — не подсказывать ответ, а ждать, пока он сам до него дойдёт».\n"
        "Наставляемый: «Я понял, что ошибка — это не страшно, если знаешь, где её искать»."
    ),
}
SECOND = {
    "title": "Общее дело вместо разговоров о мотивации",
    "problem": ("Наставляемым было скучно на встречах-беседах, посещаемость падала к середине четверти."),
    "actions": (
        "Вместо бесед договорились о небольшом общем проекте: подготовить для младших классов "
        "настольную игру по школьному предмету. Роли распределили сами участники, наставник "
        "помогал разбить работу на шаги и держать сроки."
    ),
    "result": (
        "Игру показали на неделе наставничества; встречи больше никто не пропускал, а младшие классы "
        "попросили сделать вторую игру — по окружающему миру."
    ),
    "quotes": "",
}


def _allow_publication(pair: Pair) -> None:
    people = case_people(Case(pair=pair))
    Consent.objects.filter(person__in=people).update(allows_publication=True)


def load_cases(*, programme: Programme, curator: User, today: date) -> list[Case]:
    pairs = list(
        Pair.objects.filter(programme=programme, status="active")
        .select_related("mentor__person", "form")
        .prefetch_related("members__mentee__person")
        .order_by("start_date", "pk")
    )
    cases: list[Case] = []
    if not pairs:
        return cases
    first = pairs[0]
    _allow_publication(first)
    published = create_case(programme=programme, pair=first, user=curator, **FIRST)
    if not publication_blockers(published, today):
        published = publish_case(case=published, user=curator, day=today)
    cases.append(published)
    second = pairs[1] if len(pairs) > 1 else None
    form = second.form if second else first.form
    cases.append(create_case(programme=programme, pair=second, form=form, user=curator, **SECOND))
    return cases
