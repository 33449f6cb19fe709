"""Excel import: upload a list, look at the preview, confirm. Curator only."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from mentoring.access import allow
from mentoring.plural import plural_ru
from mentoring.roles import Role
from participants.forms.imports import ImportUploadForm
from participants.importing import ImportPreview, ImportRejected, RowError, preview_import
from participants.importing.headers import LABELS
from participants.models import ImportUpload
from participants.services.imports import do_import

Kind = ImportUpload.Kind
BASE_LISTS = {
    Kind.STUDENTS: "person_list",
    Kind.STAFF: "person_list",
    Kind.MENTEES: "mentee_list",
    Kind.MENTORS: "mentor_list",
}
SHOWN_ERRORS = 300


def _base_url(kind: str) -> str:
    try:
        return reverse(BASE_LISTS.get(kind, "person_list"))
    except NoReverseMatch:
        return reverse("import_upload")


def _kind_from(request, upload: ImportUpload) -> str | None:
    kind = request.POST.get("kind") or request.GET.get("kind") or upload.kind
    return kind if kind in Kind.values else None


def _summary(preview: ImportPreview) -> str:
    created, updated = preview.to_create, preview.to_update
    return (
        f"{created} {plural_ru(created, 'новая запись,новые записи,новых записей')} и "
        f"{updated} {plural_ru(updated, 'обновлённая запись,обновлённые записи,обновлённых записей')}"
    )


@allow(Role.CURATOR)
def import_upload(request):
    # The base lists link here with ?kind=mentees / mentors, so the form starts on that kind.
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind", "")}
    )
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = ImportUpload(
            organisation=request.access.organisation,
            programme=request.access.programme,
            user=request.user,
            original_name=file.name[:255],
            kind=form.cleaned_data["kind"],
        )
        # The stored name says nothing about the list: a file name may carry a class or a person's name.
        upload.file.save(f"{uuid.uuid4().hex}.xlsx", file, save=False)
        upload.save()
        return redirect("import_preview", upload_id=upload.pk)
    recent = request.access.scope(ImportUpload).select_related("user")[:10]
    return render(
        request,
        "participants/imports/upload.html",
        {"form": form, "recent": recent, "programme": request.access.programme, "labels": LABELS},
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
    preview = _preview(upload, programme, kind)
    return _render_preview(request, upload, preview)


def _preview(upload: ImportUpload, programme, kind) -> ImportPreview:
    try:
        with upload.file.open("rb") as file:
            return preview_import(organisation=upload.organisation, programme=programme, file=file, kind=kind)
    except OSError:
        preview = ImportPreview(kind=kind or "")
        preview.errors.append(
            RowError(0, "", "Загруженный файл не найден на сервере. Загрузите его ещё раз.")
        )
        return preview


def _render_preview(request, upload, preview, status=200):
    return render(
        request,
        "participants/imports/preview.html",
        {
            "upload": upload,
            "preview": preview,
            "row_errors": preview.row_errors[:SHOWN_ERRORS],
            "hidden_errors": max(0, len(preview.row_errors) - SHOWN_ERRORS),
            "kinds": Kind.choices,
            "base_url": _base_url(preview.kind),
        },
        status=status,
    )


def _confirm(request, upload: ImportUpload, programme, kind):
    with transaction.atomic():
        # Two clicks on «Загрузить» (or two tabs): the second waits here and then sees the first's mark.
        locked = ImportUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.imported_at:
            messages.info(
                request,
                f"Файл «{locked.original_name}» уже загружен "
                f"{timezone.localtime(locked.imported_at):%d.%m.%Y в %H:%M}; повторно он не загружается.",
            )
            return redirect(_base_url(locked.kind))
        try:
            with locked.file.open("rb") as file:
                preview = do_import(
                    organisation=locked.organisation,
                    programme=programme,
                    file=file,
                    kind=kind,
                    user=request.user,
                    file_name=locked.original_name,
                )
        except ImportRejected as rejected:
            messages.error(
                request, "Файл не загружен: в нём есть ошибки. Исправьте их и загрузите файл снова."
            )
            return _render_preview(request, locked, rejected.preview)
        except OSError:
            messages.error(request, "Загруженный файл не найден на сервере. Загрузите его ещё раз.")
            return redirect("import_upload")
        locked.imported_at = timezone.now()
        locked.kind = preview.kind
        locked.save(update_fields=["imported_at", "kind"])
    messages.success(request, f"Файл «{locked.original_name}» загружен: {_summary(preview)}.")
    return redirect(_base_url(preview.kind))
