"""What a person does in the browser again and again: log in and out of the demo school."""


def log_in(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Логин").fill(username)
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Войти").click()


def log_out(page):
    page.locator("nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Выйти").click()
    page.get_by_role("heading", name="Вы вышли из системы").wait_for()
