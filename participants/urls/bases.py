from django.urls import path

from participants.views import mentees, overview, own, people

urlpatterns = [
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path("mentees/", mentees.mentee_list, name="mentee_list"),
    path("mentees/new/", mentees.mentee_create, name="mentee_create"),
    path("mentees/<int:mentee_id>/", mentees.mentee_detail, name="mentee_detail"),
    path("mentees/<int:mentee_id>/edit/", mentees.mentee_edit, name="mentee_edit"),
    path("mentees/<int:mentee_id>/requests/", mentees.mentee_request_add, name="mentee_request_add"),
    path("requests/<int:request_id>/delete/", mentees.mentee_request_delete, name="mentee_request_delete"),
    path("request-map/", overview.request_map, name="request_map"),
    path("lists/", overview.vocabulary, name="vocabulary"),
    path("access-log/", overview.access_log, name="access_log"),
    path("me/", own.my_record, name="my_record"),
    path("my-mentees/", own.my_mentees, name="my_mentees"),
]
