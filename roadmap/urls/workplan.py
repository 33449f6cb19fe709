"""workplan pages (being written)."""

urlpatterns: list = []
