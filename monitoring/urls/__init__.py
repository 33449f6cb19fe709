"""Monitoring's pages, one module per area."""

from monitoring.urls import answering, campaigns, impact, questionnaires, reports

urlpatterns = (
    questionnaires.urlpatterns
    + campaigns.urlpatterns
    + answering.urlpatterns
    + reports.urlpatterns
    + impact.urlpatterns
)
