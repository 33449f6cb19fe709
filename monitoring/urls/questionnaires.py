"""questionnaires pages (being written)."""

urlpatterns: list = []
