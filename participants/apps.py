from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники"

    def ready(self):
        from participants import registrations  # noqa: F401 — registers menus and figures
