"""The roadmap of a programme."""

from django.urls import path

from roadmap.views import documents, roadmap

urlpatterns = [
    path("roadmap/", roadmap.roadmap, name="roadmap"),
    path("roadmap/stages/<int:stage_number>/add/", roadmap.item_add, name="roadmap_item_add"),
    path("roadmap/items/<int:item_id>/edit/", roadmap.item_edit, name="roadmap_item_edit"),
    path("roadmap/items/<int:item_id>/delete/", roadmap.item_delete, name="roadmap_item_delete"),
    path("roadmap/items/<int:item_id>/evidence/", roadmap.evidence_add, name="roadmap_evidence_add"),
    path("roadmap/evidence/<int:evidence_id>/", roadmap.evidence_file, name="roadmap_evidence_file"),
    path(
        "roadmap/evidence/<int:evidence_id>/delete/", roadmap.evidence_delete, name="roadmap_evidence_delete"
    ),
    path("roadmap/mine/", roadmap.my_items, name="roadmap_mine"),
    path("roadmap/pdf/", documents.roadmap_pdf, name="roadmap_pdf"),
    path("roadmap/xlsx/", documents.roadmap_xlsx, name="roadmap_xlsx"),
]
