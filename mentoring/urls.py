from django.contrib import admin
from django.urls import include, path

from mentoring.discovery import app_modules
from mentoring.views import auth, home, municipal, programmes, reference

admin.site.site_header = "Наставничество — администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Справочники и учётные записи"

urlpatterns = [
    path("", home.home, name="home"),
    path("role/", home.switch_role, name="switch_role"),
    path("organisation/", home.switch_organisation, name="switch_organisation"),
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("password/change/", auth.password_change, name="password_change"),
    path("password/change/done/", auth.password_change_done, name="password_change_done"),
    path("password/reset/", auth.password_reset, name="password_reset"),
    path("password/reset/sent/", auth.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/complete/", auth.password_reset_complete, name="password_reset_complete"),
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<int:programme_id>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:programme_id>/edit/", programmes.programme_edit, name="programme_edit"),
    path(
        "programmes/<int:programme_id>/make-current/",
        programmes.programme_make_current,
        name="programme_make_current",
    ),
    path("forms/", reference.mentoring_forms, name="mentoring_forms"),
    path(
        "district/organisations/<int:organisation_id>/",
        municipal.organisation_detail,
        name="municipal_organisation",
    ),
    path("admin/", admin.site.urls),
]


def _feature_app_urls() -> list:
    """Each of our apps above the core routes its own pages from ``<app>/urls.py``."""
    return [path("", include(name)) for name, _ in app_modules("urls") if name != "mentoring.urls"]


urlpatterns += _feature_app_urls()
