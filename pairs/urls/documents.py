"""The agreement PDF of a mentee's pair and the .xlsx export of pairs; see pairs/views/documents.py."""

from django.urls import path

from pairs.views import documents

urlpatterns = [
    path(
        "pairs/members/<int:member_id>/agreement.pdf", documents.pair_agreement_pdf, name="pair_agreement_pdf"
    ),
    path("pairs/export.xlsx", documents.pair_export, name="pair_export"),
]
