"""Writes of the cases of best practice: the curator writes a pair's or a group's work up as a case,
adds photos, publishes it once everyone it is about has agreed to publication, and may take it back.

Nothing of a completed programme changes."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mentoring import uploads
from mentoring.editing import check_version
from mentoring.guards import ensure_programme_open
from mentoring.models import MentoringForm, Programme, User
from pairs.models import Pair
from participants.selectors.consents import today
from roadmap.models import Case, CasePhoto
from roadmap.selectors.cases import publication_blockers

CASE_FIELDS = ("pair", "form", "title", "problem", "actions", "result", "quotes")
TEXT_FIELDS = ("title", "problem", "actions", "result", "quotes")
# What a photo may be (JPEG or PNG, ≤ 5 МБ, ≤ 40 Мп) and how it is checked: ``mentoring.uploads``.
MAX_PHOTO_BYTES = uploads.CASE_PHOTO.max_bytes


def _clean(programme: Programme, fields: dict) -> dict:
    errors = {}
    for name in TEXT_FIELDS:
        fields[name] = (fields.get(name) or "").strip()
    if not fields["title"]:
        errors["title"] = "Назовите кейс: например, «Как алгебра стала любимым предметом»."
    for name, text in (
        ("problem", "Опишите, с чем пришли участники: проблему или запрос."),
        ("actions", "Опишите, что делали наставник и наставляемые."),
        ("result", "Опишите, что получилось в итоге."),
    ):
        if not fields[name]:
            errors[name] = text
    pair: Pair | None = fields.get("pair")
    if pair is not None and pair.programme_id != programme.pk:
        errors["pair"] = "Эта пара не из программы кейса."
    elif pair is not None and pair.status == Pair.Status.DRAFT:
        errors["pair"] = "Пара ещё не закреплена приказом: о её работе писать рано."
    form: MentoringForm | None = fields.get("form") or (pair.form if pair is not None else None)
    fields["form"] = form
    if form is None:
        errors["form"] = "Выберите форму наставничества."
    elif pair is not None and form.pk != pair.form_id:
        errors["form"] = f"Пара работает в форме «{pair.form}»: выберите её."
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_case(
    *,
    programme: Programme,
    title: str,
    problem: str,
    actions: str,
    result: str,
    quotes: str = "",
    pair: Pair | None = None,
    form: MentoringForm | None = None,
    user: User | None = None,
) -> Case:
    ensure_programme_open(programme)
    fields = _clean(
        programme,
        {
            "pair": pair,
            "form": form,
            "title": title,
            "problem": problem,
            "actions": actions,
            "result": result,
            "quotes": quotes,
        },
    )
    return Case.objects.create(programme=programme, created_by=user, **fields)


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("programme").get(pk=case.pk)


@transaction.atomic
def update_case(*, case: Case, version: int, user: User | None = None, **fields) -> Case:
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    current = _locked(case)
    ensure_programme_open(current.programme)
    merged = {name: fields.get(name, getattr(current, name)) for name in CASE_FIELDS}
    merged = _clean(current.programme, merged)
    check_version(current=current, version=version, fields={name: merged[name] for name in fields})
    pair_changed = (merged["pair"].pk if merged["pair"] else None) != current.pair_id
    for name, value in merged.items():
        setattr(current, name, value)
    if current.status == Case.Status.PUBLISHED and pair_changed:
        blockers = publication_blockers(current, today())
        if blockers:
            raise ValidationError(
                {
                    "pair": "Кейс опубликован, а у этой пары нет согласия на публикацию у: "
                    f"{', '.join(blockers)}. Снимите кейс с публикации или выберите другую пару."
                }
            )
    current.version += 1
    current.save()
    return current


@transaction.atomic
def publish_case(*, case: Case, user: User | None = None, day: date | None = None) -> Case:
    """Publish only what everyone named in it agreed to: the mentor and each mentee of the pair."""
    current = _locked(case)
    ensure_programme_open(current.programme)
    if current.status == Case.Status.PUBLISHED:
        return current
    day = day or today()
    blockers = publication_blockers(current, day)
    if blockers:
        raise ValidationError(
            "Кейс нельзя опубликовать: нет действующего согласия на публикацию фотографий и кейсов "
            f"на сайте организации у: {', '.join(blockers)}. Отметьте это согласие в карточке "
            "участника, когда оно будет подписано."
        )
    current.status, current.published_on = Case.Status.PUBLISHED, day
    current.version += 1
    current.save(update_fields=["status", "published_on", "version"])
    return current


@transaction.atomic
def unpublish_case(*, case: Case, user: User | None = None) -> Case:
    current = _locked(case)
    ensure_programme_open(current.programme)
    if current.status != Case.Status.DRAFT:
        current.status, current.published_on = Case.Status.DRAFT, None
        current.version += 1
        current.save(update_fields=["status", "published_on", "version"])
    return current


def _delete_files_on_commit(files) -> None:
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.delete(save=False))


@transaction.atomic
def delete_case(*, case: Case, user: User | None = None) -> None:
    current = _locked(case)
    ensure_programme_open(current.programme)
    files = [photo.image for photo in current.photos.all()]
    current.delete()
    _delete_files_on_commit(files)


def photo_error(upload: UploadedFile) -> str:
    """Why an upload is not a photo we take, or ''."""
    try:
        uploads.check(upload, uploads.CASE_PHOTO)
    except ValidationError as error:
        return error.messages[0]
    return ""


@transaction.atomic
def add_photo(*, case: Case, upload: UploadedFile, caption: str = "", user: User | None = None) -> CasePhoto:
    current = _locked(case)
    ensure_programme_open(current.programme)
    try:
        # Decoded within the bound and saved anew: no EXIF (GPS, the phone), the orientation applied.
        checked = uploads.check(upload, uploads.CASE_PHOTO)
    except ValidationError as error:
        raise ValidationError({"image": error.messages[0]}) from None
    caption = caption.strip()
    if len(caption) > 300:
        raise ValidationError({"caption": "Подпись длиннее 300 знаков: сократите её."})
    photo = CasePhoto(case=current, caption=caption)
    uploads.store_checked(photo, "image", checked)
    return photo


@transaction.atomic
def delete_photo(*, photo: CasePhoto, user: User | None = None) -> None:
    current = CasePhoto.objects.select_related("case__programme").get(pk=photo.pk)
    ensure_programme_open(current.case.programme)
    stored = current.image
    current.delete()
    _delete_files_on_commit([stored])
