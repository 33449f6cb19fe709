"""The year's work plan."""

from django.urls import path

from roadmap.views import workplan

urlpatterns = [
    path("roadmap/work-plan/", workplan.work_plan, name="work_plan"),
    path("roadmap/work-plan/month/", workplan.work_plan_month, name="work_plan_month"),
    path("roadmap/work-plan/new/", workplan.work_event_create, name="work_event_create"),
    path("roadmap/work-plan/<int:event_id>/edit/", workplan.work_event_edit, name="work_event_edit"),
    path("roadmap/work-plan/<int:event_id>/status/", workplan.work_event_status, name="work_event_status"),
    path("roadmap/work-plan/<int:event_id>/delete/", workplan.work_event_delete, name="work_event_delete"),
    path("roadmap/work-plan/pdf/", workplan.work_plan_pdf, name="work_plan_pdf"),
    path("roadmap/work-plan/xlsx/", workplan.work_plan_xlsx, name="work_plan_xlsx"),
]
