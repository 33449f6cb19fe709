"""The work of pairs: individual plans and their templates, meetings, the curator's overview and the
mentor's home; see pairs/views/plans.py, meetings.py, plan_templates.py and work.py."""

from django.urls import path

from pairs.views import meetings, plan_templates, plans, work

urlpatterns = [
    path("pairs/work/", work.work_overview, name="work_overview"),
    path("my/", work.mentor_desk, name="mentor_desk"),
    path("plans/start/<int:member_id>/", plans.plan_start, name="plan_start"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/goal/", plans.plan_goal, name="plan_goal"),
    path("plans/<int:plan_id>/rows/new/", plans.plan_row_add, name="plan_row_add"),
    path("plans/<int:plan_id>/propose/", plans.plan_propose, name="plan_propose"),
    path("plans/<int:plan_id>/comment/", plans.plan_comment, name="plan_comment"),
    path("plans/rows/<int:row_id>/edit/", plans.plan_row_edit, name="plan_row_edit"),
    path("plans/rows/<int:row_id>/done/", plans.plan_row_done, name="plan_row_done"),
    path("plans/rows/<int:row_id>/delete/", plans.plan_row_delete, name="plan_row_delete"),
    path("plans/rows/<int:row_id>/decide/", plans.plan_row_decide, name="plan_row_decide"),
    path("pairs/<int:pair_id>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("plan-templates/", plan_templates.template_list, name="plan_template_list"),
    path("plan-templates/new/", plan_templates.template_create, name="plan_template_create"),
    path("plan-templates/<int:template_id>/", plan_templates.template_detail, name="plan_template_detail"),
    path(
        "plan-templates/<int:template_id>/customise/",
        plan_templates.template_customise,
        name="plan_template_customise",
    ),
    path("plan-templates/<int:template_id>/edit/", plan_templates.template_edit, name="plan_template_edit"),
    path(
        "plan-templates/<int:template_id>/delete/",
        plan_templates.template_delete,
        name="plan_template_delete",
    ),
]
