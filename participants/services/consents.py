"""Consents to the processing of personal data (152-ФЗ): recording, scans, withdrawal.

A withdrawal erases who the person is (a stable pseudonym replaces the name; contacts, birth date and
scans are deleted) but keeps what the programme must still report on: mentee and mentor rows,
requests, pairs, answers and measurements stay, attached to the pseudonymised person.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mentoring import uploads
from participants import hooks
from participants.models import Consent, Mentor, Person
from participants.selectors.consents import today
from participants.services.access_log import Action, log_access
from participants.services.mentees import withdraw_from_mentee_bases
from participants.services.mentors import move_mentor_stage

# What a scan may be (PDF, JPEG or PNG, ≤ 10 МБ) and how it is checked: ``mentoring.uploads``.
MAX_SCAN_SIZE = uploads.CONSENT_SCAN.max_bytes
SCAN_CONTENT_TYPES = {code: uploads.KINDS[code].content_type for code in uploads.CONSENT_SCAN.kinds}
# Left in a consent signed by a representative: the schema wants a name there, the law wants it gone.
ERASED = "сведения удалены"


def _ru_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


# --- the scan -----------------------------------------------------------------------------------


def checked_scan(scan) -> uploads.CheckedFile:
    """The scan as it will be stored, recognised and opened by its content; refuse anything else."""
    try:
        return uploads.check(scan, uploads.CONSENT_SCAN)
    except ValidationError as error:
        raise ValidationError({"scan": error.messages[0]}) from None


def _delete_after_commit(storage: Storage, name: str) -> None:
    """Remove a file once the change that dropped it is committed; a rolled-back change keeps it."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _store_scan(consent: Consent, scan: uploads.CheckedFile) -> None:
    # Our own name, not the uploaded one: the upload may carry a child's name or a false extension.
    consent.scan.save(f"scan.{scan.extension}", scan, save=False)
    consent.scan_name = scan.original_name


# --- recording ----------------------------------------------------------------------------------


@transaction.atomic
def record_consent(
    *,
    person: Person,
    user,
    signer: str,
    signed_on: date,
    allows_processing: bool = True,
    allows_publication: bool = False,
    representative_name: str = "",
    representative_relation: str = "",
    representative_document: str = "",
    expires_on: date | None = None,
    scan=None,
) -> Consent:
    """Record a signed consent of ``person`` (and store the scan of the paper, if given)."""
    representative_name = (representative_name or "").strip()
    representative_relation = (representative_relation or "").strip()
    representative_document = (representative_document or "").strip()
    errors: dict[str, str] = {}
    # Re-read under a lock: the card the curator filled in may predate a withdrawal saved meanwhile.
    person = Person.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=person.pk)
    if person.is_pseudonymised:
        raise ValidationError(
            "Данные этого участника обезличены после отзыва согласия: новое согласие к такой записи "
            "не внести. Если человек вернулся в программу, добавьте его заново."
        )
    if signer not in Consent.Signer.values:
        errors["signer"] = "Укажите, кто подписал согласие."
    elif person.is_minor and signer != Consent.Signer.REPRESENTATIVE:
        errors["signer"] = "Участник несовершеннолетний: согласие за него подписывает законный представитель."
    if signer == Consent.Signer.REPRESENTATIVE:
        if not representative_name:
            errors["representative_name"] = "Укажите ФИО законного представителя, подписавшего согласие."
        if not representative_relation:
            errors["representative_relation"] = "Укажите, кем представитель приходится участнику."
    if not allows_processing:
        errors["allows_processing"] = (
            "Без согласия на обработку персональных данных участника нельзя включить в программу: "
            "отметьте этот пункт, если он подписан."
        )
    if signed_on is None:
        errors["signed_on"] = "Укажите дату подписания."
    elif signed_on > today():
        errors["signed_on"] = "Дата подписания не может быть в будущем."
    if expires_on is not None and signed_on is not None and expires_on < signed_on:
        errors["expires_on"] = "Срок действия не может закончиться раньше даты подписания."
    checked = None
    if scan is not None:
        try:
            checked = checked_scan(scan)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)

    consent = Consent(
        person=person,
        signer=signer,
        representative_name=representative_name if signer == Consent.Signer.REPRESENTATIVE else "",
        representative_relation=representative_relation if signer == Consent.Signer.REPRESENTATIVE else "",
        representative_document=representative_document if signer == Consent.Signer.REPRESENTATIVE else "",
        signed_on=signed_on,
        allows_processing=True,
        allows_publication=bool(allows_publication),
        expires_on=expires_on,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if checked:
        _store_scan(consent, checked)
    try:
        consent.save()
    except Exception:
        if consent.scan:
            consent.scan.storage.delete(consent.scan.name)
        raise
    who = "законным представителем" if signer == Consent.Signer.REPRESENTATIVE else "самим участником"
    log_access(
        user=user,
        organisation=person.organisation,
        person=person,
        action=Action.CONSENT,
        detail=f"Внесено согласие от {_ru_date(signed_on)}, подписано {who}"
        + (", со сканом" if checked else ""),
    )
    return consent


@transaction.atomic
def attach_scan(*, consent: Consent, scan, user) -> Consent:
    """Add the scan of a recorded consent, or replace it (the old file is deleted)."""
    consent = (
        Consent.objects.select_for_update(of=("self",))
        .select_related("person__organisation")
        .get(pk=consent.pk)
    )
    if consent.withdrawn_on or consent.person.is_pseudonymised:
        raise ValidationError({"scan": "Согласие отозвано: скан к нему больше не загружается."})
    checked = checked_scan(scan)
    old_name = consent.scan.name if consent.scan else ""
    _store_scan(consent, checked)
    try:
        consent.save(update_fields=["scan", "scan_name"])
    except Exception:
        consent.scan.storage.delete(consent.scan.name)
        raise
    _delete_after_commit(consent.scan.storage, old_name)
    log_access(
        user=user,
        organisation=consent.person.organisation,
        person=consent.person,
        action=Action.CONSENT,
        detail=f"{'Заменён' if old_name else 'Загружен'} скан согласия от {_ru_date(consent.signed_on)}",
    )
    return consent


# --- withdrawal and pseudonymisation ------------------------------------------------------------


def pseudonym_for(person_pk: int) -> str:
    """«Участник 7F3A2C»: the same for the same person every time, guessable by nobody without the key."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"participants.person:{person_pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"Участник {digest[:6].upper()}"


def _erase_user(person: Person) -> None:
    account = person.user
    if account is None:
        return
    account.is_active = False
    account.username = f"withdrawn-{account.pk}"
    account.first_name = ""
    account.last_name = ""
    account.middle_name = ""
    account.email = ""
    account.set_unusable_password()
    account.save(
        update_fields=["is_active", "username", "first_name", "last_name", "middle_name", "email", "password"]
    )


def _pseudonymise(person: Person) -> None:
    last_name, first_name = pseudonym_for(person.pk).split(" ", 1)
    _erase_user(person)
    erased = {
        "last_name": last_name,
        "first_name": first_name,
        "middle_name": "",
        "birth_date": None,
        "class_letter": "",
        # A post such as «заместитель директора по УВР» names one person in a school.
        "position": "",
        "subjects": "",
        "employer": "",
        "email": "",
        "phone": "",
        "representative_name": "",
        "representative_relation": "",
        "representative_phone": "",
        "representative_email": "",
        "external_id": "",
        "user": None,
        "pseudonymised_at": timezone.now(),
    }
    # A card left open in another tab must not write the name back: bump the edit version.
    Person.objects.filter(pk=person.pk).update(**erased, version=F("version") + 1, updated_at=timezone.now())
    person.refresh_from_db()


def _erase_mentor_texts(person: Person) -> None:
    """Free-text answers and achievements tell who wrote them; stage, contour and topics stay for reports."""
    Mentor.objects.filter(person=person).update(
        competences="",
        achievements="",
        interests="",
        motivation="",
        experience="",
        expectations="",
        interviewer="",
        interview_conclusion="",
    )


def _step_mentor_aside(*, person: Person, user) -> None:
    """A mentor without consent cannot stay «Готов к работе» (or anywhere in the funnel): the reserve."""
    mentor = Mentor.objects.filter(person=person).exclude(stage=Mentor.Stage.RESERVE).first()
    if mentor is not None:
        move_mentor_stage(mentor=mentor, stage=Mentor.Stage.RESERVE, user=user)


@transaction.atomic
def withdraw_consent(*, consent: Consent, withdrawn_on: date, reason: str, user) -> Consent:
    """The person (or the representative) withdrew the consent: stop processing, erase who they are."""
    consent = (
        Consent.objects.select_for_update(of=("self",))
        .select_related("person__organisation")
        .get(pk=consent.pk)
    )
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=consent.person_id)
    )
    reason = (reason or "").strip()
    if consent.withdrawn_on is not None:
        raise ValidationError(f"Согласие уже отозвано {_ru_date(consent.withdrawn_on)}.")
    errors: dict[str, str] = {}
    if withdrawn_on is None:
        errors["withdrawn_on"] = "Укажите дату отзыва."
    elif withdrawn_on > today():
        errors["withdrawn_on"] = "Дата отзыва не может быть в будущем."
    elif withdrawn_on < consent.signed_on:
        errors["withdrawn_on"] = (
            f"Дата отзыва не может быть раньше даты подписания ({_ru_date(consent.signed_on)})."
        )
    in_force = person.consents.filter(withdrawn_on__isnull=True).exclude(pk=consent.pk)
    latest = in_force.order_by("-signed_on").values_list("signed_on", flat=True).first()
    if withdrawn_on is not None and "withdrawn_on" not in errors and latest and withdrawn_on < latest:
        # Every consent in force is withdrawn with this one: none may end before it was signed.
        errors["withdrawn_on"] = (
            f"У участника есть согласие, подписанное позже ({_ru_date(latest)}): "
            "дата отзыва не может быть раньше этого дня."
        )
    if not reason:
        errors["reason"] = "Укажите основание отзыва, например: «заявление матери от 12.10.2026»."
    if errors:
        raise ValidationError(errors)

    # The person withdrew consent to processing as such: no other consent of theirs stays in force.
    others = person.consents.select_for_update().filter(withdrawn_on__isnull=True).exclude(pk=consent.pk)
    others.update(withdrawn_on=withdrawn_on, withdrawal_reason=reason)
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_reason = reason
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])

    # Every paper of the person goes: the scans, who signed them, their documents.
    for each in person.consents.select_for_update():
        if each.scan:
            _delete_after_commit(each.scan.storage, each.scan.name)
    person.consents.update(scan="", scan_name="", representative_document="")
    person.consents.exclude(representative_name="").update(representative_name=ERASED)

    from participants.services.imports import forget_person_in_uploads  # uploads naming them go, too

    forget_person_in_uploads(person=person)
    _pseudonymise(person)
    # Processing stops: the person's active pairs end before the mentor steps aside.
    hooks.consent_withdrawn(person=person, day=withdrawn_on, user=user)
    _step_mentor_aside(person=person, user=user)
    # After the pairs ended (they put the mentee back to «ожидает»): the mentee waits for nobody now.
    withdraw_from_mentee_bases(person)
    _erase_mentor_texts(person)
    log_access(
        user=user,
        organisation=person.organisation,
        person=person,
        action=Action.WITHDRAW,
        detail=f"Согласие от {_ru_date(consent.signed_on)} отозвано {_ru_date(withdrawn_on)}; "
        "персональные данные обезличены, сканы удалены",
    )
    consent.refresh_from_db()
    return consent
