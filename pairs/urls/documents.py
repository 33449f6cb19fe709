"""Pages of this area; see pairs/views."""

urlpatterns: list = []
