"""roadmap pages (being written)."""

urlpatterns: list = []
