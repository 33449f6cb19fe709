"""Campaigns: launching a questionnaire, following the response rate, printing the links."""

from django.urls import path

from monitoring.views import campaigns

urlpatterns = [
    path("monitoring/campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("monitoring/campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("monitoring/campaigns/<int:campaign_id>/", campaigns.campaign_detail, name="campaign_detail"),
    path("monitoring/campaigns/<int:campaign_id>/close/", campaigns.campaign_close, name="campaign_close"),
    path("monitoring/campaigns/<int:campaign_id>/links/", campaigns.campaign_links, name="campaign_links"),
]
