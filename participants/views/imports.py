"""Excel import: upload a list, look at the preview, confirm or cancel. Curator only.

The book is read once, on upload; the preview page shows the kept result of its check, «Проверить
заново» (or another kind of list) checks the kept rows again, and the confirmation checks them once more
before writing. The file is never kept, nor its name: an upload is «Загрузка от ДД.ММ.ГГГГ ЧЧ:ММ».
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from mentoring.access import allow
from mentoring.downloads import XLSX, file_response
from mentoring.roles import Role
from participants.forms.imports import ImportUploadForm
from participants.importing import ImportPreview, ImportRejected
from participants.models import ImportUpload
from participants.services.imports import (
    cancel_upload,
    confirm_upload,
    keep_result,
    recheck_upload,
    store_upload,
    stored_preview,
)

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
            sheet=form.cleaned_data["sheet"],
            kind=form.cleaned_data["kind"],
        )
        return redirect("import_preview", upload_id=upload.pk)
    recent = request.access.scope(ImportUpload).select_related("user").defer("rows", "result")[:10]
    return render(
        request,
        "participants/imports/upload.html",
        {"form": form, "recent": recent, "programme": request.access.programme},
    )


# The filled-in examples of each list, kept with the project's fixtures (fixtures/import_samples).
SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "import_samples"


@allow(Role.CURATOR, methods=("GET",))
def import_sample(request, kind: str):
    if kind not in Kind.values:
        raise Http404("Такого образца нет.")
    label = Kind(kind).label
    return file_response(
        (SAMPLES / f"{kind}.xlsx").read_bytes(), f"Образец — {label.lower()}.xlsx", content_type=XLSX
    )


@allow(Role.CURATOR)
def import_preview(request, upload_id: int):
    # The rows are read only to check them again or to import them.
    uploads = ImportUpload.objects.select_related("programme", "user").defer("rows")
    upload = request.access.get(uploads, pk=upload_id)
    programme = upload.programme or request.access.programme
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            return _cancel(request, upload)
        return _confirm(request, upload, programme, _kind_from(request, upload))
    if upload.imported_at:
        return render(request, "participants/imports/preview.html", {"upload": upload, "done": True})
    if "kind" in request.GET:  # «Проверить заново», or another kind of list
        preview = recheck_upload(upload=upload, programme=programme, kind=_kind_from(request, upload))
    else:
        preview = stored_preview(upload)
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
        # Nothing was written; the page and the next look at it show the errors found now.
        keep_result(upload=upload, preview=rejected.preview)
        messages.error(request, "Файл не загружен: в нём есть ошибки. Исправьте их и загрузите файл снова.")
        return _render_preview(request, upload, rejected.preview)
    except ValidationError as error:
        if error.code == "already_imported":
            messages.info(request, error.messages[0])
            return redirect(_base_url(upload.kind))
        messages.error(request, error.messages[0])
        return redirect("import_upload")
    upload.kind = preview.kind
    messages.success(request, f"{upload.label} внесена в базу: {preview.summary}.")
    return redirect(_base_url(preview.kind))


def _cancel(request, upload: ImportUpload):
    if cancel_upload(upload=upload):
        messages.success(request, f"{upload.label} отменена: её строки удалены с сервера.")
    else:
        messages.info(request, f"{upload.label} уже внесена в базу, отменять нечего: её строки удалены.")
    return redirect("import_upload")
