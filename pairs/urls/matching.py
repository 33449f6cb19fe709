"""Match suggestions and «подобрать пары»; see pairs/views/matching.py."""

from django.urls import path

from pairs.views import matching

urlpatterns = [
    path("pairs/suggestions/mentee/<int:mentee_id>/", matching.mentee_suggestions, name="mentee_suggestions"),
    path("pairs/matching/", matching.match_draft, name="match_draft"),
]
