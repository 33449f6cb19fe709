"""Answering questionnaires: on the account, or through a personal link (no login)."""

from django.urls import path

from monitoring.views import answering

urlpatterns = [
    path("monitoring/my/", answering.my_questionnaires, name="my_questionnaires"),
    path("monitoring/my/<int:invitation_id>/", answering.invitation_answer, name="invitation_answer"),
    path("q/<str:token>/", answering.answer_by_link, name="answer_by_link"),
]
