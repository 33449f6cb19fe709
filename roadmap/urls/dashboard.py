"""The director's dashboard."""

from django.urls import path

from roadmap.views import dashboard

urlpatterns = [
    path("roadmap/dashboard/", dashboard.director_dashboard, name="director_dashboard"),
]
