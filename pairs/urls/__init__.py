"""The pairs app's pages, one module per area."""

from pairs.urls import (
    documents,
    matching,
    orders,
    pairs,
    preferences,
    replacements,
    results,
    work,
    work_documents,
)

urlpatterns = (
    pairs.urlpatterns
    + documents.urlpatterns
    + matching.urlpatterns
    + preferences.urlpatterns
    + orders.urlpatterns
    + replacements.urlpatterns
    + results.urlpatterns
    + work.urlpatterns
    + work_documents.urlpatterns
)
