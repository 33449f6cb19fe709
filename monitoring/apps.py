from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Мониторинг"

    def ready(self):
        from monitoring import registrations  # noqa: F401 — menus, desk panels, programme set-up, withdrawal
