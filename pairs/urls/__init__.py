"""The pairs app's pages, one module per area."""

from pairs.urls import matching, orders, pairs, preferences, replacements

urlpatterns = (
    pairs.urlpatterns
    + matching.urlpatterns
    + preferences.urlpatterns
    + orders.urlpatterns
    + replacements.urlpatterns
)
