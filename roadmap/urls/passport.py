"""The programme passport with its KPI table."""

from django.urls import path

from roadmap.views import passport as views

urlpatterns = [
    path("roadmap/passport/", views.passport, name="passport"),
    path("roadmap/passport/edit/", views.passport_edit, name="passport_edit"),
    path("roadmap/passport/approve/", views.passport_approve, name="passport_approve"),
    path("roadmap/passport/pdf/", views.passport_pdf, name="passport_pdf"),
    path("roadmap/passport/xlsx/", views.passport_xlsx, name="passport_xlsx"),
    path("roadmap/passport/indicators/new/", views.indicator_create, name="indicator_create"),
    path("roadmap/passport/indicators/<int:indicator_id>/edit/", views.indicator_edit, name="indicator_edit"),
    path(
        "roadmap/passport/indicators/<int:indicator_id>/delete/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("roadmap/passport/indicators/<int:indicator_id>/move/", views.indicator_move, name="indicator_move"),
]
