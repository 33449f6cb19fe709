from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта и паспорт"

    def ready(self):
        from roadmap import registrations  # noqa: F401 — programme set-up, menus, the director's home
