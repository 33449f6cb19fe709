"""Preferences after the common meeting of mentors and mentees."""

from django.urls import path

from pairs.views import preferences

urlpatterns = [
    path("pairs/preferences/", preferences.preference_list, name="preference_list"),
    path("pairs/preferences/mine/", preferences.my_preferences, name="my_preferences"),
    path(
        "pairs/preferences/mentee/<int:mentee_id>/", preferences.preference_mentee, name="preference_mentee"
    ),
    path(
        "pairs/preferences/mentor/<int:mentor_id>/", preferences.preference_mentor, name="preference_mentor"
    ),
]
