"""Awards of mentors."""

from django.urls import path

from roadmap.views import awards

urlpatterns = [
    path("roadmap/awards/", awards.award_list, name="award_list"),
    path("roadmap/awards/new/", awards.award_create, name="award_create"),
    path("roadmap/awards/<int:award_id>/decide/", awards.award_decide, name="award_decide"),
    path("roadmap/awards/<int:award_id>/delete/", awards.award_delete, name="award_delete"),
    path("roadmap/awards/<int:award_id>/pdf/", awards.award_pdf, name="award_pdf"),
]
