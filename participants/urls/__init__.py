"""The participants app's pages, one module per area."""

from participants.urls import bases, consents, exports, imports, mentors, training

urlpatterns = (
    bases.urlpatterns
    + consents.urlpatterns
    + imports.urlpatterns
    + exports.urlpatterns
    + mentors.urlpatterns
    + training.urlpatterns
)
