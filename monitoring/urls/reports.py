"""The stage 1 report and the SWOT analysis."""

from django.urls import path

from monitoring.views import reports

urlpatterns = [
    path("monitoring/reports/process/", reports.report_process, name="report_process"),
    path("monitoring/reports/process/pdf/", reports.report_process_pdf, name="report_process_pdf"),
    path("monitoring/reports/process/xlsx/", reports.report_process_xlsx, name="report_process_xlsx"),
    path("monitoring/reports/process/answers/", reports.report_process_raw, name="report_process_raw"),
    path("monitoring/swot/", reports.swot_edit, name="swot_edit"),
    path("monitoring/my-pairs/", reports.mentor_summary, name="mentor_summary"),
]
