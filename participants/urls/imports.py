from django.urls import path

from participants.views import imports

urlpatterns = [
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<int:upload_id>/", imports.import_preview, name="import_preview"),
    path("import/sample/<slug:kind>.xlsx", imports.import_sample, name="import_sample"),
]
