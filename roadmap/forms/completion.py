from django import forms

from mentoring.forms import DateInput, SubmitOnceForm


class OfferChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        person = obj.mentee.person
        details = person.class_label or person.position
        return f"{person.full_name}{', ' + details if details else ''}"


class NextProgrammeForm(SubmitOnceForm):
    name = forms.CharField(label="Название новой программы", max_length=300)
    start_date = forms.DateField(label="Начало", widget=DateInput())
    end_date = forms.DateField(label="Окончание", widget=DateInput())
    offers = OfferChoice(
        label="Внести в базу наставников как кандидатов",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Завершили программу наставляемыми и хотят сами стать наставниками.",
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers
        self.fields["name"].error_messages["required"] = "Назовите новую программу."
        self.fields["start_date"].error_messages["required"] = "Укажите дату начала."
        self.fields["end_date"].error_messages["required"] = "Укажите дату окончания."


def _comparable(name: str) -> str:
    """A name as typed, without quotes, case and repeated spaces: «Путь к успеху!» = путь к  успеху!"""
    return " ".join(name.replace("«", "").replace("»", "").replace('"', "").split()).casefold()


class ClosingForm(forms.Form):
    """Closing is irreversible: the curator types the programme's name, so a stray or forged POST
    (a CSRF token alone) closes nothing."""

    confirm_name = forms.CharField(
        label="Чтобы подтвердить, введите название программы",
        max_length=300,
        error_messages={"required": "Введите название программы: так вы подтверждаете её завершение."},
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["confirm_name"].help_text = f"Название: «{programme.name}». Отменить завершение нельзя."

    def clean_confirm_name(self) -> str:
        typed = self.cleaned_data["confirm_name"]
        if _comparable(typed) != _comparable(self.programme.name):
            raise forms.ValidationError(
                f"Название не совпадает: введите «{self.programme.name}», чтобы завершить именно эту программу."
            )
        return typed
