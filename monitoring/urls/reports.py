"""reports pages (being written)."""

urlpatterns: list = []
