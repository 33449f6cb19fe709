"""Print and export of the work of pairs; see pairs/views/work_documents.py."""

from django.urls import path

from pairs.views import work_documents

urlpatterns = [
    path("plans/<int:plan_id>/pdf/", work_documents.plan_pdf, name="plan_pdf"),
    path("plans/export/", work_documents.plans_export, name="plans_export"),
    path("meetings/export/", work_documents.meetings_export, name="meetings_export"),
]
