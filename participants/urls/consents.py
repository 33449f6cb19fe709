from django.urls import path

from participants.views import consents

urlpatterns: list = [
    path("people/<int:person_id>/consents/new/", consents.consent_create, name="consent_create"),
    path("people/<int:person_id>/consent-form.pdf", consents.consent_form_pdf, name="consent_form_pdf"),
    path("consents/<int:scanned_consent_id>/scan/", consents.consent_scan, name="consent_scan"),
    path("consents/<int:consent_id>/scan/upload/", consents.consent_attach_scan, name="consent_attach_scan"),
    path("consents/<int:consent_id>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
]
