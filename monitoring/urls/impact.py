"""The stage 2 report: entry against exit."""

from django.urls import path

from monitoring.views import impact

urlpatterns = [
    path("monitoring/reports/impact/", impact.report_impact, name="report_impact"),
    path("monitoring/reports/impact/pdf/", impact.report_impact_pdf, name="report_impact_pdf"),
    path("monitoring/reports/impact/xlsx/", impact.report_impact_xlsx, name="report_impact_xlsx"),
    path("monitoring/reports/impact/measurements/", impact.report_impact_raw, name="report_impact_raw"),
]
