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
