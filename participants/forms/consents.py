"""Forms of the consents area: record a signed consent, attach its scan, withdraw it."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from mentoring.uploads import CONSENT_SCAN, CheckedFileField
from participants.models import Consent, Person

SCAN_HELP = f"Скан или фотография подписанного бланка: PDF, JPEG или PNG, не больше {CONSENT_SCAN.limit}."


class ConsentForm(forms.Form):
    signer = forms.ChoiceField(
        label="Кто подписал", choices=Consent.Signer.choices, widget=forms.RadioSelect, initial="self"
    )
    representative_name = forms.CharField(label="ФИО законного представителя", max_length=300, required=False)
    representative_relation = forms.CharField(
        label="Кем приходится участнику",
        max_length=100,
        required=False,
        help_text="Например: мать, отец, опекун, попечитель.",
    )
    representative_document = forms.CharField(
        label="Документ представителя",
        max_length=300,
        required=False,
        help_text="Паспорт: серия, номер, кем и когда выдан. Можно не заполнять, если он есть на скане.",
    )
    signed_on = forms.DateField(label="Дата подписания", widget=DateInput())
    expires_on = forms.DateField(
        label="Действует до",
        widget=DateInput(),
        required=False,
        help_text="Оставьте пустым, если срок в согласии не указан.",
    )
    allows_processing = forms.BooleanField(
        label="Согласие на обработку персональных данных для участия в программе наставничества",
        initial=True,
        error_messages={
            "required": "Без этого пункта согласие не действует: отметьте его, если он подписан."
        },
    )
    allows_publication = forms.BooleanField(
        label="Отдельное согласие на публикацию фотографий и кейсов на сайте организации",
        required=False,
    )
    scan = CheckedFileField(
        policy=CONSENT_SCAN, label="Скан подписанного согласия", required=False, help_text=SCAN_HELP
    )
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())
            self.initial.setdefault("signed_on", timezone.localdate())
        if person.is_minor:
            # Only a legal representative signs for a minor: the choice is made, the fields are a must.
            self.fields["signer"].choices = [(Consent.Signer.REPRESENTATIVE, "Законный представитель")]
            self.fields["signer"].initial = Consent.Signer.REPRESENTATIVE
            self.fields[
                "signer"
            ].help_text = "Участник несовершеннолетний: согласие подписывает представитель."
            for name in ("representative_name", "representative_relation"):
                self.fields[name].required = True
            self.initial.setdefault("representative_name", person.representative_name)
            self.initial.setdefault("representative_relation", person.representative_relation)
        self.fields["representative_name"].error_messages["required"] = "Укажите ФИО законного представителя."
        self.fields["representative_relation"].error_messages["required"] = (
            "Укажите, кем представитель приходится участнику."
        )

    def clean(self):
        data = super().clean()
        if data.get("signer") == Consent.Signer.REPRESENTATIVE:
            if not data.get("representative_name") and "representative_name" not in self.errors:
                self.add_error("representative_name", "Укажите ФИО законного представителя.")
            if not data.get("representative_relation") and "representative_relation" not in self.errors:
                self.add_error("representative_relation", "Укажите, кем представитель приходится участнику.")
        return data


class ScanForm(forms.Form):
    scan = CheckedFileField(
        policy=CONSENT_SCAN,
        label="Скан подписанного согласия",
        help_text=SCAN_HELP,
        error_messages={"required": "Выберите файл скана."},
    )


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DateInput())
    reason = forms.CharField(
        label="Основание отзыва",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «заявление матери от 12.10.2026». Не пишите здесь фамилию участника.",
        error_messages={"required": "Укажите основание отзыва."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("withdrawn_on", timezone.localdate())
