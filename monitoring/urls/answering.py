"""answering pages (being written)."""

urlpatterns: list = []
