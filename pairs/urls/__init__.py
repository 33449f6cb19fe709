"""The pairs app's pages, one module per area."""

from pairs.urls import documents, matching, orders, pairs, preferences, replacements

urlpatterns = (
    pairs.urlpatterns
    + documents.urlpatterns
    + matching.urlpatterns
    + preferences.urlpatterns
    + orders.urlpatterns
    + replacements.urlpatterns
)
