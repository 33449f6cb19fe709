"""Results of pairs; see pairs/views/results.py."""

from django.urls import path

from pairs.views import results

urlpatterns = [
    path("pairs/<int:pair_id>/results/", results.pair_results, name="pair_results"),
    path("pairs/members/<int:member_id>/my-word/", results.mentee_word, name="mentee_word"),
]
