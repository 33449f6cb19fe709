"""The questionnaire builder and the characteristics stage 2 measures."""

from django.urls import path

from monitoring.views import characteristics, questionnaires

urlpatterns = [
    path("monitoring/questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("monitoring/questionnaires/new/", questionnaires.questionnaire_create, name="questionnaire_create"),
    path(
        "monitoring/questionnaires/<int:questionnaire_id>/",
        questionnaires.questionnaire_detail,
        name="questionnaire_detail",
    ),
    path(
        "monitoring/questionnaires/<int:questionnaire_id>/edit/",
        questionnaires.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "monitoring/questionnaires/<int:questionnaire_id>/sections/add/",
        questionnaires.section_add,
        name="section_add",
    ),
    path(
        "monitoring/sections/<int:section_id>/rename/", questionnaires.section_rename, name="section_rename"
    ),
    path(
        "monitoring/sections/<int:section_id>/delete/", questionnaires.section_delete, name="section_delete"
    ),
    path(
        "monitoring/questionnaires/<int:questionnaire_id>/questions/add/",
        questionnaires.question_add,
        name="question_add",
    ),
    path("monitoring/questions/<int:question_id>/edit/", questionnaires.question_edit, name="question_edit"),
    path(
        "monitoring/questions/<int:question_id>/delete/",
        questionnaires.question_delete,
        name="question_delete",
    ),
    path("monitoring/questions/<int:question_id>/move/", questionnaires.question_move, name="question_move"),
    path("monitoring/characteristics/", characteristics.characteristic_list, name="characteristic_list"),
    path(
        "monitoring/characteristics/measured/",
        characteristics.characteristics_measured,
        name="characteristics_measured",
    ),
    path("monitoring/characteristics/add/", characteristics.characteristic_add, name="characteristic_add"),
]
