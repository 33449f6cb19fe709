"""The programme's closing report."""

from django.urls import path

from roadmap.views import closing

urlpatterns = [
    path("roadmap/closing-report.pdf", closing.closing_report_pdf, name="closing_report_pdf"),
]
