"""Cases of best practice: the list with search, a case's page, its photos and its A4 print."""

from django.urls import path

from roadmap.views import cases

urlpatterns = [
    path("roadmap/cases/", cases.case_list, name="case_list"),
    path("roadmap/cases/new/", cases.case_create, name="case_create"),
    path("roadmap/cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("roadmap/cases/<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("roadmap/cases/<int:case_id>/publish/", cases.case_publish, name="case_publish"),
    path("roadmap/cases/<int:case_id>/delete/", cases.case_delete, name="case_delete"),
    path("roadmap/cases/<int:case_id>/photos/", cases.case_photo_add, name="case_photo_add"),
    path("roadmap/cases/<int:case_id>/pdf/", cases.case_pdf, name="case_pdf"),
    path("roadmap/case-photos/<int:photo_id>/", cases.case_photo, name="case_photo"),
    path("roadmap/case-photos/<int:photo_id>/delete/", cases.case_photo_delete, name="case_photo_delete"),
]
