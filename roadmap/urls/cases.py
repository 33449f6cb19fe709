"""cases pages (being written)."""

urlpatterns: list = []
