"""The pages of pairs and groups; see pairs/views/pairs.py."""

from django.urls import path

from pairs.views import pairs

urlpatterns = [
    path("pairs/", pairs.pair_list, name="pair_list"),
    path("pairs/new/", pairs.pair_create, name="pair_create"),
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair_detail"),
    path("pairs/<int:pair_id>/edit/", pairs.pair_edit, name="pair_edit"),
    path("pairs/<int:pair_id>/delete/", pairs.pair_delete, name="pair_delete"),
    path("pairs/<int:pair_id>/complete/", pairs.pair_complete, name="pair_complete"),
    path("pairs/<int:pair_id>/terminate/", pairs.pair_terminate, name="pair_terminate"),
    path("pairs/members/<int:member_id>/offer-mentor/", pairs.mentor_offer, name="mentor_offer"),
]
