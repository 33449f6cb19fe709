from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Наставничество: организации и программы"

    def ready(self):
        from mentoring import django_fixes
        from mentoring.navigation import register_nav
        from mentoring.roles import Role
        from mentoring.uploads import install_image_bounds

        # Pillow refuses images over the upload bound in every process, WeasyPrint's decoding too.
        install_image_bounds()

        # Malformed input Django 5.2 answers with a 500: an id no column holds in «in», an impossible
        # year in the admin's date hierarchy.
        django_fixes.install()

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
