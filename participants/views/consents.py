"""Consents on a person's card: record with the scan, open the scan, withdraw, print the blank form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from mentoring.access import allow
from mentoring.downloads import stored_file_response
from mentoring.forms import apply_errors
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.submissions import submit_once
from participants.forms.consents import ConsentForm, ScanForm, WithdrawalForm
from participants.models import Consent, Person
from participants.selectors import consent_records
from participants.selectors.people import access_person
from participants.services import consents as service
from participants.services.access_log import Action, log_access

READERS = (Role.CURATOR, Role.DIRECTOR)


def person_card_url(person: Person) -> str:
    """The person's card (routed by the bases area); the home page until it is."""
    try:
        return reverse("person_detail", kwargs={"person_id": person.pk})
    except NoReverseMatch:
        return reverse("home")


def _consent(request, consent_id: int) -> Consent:
    return request.access.get(Consent.objects.select_related("person__organisation"), pk=consent_id)


@allow(Role.CURATOR)
def consent_create(request, person_id: int):
    person = access_person(request.access, person_id)
    if person.is_pseudonymised:
        messages.error(
            request, "Данные участника обезличены после отзыва согласия: новое согласие не внести."
        )
        return redirect(person_card_url(person))
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            consent = service.record_consent(
                person=person,
                user=request.user,
                scan=data.get("scan") or None,
                **{
                    k: data[k]
                    for k in (
                        "signer",
                        "signed_on",
                        "allows_processing",
                        "allows_publication",
                        "representative_name",
                        "representative_relation",
                        "representative_document",
                        "expires_on",
                    )
                },
            )
            messages.success(request, f"Согласие от {consent.signed_on:%d.%m.%Y} внесено.")
            return person_card_url(person)

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
            return redirect(url)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "participants/consents/consent_form.html",
        {"form": form, "person": person, "card_url": person_card_url(person)},
    )


@allow(Role.CURATOR, methods=("POST",))
def consent_attach_scan(request, consent_id: int):
    consent = _consent(request, consent_id)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            service.attach_scan(consent=consent, scan=form.cleaned_data["scan"], user=request.user)
            messages.success(request, f"Скан согласия от {consent.signed_on:%d.%m.%Y} сохранён.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(person_card_url(consent.person))


@allow(*READERS, methods=("GET",))
def consent_scan(request, scanned_consent_id: int):
    consent = _consent(request, scanned_consent_id)
    kind = (consent.scan.name or "").rsplit(".", 1)[-1].lower()
    response = stored_file_response(
        consent.scan,
        filename=f"Согласие от {consent.signed_on:%d.%m.%Y}.{kind}",
        content_type=service.SCAN_CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        person=consent.person,
        action=Action.SCAN,
        detail=f"Открыт скан согласия от {consent.signed_on:%d.%m.%Y}",
    )
    return response


@allow(Role.CURATOR)
def consent_withdraw(request, consent_id: int):
    consent = _consent(request, consent_id)
    person = consent.person
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and consent.withdrawn_on is None and form.is_valid():
        try:
            service.withdraw_consent(
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
            person.refresh_from_db()
            messages.success(
                request,
                f"Согласие отозвано. Данные участника обезличены: теперь он значится как «{person.full_name}».",
            )
            return redirect(person_card_url(person))
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "participants/consents/withdraw.html",
        {"form": form, "consent": consent, "person": person, "card_url": person_card_url(person)},
    )


@allow(*READERS, methods=("GET",))
def consent_form_pdf(request, person_id: int):
    person = access_person(request.access, person_id)
    if person.is_pseudonymised:
        raise Http404("Данные участника обезличены.")
    variant = consent_records.form_variant(person, request.GET.get("variant"))
    context = consent_records.consent_form_context(
        person=person,
        organisation=request.access.organisation,
        programme=request.access.programme,
        variant=variant,
    )
    pdf = render_pdf(template_name="participants/consents/form_pdf.html", context=context, request=request)
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        person=person,
        action=Action.VIEW,
        detail="Напечатан бланк согласия"
        + (" (для законного представителя)" if variant == consent_records.REPRESENTATIVE else ""),
    )
    initials = consent_records.short_name(person.full_name).replace(".", "").replace(" ", "_")
    return pdf_response(pdf, f"Согласие_{initials}.pdf")
