"""Real Chromium (Debian's) logs in as each demo role and reads its home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser_steps import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_HOMES = {
    "curator": "Рабочий стол куратора",
    "director": "Рабочий стол руководителя",
    "mentor": "Мои наставляемые",
    "mentee": "Рабочий стол наставляемого",
    "municipal": "Рабочий стол муниципального куратора",
    "admin": "Рабочий стол администратора системы",
}


def test_it_logs_in_as_each_demo_role(page, demo_school):
    for username, title in DEMO_HOMES.items():
        log_in(page, demo_school, username)
        page.get_by_role("heading", name=title).wait_for()
        assert page.locator("html").get_attribute("lang") == "ru"
        if username in ("curator", "director", "mentor", "mentee"):
            assert "Путь к успеху!" in page.content()
        log_out(page)


def test_it_fits_a_phone_screen(page, demo_school):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_school, "curator")
    page.get_by_role("heading", name="Рабочий стол куратора").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.get_by_role("button", name="Открыть меню").click()
    page.get_by_role("link", name="Программы", exact=True).click()
    page.get_by_role("heading", name="Программы наставничества").wait_for()


def test_it_finds_mentees_without_consent_and_the_gaps_of_the_request_map(page, demo_school):
    log_in(page, demo_school, "curator")
    page.get_by_role("button", name="Участники").click()
    page.locator("nav").get_by_role("link", name="Наставляемые", exact=True).click()
    page.get_by_role("heading", name="База наставляемых").wait_for()
    page.get_by_label("Согласие").select_option(label="Нет согласия")
    page.get_by_role("button", name="Найти").click()
    page.get_by_text("Найдено:").wait_for()
    rows = page.locator("tbody tr")
    assert rows.count() >= 2
    for i in range(rows.count()):
        row = rows.nth(i).inner_text()
        assert "нет согласия" in row or "обезличен" in row
    rows.first.get_by_role("link").click()
    page.get_by_text("Нет действующего согласия").first.wait_for()
    page.goto(f"{demo_school}/request-map/")
    page.get_by_role("heading", name="Карта запросов").wait_for()
    assert "Нет готовых наставников" in page.content()


def test_it_imports_a_class_list_after_showing_the_preview(page, demo_school, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "Примечание"])
    sheet.append([1, "Зайцева", "Полина", "Игоревна", "05.02.2015", "5 В", ""])
    sheet.append([2, "Ёлкин", "Матвей", "Петрович", "31.02.2015", "5В", ""])
    bad = tmp_path / "5В с ошибкой.xlsx"
    workbook.save(bad)
    log_in(page, demo_school, "curator")
    page.goto(f"{demo_school}/import/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_text("31.02.2015").first.wait_for()
    assert page.get_by_role("button", name="Загрузить в базу").count() == 0
    sheet["E3"] = "28.02.2015"
    good = tmp_path / "5В.xlsx"
    workbook.save(good)
    page.goto(f"{demo_school}/import/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_role("button", name="Загрузить в базу").click()
    page.get_by_text("(список обучающихся) внесена в базу").wait_for()
    page.goto(f"{demo_school}/people/?q=Ёлкин")
    assert "Ёлкин Матвей Петрович" in page.content()


def open_pairs_menu(page, item):
    page.get_by_role("button", name="Пары").click()
    page.locator("nav").get_by_role("link", name=item, exact=True).click()


def test_it_matches_the_waiting_mentees_and_keeps_the_draft_pairs(page, demo_school):
    log_in(page, demo_school, "curator")
    open_pairs_menu(page, "Подбор пар")
    page.get_by_role("heading", name="Подбор пар").wait_for()
    proposed = page.locator("tbody tr input[type=checkbox]").count()
    assert proposed > 0
    page.get_by_role("button", name="Принять все").click()
    page.get_by_role("heading", name="Пары и группы").wait_for()
    assert "Сформирован" in page.locator(".alert").first.inner_text()
    page.get_by_label("Статус", exact=True).select_option(label="Проект (ждёт приказа)")
    page.get_by_role("button", name="Найти").click()
    page.get_by_text("Найдено:").wait_for()
    # The two drafts of the demo's draft order and every accepted row.
    assert page.locator("tbody tr").count() >= min(proposed + 2, 50)


def test_it_lets_the_director_register_the_draft_order_and_decide_the_replacement(page, demo_school):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, demo_school, "director")
    open_pairs_menu(page, "Приказы")
    page.get_by_role("link", name="№ 131-од", exact=False).click()
    page.get_by_role("button", name="Зарегистрировать").click()
    page.get_by_text("Зарегистрирован").first.wait_for()
    assert page.get_by_role("button", name="Зарегистрировать").count() == 0

    open_pairs_menu(page, "Замена наставника")
    page.get_by_role("link", name="Рассмотреть").click()
    page.get_by_role("button", name="Удовлетворить").click()
    page.get_by_text("Удовлетворено").first.wait_for()


def test_it_lets_the_mentor_mark_a_row_done_and_record_a_meeting(page, demo_school):
    log_in(page, demo_school, "mentor")
    page.get_by_role("heading", name="Мои наставляемые").wait_for()
    overdue = page.locator("#overdue")
    task = overdue.locator("[data-row] > div").first.inner_text()
    overdue.get_by_role("button", name="Выполнено").first.click()
    page.get_by_text(f"«{task}» — выполнено.").wait_for()
    page.get_by_role("link", name="Записать встречу").first.click()
    page.get_by_role("heading", name="Новая встреча").wait_for()
    page.get_by_label("Вид встречи").select_option(label="Рабочая встреча")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.locator("#id_day").fill(yesterday.isoformat())
    page.get_by_label("Время").fill("15:00")
    page.get_by_label("Статус").select_option(label="Состоялась")
    page.locator("#id_topic").fill("Разобрали ошибки в контрольной")
    page.get_by_role("button", name="Сохранить").click()
    page.locator("#meetings").get_by_text("Разобрали ошибки в контрольной").wait_for()


def test_it_lets_the_mentee_propose_an_item_for_the_mentor_to_accept(page, demo_school):
    log_in(page, demo_school, "mentee")
    page.get_by_role("link", name="Моя пара").first.click()
    page.locator("tbody a").first.click()
    page.get_by_role("link", name="Открыть план").click()
    page.get_by_role("heading", name="Индивидуальный план").wait_for()
    page.get_by_role("link", name="Предложить в план").click()
    page.get_by_label("Что добавить в план").fill("Подготовиться к школьной олимпиаде по биологии")
    page.get_by_role("button", name="Отправить наставнику").click()
    page.get_by_text("Предложение отправлено наставнику").wait_for()
    log_out(page)
    log_in(page, demo_school, "mentor")
    page.locator("#proposals").get_by_role(
        "link", name="Подготовиться к школьной олимпиаде по биологии"
    ).click()
    row = page.locator("tr", has_text="Подготовиться к школьной олимпиаде по биологии")
    row.get_by_role("button", name="Принять в план").click()
    page.get_by_text("Предложение принято в план.").wait_for()


def test_it_shows_the_curator_which_pairs_need_attention(page, demo_school):
    log_in(page, demo_school, "curator")
    page.get_by_role("button", name="Пары").click()
    page.locator("nav").get_by_role("link", name="Работа пар").click()
    page.get_by_role("heading", name="Работа пар и групп").wait_for()
    page.locator('[data-flag-count="no_meeting"]').click()
    page.get_by_text("ни одной состоявшейся встречи за последние 30 дней").wait_for()
    assert page.locator("tbody [data-flag=no_meeting]").count() >= 1
    assert page.locator("tbody tr[data-pair]").count() == page.locator("tbody [data-flag=no_meeting]").count()
