"""The roadmap app's pages, one module per area."""

from roadmap.urls import awards, cases, closing, completion, dashboard, passport, roadmap, workplan

urlpatterns = (
    roadmap.urlpatterns
    + passport.urlpatterns
    + workplan.urlpatterns
    + dashboard.urlpatterns
    + cases.urlpatterns
    + awards.urlpatterns
    + completion.urlpatterns
    + closing.urlpatterns
)
