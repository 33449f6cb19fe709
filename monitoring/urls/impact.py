"""impact pages (being written)."""

urlpatterns: list = []
