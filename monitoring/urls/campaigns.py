"""campaigns pages (being written)."""

urlpatterns: list = []
