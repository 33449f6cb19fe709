"""Excel import: upload a list, look at the preview, confirm. Curator only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from mentoring.access import allow
from mentoring.roles import Role
from participants.forms.imports import ImportUploadForm
from participants.importing import ImportPreview, ImportRejected, preview_upload
from participants.models import ImportUpload
from participants.services.imports import confirm_upload, store_upload

Kind = ImportUpload.Kind
BASE_LISTS = {
    Kind.STUDENTS: "person_list",
    Kind.STAFF: "person_list",
    Kind.MENTEES: "mentee_list",
    Kind.MENTORS: "mentor_list",
}
# A file with thousands of wrong rows still gives a page that opens: the rest is only counted.
SHOWN_ERRORS = 300


def _base_url(kind: str) -> str:
    try:
        return reverse(BASE_LISTS.get(kind, "person_list"))
    except NoReverseMatch:
        return reverse("import_upload")


def _kind_from(request, upload: ImportUpload) -> str | None:
    kind = request.POST.get("kind") or request.GET.get("kind") or upload.kind
    return kind if kind in Kind.values else None


@allow(Role.CURATOR)
def import_upload(request):
    # The base lists link here with ?kind=mentees / mentors, so the form starts on that kind.
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind", "")}
    )
    if request.method == "POST" and form.is_valid():
        upload = store_upload(
            organisation=request.access.organisation,
            programme=request.access.programme,
            user=request.user,
            file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
        return redirect("import_preview", upload_id=upload.pk)
    recent = request.access.scope(ImportUpload).select_related("user")[:10]
    return render(
        request,
        "participants/imports/upload.html",
        {"form": form, "recent": recent, "programme": request.access.programme},
    )


@allow(Role.CURATOR)
def import_preview(request, upload_id: int):
    upload = request.access.get(ImportUpload.objects.select_related("programme", "user"), pk=upload_id)
    programme = upload.programme or request.access.programme
    kind = _kind_from(request, upload)
    if request.method == "POST":
        return _confirm(request, upload, programme, kind)
    if upload.imported_at:
        return render(request, "participants/imports/preview.html", {"upload": upload, "done": True})
    preview = preview_upload(upload=upload, programme=programme, kind=kind)
    return _render_preview(request, upload, preview)


def _render_preview(request, upload: ImportUpload, preview: ImportPreview):
    row_errors = preview.row_errors
    return render(
        request,
        "participants/imports/preview.html",
        {
            "upload": upload,
            "preview": preview,
            "row_errors": row_errors[:SHOWN_ERRORS],
            "error_count": len(row_errors),
            "hidden_errors": max(0, len(row_errors) - SHOWN_ERRORS),
            "kinds": Kind.choices,
        },
    )


def _confirm(request, upload: ImportUpload, programme, kind):
    try:
        preview = confirm_upload(upload=upload, programme=programme, kind=kind, user=request.user)
    except ImportRejected as rejected:
        messages.error(request, "Файл не загружен: в нём есть ошибки. Исправьте их и загрузите файл снова.")
        return _render_preview(request, upload, rejected.preview)
    except ValidationError as error:
        if error.code == "already_imported":
            messages.info(request, error.messages[0])
            return redirect(_base_url(upload.kind))
        messages.error(request, error.messages[0])
        return redirect("import_upload")
    messages.success(request, f"Файл «{upload.original_name}» загружен: {preview.summary}.")
    return redirect(_base_url(preview.kind))
