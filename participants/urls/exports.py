from django.urls import path

from participants.views import exports

urlpatterns = [
    path("mentees/export.xlsx", exports.mentee_export, name="mentee_export"),
    path("mentors/export.xlsx", exports.mentor_export, name="mentor_export"),
]
