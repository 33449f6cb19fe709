from django.urls import path

from participants.views import training

urlpatterns: list = [
    path("training/", training.training_list, name="training_list"),
    path("training/new/", training.training_create, name="training_create"),
    path("training/<int:course_id>/", training.training_detail, name="training_detail"),
    path("training/<int:course_id>/attendance/", training.training_attendance, name="training_attendance"),
    path("training/<int:course_id>/complete/", training.training_complete, name="training_complete"),
]
