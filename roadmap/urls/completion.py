"""Closing the programme and starting the next year's; see roadmap/views/completion.py."""

from django.urls import path

from roadmap.views import completion

urlpatterns = [
    path("roadmap/closing/", completion.programme_closing, name="programme_closing"),
    path("roadmap/closing/complete/", completion.programme_complete, name="programme_complete"),
    path("roadmap/closing/next-year/", completion.programme_next, name="programme_next"),
]
