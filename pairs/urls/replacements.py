"""Replacement of the mentor: requests and the director's decisions."""

from django.urls import path

from pairs.views import replacements

urlpatterns = [
    path(
        "pairs/members/<int:member_id>/replacement/",
        replacements.replacement_create,
        name="replacement_create",
    ),
    path("pairs/replacements/", replacements.replacement_list, name="replacement_list"),
    path("pairs/replacements/mine/", replacements.replacement_mine, name="replacement_mine"),
    path(
        "pairs/replacements/<int:replacement_id>/decide/",
        replacements.replacement_decide,
        name="replacement_decide",
    ),
]
