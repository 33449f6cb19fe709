"""passport pages (being written)."""

urlpatterns: list = []
