from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Наставничество: организации и программы"

    def ready(self):
        from mentoring.navigation import register_nav
        from mentoring.roles import Role

        register_nav(
            label="Программы", url_name="programme_list", roles=(Role.CURATOR, Role.DIRECTOR), order=10
        )
        register_nav(
            label="Формы наставничества",
            url_name="mentoring_forms",
            roles=(Role.CURATOR, Role.DIRECTOR, Role.MUNICIPAL, Role.STAFF),
            order=90,
            group="Сервис",
        )
