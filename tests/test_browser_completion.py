"""Real Chromium (Debian's): the mentor records a result at the final meeting, the mentee adds their word,
the curator completes the pair and the mentee base shows the result."""

import pytest
from django.urls import reverse

from pairs.models import Pair
from participants.models import Mentee
from tests.browser_steps import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACHIEVED = "Четвёрка по алгебре за полугодие, решает задачи с параметром без подсказок"
WORD = "Перестал бояться контрольных и сам объясняю задачи соседу по парте"


def test_it_carries_the_mentors_result_and_the_mentees_word_to_the_mentee_base(page, demo_school):
    pair = Pair.objects.get(
        status=Pair.Status.ACTIVE, members__mentee__person__user__username="mentee", members__is_open=True
    )
    log_in(page, demo_school, "mentor")
    page.goto(f"{demo_school}{reverse('pair_detail', args=[pair.pk])}")
    page.get_by_role("link", name="Записать результаты").click()
    page.get_by_role("heading", name="Результаты работы пары").wait_for()
    page.get_by_label("Запрос выполнен", exact=True).check()
    page.get_by_label("Что достигнуто").fill(ACHIEVED)
    page.get_by_role("button", name="Записать результаты").click()
    page.get_by_text("Результаты записаны: Никитин Артём Ильич.").wait_for()
    log_out(page)

    log_in(page, demo_school, "mentee")
    page.goto(f"{demo_school}{reverse('pair_detail', args=[pair.pk])}")
    page.get_by_role("link", name="Добавить своё слово о результатах").click()
    page.get_by_text(ACHIEVED).wait_for()
    page.get_by_label("Моё слово о результатах").fill(WORD)
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_text("Спасибо! Ваше слово добавлено к результатам.").wait_for()
    log_out(page)

    log_in(page, demo_school, "curator")
    page.goto(f"{demo_school}{reverse('pair_detail', args=[pair.pk])}")
    page.get_by_role("link", name="Завершить").click()
    page.get_by_text("Никитин Артём Ильич — запрос выполнен").wait_for()
    assert page.get_by_label("Результаты работы").input_value() == ACHIEVED
    page.get_by_role("button", name="Завершить").click()
    page.get_by_text("Пара завершена; наставляемые отмечены как завершившие программу.").wait_for()
    mentee = Mentee.objects.get(person__user__username="mentee", programme=pair.programme)
    page.goto(f"{demo_school}{reverse('mentee_detail', args=[mentee.pk])}")
    page.get_by_text(f"Слово наставляемого: {WORD}").wait_for()
    assert "Завершил программу" in page.content()
