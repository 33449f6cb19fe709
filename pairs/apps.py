from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Пары и группы"

    def ready(self):
        from pairs import registrations  # noqa: F401 — registers menus, figures and participants hooks
