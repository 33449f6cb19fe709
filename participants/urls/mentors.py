from django.urls import path

from participants.views import mentors

urlpatterns: list = [
    path("mentors/", mentors.mentor_list, name="mentor_list"),
    path("mentors/new/", mentors.mentor_create, name="mentor_create"),
    path("mentors/<int:mentor_id>/", mentors.mentor_detail, name="mentor_detail"),
    path("mentors/<int:mentor_id>/edit/", mentors.mentor_edit, name="mentor_edit"),
    path("mentors/<int:mentor_id>/questionnaire/", mentors.mentor_questionnaire, name="mentor_questionnaire"),
    path("mentors/<int:mentor_id>/interview/", mentors.mentor_interview, name="mentor_interview"),
    path("mentors/<int:mentor_id>/stage/", mentors.mentor_stage, name="mentor_stage"),
]
